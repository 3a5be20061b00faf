"""Several desks on one agency database and one simulator, driven the way an agency's scripts
would: the command line, as separate processes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from ics2desk import samples
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import open_store
from ics2desk.xml.writer import to_bytes


def _cli(env: dict, *argv: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, "-m", "ics2desk.cli", *argv], env=env, capture_output=True, text=True,
                         timeout=timeout, input=stdin if stdin is not None else "")
    assert "Traceback" not in res.stderr + res.stdout, res.stderr
    return res


def _desk(tmp_path, name: str, sim_url: str, **settings) -> dict:
    data = tmp_path / name
    Settings(simulator_url=sim_url, retry_base_s=0.05, retry_cap_s=0.3, poll_interval_s=0.2, **settings).save(data)
    env = {k: v for k, v in os.environ.items() if k not in ("ICS2DESK_DATABASE", "PGPASSWORD")}
    env["ICS2DESK_DATA"] = str(data)
    return env


def test_two_agents_of_different_roles_on_two_desks(cluster, tmp_path):
    """The agency's own script: the owner sets up, a clerk at the port files, a declarant at the
    tunnel submits and drains, both see the MRN; every step names its agent."""
    dbname = cluster.new_database()
    owner = cluster.url(dbname=dbname)
    sim = Ics2Simulator(assessment_delay_s=0.2)
    with SimulatorServer(sim, port=0) as server:
        port, tunnel = _desk(tmp_path, "port", server.url), _desk(tmp_path, "tunnel", server.url)
        res = _cli(port, "--database", owner, "db", "init")
        assert res.returncode == 0 and "schema" in res.stdout, res.stderr
        assert _cli(port, "--database", owner, "db", "init").returncode == 0  # idempotent
        for name, role in (("claire", "clerk"), ("denis", "declarant")):
            res = _cli(port, "--database", owner, "users", "add", name, "--role", role, "--password-stdin",
                       stdin=f"{name}-pw\n")
            assert res.returncode == 0, res.stderr
        listed = json.loads(_cli(port, "--database", owner, "users", "list", "--json").stdout)
        assert {(u["name"], u["role"]) for u in listed} >= {("claire", "clerk"), ("denis", "declarant")}
        claire = cluster.url("claire", "claire-pw", dbname)
        denis = dict(tunnel, PGPASSWORD="denis-pw")  # the password by libpq's own means
        denis_url = cluster.url("denis", None, dbname)

        truck = tmp_path / "truck.xml"
        truck.write_bytes(to_bytes(samples.ferry_filing()))
        res = _cli(port, "import", "--new-lrn", str(truck), "--database", claire)
        assert res.returncode == 0, res.stderr
        lrn = res.stdout.strip()

        refused = _cli(port, "--database", claire, "submit", lrn)
        assert refused.returncode == 1 and "declarant" in refused.stderr, refused.stderr
        seen = json.loads(_cli(denis, "--database", denis_url, "status", lrn, "--json").stdout)
        assert seen["state"] in ("draft", "ready")  # the tunnel sees the port's truck at once

        assert _cli(denis, "--database", denis_url, "submit", lrn).returncode == 0
        clerk_drain = _cli(port, "--database", claire, "outbox", "drain", "--until-empty", "--timeout", "10")
        assert clerk_drain.returncode == 1 and "declarant" in clerk_drain.stderr
        res = _cli(denis, "--database", denis_url, "outbox", "drain", "--until-empty", "--timeout", "30")
        assert res.returncode == 0, res.stderr
        status = json.loads(_cli(port, "--database", claire, "status", lrn, "--json").stdout)
        # the ENS is registered (its IE3N03 may follow in a later poll)
        assert status["mrn"] and status["state"] in ("registered", "assessment_complete"), status
        trail = json.loads(_cli(port, "--database", claire, "audit", lrn, "--json").stdout)
        who = {row["action"]: row["user"] for row in trail}
        assert who["import"] == "claire" and who["queue"] == "denis"
    assert [lrn_ for lrn_, _ in sim.registration_log] == [lrn]


def _queued(url: str, tmp_path, n: int, prefix: str = "TRK") -> list[str]:
    lrns = []
    with open_store(tmp_path / "filer", url=url) as store:
        for i in range(n):
            doc = samples.ferry_filing()
            doc.data["consignmentMasterLevel"]["transportDocumentMasterLevel"]["documentNumber"] = f"CMR-{prefix}{i}"
            lrn = store.import_document(doc, new_lrn=True).lrn
            store.queue(lrn)
            lrns.append(lrn)
    return lrns


def test_two_desks_draining_one_outbox_send_each_filing_once(agency_db, tmp_path):
    _, url = agency_db.add("declarant")
    lrns = _queued(url, tmp_path, 24)
    sim = Ics2Simulator(assessment_delay_s=0.1)
    with SimulatorServer(sim, port=0) as server:
        envs = [_desk(tmp_path, f"desk{i}", server.url, send_concurrency=2) for i in range(2)]
        drains = [subprocess.Popen([sys.executable, "-m", "ics2desk.cli", "--database", url, "outbox", "drain",
                                    "--until-empty", "--timeout", "60"], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True) for env in envs]
        outputs = [p.communicate(timeout=120) for p in drains]
    for (out, err), p in zip(outputs, drains):
        assert p.returncode == 0 and "Traceback" not in err, err
    sent = [int(out.split("sent ")[1].split(",")[0]) for out, _ in outputs]
    assert sum(sent) == len(lrns)
    assert sorted(lrn for lrn, _ in sim.registration_log) == sorted(lrns), "an ENS was sent twice, or not at all"
    with open_store(tmp_path / "check", url=url) as store:
        assert {store.get(lrn).state for lrn in lrns} <= {"registered", "assessment_complete"}
        assert all(store.get(lrn).mrn for lrn in lrns)


def test_a_desk_killed_mid_send_is_reconciled_by_another_by_consultation(agency_db, tmp_path):
    """The port's PC dies with an item claimed (its lease still running, then expired): the
    tunnel's desk takes it back only after the lease, asks ICS2 first, and never files twice."""
    from ics2desk.outbox import Sender
    from ics2desk.store import store as store_module
    from ics2desk.transport import make_transport

    _, url = agency_db.add("declarant")
    lrn_sent, lrn_unsent = _queued(url, tmp_path, 2)
    sim = Ics2Simulator(assessment_delay_s=0.1)
    with SimulatorServer(sim, port=0) as server:
        settings = Settings(simulator_url=server.url, retry_base_s=0.05, retry_cap_s=0.2, poll_interval_s=0.1)
        # the port's desk: claims both, gets one to ICS2, then the PC is switched off
        port = open_store(tmp_path / "port", url=url)
        claimed = port.claim_due("port-pc:4242:dead", limit=2)
        assert {c[0].lrn for c in claimed} == {lrn_sent, lrn_unsent}
        first = next(c for c in claimed if c[0].lrn == lrn_sent)
        make_transport(settings).send(first[0].message_type, first[2], lrn_sent)  # reached ICS2, not recorded
        port.close()

        tunnel = Sender(open_store(tmp_path / "tunnel", url=url), make_transport(settings), settings)
        try:
            tunnel.drain(until_empty=False, timeout=5)  # the lease is still running: hands off
            with open_store(tmp_path / "look", url=url) as look:
                assert {i.state for i in look.outbox_items(lrn=lrn_sent) + look.outbox_items(lrn=lrn_unsent)} == {
                    "sending"}
                look.conn.execute("UPDATE outbox SET lease_until = ? WHERE state='sending'",
                                  (time.time() - 1,))  # ... and now the lease has run out
            result = tunnel.drain(until_empty=True, timeout=30)
            assert result.open_items == 0
        finally:
            tunnel.close()
    assert sorted(lrn for lrn, _ in sim.registration_log) == sorted([lrn_sent, lrn_unsent]), "filed twice"
    with open_store(tmp_path / "check", url=url) as store:
        for lrn in (lrn_sent, lrn_unsent):
            f = store.get(lrn)
            assert f.mrn and f.state in ("registered", "assessment_complete"), (lrn, f.state)
            kinds = [m.message_type for m in store.timeline(lrn) if m.direction == "out"]
            assert kinds[0] == "IE3Q05", kinds  # asked before anything was sent again
        sent_again = [m.message_type for m in store.timeline(lrn_sent) if m.direction == "out"]
        assert "IE3F50" not in sent_again, "the ENS that had reached ICS2 was sent blindly again"
        assert any("lease" in (r["detail"] or "") for r in store.audit_trail(None))
    assert store_module.LEASE_S > settings.send_timeout_s


def test_a_change_on_one_desk_reaches_another_within_a_second(agency_db, tmp_path):
    _, url_a = agency_db.add("declarant")
    _, url_b = agency_db.add("clerk")
    with open_store(tmp_path / "a", url=url_a) as a, open_store(tmp_path / "b", url=url_b) as b:
        before = b.data_version()
        b.changes()
        started = time.monotonic()
        f = a.import_document(samples.ferry_filing(), new_lrn=True)
        assert b.wait_for_change(1.0), "no word of the other desk's filing within 1 s"
        assert time.monotonic() - started < 1.0
        assert b.data_version() != before
        assert f"filing:{f.lrn}" in b.changes()
        assert b.get(f.lrn).state == "draft"
        # and our own commits do not look like someone else's
        mine = b.data_version()
        b.import_document(samples.ferry_filing(), new_lrn=True)
        assert b.data_version() == mine


def test_a_desk_store_moves_into_the_agency_with_its_history(agency_db, tmp_path, data_dir):
    from ics2desk.store import agency, pg

    with open_store(data_dir) as local:
        f = local.import_document(samples.ferry_filing(), user="marie", new_lrn=True)
        local.queue(f.lrn, user="marie")
        local_trail = [(r["user"], r["action"]) for r in local.audit_trail(f.lrn)]
        versions = len(local.versions(f.lrn))
    owner = pg.connect(agency_db.owner_url, listen=False)
    try:
        counts = agency.import_sqlite(owner, data_dir)
        assert counts["filings"] == 1 and counts["outbox"] == 1
        again = None
        try:
            agency.import_sqlite(owner, data_dir)
        except Exception as exc:  # noqa: BLE001
            again = exc
        assert again is not None and "R3003" in str(again)
    finally:
        owner.close()
    _, url = agency_db.add("declarant")
    with open_store(tmp_path / "agency", url=url) as store:
        moved = store.get(f.lrn)
        assert moved.state == "queued" and len(store.versions(f.lrn)) == versions
        assert [(r["user"], r["action"]) for r in store.audit_trail(f.lrn)][:len(local_trail)] == local_trail
        assert [i.state for i in store.outbox_items(lrn=f.lrn)] == ["pending"]
        assert store.count_filings(__import__("ics2desk.store", fromlist=["FilingQuery"]).FilingQuery(
            text=f.lrn[:9])) == 1


def test_a_drain_stopped_by_sigkill_leaves_nothing_half_done(agency_db, tmp_path):
    _, url = agency_db.add("declarant")
    lrns = _queued(url, tmp_path, 6, prefix="KILL")
    sim = Ics2Simulator(assessment_delay_s=0.1)
    with SimulatorServer(sim, port=0) as server:
        env = _desk(tmp_path, "victim", server.url)
        p = subprocess.Popen([sys.executable, "-m", "ics2desk.cli", "--database", url, "outbox", "drain",
                              "--until-empty", "--timeout", "30"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not sim.registration_log:
            time.sleep(0.01)
        p.send_signal(signal.SIGKILL)
        p.communicate(timeout=30)
        res = _cli(env, "--database", url, "outbox", "drain", "--until-empty", "--timeout", "30")
        assert res.returncode == 0, res.stderr
    assert sorted(lrn for lrn, _ in sim.registration_log) == sorted(lrns)


def test_a_do_not_load_polled_by_three_desks_at_once_is_applied_once(agency_db, tmp_path):
    """The same transport message reaches three desks' drains at the same moment: one stores and
    applies it, the others roll back; one alert, one message, the truck stopped."""
    import threading

    from ics2desk.simulator import replies

    _, url = agency_db.add("declarant")
    with open_store(tmp_path / "setup", url=url) as store:
        doc = samples.ferry_filing()
        f = store.import_document(doc, new_lrn=True)
        store.queue(f.lrn)
        mrn = "26FR000016CB16ACT6"
        store.apply_reply(replies.registered(f.lrn, mrn, store.document(f.lrn)), "tid-r01")
        dnl = replies.do_not_load(mrn, store.document(f.lrn))
    stores = [open_store(tmp_path / f"desk{i}", url=url) for i in range(3)]
    barrier = threading.Barrier(3)
    failures = []

    def poll(s):
        try:
            barrier.wait()
            s.apply_reply(dnl, "tid-dnl-1")
        except Exception as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=poll, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for s in stores:
        s.close()
    assert failures == []
    with open_store(tmp_path / "check", url=url) as store:
        got = store.get(f.lrn)
        assert got.do_not_load_at and got.boarding.value != "may_board"
        assert [m.transport_id for m in store.timeline(f.lrn)].count("tid-dnl-1") == 1
        assert [a.kind for a in store.alerts(f.lrn)].count("do_not_load") == 1


def test_an_admin_made_by_db_init_manages_agents_and_a_disabled_one_cannot_sign_in(cluster, tmp_path):
    dbname = cluster.new_database()
    owner = cluster.url(dbname=dbname)
    env = {k: v for k, v in os.environ.items() if k not in ("ICS2DESK_DATABASE", "PGPASSWORD")}
    env["ICS2DESK_DATA"] = str(tmp_path / "desk")
    env["ICS2DESK_DATABASE"] = owner  # the environment instead of --database
    res = _cli(env, "db", "init", "--admin", "amelie", "--password-stdin", stdin="amelie-pw")  # no newline
    assert res.returncode == 0 and "admin amelie" in res.stdout, res.stderr
    admin = dict(env, ICS2DESK_DATABASE=cluster.url("amelie", "amelie-pw", dbname))
    assert _cli(admin, "users", "add", "cedric", "--role", "clerk", "--password-stdin",
                stdin="cedric-pw\r\n").returncode == 0
    clerk = dict(env, ICS2DESK_DATABASE=cluster.url("cedric", "cedric-pw", dbname))
    refused = _cli(clerk, "users", "add", "eve", "--role", "admin", "--password-stdin", stdin="x\n")
    assert refused.returncode == 1 and "admin" in refused.stderr
    truck = tmp_path / "truck.xml"
    truck.write_bytes(to_bytes(samples.ferry_filing()))
    assert _cli(clerk, "import", "--new-lrn", str(truck)).returncode == 0
    assert _cli(admin, "users", "disable", "cedric").returncode == 0
    listed = {u["name"]: u for u in json.loads(_cli(admin, "users", "list", "--json").stdout)}
    assert listed["cedric"]["enabled"] is False and listed["amelie"]["role"] == "admin"
    gone = _cli(clerk, "import", "--new-lrn", str(truck))
    assert gone.returncode == 1 and "refused the sign-in" in gone.stderr, gone.stderr
    assert "kept on this desk" not in gone.stderr  # a refused sign-in is not an outage
