"""Every schema step upgrades a database that has data in it; a newer database is refused."""
from __future__ import annotations

import sqlite3

import pytest

from ics2desk.errors import KnownError
from ics2desk.store import open_store
from ics2desk.store.db import DB_NAME
from ics2desk.store.migrations import LATEST, migrate, schema_version


def test_upgrade_from_v1_keeps_data(data_dir):
    conn = sqlite3.connect(str(data_dir / DB_NAME), isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute("INSERT INTO filings(lrn, declarant, state, message_type, created_at, updated_at) "
                 "VALUES('OLD1', 'NL812345678', 'draft', 'IE3F50', 'x', 'x')")
    conn.close()
    with open_store() as store:
        assert schema_version(store.conn) == LATEST
        assert store.get("OLD1").state == "draft"
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "outbox_due" in names


def test_reopening_is_idempotent(data_dir):
    open_store().close()
    with open_store() as store:
        assert schema_version(store.conn) == LATEST


def test_newer_schema_is_refused(data_dir):
    open_store().close()
    conn = sqlite3.connect(str(data_dir / DB_NAME))
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(KnownError, match="newer ics2desk"):
        open_store()
