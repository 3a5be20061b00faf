"""Every HTI rule and condition the road/rail tables cite: a valid filing passes it, and a
filing broken in exactly that way reports that rule's ID at the right element."""
from __future__ import annotations

from datetime import timedelta

import pytest

from ics2desk import samples
from ics2desk.hti.spec import load_message
from ics2desk.rules import RULES, rules_for
from ics2desk.validate import validate_document

ABTM = "/IE3F50/activeBorderTransportMeans"
HOUSE = "/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]"
ITEM2 = f"{HOUSE}/goodsItem[2]"


def _house(d):
    return d["consignmentMasterLevel"]["consignmentHouseLevel"][0]


def _item(d, n):
    return _house(d)["goodsItem"][n - 1]


def _container(d):
    return samples.shuttle_filing().data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["transportEquipment"]


def m_R3002(d):
    del d["declarant"]["address"]["number"]


def m_R3005(d):
    d["declarant"]["identificationNumber"] = "GB123456789000"


def m_R3005_syntax(d):
    d["consignmentMasterLevel"]["carrier"]["identificationNumber"] = "12345"


def m_R3006(d):
    d["representative"]["communication"][1]["identifier"] = "03 21 34 56 78"


def m_R3013(d):
    d["consignmentMasterLevel"]["placeOfLoading"] = {"UNLOCODE": "BEZEE"}


def m_R3014(d):
    d["consignmentMasterLevel"]["placeOfUnloading"] = {"UNLOCODE": "NLRTM"}


def m_R3017(d):
    _item(d, 2)["goodsItemNumber"] = "1"


def m_R3017_gap(d):
    _item(d, 2)["goodsItemNumber"] = "3"
    _item(d, 3)["goodsItemNumber"] = "4"


def m_R3018(d):
    d["customsOfficeOfFirstEntry"]["referenceNumber"] = "BE212000"


def m_R3020(d):
    _item(d, 2)["commodity"]["cusCode"] = "12345678"


def m_R3021(d):
    _house(d)["containerIndicator"] = "1"
    te = _container(d)
    te[0]["containerIdentificationNumber"] = "CSQU3054384"  # check digit is 3
    _house(d)["transportEquipment"] = te


def m_R3022(d):
    _house(d)["countriesOfRoutingOfConsignment"] = [{"sequenceNumber": "1", "country": "GB"},
                                                    {"sequenceNumber": "2", "country": "BE"}]


def m_R3033(d):
    d["representative"]["identificationNumber"] = d["declarant"]["identificationNumber"]


def m_R3035(d):
    del d["activeBorderTransportMeans"]["estimatedDateAndTimeOfDeparture"]


def m_R3053(d):
    d["activeBorderTransportMeans"]["actualDateAndTimeOfDeparture"] = samples.departure_plus(d, timedelta(hours=2))  # after arrival


def m_C3003(d):
    d["consignmentMasterLevel"]["placeOfAcceptance"] = {}


def m_C3003_both(d):
    d["consignmentMasterLevel"]["placeOfAcceptance"]["location"] = "Birmingham"


def m_C3004(d):
    _house(d)["placeOfAcceptance"] = {"location": "Birmingham"}


def m_C3005(d):
    d["consignmentMasterLevel"]["placeOfDelivery"] = {"address": {"country": "FR"}}


def m_C3006(d):
    _house(d)["placeOfDelivery"]["address"] = {"country": "FR"}


def m_C3007(d):
    d["consignmentMasterLevel"]["placeOfLoading"] = {"location": "Dover Eastern Docks"}


def m_C3008(d):
    d["consignmentMasterLevel"]["placeOfUnloading"] = {"address": {"country": "FR"}}


def m_C3014(d):
    _house(d)["containerIndicator"] = "1"


def m_C3014_unused(d):
    _item(d, 2)["transportEquipment"] = _container(d)


def m_C3017(d):
    _house(d)["containerIndicator"] = "1"
    te = _container(d)
    del te[0]["seal"]
    _house(d)["transportEquipment"] = te


def m_C3018(d):
    _house(d)["containerIndicator"] = "1"
    te = _container(d)
    te[0]["seal"] = [{"identifier": "SL1"}]
    del te[0]["numberOfSeals"]
    _item(d, 2)["transportEquipment"] = te


def m_C3020(d):
    del _house(d)["goodsShipment"]


def m_C3025(d):
    del _item(d, 2)["commodity"]["commodityCode"]


def m_C3034(d):
    del d["consignmentMasterLevel"]["consignee"]["address"]["postCode"]


def m_C3036(d):
    del _item(d, 2)["packaging"][0]["numberOfPackages"]


def m_C3036_bulk(d):
    _item(d, 2)["packaging"][0]["typeOfPackages"] = "VR"


CASES = [
    ("R3002", m_R3002, "/IE3F50/declarant/address"),
    ("R3005", m_R3005, "/IE3F50/declarant/identificationNumber"),
    ("R3005", m_R3005_syntax, "/IE3F50/consignmentMasterLevel/carrier/identificationNumber"),
    ("R3006", m_R3006, "/IE3F50/representative/communication[2]/identifier"),
    ("R3013", m_R3013, f"{ABTM}/countriesOfRoutingOfMeansOfTransport[1]/country"),
    ("R3014", m_R3014, f"{ABTM}/countriesOfRoutingOfMeansOfTransport[2]/country"),
    ("R3017", m_R3017, f"{ITEM2}/goodsItemNumber"),
    ("R3017", m_R3017_gap, f"{ITEM2}/goodsItemNumber"),
    ("R3018", m_R3018, f"{ABTM}/countriesOfRoutingOfMeansOfTransport[2]/country"),
    ("R3020", m_R3020, f"{ITEM2}/commodity/cusCode"),
    ("R3021", m_R3021, f"{HOUSE}/transportEquipment[1]/containerIdentificationNumber"),
    ("R3022", m_R3022, f"{HOUSE}/countriesOfRoutingOfConsignment[1]"),
    ("R3033", m_R3033, "/IE3F50/representative/identificationNumber"),
    ("R3035", m_R3035, f"{ABTM}/estimatedDateAndTimeOfDeparture"),
    ("R3053", m_R3053, f"{ABTM}/estimatedDateAndTimeOfArrival"),
    ("C3003", m_C3003, "/IE3F50/consignmentMasterLevel/placeOfAcceptance/location"),
    ("C3003", m_C3003_both, "/IE3F50/consignmentMasterLevel/placeOfAcceptance/location"),
    ("C3004", m_C3004, f"{HOUSE}/placeOfAcceptance/address"),
    ("C3005", m_C3005, "/IE3F50/consignmentMasterLevel/placeOfDelivery/location"),
    ("C3006", m_C3006, f"{HOUSE}/placeOfDelivery/address"),
    ("C3007", m_C3007, "/IE3F50/consignmentMasterLevel/placeOfLoading/address"),
    ("C3008", m_C3008, "/IE3F50/consignmentMasterLevel/placeOfUnloading/location"),
    ("C3014", m_C3014, f"{HOUSE}/transportEquipment[1]"),
    ("C3014", m_C3014_unused, f"{ITEM2}/transportEquipment[1]"),
    ("C3017", m_C3017, f"{HOUSE}/transportEquipment[1]/seal[1]"),
    ("C3018", m_C3018, f"{ITEM2}/transportEquipment[1]/seal[1]"),
    ("C3020", m_C3020, f"{HOUSE}/goodsShipment"),
    ("C3025", m_C3025, f"{ITEM2}/commodity/commodityCode"),
    ("C3034", m_C3034, "/IE3F50/consignmentMasterLevel/consignee/address/postCode"),
    ("C3036", m_C3036, f"{ITEM2}/packaging[1]/numberOfPackages"),
    ("C3036", m_C3036_bulk, f"{ITEM2}/packaging[1]/shippingMarks"),
]


def test_valid_filings_report_nothing():
    for doc in (samples.ferry_filing(), samples.shuttle_filing(), samples.rail_filing()):
        report = validate_document(doc)
        assert report.findings == [], [(f.rule, f.path, f.en) for f in report.findings]


@pytest.mark.parametrize("rule_id,mutate,path", CASES, ids=[f"{c[0]}-{c[1].__name__}" for c in CASES])
def test_breaking_one_rule_reports_it_at_the_element(rule_id, mutate, path):
    doc = samples.ferry_filing()
    mutate(doc.data)
    report = validate_document(doc)
    hits = [f for f in report.errors if f.rule == rule_id]
    assert hits, f"{rule_id} not reported; got {[(f.rule, f.path) for f in report.findings]}"
    assert path in [f.path for f in hits]
    assert all(f.en and f.fr and f.en != f.fr for f in hits)
    # The break is about this rule only: no unrelated rule fires.
    assert {f.rule for f in report.errors} <= {rule_id, "XSD"}


def test_every_rule_cited_by_road_and_rail_tables_is_implemented_and_tested():
    cited = set()
    for mid in ("IE3F50", "IE3A50", "IE3F51", "IE3A51"):
        cited |= load_message(mid).cited_ids
    cited -= {"R3003", "R3024"}  # need the store / the registered version: tested elsewhere
    assert cited <= set(RULES)
    tested = {c[0] for c in CASES} | {"R3004", "R3008"}
    assert cited <= tested, cited - tested


def test_rule_docstrings_are_the_hti_texts():
    from ics2desk.hti.spec import rule_texts

    texts = rule_texts()
    for rid, fn in RULES.items():
        assert " ".join(fn.__doc__.split()) == " ".join(texts[rid].split()), rid


def test_r3008_rail_needs_a_passive_means():
    doc = samples.rail_filing()
    del doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["passiveBorderTransportMeans"]
    report = validate_document(doc)
    assert [f.path for f in report.errors if f.rule == "R3008"] == [
        "/IE3F51/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[1]/passiveBorderTransportMeans[1]",
        "/IE3F51/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[2]/passiveBorderTransportMeans[1]",
    ]


def test_carrier_outside_eu_is_a_warning_not_an_error():
    doc = samples.ferry_filing()
    doc.data["consignmentMasterLevel"]["carrier"]["identificationNumber"] = "GB123456789000"
    report = validate_document(doc)
    assert report.valid
    assert [(f.rule, f.severity) for f in report.warnings] == [("R3005", "warning")]


def test_imo_check_digit_is_an_error_wherever_a_ship_is_identified_by_imo():
    doc = samples.ferry_filing()
    doc.data["activeBorderTransportMeans"]["identificationNumber"] = "IMO9524232"
    report = validate_document(doc)
    assert [(f.rule, f.path) for f in report.errors] == [
        ("R3009", "/IE3F50/activeBorderTransportMeans/identificationNumber")]
    assert ("R3009", True) in rules_for("IE3F50")


def test_eni_needs_eight_digits():
    doc = samples.ferry_filing()
    doc.data["activeBorderTransportMeans"].update(identificationNumber="1234567", typeOfIdentification="80")
    report = validate_document(doc)
    assert "R3010" in {f.rule for f in report.errors}


def test_sea_mode_with_a_truck_as_active_means_is_a_warning():
    doc = samples.ferry_filing()
    doc.data["activeBorderTransportMeans"].update(identificationNumber="AB12CDE", typeOfIdentification="30")
    report = validate_document(doc)
    assert report.valid
    assert [(f.rule, f.severity) for f in report.warnings] == [("R3011", "warning")]
