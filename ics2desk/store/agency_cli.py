"""The agency database from the command line: `ics2desk db init|import-sqlite`, `ics2desk users
add|list|disable`, `ics2desk audit LRN`. Every command takes the database from `--database URL`
(anywhere on the line) or ICS2DESK_DATABASE; the password by libpq's means (PGPASSWORD,
~/.pgpass) or in the URL.

Exit codes: 0 done; 1 refused (the role may not, a duplicate LRN, an unknown agent); 2 bad input
(not an agency URL, unknown LRN); 4 the agency database is out of reach.
"""
from __future__ import annotations

import argparse
import functools
import json
import sys

from .. import cli
from ..errors import BadInputError, PermissionDeniedError, SignInError, StoreUnavailableError

EXIT_REFUSED, EXIT_UNAVAILABLE = 1, 4
EXIT_CODES = ("exit codes: 0 done; 1 refused (role, duplicate LRN, unknown agent); 2 bad input; "
              "4 agency database out of reach")


def _guarded(run):
    @functools.wraps(run)
    def guarded(args) -> int:
        try:
            return run(args)
        except (PermissionDeniedError, SignInError) as exc:
            print(f"ics2desk: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        except StoreUnavailableError as exc:
            print(f"ics2desk: {exc}", file=sys.stderr)
            return EXIT_UNAVAILABLE

    return guarded


def _url(what: str) -> str:
    from . import agency
    from .db import database_url

    url = database_url()
    if not url:
        raise agency.not_agency(what)
    return url


def _connect(what: str):
    from . import pg

    return pg.connect(_url(what), listen=False)


# --- db ------------------------------------------------------------------------------------------
def configure_db(p: argparse.ArgumentParser) -> None:
    p.description = ("Set up the agency database (PostgreSQL). `init` creates the database if missing, brings its "
                     "schema to this version and installs the roles clerk / declarant / admin, their grants, row "
                     "security and change notifications; run it with the owner's account, again after each "
                     "upgrade (idempotent). `import-sqlite DATA_DIR` moves a desk's local store in, every version, "
                     "message and audit row; an LRN the agency has already refuses the whole import (R3003). "
                     + EXIT_CODES)
    sub = p.add_subparsers(dest="db_command", required=True)
    init = sub.add_parser("init", help="create or upgrade the agency database and its roles (idempotent)")
    init.add_argument("--admin", metavar="NAME", help="also create this first admin agent")
    init.add_argument("--password-stdin", action="store_true", help="the admin's password on standard input")
    init.add_argument("--json", action="store_true")
    imp = sub.add_parser("import-sqlite", help="move a desk's SQLite store (its data dir) into the agency database")
    imp.add_argument("source", metavar="DATA_DIR")
    imp.add_argument("--json", action="store_true")
    sub.add_parser("sync", help="write what this desk kept while the agency database was out of reach (once), "
                                "and say what is still waiting or was refused")
    sa = sub.add_parser("standalone", help="send from this desk alone while the agency database is out of reach "
                                           "(a declarant's decision, recorded), and back")
    sa.add_argument("switch", choices=["on", "off", "status"])
    sa.add_argument("--reason", default="", help="on: the incident (what is down, since when, ticket)")


def run_db(args) -> int:
    from . import agency, pg

    if args.db_command == "sync":
        return _sync(args)
    if args.db_command == "standalone":
        return _standalone(args)

    if args.db_command == "init":
        password = _password(args) if args.admin else None
        done = agency.init(_url("db init"))
        if args.admin:
            conn = pg.connect(_url("db init"), listen=False)
            try:
                if any(u["name"] == args.admin for u in agency.list_users(conn)):
                    done["admin"] = f"{args.admin} (already there)"
                else:
                    agency.add_user(conn, args.admin, "admin", password)
                    done["admin"] = args.admin
            finally:
                conn.close()
        if args.json:
            print(json.dumps(done, indent=1))
        else:
            made = "created and set up" if done["created"] else (
                "set up" if done["schema_before"] == 0 else f"upgraded from schema {done['schema_before']}"
                if done["schema_before"] < done["schema"] else "already current; roles and rules checked")
            print(f"agency database {done['database']}: {made} (schema {done['schema']}, owner {done['owner']})"
                  + (f"; admin {done['admin']}" if args.admin else ""))
        return 0
    conn = _connect("db import-sqlite")
    try:
        try:
            counts = agency.import_sqlite(conn, args.source)
        except BadInputError as exc:
            print(f"ics2desk: {exc}", file=sys.stderr)
            return EXIT_REFUSED
    finally:
        conn.close()
    if args.json:
        print(json.dumps(counts, indent=1))
    else:
        print(f"imported from {args.source}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
    return 0


def _sync(args) -> int:
    from . import open_store
    from .db import resolve_data_dir
    from .journal import Journal

    _url("db sync")
    journal = Journal(resolve_data_dir(getattr(args, "data_dir", None)))
    with open_store(getattr(args, "data_dir", None)) as store:
        done = getattr(store, "last_replay", None)
    for entry, outcome in (done.applied if done else []):
        print(f"written: {entry.describe()} -> {outcome}")
    for entry, reason in (done.refused if done else []):
        print(f"refused, kept aside: {entry.describe()}: {reason}", file=sys.stderr)
    waiting, refused = journal.pending(), journal.refused()
    print(f"{len(waiting)} kept change(s) still waiting; {len(refused)} refused and kept in {journal.refused_folder}")
    return EXIT_REFUSED if refused else 0


def _standalone(args) -> int:
    from . import standalone
    from .db import resolve_data_dir

    directory = resolve_data_dir(getattr(args, "data_dir", None))
    if args.switch == "status":
        m = standalone.mode(directory)
        print(f"stand-alone since {m.since}, switched on by {m.user} ({m.role}): {m.reason}" if m else
              "working on the agency database" if _has_url() else "a single desk (local store)")
        return 0
    if args.switch == "on":
        m = standalone.switch_on(directory, args.reason)
        print(f"stand-alone: this desk now files and sends by itself (switched on by {m.user}, recorded). Only "
              f"what is filed here from now on is sent from here; the agency's outbox waits for the database")
        return 0
    counts = standalone.switch_off(directory, _url("db standalone off"))
    print(f"stand-alone ended: {counts.get('filings', 0)} filing(s) moved into the agency database, "
          f"{counts.get('outbox', 0)} outbox item(s) carry on there")
    return 0


def _has_url() -> bool:
    from .db import database_url

    return bool(database_url())


def _password(args) -> str | None:
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise BadInputError("--password-stdin: no password on standard input")
        return line
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("password for the new agent: ") or None
    return None


# --- users ---------------------------------------------------------------------------------------
def configure_users(p: argparse.ArgumentParser) -> None:
    p.description = ("Agents of the agency database, each a PostgreSQL login with one role: clerk (creates and "
                     "edits drafts), declarant (also queues, amends, invalidates, answers RFIs, drains the outbox), "
                     "admin (also manages agents and agency settings). The database enforces the roles. Run by an "
                     "admin (or the owner). " + EXIT_CODES)
    sub = p.add_subparsers(dest="users_command", required=True)
    add = sub.add_parser("add", help="a new agent with a role")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=["clerk", "declarant", "admin"])
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    ls = sub.add_parser("list", help="agents, their role, whether they may sign in")
    ls.add_argument("--json", action="store_true")
    dis = sub.add_parser("disable", help="no more sign-ins for this agent; its open sessions end (audited)")
    dis.add_argument("name", metavar="NAME")


def run_users(args) -> int:
    from . import agency

    conn = _connect(f"users {args.users_command}")
    try:
        if args.users_command == "list":
            users = agency.list_users(conn)
            if args.json:
                print(json.dumps(users, indent=1))
            else:
                for u in users:
                    print(f"{u['name']:<24} {u['role']:<10} {'enabled' if u['enabled'] else 'disabled'}")
            return 0
        agency.require_admin(conn)
        try:
            if args.users_command == "add":
                agency.add_user(conn, args.name, args.role, _password(args))
                print(f"agent {args.name} added as {args.role}")
            else:
                ended = agency.disable_user(conn, args.name)
                print(f"agent {args.name} disabled" + (f"; {ended} open session(s) ended" if ended else ""))
        except BadInputError as exc:
            print(f"ics2desk: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        return 0
    finally:
        conn.close()


# --- audit ---------------------------------------------------------------------------------------
def configure_audit(p: argparse.ArgumentParser) -> None:
    p.description = ("Who did what to a filing, and when (every agent by name; on the agency database the "
                     "signed-in login, written by the database). Works on the local store too. " + EXIT_CODES)
    p.add_argument("lrn", metavar="LRN")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=500)


def run_audit(args) -> int:
    from . import open_store

    with open_store(getattr(args, "data_dir", None)) as store:
        store.get(args.lrn)  # an unknown LRN is said as such, not as an empty trail
        rows = store.audit_trail(args.lrn, limit=args.limit)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r['at'][:19].replace('T', ' ')}  {r['user']:<16} {r['action']:<22} {r['detail'] or ''}")
    return 0


cli.register("db", configure_db, _guarded(run_db), "set up the agency database (PostgreSQL) or move a desk's store in")
cli.register("users", configure_users, _guarded(run_users), "agents of the agency database and their roles")
cli.register("audit", configure_audit, _guarded(run_audit), "who did what to a filing, and when")
