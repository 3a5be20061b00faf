"""Replies from ICS2 parsed into typed objects, with customs' pointers mapped to fields."""
import pytest

from ics2desk.checkdigits import make_mrn, mrn_problem
from ics2desk.errors import BadInputError
from ics2desk.model import EnsDocument
from ics2desk.replies import DoNotLoad, InformationRequest, Notification, Registered, Rejected, parse_reply
from ics2desk.xml.writer import to_bytes

MRN = make_mrn(26, "FR", "QX81M2K4P7Z")
NOW = "2026-11-25T09:12:00Z"


def reply(mid, data):
    return to_bytes(EnsDocument(mid, data))


def test_registration_gives_lrn_mrn_and_date():
    r = parse_reply(reply("IE3R01", {"LRN": "TCO26112500001", "MRN": MRN, "registrationDate": NOW,
                                     "SpecificCircumstanceIndicator": "F50"}))
    assert isinstance(r, Registered)
    assert (r.lrn, r.mrn, r.date) == ("TCO26112500001", MRN, NOW)
    assert r.schema_problems == [] and mrn_problem(r.mrn) is None


def test_rejection_errors_keep_pointer_and_map_to_the_form_field():
    data = {"functionalReference": "TCO26112500001", "notificationDate": NOW, "error": [
        {"validationCode": "13", "pointer": {"messageElementPath":
         "/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[2]/weight/grossMass"}},
        {"validationCode": "94", "description": "LRN already used"},
    ]}
    r = parse_reply(reply("IE3N99", data))
    assert isinstance(r, Rejected) and r.lrn == "TCO26112500001"
    first, second = r.errors
    assert first.field_path == "consignmentMasterLevel/consignmentHouseLevel/goodsItem/weight/grossMass"
    assert first.message() == "Missing"
    assert second.message() == "LRN already used" and r.duplicate_lrn


def test_do_not_load_and_information_request():
    dnl = parse_reply(reply("IE3Q01", {"documentIssueDate": NOW, "MRN": MRN,
                                       "responsibleMemberState": {"country": "FR"},
                                       "doNotLoadDetails": {"transportEquipment": [
                                           {"containerIdentificationNumber": "CSQU3054383"}]}}))
    assert isinstance(dnl, DoNotLoad) and dnl.containers == ["CSQU3054383"] and dnl.mrn == MRN
    rfi = parse_reply(reply("IE3Q02", {"documentIssueDate": NOW, "MRN": MRN,
                                       "responsibleMemberState": {"country": "FR"},
                                       "declarant": {"identificationNumber": "NL812345678"},
                                       "referralRequestDetails": [{"referralRequestReference": "RFI-0001",
                                                                   "requestType": "RFI"}]}))
    assert isinstance(rfi, InformationRequest) and rfi.references == ["RFI-0001"]


def test_a_reply_failing_its_schema_is_still_read_and_says_why():
    r = parse_reply(reply("IE3N03", {"MRN": MRN}))
    assert isinstance(r, Notification) and r.mrn == MRN
    assert r.schema_problems  # the missing elements are reported, the MRN is not lost


@pytest.mark.parametrize("payload", [b"not xml", b"<x/>", reply("IE3F50", {"LRN": "A"})])
def test_garbage_or_non_replies_are_a_clear_error(payload):
    with pytest.raises(BadInputError):
        parse_reply(payload, "inbox/42.xml")


def test_each_reply_reads_as_one_line_for_the_agent():
    from ics2desk.replies import describe

    registered = reply("IE3R01", {"LRN": "TCO26112500001", "MRN": MRN, "registrationDate": NOW,
                                  "SpecificCircumstanceIndicator": "F50"})
    assert describe(registered) == f"registered — MRN {MRN}"
    assert describe(registered, "fr") == f"enregistrée — MRN {MRN}"
    rejected = reply("IE3N99", {"notificationDate": NOW, "error": [
        {"validationCode": "100", "pointer": {"messageElementPath":
         "/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[2]/commodity/descriptionOfGoods"}},
        {"validationCode": "13"}]})
    assert describe(rejected) == "rejected: Not satisfactory data quality — descriptionOfGoods (+1 more)"
    assert describe(rejected, "fr").startswith("rejetée: Qualité des données insuffisante")
    assert describe(b"not xml") == ""
