"""Cell values as hauliers write them -> values as ICS2 wants them.

Numbers: "12 450,75" (French, with a space, no-break or narrow no-break space as thousands
separator), "12.450,75", "12,450.75", "12450.75", or a number cell. Dates and times: a date
cell, "26/11/2026 10:30" or "26/11/26 10h30" in Paris time, ISO, or an ICS2 UTC stamp.
A value that cannot be read is returned as typed: the validator then names the field and
its expected format at that cell (one finding, with its rule ID, not two).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from .. import codelists
from ..timeinput import DESK_ZONE
from .reader import cell_text

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")


def parse_decimal(value: Any) -> Decimal | None:
    """A number from a cell, or None when it is not one. One ',' or '.' alone is the decimal sign
    (a French list writes 950,25); with both, the last one is; grouping (spaces, or the other sign)
    must come in threes ('12 450,75', '1.234.567'), so '12,5,3' is not read as a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    text = _SPACES.sub(" ", str(value)).strip()
    sign = ""
    if text[:1] in "+-":
        sign, text = text[0], text[1:].strip()
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal_sign = "," if text.rfind(",") > text.rfind(".") else "."
    elif commas == 1:
        decimal_sign = ","
    elif dots == 1:
        decimal_sign = "."
    else:
        decimal_sign = None
    whole, fraction = (text.rsplit(decimal_sign, 1) if decimal_sign else (text, ""))
    if fraction and not fraction.isdigit():
        return None
    grouped = re.sub(r"[ ,.]", " ", whole).strip()
    if " " in grouped and not re.fullmatch(r"\d{1,3}( \d{3})+", grouped):
        return None
    digits = grouped.replace(" ", "")
    if not (digits.isdigit() or (digits == "" and fraction)):
        return None
    try:
        return Decimal(f"{sign}{digits or '0'}.{fraction or '0'}")
    except InvalidOperation:  # pragma: no cover - only digits reach here
        return None


def number_text(value: Any, decimals: int = 6) -> str:
    """'12 450,75' -> '12450.75'; '8400,000' -> '8400'; what cannot be read stays as typed
    (more decimals than ICS2 allows too: the validator says so, nothing is rounded silently)."""
    if isinstance(value, float):  # a number cell: binary noise (3100.4999999999995) is not the agent's
        value = round(value, decimals)
    number = parse_decimal(value)
    if number is None:
        return cell_text(value)
    return format(number.normalize(), "f")


def integer_text(value: Any) -> str:
    """'1 200' -> '1200'; '14,0' -> '14'; a fraction stays as typed (the validator says why)."""
    number = parse_decimal(value)
    if number is None or number != number.to_integral_value():
        return cell_text(value)
    return str(int(number))


def hs_code(value: Any) -> tuple[str, str | None]:
    """(HS sub-heading, combined nomenclature digits or None) from '0406 90', '0406.90.21', 40690 (a
    number cell that lost its leading zero)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s.\-]", "", cell_text(value))
    if text.isdigit() and len(text) in (5, 7, 9):
        text = "0" + text
    if text.isdigit() and len(text) >= 8:
        return text[:6], text[6:8]
    return text, None


def plate(value: Any) -> str:
    """'ab12 cde' -> 'AB12CDE' (registrations travel without spaces or dashes)."""
    return re.sub(r"[\s\-.]", "", cell_text(value)).upper()


def key_part(value: Any) -> str:
    return re.sub(r"\s+", " ", cell_text(value)).strip().upper()


# --- package types ---------------------------------------------------------------------------
_PACKAGE_WORDS = {
    "palette": "PX", "palettes": "PX", "pal": "PX", "pallet": "PX", "pallets": "PX", "plt": "PX",
    "carton": "CT", "cartons": "CT", "ctn": "CT", "colis": "PK", "package": "PK", "packages": "PK",
    "caisse": "CS", "caisses": "CS", "case": "CS", "cases": "CS", "boite": "BX", "boites": "BX", "box": "BX",
    "boxes": "BX", "sac": "BG", "sacs": "BG", "bag": "BG", "bags": "BG", "fut": "DR", "futs": "DR",
    "drum": "DR", "drums": "DR", "bobine": "RO", "bobines": "RO", "roll": "RO", "rolls": "RO",
    "vrac": "VY", "big bag": "JB", "big bags": "JB", "caisse palette": "PX",
}


def package_type(value: Any) -> str:
    """A CL017 code from 'PX', 'px', 'Palettes', 'Cartons', 'Pallet'; else the text as typed."""
    from .fields import normalise

    text = cell_text(value)
    if not text:
        return ""
    if text.upper() in codelists.codes("CL017"):
        return text.upper()
    word = normalise(text)
    if word in _PACKAGE_WORDS:
        return _PACKAGE_WORDS[word]
    for entry in codelists.entries("CL017"):
        for name in (entry.get("en"), entry.get("fr")):
            if name and normalise(name) in (word, word.rstrip("s")):
                return entry["code"]
    return text


# --- dates and times -------------------------------------------------------------------------
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_HM = re.compile(r"(\d{1,2})[:hH](\d{2})?(?::(\d{2}))?")


def parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    m = _YMD.match(text) or _DMY.match(text)
    if not m:
        return None
    a, b, c = (int(g) for g in m.groups())
    year, month, day = (a, b, c) if m.re is _YMD else (c if c > 99 else 2000 + c, b, a)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _parse_time(text: str) -> time | None:
    m = _HM.fullmatch(text.strip())
    if not m:
        return None
    hh, mm, ss = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if hh > 23 or mm > 59 or ss > 59:
        return None
    return time(hh, mm, ss)


def local_to_utc(day: date, at: time, zone: str = DESK_ZONE) -> str:
    local = datetime.combine(day, at).replace(tzinfo=ZoneInfo(zone))
    return local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_time(value: Any, day: date | None = None, zone: str = DESK_ZONE) -> str:
    """An ICS2 UTC stamp from a cell; a bare time ('10:30', '21h15') takes `day`. What cannot be
    read is returned as typed (the validator names the format)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return local_to_utc(value.date(), value.time().replace(microsecond=0), zone)
    if isinstance(value, time):
        return local_to_utc(day, value.replace(microsecond=0), zone) if day else cell_text(value)
    text = cell_text(value)
    if not text:
        return ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", text):
        return text
    try:  # ISO with an offset: 2026-11-26T10:30:00+01:00
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is not None:
            return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        pass
    only_time = _parse_time(text)
    if only_time is not None:
        return local_to_utc(day, only_time, zone) if day else text
    d = parse_date(text)
    if d is not None:
        rest = (_YMD.match(text) or _DMY.match(text))
        tail = text[rest.end():].strip(" T,à")
        at = _parse_time(tail) if tail else None
        if at is not None:
            return local_to_utc(d, at, zone)
    return text


def utc_plus(stamp: str, minutes: int) -> str | None:
    try:
        at = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return (at + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_date_of(stamp: str, zone: str = DESK_ZONE) -> date | None:
    try:
        at = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return at.astimezone(ZoneInfo(zone)).date()
