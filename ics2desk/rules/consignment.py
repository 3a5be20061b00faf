"""Rules and conditions on consignments, goods items, places and equipment."""
from __future__ import annotations

import re
from typing import Iterator

from .. import codelists
from ..checkdigits import container_problem
from ..model import EnsDocument
from .base import Finding, rule, sites
from .transport import place_country

HOUSE = "consignmentMasterLevel/consignmentHouseLevel"


def _place_condition(doc: EnsDocument, cid: str) -> Iterator[Finding]:
    """Shared logic of C3003-C3008: location and address are M without a UN/LOCODE, else not used."""
    sites = doc.spec.citing(cid)
    if not sites:
        return
    place_path = sites[0].parent.path
    for place in doc.instances(place_path):
        has_locode = bool(place.value.get("UNLOCODE"))
        for el in sites:
            present = el.name in place.value
            if not has_locode and not present:
                yield Finding(cid, f"{place.xpath}/{el.name}",
                              f"Without a UN/LOCODE, the {el.label.lower()} of the {place.spec.label.lower()} is required",
                              f"Sans UN/LOCODE, l'élément {el.name} du lieu ({place.spec.name}) est obligatoire")
            elif has_locode and present:
                yield Finding(cid, f"{place.xpath}/{el.name}",
                              f"With a UN/LOCODE, leave out the {el.label.lower()} of the {place.spec.label.lower()}",
                              f"Avec un UN/LOCODE, l'élément {el.name} du lieu ({place.spec.name}) n'est pas utilisé")


@rule
def C3003(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (MASTER LEVEL)/PLACE OF ACCEPTANCE/UNLOCODE' is not provided, THEN this attribute/class is M, ELSE it is not used."""
    yield from _place_condition(doc, "C3003")


@rule
def C3004(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (HOUSE LEVEL)/PLACE OF ACCEPTANCE/UNLOCODE' is not provided, THEN this attribute/class is M, ELSE it is not used."""
    yield from _place_condition(doc, "C3004")


@rule
def C3005(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (MASTER LEVEL)/PLACE OF DELIVERY/UNLOCODE' is not provided, THEN this attribute/class is M, ELSE it is not used."""
    yield from _place_condition(doc, "C3005")


@rule
def C3006(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (HOUSE LEVEL)/PLACE OF DELIVERY/UNLOCODE' is not provided, THEN this attribute/class is M, ELSE it is not used."""
    yield from _place_condition(doc, "C3006")


@rule
def C3007(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (MASTER LEVEL)/PLACE OF LOADING/UNLOCODE' is not provided, THEN this attribute/class is M, ELSE it is not used."""
    yield from _place_condition(doc, "C3007")


@rule
def C3008(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (MASTER LEVEL)/PLACE OF UNLOADING/UNLOCODE' is not provided, THEN this attribute/class is M, ELSE it is not used."""
    yield from _place_condition(doc, "C3008")


@rule
def R3017(doc: EnsDocument) -> Iterator[Finding]:
    """Each ‘Goods Item Number’ must be unique throughout CONSIGNMENT (HOUSE LEVEL). The items shall be numbered in a sequential fashion, starting from '1' for the first item and incrementing the numbering by '1' for each following item."""
    for house in doc.instances(HOUSE):
        seen: set[str] = set()
        out_of_sequence_reported = False  # one gap shifts every later number: say it once
        for i, item in enumerate(house.value.get("goodsItem", []), 1):
            number = item.get("goodsItemNumber", "")
            path = f"{house.xpath}/goodsItem[{i}]/goodsItemNumber"
            if number in seen:
                yield Finding("R3017", path, f"Goods item number {number} is used twice in this house consignment",
                              f"Le numéro d'article {number} est utilisé deux fois dans cet envoi")
            elif (not number.isdigit() or int(number) != i) and not out_of_sequence_reported:
                out_of_sequence_reported = True
                yield Finding("R3017", path,
                              f"Goods item number should be {i} (items are numbered 1, 2, 3, ...; "
                              f"the items after it follow)",
                              f"Le numéro d'article devrait être {i} (articles numérotés 1, 2, 3, ... ; "
                              f"les suivants en découlent)")
            seen.add(number)


@rule
def R3020(doc: EnsDocument) -> Iterator[Finding]:
    """The format of this attribute is 9999999-9."""
    for inst in sites(doc, "R3020"):
        if not re.fullmatch(r"[0-9]{7}-[0-9]", inst.value or ""):
            yield Finding("R3020", inst.xpath, f"CUS code {inst.value!r} must look like 0012345-6",
                          f"Le code CUS {inst.value!r} doit avoir la forme 0012345-6")


@rule
def R3021(doc: EnsDocument) -> Iterator[Finding]:
    """The format of this attribute is ZZZZ9999999 (ISO 6346)."""
    for inst in sites(doc, "R3021"):
        problem = container_problem(inst.value or "")
        if problem:
            yield Finding("R3021", inst.xpath, f"Container number {inst.value!r}: {problem}",
                          f"Numéro de conteneur {inst.value!r} : {problem}")


@rule
def R3022(doc: EnsDocument) -> Iterator[Finding]:
    """'COUNTRIES OF ROUTING OF CONSIGNMENT' must contain countries of 'PLACE OF ACCEPTANCE' and 'PLACE OF DELIVERY'."""
    for el in doc.spec.citing("R3022"):
        for house in doc.instances(el.parent.path):
            routing = house.value.get(el.name, [])
            countries = {r.get("country") for r in routing}
            for place, en, fr in (("placeOfAcceptance", "acceptance", "prise en charge"),
                                  ("placeOfDelivery", "delivery", "livraison")):
                c = place_country(house.value.get(place))
                if c and c not in countries:
                    yield Finding("R3022", f"{house.xpath}/{el.name}[1]",
                                  f"The consignment's routing must include {c}, the country of the place of {en}",
                                  f"L'itinéraire de l'envoi doit inclure {c}, pays du lieu de {fr}")


@rule
def C3014(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (HOUSE LEVEL)/Container indicator' is set to '1', THEN this class is M at 'CONSIGNMENT (HOUSE LEVEL)' or 'CONSIGNMENT (HOUSE LEVEL)/GOODS ITEM', ELSE it is not used."""
    for house in doc.instances(HOUSE):
        h = house.value
        at_house = bool(h.get("transportEquipment"))
        items = [(i, it) for i, it in enumerate(h.get("goodsItem", []), 1) if it.get("transportEquipment")]
        if h.get("containerIndicator") == "1" and not at_house and not items:
            yield Finding("C3014", f"{house.xpath}/transportEquipment[1]",
                          "Goods in containers (indicator 1): give the container (transport equipment)",
                          "Marchandises en conteneur (indicateur 1) : indiquez le conteneur (équipement de transport)")
        elif h.get("containerIndicator") != "1":
            if at_house:
                yield Finding("C3014", f"{house.xpath}/transportEquipment[1]",
                              "Container indicator is 0: leave out transport equipment, or set the indicator to 1",
                              "Indicateur conteneur à 0 : retirez l'équipement de transport ou passez l'indicateur à 1")
            for i, _ in items:
                yield Finding("C3014", f"{house.xpath}/goodsItem[{i}]/transportEquipment[1]",
                              "Container indicator is 0: leave out transport equipment, or set the indicator to 1",
                              "Indicateur conteneur à 0 : retirez l'équipement de transport ou passez l'indicateur à 1")


def _seal_condition(doc: EnsDocument, cid: str) -> Iterator[Finding]:
    for el in doc.spec.citing(cid):
        for te in doc.instances(el.parent.path):
            has_number = bool(te.value.get("numberOfSeals"))
            has_seals = bool(te.value.get(el.name))
            if has_number and not has_seals:
                yield Finding(cid, f"{te.xpath}/{el.name}[1]",
                              f"{te.value['numberOfSeals']} seal(s) declared: give the seal identifiers",
                              f"{te.value['numberOfSeals']} scellé(s) déclaré(s) : indiquez leurs numéros")
            elif has_seals and not has_number:
                yield Finding(cid, f"{te.xpath}/{el.name}[1]",
                              "Seal identifiers need the number of seals",
                              "Les numéros de scellés exigent le nombre de scellés")


@rule
def C3017(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (HOUSE LEVEL)/TRANSPORT EQUIPMENT/Number of seals' is used, THEN this classis M, ELSE it is not used."""
    yield from _seal_condition(doc, "C3017")


@rule
def C3018(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (HOUSE LEVEL)/GOODS ITEM/TRANSPORT EQUIPMENT/Number of seals' is used, THEN this classis M, ELSE it is not used."""
    yield from _seal_condition(doc, "C3018")


@rule
def C3020(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (HOUSE LEVEL)/PLACE OF DELIVERY/UNLOCODE' 2 first characters or 'CONSIGNMENT (HOUSE LEVEL)/PLACE OF DELIVERY/ADDRESS/Country' refers to EU MS, THEN this class is M, ELSE it is O."""
    eu = codelists.eu_member_states()
    for el in doc.spec.citing("C3020"):
        for house in doc.instances(el.parent.path):
            country = place_country(house.value.get("placeOfDelivery"))
            if country in eu and not house.value.get(el.name):
                yield Finding("C3020", f"{house.xpath}/{el.name}",
                              f"Delivery in the EU ({country}): give the buyer and seller (goods shipment)",
                              f"Livraison dans l'UE ({country}) : indiquez l'acheteur et le vendeur")


@rule
def C3025(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSIGNMENT (HOUSE LEVEL)/CONSIGNOR/Type of person' and 'CONSIGNMENT (HOUSE LEVEL)/CONSIGNEE/Type of person' is '1 (Natural person)', THEN attribute is O, ELSE it is M."""
    master = doc.data.get("consignmentMasterLevel", {})
    for el in doc.spec.citing("C3025"):
        for item in doc.instances(el.parent.path):
            if item.value.get(el.name):
                continue
            house = doc.get_at(item.xpath.rsplit("/goodsItem", 1)[0]) or {}
            # F50/F51 carry consignor and consignee at master level only.
            consignor = house.get("consignor") or master.get("consignor") or {}
            consignee = house.get("consignee") or master.get("consignee") or {}
            if consignor.get("typeOfPerson") == "1" and consignee.get("typeOfPerson") == "1":
                continue
            yield Finding("C3025", f"{item.xpath}/{el.name}",
                          "Commodity code (HS heading) is required unless consignor and consignee are both natural persons",
                          "Le code marchandise (SH) est obligatoire sauf si expéditeur et destinataire sont des personnes physiques")


@rule
def C3036(doc: EnsDocument) -> Iterator[Finding]:
    """IF 'CONSGINMENT (HOUSE LEVEL)/GOODS ITEM/PACKAGING/Type of packages' is 'VQ', 'VG', 'VL', 'VY', 'VR', 'VS', 'VO', 'NE', 'NF', 'NG', THEN this attribute is not used, ELSE it is M."""
    sites = doc.spec.citing("C3036")
    if not sites:
        return
    for pack in doc.instances(sites[0].parent.path):
        bulk = pack.value.get("typeOfPackages") in codelists.BULK_PACKAGE_TYPES
        for el in sites:
            present = bool(pack.value.get(el.name))
            if bulk and present:
                yield Finding("C3036", f"{pack.xpath}/{el.name}",
                              f"Bulk/unpacked ({pack.value['typeOfPackages']}): leave out {el.label.lower()}",
                              f"Vrac/non emballé ({pack.value['typeOfPackages']}) : retirez {el.name}")
            elif not bulk and not present:
                yield Finding("C3036", f"{pack.xpath}/{el.name}",
                              f"Packed goods: {el.label.lower()} is required",
                              f"Marchandises emballées : {el.name} est obligatoire")
