"""The agency database stops and comes back while desks work: what agents saved is kept on their
desk and written once; a declarant may switch a desk to stand-alone, and nothing is sent twice."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ics2desk import samples
from ics2desk.errors import StoreUnavailableError
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import open_store
from ics2desk.store.journal import Journal
from ics2desk.xml.writer import to_bytes


def _cli(env: dict, *argv: str) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, "-m", "ics2desk.cli", *argv], env=env, capture_output=True, text=True,
                         timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in res.stderr + res.stdout, res.stderr
    return res


@pytest.fixture
def outage(cluster):
    """Stops the cluster on demand; it is always running again after the test."""
    class Outage:
        def begin(self):
            cluster.stop("fast")

        def end(self):
            cluster.resume()

    o = Outage()
    yield o
    if subprocess.run(["true"]).returncode == 0:
        try:
            cluster.resume()
        except subprocess.CalledProcessError:
            pass  # already running


def test_database_stopped_and_restarted_while_a_desk_saves(agency_db, outage, tmp_path):
    _, url = agency_db.add("declarant")
    desk = tmp_path / "desk"
    env = dict(os.environ, ICS2DESK_DATA=str(desk))
    truck = tmp_path / "truck.xml"
    truck.write_bytes(to_bytes(samples.ferry_filing()))
    with open_store(desk, url=url) as store:  # signed in once: the desk knows its agent
        existing = store.import_document(samples.ferry_filing(), new_lrn=True)
        before = store.count_filings()
        outage.begin()
        doc = store.document(existing.lrn) if False else None  # noqa: F841  (the session is gone with the server)
        with pytest.raises(StoreUnavailableError) as err:
            store.get(existing.lrn)
        assert "agency database" in str(err.value) and "out of reach" in str(err.value)

    kept = _cli(env, "--database", url, "import", "--new-lrn", str(truck))
    assert kept.returncode == 4 and "kept on this desk" in kept.stderr, kept.stderr
    queued = _cli(env, "--database", url, "submit", existing.lrn)
    assert queued.returncode == 4 and "kept on this desk" in queued.stderr
    assert [e.kind for e in Journal(desk).pending()] == ["import", "queue"]

    outage.end()
    res = _cli(env, "--database", url, "db", "sync")
    assert res.returncode == 0, res.stderr
    assert "0 kept change(s) still waiting" in res.stdout
    again = _cli(env, "--database", url, "db", "sync")  # nothing is written twice
    assert again.returncode == 0 and "written" not in again.stdout
    with open_store(desk, url=url) as store:
        assert store.count_filings() == before + 1
        assert store.get(existing.lrn).state == "queued"
        assert len(store.outbox_items(lrn=existing.lrn)) == 1
        trail = store.audit_trail(None)
        assert sum(1 for r in trail if r["action"] == "written_from_journal") == 2


def test_a_crash_after_the_write_and_before_the_file_went_writes_nothing_twice(agency_db, tmp_path):
    _, url = agency_db.add("declarant")
    desk = tmp_path / "desk"
    with open_store(desk, url=url):
        pass
    journal = Journal(desk)
    entry = journal.keep("import", "somebody", xml=to_bytes(samples.ferry_filing()), new_lrn=True)
    copy = entry.path.read_bytes()
    with open_store(desk, url=url) as store:  # opening writes it
        assert store.count_filings() == 1
    entry.path.write_bytes(copy)  # as if the removal had been lost in a crash
    with open_store(desk, url=url) as store:
        assert store.count_filings() == 1
    assert journal.pending() == []


def test_standalone_needs_a_declarant_and_sends_each_ens_once(agency_db, outage, tmp_path):
    clerk, clerk_url = agency_db.add("clerk")
    declarant, declarant_url = agency_db.add("declarant")
    sim = Ics2Simulator(assessment_delay_s=0.1)
    with SimulatorServer(sim, port=0) as server:
        port, tunnel = tmp_path / "port", tmp_path / "tunnel"
        for d in (port, tunnel):
            Settings(simulator_url=server.url, retry_base_s=0.05, retry_cap_s=0.2, poll_interval_s=0.1).save(d)
        with open_store(port, url=clerk_url):
            pass
        with open_store(tunnel, url=declarant_url) as store:
            waiting = store.import_document(samples.ferry_filing(), new_lrn=True)
            store.queue(waiting.lrn)  # in the agency's outbox when the server goes down
        outage.begin()
        port_env = dict(os.environ, ICS2DESK_DATA=str(port))
        tunnel_env = dict(os.environ, ICS2DESK_DATA=str(tunnel))
        refused = _cli(port_env, "--database", clerk_url, "db", "standalone", "on", "--reason", "server down")
        assert refused.returncode == 1 and "declarant" in refused.stderr
        on = _cli(tunnel_env, "--database", declarant_url, "db", "standalone", "on", "--reason",
                  "agency server down, ticket 4711")
        assert on.returncode == 0, on.stderr
        truck = tmp_path / "truck.xml"
        doc = samples.ferry_filing()
        doc.data["consignmentMasterLevel"]["transportDocumentMasterLevel"]["documentNumber"] = "CMR-SA-1"
        truck.write_bytes(to_bytes(doc))
        res = _cli(tunnel_env, "--database", declarant_url, "import", "--new-lrn", str(truck))
        assert res.returncode == 0, res.stderr
        alone = res.stdout.strip()
        assert _cli(tunnel_env, "--database", declarant_url, "submit", alone).returncode == 0
        drained = _cli(tunnel_env, "--database", declarant_url, "outbox", "drain", "--until-empty", "--timeout", "30")
        assert drained.returncode == 0, drained.stderr
        status = json.loads(_cli(tunnel_env, "--database", declarant_url, "status", alone, "--json").stdout)
        assert status["mrn"]
        outage.end()
        off = _cli(tunnel_env, "--database", declarant_url, "db", "standalone", "off")
        assert off.returncode == 0, off.stderr
        assert _cli(tunnel_env, "--database", declarant_url, "outbox", "drain", "--until-empty", "--timeout",
                    "30").returncode == 0
    assert sorted(lrn for lrn, _ in sim.registration_log) == sorted([waiting.lrn, alone])  # each once
    with open_store(tmp_path / "look", url=declarant_url) as store:
        assert store.get(alone).mrn == status["mrn"]
        assert store.get(waiting.lrn).mrn
        actions = [r["action"] for r in store.audit_trail(None, limit=2000)]
        assert "standalone_on" in actions and "standalone_off" in actions


def test_the_desk_keeps_a_save_made_while_the_database_is_down(agency_db, outage, tmp_path):
    """The GUI's path (the Desk): the agent saves during the outage, is told it is kept, and the
    draft is in the agency database once when the desk next opens it."""
    from ics2desk.desk import Desk, KeptOnDeskError

    agent, url = agency_db.add("clerk")
    desk_dir = tmp_path / "desk"
    store = open_store(desk_dir, url=url)
    desk = Desk(store, None, agent)
    first = desk.save(samples.ferry_filing(""))
    opened = store.get(first).version
    doc = store.document(first)
    doc.data["activeBorderTransportMeans"]["identificationNumber"] = "IMO9274484"
    outage.begin()
    try:
        with pytest.raises(KeptOnDeskError) as kept:
            desk.save(doc, first, expected_version=opened)
        assert "Kept on this desk" in str(kept.value) and "Nothing was sent" in str(kept.value)
        with pytest.raises(KeptOnDeskError):
            desk.save(samples.ferry_filing(""))
    finally:
        store.close()
        outage.end()
    with open_store(desk_dir, url=url) as back:
        assert back.get(first).version == opened + 1
        assert back.document(first).get("activeBorderTransportMeans/identificationNumber") == "IMO9274484"
        assert back.count_filings() == 2
    with open_store(desk_dir, url=url) as again:
        assert again.count_filings() == 2 and again.get(first).version == opened + 1


def test_the_incidents_board_names_the_operators_own_system_at_once(agency_db, outage, tmp_path):
    from ics2desk import clock
    from ics2desk.continuity.components import State
    from ics2desk.continuity.desk import ContinuityDesk
    from ics2desk.failures import Component

    _, url = agency_db.add("declarant")
    store = open_store(tmp_path, url=url)
    try:
        desk = ContinuityDesk.open(store)
        now = clock.now()
        assert desk.refresh_from_store(now, store.user).board  # all up
        outage.begin()
        with pytest.raises(StoreUnavailableError) as err:
            desk.refresh_from_store(now, store.user)
        snap = desk.database_unreachable(now, str(err.value))
        status = next(s for s in snap.board if s.component is Component.OPERATOR_SYSTEM)
        assert status.state is State.SUSPECTED and status.part == "agency database"
        assert snap.new == [Component.OPERATOR_SYSTEM]
        assert "out of reach" in status.evidence[0].error
        assert snap.playbook.steps_for(Component.OPERATOR_SYSTEM), "the fiche réflexe has steps for it"
        outage.end()
        back = desk.refresh_from_store(now, store.user)
        assert next(s for s in back.board if s.component is Component.OPERATOR_SYSTEM).state is State.UP
    finally:
        store.close()
