"""Code lists: the HTI ones (CL0xx/CL7xx from CODELISTS.md) plus the public lists the HTI
only references (ISO 3166 countries, UN/ECE Rec 21 package types, UN/LOCODE, customs offices).

Sources and dates of each file are in resources/codelists/SOURCES.md.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from .errors import BadInputError
from .paths import data_dir, resource_path

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


@lru_cache(maxsize=1)
def _hti_french() -> dict:
    path = resource_path("codelists", "hti_fr.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@lru_cache(maxsize=None)
def entries(list_id: str) -> list[dict]:
    """All entries of a code list as dicts with at least 'code' and 'en'; [] when not shipped."""
    if list_id in _hti():
        french = _hti_french().get(list_id, {})
        countries = {c["code"]: c.get("fr") for c in entries("CL718")} if list_id == "CL717" else {}
        return [dict(e, fr=french.get(e["code"]) or countries.get(e["code"]) or e["en"])
                for e in _hti()[list_id]["values"]]
    file = _EXTERNAL.get(list_id)
    if file is None:
        return []
    path = resource_path("codelists", file)
    rows = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    if list_id in USER_EXTENSIBLE:
        rows = _merge(rows, _user_rows(list_id))
    for row in rows:
        row.setdefault("en", row.get("name", ""))
    return rows


#: Lists the office extends with its own entries (CS/RD2 lists we cannot ship in full).
USER_EXTENSIBLE = {"CL141": "customs_offices.json", "CL244": "unlocode.json"}


def user_list_path(list_id: str):
    return data_dir() / "codelists" / USER_EXTENSIBLE[list_id]


def _user_rows(list_id: str) -> list[dict]:
    path = user_list_path(list_id)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise BadInputError(f"cannot read the office's own code list {path}: {exc}") from None


def _merge(shipped: list[dict], own: list[dict]) -> list[dict]:
    by_code = {r["code"]: r for r in shipped}
    by_code.update({r["code"]: dict(r, source=r.get("source", "added by the office")) for r in own})
    return sorted(by_code.values(), key=lambda r: r["code"])


def add_customs_office(code: str, name: str, source: str = "added by the office") -> None:
    """Add (or correct) a customs office in the office's own list; CL141 is not public."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{6}", code):
        raise BadInputError(f"{code!r} is not a customs office reference (2 letters + 6 characters, e.g. FR620001)")
    path = user_list_path("CL141")
    rows = [r for r in _user_rows("CL141") if r["code"] != code]
    rows.append({"code": code, "name": name, "country": code[:2], "source": source})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(rows, key=lambda r: r["code"]), ensure_ascii=False, indent=1), encoding="utf-8")
    entries.cache_clear()
    codes.cache_clear()


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


@lru_cache(maxsize=1)
def locode_complete_countries() -> frozenset[str]:
    """Countries whose UN/LOCODE entries we ship in full (a code there that we lack is wrong)."""
    path = resource_path("codelists", "unlocode.json")
    if not path.exists():
        return frozenset()
    return frozenset(r["country"] for r in json.loads(path.read_text(encoding="utf-8")))
