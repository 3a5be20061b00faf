"""Scripting and drills: `ics2desk import|submit|outbox|status|refile` on the local store.

Exit codes (all five commands):
  0  done
  1  something was refused: invalid filing, illegal step, item failed permanently (in this drain)
  2  unreadable input, unknown LRN (any other KnownError)
  3  outbox drain stopped at --timeout with items still open
  4  the local store is unavailable: disk full, I/O error, read-only, locked too long (one line
     names the data dir and what to do; the last committed state is kept)
  5  outbox drain: items were due and some could not be sent (each one, what failed and the
     component blamed, is printed on stderr; they stay queued)
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

from .. import cli
from ..errors import BadInputError, IllegalTransitionError, PermissionDeniedError, SignInError, StoreUnavailableError

EXIT_REFUSED, EXIT_TIMED_OUT, EXIT_STORE_UNAVAILABLE, EXIT_NOT_SENT = 1, 3, 4, 5
EXIT_CODES = ("exit codes: 0 done; 1 refused (invalid filing, illegal step, permanent send failure); "
              "2 unreadable input / unknown LRN; 3 drain timed out with items open; "
              "4 local store unavailable (disk full, I/O error, read-only, locked); "
              "5 drain could not send some due items (reasons on stderr)")
OPEN_STATES = ["pending", "sending", "awaiting_reply", "paused", "failed"]


def _guarded(run):
    """The store failing (disk full, I/O, read-only, locked) ends the command with one line and
    exit 4, never a traceback. Writes raise StoreUnavailableError at their transaction boundary;
    a read outside a transaction raises sqlite3's own error, translated here."""
    @functools.wraps(run)
    def guarded(args) -> int:
        try:
            return run(args)
        except (PermissionDeniedError, SignInError) as exc:  # the agent's role may not: refused, like an illegal step
            print(f"ics2desk: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        except StoreUnavailableError as exc:
            error = exc
        except sqlite3.Error as exc:
            from .db import resolve_data_dir
            from .tx import store_unavailable

            error = store_unavailable(exc, resolve_data_dir(getattr(args, "data_dir", None)))
            if error is None:
                raise
        print(f"ics2desk: {error}", file=sys.stderr)
        return EXIT_STORE_UNAVAILABLE

    return guarded


def _store(args):
    from . import open_store

    return open_store(getattr(args, "data_dir", None))


def _unreachable(exc: StoreUnavailableError) -> bool:
    return exc.reason == "unreachable"


def _keep(args, exc: StoreUnavailableError, kind: str, items: list[dict]) -> int:
    """The agency database is out of reach: keep each request on this desk (written there once,
    the next time any command or the app reaches it), say so, exit 4."""
    from ..settings import Settings
    from .db import resolve_data_dir
    from .journal import Journal
    from .standalone import last_session

    directory = resolve_data_dir(getattr(args, "data_dir", None))
    session = last_session(directory) or {}
    user = session.get("user") or os.environ.get("USER") or "agent"
    journal = Journal(directory)
    prefix = Settings.load(directory).lrn_prefix
    for item in items:
        entry = journal.keep(kind, user, lrn_prefix=prefix, **item)
        print(f"ics2desk: kept on this desk ({entry.describe()}): {exc}. It is written to the agency database "
              f"once, as soon as it is back (any ics2desk command or the app does it)", file=sys.stderr)
    return EXIT_STORE_UNAVAILABLE


# --- import ----------------------------------------------------------------------------------
def configure_import(p: argparse.ArgumentParser) -> None:
    p.description = ("Store ENS XML files as draft filings and print their LRNs. Several files are one "
                     "batch: a declarant's LRN used by an earlier file of the batch is refused (R3003), "
                     "naming that file; the others are stored. " + EXIT_CODES)
    p.add_argument("files", nargs="+", metavar="FILE.xml")
    p.add_argument("--new-lrn", action="store_true", help="give each a fresh LRN (the file's LRN is already used)")
    p.add_argument("--json", action="store_true",
                   help='one file: {"lrn", "state", "errors"}; several: a list of those with "file" '
                        '(or {"file", "error"} for a file not stored)')


def _read_filing(name: str):
    from ..xml.reader import from_bytes

    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise BadInputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    return from_bytes(data, name)


def run_import(args) -> int:
    from ..settings import Settings
    from ..validate import validate_document

    if len(args.files) == 1:  # one file: any refusal is the command's error (exit 2)
        name = args.files[0]
        doc = _read_filing(name)
        try:
            store_session = _store(args)
        except StoreUnavailableError as exc:
            if not _unreachable(exc):
                raise
            from ..xml.writer import to_bytes

            return _keep(args, exc, "import", [{"xml": to_bytes(doc), "new_lrn": args.new_lrn}])
        with store_session as store:
            prefix = Settings.load(store.data_dir).lrn_prefix
            f = store.import_document(doc, new_lrn=args.new_lrn, lrn_prefix=prefix)
        errors = validate_document(doc).errors
        if args.json:
            print(json.dumps({"lrn": f.lrn, "state": f.state, "errors": len(errors)}))
        else:
            print(f.lrn)
            if errors:
                print(f"{f.lrn}: stored as draft with {len(errors)} errors (ics2desk validate {name})",
                      file=sys.stderr)
        return 0
    return _import_batch(args)


def _import_batch(args) -> int:
    """Several files: each read, R3003 across the batch, then each stored in its own transaction;
    a file that cannot be stored is reported (stderr / JSON) and the others go on. Exit 2 when any
    file was not stored."""
    from ..rules.batch import duplicate_lrns
    from ..settings import Settings
    from ..validate import validate_document

    docs: list[tuple[str, object]] = []
    refused: dict[int, str] = {}
    for i, name in enumerate(args.files):
        try:
            docs.append((name, _read_filing(name)))
        except BadInputError as exc:
            docs.append((name, None))
            refused[i] = str(exc)
    if not args.new_lrn:  # with --new-lrn every file gets a fresh LRN: nothing can clash
        for i, finding in duplicate_lrns(docs):
            refused[i] = f"{docs[i][0]}: not stored: {finding.rule} {finding.path}: {finding.en}"
    results = []
    with _store(args) as store:
        prefix = Settings.load(store.data_dir).lrn_prefix
        for i, (name, doc) in enumerate(docs):
            if i not in refused:
                try:
                    f = store.import_document(doc, new_lrn=args.new_lrn, lrn_prefix=prefix)
                except BadInputError as exc:
                    refused[i] = f"{name}: not stored: {exc}"
                else:
                    errors = validate_document(doc).errors
                    results.append({"file": name, "lrn": f.lrn, "state": f.state, "errors": len(errors)})
                    if not args.json:
                        print(f"{name}: {f.lrn}")
                        if errors:
                            print(f"{f.lrn}: stored as draft with {len(errors)} errors (ics2desk validate {name})",
                                  file=sys.stderr)
                    continue
            results.append({"file": name, "error": refused[i]})
            if not args.json:
                print(refused[i], file=sys.stderr)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    return 2 if refused else 0


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
    try:
        store_session = _store(args)
    except StoreUnavailableError as exc:
        if not _unreachable(exc) or args.all_ready:
            raise
        return _keep(args, exc, "queue", [{"lrn": lrn} for lrn in args.lrns])
    with store_session as store:
        lrns = list(args.lrns)
        if args.all_ready:
            lrns += [f.lrn for f in store.list_filings(FilingQuery(states=["draft", "ready"], sort="created_at",
                                                                   descending=False, limit=1_000_000))]
        for lrn in lrns:
            try:
                item = store.queue(lrn)
            except (BadInputError, IllegalTransitionError, PermissionDeniedError) as exc:
                print(f"{lrn}: not queued: {exc}", file=sys.stderr)
                worst = EXIT_REFUSED
                continue
            print(f"{lrn}: queued (outbox item {item})")
            for other, at in store.transport_document_reuse(lrn):
                # ICS2 refuses a master transport document reference used again within 12 months
                print(f"{lrn}: warning: its transport document reference is also on {other} (lodged {at[:10]}); "
                      f"ICS2 rejects a reference reused within 12 months (error code 81)", file=sys.stderr)
                break
    return worst


# --- outbox ----------------------------------------------------------------------------------
def configure_outbox(p: argparse.ArgumentParser) -> None:
    p.description = "Look at and drive the outbox. " + EXIT_CODES
    sub = p.add_subparsers(dest="outbox_command", required=True)
    ls = sub.add_parser("list", help="items still open (--all: every item), a page at a time; says "
                                     "'showing N of TOTAL' on stderr (--json: a total field)")
    ls.add_argument("--json", action="store_true",
                    help='{"total", "offset", "limit", "items": [...]}')
    ls.add_argument("--all", action="store_true")
    ls.add_argument("--limit", type=_count, default=1000, metavar="N", help="at most N items (default 1000)")
    ls.add_argument("--offset", type=_count, default=0, metavar="M", help="skip the first M items (default 0)")
    dr = sub.add_parser("drain", help="send what is due; with --until-empty keep retrying until nothing is open",
                        epilog="what could not be sent, and the component blamed, is printed on stderr. exit codes: "
                               "0 everything due was sent; 1 an item failed for good; 3 --timeout reached with items "
                               "open; 4 local store unavailable; 5 due items could not be sent (they stay queued)")
    dr.add_argument("--until-empty", action="store_true")
    dr.add_argument("--timeout", type=float, help="give up after S seconds (exit 3 if items remain)")
    for name in ("retry", "pause", "resume", "cancel"):
        a = sub.add_parser(name, help=f"{name} outbox item ID (audited)")
        a.add_argument("item_id", type=int, metavar="ID")


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return n


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
            return _list(store, args)
        try:
            {"retry": store.retry_now, "pause": store.pause, "resume": store.resume,
             "cancel": store.cancel}[cmd](args.item_id)
        except IllegalTransitionError as exc:
            print(f"ics2desk: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        print(f"outbox item {args.item_id}: {store.outbox_item(args.item_id).state}")
        return 0


def _outbox_page(store, states: list[str] | None, limit: int, offset: int) -> tuple[list, int]:
    """One page of items (by id) and how many there are in all.

    Store.outbox_items has no offset and Store no outbox count yet: the page is cut from the
    first offset+limit items and the total counted here (one indexed COUNT)."""
    items = store.outbox_items(states, limit=offset + limit)[offset:] if limit else []
    sql = "SELECT COUNT(*) FROM outbox"
    if states:
        sql += f" WHERE state IN ({','.join('?' * len(states))})"
    total = store.conn.execute(sql, list(states or [])).fetchone()[0]
    return items, total


def _list(store, args) -> int:
    items, total = _outbox_page(store, None if args.all else OPEN_STATES, args.limit, args.offset)
    if args.json:
        print(json.dumps({"total": total, "offset": args.offset, "limit": args.limit,
                          "items": [_item_dict(i) for i in items]}, indent=1))
        return 0
    for i in items:
        err = f"  {i.last_kind}@{i.last_component}: {i.last_error}" if i.last_error else ""
        print(f"{i.id:>6} {i.lrn:<22} {i.message_type} {i.state:<14} attempts={i.attempts}{err}")
    # always said, so a long outbox is never silently cut at the page size
    what = "items" if args.all else "open items"
    start = f", from #{args.offset + 1}" if args.offset else ""
    rest = args.offset + len(items) < total
    more = f"; next page: --offset {args.offset + len(items)}" if rest and items else ""
    print(f"showing {len(items)} of {total} {what}{start}{more}", file=sys.stderr)
    return 0


def _drain(args) -> int:
    from ..outbox import Sender

    began = time.time()  # attempts are stamped with time.time(): this drain's are the ones after this
    sender = Sender.open(getattr(args, "data_dir", None))
    try:
        res = sender.drain(until_empty=args.until_empty, timeout=args.timeout)
        failed = len(sender.store.outbox_items(["failed"]))
        unsent = _unsent(sender.store, began)
    finally:
        sender.close()
    print(f"sent {res.sent}, failed attempts {res.failed_attempts}, replies {res.replies}, "
          f"still open {res.open_items}, failed {failed}")
    for line in _unsent_lines(unsent, getattr(args, "lang", None) or "en"):
        print(line, file=sys.stderr)
    if any(u.state == "failed" for u in unsent):
        return EXIT_REFUSED
    if res.timed_out and res.open_items:
        return EXIT_TIMED_OUT
    return EXIT_NOT_SENT if unsent else 0


class _Unsent:
    """An item that had failed attempts in this drain and was not sent in the end."""

    def __init__(self, item, last, count: int):
        self.lrn, self.message_type, self.state = item.lrn, item.message_type, item.state
        self.kind, self.component, self.error, self.count = last.kind, last.component, last.error, count


def _unsent(store, began: float) -> list[_Unsent]:
    """From the attempts recorded since `began`: the items still not sent (pending, failed,
    paused), each with its latest failure (what failed, which component is blamed)."""
    window = time.time() - began + 1.0
    latest: dict[int, tuple] = {}
    for a in store.recent_attempts(since_seconds=window, failures_only=True, limit=20_000):  # newest first
        if a.started_at < began:
            continue
        last, n = latest.get(a.outbox_id, (a, 0))
        latest[a.outbox_id] = (last, n + 1)
    out = []
    for outbox_id, (last, n) in latest.items():
        item = store.outbox_item(outbox_id)
        if item.state not in ("awaiting_reply", "done", "cancelled"):  # not sent in the end
            out.append(_Unsent(item, last, n))
    return sorted(out, key=lambda u: u.lrn)


def _unsent_lines(unsent: list[_Unsent], lang: str, limit: int = 20) -> list[str]:
    from ..continuity.components import component_name
    from ..failures import Component

    lines = []
    for u in unsent[:limit]:
        try:
            blamed = component_name(Component(u.component), lang)
        except ValueError:
            blamed = u.component or "unknown component"
        fate = "failed for good" if u.state == "failed" else f"stays {u.state}"
        tries = f"{u.count} failed attempt{'s' if u.count > 1 else ''}"
        lines.append(f"not sent: {u.lrn} {u.message_type} ({tries}, {fate}): {u.kind or 'failure'}, "
                     f"blamed on {blamed}: {u.error or ''}".rstrip(": "))
    if len(unsent) > limit:
        lines.append(f"... and {len(unsent) - limit} more not sent (ics2desk outbox list)")
    return lines


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
        alerts = store.alerts(args.lrn)
        lodged = store.lodged_version(args.lrn)
        reused = store.transport_document_reuse(args.lrn)
    from .lifecycle import boarding_reason

    from ..continuity.adapters import cutoffs_from_settings
    from ..settings import Settings

    verdict = f.boarding
    deadline = cutoffs_from_settings(Settings.load(store.data_dir), store.data_dir).deadline_of_filing(f)
    out = {"lrn": f.lrn, "state": f.state, "mrn": f.mrn, "declarant": f.declarant, "truck": f.truck,
           "crossing": f.crossing, "arrival": f.arrival, "version": f.version,
           "message_version": lodged,  # the ICS2 message version its ENS was (or will be) lodged with
           # may the truck board? a Do Not Load is sticky: it outlives any later state
           # the lodging deadline, by the same rule as the list and the Incidents panel
           "lodging_deadline": deadline.strftime("%Y-%m-%dT%H:%M:%SZ") if deadline else None,
           "boarding": verdict.value, "may_board": verdict.value == "may_board",
           "do_not_load": bool(f.do_not_load_at), "do_not_load_at": f.do_not_load_at,
           "alerts": [{"kind": a.kind, "raised_at": a.raised_at, "detail": a.detail,
                       "acknowledged_by": a.acknowledged_by, "acknowledged_at": a.acknowledged_at} for a in alerts],
           "errors": versions[-1].errors if versions else [],
           # flagged before sending: ICS2 rejects a transport document reference reused within 12 months
           "warnings": [{"code": "81", "message": f"transport document reference also on {other} (lodged {at[:10]})",
                         "lrn": other} for other, at in reused],
           "messages": [{"direction": m.direction, "type": m.message_type, "at": m.created_at,
                         "transport_id": m.transport_id, "mrn": m.mrn, "message_version": m.message_version}
                        for m in msgs],
           "outbox": [_item_dict(i) for i in items]}
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"{f.lrn}: {f.state}" + (f", MRN {f.mrn}" if f.mrn else "")
          + (f" (ICS2 message version {lodged})" if lodged else ""))
    if verdict.value != "may_board":
        print(f"  {boarding_reason(verdict)}")
    for e in out["errors"]:
        print(f"  error {e['code']} {e['pointer']}: {e['message']}")
    for w in out["warnings"]:
        print(f"  warning {w['code']}: {w['message']}; ICS2 rejects a reused reference (code 81)")
    for m in out["messages"]:
        print(f"  {m['at']} {'->' if m['direction'] == 'out' else '<-'} {m['type']}")
    for i in items:
        if i.state not in ("done", "cancelled"):
            print(f"  outbox {i.id}: {i.state}, attempts {i.attempts}" + (f", {i.last_error}" if i.last_error else ""))
    return 0


# --- refile ----------------------------------------------------------------------------------
def configure_refile(p: argparse.ArgumentParser) -> None:
    p.description = ("Invalidate and re-file, as one step: queue the invalidation (IE3Q04) of the filing's ENS "
                     "and open a copy of its latest dataset as a new draft under a new LRN (printed). For an ENS "
                     "that can no longer be amended, e.g. one lodged under an older ICS2 message version. Check "
                     "the new draft, then `ics2desk submit NEW_LRN`; `ics2desk outbox drain` sends the "
                     "invalidation. " + EXIT_CODES)
    p.add_argument("lrn", metavar="LRN")
    p.add_argument("--json", action="store_true", help='{"old_lrn", "new_lrn", "invalidation_item", '
                                                       '"copied_version", "lodged_version", "message_version"}')


def run_refile(args) -> int:
    from dataclasses import asdict

    from ..refile import refile_details

    with _store(args) as store:
        try:
            done = refile_details(store, args.lrn)
        except IllegalTransitionError as exc:
            print(f"ics2desk: {exc}", file=sys.stderr)
            return EXIT_REFUSED
    if args.json:
        print(json.dumps(asdict(done), indent=1))
        return 0
    print(done.new_lrn)
    print(f"{done.old_lrn}: invalidation (IE3Q04) queued as outbox item {done.invalidation_item}; new draft "
          f"{done.new_lrn} copied from version {done.copied_version} (ICS2 message version "
          f"{done.message_version}): check it, then ics2desk submit {done.new_lrn}", file=sys.stderr)
    return 0


cli.register("import", configure_import, _guarded(run_import), "store ENS files as drafts and print their LRNs")
cli.register("submit", configure_submit, _guarded(run_submit), "validate and queue filings for sending")
cli.register("outbox", configure_outbox, _guarded(run_outbox), "list, drain, retry, pause or cancel queued submissions")
cli.register("status", configure_status, _guarded(run_status), "state, MRN and messages of a filing")
cli.register("refile", configure_refile, _guarded(run_refile),
             "invalidate a filing's ENS and re-file it under a new LRN (one step)")
