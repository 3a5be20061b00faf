"""Every notification reaches its filing, exactly once, whatever was lost on the way.

IE3N03, IE3Q01 and IE3Q02 carry only the MRN. When the IE3R01 that told the desk that MRN is
lost (the desk killed between send and record, or an unreadable reply), they arrive for a filing
the desk cannot find yet: they are held and applied, in order, when the MRN is recovered
(IE3N01 duplicate LRN -> IE3Q05 -> IE3R08). A Do Not Load then wins over every later state."""
from __future__ import annotations

import socket
import threading

import pytest

from ics2desk.outbox import Sender
from ics2desk.samples import ferry_filing
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import open_store
from ics2desk.store.lifecycle import Boarding
from ics2desk.transport.http_simulator import SimulatorTransport


@pytest.fixture
def sim():
    with SimulatorServer(Ics2Simulator(assessment_delay_s=0.0), port=0) as server:
        yield server


@pytest.fixture
def settings():
    return Settings(retry_base_s=0.01, retry_cap_s=0.05, send_timeout_s=2, poll_interval_s=0.0, reply_timeout_s=60)


def _sender(sim, settings) -> Sender:
    return Sender(open_store(), SimulatorTransport(sim.url, timeout=settings.send_timeout_s), settings)


@pytest.fixture
def sender(data_dir, sim, settings):
    s = _sender(sim, settings)
    yield s
    s.close()


def _queue_and_lose_the_registration(store, sim, doc) -> int:
    """The desk sent the ENS and died before recording the IE3R01: ICS2 registered it, the
    desk's item is left mid-send by a process that no longer exists."""
    store.import_document(doc)
    item = store.queue(doc.lrn)
    sim.sim.receive(store.versions(doc.lrn)[-1].xml)  # registered; its IE3R01 never recorded
    with store.transaction() as c:
        c.execute("UPDATE outbox SET state='sending', owner=? WHERE id=?", (f"{socket.gethostname()}:999999:dead", item))
    return item


def _dnl(lrn: str):
    doc = ferry_filing(lrn)
    doc.houses()[0]["goodsItem"][0]["commodity"]["descriptionOfGoods"] += " DNL-DRILL"
    return doc


def _drain_until(sender, predicate, rounds=200):
    for _ in range(rounds):
        sender.drain(until_empty=False)
        sender.poll_replies()
        if predicate():
            return
    raise AssertionError("condition not reached")


def test_a_do_not_load_held_before_the_mrn_reaches_the_filing(sender, sim):
    store = sender.store
    _queue_and_lose_the_registration(store, sim, _dnl("HELD1"))
    # the Do Not Load arrives first, by polling, for an MRN the desk does not know yet
    assert sender.poll_replies() >= 1
    assert store.get("HELD1").state == "queued" and store.get("HELD1").mrn is None
    held = store.conn.execute("SELECT message_type FROM messages WHERE filing_id IS NULL").fetchall()
    assert [r[0] for r in held] == ["IE3Q01"]
    # the re-send is refused as a duplicate; the consultation recovers the MRN; the DNL lands
    _drain_until(sender, lambda: store.get("HELD1").mrn is not None)
    f = store.get("HELD1")
    assert f.state == "do_not_load" and f.do_not_load_at and f.boarding is Boarding.DO_NOT_LOAD
    types = [m.message_type for m in store.timeline("HELD1")]
    assert "IE3Q01" in types and types.index("IE3R08") < len(types)
    assert [a.kind for a in store.alerts("HELD1")] == ["do_not_load"]
    assert any(a["action"] == "held_reply_applied" for a in store.audit_trail("HELD1"))
    assert store.conn.execute("SELECT COUNT(*) FROM messages WHERE filing_id IS NULL").fetchone()[0] == 0
    assert len(sim.sim.registration_log) == 1  # never registered twice


def test_an_unreadable_registration_then_the_do_not_load_still_stops_the_truck(sender, sim, monkeypatch):
    """The IE3R01 arrives garbled (quarantined, kept); the DNL comes for an unknown MRN."""
    store = sender.store
    from ics2desk.simulator import replies as sim_replies

    real = sim_replies.registered
    monkeypatch.setattr(sim_replies, "registered", lambda *a, **k: real(*a, **k)[:-40])  # cut short
    store.import_document(_dnl("HELD2"))
    store.queue("HELD2")
    sender.drain(until_empty=False)
    monkeypatch.setattr(sim_replies, "registered", real)
    quarantined, total = store.quarantined()
    assert total == 1 and quarantined[0].problem and quarantined[0].xml  # raw bytes kept for the helpdesk
    _drain_until(sender, lambda: store.get("HELD2").state == "do_not_load")
    f = store.get("HELD2")
    assert f.boarding is Boarding.DO_NOT_LOAD and len(sim.sim.registration_log) == 1


def test_notifications_held_for_one_mrn_are_applied_in_the_order_they_came(sender, sim):
    store = sender.store
    _queue_and_lose_the_registration(store, sim, ferry_filing("HELD3"))
    sender.poll_replies()  # the IE3N03 is held
    _drain_until(sender, lambda: store.get("HELD3").mrn is not None)
    assert store.get("HELD3").state == "assessment_complete"
    types = [m.message_type for m in store.timeline("HELD3") if m.direction == "in"]
    assert types[-1] == "IE3N03" or "IE3N03" in types


def test_a_do_not_load_wins_over_an_amendment_in_flight(sender, sim):
    store = sender.store
    doc = ferry_filing("HELD4")
    store.import_document(doc)
    store.queue("HELD4")
    sim.sim.assessment_delay_s = 3600  # assessment later
    sender.drain(until_empty=True, timeout=10)
    f = store.get("HELD4")
    assert f.state == "registered"
    store.amend("HELD4", store.document("HELD4"))
    assert store.get("HELD4").state == "amending"
    from ics2desk.simulator import replies as sim_replies

    store.apply_reply(sim_replies.do_not_load(f.mrn, doc), "late-dnl-1")
    f = store.get("HELD4")
    assert f.state == "amending"  # the table has no step for it: the state is kept ...
    assert f.boarding is Boarding.DO_NOT_LOAD  # ... but the truck is stopped, for good
    sender.drain(until_empty=True, timeout=10)  # IE3N10 comes back
    assert store.get("HELD4").state == "registered" and store.get("HELD4").boarding is Boarding.DO_NOT_LOAD


def test_a_reply_polled_by_two_drains_at_once_is_stored_and_applied_once(data_dir, sim, settings):
    with open_store() as store:
        for i in range(6):
            store.import_document(ferry_filing(f"TWICE{i}"))
            store.queue(f"TWICE{i}")
    first = _sender(sim, settings)
    first.drain(until_empty=True, timeout=10)  # registered; the IE3N03s wait to be polled
    first.close()
    # the simulator hands the same pending notifications to both until one acknowledges
    a, b = _sender(sim, settings), _sender(sim, settings)
    barrier = threading.Barrier(2)

    def poll(s):
        barrier.wait()
        s.poll_replies()

    threads = [threading.Thread(target=poll, args=(s,)) for s in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    for s in (a, b):
        s.close()
    with open_store() as store:
        n03 = store.conn.execute("SELECT COUNT(*), COUNT(DISTINCT transport_id) FROM messages "
                                 "WHERE message_type='IE3N03'").fetchone()
        assert n03[0] == n03[1] == 6
        assert {f.state for f in store.list_filings()} == {"assessment_complete"}
        applied = [a for a in store.audit_trail() if a["action"] == "IE3N03"]
        assert len(applied) == 6


def test_an_overdue_filing_is_consulted_by_itself(data_dir, settings):
    """ICS2 holds the functional reply (national system down): after the reply timeout the desk
    asks ICS2 (IE3Q05) and takes the registration from the consultation result."""
    sim = Ics2Simulator(assessment_delay_s=3600)
    with SimulatorServer(sim, port=0) as server:
        settings.reply_timeout_s = 0.0
        s = _sender(server, settings)
        try:
            s.store.import_document(ferry_filing("LATE1"))
            s.store.queue("LATE1")
            sim.outages["common_repository"] = "hold"
            s.drain(until_empty=False)
            assert s.store.get("LATE1").state == "sent"
            sim.outages["common_repository"] = "none"
            sim._after_recovery()  # processed: ICS2 has it, its reply still waits to be polled
            s.check_overdue()
            f = s.store.get("LATE1")
            assert f.state == "registered" and f.mrn
            out = [m.message_type for m in s.store.timeline("LATE1") if m.direction == "out"]
            # one consultation while ICS2 was holding everything, one after: never a second ENS
            assert out[0] == "IE3F50" and set(out[1:]) == {"IE3Q05"}
            assert sim.registration_log == [("LATE1", f.mrn)]
        finally:
            s.close()


@pytest.mark.parametrize("poison", [
    b"\x00\xff not xml at all",
    b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><IE3Q01>&a;</IE3Q01>",
    b"<IE3Q01 xmlns='urn:wco:datamodel:WCO:CIS:1'><doNotLoadDetails><transportDocument/></doNotLoadDetails></IE3Q01>",
    b"<IE3R01 xmlns='urn:wco:datamodel:WCO:CIS:1'><LRN>HELD9</LRN><MRN>not-an-mrn</MRN></IE3R01>",
], ids=["garbage", "entity", "dnl-without-document-number", "registration-with-a-bad-mrn"])
def test_a_poison_reply_is_kept_aside_and_the_next_drain_goes_on(sender, sim, poison):
    store = sender.store
    from ics2desk.simulator.engine import Outgoing

    sim.sim.outgoing.append(Outgoing("sim-poison", poison, 0.0, True))
    store.import_document(ferry_filing("HELD9"))
    store.queue("HELD9")
    for _ in range(3):  # every drain, not only the first, gets past it
        sender.drain(until_empty=False)
        sender.poll_replies()
    f = store.get("HELD9")
    assert f.state in ("registered", "assessment_complete") and f.mrn
    assert "sim-poison" in sim.sim.delivered  # acknowledged once stored: never redelivered forever
    kept = store.conn.execute("SELECT xml FROM messages WHERE transport_id='sim-poison'").fetchall()
    assert [bytes(r[0]) for r in kept] == [poison]  # stored once, byte for byte
