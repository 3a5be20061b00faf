"""Rules on the active means of transport: routing, times, identification."""
from __future__ import annotations

import re
from typing import Iterator

from .. import codelists
from ..checkdigits import imo_problem
from ..model import EnsDocument, Instance
from .base import Finding, advisory, rule, universal

ABTM = "activeBorderTransportMeans"
ROUTING = f"{ABTM}/countriesOfRoutingOfMeansOfTransport"


def _routing(doc: EnsDocument) -> list[Instance]:
    """Routing countries in sequence-number order (document order breaks ties)."""
    items = list(doc.instances(ROUTING))

    def seq(inst: Instance) -> int:
        try:
            return int(inst.value.get("sequenceNumber", ""))
        except ValueError:
            return 10**6
    return sorted(items, key=seq)


def place_country(place: dict | None) -> str | None:
    """Country of a place: the UN/LOCODE's first two letters, else its address country."""
    if not place:
        return None
    if place.get("UNLOCODE"):
        return place["UNLOCODE"][:2]
    return (place.get("address") or {}).get("country")


def _place_rule(doc: EnsDocument, rule_id: str, which: int, place: str, en_word: str, fr_word: str):
    routing = _routing(doc)
    country = place_country(doc.get(f"consignmentMasterLevel/{place}"))
    if not routing or not country:
        return
    end = routing[which]
    if end.value.get("country") != country:
        pos_en, pos_fr = ("first", "premier") if which == 0 else ("last", "dernier")
        yield Finding(rule_id, f"{end.xpath}/country",
                      f"The {pos_en} routing country ({end.value.get('country')}) must be the country of the "
                      f"place of {en_word} ({country})",
                      f"Le {pos_fr} pays d'itinéraire ({end.value.get('country')}) doit être le pays du lieu de "
                      f"{fr_word} ({country})")


@rule
def R3013(doc: EnsDocument) -> Iterator[Finding]:
    """'ACTIVE BORDER TRANSPORT MEANS/Countries of routing of means of transport' first country in the sequence must be the same as 'CONSIGNMENT (MASTER LEVEL)/PLACE OF LOADING/UNLOCODE' or 'CONSIGNMENT (MASTER LEVEL)/PLACE OF LOADING/ADDRESS/Country'."""
    yield from _place_rule(doc, "R3013", 0, "placeOfLoading", "loading", "chargement")


@rule
def R3014(doc: EnsDocument) -> Iterator[Finding]:
    """'ACTIVE BORDER TRANSPORT MEANS/Countries of routing of means of transport' last country in the sequence must be the same as 'CONSIGNMENT (MASTER LEVEL)/PLACE OF UNLOADING/UNLOCODE' or 'CONSIGNMENT (MASTER LEVEL)/PLACE OF UNLOADING/ADDRESS/Country'."""
    yield from _place_rule(doc, "R3014", -1, "placeOfUnloading", "unloading", "déchargement")


@rule
def R3018(doc: EnsDocument) -> Iterator[Finding]:
    """In the sequence of 'ACTIVE BORDER TRANSPORT MEANS/Countries of routing of means of transport' the first country that is an EU Member State must be the country of the 'CUSTOMS OFFICE OF FIRST ENTRY'."""
    office = (doc.office_of_first_entry or "").strip()  # stray spaces are the XSD's to report
    routing = _routing(doc)
    if not office or not routing:
        return
    eu = codelists.eu_member_states()
    first_eu = next((r for r in routing if r.value.get("country") in eu), None)
    if first_eu is None:
        yield Finding("R3018", f"/{doc.message_id}/{ROUTING}[1]",
                      f"The routing has no EU Member State; it must reach {office[:2]} (office {office})",
                      f"L'itinéraire ne comporte aucun État membre ; il doit atteindre {office[:2]} (bureau {office})")
    elif first_eu.value.get("country") != office[:2]:
        c = first_eu.value.get("country")
        yield Finding("R3018", f"{first_eu.xpath}/country",
                      f"The first EU country on the route ({c}) must be the country of the office of first entry "
                      f"{office} ({office[:2]})",
                      f"Le premier pays de l'UE de l'itinéraire ({c}) doit être celui du bureau de première entrée "
                      f"{office} ({office[:2]})")


@rule
def R3035(doc: EnsDocument) -> Iterator[Finding]:
    """Either the ‘Estimated date and time of departure’ or ‘Actual date and time of departure’ is to be provided."""
    for inst in doc.instances(ABTM):
        v = inst.value
        if not v.get("estimatedDateAndTimeOfDeparture") and not v.get("actualDateAndTimeOfDeparture"):
            yield Finding("R3035", f"{inst.xpath}/estimatedDateAndTimeOfDeparture",
                          "Give the estimated or the actual date and time of departure",
                          "Indiquez la date et l'heure de départ estimées ou réelles")


_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def _when(value: str | None) -> str | None:
    """The timestamp if well-formed (a bad one is the XSD's to report). Same-format UTC
    timestamps order like their text, so no parsing is needed to compare them."""
    return value if value and _TIMESTAMP.fullmatch(value) else None


@rule
def R3053(doc: EnsDocument) -> Iterator[Finding]:
    """The 'Estimated date and time of arrival' cannot be earlier than the 'Actual date and time of departure' or 'Estimated date and time of departure'."""
    for inst in doc.instances(ABTM):
        v = inst.value
        arrival = _when(v.get("estimatedDateAndTimeOfArrival"))
        if arrival is None:
            continue
        for key, en, fr in (("actualDateAndTimeOfDeparture", "actual", "réel"),
                            ("estimatedDateAndTimeOfDeparture", "estimated", "estimé")):
            dep = _when(v.get(key))
            if dep is not None and arrival < dep:
                yield Finding("R3053", f"{inst.xpath}/estimatedDateAndTimeOfArrival",
                              f"Estimated arrival {v['estimatedDateAndTimeOfArrival']} is before the {en} departure "
                              f"{v[key]}",
                              f"L'arrivée estimée {v['estimatedDateAndTimeOfArrival']} précède le départ {fr} {v[key]}")


@rule
def R3008(doc: EnsDocument) -> Iterator[Finding]:
    """Either 'CONSIGNMENT (HOUSE LEVEL)/PASSIVE BORDER TRANSPORT MEANS' or 'CONSIGNMENT (HOUSE LEVEL)/GOODS ITEM/PASSIVE BORDER TRANSPORT MEANS' must be used."""
    for inst in doc.instances("consignmentMasterLevel/consignmentHouseLevel"):
        house = inst.value
        if house.get("passiveBorderTransportMeans"):
            continue
        for i, item in enumerate(house.get("goodsItem", []), 1):
            if not item.get("passiveBorderTransportMeans"):
                yield Finding("R3008", f"{inst.xpath}/goodsItem[{i}]/passiveBorderTransportMeans[1]",
                              "Give the passive means of transport (wagon, trailer) for the consignment or this item",
                              "Indiquez le moyen de transport passif (wagon, remorque) pour l'envoi ou cet article")


@universal
def R3009(doc: EnsDocument) -> Iterator[Finding]:
    """When 'ACTIVE BORDER TRANSPORT MEANS/Type of identification' is '10' this attribute must contain IMO ship identification number and its value must be made of the three letters "IMO" followed by a six-digit sequential unique number and a check digit. The check digit is calculated by multiplying each of the first six digits by a factor of 2 to 7 corresponding to their position from right to left. The rightmost digit of this sum is the check digit."""
    for inst in doc.instances(ABTM):
        if inst.value.get("typeOfIdentification") == "10":
            problem = imo_problem(inst.value.get("identificationNumber", ""))
            if problem:
                yield Finding("R3009", f"{inst.xpath}/identificationNumber",
                              f"Ship identification: {problem}",
                              f"Identification du navire : {problem}")


@advisory
def R3011(doc: EnsDocument) -> Iterator[Finding]:
    """When 'ACTIVE BORDER TRANSPORT MEANS/Mode of transport' is '1' the value of this attribute must be '10'."""
    for inst in doc.instances(ABTM):
        if inst.value.get("ModeOfTransport") == "1" and inst.value.get("typeOfIdentification") != "10":
            yield Finding("R3011", f"{inst.xpath}/typeOfIdentification",
                          "By sea (mode 1) the active means is identified by its IMO number (type 10)",
                          "Par mer (mode 1) le moyen actif est identifié par son numéro OMI (type 10)")


@universal
def R3010(doc: EnsDocument) -> Iterator[Finding]:
    """When 'ACTIVE BORDER TRANSPORT MEANS/Type of identification' is '80' this attribute must contain unique European Vessel Identification Number (ENI) and its value must have an eight digit format."""
    for inst in doc.instances(ABTM):
        if inst.value.get("typeOfIdentification") == "80":
            value = inst.value.get("identificationNumber", "")
            if not (len(value) == 8 and value.isdigit()):
                yield Finding("R3010", f"{inst.xpath}/identificationNumber",
                              f"ENI number {value!r} must have 8 digits",
                              f"Le numéro ENI {value!r} doit comporter 8 chiffres")
