"""Each component outage driven end to end: observations -> the right component suspected with
its evidence -> the right playbook steps -> affected filings -> fallback request -> recovery
closes the incident."""
from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta, timezone

import pytest

from ics2desk.continuity.components import NoticeReference, State
from ics2desk.continuity.deadlines import QUEUED, UNANSWERED, PendingFiling
from ics2desk.continuity.desk import ContinuityDesk
from ics2desk.continuity.detection import Observation, SentFiling, Thresholds, overdue_replies
from ics2desk.continuity.fallback import draft_request
from ics2desk.continuity.incidents import IncidentStore
from ics2desk.continuity.pdf import incident_report_pdf
from ics2desk.continuity.playbook import Library
from ics2desk.failures import Component, FailureKind
from ics2desk.samples import ferry_filing, shuttle_filing

T0 = datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc)


def _failures(kind, n=3, hint=None, error="", start=T0):
    return [Observation(kind, start + timedelta(minutes=2 * i), f"TCO2611260000{i}", error or f"{kind.value} #{i}",
                        hint, None, str(100 + i)) for i in range(n)]


SCENARIOS = {
    "provider": (_failures(FailureKind.GATEWAY_UNREACHABLE, error="connection refused: edi.example.net:443"),
                 Thresholds(via_provider=True), Component.SERVICE_PROVIDER, None, "sp.i-provider"),
    "own system": (_failures(FailureKind.GATEWAY_UNREACHABLE, error="DNS: ap.local not found"),
                   Thresholds(via_provider=False), Component.OPERATOR_SYSTEM, None, "op.c-permission"),
    "STI/TAPAS": (_failures(FailureKind.INTERFACE_ERROR, error="HTTP 503 from STI"), Thresholds(),
                  Component.EU_CONNECTION, "STI/TAPAS", "eu.i-keep"),
    "UUM&DS": (_failures(FailureKind.AUTH_REFUSED, error="signature refused"), Thresholds(),
               Component.EU_CONNECTION, "UUM&DS", "eu.i-cert"),
    "common repository": (overdue_replies([SentFiling(f"TCO2611260000{i}", T0 - timedelta(minutes=40 + i))
                                           for i in range(3)], T0 + timedelta(minutes=8), Thresholds()),
                          Thresholds(), Component.COMMON_REPOSITORY, None, "cr.i-keep"),
    "national system": (overdue_replies([SentFiling(f"TCO2611260000{i}", T0 - timedelta(minutes=40 + i), True)
                                         for i in range(3)], T0 + timedelta(minutes=8), Thresholds()),
                        Thresholds(), Component.NATIONAL_SYSTEM, None, "nat.s-held"),
}


@pytest.fixture
def desk(tmp_path):
    store = IncidentStore(tmp_path)
    yield ContinuityDesk(store, Library(tmp_path).in_force())
    store.close()


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_outage_is_traced_to_its_component_and_recovery_closes_it(name, desk, tmp_path):
    observations, thresholds, component, part, expected_step = SCENARIOS[name]
    desk.thresholds = thresholds
    now = T0 + timedelta(minutes=8)

    new = desk.refresh(observations, now)

    assert [i.component for i in new] == [component]
    status = desk.board.status(component)
    assert status.state is State.SUSPECTED and status.part == part
    assert {o.lrn for o in status.evidence} == {o.lrn for o in observations}
    assert all(o.error for o in status.evidence)
    others = [s for s in desk.board.all() if s.component is not component]
    assert all(s.state is State.UP for s in others)

    incident = desk.confirm(component, "agent.durand", now)
    assert incident.component is component and len(incident.evidence) == 3
    step_ids = [s.id for s, tick in desk.checklist(incident.id)]
    assert expected_step in step_ids
    assert all(s.component is component for s, _ in desk.checklist(incident.id))

    desk.incidents.tick(incident.id, step_ids[0], "agent.durand", now + timedelta(minutes=1))
    ticked = dict(desk.checklist(incident.id))
    first = next(s for s, _ in desk.checklist(incident.id) if s.id == step_ids[0])
    assert ticked[first].user == "agent.durand"

    # both made at T0: the shuttle arrives at T0 + 2 h 25, deadline T0 + 1 h 25 (1 h cut-off);
    # the ferry at T0 + 4 h 30, deadline T0 + 2 h 30 (2 h): the shuttle is the most urgent
    queued = [PendingFiling("TCO26112600001", QUEUED, shuttle_filing("TCO26112600001", now=T0)),
              PendingFiling("TCO26112600002", UNANSWERED, ferry_filing("TCO26112600002", now=T0))]
    affected = desk.affected(queued, now)
    assert [a.lrn for a in affected] == ["TCO26112600001", "TCO26112600002"]
    assert affected[0].time_left(now) == timedelta(hours=1, minutes=25) - timedelta(minutes=8)

    desk.recovering(component, now + timedelta(hours=1), "agent.durand", ["TCO26112600001"])
    assert desk.board.status(component).state is State.RECOVERING
    assert desk.close_if_done(component, now + timedelta(hours=1), "agent.durand") is None  # no MRN yet
    assert desk.record_mrn("TCO26112600001", "26FR0000000000001A", now + timedelta(hours=2))
    summary = desk.close_if_done(component, now + timedelta(hours=2), "agent.durand")

    assert summary is not None and "TCO26112600001: 26FR0000000000001A" in summary["en"]
    assert "1/1 avec MRN" in summary["fr"]
    assert desk.board.status(component).state is State.UP
    assert desk.incidents.active() == []


def test_declared_from_a_customs_notice_keeps_the_reference(desk):
    ref = NoticeReference("Douane NL", datetime(2026, 4, 11, 14, 30, tzinfo=timezone.utc), "CR unavailable")
    inc = desk.declare(Component.COMMON_REPOSITORY, ref, "agent.martin", T0)
    assert inc.reference == "Douane NL notice 2026-04-11 14:30 UTC"
    assert desk.board.status(Component.COMMON_REPOSITORY).reference == ref
    assert "reference Douane NL notice 2026-04-11 14:30 UTC" in desk.incidents.timeline(inc.id)[0].text


def test_dismissed_suspicion_needs_new_evidence(desk):
    obs = _failures(FailureKind.INTERFACE_ERROR)
    now = T0 + timedelta(minutes=8)
    desk.refresh(obs, now)
    desk.dismiss(Component.EU_CONNECTION, "agent.durand", now)
    assert desk.refresh(obs, now + timedelta(minutes=1)) == []
    assert desk.board.status(Component.EU_CONNECTION).state is State.UP
    fresh = _failures(FailureKind.INTERFACE_ERROR, start=now + timedelta(minutes=2))
    assert [i.component for i in desk.refresh(obs + fresh, now + timedelta(minutes=8))] == [Component.EU_CONNECTION]


def test_board_survives_a_restart(tmp_path):
    store = IncidentStore(tmp_path)
    desk = ContinuityDesk(store, Library(tmp_path).in_force())
    desk.refresh(_failures(FailureKind.AUTH_REFUSED), T0 + timedelta(minutes=8))
    store.close()
    again = ContinuityDesk(IncidentStore(tmp_path), Library(tmp_path).in_force())
    s = again.board.status(Component.EU_CONNECTION)
    assert s.state is State.SUSPECTED and s.part == "UUM&DS" and len(s.evidence) == 3
    assert s.age(T0 + timedelta(minutes=18)) == timedelta(minutes=10)
    again.incidents.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_fallback_pdf_and_report_list_every_queued_lrn_and_truck(desk, tmp_path, lang):
    docs = [ferry_filing(f"TCO2611260001{i}") for i in range(4)] + [shuttle_filing("TCO26112600020")]
    docs[1].data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0][
        "passiveBorderTransportMeans"][0]["identificationNumber"] = "GX71ZKP"
    req = draft_request(Component.OPERATOR_SYSTEM, docs, "Panne du serveur d'envoi" if lang == "fr" else
                        "Sending server down", T0, timedelta(hours=3), requester="Transit Côte d'Opale", lang=lang)
    pdf = req.write_pdf(tmp_path / "fallback.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for doc in docs:
        assert doc.lrn in text
        for reg in doc.vehicle_registrations():
            assert reg in text
    assert "GX71ZKP" in text and "FR620001" in text
    assert ("Durée prévue" if lang == "fr" else "Expected duration") in text
    subject, body = req.email()
    assert all(d.lrn in body for d in docs) and "3 h 00" in body and "Midlands Foods Ltd" in body

    inc = desk.declare(Component.OPERATOR_SYSTEM, NoticeReference("agent", T0), "agent.durand", T0)
    desk.incidents.record_sent(inc.id, subject, body, req.lrns, "fr-ics2@douane.finances.gouv.fr",
                               "agent.durand", T0 + timedelta(minutes=5))
    sent = desk.incidents.sent_requests(inc.id)
    assert sent[0].sent_to == "fr-ics2@douane.finances.gouv.fr" and sent[0].lrns == req.lrns
    report = incident_report_pdf(desk.incidents, inc.id, desk.playbook, tmp_path / "report.pdf", lang)
    rtext = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True, check=True).stdout
    assert "fr-ics2@douane.finances.gouv.fr" in rtext and "TCO26112600020" in rtext


def test_recovery_is_suggested_by_the_right_sign_of_life_and_old_failures_do_not_return(desk):
    now = T0 + timedelta(minutes=8)
    eu = _failures(FailureKind.INTERFACE_ERROR)
    cr = overdue_replies([SentFiling(f"CR{i}", T0 - timedelta(hours=1)) for i in range(3)], now, Thresholds())
    desk.refresh(eu + cr, now)
    assert {s.component for s in desk.board.down()} == {Component.EU_CONNECTION, Component.COMMON_REPOSITORY}
    later = now + timedelta(minutes=1)
    # a message handed over proves the connection layer, not the repository that may hold it
    assert desk.suggest_recovery(last_sent=later) == [Component.EU_CONNECTION]
    assert desk.suggest_recovery(last_sent=later, last_reply=later) == [Component.EU_CONNECTION,
                                                                       Component.COMMON_REPOSITORY]
    assert desk.suggest_recovery() == []

    desk.confirm(Component.EU_CONNECTION, "marie", now)
    desk.recovering(Component.EU_CONNECTION, later, "marie")
    assert desk.refresh(eu, later) == []  # the failures before recovery are explained
    assert desk.board.status(Component.EU_CONNECTION).state is State.RECOVERING
    again = _failures(FailureKind.INTERFACE_ERROR, start=later + timedelta(seconds=1))
    assert [i.component for i in desk.refresh(again, later + timedelta(minutes=5))] == [Component.EU_CONNECTION]
    inc = desk.confirm(Component.EU_CONNECTION, "marie", later + timedelta(minutes=5))
    assert len(desk.incidents.active()) == 1 and desk.incidents.timeline(inc.id)[-1].kind == "declared"
