"""What agents type at a Calais desk, turned into what ICS2 wants. Qt-free.

Times: ICS2 wants UTC "YYYY-MM-DDThh:mm:ssZ"; a ferry booking says "01/12/26 21:15" in French
local time. Accepted (Paris time unless a zone is named):

- ``01/12/2026 21:15``, ``01/12/26 21:15``, ``1/12 21h15`` (year: the one nearest today),
  ``21:15`` (the day nearest now), ``2026-12-01 21:15``, seconds optional, ``21h`` alone;
- ``now`` / ``maintenant``, ``+2h``, ``+90min``, ``+1h30``, ``-15 min``, ``+1j``/``+1d``;
- a day word and a time: ``demain 6h``, ``aujourd'hui 14h30``, ``hier 22:10``, ``après-demain 7h``,
  ``tomorrow 06:00``, ``today 14:30`` (the desk's local day);
- a zone after the time: ``UTC``/``Z``, ``UK``/``London``/``Londres``/``GB`` (UK time),
  ``Paris``/``FR``;
- an ICS2 timestamp as is (``2026-12-01T20:15:00Z``).

"Now" is the desk's clock (``ics2desk.clock``), never the system's directly.

Numbers: the UI's locale. French ``12 450,75`` / ``12450,75`` / ``12.450,75``, English
``12,450.75``; the dot alone is always the decimal sign ICS2 itself uses (``12450.75``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import clock

DESK_ZONE = "Europe/Paris"  # Calais, Coquelles, Dunkerque
UK_ZONE = "Europe/London"  # Dover, Folkestone: what a ferry booking from the UK side says

#: words naming a zone after the time, lower case
ZONES = {"utc": "UTC", "z": "UTC", "gmt": UK_ZONE, "uk": UK_ZONE, "gb": UK_ZONE, "london": UK_ZONE,
         "londres": UK_ZONE, "bst": UK_ZONE, "paris": DESK_ZONE, "fr": DESK_ZONE, "france": DESK_ZONE,
         "cet": DESK_ZONE, "cest": DESK_ZONE}
NOW_WORDS = ("now", "maintenant", "mtn")

_ICS2 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_TIME = r"(?P<hh>\d{1,2})(?:\s*[:hH]\s*(?P<mm>\d{2})?(?::(?P<ss>\d{2}))?)?"
_DMY = re.compile(r"(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})(?:[/.\-](?P<y>\d{4}|\d{2}))?(?:\s+|\s*[T,à]\s*)" + _TIME)
_YMD = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\s+|T)" + _TIME)
_TIME_ONLY = re.compile(_TIME)
#: days after today (local) for the words agents use with a time
DAY_WORDS = {"aujourd'hui": 0, "aujourdhui": 0, "auj": 0, "today": 0, "demain": 1, "dem": 1, "tomorrow": 1,
             "hier": -1, "yesterday": -1, "après-demain": 2, "apres-demain": 2, "après demain": 2,
             "apres demain": 2}
_DAY_WORD = re.compile(r"(?P<word>" + "|".join(re.escape(w) for w in sorted(DAY_WORDS, key=len, reverse=True))
                       + r")\s*(?:à\s*|a\s+|at\s+)?" + _TIME)
_RELATIVE = re.compile(r"(?:(?P<base>now|maintenant|mtn)\s*)?(?P<sign>[+-])\s*(?P<n>\d+)\s*"
                       r"(?P<unit>h|heures?|hours?|min|mn|m|minutes?|j|jours?|d|days?)"
                       r"(?:\s*(?P<n2>\d{1,2})\s*(?:min|mn|m)?)?")


@dataclass(frozen=True)
class ParsedTime:
    utc: datetime  # aware, UTC
    zone: str  # the zone the agent meant (DESK_ZONE unless named)

    @property
    def stamp(self) -> str:
        return self.utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def _zone_of(text: str) -> tuple[str, str | None]:
    """('21:15', 'Europe/London') for '21:15 Londres'; the zone None when none is named."""
    m = re.fullmatch(r"(.*?)\s*\b([A-Za-z]+)\s*", text)
    if m and m.group(1) and m.group(2).lower() in ZONES:
        return m.group(1), ZONES[m.group(2).lower()]
    if text.endswith("Z") and not _ICS2.fullmatch(text) and re.search(r"\d\s*Z$", text):
        return text[:-1].rstrip(), "UTC"
    return text, None


def _nearest_year(day: int, month: int, hh: int, mm: int, ss: int, tz: ZoneInfo, now: datetime) -> datetime:
    """A date typed without its year is the one nearest now (December's '2/1' is next January)."""
    options = []
    for year in (now.year - 1, now.year, now.year + 1):
        try:
            options.append(datetime(year, month, day, hh, mm, ss, tzinfo=tz))
        except ValueError:
            continue
    if not options:
        raise ValueError("no such day")
    return min(options, key=lambda d: abs((d - now).total_seconds()))


def parse_time(text: str, zone: str = DESK_ZONE) -> ParsedTime | None:
    """The instant an agent typed, or None when `text` is none of the forms above."""
    text = " ".join(text.strip().split())
    if not text:
        return None
    if _ICS2.fullmatch(text):
        try:
            return ParsedTime(datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc), "UTC")
        except ValueError:
            return None
    body, named = _zone_of(text)
    zone = named or zone
    try:
        tz = ZoneInfo(zone)
    except ZoneInfoNotFoundError:
        return None
    now = clock.now()
    low = body.lower()
    if low in NOW_WORDS:
        return ParsedTime(now.replace(second=0, microsecond=0), zone)
    m = _RELATIVE.fullmatch(low)
    if m:
        n = int(m.group("n"))
        unit = m.group("unit")[0]
        delta = {"h": timedelta(hours=n), "m": timedelta(minutes=n), "j": timedelta(days=n),
                 "d": timedelta(days=n)}[unit]
        if m.group("n2"):
            if unit != "h":
                return None
            delta += timedelta(minutes=int(m.group("n2")))
        if m.group("sign") == "-":
            delta = -delta
        return ParsedTime((now + delta).replace(second=0, microsecond=0), zone)
    local_now = now.astimezone(tz)
    m = _DAY_WORD.fullmatch(low.replace("\u2019", "'"))
    if m:
        hh, mm, ss = int(m.group("hh")), int(m.group("mm") or 0), int(m.group("ss") or 0)
        day = local_now.date() + timedelta(days=DAY_WORDS[m.group("word")])
        try:
            local = datetime(day.year, day.month, day.day, hh, mm, ss, tzinfo=tz)
        except ValueError:
            return None
        return ParsedTime(local.astimezone(timezone.utc), zone)
    for pattern in (_DMY, _YMD, _TIME_ONLY):
        m = pattern.fullmatch(body)
        if not m:
            continue
        g = m.groupdict()
        hh, mm, ss = int(g["hh"]), int(g["mm"] or 0), int(g["ss"] or 0)
        if pattern is _TIME_ONLY and g["mm"] is None and not re.search(r"[hH]", body):
            return None  # a bare number is not a time
        try:
            if pattern is _TIME_ONLY:
                today = local_now.date()
                options = [datetime(d.year, d.month, d.day, hh, mm, ss, tzinfo=tz)
                           for d in (today - timedelta(days=1), today, today + timedelta(days=1))]
                local = min(options, key=lambda d: abs((d - now).total_seconds()))
            elif g.get("y") is None:
                local = _nearest_year(int(g["d"]), int(g["m"]), hh, mm, ss, tz, now)
            else:
                year = int(g["y"])
                year += 2000 if year < 100 else 0
                local = datetime(year, int(g["m"]), int(g["d"]), hh, mm, ss, tzinfo=tz)
        except ValueError:
            return None
        return ParsedTime(local.astimezone(timezone.utc), zone)
    return None


def to_ics2_utc(text: str, zone: str = DESK_ZONE) -> str | None:
    """UTC ICS2 timestamp for a local date-time typed at the desk; None when `text` is not one
    of the local forms (an ICS2 timestamp already, or something to leave to the validator)."""
    text = text.strip()
    if _ICS2.fullmatch(text):
        return None
    parsed = parse_time(text, zone)
    return parsed.stamp if parsed else None


def local_text(stamp: str, zone: str = DESK_ZONE) -> str | None:
    """'01/12/2026 21:15' (Paris) for the ICS2 timestamp '2026-12-01T20:15:00Z'; seconds only
    when there are some. None when `stamp` is not an ICS2 timestamp."""
    if not _ICS2.fullmatch(stamp or ""):
        return None
    try:
        utc = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        local = utc.astimezone(ZoneInfo(zone))
    except (ValueError, ZoneInfoNotFoundError):
        return None
    return local.strftime("%d/%m/%Y %H:%M:%S" if local.second else "%d/%m/%Y %H:%M")


def utc_text(stamp: str) -> str:
    """'2026-12-01 20:15 UTC' for an ICS2 timestamp: what stands beside a local time."""
    if not _ICS2.fullmatch(stamp or ""):
        return ""
    return stamp[:10] + " " + (stamp[11:19] if stamp[17:19] != "00" else stamp[11:16]) + " UTC"


def local_datetime(text: str, zone: str = DESK_ZONE) -> datetime | None:
    """The wall-clock time in `zone` that a field's kept value or typed text stands for (what
    the date-time picker opens on), to the minute; None when it reads as no time."""
    parsed = parse_time(text, zone)
    if parsed is None:
        return None
    return parsed.utc.astimezone(ZoneInfo(zone)).replace(second=0, microsecond=0)


def local_now(zone: str = DESK_ZONE) -> datetime:
    """The desk clock's now as the wall clock in `zone` shows it, to the minute."""
    return clock.now().astimezone(ZoneInfo(zone)).replace(second=0, microsecond=0)


def wall_text(year: int, month: int, day: int, hour: int, minute: int) -> str:
    """'01/12/2026 21:15': a picked day and hour written the way a time field shows a local time
    (local_text's form), so the field reads it like typed text."""
    return f"{day:02d}/{month:02d}/{year:04d} {hour:02d}:{minute:02d}"


# --- numbers -----------------------------------------------------------------------------
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_GROUPED = {",": re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d*)?"), ".": re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d*)?")}


def parse_number(text: str, lang: str = "en") -> str | None:
    """The number ICS2 wants ('12450.75') for what an agent typed in the UI's language, or None
    when `text` is not a number. French: comma decimal, spaces (or dots, with a comma) group
    thousands; English: dot decimal, commas group thousands. The dot alone is always a decimal
    sign (the form ICS2 and every printout use)."""
    raw = _SPACES.sub("", text.strip())
    if raw.startswith("+"):
        raw = raw[1:]
    if not raw or not re.fullmatch(r"[\d.,]+", raw) or not re.search(r"\d", raw):
        return None
    if "," in raw and "." in raw:
        group = "." if lang == "fr" else ","
        if raw.rfind(group) > raw.rfind("," if group == "." else "."):
            group = "," if group == "." else "."  # '12.450,75' in English, '12,450.75' in French
        if not _GROUPED[group].fullmatch(raw):
            return None
        raw = raw.replace(group, "").replace(",", ".")
    elif "," in raw:
        if lang != "fr" and _GROUPED[","].fullmatch(raw):
            raw = raw.replace(",", "")  # English grouping: '12,450'
        elif raw.count(",") == 1:
            raw = raw.replace(",", ".")  # the French decimal comma (also typed in the English UI)
        else:
            return None
    elif raw.count(".") > 1:
        if lang == "fr" and _GROUPED["."].fullmatch(raw):
            raw = raw.replace(".", "")
        else:
            return None
    if raw.startswith("."):
        raw = "0" + raw
    if raw.endswith("."):
        raw = raw[:-1]
    return raw


def number_text(value: str, lang: str = "en") -> str:
    """How a stored number reads in the UI's language: '12450.75' -> '12 450,75' (French, with
    a no-break space) or '12,450.75'. Anything else is shown as it is."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", value or ""):
        return value
    whole, _, fraction = value.partition(".")
    sep, dec = ("\u00a0", ",") if lang == "fr" else (",", ".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sep.join(groups) + (dec + fraction if fraction else "")
