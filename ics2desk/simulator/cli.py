"""`ics2desk simulator [--port 8765]`: the built-in ICS2 simulator on 127.0.0.1, and its
outage switches for drills:

  ics2desk simulator --outage common_repository=hold      start with an outage
  ics2desk simulator outage eu_connection 503             switch a running simulator (admin port)
  ics2desk simulator recover | state

Exit codes: 0 done; 2 bad arguments or simulator not reachable.
"""
from __future__ import annotations

import argparse
import json
import time

from .. import cli
from ..errors import BadInputError, ComponentDownError
from .engine import COMPONENTS, MODES


def configure(p: argparse.ArgumentParser) -> None:
    p.description = ("Run the ICS2 simulator on 127.0.0.1 (traffic on --port, admin on --admin-port), or switch "
                     f"a running one. Components: {', '.join(COMPONENTS)}; modes: {', '.join(MODES)}. "
                     "Exit codes: 0 done; 2 bad arguments or simulator unreachable.")
    p.add_argument("action", nargs="?", default="run", choices=["run", "outage", "recover", "state"])
    p.add_argument("params", nargs="*", help="for outage: COMPONENT MODE")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--admin-port", type=int, help="default: port + 1")
    p.add_argument("--outage", action="append", default=[], metavar="COMPONENT=MODE")
    p.add_argument("--assessment-delay", type=float, default=5.0, help="seconds before IE3N03 (default 5)")
    p.add_argument("--domibus-port", type=int, help="also serve a mock Domibus WS plugin at "
                   "http://127.0.0.1:PORT/domibus/services/wsplugin (P-Mode and user from the desk settings, "
                   "password from the keyring)")


def run(args) -> int:
    admin = f"http://127.0.0.1:{args.admin_port or args.port + 1}"
    if args.action == "run":
        return _serve(args)
    import httpx

    try:
        if args.action == "outage":
            if len(args.params) == 1 and "=" in args.params[0]:  # same spelling as --outage
                args.params = args.params[0].split("=", 1)
            if len(args.params) != 2:
                raise BadInputError("usage: ics2desk simulator outage COMPONENT MODE (or COMPONENT=MODE)")
            r = httpx.post(f"{admin}/admin/outage", json={"component": args.params[0], "mode": args.params[1]})
        elif args.action == "recover":
            r = httpx.post(f"{admin}/admin/recover")
        else:
            r = httpx.get(f"{admin}/admin/state")
    except httpx.HTTPError as exc:
        raise ComponentDownError(f"no simulator admin endpoint at {admin}: {exc}") from None
    if r.status_code != 200:
        raise BadInputError(r.text)
    state = r.json()
    state.pop("registration_log", None)
    print(json.dumps(state, indent=1))
    return 0


def _serve(args) -> int:
    from .engine import Ics2Simulator
    from .server import SimulatorServer

    server = SimulatorServer(Ics2Simulator(assessment_delay_s=args.assessment_delay), port=args.port,
                             admin_port=args.admin_port)
    for spec in args.outage:
        comp, _, mode = spec.partition("=")
        server.set_outage(comp, mode)
    mock = _domibus_mock(args, server.sim) if args.domibus_port is not None else None
    print(f"ICS2 simulator on {server.url} (admin {server.admin_url}); Ctrl+C to stop", flush=True)
    if mock is not None:
        print(f"Domibus WS plugin mock on {mock.url}", flush=True)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        if mock is not None:
            mock.close()
        server.close()
    return 0


def _domibus_mock(args, sim):
    from ..settings import Settings, domibus_password
    from ..store.db import resolve_data_dir
    from ..transport.domibus import agreement_ref_for
    from ..transport.domibus_soap import PMode
    from ..xml import schemaset
    from .domibus_mock import DomibusMock

    s = Settings.load(resolve_data_dir(getattr(args, "data_dir", None)))
    pmode = PMode(s.from_party_id or "TRADER", s.from_party_type, s.from_role, s.to_party_id, s.to_party_type,
                  s.to_role, s.service, s.service_type, s.agreement_ref, s.agreement_type)
    # like a trader interface in a version transition: the active version's AgreementRef and the others named
    versions = {schemaset.message_version(), *s.agreement_refs}
    refs = tuple(r for r in (agreement_ref_for(s, v) for v in versions) if r)
    password = domibus_password(s)
    return DomibusMock(sim, pmode, (s.domibus_username, password) if password else None, port=args.domibus_port,
                       agreement_refs=refs)


cli.register("simulator", configure, run, "built-in ICS2 simulator on 127.0.0.1 (outage switches for drills)")
