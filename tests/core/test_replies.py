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


# --- issue 10.2: no reply can stop the desk -------------------------------------------------

NS = "urn:wco:datamodel:WCO:CIS:1"


def test_do_not_load_whose_transport_document_has_no_number_is_read_not_a_crash():
    from ics2desk.replies import describe

    xml = reply("IE3Q01", {"documentIssueDate": NOW, "MRN": MRN, "responsibleMemberState": {"country": "FR"},
                           "doNotLoadDetails": {"transportDocument": {"type": "N730"}}})
    dnl = parse_reply(xml)
    assert isinstance(dnl, DoNotLoad) and dnl.mrn == MRN  # the blocking order still reaches its filing
    assert dnl.documents == [] and dnl.containers == []
    assert any("documentNumber" in p for p in dnl.schema_problems)
    assert describe(xml) == "DO NOT LOAD"


def test_information_request_with_one_request_as_a_single_dict():
    from ics2desk.replies import reply_of

    one = {"referralRequestReference": "RFI-0001", "requestType": "RFI"}
    data = {"documentIssueDate": NOW, "MRN": MRN, "responsibleMemberState": {"country": "FR"},
            "declarant": {"identificationNumber": "NL812345678"}}
    # in XML, one occurrence of a repeating element ...
    parsed = parse_reply(reply("IE3Q02", {**data, "referralRequestDetails": [one]}))
    # ... and a document built with the group as a dict instead of a list of one
    built = reply_of(EnsDocument("IE3Q02", {**data, "referralRequestDetails": one}))
    for rfi in (parsed, built):
        assert isinstance(rfi, InformationRequest)
        assert (rfi.references, rfi.request_types, rfi.mrn) == (["RFI-0001"], ["RFI"], MRN)


def test_error_without_validation_code_keeps_its_description():
    from ics2desk.replies import describe

    xml = reply("IE3N99", {"functionalReference": "TCO26112500001", "notificationDate": NOW,
                           "error": [{"description": "Something is wrong",
                                      "pointer": {"messageElementPath": "/IE3F50/LRN"}}]})
    r = parse_reply(xml)
    assert isinstance(r, Rejected) and r.lrn == "TCO26112500001"
    (e,) = r.errors
    assert (e.code, e.pointer, e.message(), r.duplicate_lrn) == ("", "/IE3F50/LRN", "Something is wrong", False)
    assert any("validationCode" in p for p in r.schema_problems)
    assert describe(xml) == "rejected: Something is wrong — LRN"


def test_consultation_result_without_ens_entity_found_nothing():
    from ics2desk.replies import describe
    from ics2desk.store.store import reply_mrn_from_r08, reply_state_from_r08

    xml = reply("IE3R08", {"functionalReference": "TCO26112500001"})
    r = parse_reply(xml)
    assert isinstance(r, Notification) and (r.lrn, r.mrn) == ("TCO26112500001", None)
    assert reply_mrn_from_r08(r) is None and reply_state_from_r08(r) is None
    assert any("ENSEntity" in p for p in r.schema_problems)
    assert describe(xml) == "consultation result"


@pytest.mark.parametrize("mid, cls", [
    ("IE3R01", Registered), ("IE3N99", Rejected), ("IE3N01", Rejected), ("IE3N02", Notification),
    ("IE3N03", Notification), ("IE3N10", Notification), ("IE3Q01", DoNotLoad), ("IE3Q02", InformationRequest),
    ("IE3R07", Notification), ("IE3R08", Notification)])
def test_a_reply_with_nothing_in_it_is_read_with_no_identifiers(mid, cls):
    """The store keeps such a reply unmatched; the schema findings say what is missing."""
    from ics2desk.replies import describe

    r = parse_reply(f'<{mid} xmlns="{NS}"/>'.encode())
    assert type(r) is cls and (r.lrn, r.mrn, r.date) == (None, None, None)
    assert r.schema_problems
    assert isinstance(describe(f"<{mid}/>".encode()), str)


def test_registration_and_do_not_load_without_mrn_give_none():
    r01 = parse_reply(reply("IE3R01", {"LRN": "TCO26112500001", "registrationDate": NOW}))
    assert isinstance(r01, Registered) and (r01.lrn, r01.mrn) == ("TCO26112500001", None)
    q01 = parse_reply(reply("IE3Q01", {"documentIssueDate": NOW, "MRN": "", "doNotLoadDetails": {
        "transportEquipment": [{"containerIdentificationNumber": "CSQU3054383"}, {}]}}))
    assert isinstance(q01, DoNotLoad) and q01.mrn is None and q01.containers == ["CSQU3054383"]


@pytest.mark.parametrize("data", [
    {"MRN": [MRN, "26FR00000000000000"], "LRN": ["A1"], "doNotLoadDetails": [{"transportEquipment": {
        "containerIdentificationNumber": ["CSQU3054383"]}}]},  # lists where one is expected, dicts for lists
    {"MRN": {"x": "y"}, "doNotLoadDetails": "text", "error": "text"},  # a group for a leaf and vice versa
    {"doNotLoadDetails": {"transportEquipment": ["text", None, 3], "transportDocument": [{}, {"documentNumber": 7}]}},
    {"MRN": None, "registrationDate": ["", NOW], "error": [{"pointer": [{"messageElementPath": "/IE3F50/LRN"}]}, "x"]},
])
@pytest.mark.parametrize("mid", ["IE3R01", "IE3N99", "IE3Q01", "IE3Q02", "IE3R08"])
def test_documents_of_any_shape_never_crash_the_accessors(mid, data):
    from ics2desk.replies import reply_of

    r = reply_of(EnsDocument(mid, data))
    assert r.lrn is None or isinstance(r.lrn, str)
    assert r.mrn is None or isinstance(r.mrn, str)
    assert r.date is None or isinstance(r.date, str)
    for name in ("errors", "containers", "documents", "references", "request_types"):
        assert isinstance(getattr(r, name, []), list)


def test_the_first_of_repeated_values_counts_and_bad_entries_are_skipped():
    from ics2desk.replies import reply_of

    r = reply_of(EnsDocument("IE3Q01", {"MRN": [MRN, "other"], "registrationDate": ["", NOW],
                                        "doNotLoadDetails": [{"transportEquipment": {
                                            "containerIdentificationNumber": "CSQU3054383"}}, {}]}))
    assert (r.mrn, r.containers) == (MRN, ["CSQU3054383"])
    e = reply_of(EnsDocument("IE3N99", {"error": {"validationCode": "94",
                                                  "pointer": [{"messageElementPath": "/IE3F50/LRN"}]}})).errors
    assert [(x.code, x.pointer) for x in e] == [("94", "/IE3F50/LRN")]


@pytest.mark.parametrize("payload, words", [
    (b"", "not well-formed XML"),
    (b"\xff\xfe\x00<", "not well-formed XML"),
    (b'<?xml version="1.0" encoding="UTF-8"?><IE3R01><LRN>\xe9t\xe9</LRN></IE3R01>', "not well-formed XML"),
    (f'<IE3F50 xmlns="{NS}"/>'.encode(), "'IE3F50' is not a reply this desk handles"),
    (b"<Envelope><Body/></Envelope>", "'Envelope' is not a reply this desk handles"),
    (b'<!DOCTYPE IE3R01 [<!ENTITY a "aaaa">]><IE3R01><LRN>&a;</LRN></IE3R01>', "DOCTYPE"),
])
def test_unreadable_bytes_are_a_bad_input_error_that_says_why(payload, words):
    with pytest.raises(BadInputError) as err:
        parse_reply(payload, "inbox/42.xml")
    assert "inbox/42.xml" in str(err.value) and words in str(err.value)


def test_a_reply_failing_its_schema_everywhere_is_read_quickly_with_its_findings_counted():
    """Explaining each XSD finding costs findings x elements; thousands of them are summed up."""
    xml = reply("IE3N99", {"functionalReference": "TCO26112500001", "notificationDate": NOW,
                           "error": [{"description": f"e{i}"} for i in range(1500)]})
    r = parse_reply(xml)
    assert isinstance(r, Rejected) and len(r.errors) == 1500 and r.lrn == "TCO26112500001"
    assert len(r.schema_problems) <= 21 and r.schema_problems[-1].endswith("more schema problems not listed")
    few = parse_reply(reply("IE3N99", {"notificationDate": NOW, "error": [{"description": "e"}] * 3}))
    assert len(few.schema_problems) == 3 and all("validationCode" in p for p in few.schema_problems)


def test_description_is_one_bounded_line_whatever_the_reply_holds():
    from ics2desk.replies import describe

    dnl = reply("IE3Q01", {"documentIssueDate": NOW, "MRN": MRN, "doNotLoadDetails": {"transportEquipment": [
        {"containerIdentificationNumber": f"CSQU{i:07d}"} for i in range(3000)]}})
    line = describe(dnl)
    assert line.startswith("DO NOT LOAD: CSQU0000000, CSQU0000001") and len(line) <= 700 and line.endswith("…")
    n99 = reply("IE3N99", {"notificationDate": NOW,
                           "error": [{"validationCode": "13", "description": "two\nlines\r\n"}]})
    assert describe(n99) == "rejected: two lines"
    assert describe(reply("IE3N99", {"notificationDate": NOW})) == "rejected"
