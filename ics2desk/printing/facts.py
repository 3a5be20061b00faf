"""Print-ready facts pulled from an EnsDocument: texts and rows, no layout.

Keeps the summary and the truck sheet free of dataset paths, and gives tests one place that
says what each printed line should contain.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

from .. import codelists
from ..model import EnsDocument, Group

try:  # tzdata may be missing on Windows; then times print in UTC only
    from zoneinfo import ZoneInfo

    _PARIS = ZoneInfo("Europe/Paris")
except Exception:  # noqa: BLE001 - any failure just means no local time
    _PARIS = None

TRACTOR_TYPE = "30"  # CL750: registration number of the road vehicle
TRAILER_TYPE = "31"  # CL750: registration number of the road trailer


@lru_cache(maxsize=256)
def place_name(unlocode: str | None) -> str:
    if not unlocode:
        return ""
    for e in codelists.entries("CL244"):
        if e["code"] == unlocode:
            return f"{e['name']} ({unlocode})"
    return unlocode


@lru_cache(maxsize=512)
def code_text(list_id: str, code: str | None, lang: str) -> str:
    if not code:
        return ""
    desc = codelists.description(list_id, code, lang) or codelists.description(list_id, code, "en")
    return f"{code} {desc}".strip()


def when(value: str | None, lang: str) -> str:
    """'2026-11-26T10:30:00Z' -> '26/11/2026 11:30 Paris (10:30 UTC)'; unparsable text as is."""
    if not value:
        return ""
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    utc = dt.astimezone(timezone.utc)
    if _PARIS is None:
        return utc.strftime("%d/%m/%Y %H:%M UTC" if lang == "fr" else "%Y-%m-%d %H:%M UTC")
    local = utc.astimezone(_PARIS)
    fmt = "%d/%m/%Y %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M"
    return f"{local.strftime(fmt)} Paris ({utc.strftime('%H:%M')} UTC)"


def party_address(p: Group) -> str:
    a = p.get("address") or {}
    street = " ".join(x for x in (a.get("number"), a.get("street")) if x)
    town = " ".join(x for x in (a.get("postCode"), a.get("city")) if x)
    return ", ".join(x for x in (street, town, a.get("country")) if x)


def party_contact(p: Group) -> str:
    return " · ".join(c.get("identifier", "") for c in p.get("communication", []) if c.get("identifier"))


@dataclass
class Party:
    role: str  # labels key
    name: str
    eori: str
    address: str
    contact: str


def parties(doc: EnsDocument) -> list[Party]:
    m = doc.data.get("consignmentMasterLevel", {})
    found = [("declarant", doc.data.get("declarant")), ("representative", doc.data.get("representative")),
             ("carrier", m.get("carrier")), ("consignor", m.get("consignor")), ("consignee", m.get("consignee"))]
    return [Party(role, p.get("name", ""), p.get("identificationNumber", ""), party_address(p), party_contact(p))
            for role, p in found if p]


def lodging_person(doc: EnsDocument) -> str:
    """The representative when one lodges, else the declarant: who answers for the filing."""
    p = doc.data.get("representative") or doc.data.get("declarant") or {}
    return " · ".join(x for x in (p.get("name"), p.get("identificationNumber")) if x)


def _means(doc: EnsDocument) -> list[Group]:
    out = [doc.data.get("activeBorderTransportMeans") or {}]
    for h in doc.houses():
        out += h.get("passiveBorderTransportMeans", [])
        for item in h.get("goodsItem", []):
            out += item.get("passiveBorderTransportMeans", [])
    return out


def registrations(doc: EnsDocument, kind: str) -> list[str]:
    """Tractor (CL750 30) or trailer (31) registrations, each once, in document order."""
    regs: list[str] = []
    for m in _means(doc):
        reg = m.get("identificationNumber")
        if m.get("typeOfIdentification") == kind and reg and reg not in regs:
            regs.append(reg)
    return regs


def with_nationality(doc: EnsDocument, reg: str) -> str:
    for m in _means(doc):
        if m.get("identificationNumber") == reg and m.get("nationality"):
            return f"{reg} ({m['nationality']})"
    return reg


def crossing(doc: EnsDocument) -> str:
    """'Dover (GBDVR) → Calais (FRCQF)', from the master places of loading and unloading."""
    m = doc.data.get("consignmentMasterLevel", {})
    a = place_name((m.get("placeOfLoading") or {}).get("UNLOCODE"))
    b = place_name((m.get("placeOfUnloading") or {}).get("UNLOCODE"))
    return " → ".join(x for x in (a, b) if x)


def routing(items: list[Group]) -> str:
    ordered = sorted(items, key=lambda r: int(r.get("sequenceNumber") or 0) if str(r.get("sequenceNumber", "")).isdigit() else 0)
    return " → ".join(r.get("country", "") for r in ordered)


def seals_of(equipment: list[Group]) -> list[str]:
    return [s["identifier"] for e in equipment for s in e.get("seal", []) if s.get("identifier")]


def equipment_text(equipment: list[Group], lang: str) -> str:
    parts = []
    for e in equipment:
        seals = ", ".join(s.get("identifier", "") for s in e.get("seal", []))
        word = "scellés" if lang == "fr" else "seals"
        parts.append(" ".join(x for x in (e.get("containerIdentificationNumber"), f"{word} {seals}" if seals else "") if x))
    return "; ".join(p for p in parts if p)


def all_seals(doc: EnsDocument) -> list[str]:
    out: list[str] = []
    for h in doc.houses():
        for s in seals_of(h.get("transportEquipment", [])) + [
                s for item in h.get("goodsItem", []) for s in seals_of(item.get("transportEquipment", []))]:
            if s not in out:
                out.append(s)
    return out


def number(value: object) -> float:
    try:
        return float(str(value))
    except (TypeError, ValueError):
        return 0.0


def mass_text(kg: float, lang: str) -> str:
    s = f"{kg:,.3f}"
    return s.replace(",", " ").replace(".", ",") if lang == "fr" else s


@dataclass
class GoodsRow:
    number: str
    description: str
    hs: str
    packages: str
    package_count: int
    gross_mass: float
    seals: str


def goods_row(item: Group) -> GoodsRow:
    com = item.get("commodity") or {}
    code = com.get("commodityCode") or {}
    hs = code.get("harmonizedSystemSubHeadingCode", "") + code.get("combinedNomenclatureCode", "")
    count = 0
    packs = []
    for p in item.get("packaging", []):
        n = p.get("numberOfPackages")
        count += int(number(n))
        packs.append(" ".join(x for x in (n, p.get("typeOfPackages")) if x))
    dg = [d.get("UNNumber") for d in com.get("dangerousGoods", []) if d.get("UNNumber")]
    desc = com.get("descriptionOfGoods", "") + (f" (UN {', '.join(dg)})" if dg else "")
    return GoodsRow(item.get("goodsItemNumber", ""), desc, hs, ", ".join(packs), count,
                    number((item.get("weight") or {}).get("grossMass")),
                    ", ".join(seals_of(item.get("transportEquipment", []))))


@dataclass
class HouseFacts:
    index: int
    document: str
    routing: str
    places: str
    equipment: str
    declared_mass: float
    rows: list[GoodsRow] = field(default_factory=list)

    @property
    def packages(self) -> int:
        return sum(r.package_count for r in self.rows)

    @property
    def gross_mass(self) -> float:
        return sum(r.gross_mass for r in self.rows)


def houses(doc: EnsDocument, lang: str) -> list[HouseFacts]:
    out = []
    for i, h in enumerate(doc.houses(), 1):
        td = h.get("transportDocumentHouseLevel") or {}
        places = " → ".join(x for x in (place_name((h.get("placeOfAcceptance") or {}).get("UNLOCODE")),
                                          place_name((h.get("placeOfDelivery") or {}).get("UNLOCODE"))) if x)
        out.append(HouseFacts(
            i, " ".join(x for x in (td.get("documentNumber"), f"({td['type']})" if td.get("type") else "") if x),
            routing(h.get("countriesOfRoutingOfConsignment", [])), places,
            equipment_text(h.get("transportEquipment", []), lang), number(h.get("totalGrossMass")),
            [goods_row(item) for item in h.get("goodsItem", [])]))
    return out
