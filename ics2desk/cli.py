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

from .errors import BadInputError, KnownError, PermissionDeniedError, SignInError, StoreUnavailableError

#: one meaning per exit code, for every command (each command's --help says which it uses)
EXIT_REFUSED, EXIT_BAD_INPUT, EXIT_UNAVAILABLE = 1, 2, 4
EXIT_CODES = """exit codes, the same for every command:
  0   done
  1   refused: invalid filing, illegal step, the agent's role may not, a sign-in refused
  2   bad input: unreadable file, unknown LRN, wrong option
  3   timed out with work still open (outbox drain --timeout)
  4   the store cannot be used now: disk full, I/O error, locked, or the agency database out
      of reach (what was asked is kept on the desk when it can be)
  5   outbox drain: due items could not be sent (each named on stderr, they stay queued)
  70  internal error (a bug in ics2desk; details in the data dir's crash-reports)
  130 interrupted"""

#: name -> (configure parser, run, one-line help) for sub-commands added by other modules.
_COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]] = {}


def register(name: str, configure, run, help: str = "") -> None:
    _COMMANDS[name] = (configure, run, help)


def _load_plugins() -> None:
    """Sub-commands living next to their feature; a feature not installed is simply absent."""
    import importlib

    for module in ("ics2desk.store.cli", "ics2desk.printing.cli", "ics2desk.simulator.cli",
                   "ics2desk.continuity.cli", "ics2desk.elo.cli", "ics2desk.intake.cli", "ics2desk.options_cli",
                   "ics2desk.store.agency_cli"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and not module.startswith(exc.name):
                raise


def validate_files(paths: list[str], as_json: bool, lang: str, out=None) -> int:
    """Validate each file, then R3003 across them: the same declarant's LRN in a second file is
    an error on that file, naming the first (a file given twice is one filing, not a clash)."""
    from .rules.batch import duplicate_lrns
    from .validate import validate_bytes

    out = out or sys.stdout

    entries: list[tuple[str, dict, object]] = []  # (file, JSON result, Report or None)
    worst = 0
    for name in paths:
        try:
            data = Path(name).read_bytes()
            report = validate_bytes(data, name)
        except OSError as exc:
            entries.append((name, {"file": name, "valid": False, "errors": [
                {"rule": "IO", "path": "", "message": exc.strerror or str(exc)}]},
                f"{name}: cannot read: {exc.strerror or exc}"))
            worst = 2
            continue
        except BadInputError as exc:
            # the message starts with the file name
            entries.append((name, {"file": name, "valid": False, "errors": [
                {"rule": "XML", "path": "", "message": str(exc)}]}, str(exc)))
            worst = 2
            continue
        entries.append((name, {}, report))

    seen: set[Path] = set()
    batch = []  # (file, Report), each file once
    for name, _, report in entries:
        if not isinstance(report, str) and Path(name).resolve() not in seen:
            seen.add(Path(name).resolve())
            batch.append((name, report))
    for i, finding in duplicate_lrns((name, report.document) for name, report in batch):
        batch[i][1].findings.append(finding)

    results = []
    for name, result, report in entries:
        if isinstance(report, str):
            results.append(result)
            if not as_json:
                print(report, file=out)
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
    parser = argparse.ArgumentParser(prog="ics2desk", description="ICS2 ENS filing desk", epilog=EXIT_CODES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", help="where the local store lives (default: platform user data dir; "
                                            "env ICS2DESK_DATA)")
    parser.add_argument("--demo", action="store_true", help="start with the simulator's outage switches (drills)")
    parser.add_argument("--lang", choices=["fr", "en"], help="user interface language")
    parser.add_argument("--database", metavar="URL",
                        help="the agency database, postgresql://AGENT@HOST:PORT/DB (env ICS2DESK_DATABASE; password "
                             "by PGPASSWORD or ~/.pgpass); default: the local store in the data dir. Accepted "
                             "anywhere on the command line")
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
    argv, database = _lift_database(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(argv)
    if database:  # one place decides the database too: every module reads ICS2DESK_DATABASE
        os.environ["ICS2DESK_DATABASE"] = database
    args.database = database or os.environ.get("ICS2DESK_DATABASE") or None
    if args.database:  # the agency's settings from the agency database (a single desk pays nothing for it)
        from .desk import agency_settings

        agency_settings.install()
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
    except (PermissionDeniedError, SignInError) as exc:  # the agent may not: refused
        print(f"ics2desk: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except StoreUnavailableError as exc:  # the store or the agency database cannot be used now
        print(f"ics2desk: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except KnownError as exc:
        print(f"ics2desk: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("ics2desk: interrupted; what was committed is kept", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001  a bug: one line for the agent, the details in a file
        return _report_bug(exc)


def _lift_database(argv: list[str]) -> tuple[list[str], str | None]:
    """`--database URL` (or `--database=URL`) wherever it is on the line, before or after the
    sub-command: every command works on the same database, so it is one global choice."""
    out, database, i = [], None, 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            out += argv[i:]
            break
        if arg == "--database":
            if i + 1 >= len(argv):
                raise SystemExit("ics2desk: --database needs a URL (postgresql://AGENT@HOST:PORT/DB)")
            database, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--database="):
            database = arg.split("=", 1)[1]
        else:
            out.append(arg)
        i += 1
    return out, database


EXIT_BUG = 70  # EX_SOFTWARE: an internal error, not the agent's input


def _report_bug(exc: BaseException) -> int:
    """Our bug, not the agent's fault: say so on one line and keep the traceback in the data dir
    for the report (the terminal of a customs desk is no place for a stack trace)."""
    import traceback

    from . import clock
    from .paths import data_dir

    details = "".join(traceback.format_exception(exc))
    where = "stderr"
    try:
        folder = data_dir(None) / "crash-reports"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"cli-{clock.now():%Y%m%dT%H%M%S}-{os.getpid()}.txt"
        path.write_text(details, encoding="utf-8")
        where = str(path)
    except OSError:
        print(details, file=sys.stderr)
    print(f"ics2desk: internal error ({type(exc).__name__}: {exc}); this is a bug in ics2desk, nothing you "
          f"typed. Details: {where}. Please send them to your support.", file=sys.stderr)
    return EXIT_BUG


if __name__ == "__main__":
    # Run through the importable module so sub-commands register where main() looks.
    from ics2desk.cli import main as _main

    sys.exit(_main())
