"""End to end through the real store, outbox sender and ICS2 simulator on 127.0.0.1: an outage
switched on in the simulator is traced to its component from the outbox's attempt records, the
queued filings are listed and put in a fallback request, and recovery closes the incident."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ics2desk.continuity.adapters import (last_success, observations_from_attempts, pending_from_store,
                                          record_mrns_from_store, sent_from_store, thresholds_from_settings)
from ics2desk.continuity.components import State
from ics2desk.continuity.deadlines import QUEUED, UNANSWERED
from ics2desk.continuity.desk import ContinuityDesk
from ics2desk.continuity.detection import overdue_replies
from ics2desk.continuity.fallback import draft_request
from ics2desk.continuity.incidents import IncidentStore
from ics2desk.continuity.playbook import Library
from ics2desk.failures import Component

from ics2desk.outbox import sender as outbox  # noqa: E402
from ics2desk.samples import ferry_filing, shuttle_filing  # noqa: E402
from ics2desk.settings import Settings  # noqa: E402
from ics2desk.simulator.engine import Ics2Simulator  # noqa: E402
from ics2desk.simulator.server import SimulatorServer  # noqa: E402
from ics2desk.store import open_store  # noqa: E402
from ics2desk.transport.http_simulator import SimulatorTransport  # noqa: E402


@pytest.fixture
def sim():
    with SimulatorServer(Ics2Simulator(assessment_delay_s=0.05), port=0) as server:
        yield server


@pytest.fixture
def sender(data_dir, sim):
    settings = Settings(retry_base_s=0.02, retry_cap_s=0.1, send_timeout_s=0.5, poll_interval_s=0.05,
                        reply_timeout_s=0.3)
    s = outbox.Sender(open_store(), SimulatorTransport(sim.url, timeout=settings.send_timeout_s), settings)
    yield s
    s.close()


def _desk(store, data_dir):
    # the continuity tables live next to the store's, in the same file
    return ContinuityDesk(IncidentStore(store.conn), Library(data_dir).in_force(),
                          thresholds_from_settings(Settings(reply_timeout_s=0.3)))


@pytest.mark.parametrize("component, mode, expected", [
    ("eu_connection", "503", Component.EU_CONNECTION),
    ("common_repository", "503", Component.COMMON_REPOSITORY),
])
def test_simulated_outage_to_closed_incident(sender, sim, data_dir, component, mode, expected):
    store = sender.store
    lrns = ["SIMOUT1", "SIMOUT2", "SIMOUT3"]
    for lrn in lrns:
        store.import_document(shuttle_filing(lrn))
        store.queue(lrn)
    sim.set_outage(component, mode)
    sender.drain(until_empty=False, timeout=1.0)

    desk = _desk(store, data_dir)
    now = datetime.now(timezone.utc)
    observations = observations_from_attempts(store.recent_attempts(failures_only=True))
    new = desk.refresh(observations, now)
    assert [i.component for i in new] == [expected]
    status = desk.board.status(expected)
    assert status.state is State.SUSPECTED
    assert set(lrns) <= {o.lrn for o in status.evidence} and all(o.error for o in status.evidence)

    incident = desk.confirm(expected, "marie", now)
    assert any(s.id.endswith("i-keep") for s, _ in desk.checklist(incident.id))
    pending = pending_from_store(store)
    affected = desk.affected(pending, now)
    assert sorted(a.lrn for a in affected) == lrns and {a.state for a in affected} == {QUEUED}
    assert all(a.trucks == ["AB12CDE", "C123456"] for a in affected)

    request = draft_request(expected, [p.document for p in pending], "HTTP 503 from ICS2", now,
                            timedelta(hours=2), lang="fr")
    subject, body = request.email()
    desk.incidents.record_sent(incident.id, subject, body, request.lrns, "fr-ics2@douane.finances.gouv.fr",
                               "marie", now)

    sim.recover()
    sender.drain(until_empty=True, timeout=8)
    sent_again = last_success(store.recent_attempts())
    assert sent_again is not None and sent_again > status.evidence[-1].at
    if expected is Component.EU_CONNECTION:
        assert desk.suggest_recovery(last_sent=sent_again) == [expected]
    desk.recovering(expected, datetime.now(timezone.utc), "marie", fallback_lrns=lrns)
    assert record_mrns_from_store(desk.incidents, store, incident.id, datetime.now(timezone.utc)) == lrns
    summary = desk.close_if_done(expected, datetime.now(timezone.utc), "marie")
    assert summary is not None and "3/3 with MRN" in summary["en"]
    assert desk.board.status(expected).state is State.UP
    assert "fr-ics2@douane.finances.gouv.fr" in summary["fr"]


def test_held_reply_is_seen_as_unanswered_and_points_at_the_common_repository(sender, sim, data_dir):
    import time

    store = sender.store
    for lrn in ("HOLDA", "HOLDB", "HOLDC"):
        store.import_document(ferry_filing(lrn))
        store.queue(lrn)
    sim.set_outage("common_repository", "hold")
    sender.drain(until_empty=False, timeout=0.5)
    time.sleep(0.35)
    sender.check_overdue()
    desk = _desk(store, data_dir)
    now = datetime.now(timezone.utc)
    new = desk.refresh(observations_from_attempts(store.recent_attempts(failures_only=True)), now)
    assert [i.component for i in new] == [Component.COMMON_REPOSITORY]
    assert {a.state for a in desk.affected(pending_from_store(store), now)} == {UNANSWERED}


def test_national_system_hold_points_at_the_national_system(sender, sim, data_dir):
    store = sender.store
    sim.set_outage("national_system", "hold")
    for lrn in ("NATA", "NATB", "NATC"):
        store.import_document(ferry_filing(lrn))
        store.queue(lrn)
    sender.drain(until_empty=True, timeout=5)
    sender.poll_replies()
    assert {f.state for f in store.list_filings()} == {"registered"}
    desk = _desk(store, data_dir)
    later = datetime.now(timezone.utc) + timedelta(minutes=desk.thresholds.reply_minutes + 1)
    observations = overdue_replies(sent_from_store(store), later, desk.thresholds)
    new = desk.refresh(observations, later)
    assert [i.component for i in new] == [Component.NATIONAL_SYSTEM]
    assert desk.board.status(Component.NATIONAL_SYSTEM).evidence[0].error.startswith("sent ")
    assert any(s.id == "nat.s-held" for s, _ in desk.checklist(desk.confirm(Component.NATIONAL_SYSTEM, "marie",
                                                                            later).id))
