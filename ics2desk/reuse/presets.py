"""Crossing presets (Dover-Calais ferry, Folkestone-Coquelles shuttle, ...): load, save, apply
to a filing, and the lodging cut-off they imply. Qt-free.

The shipped file is resources/presets/crossings.json; the agent's edited copy lives in
<data dir>/presets/crossings.json and wins when present.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..errors import BadInputError
from ..paths import resource_path

SHIPPED = resource_path("presets", "crossings.json")


@dataclass
class Crossing:
    id: str
    name: dict[str, str]
    mode_of_transport: str
    active_means: dict[str, str]
    passive_means: dict[str, str]
    routing: list[str]
    place_of_loading: str
    place_of_unloading: str
    office_of_first_entry: str
    lodging_cutoff_hours: float
    crossing_minutes: int = 90
    extra: dict = field(default_factory=dict)

    def title(self, lang: str = "en") -> str:
        return self.name.get(lang) or self.name.get("en") or self.id


@dataclass
class Presets:
    crossings: list[Crossing]
    default_cutoff_hours: float = 1.0

    def by_id(self, crossing_id: str) -> Crossing | None:
        return next((c for c in self.crossings if c.id == crossing_id), None)

    def matching(self, data: dict) -> Crossing | None:
        """The crossing a filing was made for, recognised by its place of unloading and mode."""
        master = data.get("consignmentMasterLevel", {})
        unloading = master.get("placeOfUnloading", {}).get("UNLOCODE")
        mode = data.get("activeBorderTransportMeans", {}).get("ModeOfTransport")
        return self.matching_places(mode, unloading)

    def matching_places(self, mode: str | None, unloading: str | None) -> Crossing | None:
        """The same, from the mode and the place of unloading alone (a list row carries them)."""
        for c in self.crossings:
            if c.place_of_unloading == unloading and c.mode_of_transport == mode:
                return c
        return None

    def cutoff_hours(self, data: dict) -> float:
        c = self.matching(data)
        return c.lodging_cutoff_hours if c else self.default_cutoff_hours


_FIELDS = {"id", "name", "mode_of_transport", "active_means", "passive_means", "routing", "place_of_loading",
           "place_of_unloading", "office_of_first_entry", "lodging_cutoff_hours", "crossing_minutes"}


def _parse(raw: dict, source: str) -> Presets:
    try:
        crossings = [Crossing(**{k: v for k, v in c.items() if k in _FIELDS},
                              extra={k: v for k, v in c.items() if k not in _FIELDS})
                     for c in raw["crossings"]]
    except (KeyError, TypeError) as exc:
        raise BadInputError(f"{source}: not a crossing preset file ({exc})") from None
    return Presets(crossings, float(raw.get("default_cutoff_hours", 1)))


def user_file(data_dir: Path) -> Path:
    return Path(data_dir) / "presets" / "crossings.json"


def load(data_dir: Path | None = None) -> Presets:
    """The agent's presets when edited, else the shipped ones."""
    path = user_file(data_dir) if data_dir else None
    if path is None or not path.exists():
        path = SHIPPED
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BadInputError(f"{path}: not valid JSON ({exc})") from None
    return _parse(raw, str(path))


def save(presets: Presets, data_dir: Path) -> Path:
    path = user_file(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = {"default_cutoff_hours": presets.default_cutoff_hours, "crossings": [
        {**{k: getattr(c, k) for k in sorted(_FIELDS)}, **c.extra} for c in presets.crossings]}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
    return path


def _routing(countries: list[str]) -> list[dict]:
    return [{"sequenceNumber": str(i), "country": c} for i, c in enumerate(countries, 1)]


def apply(data: dict, crossing: Crossing) -> None:
    """Pre-fill a filing's data tree for the crossing. The truck registration moves between
    active means (shuttle) and passive means (ferry) so the agent never retypes it."""
    active = data.setdefault("activeBorderTransportMeans", {})
    houses = data.setdefault("consignmentMasterLevel", {}).setdefault("consignmentHouseLevel", [])
    items = [g for h in houses for g in h.get("goodsItem", [])]
    truck = None
    if active.get("typeOfIdentification") == "30":
        truck = {k: active.get(k) for k in ("identificationNumber", "nationality") if active.get(k)}
    for item in items:
        for p in item.get("passiveBorderTransportMeans", []):
            if p.get("typeOfIdentification") == "30" and truck is None:
                truck = {k: p.get(k) for k in ("identificationNumber", "nationality") if p.get(k)}

    keep = {k: active[k] for k in ("estimatedDateAndTimeOfDeparture", "estimatedDateAndTimeOfArrival",
                                   "actualDateAndTimeOfDeparture", "conveyanceReferenceNumber") if k in active}
    active.clear()
    active.update({k: v for k, v in crossing.active_means.items() if v})
    active["ModeOfTransport"] = crossing.mode_of_transport
    active.update(keep)
    active["countriesOfRoutingOfMeansOfTransport"] = _routing(crossing.routing)
    if crossing.active_means.get("typeOfIdentification") == "30" and truck:
        active.update(truck)

    passive = {k: v for k, v in crossing.passive_means.items() if v}
    for item in items:
        means = item.setdefault("passiveBorderTransportMeans", [{}])
        if not means:
            means.append({})
        first = means[0]
        if crossing.mode_of_transport == "1" and truck and first.get("typeOfIdentification") != "30":
            first.clear()
            first.update(truck)
        first.update({k: v for k, v in passive.items() if k not in first or k.startswith("typeOf")})
    for h in houses:
        # a blank form holds rows with only their sequence numbers: those count as empty
        if not any(r.get("country") for r in h.get("countriesOfRoutingOfConsignment") or []):
            h["countriesOfRoutingOfConsignment"] = _routing(crossing.routing)

    master = data["consignmentMasterLevel"]
    master["placeOfLoading"] = {"UNLOCODE": crossing.place_of_loading}
    master["placeOfUnloading"] = {"UNLOCODE": crossing.place_of_unloading}
    data["customsOfficeOfFirstEntry"] = {"referenceNumber": crossing.office_of_first_entry}


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def lodging_deadline(arrival: str | None, cutoff_hours: float) -> datetime | None:
    """The latest time to lodge the ENS: estimated arrival minus the crossing's cut-off."""
    at = parse_time(arrival)
    return at - timedelta(hours=cutoff_hours) if at else None


def copy_crossing(c: Crossing) -> Crossing:
    return copy.deepcopy(c)
