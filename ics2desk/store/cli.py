"""Scripting and drills: `ics2desk import|submit|outbox|status` on the local store.

Exit codes (all four commands):
  0  done
  1  something was refused: invalid filing, illegal step, item failed permanently
  2  unreadable input, unknown LRN, store unusable (any KnownError)
  3  outbox drain stopped at --timeout with items still open
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import cli
from ..errors import BadInputError, IllegalTransitionError

EXIT_CODES = ("exit codes: 0 done; 1 refused (invalid filing, illegal step, permanent send failure); "
              "2 unreadable input / unknown LRN / store unusable; 3 drain timed out with items open")


def _store(args):
    from . import open_store

    return open_store(getattr(args, "data_dir", None))


# --- import ----------------------------------------------------------------------------------
def configure_import(p: argparse.ArgumentParser) -> None:
    p.description = "Store an ENS XML file as a draft filing and print its LRN. " + EXIT_CODES
    p.add_argument("file", metavar="FILE.xml")
    p.add_argument("--new-lrn", action="store_true", help="give it a fresh LRN (the file's LRN is already used)")
    p.add_argument("--json", action="store_true")


def run_import(args) -> int:
    from ..settings import Settings
    from ..validate import validate_document
    from ..xml.reader import from_bytes

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise BadInputError(f"{args.file}: cannot read: {exc.strerror or exc}") from None
    doc = from_bytes(data, args.file)
    with _store(args) as store:
        prefix = Settings.load(store.data_dir).lrn_prefix
        f = store.import_document(doc, new_lrn=args.new_lrn, lrn_prefix=prefix)
    errors = validate_document(doc).errors
    if args.json:
        print(json.dumps({"lrn": f.lrn, "state": f.state, "errors": len(errors)}))
    else:
        print(f.lrn)
        if errors:
            print(f"{f.lrn}: stored as draft with {len(errors)} errors (ics2desk validate {args.file})",
                  file=sys.stderr)
    return 0


# --- submit ----------------------------------------------------------------------------------
def configure_submit(p: argparse.ArgumentParser) -> None:
    p.description = "Validate and queue filings for sending (ics2desk outbox drain sends them). " + EXIT_CODES
    p.add_argument("lrns", nargs="*", metavar="LRN")
    p.add_argument("--all-ready", action="store_true", help="queue every draft/ready filing that is valid")


def run_submit(args) -> int:
    from . import FilingQuery

    if not args.lrns and not args.all_ready:
        raise BadInputError("submit needs LRNs or --all-ready")
    worst = 0
    with _store(args) as store:
        lrns = list(args.lrns)
        if args.all_ready:
            lrns += [f.lrn for f in store.list_filings(FilingQuery(states=["draft", "ready"], sort="created_at",
                                                                   descending=False, limit=1_000_000))]
        for lrn in lrns:
            try:
                item = store.queue(lrn)
            except (BadInputError, IllegalTransitionError) as exc:
                print(f"{lrn}: not queued: {exc}", file=sys.stderr)
                worst = 1
                continue
            print(f"{lrn}: queued (outbox item {item})")
    return worst


# --- outbox ----------------------------------------------------------------------------------
def configure_outbox(p: argparse.ArgumentParser) -> None:
    p.description = "Look at and drive the outbox. " + EXIT_CODES
    sub = p.add_subparsers(dest="outbox_command", required=True)
    ls = sub.add_parser("list", help="items still open (--all: every item)")
    ls.add_argument("--json", action="store_true")
    ls.add_argument("--all", action="store_true")
    dr = sub.add_parser("drain", help="send what is due; with --until-empty keep retrying until nothing is open")
    dr.add_argument("--until-empty", action="store_true")
    dr.add_argument("--timeout", type=float, help="give up after S seconds (exit 3 if items remain)")
    for name in ("retry", "pause", "resume", "cancel"):
        a = sub.add_parser(name, help=f"{name} outbox item ID (audited)")
        a.add_argument("item_id", type=int, metavar="ID")


def _item_dict(i) -> dict:
    return {"id": i.id, "lrn": i.lrn, "message_type": i.message_type, "state": i.state, "attempts": i.attempts,
            "next_attempt_at": i.next_attempt_at, "last_error": i.last_error, "last_kind": i.last_kind,
            "last_component": i.last_component, "reconcile": i.reconcile}


def run_outbox(args) -> int:
    cmd = args.outbox_command
    if cmd == "drain":
        return _drain(args)
    with _store(args) as store:
        if cmd == "list":
            states = None if args.all else ["pending", "sending", "awaiting_reply", "paused", "failed"]
            items = store.outbox_items(states)
            if args.json:
                print(json.dumps([_item_dict(i) for i in items], indent=1))
            else:
                for i in items:
                    err = f"  {i.last_kind}@{i.last_component}: {i.last_error}" if i.last_error else ""
                    print(f"{i.id:>6} {i.lrn:<22} {i.message_type} {i.state:<14} attempts={i.attempts}{err}")
            return 0
        try:
            {"retry": store.retry_now, "pause": store.pause, "resume": store.resume,
             "cancel": store.cancel}[cmd](args.item_id)
        except IllegalTransitionError as exc:
            print(f"ics2desk: {exc}", file=sys.stderr)
            return 1
        print(f"outbox item {args.item_id}: {store.outbox_item(args.item_id).state}")
        return 0


def _drain(args) -> int:
    from ..outbox import Sender

    sender = Sender.open(getattr(args, "data_dir", None))
    try:
        res = sender.drain(until_empty=args.until_empty, timeout=args.timeout)
        failed = len(sender.store.outbox_items(["failed"]))
    finally:
        sender.close()
    print(f"sent {res.sent}, failed attempts {res.failed_attempts}, replies {res.replies}, "
          f"still open {res.open_items}, failed {failed}")
    if res.timed_out and res.open_items:
        return 3
    return 1 if failed else 0


# --- status ----------------------------------------------------------------------------------
def configure_status(p: argparse.ArgumentParser) -> None:
    p.description = "State, MRN and last messages of one filing. " + EXIT_CODES
    p.add_argument("lrn", metavar="LRN")
    p.add_argument("--json", action="store_true")
    p.add_argument("--messages", type=int, default=10, help="how many of the last messages (default 10)")


def run_status(args) -> int:
    with _store(args) as store:
        f = store.get(args.lrn)
        msgs = store.timeline(args.lrn)[-args.messages:]
        versions = store.versions(args.lrn)
        items = store.outbox_items(lrn=args.lrn)
    out = {"lrn": f.lrn, "state": f.state, "mrn": f.mrn, "declarant": f.declarant, "truck": f.truck,
           "crossing": f.crossing, "arrival": f.arrival, "version": f.version,
           "errors": versions[-1].errors if versions else [],
           "messages": [{"direction": m.direction, "type": m.message_type, "at": m.created_at,
                         "transport_id": m.transport_id, "mrn": m.mrn} for m in msgs],
           "outbox": [_item_dict(i) for i in items]}
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"{f.lrn}: {f.state}" + (f", MRN {f.mrn}" if f.mrn else ""))
    for e in out["errors"]:
        print(f"  error {e['code']} {e['pointer']}: {e['message']}")
    for m in out["messages"]:
        print(f"  {m['at']} {'->' if m['direction'] == 'out' else '<-'} {m['type']}")
    for i in items:
        if i.state not in ("done", "cancelled"):
            print(f"  outbox {i.id}: {i.state}, attempts {i.attempts}" + (f", {i.last_error}" if i.last_error else ""))
    return 0


cli.register("import", configure_import, run_import, "store an ENS file as a draft and print its LRN")
cli.register("submit", configure_submit, run_submit, "validate and queue filings for sending")
cli.register("outbox", configure_outbox, run_outbox, "list, drain, retry, pause or cancel queued submissions")
cli.register("status", configure_status, run_status, "state, MRN and messages of a filing")
