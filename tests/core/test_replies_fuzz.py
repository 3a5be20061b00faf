"""Property tests: no reply, however broken, stops the desk (issue 10, point 2).

Valid replies of every type the desk parses come from the simulator's own builders; each
example breaks one structurally (drop, duplicate, re-text, nest, rename the root, change the
namespace or the encoding, truncate, insert bytes) and checks that `parse_reply` gives a typed
Reply or a BadInputError, and that `describe` gives a str.
"""
from __future__ import annotations

import copy
from datetime import datetime, timezone
from functools import lru_cache

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from ics2desk import clock
from ics2desk.checkdigits import make_mrn
from ics2desk.errors import BadInputError
from ics2desk.model import EnsDocument
from ics2desk.replies import (
    REPLY_TYPES,
    DoNotLoad,
    InformationRequest,
    Notification,
    Registered,
    Rejected,
    Reply,
    describe,
    parse_reply,
)
from ics2desk.samples import ferry_filing
from ics2desk.simulator import replies as sim
from ics2desk.xml import reader, schemaset
from ics2desk.xml.writer import to_bytes

AT = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
MRN = make_mrn(26, "FR", "QX81M2K4P7Z")
CLASS = {"IE3R01": Registered, "IE3N99": Rejected, "IE3N01": Rejected, "IE3Q01": DoNotLoad,
         "IE3Q02": InformationRequest}
FUZZ = settings(max_examples=300, deadline=None)


@lru_cache(maxsize=1)
def seeds() -> dict[str, list[bytes]]:
    """Schema-valid replies of each type, as the simulator sends them (IE3N02, which it never
    sends, written the same way: model + writer)."""
    with clock.using(clock.FixedClock(AT)):
        doc = ferry_filing("TCO26112500001", now=AT)
        dnl = reader.from_bytes(sim.do_not_load(MRN, doc))
        dnl.data["doNotLoadDetails"]["transportEquipment"] = [{"containerIdentificationNumber": "CSQU3054383"},
                                                              {"containerIdentificationNumber": "MSKU9070323"}]
        n02 = EnsDocument("IE3N02", {"MRN": MRN, "notificationDate": clock.stamp(),
                                     "transportDocument": {"documentNumber": "CMR-2611-004217", "type": "N730"},
                                     "declarant": {"identificationNumber": doc.declarant_eori},
                                     "customsOfficeOfFirstEntry": {"referenceNumber": "FR620001"},
                                     "supplementaryDeclarant": [{"identificationNumber": "FR40123456700017"}]})
        return {
            "IE3R01": [sim.registered("TCO26112500001", MRN, doc)],
            "IE3N99": [sim.errors("TCO26112500001", [
                ("13", "/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[2]/weight/grossMass",
                 "Missing"),
                ("94", "/IE3F50/LRN", "LRN already used")])],
            "IE3N01": [sim.lifecycle_error("TCO26112500001", MRN, doc.declarant_eori, "94", "/IE3F50/LRN", "dup")],
            "IE3N02": [to_bytes(n02)],
            "IE3N03": [sim.assessment_complete(MRN, doc)],
            "IE3N10": [sim.amendment_accepted(MRN, doc)],
            "IE3Q01": [sim.do_not_load(MRN, doc), to_bytes(dnl)],
            "IE3Q02": [sim.information_request(MRN, doc, "RFI-0001")],
            "IE3R07": [sim.invalidation_accepted(MRN, doc.declarant_eori)],
            "IE3R08": [sim.consultation_result("TCO26112500001", MRN), sim.consultation_result("TCO26112500001", None)],
        }


def all_seeds() -> list[bytes]:
    return [x for xs in seeds().values() for x in xs]


def check_outcome(data: bytes) -> Reply | None:
    """The property: a typed Reply with well-typed fields, or a BadInputError; describe() a str."""
    try:
        r = parse_reply(data, "fuzzed reply")
    except BadInputError as exc:
        assert str(exc)
        r = None
    if r is not None:
        assert type(r) is CLASS.get(r.message_id, Notification) and r.message_id in REPLY_TYPES
        for value in (r.lrn, r.mrn, r.date):
            assert value is None or (isinstance(value, str) and value)
        assert all(isinstance(p, str) for p in r.schema_problems)
        for name in ("containers", "documents", "references", "request_types"):
            assert all(isinstance(v, str) for v in getattr(r, name, []))
        for e in getattr(r, "errors", []):
            assert isinstance(e.message(), str) and isinstance(e.message("fr"), str)
            assert e.field_path is None or isinstance(e.field_path, str)
        unchecked = parse_reply(data, check=False)  # the store's path gives the same reading
        assert (type(unchecked), unchecked.lrn, unchecked.mrn) == (type(r), r.lrn, r.mrn)
    for lang in ("en", "fr"):
        line = describe(data, lang)
        assert isinstance(line, str) and "\n" not in line
    return r


# --- structural mutations of a parsed tree -------------------------------------------------

_xml_char = st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\t\n\r\x7f\x85")
_texts = st.one_of(
    st.text(_xml_char, max_size=40),
    st.sampled_from(["", " ", MRN, MRN.lower(), "94", "2026-11-25T09:12:00Z", "&amp;<>\"'", "é\u2603\U0001F600"]),
    st.integers(1000, 60_000).map(lambda n: "9" * n),  # huge, but below libxml2's 10 MB text limit
)


def _drop(root, el, draw):
    if el is not root:
        el.getparent().remove(el)


def _duplicate(root, el, draw):
    if el is not root:
        el.addnext(copy.deepcopy(el))


def _retext(root, el, draw):
    el.text = draw(_texts)


def _nest(root, el, draw):
    """Put a copy of some element inside another: a leaf gains children, a group a stranger."""
    others = list(root.iter())
    el.append(copy.deepcopy(others[draw(st.integers(0, len(others) - 1))]))


def _rename_root(root, el, draw):
    root.tag = f"{{{etree.QName(root).namespace or ''}}}{draw(st.sampled_from(REPLY_TYPES))}"


def _rename(root, el, draw):
    names = sorted({etree.QName(e).localname for e in root.iter()})
    el.tag = f"{{{etree.QName(el).namespace or ''}}}{draw(st.sampled_from(names + ['x', 'MRN', 'error']))}"


TREE_MUTATIONS = [_drop, _duplicate, _retext, _nest, _rename_root, _rename]


def _serialise(root, draw) -> bytes:
    encoding = draw(st.sampled_from(["UTF-8", "UTF-16", "ISO-8859-1", "ASCII"]))
    data = etree.tostring(root, encoding=encoding, xml_declaration=draw(st.booleans()))
    if draw(st.booleans()):  # no namespace, or another one
        data = data.replace(schemaset.namespace().encode(), draw(st.sampled_from([b"", b"urn:other"])))
    return data


def _byte_mutation(data: bytes, draw) -> bytes:
    at = draw(st.integers(0, len(data)))
    kind = draw(st.sampled_from(["none", "truncate", "insert"]))
    if kind == "truncate":
        return data[:at]
    if kind == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data


@st.composite
def mutated_replies(draw, mid: str | None = None) -> bytes:
    pool = seeds()[mid] if mid else all_seeds()
    root = etree.fromstring(draw(st.sampled_from(pool)))
    for _ in range(draw(st.integers(1, 4))):
        elements = list(root.iter())
        el = elements[draw(st.integers(0, len(elements) - 1))]
        draw(st.sampled_from(TREE_MUTATIONS))(root, el, draw)
    return _byte_mutation(_serialise(root, draw), draw)


# --- the tests -------------------------------------------------------------------------------

def test_every_seed_is_a_schema_valid_reply_of_its_type():
    assert set(seeds()) == set(REPLY_TYPES)
    for mid, xs in seeds().items():
        for x in xs:
            r = check_outcome(x)
            assert r is not None and r.message_id == mid and r.schema_problems == []


@pytest.mark.parametrize("mid", REPLY_TYPES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_each_reply_type_survives_structural_mutations(mid, data):
    check_outcome(data.draw(mutated_replies(mid)))


@FUZZ
@given(payload=mutated_replies())
def test_any_mutated_reply_gives_a_reply_or_bad_input(payload):
    check_outcome(payload)


@FUZZ
@given(payload=st.one_of(
    st.binary(max_size=400),
    st.binary(max_size=200).map(lambda b: f'<IE3Q01 xmlns="{schemaset.namespace()}">'.encode() + b),
    st.builds(lambda seed, junk: seed[:len(seed) // 2] + junk, st.sampled_from(all_seeds()), st.binary(max_size=60)),
))
def test_random_bytes_give_a_reply_or_bad_input(payload):
    check_outcome(payload)


_BOMB = ('<!DOCTYPE {mid} [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
         '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
         '<{mid}><MRN>&d;&d;&d;&d;</MRN></{mid}>')
_EXTERNAL = '<!DOCTYPE {mid} [<!ENTITY x SYSTEM "file:///etc/passwd">]><{mid}><MRN>&x;</MRN></{mid}>'
_UNDECLARED = "<{mid}><MRN>&x;</MRN></{mid}>"


@pytest.mark.parametrize("mid", REPLY_TYPES)
@pytest.mark.parametrize("template", [_BOMB, _EXTERNAL, _UNDECLARED], ids=["bomb", "external", "undeclared"])
def test_entities_are_never_expanded(mid, template):
    with pytest.raises(BadInputError) as err:
        parse_reply(template.format(mid=mid).encode(), "inbox/1.xml")
    assert "inbox/1.xml" in str(err.value) and "root:" not in str(err.value)
    assert describe(template.format(mid=mid).encode()) == ""


@pytest.mark.parametrize("payload", [
    b"<IE3R01><MRN>" + b"9" * 10_500_000 + b"</MRN></IE3R01>",  # over libxml2's text-node limit
    b"<IE3R01>" + b"<a>" * 300 + b"</a>" * 300 + b"</IE3R01>",  # deeper than libxml2's 256
])
def test_oversized_replies_are_bad_input(payload):
    with pytest.raises(BadInputError, match="not well-formed XML"):
        parse_reply(payload)
    assert describe(payload) == ""
