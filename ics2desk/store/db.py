"""Where the store lives and how a connection is opened: the one database module.

A single desk keeps its store in SQLite in the data dir (WAL, synchronous=FULL). An agency puts
every desk on one PostgreSQL (`--database postgresql://...` or ICS2DESK_DATABASE): the same
tables and the same migration history, through `pg.PgConnection`, which speaks the SQLite
connection's small interface. Every module that needs the database (store, incidents, ELO,
reuse, intake) opens it through `connect_default`, so the choice is made here once."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import KnownError, StoreUnavailableError
from ..paths import data_dir
from .migrations import migrate
from .tx import BUSY_TIMEOUT_S, store_unavailable

DB_NAME = "ics2desk.sqlite3"


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """--data-dir, else ICS2DESK_DATA, else the platform's user data dir."""
    return data_dir(explicit)


def connect(path: Path) -> sqlite3.Connection:
    """An autocommit connection with the desk's pragmas, migrated. A store that cannot be used
    (disk full, I/O error, read-only, locked, missing folder) raises StoreUnavailableError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailableError(f"cannot create the data dir {path.parent}: {exc.strerror or exc}; choose "
                                    f"another --data-dir or give this user write access", str(path.parent),
                                    "cantopen") from None
    conn = None
    try:
        # autocommit mode: the store opens its own BEGIN IMMEDIATE transactions
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=float(BUSY_TIMEOUT_S))
        conn.row_factory = sqlite3.Row
        # the first statements touch the file (and create its -wal/-shm): a full disk shows here
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed transition is on disk before we tell anyone (power cut safe)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        migrate(conn)
    except BaseException as exc:
        if conn is not None:
            conn.close()  # a half-set-up connection is never handed out
        if not isinstance(exc, sqlite3.Error):
            raise
        error = store_unavailable(exc, path.parent)
        if error is None:
            raise KnownError(f"cannot open the local store at {path}: {exc}") from None
        raise error from None
    return conn


DATABASE_ENV = "ICS2DESK_DATABASE"


def database_url(explicit: str | None = None) -> str | None:
    """The agency database's libpq URL (--database, else ICS2DESK_DATABASE), or None for the
    data dir's SQLite. The password comes by libpq's own means (PGPASSWORD, ~/.pgpass, or the
    URL), never from settings.json."""
    url = (explicit or os.environ.get(DATABASE_ENV) or "").strip()
    if not url:
        return None
    if not url.startswith(("postgresql://", "postgres://")) and "=" not in url:
        raise KnownError(f"--database must be a PostgreSQL URL (postgresql://user@host:port/db), not {url!r}")
    return url


def connect_default(data_dir: str | os.PathLike | None = None, url: str | None = None):
    """The desk's database connection: the agency's PostgreSQL when one is configured (checked
    to be at this desk's schema; `db init` upgrades it), else the data dir's SQLite (migrated).
    A desk of the agency switched to stand-alone (store/standalone.py) works on its own SQLite
    store until a declarant switches it back."""
    url = database_url(url)
    directory = resolve_data_dir(data_dir)
    if url:
        from . import standalone

        if standalone.mode(directory) is not None:
            return connect(standalone.local_dir(directory) / DB_NAME)
        from . import pg
        from .migrations import migrate

        conn = pg.connect(url)
        try:
            migrate(conn, upgrade=False)
        except BaseException:
            conn.close()
            raise
        standalone.remember_session(directory, conn.user, conn.role, pg.where_of(url))
        return conn
    return connect(directory / DB_NAME)


def open_store(data_dir: str | os.PathLike | None = None, user: str | None = None, url: str | None = None):
    """The desk's Store. On the agency database, what this desk kept while it was out of reach
    (store/journal.py) is written there first, once."""
    from .store import Store

    directory = resolve_data_dir(data_dir)
    store = Store(connect_default(directory, url), directory, user=user)
    if store.dialect != "postgresql" and database_url(url):
        from . import standalone

        m = standalone.mode(directory)
        store.mode, store.user = "standalone", (m.user if m else store.user)
    if store.dialect == "postgresql":
        from .journal import Journal

        journal = Journal(directory)
        if journal.pending():
            try:
                store.last_replay = journal.replay(store)
            except BaseException:
                store.close()
                raise
    return store
