"""Optional rows a rule can demand of a road truck's ENS, and when: what the form's simple view
shows besides the mandatory rows (issue 15 point 2), so that no requirement appears only after
the agent fixed something else. Qt-free.

- Shown from the start: street and number of every address (R3002, unless a P.O. box), the
  estimated departure (R3035: estimated or actual), the UN/LOCODE of every place (C3003-C3008:
  without it the place needs a whole address), the representative (a Calais agency lodges as
  representative), the parties' EORI (R3005; the address book fills a party from it) and the
  carrier's phone (whom customs call when they stop the truck).
- Shown once their trigger is filled: the buyer and seller (C3020: delivery in the EU), the
  container (C3014: container indicator 1) and its seals (C3017/C3018: a number of seals given).
"""
from __future__ import annotations

from typing import Callable

from .. import codelists
from .transport import place_country

HOUSE = "consignmentMasterLevel/consignmentHouseLevel"

#: index-free HTI paths (or path endings after a '/') shown in the simple view from the start
ALWAYS = (
    "address/street", "address/number",  # R3002
    "activeBorderTransportMeans/estimatedDateAndTimeOfDeparture",  # R3035
    "placeOfAcceptance/UNLOCODE", "placeOfDelivery/UNLOCODE", "placeOfLoading/UNLOCODE",
    "placeOfUnloading/UNLOCODE",  # C3003-C3008
    "representative",
    "consignee/identificationNumber", "consignor/identificationNumber", "buyer/identificationNumber",
    "seller/identificationNumber",  # R3005, and the way into the address book
    "transportEquipment/numberOfSeals",  # a sealed container says how many (C3017/C3018)
    "carrier/communication",  # the haulier customs call when they stop the truck
)


def _houses(data: dict) -> list[dict]:
    return [h for h in (data.get("consignmentMasterLevel") or {}).get("consignmentHouseLevel") or []
            if isinstance(h, dict)]


def _delivery_in_eu(data: dict) -> bool:
    eu = codelists.eu_member_states()
    return any(place_country(h.get("placeOfDelivery")) in eu for h in _houses(data))


def _container(data: dict) -> bool:
    master = data.get("consignmentMasterLevel") or {}
    return master.get("containerIndicator") == "1" or any(h.get("containerIndicator") == "1" for h in _houses(data))


def _seals(data: dict) -> bool:
    for h in _houses(data):
        groups = list(h.get("transportEquipment") or [])
        for item in h.get("goodsItem") or []:
            groups += item.get("transportEquipment") or []
        if any(g.get("numberOfSeals") for g in groups if isinstance(g, dict)):
            return True
    return False


#: index-free path -> (the rule, what fills its trigger in the filing)
TRIGGERED: dict[str, tuple[str, Callable[[dict], bool]]] = {
    f"{HOUSE}/goodsShipment": ("C3020", _delivery_in_eu),
    # C3014 accepts the container at house or goods item level: a truck's trailer box is the
    # house's (the goods item one stays in the full view, not two tables for one container)
    f"{HOUSE}/transportEquipment": ("C3014", _container),
    f"{HOUSE}/transportEquipment/seal": ("C3017", _seals),
    f"{HOUSE}/goodsItem/transportEquipment/seal": ("C3018", _seals),
}

#: the fields whose value can fill a trigger: editing one may show rows elsewhere
TRIGGER_FIELDS = (
    f"{HOUSE}/placeOfDelivery/UNLOCODE", f"{HOUSE}/placeOfDelivery/address/country",
    "consignmentMasterLevel/containerIndicator", f"{HOUSE}/containerIndicator",
    f"{HOUSE}/transportEquipment/numberOfSeals", f"{HOUSE}/goodsItem/transportEquipment/numberOfSeals",
)


def always(path: str) -> bool:
    return any(path == p or path.endswith("/" + p) for p in ALWAYS)


def demanded(path: str, data: dict) -> bool:
    """Does a rule (or the way a road truck is filed) call for the row at the index-free HTI
    `path` of this filing, optional as the table may say it is?"""
    if always(path):
        return True
    trigger = TRIGGERED.get(path)
    return bool(trigger and trigger[1](data))
