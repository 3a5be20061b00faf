"""Command line: `ics2desk` (the desktop app), `ics2desk validate FILE...`, and the
sub-commands other modules register (summary, simulator, ...).

Exit codes of `validate`: 0 all valid, 1 any invalid, 2 a file unreadable or not XML.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable

from .errors import BadInputError, KnownError

#: name -> (configure parser, run, one-line help) for sub-commands added by other modules.
_COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]] = {}


def register(name: str, configure, run, help: str = "") -> None:
    _COMMANDS[name] = (configure, run, help)


def _load_plugins() -> None:
    """Sub-commands living next to their feature; a feature not installed is simply absent."""
    import importlib

    for module in ("ics2desk.store.cli", "ics2desk.printing.cli", "ics2desk.simulator.cli",
                   "ics2desk.continuity.cli", "ics2desk.elo.cli"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and not module.startswith(exc.name):
                raise


def validate_files(paths: list[str], as_json: bool, lang: str, out=None) -> int:
    from .validate import validate_bytes

    out = out or sys.stdout

    results = []
    worst = 0
    for name in paths:
        try:
            data = Path(name).read_bytes()
            report = validate_bytes(data, name)
        except OSError as exc:
            results.append({"file": name, "valid": False,
                            "errors": [{"rule": "IO", "path": "", "message": exc.strerror or str(exc)}]})
            worst = 2
            if not as_json:
                print(f"{name}: cannot read: {exc.strerror or exc}", file=out)
            continue
        except BadInputError as exc:
            results.append({"file": name, "valid": False, "errors": [{"rule": "XML", "path": "", "message": str(exc)}]})
            worst = 2
            if not as_json:
                print(exc, file=out)  # the message starts with the file name
            continue
        if not report.valid:
            worst = max(worst, 1)
        results.append({
            "file": name, "message": report.message_id, "valid": report.valid,
            "errors": [f.as_dict(lang) for f in report.errors],
            "warnings": [f.as_dict(lang) for f in report.warnings],
        })
        if not as_json:
            for f in report.errors:
                print(f"{name}: {f.rule} {f.path}: {f.message(lang)}", file=out)
            for f in report.warnings:
                print(f"{name}: warning {f.rule} {f.path}: {f.message(lang)}", file=out)
            if report.valid:
                print(f"{name}: {'valide' if lang == 'fr' else 'valid'} ({report.message_id})", file=out)
    if as_json:
        json.dump(results, out, ensure_ascii=False, indent=1)
        out.write("\n")
    return worst


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ics2desk", description="ICS2 ENS filing desk")
    parser.add_argument("--data-dir", help="where the local store lives (default: platform user data dir; "
                                            "env ICS2DESK_DATA)")
    parser.add_argument("--demo", action="store_true", help="start with the simulator's outage switches (drills)")
    parser.add_argument("--lang", choices=["fr", "en"], help="user interface language")
    sub = parser.add_subparsers(dest="command")
    v = sub.add_parser("validate", help="check ENS files against the XSD and every HTI rule",
                       epilog="exit codes: 0 all valid; 1 any invalid; 2 a file unreadable or not XML")
    v.add_argument("files", nargs="+")
    v.add_argument("--json", action="store_true", help="machine-readable output")
    v.add_argument("--lang", dest="msg_lang", choices=["fr", "en"], default=None,
                   help="language of the messages (default: the global --lang, else English)")
    for name, (configure, _, help_text) in _COMMANDS.items():
        configure(sub.add_parser(name, help=help_text or None))
    return parser


def main(argv: list[str] | None = None, gui: Callable[[argparse.Namespace], int] | None = None) -> int:
    """Run a sub-command; with none, start the desktop app through `gui` (see gui/launcher.py,
    the console-script entry point, which keeps Qt out of this Qt-free module)."""
    _load_plugins()
    args = build_parser().parse_args(argv)
    if args.data_dir:  # one place decides the data dir: every module reads ICS2DESK_DATA
        os.environ["ICS2DESK_DATA"] = str(Path(args.data_dir).expanduser().resolve())
    try:
        if args.command == "validate":
            return validate_files(args.files, args.json, args.msg_lang or args.lang or "en")
        if args.command in _COMMANDS:
            return _COMMANDS[args.command][1](args)
        if gui is None:
            print("ics2desk: no command given (the desktop app starts from the `ics2desk` launcher)",
                  file=sys.stderr)
            return 2
        return gui(args)
    except KnownError as exc:
        print(f"ics2desk: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    # Run through the importable module so sub-commands register where main() looks.
    from ics2desk.cli import main as _main

    sys.exit(_main())
