"""The attacker's run, through the CLI only, as an agent's scripts would drive the desk: a proxy
that garbles, cuts, drips and refuses replies (4xx/5xx after the simulator took the message),
two drains at once, kill -9 at random moments; then calm. Nothing may be lost, registered twice,
left unapplied or printed with a barcode it must not have, and no command may show a traceback."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

from faultproxy import FaultProxy

from ics2desk import samples
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import open_store
from ics2desk.xml.writer import to_bytes

KINDS = ["DNL-DRILL"] * 3 + ["RFI-DRILL"] * 2 + [""] * 5
EXPECTED = {"DNL-DRILL": "do_not_load", "RFI-DRILL": "info_requested", "": "assessment_complete"}
FAULTS = [("none", {}), ("garble", {}), ("cut", {}), ("drip", {"drip_s": 0.05}), ("status", {"status": 400}),
          ("status", {"status": 500})]


def _cli_args(*argv: str) -> list[str]:
    return [sys.executable, "-m", "ics2desk.cli", *argv]


def _cli(env: dict, *argv: str, timeout: float = 90) -> subprocess.CompletedProcess:
    res = subprocess.run(_cli_args(*argv), env=env, capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in res.stderr + res.stdout, res.stderr
    return res


def test_garbled_dripped_refused_replies_two_drains_and_kills_lose_nothing(data_dir, tmp_path):
    rng = random.Random(int(os.environ.get("ICS2DESK_CHAOS_SEED", "2026")))  # other seeds: explore
    sim = Ics2Simulator(assessment_delay_s=0.3)
    with SimulatorServer(sim, port=0) as server, FaultProxy(server.url) as proxy:
        Settings(simulator_url=proxy.url, retry_base_s=0.05, retry_cap_s=0.3, send_timeout_s=1.5,
                 poll_interval_s=0.2, reply_timeout_s=2.0).save(data_dir)
        env = dict(os.environ, ICS2DESK_DATA=str(data_dir))
        lrn_kind = {}
        kinds = list(KINDS)
        rng.shuffle(kinds)
        # every fault meets fresh filings: two trucks submitted per round, under a fault each time
        plan = [f for f in FAULTS if f[0] != "none"]
        rng.shuffle(plan)
        plan += [rng.choice(FAULTS) for _ in range(3)]
        for round_no, (fault, kw) in enumerate(plan):
            for i in range(2 * round_no, min(2 * round_no + 2, len(kinds))):
                doc = samples.ferry_filing(f"FILE{i:02d}")
                if kinds[i]:
                    doc.houses()[0]["goodsItem"][0]["commodity"]["descriptionOfGoods"] += f" {kinds[i]}"
                path = tmp_path / f"truck{i:02d}.xml"
                path.write_bytes(to_bytes(doc))
                res = _cli(env, "import", "--new-lrn", str(path))
                assert res.returncode == 0, res.stderr
                lrn = res.stdout.strip()
                lrn_kind[lrn] = kinds[i]
                assert _cli(env, "submit", lrn).returncode == 0
            # chaos: the fault, two drains at once, one of them killed at some point
            proxy.set_fault(fault, **kw)
            drains = [subprocess.Popen(_cli_args("outbox", "drain", "--until-empty", "--timeout", "3"), env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
            time.sleep(rng.uniform(0.05, 1.0))  # a random moment: between send and record, or not
            victim = rng.choice(drains)
            if victim.poll() is None:
                victim.send_signal(signal.SIGKILL)
            for proc in drains:
                out, err = proc.communicate(timeout=60)
                assert "Traceback" not in out + err, err

        proxy.set_fault("none")  # calm: everything must come right by itself
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            _cli(env, "outbox", "drain", "--until-empty", "--timeout", "10")
            states = {lrn: json.loads(_cli(env, "status", lrn, "--json").stdout)["state"] for lrn in lrn_kind}
            if all(states[lrn] == EXPECTED[kind] for lrn, kind in lrn_kind.items()):
                break

    # judged against the simulator's own log and the store
    assert sorted(lrn for lrn, _ in sim.registration_log) == sorted(lrn_kind), "lost, or registered twice"
    with open_store(data_dir) as store:
        for lrn, kind in lrn_kind.items():
            f = store.get(lrn)
            assert f.state == EXPECTED[kind], (lrn, kind, f.state, [m.message_type for m in store.timeline(lrn)])
            assert bool(f.do_not_load_at) == (kind == "DNL-DRILL"), lrn
        held = store.conn.execute("SELECT COUNT(*) FROM messages WHERE filing_id IS NULL AND problem IS NULL "
                                  "AND mrn IN (SELECT mrn FROM filings)").fetchone()[0]
        assert held == 0, "a notification for a known MRN was left unapplied"
        n03 = store.conn.execute("SELECT transport_id, COUNT(*) FROM messages WHERE direction='in' AND "
                                 "transport_id IS NOT NULL GROUP BY transport_id HAVING COUNT(*) > 1").fetchall()
        assert n03 == [], "a reply was stored twice"
        # the chaos really happened: replies were kept aside and the desk had to ask ICS2
        consulted = store.conn.execute("SELECT COUNT(*) FROM messages WHERE message_type='IE3Q05'").fetchone()[0]
        assert consulted > 0 and store.quarantined()[1] > 0, (consulted, store.quarantined()[1])
    for lrn, kind in lrn_kind.items():  # the paper tells the truth
        sheet = tmp_path / f"{lrn}.pdf"
        res = _cli(env, "summary", lrn, "--sheet", "-o", str(sheet))
        may_board = kind == ""
        assert (res.returncode == 0) == may_board and sheet.exists() == may_board, (lrn, kind, res.stderr)
