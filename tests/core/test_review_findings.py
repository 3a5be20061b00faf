"""Cases an independent acceptance run raised: each must stay caught, with a useful message."""
from ics2desk import samples
from ics2desk.amend import make_amendment
from ics2desk.checkdigits import iso6346_check, make_mrn
from ics2desk.validate import validate_document

HOUSE = "/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]"


def house(doc):
    return doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]


def test_mrn_must_be_addressed_to_an_ics2_member_state():
    amendment = make_amendment(samples.ferry_filing(), make_mrn(26, "GB", "00001234567"))
    report = validate_document(amendment)
    assert [(f.rule, f.path) for f in report.errors] == [("R3004", "/IE3A50/MRN")]
    assert "Member State" in report.errors[0].en


def test_container_category_must_be_u_j_or_z():
    doc = samples.shuttle_filing()
    number = "CSQR305438"
    house(doc)["transportEquipment"][0]["containerIdentificationNumber"] = number + iso6346_check(number)
    report = validate_document(doc)
    assert [f.rule for f in report.errors] == ["R3021"]
    assert "U, J or Z" in report.errors[0].en


def test_unknown_unlocode_in_a_fully_shipped_country_is_a_code_list_error():
    from ics2desk import codelists

    assert "FRZZZ" in codelists.codes("CL244")  # a real place (Saint-Pierre-des-Landes), not a dummy
    assert "FRQ9Q" not in codelists.codes("CL244")
    doc = samples.ferry_filing()
    doc.data["consignmentMasterLevel"]["placeOfUnloading"]["UNLOCODE"] = "FRQ9Q"
    report = validate_document(doc)
    assert ("XSD", "/IE3F50/consignmentMasterLevel/placeOfUnloading/UNLOCODE") in [(f.rule, f.path) for f in report.errors]


def test_unlocode_of_a_country_we_do_not_ship_is_not_judged():
    doc = samples.ferry_filing()
    house(doc)["placeOfAcceptance"] = {"UNLOCODE": "CHBSL"}
    house(doc)["countriesOfRoutingOfConsignment"][0]["country"] = "CH"
    report = validate_document(doc)
    assert "XSD" not in {f.rule for f in report.findings}


def test_unknown_customs_office_is_a_warning_to_check():
    doc = samples.ferry_filing()
    doc.data["customsOfficeOfFirstEntry"]["referenceNumber"] = "FR000000"
    report = validate_document(doc)
    assert report.valid
    assert [(f.rule, f.path) for f in report.warnings] == [("XSD", "/IE3F50/customsOfficeOfFirstEntry/referenceNumber")]


def test_one_numbering_gap_is_reported_once_not_on_every_later_item():
    doc = samples.ferry_filing(items=30)
    house(doc)["goodsItem"].pop(1)  # items now 1, 3, 4, ... 30
    report = validate_document(doc)
    assert [(f.rule, f.path) for f in report.errors] == [("R3017", f"{HOUSE}/goodsItem[2]/goodsItemNumber")]


def test_format_errors_say_the_format_in_words():
    doc = samples.ferry_filing()
    house(doc)["goodsItem"][0]["packaging"][0]["numberOfPackages"] = "123456789"
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = "2026-11-26 10:30"
    doc.data["LRN"] = "X" * 30
    report = validate_document(doc)
    messages = {f.path.rsplit("/", 1)[1]: (f.en, f.fr) for f in report.errors if f.rule == "XSD"}
    assert messages["numberOfPackages"][0] == "Number of packages: '123456789' is not 1 to 8 digits"
    assert "2026-11-26T10:30:00Z" in messages["estimatedDateAndTimeOfArrival"][0]
    assert messages["LRN"] == ("LRN: 30 characters, the format allows 1 to 22 characters",
                               "LRN : 30 caractères, le format permet de 1 à 22 caractères")


def test_too_few_repetitions_point_at_the_repeated_element():
    doc = samples.ferry_filing()
    house(doc)["countriesOfRoutingOfConsignment"].pop()
    report = validate_document(doc)
    xsd = [f for f in report.errors if f.rule == "XSD"]
    assert [f.path for f in xsd] == [f"{HOUSE}/countriesOfRoutingOfConsignment[1]"]
    assert "at least 2" in xsd[0].en


def test_values_behind_a_structural_error_are_still_checked():
    doc = samples.ferry_filing()
    del doc.data["LRN"]  # libxml2 stops checking the root's content here
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = "2026-11-26 08:00"
    house(doc)["goodsItem"][1]["weight"]["grossMass"] = "12,5"
    report = validate_document(doc)
    paths = [f.path for f in report.errors if f.rule == "XSD"]
    assert paths == ["/IE3F50/LRN", "/IE3F50/activeBorderTransportMeans/estimatedDateAndTimeOfArrival",
                     f"{HOUSE}/goodsItem[2]/weight/grossMass"]
