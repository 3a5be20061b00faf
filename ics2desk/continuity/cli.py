"""`ics2desk continuity ...`: the playbook (check, import, show, versions) and the board, headless.

Exit codes: 0 ok, 1 the checked file is not a valid playbook, 2 other user errors (via cli.main).
"""
from __future__ import annotations

import argparse
import sys

from .. import cli
from ..errors import BadInputError
from ..failures import Component
from .playbook import PHASE_TITLES, PHASES, Library, load_playbook


def configure(p: argparse.ArgumentParser) -> None:
    p.description = "Business continuity: the fiche réflexe playbook and the component board"
    p.epilog = "exit codes: 0 done; 1 the playbook file does not validate (check); 2 bad input"
    sub = p.add_subparsers(dest="continuity_command", required=True)
    c = sub.add_parser("check", help="check a playbook file (schema + every step has a source)")
    c.add_argument("file")
    i = sub.add_parser("import", help="import the official fiche's content as a new version (in force)")
    i.add_argument("file")
    i.add_argument("--keep-current", action="store_true", help="import without making it the version in force")
    e = sub.add_parser("export", help="write the version in force to FILE, to edit into the next version")
    e.add_argument("file")
    sub.add_parser("versions", help="list playbook versions; * marks the one in force")
    u = sub.add_parser("use", help="choose the version in force")
    u.add_argument("version")
    s = sub.add_parser("show", help="print the steps for a component")
    s.add_argument("component", choices=[c.value for c in Component])
    s.add_argument("--lang", choices=["fr", "en"], default="fr")
    sub.add_parser("status", help="the board and the open incidents")


def run(args: argparse.Namespace, out=None) -> int:
    out = out or sys.stdout
    cmd = args.continuity_command
    data_dir = getattr(args, "data_dir", None)
    if cmd == "check":
        try:
            pb = load_playbook(args.file)
        except BadInputError as exc:
            print(exc, file=out)
            return 1
        n = sum(len(v) for v in pb.steps.values())
        todo = sum(1 for v in pb.steps.values() for s in v if not s.confirmed)
        print(f"{args.file}: valid playbook {pb.id} version {pb.version}; {n} steps, {todo} to confirm", file=out)
        return 0
    lib = Library(data_dir)
    if cmd == "import":
        pb = lib.import_file(args.file, make_in_force=not args.keep_current)
        print(f"imported version {pb.version}" + ("" if args.keep_current else " (now in force)"), file=out)
    elif cmd == "export":
        pb = lib.in_force()
        from pathlib import Path

        try:
            Path(args.file).write_bytes(pb.path.read_bytes())
        except OSError as exc:
            raise BadInputError(f"cannot write {args.file}: {exc.strerror or exc}") from None
        print(f"version {pb.version} written to {args.file}; change 'version' and 'issued', edit the steps "
              f"(each with its sources), then `ics2desk continuity import {args.file}`", file=out)
    elif cmd == "versions":
        current = lib.in_force().version
        for pb in lib.versions():
            mark = "*" if pb.version == current else " "
            print(f"{mark} {pb.version}  {pb.issued}  {pb.title('en')}", file=out)
    elif cmd == "use":
        print(f"version {lib.set_in_force(args.version).version} in force", file=out)
    elif cmd == "show":
        pb = lib.in_force()
        comp = Component(args.component)
        fr = args.lang == "fr"
        print(f"{pb.title(args.lang)} – version {pb.version}", file=out)
        for phase in PHASES:
            print(f"\n{PHASE_TITLES[phase][0 if fr else 1]}", file=out)
            for step in pb.section(comp, phase):
                print(f"  [{step.id}] {step.display(args.lang)}", file=out)
                for c in step.contacts:
                    print(f"      -> {c.role(args.lang)}: {c.channel(args.lang)}", file=out)
                print(f"      source: {'; '.join(s.label(args.lang) for s in step.sources)}", file=out)
    elif cmd == "status":
        from .components import component_name
        from .incidents import IncidentStore

        store = IncidentStore(lib.dir.parent)
        try:
            board = store.load_board()
            for s in board.all():
                since = f" since {s.since:%Y-%m-%d %H:%M} UTC" if s.since else ""
                extra = f" ({s.part})" if s.part else ""
                ref = f" – {s.reference}" if s.reference else ""
                print(f"{s.state.value:<11} {component_name(s.component)}{extra}{since}{ref}", file=out)
            for inc in store.active():
                print(f"open incident #{inc.id}: {component_name(inc.component)} since "
                      f"{inc.opened_at:%Y-%m-%d %H:%M} UTC", file=out)
        finally:
            store.close()
    return 0


cli.register("continuity", configure, run, "fiche réflexe playbook versions and component status")
