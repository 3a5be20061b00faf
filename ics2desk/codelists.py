"""Code lists: the HTI ones (CL0xx/CL7xx from CODELISTS.md) plus the public lists the HTI
only references (ISO 3166 countries, UN/ECE Rec 21 package types, UN/LOCODE, customs offices).

Sources and dates of each file are in resources/codelists/SOURCES.md.
"""
from __future__ import annotations

import json
from functools import lru_cache

from .paths import resource_path

# Lists we ship from another public source, keyed by the HTI code list they stand for.
_EXTERNAL = {
    "CL718": "countries.json",
    "CL017": "package_types.json",
    "CL244": "unlocode.json",
    "CL141": "customs_offices.json",
}

# Package types for which C3035/C3036 forbid marks and number of packages (bulk/unpacked).
BULK_PACKAGE_TYPES = frozenset({"VQ", "VG", "VL", "VY", "VR", "VS", "VO", "NE", "NF", "NG"})


@lru_cache(maxsize=1)
def _hti() -> dict:
    return json.loads(resource_path("codelists", "hti.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def entries(list_id: str) -> list[dict]:
    """All entries of a code list as dicts with at least 'code' and 'en'; [] when not shipped."""
    if list_id in _hti():
        return _hti()[list_id]["values"]
    file = _EXTERNAL.get(list_id)
    if file is None:
        return []
    path = resource_path("codelists", file)
    if not path.exists():
        return []
    rows = json.loads(path.read_text(encoding="utf-8"))
    for row in rows:
        row.setdefault("en", row.get("name", ""))
    return rows


@lru_cache(maxsize=None)
def codes(list_id: str) -> frozenset[str]:
    return frozenset(e["code"] for e in entries(list_id))


def is_closed(list_id: str | None) -> bool:
    """True when we ship the complete list, so a value outside it is an error.

    UN/LOCODE and customs offices are partial here (the full lists are in CS/RD2): they
    feed completion, never rejection.
    """
    return bool(list_id) and list_id not in ("CL244", "CL141") and bool(entries(list_id))


def description(list_id: str, code: str, lang: str = "en") -> str:
    for e in entries(list_id):
        if e["code"] == code:
            return e.get(lang) or e.get("en", "")
    return ""


@lru_cache(maxsize=1)
def eu_member_states() -> frozenset[str]:
    """CL717: the ICS2 Member States (including XI, Northern Ireland)."""
    return codes("CL717")


def postcode_optional(country: str) -> bool:
    """C3034: the postcode is optional only where CL733 gives the country indicator 'C'."""
    for e in entries("CL733"):
        if e["code"] == country:
            return e["en"] == "C"
    return False
