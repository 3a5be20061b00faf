"""One way to write atomically to the desk's SQLite file (autocommit connections), and the one
place where SQLite's "the file cannot be used now" errors become a StoreUnavailableError that
names the data dir and says what to do (instead of a raw sqlite3.OperationalError traceback)."""
from __future__ import annotations

import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import StoreUnavailableError

BUSY_TIMEOUT_S = 10  # how long a connection waits for another process's write lock (db.connect sets it)
FULL_BELOW_BYTES = 1024 * 1024  # an I/O error with less free space than this is a full disk

# SQLite primary result codes (sqlite3.SQLITE_* from Python 3.11; spelled out so the mapping reads)
_REASONS = {13: "full", 10: "io", 8: "readonly", 3: "readonly", 5: "locked", 6: "locked", 14: "cantopen",
            11: "corrupt", 26: "corrupt"}
# the same by message, for errors raised without a code
_TEXTS = (("disk is full", "full"), ("disk i/o error", "io"), ("readonly database", "readonly"),
          ("database is locked", "locked"), ("database table is locked", "locked"),
          ("unable to open database", "cantopen"), ("malformed", "corrupt"), ("not a database", "corrupt"))


def unavailable_reason(exc: BaseException) -> str | None:
    """full | io | readonly | locked | cantopen | corrupt when `exc` means the store cannot be used
    right now; None for anything else (a constraint or SQL error is our bug, not the disk)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in _REASONS:
        return _REASONS[code & 0xFF]
    text = str(exc).lower()
    return next((reason for needle, reason in _TEXTS if needle in text), None)


def _disk_full(directory: Path) -> bool:
    try:
        return shutil.disk_usage(directory).free < FULL_BELOW_BYTES
    except OSError:
        return False


def describe(reason: str, directory: Path) -> str:
    """The one-line message an agent reads: what is wrong, where, what to do, what is kept."""
    kept = "nothing was lost, the last committed state is kept"
    return {
        "full": f"the disk holding {directory} is full: free some space there, then try again; {kept}",
        "io": f"the disk holding {directory} could not be read or written (I/O error): check that disk "
              f"or network share, then try again; {kept}",
        "readonly": f"the local store in {directory} is read-only for this user: give write access to it "
                    f"(or choose another --data-dir); nothing was changed",
        "locked": f"the local store in {directory} stayed locked by another ics2desk (app or command) for more "
                  f"than {BUSY_TIMEOUT_S} s: let it finish, then try again; nothing was changed",
        "cantopen": f"cannot open the local store in {directory}: check that the folder exists and that this "
                    f"user may write to it",
        "corrupt": f"the local store file in {directory} is damaged or not an ics2desk store: keep a copy of it "
                   f"and restore the last backup; nothing was written to it",
    }[reason]


def store_unavailable(exc: BaseException, directory: Path | str | None) -> StoreUnavailableError | None:
    """The user-facing error for `exc`, or None when it is not about the store being unusable."""
    reason = unavailable_reason(exc)
    if reason is None:
        return None
    where = Path(directory) if directory else Path("the data dir")
    if reason == "io" and directory and _disk_full(where):
        reason = "full"  # SQLite reports a failed write of its -shm/-wal file as an I/O error
    return StoreUnavailableError(describe(reason, where), str(where), reason)


def data_dir_of(conn: sqlite3.Connection) -> Path | None:
    """The folder of the connection's main database file (no disk access)."""
    try:
        for _seq, name, file in conn.execute("PRAGMA database_list"):
            if name == "main" and file:
                return Path(file).parent
    except sqlite3.Error:
        pass
    return None


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back what is open; SQLite may already have done it (disk full), and a rollback that
    fails too must not hide the error that caused it."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except Exception:  # noqa: BLE001  (sqlite3's or the agency database's): the cause is what we report
        pass


def _raise_translated(exc: sqlite3.Error, conn: sqlite3.Connection) -> None:
    error = store_unavailable(exc, data_dir_of(conn))
    if error is None:
        raise exc
    raise error from exc


@contextmanager
def immediate_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; inside an open transaction
    (a shared connection) it joins that one, so the outer caller decides.

    A full disk, an I/O error, a read-only file or a lock held too long raise StoreUnavailableError
    (after the rollback): the caller sees one typed error, the file keeps its last committed state."""
    if conn.in_transaction:
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")  # take the write lock now, not at the first write
    except sqlite3.Error as exc:
        _raise_translated(exc, conn)
    try:
        yield conn
    except sqlite3.Error as exc:
        _rollback(conn)
        _raise_translated(exc, conn)
    except BaseException:
        _rollback(conn)
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:  # SQLITE_FULL often shows only here, when the WAL is written
        _rollback(conn)
        _raise_translated(exc, conn)
