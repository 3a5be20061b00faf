"""Filing templates: a customer's usual truck on a route (parties, goods, crossing, packaging),
saved by name in the data dir, applied to start a new filing.

A template, and a copy of a filing ("New filing from this one"), leave the per-truck fields
empty: truck and trailer plates (road means only: a ferry's IMO stays), CMR / transport
document numbers, containers, seals, times, LRN, MRN and issue date. Qt-free.

Storage: `<data dir>/templates/<slug>.json`, one file per template:
    {"version": 1, "name": ..., "customer": ..., "route": ..., "message_id": "IE3F50",
     "created": ISO time (clock.now()), "data": {the ENS tree without per-truck values}}
`load` upgrades older versions (there are none yet) and refuses newer ones.
"""
from __future__ import annotations

import copy
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import clock
from .errors import BadInputError

VERSION = 1

ROAD_IDENTIFICATION = ("30", "31")  # CL750: registration number of a road vehicle / trailer

# index-free HTI paths whose values belong to one truck, never to a template or a copy
PER_TRUCK_PATHS = (
    "LRN",
    "MRN",
    "documentIssueDate",
    "activeBorderTransportMeans/estimatedDateAndTimeOfDeparture",
    "activeBorderTransportMeans/estimatedDateAndTimeOfArrival",
    "activeBorderTransportMeans/actualDateAndTimeOfDeparture",
    "consignmentMasterLevel/transportDocumentMasterLevel/documentNumber",
    "consignmentMasterLevel/consignmentHouseLevel/transportDocumentHouseLevel/documentNumber",
    "consignmentMasterLevel/consignmentHouseLevel/passiveBorderTransportMeans/identificationNumber",
    "consignmentMasterLevel/consignmentHouseLevel/goodsItem/passiveBorderTransportMeans/identificationNumber",
    "consignmentMasterLevel/consignmentHouseLevel/transportEquipment/containerIdentificationNumber",
    "consignmentMasterLevel/consignmentHouseLevel/transportEquipment/numberOfSeals",
    "consignmentMasterLevel/consignmentHouseLevel/transportEquipment/seal/identifier",
    "consignmentMasterLevel/consignmentHouseLevel/goodsItem/transportEquipment/containerIdentificationNumber",
    "consignmentMasterLevel/consignmentHouseLevel/goodsItem/transportEquipment/numberOfSeals",
    "consignmentMasterLevel/consignmentHouseLevel/goodsItem/transportEquipment/seal/identifier",
)
ACTIVE_ID = "activeBorderTransportMeans/identificationNumber"  # per truck only for road means

# the order an agent fills them in on a new truck: plates first
FIRST_PER_TRUCK = (
    ACTIVE_ID,
    "consignmentMasterLevel/consignmentHouseLevel/goodsItem/passiveBorderTransportMeans/identificationNumber",
    "consignmentMasterLevel/consignmentHouseLevel/passiveBorderTransportMeans/identificationNumber",
)


def _is_road(active: dict) -> bool:
    return not active.get("typeOfIdentification") or active.get("typeOfIdentification") in ROAD_IDENTIFICATION


def per_truck_paths(data: dict) -> set[str]:
    """The index-free paths that are per truck in this filing (the active means' number only
    when it is a road vehicle: a ferry's IMO belongs to the crossing)."""
    paths = set(PER_TRUCK_PATHS)
    if _is_road(data.get("activeBorderTransportMeans") or {}):
        paths.add(ACTIVE_ID)
    return paths


def is_per_truck(spec_path: str, data: dict) -> bool:
    return spec_path in per_truck_paths(data)


def clear_per_truck(data: dict) -> dict:
    """A deep copy of an ENS tree with every per-truck value removed (groups stay, so the
    fields are there to fill)."""
    out = copy.deepcopy(data)
    paths = per_truck_paths(out)

    def walk(node: Any, path: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, path)
        elif isinstance(node, dict):
            for key in list(node):
                p = f"{path}/{key}" if path else key
                if p in paths and not isinstance(node[key], (dict, list)):
                    del node[key]
                else:
                    walk(node[key], p)

    walk(out, "")
    return out


def copy_party(data: dict, source: str, target: str) -> bool:
    """Buyer = consignee (source "consignee", target "buyer") or seller = consignor, in every
    house consignment: the party found at the house's own level, else at the master level,
    copied over the house's goods shipment party. False when there is nothing to copy."""
    master = data.get("consignmentMasterLevel") or {}
    copied = False
    for house in master.get("consignmentHouseLevel") or []:
        party = house.get(source) or master.get(source)
        if not party:
            continue
        house.setdefault("goodsShipment", {})[target] = copy.deepcopy(party)
        copied = True
    return copied


def buyer_is_consignee(data: dict) -> bool:
    return copy_party(data, "consignee", "buyer")


def seller_is_consignor(data: dict) -> bool:
    return copy_party(data, "consignor", "seller")


@dataclass
class Template:
    name: str
    data: dict
    customer: str = ""
    route: str = ""
    message_id: str = "IE3F50"
    created: str = ""
    version: int = VERSION
    path: Path | None = field(default=None, compare=False)

    def to_json(self) -> dict:
        return {"version": VERSION, "name": self.name, "customer": self.customer, "route": self.route,
                "message_id": self.message_id, "created": self.created, "data": self.data}

    def label(self) -> str:
        """What the picker shows and filters on."""
        return "  ·  ".join(x for x in (self.name, self.customer, self.route) if x)

    def matches(self, text: str) -> bool:
        """Every word typed is found in name, customer or route (case and accents ignored)."""
        hay = _fold(self.label())
        return all(w in hay for w in _fold(text).split())

    def new_filing(self) -> dict:
        """The ENS tree of a new filing from this template (per-truck values empty)."""
        return clear_per_truck(self.data)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-")
    return s[:60] or "template"


def directory(data_dir: Path) -> Path:
    return Path(data_dir) / "templates"


def suggested_customer(data: dict) -> str:
    master = data.get("consignmentMasterLevel") or {}
    houses = master.get("consignmentHouseLevel") or [{}]
    for party in (master.get("consignor"), houses[0].get("consignor"), master.get("consignee"),
                  houses[0].get("consignee")):
        if party and party.get("name"):
            return party["name"]
    return ""


def suggested_route(data: dict) -> str:
    master = data.get("consignmentMasterLevel") or {}
    loading = (master.get("placeOfLoading") or {}).get("UNLOCODE", "")
    unloading = (master.get("placeOfUnloading") or {}).get("UNLOCODE", "")
    return f"{loading}–{unloading}" if loading or unloading else ""


def from_filing(name: str, message_id: str, data: dict, customer: str | None = None,
                route: str | None = None) -> Template:
    """A template made from a form or a filing: its data without the per-truck values."""
    name = (name or "").strip()
    if not name:
        raise BadInputError("A template needs a name")
    return Template(name=name, data=clear_per_truck(data), message_id=message_id,
                    customer=suggested_customer(data) if customer is None else customer,
                    route=suggested_route(data) if route is None else route,
                    created=clock.now().isoformat(timespec="seconds"))


def upgrade(raw: dict) -> dict:
    """A stored template in the current format (version 1 is the first: nothing to do yet)."""
    version = raw.get("version")
    if not isinstance(version, int) or version < 1:
        raise BadInputError("Template without a version")
    if version > VERSION:
        raise BadInputError(f"Template format {version} is newer than this desk knows ({VERSION})")
    return raw


def save(template: Template, data_dir: Path) -> Path:
    """Write (or replace, same name) the template; atomic."""
    d = directory(data_dir)
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"{slug(template.name)}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(template.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    template.path = path
    return path


def load(path: Path) -> Template:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInputError(f"Template {Path(path).name} cannot be read: {exc}") from exc
    if not isinstance(raw, dict):
        raise BadInputError(f"Template {Path(path).name} is not a template")
    raw = upgrade(raw)
    if not isinstance(raw.get("data"), dict) or not raw.get("name"):
        raise BadInputError(f"Template {Path(path).name} has no name or data")
    return Template(name=str(raw["name"]), data=raw["data"], customer=str(raw.get("customer", "")),
                    route=str(raw.get("route", "")), message_id=str(raw.get("message_id", "IE3F50")),
                    created=str(raw.get("created", "")), version=raw["version"], path=Path(path))


def all_templates(data_dir: Path) -> list[Template]:
    """Every readable template, by name (unreadable files are skipped, not fatal)."""
    out = []
    d = directory(data_dir)
    if d.is_dir():
        for p in sorted(d.glob("*.json")):
            try:
                out.append(load(p))
            except BadInputError:
                continue
    return sorted(out, key=lambda t: _fold(t.name))


def delete(template: Template) -> None:
    if template.path is not None:
        template.path.unlink(missing_ok=True)
