"""Amendments: keyed by MRN (R3004), full replacement, R3024 fields cannot change."""
from datetime import timedelta

from ics2desk import samples
from ics2desk.amend import make_amendment
from ics2desk.checkdigits import make_mrn
from ics2desk.validate import validate_document

MRN = make_mrn(26, "FR", "A1B2C3D4E5F")


def test_amendment_of_a_valid_filing_is_valid_and_keyed_by_mrn():
    filing = samples.ferry_filing()
    amendment = make_amendment(filing, MRN)
    assert amendment.message_id == "IE3A50"
    assert amendment.mrn == MRN and amendment.lrn is None
    report = validate_document(amendment, registered=filing)
    assert report.findings == [], [(f.rule, f.path) for f in report.findings]


def test_r3004_wrong_check_character():
    bad = MRN[:-1] + str((int(MRN[-1]) + 1) % 10)
    report = validate_document(make_amendment(samples.ferry_filing(), bad))
    assert [(f.rule, f.path) for f in report.errors] == [("R3004", "/IE3A50/MRN")]
    assert "check character" in report.errors[0].en


def test_r3024_unamendable_fields_are_refused_others_allowed():
    filing = samples.ferry_filing()
    amendment = make_amendment(filing, MRN)
    amendment.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = samples.departure_plus(
        amendment.data, timedelta(hours=3))
    assert validate_document(amendment, registered=filing).valid  # arrival time may change
    amendment.data["customsOfficeOfFirstEntry"]["referenceNumber"] = "FR590002"
    amendment.data["activeBorderTransportMeans"]["identificationNumber"] = "IMO9274484"
    report = validate_document(amendment, registered=filing)
    assert {(f.rule, f.path) for f in report.errors} == {
        ("R3024", "/IE3A50/customsOfficeOfFirstEntry/referenceNumber"),
        ("R3024", "/IE3A50/activeBorderTransportMeans/identificationNumber"),
    }


def test_r3024_adding_a_goods_item_is_refused():
    filing = samples.ferry_filing()
    amendment = make_amendment(filing, MRN)
    items = amendment.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"]
    extra = dict(items[0], goodsItemNumber="4")
    items.append(extra)
    report = validate_document(amendment, registered=filing)
    assert "R3024" in {f.rule for f in report.errors}
