"""`ics2desk elo-simulator [--port N]`: the local test double of DGDDI's ELO API."""
from __future__ import annotations

import argparse

from .. import cli


def _configure(p: argparse.ArgumentParser) -> None:
    p.description = ("Local test double of DGDDI's API_BREXIT_ELO v1.2.0 on 127.0.0.1 "
                     "(POST /enveloppe, /enveloppe/modifier, /enveloppe/recuperer; control routes under /_simulateur/)")
    p.add_argument("--port", type=int, default=8450, help="port on 127.0.0.1 (0 = any free port; default 8450)")
    p.add_argument("--token", help="accept only this bearer token (default: any)")
    p.add_argument("--notify-url", help="POST each ENV_NOT01 notification to this URL")


def _run(args: argparse.Namespace) -> int:
    from .simulator import EloSimulator

    sim = EloSimulator(port=args.port)
    sim.state.token = args.token
    sim.state.notify_url = args.notify_url
    print(f"ELO simulator on {sim.url} (Ctrl+C to stop)", flush=True)
    try:
        sim.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sim._server.server_close()
    return 0


cli.register("elo-simulator", _configure, _run, "local test double of DGDDI's ELO API on 127.0.0.1")
