"""Realistic Calais filings, filled the way French practice is reported (spec/elo/README.md):
ferry = mode 1 with the ship's IMO as active means and the truck as passive means;
shuttle = mode 3 with the truck as active means; EU EORI for the lodging person;
office of first entry FR620001. Used for examples/, the demo and tests.

Times are relative to the desk's clock (``ics2desk.clock``), never literal dates: a sample
truck is always about to travel, whatever the day, and its lodging deadline is still ahead.
A test that needs a fixed instant fixes the clock."""
from __future__ import annotations

import copy
from datetime import datetime, timedelta

from . import clock
from .model import EnsDocument, Group

#: when each sample crossing leaves and arrives, from the moment the sample is made; every
#: arrival is more than its crossing's lodging cut-off away (ferry 2 h, shuttle and rail 1 h)
ISSUED = timedelta(hours=-1)
FERRY = (timedelta(hours=3), timedelta(hours=4, minutes=30))
SHUTTLE = (timedelta(hours=1, minutes=50), timedelta(hours=2, minutes=25))
RAIL = (timedelta(hours=5), timedelta(hours=5, minutes=55))


def _base(now: datetime | None) -> datetime:
    """The instant the sample is made, to the minute (what an agent types)."""
    return (now or clock.now()).replace(second=0, microsecond=0)


def _at(now: datetime | None, delta: timedelta) -> str:
    return clock.stamp(_base(now) + delta)


def address(city: str, country: str, street: str, number: str, postcode: str | None) -> Group:
    a: Group = {"city": city, "country": country, "street": street}
    if postcode:
        a["postCode"] = postcode
    a["number"] = number
    return a


def _routing(*countries: str) -> list[Group]:
    return [{"sequenceNumber": str(i), "country": c} for i, c in enumerate(countries, 1)]


DECLARANT = {  # the haulier lodging its own ENS, through a representative
    "name": "Van Dijk Transport BV",
    "identificationNumber": "NL812345678",
    "address": address("Rotterdam", "NL", "Waalhaven Zuidzijde", "21", "3089JH"),
    "communication": [{"identifier": "planning@vandijk-transport.nl", "type": "EM"},
                      {"identifier": "+31 104567890", "type": "TE"}],
}
REPRESENTATIVE = {
    "name": "Transit Côte d'Opale SARL",
    "identificationNumber": "FR40123456700017",
    "status": "2",
    "address": address("Calais", "FR", "Rue du Port", "12", "62100"),
    "communication": [{"identifier": "ens@transit-opale.fr", "type": "EM"},
                      {"identifier": "+33 321345678", "type": "TE"}],
}
CONSIGNOR = {"name": "Midlands Foods Ltd", "typeOfPerson": "2",
             "address": address("Birmingham", "GB", "Aston Lane", "300", "B6 4LR")}
CONSIGNEE = {"name": "Frais du Nord SAS", "identificationNumber": "FR55987654300021", "typeOfPerson": "2",
             "address": address("Lille", "FR", "Rue de Tournai", "88", "59000")}

TRUCK = {"identificationNumber": "AB12CDE", "typeOfIdentification": "30",
         "typeOfMeansOfTransport": "395", "nationality": "GB"}
TRAILER = {"identificationNumber": "C123456", "typeOfIdentification": "31",
           "typeOfMeansOfTransport": "395", "nationality": "GB"}


def goods_item(number: int, description: str, hs: str, mass: str, packages: str, kind: str = "PX",
               passive: list[Group] | None = None) -> Group:
    return {
        "goodsItemNumber": str(number),
        "commodity": {"descriptionOfGoods": description,
                      "commodityCode": {"harmonizedSystemSubHeadingCode": hs}},
        "weight": {"grossMass": mass},
        "packaging": [{"shippingMarks": f"MF-{number:03d}", "numberOfPackages": packages,
                       "typeOfPackages": kind}],
        "passiveBorderTransportMeans": copy.deepcopy(passive if passive is not None else [TRUCK]),
    }


GOODS = [
    ("Frozen potato chips", "200410", "8400.000", "14"),
    ("Cheddar cheese in blocks", "040690", "3100.500", "6"),
    ("Shortbread biscuits", "190531", "950.250", "4"),
]


def house(items: list[Group], container: str = "0", document: str = "CMR-2611-004217") -> Group:
    total = sum(float(i["weight"]["grossMass"]) for i in items)
    return {
        "containerIndicator": container,
        "totalGrossMass": f"{total:.3f}",
        "placeOfAcceptance": {"UNLOCODE": "GBBHM"},
        "goodsItem": items,
        "transportCharges": {"methodOfPayment": "Y"},
        "placeOfDelivery": {"UNLOCODE": "FRLIL"},
        "goodsShipment": {
            "buyer": {"name": "Frais du Nord SAS", "identificationNumber": "FR55987654300021",
                      "typeOfPerson": "2", "address": address("Lille", "FR", "Rue de Tournai", "88", "59000")},
            "seller": {"name": "Midlands Foods Ltd", "typeOfPerson": "2",
                       "address": address("Birmingham", "GB", "Aston Lane", "300", "B6 4LR")},
        },
        "countriesOfRoutingOfConsignment": _routing("GB", "FR"),
        "transportDocumentHouseLevel": {"documentNumber": document, "type": "N730"},
    }


def _master(houses: list[Group], loading: str, unloading: str) -> Group:
    return {
        "containerIndicator": houses[0]["containerIndicator"],
        "placeOfAcceptance": {"UNLOCODE": "GBBHM"},
        "carrier": {"name": DECLARANT["name"], "identificationNumber": DECLARANT["identificationNumber"],
                    "address": copy.deepcopy(DECLARANT["address"]),
                    "communication": [copy.deepcopy(DECLARANT["communication"][1])]},
        "consignee": copy.deepcopy(CONSIGNEE),
        "consignor": copy.deepcopy(CONSIGNOR),
        "transportCharges": {"methodOfPayment": "Y"},
        "placeOfDelivery": {"UNLOCODE": "FRLIL"},
        "consignmentHouseLevel": houses,
        "placeOfLoading": {"UNLOCODE": loading},
        "transportDocumentMasterLevel": {"documentNumber": "CMR-2611-004217", "type": "N730"},
        "placeOfUnloading": {"UNLOCODE": unloading},
    }


def ferry_filing(lrn: str = "TCO26112500001", items: int = 3, now: datetime | None = None) -> EnsDocument:
    """A truck on the Dover-Calais ferry: mode 1, the ship (IMO) active, the truck passive;
    issued an hour ago, leaving in 3 h, arriving in 4 h 30 (from `now`, default the clock)."""
    goods = [goods_item(i + 1, *GOODS[i % len(GOODS)]) for i in range(items)]
    data: Group = {
        "LRN": lrn,
        "documentIssueDate": _at(now, ISSUED),
        "SpecificCircumstanceIndicator": "F50",
        "reEntryIndicator": "0",
        "representative": copy.deepcopy(REPRESENTATIVE),
        "activeBorderTransportMeans": {
            "identificationNumber": "IMO9524231",  # Spirit of Britain, P&O Dover-Calais
            "typeOfIdentification": "10",
            "typeOfMeansOfTransport": "157",
            "nationality": "GB",
            "ModeOfTransport": "1",
            "estimatedDateAndTimeOfDeparture": _at(now, FERRY[0]),
            "estimatedDateAndTimeOfArrival": _at(now, FERRY[1]),
            "countriesOfRoutingOfMeansOfTransport": _routing("GB", "FR"),
        },
        "consignmentMasterLevel": _master([house(goods)], "GBDVR", "FRCQF"),
        "declarant": copy.deepcopy(DECLARANT),
        "customsOfficeOfFirstEntry": {"referenceNumber": "FR620001"},
    }
    return EnsDocument("IE3F50", data)


def shuttle_filing(lrn: str = "TCO26112500002", now: datetime | None = None) -> EnsDocument:
    """A truck on the Folkestone-Coquelles shuttle: mode 3, the truck active, a sealed container;
    leaving in 1 h 50, arriving in 2 h 25."""
    doc = ferry_filing(lrn, items=2, now=now)
    d = doc.data
    d["activeBorderTransportMeans"].update({
        **TRUCK, "ModeOfTransport": "3",
        "estimatedDateAndTimeOfDeparture": _at(now, SHUTTLE[0]),
        "estimatedDateAndTimeOfArrival": _at(now, SHUTTLE[1]),
    })
    m = d["consignmentMasterLevel"]
    m["containerIndicator"] = "1"
    h = m["consignmentHouseLevel"][0]
    h["containerIndicator"] = "1"
    h["transportEquipment"] = [{
        "containerSizeAndType": "45", "containerPackedStatus": "B", "containerSupplierType": "1",
        "containerIdentificationNumber": "CSQU3054383", "numberOfSeals": "1",
        "seal": [{"identifier": "SL0048213"}],
    }]
    for item in h["goodsItem"]:
        item["passiveBorderTransportMeans"] = [copy.deepcopy(TRAILER)]
    m["placeOfLoading"] = {"UNLOCODE": "GBFOL"}
    m["placeOfUnloading"] = {"UNLOCODE": "FRCQS"}
    return doc


def rail_filing(lrn: str = "TCO26112500003", now: datetime | None = None) -> EnsDocument:
    """A freight train through the Channel Tunnel (IE3F51): wagons as passive means; leaving
    in 5 h, arriving in 5 h 55."""
    doc = ferry_filing(lrn, items=2, now=now)
    d = doc.data
    d["SpecificCircumstanceIndicator"] = "F51"
    d["activeBorderTransportMeans"] = {
        "typeOfMeansOfTransport": "230",
        "ModeOfTransport": "2",
        "estimatedDateAndTimeOfDeparture": _at(now, RAIL[0]),
        "estimatedDateAndTimeOfArrival": _at(now, RAIL[1]),
        "conveyanceReferenceNumber": "4S42-261126",
        "countriesOfRoutingOfMeansOfTransport": _routing("GB", "FR"),
    }
    h = d["consignmentMasterLevel"]["consignmentHouseLevel"][0]
    del h["transportDocumentHouseLevel"]
    h["passiveBorderTransportMeans"] = [{"identificationNumber": "338012345678",
                                         "typeOfIdentification": "20", "typeOfMeansOfTransport": "230"}]
    for item in h["goodsItem"]:
        del item["passiveBorderTransportMeans"]
    m = d["consignmentMasterLevel"]
    m["placeOfLoading"] = {"UNLOCODE": "GBLBA"}
    m["placeOfUnloading"] = {"UNLOCODE": "FRFHN"}
    m["transportDocumentMasterLevel"] = {"documentNumber": "CIM-2611-77812", "type": "N720"}
    return EnsDocument("IE3F51", d)


def departure_plus(data: Group, delta: timedelta) -> str:
    """A date-time `delta` after the sample's estimated departure, for tests that need an
    arrival before the departure (R3053) or a later one (an allowed amendment), whatever the day."""
    departure = datetime.fromisoformat(data["activeBorderTransportMeans"]["estimatedDateAndTimeOfDeparture"]
                                       .replace("Z", "+00:00"))
    return clock.stamp(departure + delta)
