"""From rows to filings: the base dataset (template), rows grouped into trucks, one ENS per truck.

Base: a template ENS file (--template, or the one saved for the customer) or, without one, the
structure of ics2desk.samples with the desk's lodging profile (the settings registry) as the lodging party.
Everything that belongs to one truck is cleared from the base (plates, CMR numbers, times, goods,
containers, seals), so nothing of the template's own truck leaks into a filing; the list fills
those, the crossing preset fills the crossing, the base fills the rest (parties, places, charges).

Rows are grouped by truck plate + CMR + crossing date: several goods rows of one truck become one
filing with several goods items. A row with neither plate nor CMR continues the truck above it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import clock, codelists
from ..errors import BadInputError
from ..model import EnsDocument
from ..reuse import presets as presets_mod
from .fields import BY_NAME, ITEM_FIELDS, TRUCK_FIELDS, normalise
from .findings import INTAKE, CellFinding, Slot, at_cell
from .mapping import Mapping
from .reader import Row, Table
from . import values

MID = "IE3F50"
HOUSE = "consignmentMasterLevel/consignmentHouseLevel"
ITEM = f"{HOUSE}/goodsItem"
PASSIVE = f"{ITEM}/passiveBorderTransportMeans"
PARTY_FIELDS = ("name", "eori", "street", "number", "postcode", "city", "country")
_PARTY_PATH = {"name": "name", "eori": "identificationNumber", "street": "address/street",
               "number": "address/number", "postcode": "address/postCode", "city": "address/city",
               "country": "address/country"}


# --- the base dataset ------------------------------------------------------------------------
@dataclass
class Base:
    doc: EnsDocument  # per-truck data cleared
    source: str  # what the agent is told: "template base.xml" or "built-in sample"
    is_sample: bool
    crossing: presets_mod.Crossing | None  # the preset the base was made for
    ship: str | None = None  # the base's ship (IMO), kept for its own crossing
    package_type: str | None = None
    truck_nationality: str | None = None
    trailer_nationality: str | None = None
    equipment: dict = field(default_factory=dict)  # container size/type, packed status, supplier type
    house_doc_type: str = "N730"
    master_doc_type: str = "N730"


def lodging_profile(data_dir: Path | None) -> dict | None:
    """The agency's lodging profile from the settings registry (eori, name, contact,
    extra.lodging_role, extra.representative_status), or None when none is set."""
    if data_dir is None:
        return None
    from .. import options

    try:
        v = options.Registry.for_data_dir(data_dir).values()
    except BadInputError:
        return None  # an unreadable settings file: the sample keeps its own party
    if not v["profile_eori"]:
        return None
    return {"eori": v["profile_eori"], "name": v["profile_name"], "contact": v["profile_contact"],
            "extra": {"lodging_role": v["lodging_role"], "representative_status": v["representative_status"]}}


def apply_profile(doc: EnsDocument, profile: dict | None, override: bool) -> None:
    """The profile as the declarant (or the representative, when extra.lodging_role says so);
    over the sample's party (override), or only where the template left that party empty."""
    if not profile:
        return
    extra = profile.get("extra") or {}
    role = "representative" if extra.get("lodging_role") == "representative" else "declarant"
    if doc.data.get(role, {}).get("identificationNumber") and not override:
        return
    party = copy.deepcopy(doc.data.get(role) or {}) if override else {}
    party["identificationNumber"] = profile["eori"]
    if profile.get("name"):
        party["name"] = profile["name"]
    if role == "representative":
        party["status"] = str(extra.get("representative_status", "2"))
    if profile.get("contact"):
        contact = profile["contact"]
        party["communication"] = [{"identifier": contact, "type": "EM" if "@" in contact else "TE"}]
    doc.data[role] = party


def load_base(data_dir: Path | None, template: str | Path | None, presets: presets_mod.Presets) -> Base:
    from ..xml.reader import from_bytes

    if template:
        path = Path(template)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BadInputError(f"template {path}: cannot read: {exc.strerror or exc}") from None
        doc = from_bytes(data, str(path))
        if doc.message_id != MID:
            raise BadInputError(f"template {path}: a road ENS (IE3F50) is needed, not {doc.message_id}")
        base = strip(doc, f"template {path.name}", False, presets)
        apply_profile(base.doc, lodging_profile(data_dir), override=False)
        return base
    from .. import samples

    base = strip(samples.ferry_filing(), "built-in sample", True, presets)
    apply_profile(base.doc, lodging_profile(data_dir), override=True)
    return base


def strip(doc: EnsDocument, source: str, is_sample: bool, presets: presets_mod.Presets) -> Base:
    """The base of every filing: `doc` without anything that belongs to its own truck."""
    doc = doc.copy()
    d = doc.data
    crossing = presets.matching(d)
    active = d.get("activeBorderTransportMeans") or {}
    houses = (d.get("consignmentMasterLevel") or {}).get("consignmentHouseLevel") or [{}]
    house = houses[0]
    items = house.get("goodsItem") or [{}]
    first_item = items[0]
    passive = first_item.get("passiveBorderTransportMeans") or []
    truck = next((p for p in passive if p.get("typeOfIdentification") == "30"), None)
    trailer = next((p for p in passive if p.get("typeOfIdentification") == "31"), None)
    if active.get("typeOfIdentification") == "30":
        truck = active
    equipment = copy.deepcopy((house.get("transportEquipment") or [{}])[0])
    for k in ("containerIdentificationNumber", "numberOfSeals", "seal"):
        equipment.pop(k, None)
    base = Base(
        doc=doc, source=source, is_sample=is_sample, crossing=crossing,
        ship=active.get("identificationNumber") if active.get("typeOfIdentification") == "10" else None,
        package_type=next((p.get("typeOfPackages") for p in first_item.get("packaging") or [] if p.get("typeOfPackages")),
                          None),
        truck_nationality=(truck or {}).get("nationality"),
        trailer_nationality=(trailer or {}).get("nationality") or (truck or {}).get("nationality"),
        equipment=equipment,
        house_doc_type=(house.get("transportDocumentHouseLevel") or {}).get("type") or "N730",
        master_doc_type=((d.get("consignmentMasterLevel") or {}).get("transportDocumentMasterLevel") or {}
                         ).get("type") or "N730",
    )
    for k in ("LRN", "MRN", "documentIssueDate"):
        d.pop(k, None)
    d["activeBorderTransportMeans"] = {}
    master = d.setdefault("consignmentMasterLevel", {})
    master.pop("transportDocumentMasterLevel", None)
    house = copy.deepcopy(house)
    for k in ("goodsItem", "transportEquipment", "transportDocumentHouseLevel", "totalGrossMass",
              "passiveBorderTransportMeans"):
        house.pop(k, None)
    master["consignmentHouseLevel"] = [house]
    return base


# --- grouping --------------------------------------------------------------------------------
@dataclass
class RowGroup:
    key: str  # PLATE|CMR|YYYY-MM-DD: the truck's stable identity across imports
    plate: str
    cmr: str
    day: date | None
    rows: list[Row] = field(default_factory=list)

    @property
    def row_numbers(self) -> list[int]:
        return [r.number for r in self.rows]


def _cell(row: Row, mapping: Mapping, name: str):
    col = mapping.column_of(name)
    return row.value(col) if col is not None else None


def row_day(row: Row, mapping: Mapping) -> date | None:
    """The crossing date of a row: its date column, else the (local) date of its departure or arrival."""
    day = values.parse_date(_cell(row, mapping, "date"))
    if day:
        return day
    for name in ("departure", "arrival"):
        raw = _cell(row, mapping, name)
        if raw in (None, ""):
            continue
        stamp = values.date_time(raw, None)
        day = values.local_date_of(stamp) or values.parse_date(raw)
        if day:
            return day
    return None


def stable_key(plate: str, cmr: str, day: date | None) -> str:
    return f"{plate}|{cmr}|{day.isoformat() if day else ''}"


def group_rows(table: Table, mapping: Mapping) -> list[RowGroup]:
    """Trucks in the order the list first names them; rows with the same plate + CMR + date join."""
    groups: dict[str, RowGroup] = {}
    by_truck: dict[tuple[str, str], RowGroup] = {}
    last: RowGroup | None = None
    for row in table.rows:
        plate = values.plate(_cell(row, mapping, "plate"))
        cmr = values.key_part(_cell(row, mapping, "cmr"))
        day = row_day(row, mapping)
        if last is not None and not plate and (not cmr or cmr == last.cmr):
            last.rows.append(row)  # a goods row under its truck
            continue
        group = None
        if day is None and (plate, cmr) in by_truck:
            group = by_truck[(plate, cmr)]
        if group is None:
            key = stable_key(plate, cmr, day)
            if key not in groups:
                groups[key] = RowGroup(key, plate, cmr, day)
                by_truck.setdefault((plate, cmr), groups[key])
            group = groups[key]
        group.rows.append(row)
        last = group
    return list(groups.values())


# --- building one filing ---------------------------------------------------------------------
@dataclass
class Built:
    group: RowGroup
    doc: EnsDocument
    slots: dict[str, Slot]  # element XPath -> the cell it came from
    anchors: dict[str, int]  # group XPath (goods item, the filing) -> its row
    notes: list[CellFinding]  # what is wrong in the list itself (INTAKE)
    crossing: presets_mod.Crossing | None


def xpath(spec_path: str, **index: int) -> str:
    """The filing's XPath of an element, [n] on repeating steps (1 unless given by step name)."""
    from ..hti.spec import load_message

    steps = load_message(MID).steps(spec_path)
    return f"/{MID}/" + "/".join(f"{name}[{index.get(name, 1)}]" if repeats else name for name, repeats in steps)


_SHUTTLE = {"shuttle", "navette", "tunnel", "eurotunnel", "folkestone", "coquelles", "lsf", "getlink", "cheriton"}
_DUNKERQUE = {"dunkerque", "dunkirk", "dkk", "frdkk"}
_FERRY = {"ferry", "ferries", "dover", "douvres", "calais", "po", "dfds", "irish", "bateau", "boat", "ship", "frcqf",
          "gbdvr", "sea", "mer", "maritime"}


def crossing_for(text: str, presets: presets_mod.Presets) -> presets_mod.Crossing | None:
    """The preset a list's crossing cell names: its id or name (FR/EN), else a word of the route."""
    key = normalise(text)
    if not key:
        return None
    for c in presets.crossings:
        if key in (normalise(c.id), normalise(c.title("en")), normalise(c.title("fr"))):
            return c
    words = set(key.replace("p o", "po").split())

    def first(pred):
        return next((c for c in presets.crossings if pred(c)), None)

    if words & _SHUTTLE:
        return first(lambda c: c.mode_of_transport == "3")
    if words & _DUNKERQUE:
        return first(lambda c: c.place_of_unloading == "FRDKK")
    if words & _FERRY:
        return first(lambda c: c.mode_of_transport == "1" and c.place_of_unloading == "FRCQF") or first(
            lambda c: c.mode_of_transport == "1")
    return None


def country_code(value) -> str:
    """'FR', 'fr', 'France', 'Royaume-Uni' -> the CL718 code; else as typed."""
    text = values.cell_text(value)
    if len(text) == 2 and text.upper() in codelists.codes("CL718"):
        return text.upper()
    key = normalise(text)
    if not key:
        return ""
    for e in codelists.entries("CL718"):
        if key in (normalise(e.get("en") or ""), normalise(e.get("fr") or "")):
            return e["code"]
    return {"uk": "GB", "england": "GB", "angleterre": "GB", "great britain": "GB", "grande bretagne": "GB",
            "holland": "NL", "hollande": "NL"}.get(key, text)


class _Builder:
    def __init__(self, group: RowGroup, table: Table, mapping: Mapping, base: Base,
                 presets: presets_mod.Presets, default_crossing: presets_mod.Crossing | None):
        self.group, self.table, self.mapping, self.base = group, table, mapping, base
        self.presets = presets
        self.default_crossing = default_crossing
        self.slots: dict[str, Slot] = {}
        self.anchors: dict[str, int] = {f"/{MID}": group.rows[0].number}
        self.notes: list[CellFinding] = []
        self.first = group.rows[0].number

    # truck-level values: the first row that has one; a different value below is a conflict
    def truck_value(self, name: str) -> tuple[object, Slot]:
        col = self.mapping.column_of(name)
        if col is None:
            return None, Slot(name, self.first, None, "")
        found = None
        for row in self.group.rows:
            raw = row.value(col)
            text = values.cell_text(raw)
            if not text:
                continue
            if found is None:
                found = (raw, Slot(name, row.number, col, text))
            elif self._norm(name, text) != self._norm(name, found[1].value):
                label = BY_NAME[name]
                self.notes.append(at_cell(
                    self.table, Slot(name, row.number, col, text), INTAKE, f"/{MID}",
                    f"{label.en}: '{text}' here, '{found[1].value}' in row {found[1].row} for the same truck; "
                    f"one truck has one {label.en.lower()} (or split the rows into two trucks)",
                    f"{label.fr} : « {text} » ici, « {found[1].value} » ligne {found[1].row} pour le même camion ; "
                    f"un camion n'en a qu'une valeur (ou séparez les lignes en deux camions)"))
        return found if found else (None, Slot(name, self.first, col, ""))

    @staticmethod
    def _norm(name: str, text: str) -> str:
        return values.plate(text) if name in ("plate", "trailer") else normalise(text)

    def record(self, path: str, slot: Slot, **index: int) -> None:
        self.slots.setdefault(xpath(path, **index), slot)

    def build(self) -> Built:
        doc = self.base.doc.copy()
        d = doc.data
        crossing = self.choose_crossing()
        mode = crossing.mode_of_transport if crossing else "1"

        plate_raw, plate_slot = self.truck_value("plate")
        plate = values.plate(plate_raw)
        trailer_raw, trailer_slot = self.truck_value("trailer")
        trailer = values.plate(trailer_raw)
        nat_raw, nat_slot = self.truck_value("nationality")
        truck_nat = country_code(nat_raw) if nat_raw not in (None, "") else (self.base.truck_nationality or "")
        trailer_nat = country_code(nat_raw) if nat_raw not in (None, "") else (self.base.trailer_nationality or "")
        truck = {k: v for k, v in {"identificationNumber": plate, "typeOfIdentification": "30",
                                   "typeOfMeansOfTransport": "395", "nationality": truck_nat}.items() if v}
        trailer_means = {k: v for k, v in {"identificationNumber": trailer, "typeOfIdentification": "31",
                                           "typeOfMeansOfTransport": "395", "nationality": trailer_nat}.items() if v}

        # goods items: every row that says something about goods (the truck's first row at least)
        item_rows = [r for r in self.group.rows if any(
            values.cell_text(_cell(r, self.mapping, n)) for n in ITEM_FIELDS)] or self.group.rows[:1]
        house = d["consignmentMasterLevel"]["consignmentHouseLevel"][0]
        items = []
        total = 0
        for n, row in enumerate(item_rows, 1):
            self.anchors[xpath(ITEM, goodsItem=n)] = row.number
            item, mass = self.goods_item(n, row, mode, truck, trailer_means)
            items.append(item)
            total += mass or 0
        house["goodsItem"] = items
        if total:
            house["totalGrossMass"] = values.number_text(total)
        # the total is the sum of the rows' masses: a finding on it belongs to the first mass column cell
        first_mass = self.slots.get(xpath(f"{ITEM}/weight/grossMass", goodsItem=1))
        if first_mass is not None:
            self.record(f"{HOUSE}/totalGrossMass", first_mass)

        # passive means: the truck on the ferry (and its trailer); the trailer on the shuttle
        for n in range(1, len(items) + 1):
            if mode == "1":
                self.record(f"{PASSIVE}/identificationNumber", plate_slot, goodsItem=n)
                self.record(f"{PASSIVE}/nationality", nat_slot, goodsItem=n)
                self.anchors[xpath(PASSIVE, goodsItem=n)] = self.first
                if trailer:
                    self.record(f"{PASSIVE}/identificationNumber", trailer_slot, goodsItem=n,
                                passiveBorderTransportMeans=2)
                    self.record(f"{PASSIVE}/nationality", nat_slot, goodsItem=n, passiveBorderTransportMeans=2)
            else:
                self.record(f"{PASSIVE}/identificationNumber", trailer_slot, goodsItem=n)
                self.record(f"{PASSIVE}/nationality", nat_slot, goodsItem=n)
                self.record(PASSIVE, trailer_slot, goodsItem=n)
        active = d["activeBorderTransportMeans"]
        if mode != "1":
            active.update(truck)
            self.record("activeBorderTransportMeans/identificationNumber", plate_slot)
            self.record("activeBorderTransportMeans/nationality", nat_slot)

        self.documents(d, house)
        self.parties(d, house)
        self.container(d, house)
        if crossing:
            presets_mod.apply(d, crossing)
        self.times(d["activeBorderTransportMeans"], crossing)
        if mode == "1":
            ship_raw, ship_slot = self.truck_value("ship")
            ship = values.cell_text(ship_raw).replace(" ", "").upper()
            if ship and not ship.startswith("IMO") and ship.isdigit():
                ship = f"IMO{ship}"
            if not ship and self.base.ship and crossing is self.base.crossing:
                ship = self.base.ship
            if ship:
                d["activeBorderTransportMeans"]["identificationNumber"] = ship
            if ship_slot.column is not None:
                self.record("activeBorderTransportMeans/identificationNumber", ship_slot)
        d["documentIssueDate"] = clock.stamp()
        return Built(self.group, doc, self.slots, self.anchors, self.notes, crossing)

    def choose_crossing(self) -> presets_mod.Crossing | None:
        raw, slot = self.truck_value("crossing")
        text = values.cell_text(raw)
        if not text:
            return self.default_crossing or self.base.crossing
        found = crossing_for(text, self.presets)
        if found is None:
            known = ", ".join(c.title("en") for c in self.presets.crossings)
            known_fr = ", ".join(c.title("fr") for c in self.presets.crossings)
            self.notes.append(at_cell(
                self.table, slot, INTAKE, "/IE3F50/activeBorderTransportMeans",
                f"Crossing '{text}' is not one of the desk's crossings ({known}): write one of them, or add the "
                f"crossing in Settings > Crossings",
                f"Traversée « {text} » inconnue du bureau ({known_fr}) : indiquez l'une d'elles, ou ajoutez-la "
                f"dans Paramètres > Traversées"))
            return self.default_crossing or self.base.crossing
        self.record("activeBorderTransportMeans/ModeOfTransport", slot)
        self.record("consignmentMasterLevel/placeOfLoading/UNLOCODE", slot)
        self.record("consignmentMasterLevel/placeOfUnloading/UNLOCODE", slot)
        return found

    def item_value(self, row: Row, name: str) -> tuple[object, Slot]:
        col = self.mapping.column_of(name)
        raw = row.value(col) if col is not None else None
        return raw, Slot(name, row.number, col, values.cell_text(raw))

    def goods_item(self, n: int, row: Row, mode: str, truck: dict, trailer: dict):
        """(the goods item of `row`, its gross mass as a number or None)"""
        item: dict = {"goodsItemNumber": str(n)}
        _, desc = self.item_value(row, "description")
        hs_raw, hs = self.item_value(row, "hs")
        mass_raw, mass = self.item_value(row, "gross_mass")
        pk_raw, pk = self.item_value(row, "packages")
        type_raw, ptype = self.item_value(row, "package_type")
        _, marks = self.item_value(row, "marks")
        commodity: dict = {}
        if desc.value:
            commodity["descriptionOfGoods"] = desc.value
        if hs.value:
            heading, cn = values.hs_code(hs_raw)
            commodity["commodityCode"] = {"harmonizedSystemSubHeadingCode": heading}
            if cn:
                commodity["commodityCode"]["combinedNomenclatureCode"] = cn
        item["commodity"] = commodity
        at = {"goodsItem": n}
        self.record(f"{ITEM}/commodity/descriptionOfGoods", desc, **at)
        self.record(f"{ITEM}/commodity/commodityCode/harmonizedSystemSubHeadingCode", hs, **at)
        self.record(f"{ITEM}/commodity/commodityCode/combinedNomenclatureCode", hs, **at)
        self.record(f"{ITEM}/commodity/commodityCode", hs, **at)
        self.record(f"{ITEM}/commodity", desc, **at)
        number = None
        if mass.value:
            text = values.number_text(mass_raw)
            item["weight"] = {"grossMass": text}
            number = values.parse_decimal(text)
        self.record(f"{ITEM}/weight/grossMass", mass, **at)
        self.record(f"{ITEM}/weight", mass, **at)
        packaging: dict = {}
        if marks.value:
            packaging["shippingMarks"] = marks.value
        if pk.value:
            packaging["numberOfPackages"] = values.integer_text(pk_raw)
        kind = values.package_type(type_raw) if ptype.value else (self.base.package_type or "")
        if kind:
            packaging["typeOfPackages"] = kind
        item["packaging"] = [packaging]
        self.record(f"{ITEM}/packaging/shippingMarks", marks, **at)
        self.record(f"{ITEM}/packaging/numberOfPackages", pk, **at)
        self.record(f"{ITEM}/packaging/typeOfPackages", ptype, **at)
        if mode == "1":
            item["passiveBorderTransportMeans"] = [dict(truck)] + ([dict(trailer)] if trailer.get(
                "identificationNumber") else [])
        else:
            item["passiveBorderTransportMeans"] = [dict(trailer)]
        return item, number

    def documents(self, d: dict, house: dict) -> None:
        raw, slot = self.truck_value("cmr")
        cmr = values.cell_text(raw)
        house["transportDocumentHouseLevel"] = {"documentNumber": cmr, "type": self.base.house_doc_type}
        d["consignmentMasterLevel"]["transportDocumentMasterLevel"] = {"documentNumber": cmr,
                                                                       "type": self.base.master_doc_type}
        if not cmr:
            del house["transportDocumentHouseLevel"]["documentNumber"]
            del d["consignmentMasterLevel"]["transportDocumentMasterLevel"]["documentNumber"]
        self.record(f"{HOUSE}/transportDocumentHouseLevel/documentNumber", slot)
        self.record("consignmentMasterLevel/transportDocumentMasterLevel/documentNumber", slot)

    def parties(self, d: dict, house: dict) -> None:
        master = d["consignmentMasterLevel"]
        shipment = house.get("goodsShipment") or {}
        for role, mirror in (("consignee", "buyer"), ("consignor", "seller")):
            got = {k: self.truck_value(f"{role}_{k}") for k in PARTY_FIELDS}
            if not any(slot.value for _, slot in got.values()):
                continue  # the list says nothing about this party: the template's stays
            old = master.get(role) or {}
            party: dict = {}
            for k, (raw, _) in got.items():
                text = country_code(raw) if k == "country" else values.cell_text(raw)
                if k == "eori":
                    text = text.replace(" ", "").upper()
                if text:
                    _put(party, _PARTY_PATH[k], text)
            party["typeOfPerson"] = old.get("typeOfPerson") or "2"
            mirrored = mirror in shipment and _same_party(shipment[mirror], old)
            master[role] = party
            if mirrored:  # the template's buyer was its consignee (seller its consignor): still so
                shipment[mirror] = copy.deepcopy(party)
            for k, (_, slot) in got.items():
                self.record(f"consignmentMasterLevel/{role}/{_PARTY_PATH[k]}", slot)
                if mirrored:
                    self.record(f"{HOUSE}/goodsShipment/{mirror}/{_PARTY_PATH[k]}", slot)
            first_slot = next((s for _, s in got.values() if s.value), None)
            if first_slot:
                self.record(f"consignmentMasterLevel/{role}", first_slot)

    def container(self, d: dict, house: dict) -> None:
        raw, slot = self.truck_value("container")
        seals_raw, seals_slot = self.truck_value("seals")
        number = values.cell_text(raw).replace(" ", "").upper()
        seals = [s for s in (values.cell_text(seals_raw).replace(";", ",").replace("/", ",").split(",")) if s.strip()]
        master = d["consignmentMasterLevel"]
        if not number:
            house["containerIndicator"] = "0"
            master["containerIndicator"] = "0"
            if seals:
                self.notes.append(at_cell(
                    self.table, seals_slot, INTAKE, f"/{MID}", "Seals without a container number: ICS2 takes seals "
                    "on a container only; give the container number, or leave the seals out",
                    "Scellés sans numéro de conteneur : ICS2 ne les prend que sur un conteneur ; indiquez le "
                    "conteneur, ou retirez les scellés", "warning"))
            return
        equipment = copy.deepcopy(self.base.equipment)
        equipment["containerIdentificationNumber"] = number
        if seals:
            equipment["numberOfSeals"] = str(len(seals))
            equipment["seal"] = [{"identifier": s.strip()} for s in seals]
        house["transportEquipment"] = [equipment]
        house["containerIndicator"] = "1"
        master["containerIndicator"] = "1"
        eq = f"{HOUSE}/transportEquipment"
        self.record(f"{eq}/containerIdentificationNumber", slot)
        for i in range(1, len(seals) + 1):
            self.record(f"{eq}/seal/identifier", seals_slot, seal=i)
        self.record(f"{eq}/numberOfSeals", seals_slot)
        self.record(eq, slot)

    def times(self, active: dict, crossing) -> None:
        day_raw, day_slot = self.truck_value("date")
        day = values.parse_date(day_raw)
        dep_raw, dep_slot = self.truck_value("departure")
        arr_raw, arr_slot = self.truck_value("arrival")
        departure = values.date_time(dep_raw, day) if dep_slot.value else ""
        arrival = values.date_time(arr_raw, day) if arr_slot.value else ""
        if departure and not arrival and crossing:
            arrival = values.utc_plus(departure, crossing.crossing_minutes) or ""
            arr_slot = dep_slot
        if not arrival and not departure and day_slot.value:
            arr_slot = day_slot  # a date alone: the time is what is missing
        for key, value in (("estimatedDateAndTimeOfDeparture", departure), ("estimatedDateAndTimeOfArrival", arrival)):
            if value:
                active[key] = value
            else:
                active.pop(key, None)
        self.record("activeBorderTransportMeans/estimatedDateAndTimeOfDeparture", dep_slot)
        self.record("activeBorderTransportMeans/estimatedDateAndTimeOfArrival", arr_slot)


def _put(group: dict, path: str, value: str) -> None:
    parts = path.split("/")
    for p in parts[:-1]:
        group = group.setdefault(p, {})
    group[parts[-1]] = value


def _same_party(a: dict, b: dict) -> bool:
    if not a or not b:
        return False
    if a.get("identificationNumber") and b.get("identificationNumber"):
        return a["identificationNumber"] == b["identificationNumber"]
    return normalise(a.get("name") or "") == normalise(b.get("name") or "") != ""


def build(group: RowGroup, table: Table, mapping: Mapping, base: Base, presets: presets_mod.Presets,
          default_crossing: presets_mod.Crossing | None = None) -> Built:
    return _Builder(group, table, mapping, base, presets, default_crossing).build()


__all__ = ["Base", "Built", "RowGroup", "build", "crossing_for", "group_rows", "load_base", "stable_key",
           "strip", "xpath", "TRUCK_FIELDS"]
