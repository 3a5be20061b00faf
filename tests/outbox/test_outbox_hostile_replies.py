"""Hostile and fuzzed replies never crash the sender, never resolve anything, never move a filing
to a state it should not reach, and are kept for the record."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ics2desk.outbox import Sender
from ics2desk.samples import ferry_filing
from ics2desk.settings import Settings
from ics2desk.simulator import replies as sim_replies
from ics2desk.store import open_store
from ics2desk.transport.base import SendResult


class ScriptedTransport:
    """Answers every send with the scripted reply and serves scripted replies on poll."""

    def __init__(self):
        self.answer: list[bytes] = []
        self.inbox: list[tuple[str, bytes]] = []
        self.acked: list[str] = []

    def send(self, message_type, xml, reference):
        return SendResult("t-1", list(self.answer))

    def poll(self):
        items, self.inbox = self.inbox, []
        return items

    def ack(self, ids):
        self.acked += ids

    def close(self):
        pass


@pytest.fixture
def rig(data_dir):
    t = ScriptedTransport()
    s = Sender(open_store(), t, Settings(retry_base_s=60, retry_cap_s=60))
    s.store.import_document(ferry_filing("HOST1"))
    s.store.queue("HOST1")
    yield s, t
    s.close()


def _hostile(secret_file) -> list[bytes]:
    uri = secret_file.as_uri()
    return [
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{uri}">]><IE3R01><LRN>&x;</LRN></IE3R01>'.encode(),
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        b'<IE3R01><LRN>&d;&d;&d;&d;&d;</LRN></IE3R01>',
        b'<!DOCTYPE IE3R01 SYSTEM "http://127.0.0.1:9/evil.dtd"><IE3R01><LRN>HOST1</LRN></IE3R01>',
        f'<IE3R01 xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="{uri}" parse="text"/></IE3R01>'.encode(),
        b"\xff\xfe<\x00I\x00",
        b"",
        b"<IE3R01><LRN>HOST1</LRN><MRN>not-an-mrn</MRN></IE3R01>",
        b"<Envelope><Body/></Envelope>",
    ]


def test_hostile_xml_is_kept_but_never_resolved_or_applied(rig, tmp_path):
    sender, t = rig
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-PASSWD-LINE")
    hostile = _hostile(secret)
    t.answer = [hostile[0]]
    sender.drain()
    t.inbox = [(f"h{i}", x) for i, x in enumerate(hostile)]
    sender.poll_replies()
    store = sender.store
    assert store.get("HOST1").state in ("queued", "sent")  # nothing registered it
    assert store.get("HOST1").mrn is None
    dump = b"".join(bytes(r[0]) for r in store.conn.execute("SELECT xml FROM messages"))
    assert b"TOPSECRET" not in dump  # the entity was never expanded
    kept = store.conn.execute("SELECT COUNT(*) FROM messages WHERE direction='in'").fetchone()[0]
    assert kept == len(hostile) + 1
    assert t.acked == [f"h{i}" for i in range(len(hostile))]
    # the item whose reply was unreadable is retried (same LRN), not lost
    (item,) = store.outbox_items()
    assert item.state == "pending" and item.reconcile


def test_a_valid_registration_still_works_after_garbage(rig):
    sender, t = rig
    mrn = "26FR00000000001CT8"
    from ics2desk.checkdigits import make_mrn

    mrn = make_mrn(2026, "FR", "ABC")
    t.answer = [sim_replies.registered("HOST1", mrn, ferry_filing("HOST1"))]
    t.inbox = [("g1", b"<<<"), ("g2", b"<IE3N03/>")]
    sender.drain()
    sender.poll_replies()
    assert (sender.store.get("HOST1").state, sender.store.get("HOST1").mrn) == ("registered", mrn)


_tags = st.sampled_from(["IE3R01", "IE3N99", "IE3N01", "IE3N03", "IE3Q01", "IE3Q02", "IE3R08", "LRN", "MRN",
                         "error", "validationCode", "pointer", "messageElementPath", "ENSEntity", "x"])
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def xmlish(draw, depth=0):
    tag = draw(_tags)
    if depth > 2 or draw(st.booleans()):
        body = draw(_text).replace("&", "&amp;").replace("<", "&lt;")
    else:
        body = "".join(draw(st.lists(xmlish(depth=depth + 1), max_size=3)))
    return f"<{tag}>{body}</{tag}>"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.one_of(st.binary(max_size=200), xmlish().map(str.encode),
                         st.builds(lambda lrn, mrn: f"<IE3R01><LRN>{lrn}</LRN><MRN>{mrn}</MRN></IE3R01>".encode(),
                                   st.sampled_from(["HOST1", "OTHER"]), st.text("0123456789FRCTAB", max_size=20))))
def test_fuzzed_replies_never_crash(rig, payload):
    sender, t = rig
    t.inbox = [("f", payload)]
    sender.poll_replies()
    f = sender.store.get("HOST1")
    from ics2desk.checkdigits import mrn_problem

    assert f.mrn is None or mrn_problem(f.mrn) is None
