"""Stand-alone: a desk of the agency sends to ICS2 by itself while the agency database is out of
reach, and only when a declarant says so, for the incident (recorded). Two places must never send
the same ENS: in stand-alone the desk works on its own SQLite store (`standalone/` in the data dir),
which holds only what was filed here since; the agency's filings and its outbox stay where they
are, untouched, until the database is back. Switching back moves everything filed in stand-alone
into the agency database (every version, message, outbox item and audit row; an LRN the agency
has already refuses the move, R3003) and the drained or pending items carry on there.

Who may switch is known from the last sign-in on this desk (`agency-session.json`, written at
every successful connection): the database cannot be asked while it is down.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .. import clock
from ..errors import KnownError, PermissionDeniedError

STATE_FILE = "standalone.json"
SESSION_FILE = "agency-session.json"
FOLDER = "standalone"


@dataclass
class Mode:
    since: str
    user: str
    role: str
    reason: str
    database: str


def remember_session(data_dir: Path, user: str, role: str, database: str) -> None:
    """Who last signed in to the agency database on this desk (no password, no URL)."""
    try:
        path = Path(data_dir) / SESSION_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"user": user, "role": role, "database": database, "at": clock.stamp()}), "utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only data dir: stand-alone then cannot be switched on, which is the safe side


def last_session(data_dir: Path) -> dict | None:
    try:
        return json.loads((Path(data_dir) / SESSION_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def mode(data_dir: Path) -> Mode | None:
    try:
        raw = json.loads((Path(data_dir) / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return Mode(raw["since"], raw["user"], raw["role"], raw.get("reason", ""), raw.get("database", ""))


def local_dir(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def switch_on(data_dir: Path, reason: str) -> Mode:
    """Record the switch (by the last signed-in agent, who must be a declarant) and open the
    stand-alone store, taking in the new filings kept in the journal meanwhile."""
    from .db import DB_NAME, connect
    from .journal import Journal
    from .store import Store

    if mode(data_dir) is not None:
        raise KnownError("this desk is already in stand-alone; `ics2desk db standalone off` once the agency "
                         "database is back")
    if not (reason or "").strip():
        raise KnownError("say why (the incident): --reason \"agency server down since 06:10, ticket 4711\"")
    session = last_session(data_dir)
    if not session:
        raise PermissionDeniedError("no agent has signed in to the agency database on this desk yet: stand-alone "
                                    "needs a declarant known here")
    if session.get("role") not in ("declarant", "admin", "owner"):
        raise PermissionDeniedError(f"only a declarant may switch the desk to stand-alone; the last agent signed "
                                    f"in here is {session.get('user')} ({session.get('role') or 'no role'})",
                                    session.get("user", ""), session.get("role", ""))
    m = Mode(clock.stamp(), session["user"], session["role"], reason.strip(), session.get("database", ""))
    folder = local_dir(data_dir)
    store = Store(connect(folder / DB_NAME), folder, user=m.user)
    try:
        store.note(None, "standalone_on", f"stand-alone switched on by {m.user} ({m.role}): {m.reason}; agency "
                                          f"database {m.database} out of reach", user=m.user)
        journal = Journal(data_dir)
        for entry in journal.pending():
            if entry.kind == "import":  # a new filing is filed here now; the rest waits for the agency
                try:
                    journal._apply(store, entry)
                except KnownError as exc:
                    journal._refuse(store, entry, str(exc))
                    continue
                entry.path.unlink(missing_ok=True)
    finally:
        store.close()
    path = Path(data_dir) / STATE_FILE
    path.write_text(json.dumps(m.__dict__), "utf-8")
    return m


def switch_off(data_dir: Path, url: str) -> dict:
    """The agency database is back: move what was filed in stand-alone into it, then work there."""
    from . import agency, pg

    m = mode(data_dir)
    if m is None:
        raise KnownError("this desk is not in stand-alone")
    conn = pg.connect(url, listen=False)
    try:
        if conn.role not in ("declarant", "admin", "owner"):
            raise PermissionDeniedError(f"only a declarant may end stand-alone (moving its filings into the agency "
                                        f"database); {conn.user} is {conn.role or 'no agent'}", conn.user, conn.role)
        folder = local_dir(data_dir)
        counts = agency.import_sqlite(conn, folder) if (folder / "ics2desk.sqlite3").exists() else {}
        agency.audit(conn, "standalone_off", f"stand-alone since {m.since} (switched on by {m.user}: {m.reason}) "
                                             f"ended; {counts.get('filings', 0)} filing(s) moved in")
    finally:
        conn.close()
    if local_dir(data_dir).exists():  # kept, renamed: never moved in twice
        os.replace(local_dir(data_dir), Path(data_dir) / f"standalone-moved-{clock.now():%Y%m%dT%H%M%S}")
    (Path(data_dir) / STATE_FILE).unlink(missing_ok=True)
    return counts
