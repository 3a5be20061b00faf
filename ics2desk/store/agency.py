"""The agency database's own setup: roles, grants, row-level security, the audit trigger and the
change notifications; agents (PostgreSQL logins) and moving a desk's SQLite store in.

Roles are enforced by the database, not by the desk's buttons:
- **clerk** (`ics2desk_clerk`): reads everything; creates and edits drafts (filings in draft /
  ready / rejected, versions of the ENS itself); no write on the outbox, attempts, messages.
- **declarant** (`ics2desk_declarant`, also a clerk): queues, amends, invalidates, answers RFIs,
  drains the outbox and applies replies.
- **admin** (`ics2desk_admin`, also a declarant): manages agents (CREATEROLE) and agency settings.
Nobody but the database owner deletes a row, and the audit trigger writes the signed-in login
into every audit row, whatever the desk claims.

Everything here is idempotent: `ics2desk db init` runs it again after every upgrade.
"""
from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from psycopg import sql as pgsql

from ..errors import BadInputError, KnownError
from . import pg
from .migrations import LATEST, migrate

CLERK, DECLARANT, ADMIN = (pg.group_role(r) for r in ("clerk", "declarant", "admin"))
_NAME = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")

# what a clerk may write (drafts and what comes with them); everything else is read-only to it
CLERK_WRITES = {
    "filings": "INSERT, UPDATE", "versions": "INSERT", "used_lrns": "INSERT", "lrn_counters": "INSERT, UPDATE",
    "filings_fts": "INSERT, UPDATE, DELETE", "audit": "INSERT", "intake_keys": "INSERT, UPDATE",
    "reuse_parties": "INSERT, UPDATE", "reuse_goods": "INSERT, UPDATE", "journal_applied": "INSERT",
    "continuity_incidents": "INSERT, UPDATE", "continuity_timeline": "INSERT", "continuity_ticks": "INSERT, DELETE",
    "continuity_retrospective": "INSERT, UPDATE", "continuity_board": "INSERT, UPDATE",
    "continuity_fallback_requests": "INSERT",
}
# and what a declarant adds: the outbox, what was sent and received, the ELO envelopes
DECLARANT_WRITES = {
    "filings": "INSERT, UPDATE", "versions": "INSERT, UPDATE", "outbox": "INSERT, UPDATE",
    "attempts": "INSERT, UPDATE", "messages": "INSERT, UPDATE", "received": "INSERT", "alerts": "INSERT, UPDATE",
    "elo_envelopes": "INSERT, UPDATE", "elo_pdfs": "INSERT, UPDATE", "elo_queue": "INSERT, UPDATE, DELETE",
    "elo_settings": "INSERT, UPDATE",  # the ELO service's own state (token expiry, last sync)
}
ADMIN_WRITES = {"meta": "INSERT, UPDATE", "agency_settings": "INSERT, UPDATE, DELETE"}
NOTIFIED = {"filings": "'filing:' || NEW.lrn", "outbox": "'outbox:' || NEW.id", "alerts": "'alert:' || NEW.id",
            "messages": "'message:' || NEW.id", "continuity_incidents": "'incident:' || NEW.id",
            "continuity_timeline": "'incident:' || NEW.incident_id", "continuity_ticks": "'incident:' || NEW.incident_id",
            "elo_envelopes": "'elo:' || NEW.lrn"}


@contextmanager
def _transaction(conn):
    """BEGIN ... COMMIT on an agency connection, rolled back on any error."""
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def audit(conn, action: str, detail: str) -> None:
    """An agency-wide audit row (no filing), signed by the session's login."""
    conn.execute("INSERT INTO audit(at, user, action, lrn, detail) VALUES(now()::text, session_user, ?, NULL, ?)",
                 (action, detail))


def _ensure_role(conn, name: str, member_of: str | None = None) -> None:
    conn.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
                 f"CREATE ROLE {name} NOLOGIN; END IF; END $$")
    if member_of:
        conn.execute(f"GRANT {member_of} TO {name}")


def install(conn) -> None:
    """Roles, grants, row-level security, triggers (inside the caller's transaction)."""
    tables = [r[0] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()]
    _ensure_role(conn, CLERK)
    _ensure_role(conn, DECLARANT, CLERK)
    _ensure_role(conn, ADMIN, DECLARANT)
    everyone = f"{CLERK}, {DECLARANT}, {ADMIN}"
    conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {everyone}")
    conn.execute(f"GRANT USAGE ON SCHEMA public TO {CLERK}")
    conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {CLERK}")
    conn.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {CLERK}")
    for group, writes in ((CLERK, CLERK_WRITES), (DECLARANT, DECLARANT_WRITES), (ADMIN, ADMIN_WRITES)):
        for table, what in writes.items():
            if table in tables:
                conn.execute(f"GRANT {what} ON {table} TO {group}")
    # the one column a clerk may write on an alert: its acknowledgement by name
    conn.execute(f"GRANT UPDATE (acknowledged_by, acknowledged_at) ON alerts TO {CLERK}")
    conn.execute("SAVEPOINT signal_backend")
    try:  # `users disable` ends the agent's open sessions (needs a superuser running init)
        conn.execute(f"GRANT pg_signal_backend TO {ADMIN}")
        conn.execute("RELEASE SAVEPOINT signal_backend")
    except pg.PermissionDeniedError:
        conn.execute("ROLLBACK TO SAVEPOINT signal_backend")  # the rest of init goes on
    _row_security(conn)
    _triggers(conn, tables)


def _policy(conn, table: str, name: str, text: str) -> None:
    conn.execute(f"DROP POLICY IF EXISTS {name} ON {table}")
    conn.execute(f"CREATE POLICY {name} ON {table} {text}")


def _row_security(conn) -> None:
    drafts = "('draft', 'ready', 'rejected')"
    conn.execute("ALTER TABLE filings ENABLE ROW LEVEL SECURITY")
    _policy(conn, "filings", "ics2desk_read", f"FOR SELECT TO {CLERK} USING (true)")
    _policy(conn, "filings", "ics2desk_clerk_new", f"FOR INSERT TO {CLERK} WITH CHECK (state = 'draft')")
    # a clerk edits a draft and may mark it valid; moving it on (queued, ...) is a declarant's
    _policy(conn, "filings", "ics2desk_clerk_edit",
            f"FOR UPDATE TO {CLERK} USING (state IN {drafts}) WITH CHECK (state IN ('draft', 'ready'))")
    _policy(conn, "filings", "ics2desk_declarant_all", f"FOR ALL TO {DECLARANT} USING (true) WITH CHECK (true)")
    conn.execute("ALTER TABLE versions ENABLE ROW LEVEL SECURITY")
    _policy(conn, "versions", "ics2desk_read", f"FOR SELECT TO {CLERK} USING (true)")
    _policy(conn, "versions", "ics2desk_clerk_new",
            f"FOR INSERT TO {CLERK} WITH CHECK (message_type IN ('IE3F50', 'IE3F51') AND EXISTS "
            f"(SELECT 1 FROM filings f WHERE f.id = filing_id AND f.state IN {drafts}))")
    _policy(conn, "versions", "ics2desk_declarant_all", f"FOR ALL TO {DECLARANT} USING (true) WITH CHECK (true)")


def _triggers(conn, tables: list[str]) -> None:
    conn.execute(
        "CREATE OR REPLACE FUNCTION ics2desk_audit_user() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        # an agent's session writes its own login; the owner moving a desk's history in keeps its names
        "IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND NOT rolsuper) "
        f"AND pg_has_role(session_user, '{CLERK}', 'MEMBER') THEN NEW.\"user\" := session_user; END IF; "
        "RETURN NEW; END $$")
    conn.execute("CREATE OR REPLACE TRIGGER ics2desk_audit_user BEFORE INSERT OR UPDATE ON audit "
                 "FOR EACH ROW EXECUTE FUNCTION ics2desk_audit_user()")
    for table, payload in NOTIFIED.items():
        if table not in tables:
            continue
        conn.execute(f"CREATE OR REPLACE FUNCTION ics2desk_notify_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                     f"BEGIN PERFORM pg_notify('{pg.CHANNEL}', {payload}); RETURN NULL; END $$")
        conn.execute(f"CREATE OR REPLACE TRIGGER ics2desk_notify AFTER INSERT OR UPDATE ON {table} "
                     f"FOR EACH ROW EXECUTE FUNCTION ics2desk_notify_{table}()")


def _create_database(url: str) -> bool:
    """CREATE DATABASE when the URL names one that does not exist yet (connecting to `postgres`)."""
    import psycopg

    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.get("dbname")
    if not name:
        return False
    try:
        psycopg.connect(url, connect_timeout=pg.CONNECT_TIMEOUT_S).close()
        return False
    except psycopg.errors.InvalidCatalogName:
        pass
    except psycopg.Error:
        return False  # out of reach or refused: the connect below says so in the desk's words
    info["dbname"] = "postgres"
    with psycopg.connect(psycopg.conninfo.make_conninfo(**info), autocommit=True,
                         connect_timeout=pg.CONNECT_TIMEOUT_S) as conn:
        conn.execute(pgsql.SQL("CREATE DATABASE {}").format(pgsql.Identifier(name)))
    return True


def init(url: str) -> dict:
    """Create (if missing) and upgrade the agency database, then install roles, grants, row
    security and triggers. Idempotent. Returns what it did."""
    created = _create_database(url)
    conn = pg.connect(url, listen=False)
    try:
        if conn.role in ("clerk", "declarant", "admin"):
            raise pg.PermissionDeniedError(
                f"`db init` is run with the agency database's owner account, not an agent's ({conn.user}, "
                f"{conn.role})", conn.user, conn.role)
        before = _version(conn)
        migrate(conn, upgrade=True)
        with _transaction(conn):
            conn.execute("SELECT pg_advisory_xact_lock(?)", (0x1C52_DE5D,))
            install(conn)
        return {"database": pg.where_of(url), "created": created, "schema_before": before, "schema": LATEST,
                "owner": conn.user}
    finally:
        conn.close()


def _version(conn) -> int:
    from .migrations import schema_version

    return schema_version(conn)


# --- agents ---------------------------------------------------------------------------------
def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not _NAME.match(name) or name.startswith(("pg_", "ics2desk_")):
        raise BadInputError(f"agent name {name!r}: use lower-case letters, digits, '.', '-' or '_' (up to 63), "
                            f"starting with a letter")
    return name


def add_user(conn, name: str, role: str, password: str | None) -> None:
    if role not in pg.ROLES:
        raise BadInputError(f"role {role!r}: choose clerk, declarant or admin")
    name = _check_name(name)
    if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (pg.group_role(role),)).fetchone():
        raise KnownError("this agency database is not set up yet: run `ics2desk --database URL db init` with the "
                         "owner's account first")
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)).fetchone():
        raise BadInputError(f"an agent (or database role) named {name} exists already; `ics2desk users list`")
    parts = [pgsql.SQL("CREATE ROLE {} LOGIN").format(pgsql.Identifier(name))]
    if role == "admin":
        parts.append(pgsql.SQL("CREATEROLE"))
    if password:
        parts.append(pgsql.SQL("PASSWORD {}").format(pgsql.Literal(password)))
    parts.append(pgsql.SQL("IN ROLE {}").format(pgsql.Identifier(pg.group_role(role))))
    with _transaction(conn):
        conn.raw(pgsql.SQL(" ").join(parts))
        audit(conn, "user_added", f"{name} as {role}")


def list_users(conn) -> list[dict]:
    rows = conn.execute(
        "SELECT r.rolname, r.rolcanlogin, g.rolname AS grp FROM pg_roles r "
        "JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid "
        "WHERE g.rolname IN ('ics2desk_clerk', 'ics2desk_declarant', 'ics2desk_admin') "
        "AND r.rolname NOT LIKE 'ics2desk%' ORDER BY r.rolname").fetchall()
    out: dict[str, dict] = {}
    for name, can_login, group in rows:
        role = group.removeprefix("ics2desk_")
        entry = out.setdefault(name, {"name": name, "role": role, "enabled": bool(can_login)})
        if pg.ROLES.index(role) < pg.ROLES.index(entry["role"]):
            entry["role"] = role
    return list(out.values())


def disable_user(conn, name: str) -> int:
    """No more sign-ins for this agent; its open sessions end. Returns how many were ended."""
    name = _check_name(name)
    if not any(u["name"] == name for u in list_users(conn)):
        raise BadInputError(f"no agent named {name}; `ics2desk users list`")
    conn.raw(pgsql.SQL("ALTER ROLE {} NOLOGIN").format(pgsql.Identifier(name)))
    ended = 0
    try:
        ended = sum(1 for r in conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                            "WHERE usename = ? AND pid <> pg_backend_pid()", (name,)).fetchall()
                    if r[0])
    except pg.PermissionDeniedError:
        pass
    audit(conn, "user_disabled", name)
    return ended


# --- a desk's SQLite store moves in ------------------------------------------------------------
#: (table, its own id column or None, {column: the table its id refers to}) in the order they can go in
COPIED = (
    ("filings", "id", {}),
    ("versions", "id", {"filing_id": "filings"}),
    ("messages", "id", {"filing_id": "filings"}),
    ("outbox", "id", {"filing_id": "filings", "version_id": "versions"}),
    ("attempts", "id", {"outbox_id": "outbox"}),
    ("alerts", "id", {"filing_id": "filings", "message_id": "messages"}),
    ("audit", "id", {}),
    ("received", None, {"message_id": "messages"}),
    ("used_lrns", None, {}),
    ("intake_keys", None, {}),
    ("reuse_parties", None, {}),
    ("reuse_goods", None, {}),
    ("continuity_incidents", "id", {}),
    ("continuity_timeline", "id", {"incident_id": "continuity_incidents"}),
    ("continuity_ticks", None, {"incident_id": "continuity_incidents"}),
    ("continuity_fallback_requests", "id", {"incident_id": "continuity_incidents"}),
    ("continuity_retrospective", None, {"incident_id": "continuity_incidents"}),
    ("elo_envelopes", "id", {}),
    ("elo_pdfs", None, {"envelope_id": "elo_envelopes"}),
    ("elo_queue", "id", {"envelope_id": "elo_envelopes"}),
)


def import_sqlite(conn, data_dir: str | Path) -> dict[str, int]:
    """Every filing of a desk's store, with every version, message, outbox item, attempt, alert
    and audit row (and the desk's incidents, ELO envelopes, address book), into the agency
    database in one transaction. An LRN the agency already has refuses the whole import (R3003):
    nothing is written. Returns rows copied per table."""
    from .db import DB_NAME, connect

    path = Path(data_dir) / DB_NAME
    if not path.exists():
        raise BadInputError(f"no desk store in {data_dir} (no {DB_NAME} there)")
    src = connect(path)  # migrated to this version first: the same columns on both sides
    try:
        lrns = [r[0] for r in src.execute("SELECT lrn FROM filings")]
        taken = [r[0] for r in conn.execute("SELECT lrn FROM used_lrns WHERE lrn = ANY(?)", (lrns,)).fetchall()]
        if taken:
            shown = ", ".join(sorted(taken)[:10]) + (" ..." if len(taken) > 10 else "")
            raise BadInputError(f"{len(taken)} LRN(s) of {data_dir} are already in the agency database ({shown}): an "
                                f"LRN is never reused (R3003); nothing was imported")
        counts: dict[str, int] = {}
        ids: dict[str, dict[int, int]] = {}
        with _transaction(conn):
            for table, key, refs in COPIED:
                counts[table] = _copy_table(src, conn, table, key, refs, ids)
            counts["filings_fts"] = _copy_fts(src, conn, ids["filings"])
            _merge_counters(src, conn)
            audit(conn, "import_sqlite", f"{counts['filings']} filings from {data_dir}")
        return counts
    finally:
        src.close()


def _columns(conn, table: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                       "AND table_schema = current_schema() AND is_generated = 'NEVER'",
                                       (table,)).fetchall()]


def _copy_table(src: sqlite3.Connection, conn, table: str, key: str | None, refs: dict, ids: dict) -> int:
    target = set(_columns(conn, table))
    rows = src.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    if not rows:
        ids.setdefault(table, {})
        return 0
    names = [n for n in rows[0].keys() if n in target and n != key]
    quoted = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    tail = " RETURNING id" if key else " ON CONFLICT DO NOTHING"
    mapping = ids.setdefault(table, {})
    for r in rows:
        values = []
        for n in names:
            v = r[n]
            if n in refs and v is not None:
                v = ids[refs[n]].get(v, v)
            values.append(bytes(v) if isinstance(v, memoryview) else v)
        cur = conn.execute(f"INSERT INTO {table} ({quoted}) VALUES ({marks}){tail}", values)
        if key:
            mapping[r[key]] = cur.fetchone()[0]
    return len(rows)


def _copy_fts(src, conn, filing_ids: dict[int, int]) -> int:
    n = 0
    for r in src.execute("SELECT rowid, lrn, mrn, declarant, truck, crossing, body FROM filings_fts"):
        if r[0] in filing_ids:
            conn.execute("INSERT INTO filings_fts(rowid, lrn, mrn, declarant, truck, crossing, body) VALUES(?,?,?,?,?,?,?) "
                         "ON CONFLICT DO NOTHING", (filing_ids[r[0]],) + tuple(r[1:]))
            n += 1
    return n


def _merge_counters(src, conn) -> None:
    for declarant, nxt in src.execute("SELECT declarant, next FROM lrn_counters"):
        conn.execute("INSERT INTO lrn_counters(declarant, next) VALUES(?, ?) ON CONFLICT(declarant) DO UPDATE SET "
                     "next = GREATEST(lrn_counters.next, excluded.next)", (declarant, nxt))


def require_admin(conn) -> None:
    if conn.role not in ("admin", "owner"):
        raise pg.PermissionDeniedError(
            f"only an admin manages agents; {conn.user} is {conn.role or 'not an ics2desk agent'}",
            conn.user, conn.role)


def not_agency(what: str) -> KnownError:
    return KnownError(f"`{what}` works on the agency database: give --database postgresql://... "
                      f"(or set ICS2DESK_DATABASE)")
