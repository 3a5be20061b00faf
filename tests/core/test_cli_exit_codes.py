"""One meaning per exit code, whichever command: the agency database out of reach is 4 for every
command that needs it, a refusal 1, bad input 2; and `--help` says so."""
from __future__ import annotations

import socket
import subprocess
import sys


def _cli(tmp_path, *argv: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "ICS2DESK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    res = subprocess.run([sys.executable, "-m", "ics2desk.cli", *argv], env=env, capture_output=True, text=True,
                         timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in res.stderr, res.stderr
    return res


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when we return: nothing listens there


def test_the_agency_database_out_of_reach_is_exit_4_for_every_command(tmp_path):
    url = f"postgresql://agent:pw@127.0.0.1:{_closed_port()}/agency"
    for argv in (["status", "ICS261202000001"], ["outbox", "list"], ["audit", "ICS261202000001"],
                 ["summary", "ICS261202000001", "-o", str(tmp_path / "x.pdf")], ["users", "list"]):
        res = _cli(tmp_path, "--database", url, *argv)
        assert res.returncode == 4, (argv, res.returncode, res.stderr)
        assert "agency database" in res.stderr and "out of reach" in res.stderr, argv
        assert ":pw@" not in res.stderr  # never the password


def test_help_lists_the_exit_codes_and_a_bad_option_is_2(tmp_path):
    res = _cli(tmp_path, "--help")
    assert res.returncode == 0 and "exit codes, the same for every command" in res.stdout
    assert _cli(tmp_path, "status").returncode == 2
    assert _cli(tmp_path, "--database", "sqlite:///x", "status", "X").returncode == 2
