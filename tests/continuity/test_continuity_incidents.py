"""Incidents on disk: timeline, checklist ticks, retrospective tracking, closing summary."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from ics2desk.continuity.detection import Observation
from ics2desk.continuity.incidents import IncidentStore
from ics2desk.errors import BadInputError, IllegalTransitionError
from ics2desk.failures import Component, FailureKind

T0 = datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc)


def test_incident_lifecycle_is_recorded_and_survives_reopening(tmp_path):
    store = IncidentStore(tmp_path)
    ev = [Observation(FailureKind.INTERFACE_ERROR, T0, "L1", "HTTP 503")]
    inc = store.open(Component.EU_CONNECTION, T0, "marie", "1", ev, "STI/TAPAS")
    with pytest.raises(IllegalTransitionError, match="already open"):
        store.open(Component.EU_CONNECTION, T0, "marie", "1")
    store.tick(inc.id, "eu.i-notice", "marie", T0 + timedelta(minutes=2))
    with pytest.raises(IllegalTransitionError):
        store.tick(inc.id, "eu.i-notice", "paul", T0 + timedelta(minutes=3))
    store.tick(inc.id, "eu.i-keep", "paul", T0 + timedelta(minutes=3))
    store.untick(inc.id, "eu.i-keep", "paul", T0 + timedelta(minutes=4))
    store.log(inc.id, T0 + timedelta(minutes=5), "called the service desk", "marie")
    store.flag_for_retrospective(inc.id, ["L1", "L2"], "marie", T0 + timedelta(minutes=30))
    store.close()

    again = IncidentStore(tmp_path / "ics2desk.sqlite3")
    (active,) = again.active()
    assert active.evidence[0].error == "HTTP 503" and active.part == "STI/TAPAS"
    assert {k: t.user for k, t in again.ticks(inc.id).items()} == {"eu.i-notice": "marie"}
    kinds = [e.kind for e in again.timeline(inc.id)]
    assert kinds == ["opened", "tick", "tick", "untick", "note", "flagged"]
    assert again.timeline(inc.id)[0].message("fr").startswith("incident ouvert : Interface européenne")
    assert again.timeline(inc.id)[4].message("fr") == "called the service desk"  # the agent's own words
    with pytest.raises(IllegalTransitionError, match="L1, L2"):
        again.close_incident(inc.id, T0 + timedelta(hours=1), "marie")
    assert again.record_mrn("L1", "26FR00000000000011", T0 + timedelta(hours=1))
    assert not again.record_mrn("UNKNOWN", "26FR00000000000022", T0 + timedelta(hours=1))
    assert again.outstanding(inc.id) == ["L2"]
    summary = again.close_incident(inc.id, T0 + timedelta(hours=2), "paul", force=True, total_steps=12)
    assert "duration 2 h 00" in summary["en"] and "Steps ticked: 1/12" in summary["en"]
    assert "L2: no MRN" in summary["en"] and "durée 2 h 00" in summary["fr"]
    assert again.get(inc.id).summary == summary and again.active() == []
    with pytest.raises(IllegalTransitionError, match="closed"):
        again.tick(inc.id, "eu.r-send", "paul", T0 + timedelta(hours=3))


def test_tables_come_from_the_one_migration_history_and_old_data_dirs_upgrade_in_place(tmp_path):
    """The continuity tables used to keep their own schema counter (continuity_meta). A data dir
    from then, at store schema 5 with an incident in it, upgrades in place and keeps it."""
    from ics2desk.store.db import DB_NAME
    from ics2desk.store.migrations import LATEST, migrate, schema_version

    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=5)
    conn.executescript("""
        CREATE TABLE continuity_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO continuity_meta VALUES ('schema', '1');
        CREATE TABLE continuity_incidents (
            id INTEGER PRIMARY KEY, component TEXT NOT NULL, part TEXT, opened_at TEXT NOT NULL,
            opened_by TEXT NOT NULL, playbook_version TEXT NOT NULL, reference TEXT, evidence TEXT NOT NULL,
            closed_at TEXT, closed_by TEXT, summary TEXT);
        INSERT INTO continuity_incidents(component, opened_at, opened_by, playbook_version, evidence)
            VALUES ('national_system', '2026-11-26T07:00:00+00:00', 'marie', '1', '[]');
    """)
    conn.close()
    store = IncidentStore(tmp_path)
    assert schema_version(store.conn) == LATEST
    [kept] = store.active()
    assert kept.component is Component.NATIONAL_SYSTEM and kept.opened_by == "marie"
    store.close()
    again = IncidentStore(tmp_path)  # opening twice migrates nothing twice
    assert len(again.active()) == 1
    again.close()


def test_naive_times_and_empty_inputs_are_refused(tmp_path):
    store = IncidentStore(tmp_path)
    with pytest.raises(BadInputError):
        store.open(Component.NATIONAL_SYSTEM, datetime(2026, 1, 1), "marie", "1")
    inc = store.open(Component.NATIONAL_SYSTEM, T0, "marie", "1")
    with pytest.raises(BadInputError):
        store.record_sent(inc.id, "s", "b", ["L1"], " ", "marie", T0)
    with pytest.raises(BadInputError):
        store.tick(inc.id, "nat.i-keep", "", T0)
    with pytest.raises(BadInputError):
        store.get(999)
