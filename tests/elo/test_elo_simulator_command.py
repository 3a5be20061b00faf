"""`ics2desk elo-simulator`: the test double as a command, reachable by the client."""
from __future__ import annotations

import subprocess
import sys

from ics2desk import cli
from ics2desk.checkdigits import make_mrn
from ics2desk.elo.auth import StaticTokenSource
from ics2desk.elo.client import EloClient
from ics2desk.elo.envelope import Appairage


def test_command_is_registered():
    cli._load_plugins()
    args = cli.build_parser().parse_args(["elo-simulator", "--port", "0", "--token", "x"])
    assert args.command == "elo-simulator" and args.port == 0 and args.token == "x"


def test_command_serves_the_api_on_localhost():
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from ics2desk.cli import main; sys.exit(main(sys.argv[1:]))",
         "elo-simulator", "--port", "0", "--token", "desk"],
        stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("ELO simulator on http://127.0.0.1:")
        url = line.split()[3]
        StaticTokenSource.save("desk")
        with EloClient(url, StaticTokenSource(), timeout=5) as client:
            env = client.create(Appairage().to_api(), [make_mrn(26, "FR", "CLI0000001")])
            assert client.retrieve(env["numeroDossier"])["statut"] == "FERMEE"
    finally:
        proc.terminate()
        proc.wait(timeout=5)
