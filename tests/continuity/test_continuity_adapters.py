"""Adapters from the outbox's attempt records and the settings (plain stand-ins here; the real
store is exercised in test_continuity_simulator.py)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from ics2desk.continuity.adapters import (cutoffs_from_settings, last_success, observations_from_attempts,
                                          thresholds_from_settings)
from ics2desk.continuity.deadlines import QUEUED, PendingFiling, affected_filing
from ics2desk.failures import Component, FailureKind
from ics2desk.samples import ferry_filing
from ics2desk.settings import Settings

T = datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc).timestamp()


def attempt(i, outcome="failed", kind="interface_error", component="eu_connection", error="HTTP 503"):
    return SimpleNamespace(id=i, lrn=f"L{i}", started_at=T + i, finished_at=T + i + 0.5, outcome=outcome,
                           kind=kind, component=component, error=error)


def test_failed_attempts_become_observations_with_their_evidence():
    records = [attempt(1), attempt(2, outcome="ok", kind=None, component=None, error=None),
               attempt(3, kind="a_future_kind"), attempt(4, kind="auth_refused", component=None, error="sig")]
    obs = observations_from_attempts(records)
    assert [(o.lrn, o.kind, o.component_hint, o.attempt_id) for o in obs] == [
        ("L1", FailureKind.INTERFACE_ERROR, Component.EU_CONNECTION, "1"),
        ("L4", FailureKind.AUTH_REFUSED, None, "4")]
    assert obs[0].error == "HTTP 503" and obs[0].at.tzinfo is not None
    assert last_success(records) == datetime.fromtimestamp(T + 2.5, timezone.utc)
    assert last_success(records[:1]) is None


def test_settings_drive_thresholds_and_cutoffs():
    s = Settings(reply_timeout_s=600.0, extra={"continuity_count": 5, "continuity_window_minutes": 15,
                                               "continuity_cutoff_minutes": {"ferry": 120}})
    th = thresholds_from_settings(s)
    assert (th.count, th.window_minutes, th.reply_minutes) == (5, 15, 10)
    cut = cutoffs_from_settings(s)
    ferry = affected_filing(PendingFiling("F1", QUEUED, ferry_filing("F1")), cut)
    assert ferry.deadline == ferry.arrival - timedelta(hours=2)
    assert cut.for_crossing("shuttle") == timedelta(hours=1)
