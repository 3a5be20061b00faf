"""`ics2desk outbox drain|list` and `status` when things break, as an agent sees them: a dripping
ICS2 cannot hold a drain past its --timeout, what could not be sent is said with the component
blamed, and a full disk is one line with exit 4, never a traceback, with nothing lost."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faultproxy import FaultProxy, posts_to

from ics2desk.cli import main
from ics2desk.samples import ferry_filing
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import db, open_store

EXIT_TIMED_OUT, EXIT_STORE_UNAVAILABLE, EXIT_NOT_SENT = 3, 4, 5


@pytest.fixture
def sim():
    with SimulatorServer(Ics2Simulator(assessment_delay_s=3600), port=0) as server:
        yield server


def _settings(url: str, data_dir: Path, **kw) -> None:
    base = dict(simulator_url=url, retry_base_s=0.02, retry_cap_s=0.1, send_timeout_s=0.5, poll_interval_s=0.05)
    Settings(**{**base, **kw}).save(data_dir)


def _queue(*lrns: str) -> None:
    with open_store() as store:
        for lrn in lrns:
            store.import_document(ferry_filing(lrn))
            store.queue(lrn)


def _cli(data_dir: Path, *argv: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, ICS2DESK_DATA=str(data_dir))
    return subprocess.run([sys.executable, "-m", "ics2desk.cli", *argv], env=env, capture_output=True, text=True,
                          timeout=timeout)


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- deadlines hold through the CLI ----------------------------------------------------------
def test_a_drip_cannot_hold_the_drain_past_its_timeout(data_dir, sim):
    with FaultProxy(sim.url, "drip", when=posts_to("/ics2/messages")) as proxy:
        _settings(proxy.url, data_dir, send_timeout_s=2)
        _queue("DRIPCLI1")
        start = time.monotonic()
        done = _cli(data_dir, "outbox", "drain", "--until-empty", "--timeout", "4")
        elapsed = time.monotonic() - start
        assert proxy.faulted.is_set()
    # 4 s + one exchange deadline (2 s) + starting Python; the drip alone needed minutes
    assert elapsed < 4 + 2 + 4, done.stderr
    assert done.returncode == EXIT_TIMED_OUT, done.stderr
    assert "Traceback" not in done.stderr
    assert "not sent: DRIPCLI1 IE3F50" in done.stderr and "timeout, blamed on EU connection layer" in done.stderr
    with open_store() as store:
        (item,) = store.outbox_items()
    assert item.state != "sending" and item.last_kind == "timeout"
    assert "no complete reply within 2 s" in item.last_error


# --- what failed, and who is blamed ---------------------------------------------------------
def test_nothing_sent_says_why_and_exits_5(data_dir, sim, capsys):
    _settings(sim.url, data_dir)
    _queue("OUT1", "OUT2")
    sim.set_outage("common_repository", "503")
    code, out, err = _run(capsys, "outbox", "drain")
    assert code == EXIT_NOT_SENT
    assert "sent 0," in out
    lines = [line for line in err.splitlines() if line.startswith("not sent:")]
    assert [line.split(" (")[0] for line in lines] == ["not sent: OUT1 IE3F50", "not sent: OUT2 IE3F50"]
    assert "stays pending): interface_error, blamed on EU Common Repository (CR): " in lines[0]
    assert "HTTP 503 from common_repository" in lines[0]
    code, _, err = _run(capsys, "--lang", "fr", "outbox", "drain")
    assert code == EXIT_NOT_SENT and "blamed on Base européenne ICS2 (common repository)" in err
    sim.recover()
    # the items wait for their retry time (backoff): drain until they have gone, not just once
    code, out, err = _run(capsys, "outbox", "drain", "--until-empty", "--timeout", "20")
    assert code == 0 and "sent 2," in out and "not sent" not in err


def test_drain_help_documents_its_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["outbox", "drain", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "0 everything due was sent" in text and "5 due items could not be sent" in text
    assert "4 local store unavailable" in text


# --- the store failing ------------------------------------------------------------------------
def _full_after_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection the commands open can read but not grow the file: SQLite then fails the
    way a full disk makes it fail (SQLITE_FULL, "database or disk is full")."""
    real = db.connect

    def connect(path):
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={pages}")
        return conn

    monkeypatch.setattr(db, "connect", connect)


def test_a_full_database_is_one_line_and_exit_4(data_dir, sim, capsys, monkeypatch, tmp_path):
    _settings(sim.url, data_dir)
    _queue("FULL1")
    xml = tmp_path / "more.xml"
    from ics2desk.xml.writer import to_bytes

    xml.write_bytes(to_bytes(ferry_filing("FULL2", items=40)))
    with monkeypatch.context() as full:
        _full_after_open(full)
        code, out, err = _run(capsys, "import", str(xml))
        assert code == EXIT_STORE_UNAVAILABLE and out == ""
        assert err.strip() == (f"ics2desk: the disk holding {data_dir} is full: free some space there, then try "
                               f"again; nothing was lost, the last committed state is kept")
        code, out, err = _run(capsys, "outbox", "drain")  # the reply and its XML do not fit either
        assert code == EXIT_STORE_UNAVAILABLE and len(err.strip().splitlines()) == 1 and "is full" in err
    with open_store() as store:  # the refused import left nothing behind; the last commits are there
        assert [f.lrn for f in store.list_filings()] == ["FULL1"]
    code, _, _ = _run(capsys, "outbox", "drain", "--until-empty", "--timeout", "10")
    assert code == 0
    with open_store() as store:
        assert store.get("FULL1").state == "registered"
    assert [lrn for lrn, _ in sim.sim.registration_log] == ["FULL1"]  # reconciled, not filed twice


def test_a_locked_store_is_one_line_and_exit_4(data_dir, capsys, monkeypatch):
    _queue("LOCK1")
    real = db.connect

    def impatient(path):
        conn = real(path)
        conn.execute("PRAGMA busy_timeout=50")  # the 10 s wait, shortened for the test
        return conn

    monkeypatch.setattr(db, "connect", impatient)
    holder = sqlite3.connect(str(data_dir / db.DB_NAME), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:
        code, _, err = _run(capsys, "outbox", "retry", "1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == EXIT_STORE_UNAVAILABLE and "Traceback" not in err
    assert f"the local store in {data_dir} stayed locked by another ics2desk" in err


def test_a_read_only_store_is_one_line_and_exit_4(data_dir, capsys, monkeypatch):
    _queue("RO1")
    real = db.connect

    def read_only(path):
        conn = real(path)
        conn.execute("PRAGMA query_only=ON")  # what a file this user may not write looks like to SQLite
        return conn

    monkeypatch.setattr(db, "connect", read_only)
    code, _, err = _run(capsys, "outbox", "pause", "1")
    assert code == EXIT_STORE_UNAVAILABLE and "is read-only for this user" in err and str(data_dir) in err


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB tmpfs (root only): the real thing, a disk that fills up."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a size-limited tmpfs needs root")
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    return filler


def test_a_full_disk_through_the_real_commands(tiny_disk, sim):
    data = tiny_disk / "data"
    data.mkdir()
    _settings(sim.url, data)
    assert _cli(data, "import", str(Path(__file__).resolve().parents[2] / "examples/ferry-dover-calais-F50.xml"),
                "--new-lrn").returncode == 0
    assert _cli(data, "submit", "--all-ready").returncode == 0
    filler = _fill(tiny_disk)
    expected = (f"ics2desk: the disk holding {data} is full: free some space there, then try again; nothing "
                f"was lost, the last committed state is kept")
    for argv in (["outbox", "drain", "--timeout", "5"], ["outbox", "list"], ["status", "--json", "ANY"]):
        done = _cli(data, *argv)
        assert (done.returncode, done.stderr.strip(), done.stdout) == (EXIT_STORE_UNAVAILABLE, expected, ""), argv
    filler.unlink()
    listed = _cli(data, "outbox", "list", "--json")
    (item,) = json.loads(listed.stdout)["items"]
    assert item["state"] == "pending"  # as it was before the disk filled
    assert _cli(data, "outbox", "drain", "--until-empty", "--timeout", "10").returncode == 0
    status = json.loads(_cli(data, "status", item["lrn"], "--json").stdout)
    assert status["state"] == "registered"
