"""Where the store lives and how a connection is opened (WAL, synchronous=FULL)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import KnownError
from ..paths import data_dir
from .migrations import migrate

DB_NAME = "ics2desk.sqlite3"


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """--data-dir, else ICS2DESK_DATA, else the platform's user data dir."""
    return data_dir(explicit)


def connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit mode: the store opens its own BEGIN IMMEDIATE transactions
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
    except (OSError, sqlite3.Error) as exc:
        raise KnownError(f"cannot open the local store at {path}: {exc}") from None
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed transition is on disk before we tell anyone (power cut safe)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    migrate(conn)
    return conn


def open_store(data_dir: str | os.PathLike | None = None, user: str | None = None):
    from .store import Store

    directory = resolve_data_dir(data_dir)
    return Store(connect(directory / DB_NAME), directory, user=user)
