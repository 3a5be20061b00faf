"""The agency's settings live in the agency database: an admin sets them once for every desk,
nobody else can, and a desk keeps working on its last copy while the database is out of reach."""
from __future__ import annotations

import os
import subprocess
import sys

from ics2desk import samples
from ics2desk.xml.writer import to_bytes


def _cli(env: dict, *argv: str) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, "-m", "ics2desk.cli", *argv], env=env, capture_output=True, text=True,
                         timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in res.stderr + res.stdout, res.stderr
    return res


def _env(tmp_path, name: str, url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("ICS2DESK_DATABASE", "PGPASSWORD")}
    env.update(ICS2DESK_DATA=str(tmp_path / name), ICS2DESK_DATABASE=url)
    return env


def test_an_admin_sets_the_lrn_prefix_once_for_every_desk(agency_db, cluster, tmp_path):
    _, admin_url = agency_db.add("admin")
    _, declarant_url = agency_db.add("declarant")
    _, clerk_url = agency_db.add("clerk")
    admin, port, tunnel = (_env(tmp_path, n, u) for n, u in (("hq", admin_url), ("port", declarant_url),
                                                              ("tunnel", clerk_url)))
    res = _cli(admin, "settings", "set", "lrn_prefix", "CALAIS")
    assert res.returncode == 0, res.stderr
    refused = _cli(port, "settings", "set", "lrn_prefix", "MINE")
    assert refused.returncode == 1 and "only an admin" in refused.stderr, refused.stderr
    # a desk option stays the desk's own, whoever the agent
    assert _cli(tunnel, "settings", "set", "simulator_url", "http://127.0.0.1:9999").returncode == 0
    assert _cli(tunnel, "settings", "get", "lrn_prefix").stdout.strip() == "CALAIS"
    truck = tmp_path / "truck.xml"
    truck.write_bytes(to_bytes(samples.ferry_filing()))
    lrn = _cli(tunnel, "import", "--new-lrn", str(truck)).stdout.strip()
    assert lrn.startswith("CALAIS"), lrn
    cluster.stop("fast")  # out of reach: the desk works from its last copy
    try:
        assert _cli(tunnel, "settings", "get", "lrn_prefix").stdout.strip() == "CALAIS"
        kept = _cli(tunnel, "import", "--new-lrn", str(truck))
        assert kept.returncode == 4 and "kept on this desk" in kept.stderr
    finally:
        cluster.resume()
    assert _cli(tunnel, "db", "sync").returncode == 0
    listed = _cli(admin, "audit", lrn)
    assert listed.returncode == 0
