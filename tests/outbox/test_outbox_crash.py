"""SIGKILL the draining process at random moments: nothing lost, nothing registered twice.

The simulator (in this test process) keeps its own registration log: the judge."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from ics2desk.samples import ferry_filing
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import open_store

FILINGS = 40
KILLS = 20

# the drainer imports only what draining needs, to start fast
DRAIN = "from ics2desk.outbox import Sender; s = Sender.open(); s.drain(until_empty=True, timeout=60); s.close()"


def test_kill_during_drain_never_loses_or_duplicates(data_dir):
    rng = random.Random(1234)
    sim = Ics2Simulator(assessment_delay_s=3600, processing_delay_s=0.015)
    with SimulatorServer(sim, port=0) as server:
        Settings(simulator_url=server.url, retry_base_s=0.01, retry_cap_s=0.05, send_timeout_s=2).save(data_dir)
        with open_store() as store:
            for i in range(FILINGS):
                store.import_document(ferry_filing(f"CRASH{i:03d}"))
                store.queue(f"CRASH{i:03d}")
        env = dict(os.environ, ICS2DESK_DATA=str(data_dir))
        kills = 0
        while kills < KILLS:
            seen = len(sim.received)
            proc = subprocess.Popen([sys.executable, "-c", DRAIN], env=env)
            end = time.time() + 5
            while len(sim.received) == seen and time.time() < end and proc.poll() is None:
                time.sleep(0.002)  # wait until it is really draining, then pick a moment
            time.sleep(rng.uniform(0.0, 0.05))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
            with open_store() as store:
                if store.open_count() == 0:
                    break
        # then a clean run finishes the batch
        done = subprocess.run([sys.executable, "-c", DRAIN], env=env, timeout=60)
        assert done.returncode == 0
        with open_store() as store:
            filings = {f.lrn: f for f in store.list_filings()}
            assert len(filings) == FILINGS
            assert {f.state for f in filings.values()} == {"registered"}, store.state_counts()
            judge = sim.registration_log
            assert len(judge) == FILINGS, "a filing was registered twice"
            assert {lrn: mrn for lrn, mrn in judge} == {lrn: f.mrn for lrn, f in filings.items()}
            assert store.open_count() == 0
    assert kills == KILLS, f"the batch finished after {kills} kills"


def test_kill_during_drain_never_loses_a_do_not_load(data_dir):
    """Do Not Load filings drained by processes killed at random moments (between send and
    record among them): every truck customs stopped ends stopped, none registered twice, no
    notification left unapplied."""
    rng = random.Random(99)
    n = 16
    sim = Ics2Simulator(assessment_delay_s=0.0, processing_delay_s=0.02)
    with SimulatorServer(sim, port=0) as server:
        Settings(simulator_url=server.url, retry_base_s=0.01, retry_cap_s=0.05, send_timeout_s=2,
                 poll_interval_s=0.0).save(data_dir)
        with open_store() as store:
            for i in range(n):
                doc = ferry_filing(f"KDNL{i:03d}")
                doc.houses()[0]["goodsItem"][0]["commodity"]["descriptionOfGoods"] += " DNL-DRILL"
                store.import_document(doc)
                store.queue(doc.lrn)
        env = dict(os.environ, ICS2DESK_DATA=str(data_dir))
        for _ in range(10):
            seen = len(sim.received)
            proc = subprocess.Popen([sys.executable, "-c", DRAIN], env=env)
            end = time.time() + 5
            while len(sim.received) == seen and time.time() < end and proc.poll() is None:
                time.sleep(0.002)
            time.sleep(rng.uniform(0.0, 0.04))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
        done = subprocess.run([sys.executable, "-c", DRAIN], env=env, timeout=60)
        assert done.returncode == 0
        with open_store() as store:
            # the last notifications may still wait at ICS2: one more drain polls them
            for _ in range(50):
                if all(f.do_not_load_at for f in store.list_filings()):
                    break
                subprocess.run([sys.executable, "-c", DRAIN], env=env, timeout=60)
            filings = store.list_filings()
            assert len(filings) == n
            assert [f.lrn for f in filings if not f.do_not_load_at] == []
            assert {f.state for f in filings} == {"do_not_load"}, store.state_counts()
            assert len(sim.registration_log) == n, "a filing was registered twice"
            held = store.conn.execute("SELECT COUNT(*) FROM messages WHERE filing_id IS NULL AND problem IS NULL "
                                      "AND mrn IN (SELECT mrn FROM filings)").fetchone()[0]
            assert held == 0, "a notification for a known MRN was left unapplied"
            assert len(store.open_alerts()) == n
