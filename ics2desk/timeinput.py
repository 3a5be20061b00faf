"""Times as agents type them: ICS2 wants UTC "YYYY-MM-DDThh:mm:ssZ", a ferry booking says
"26/11/2026 10:30" in French local time. Turn what the agent types into what ICS2 wants."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DESK_ZONE = "Europe/Paris"  # Calais, Coquelles, Dunkerque

_FORMS = (
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?"), "dmy"),
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?"), "ymd"),
)


def to_ics2_utc(text: str, zone: str = DESK_ZONE) -> str | None:
    """UTC ICS2 timestamp for a local date-time typed at the desk; None when `text` is not one
    of the local forms (an ICS2 timestamp already, or something to leave to the validator)."""
    text = text.strip()
    if text.endswith("Z"):
        return None
    for pattern, order in _FORMS:
        m = pattern.fullmatch(text)
        if not m:
            continue
        a, b, c, hh, mm, ss = m.groups()
        day, month, year = (int(a), int(b), int(c)) if order == "dmy" else (int(c), int(b), int(a))
        try:
            local = datetime(year, month, day, int(hh), int(mm), int(ss or 0), tzinfo=ZoneInfo(zone))
        except (ValueError, ZoneInfoNotFoundError):
            return None
        return local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None
