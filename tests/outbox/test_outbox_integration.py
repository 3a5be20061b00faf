"""End to end against the simulator on 127.0.0.1: filing -> outbox -> sender -> replies."""
from __future__ import annotations

import pytest

from ics2desk.errors import IllegalTransitionError
from ics2desk.failures import Component, FailureKind
from ics2desk.outbox import Sender
from ics2desk.samples import ferry_filing, shuttle_filing
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import open_store
from ics2desk.transport.http_simulator import SimulatorTransport
from ics2desk.checkdigits import mrn_problem


REGISTERED = {"registered", "assessment_complete"}  # IE3N03 may already have come


@pytest.fixture
def sim():
    with SimulatorServer(Ics2Simulator(assessment_delay_s=0.05), port=0) as server:
        yield server


@pytest.fixture
def settings():
    return Settings(retry_base_s=0.02, retry_cap_s=0.1, send_timeout_s=0.5, poll_interval_s=0.05,
                    reply_timeout_s=0.3)


@pytest.fixture
def sender(data_dir, sim, settings):
    s = Sender(open_store(), SimulatorTransport(sim.url, timeout=settings.send_timeout_s), settings)
    yield s
    s.close()


def _queue(store, doc):
    store.import_document(doc)
    return store.queue(doc.lrn)


def test_happy_path_to_mrn_and_assessment(sender, sim):
    store = sender.store
    _queue(store, ferry_filing("HAPPY1"))
    result = sender.drain(until_empty=True, timeout=5)
    assert result.open_items == 0 and not result.timed_out
    f = store.get("HAPPY1")
    assert f.state == "registered" and mrn_problem(f.mrn) is None
    assert sim.sim.registration_log == [("HAPPY1", f.mrn)]
    # the assessment notification comes later, by polling
    for _ in range(40):
        sender.poll_replies()
        if store.get("HAPPY1").state == "assessment_complete":
            break
        import time
        time.sleep(0.02)
    assert store.get("HAPPY1").state == "assessment_complete"
    types = [(m.direction, m.message_type) for m in store.timeline("HAPPY1")]
    assert types == [("out", "IE3F50"), ("in", "IE3R01"), ("in", "IE3N03")]
    assert store.timeline("HAPPY1")[1].mrn == f.mrn


def test_ie3n99_errors_are_stored_on_the_version_and_mapped_to_fields(sender, sim):
    store = sender.store
    doc = ferry_filing("BAD1")
    store.import_document(doc)
    store.queue("BAD1")
    # the desk validated; the EU side applies rules the desk may not have: simulate a stale desk
    sim.sim.ens_by_key.clear()
    bad = store.document("BAD1")
    bad.data["activeBorderTransportMeans"]["nationality"] = "ZZ"
    with store.transaction() as c:
        from ics2desk.xml.writer import to_bytes
        c.execute("UPDATE versions SET xml=? WHERE number=1", (to_bytes(bad),))
    sender.drain(until_empty=True, timeout=5)
    assert store.get("BAD1").state == "rejected"
    errors = store.versions("BAD1")[-1].errors
    assert errors and errors[0]["field"] == "activeBorderTransportMeans/nationality"
    assert errors[0]["pointer"] == "/IE3F50/activeBorderTransportMeans/nationality"
    assert sim.sim.registration_log == []
    (item,) = store.outbox_items()
    assert item.state == "done" and item.last_kind == FailureKind.REJECTED.value


def test_duplicate_lrn_recovers_the_mrn_instead_of_filing_twice(sender, sim):
    store = sender.store
    _queue(store, ferry_filing("DUP1"))
    # the first send reached ICS2 but the desk crashed before recording it
    mid, (r01,) = sim.sim.receive(store.versions("DUP1")[0].xml)
    first_mrn = sim.sim.registration_log[0][1]
    sender.drain(until_empty=True, timeout=5)
    f = store.get("DUP1")
    assert f.mrn == first_mrn and f.state in ("registered", "assessment_complete")
    assert len(sim.sim.registration_log) == 1
    types = [m.message_type for m in store.timeline("DUP1")]
    assert types[:4] == ["IE3F50", "IE3N01", "IE3Q05", "IE3R08"]


@pytest.mark.parametrize("component,mode,kind", [
    ("eu_connection", "refuse", FailureKind.INTERFACE_ERROR),
    ("eu_connection", "503", FailureKind.INTERFACE_ERROR),
    ("eu_connection", "hang", FailureKind.TIMEOUT),
    ("common_repository", "503", FailureKind.INTERFACE_ERROR),
    ("common_repository", "refuse", FailureKind.INTERFACE_ERROR),
])
def test_outage_keeps_filings_queued_then_all_register(sender, sim, component, mode, kind):
    store = sender.store
    for i in range(3):
        _queue(store, shuttle_filing(f"OUT{i}"))
    sim.set_outage(component, mode)
    sender.drain(until_empty=False, timeout=1.5)
    assert {f.state for f in store.list_filings()} == {"queued"}
    failures = store.recent_attempts(failures_only=True)
    assert failures and {a.kind for a in failures} == {kind.value}
    expected_component = Component.EU_CONNECTION.value if mode in ("refuse", "hang") and component == "eu_connection" \
        else component
    assert {a.component for a in failures} == {expected_component}
    items = store.outbox_items()
    assert all(i.state == "pending" and i.last_kind == kind.value and i.next_attempt_at for i in items)
    sim.recover()
    sender.drain(until_empty=True, timeout=8)
    assert {f.state for f in store.list_filings()} <= REGISTERED
    assert sorted(lrn for lrn, _ in sim.sim.registration_log) == ["OUT0", "OUT1", "OUT2"]


def test_central_repository_hold_registers_after_recovery(sender, sim):
    store = sender.store
    _queue(store, ferry_filing("HOLD1"))
    sim.set_outage("common_repository", "hold")
    sender.drain(until_empty=False, timeout=0.5)
    assert store.get("HOLD1").state == "sent"
    (item,) = store.outbox_items()
    assert item.state == "awaiting_reply" and item.last_kind == FailureKind.NO_FUNCTIONAL_REPLY.value
    assert item.last_component == Component.COMMON_REPOSITORY.value
    sim.recover()
    sender.drain(until_empty=True, timeout=5)
    assert store.get("HOLD1").state in REGISTERED
    assert len(sim.sim.registration_log) == 1


def test_national_system_hold_delays_assessment_only(sender, sim):
    import time

    store = sender.store
    sim.set_outage("national_system", "hold")
    _queue(store, ferry_filing("NAT1"))
    sender.drain(until_empty=True, timeout=5)
    time.sleep(0.1)
    sender.poll_replies()
    assert store.get("NAT1").state == "registered"
    sim.recover()
    time.sleep(0.05)
    sender.poll_replies()
    assert store.get("NAT1").state == "assessment_complete"


def test_permanent_failure_stops(sender, sim, monkeypatch):
    store = sender.store
    _queue(store, ferry_filing("PERM1"))
    # the simulator refuses what it cannot read: a permanent failure, no retry loop
    with store.transaction() as c:
        c.execute("UPDATE versions SET xml=?", (b"<IE3F50><broken",))
    sender.drain(until_empty=False, timeout=1)
    (item,) = store.outbox_items()
    assert item.state == "failed" and item.attempts == 1 and item.last_kind == FailureKind.REJECTED.value
    assert store.get("PERM1").state == "queued"
    store.retry_now(item.id, user="marie")
    assert store.outbox_item(item.id).state == "pending"


def _wait_state(sender, lrn, state, timeout=3.0):
    import time

    end = time.time() + timeout
    while time.time() < end:
        sender.drain(until_empty=False)
        sender.poll_replies()
        if sender.store.get(lrn).state == state:
            return
        time.sleep(0.02)
    raise AssertionError(f"{lrn} stayed {sender.store.get(lrn).state}, wanted {state}")


def test_amendment_and_invalidation_flows(sender, sim):
    store = sender.store
    _queue(store, ferry_filing("AMD1"))
    sender.drain(until_empty=True, timeout=5)
    _wait_state(sender, "AMD1", "assessment_complete")
    doc = store.document("AMD1")
    doc.houses()[0]["goodsItem"][0]["weight"]["grossMass"] = "8500.000"
    doc.houses()[0]["totalGrossMass"] = "12550.750"
    store.amend("AMD1", doc, user="marie")
    assert store.get("AMD1").state == "amending"
    _wait_state(sender, "AMD1", "assessment_complete")  # IE3N10 then a new assessment
    assert [m.message_type for m in store.timeline("AMD1")][-3:] == ["IE3A50", "IE3N10", "IE3N03"]
    store.invalidate("AMD1", user="marie")
    _wait_state(sender, "AMD1", "invalidated")
    with pytest.raises(IllegalTransitionError, match="invalidated"):
        store.amend("AMD1", doc)
    assert sim.sim.ens_by_mrn[store.get("AMD1").mrn].state == "invalidated"


def test_drills_do_not_load_and_request_for_information(sender, sim):
    store = sender.store
    dnl = ferry_filing("DNL1")
    dnl.houses()[0]["goodsItem"][0]["commodity"]["descriptionOfGoods"] = "DNL-DRILL frozen chips"
    rfi = ferry_filing("RFI1")
    rfi.houses()[0]["goodsItem"][0]["commodity"]["descriptionOfGoods"] = "RFI-DRILL cheddar"
    _queue(store, dnl)
    _queue(store, rfi)
    _wait_state(sender, "DNL1", "do_not_load")
    _wait_state(sender, "RFI1", "info_requested")


def test_request_for_information_is_answered_then_assessed(sender, sim):
    from ics2desk.model import EnsDocument

    store = sender.store
    rfi = ferry_filing("RFI2")
    rfi.houses()[0]["goodsItem"][0]["commodity"]["descriptionOfGoods"] = "RFI-DRILL cheddar"
    _queue(store, rfi)
    _wait_state(sender, "RFI2", "info_requested")
    f = store.get("RFI2")
    answer = EnsDocument("IE3R02", {
        "documentIssueDate": "2026-11-25T10:00:00Z", "MRN": f.mrn, "responsibleMemberState": {"country": "FR"},
        "declarant": {"identificationNumber": f.declarant},
        "additionalInformationResponse": [{"referralRequestReference": f"RFI{f.mrn[-8:]}",
                                           "additionalInformation": [{"text": "Invoice INV-2611-0042 attached"}]}]})
    store.answer_rfi("RFI2", answer, user="marie")
    assert store.get("RFI2").state == "info_answered"
    _wait_state(sender, "RFI2", "assessment_complete")
    assert "IE3R02" in [m.message_type for m in store.timeline("RFI2") if m.direction == "out"]


def test_cancelled_amendment_returns_to_registered(sender, sim):
    store = sender.store
    _queue(store, ferry_filing("AMD2"))
    sender.drain(until_empty=True, timeout=5)
    item = store.amend("AMD2", store.document("AMD2"), user="marie")
    store.cancel(item, user="marie")
    assert store.get("AMD2").state == "registered"
    assert store.outbox_item(item).state == "cancelled"


def test_no_functional_reply_is_reported_for_the_continuity_panel(data_dir):
    from ics2desk.transport.base import SendResult

    class Silent:
        def send(self, *a):
            return SendResult("t-9", [])

        def poll(self):
            return []

        def ack(self, ids):
            pass

        def close(self):
            pass

    s = Sender(open_store(), Silent(), Settings(reply_timeout_s=0.05))
    s.store.import_document(ferry_filing("QUIET1"))
    s.store.queue("QUIET1")
    s.drain()
    import time

    time.sleep(0.1)
    s.drain()
    (a,) = s.store.recent_attempts(failures_only=True)
    assert (a.kind, a.component, a.lrn) == (FailureKind.NO_FUNCTIONAL_REPLY.value,
                                           Component.COMMON_REPOSITORY.value, "QUIET1")
    s.drain()
    assert len(s.store.recent_attempts(failures_only=True)) == 1  # reported once, not on every pass
    s.close()


def test_invalidation_resent_after_a_crash_is_reconciled_not_undone(sender, sim):
    store = sender.store
    _queue(store, ferry_filing("INV1"))
    sender.drain(until_empty=True, timeout=5)
    item = store.invalidate("INV1", user="marie")
    # the IE3Q04 reached ICS2, then the desk died before storing the IE3R07
    q04 = store.versions("INV1")[-1].xml
    sim.sim.receive(q04)
    import socket

    with store.transaction() as c:  # left mid-send by a process that no longer exists
        c.execute("UPDATE outbox SET state='sending', owner=? WHERE id=?",
                  (f"{socket.gethostname()}:999999:dead", item))
    sender.drain(until_empty=True, timeout=5)
    assert store.get("INV1").state == "invalidated"
    # the assessment notice (IE3N03, due 2 s after registration) may land anywhere in between on a
    # busy machine: it is about the ENS, not about this exchange
    exchange = [m.message_type for m in store.timeline("INV1") if m.message_type != "IE3N03"]
    assert exchange[-4:] == ["IE3Q04", "IE3N01", "IE3Q05", "IE3R08"]
