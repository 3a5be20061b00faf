"""Schema versions. Each entry upgrades from the previous version; never edit a shipped one,
append a new one (tests/store/test_store_migrations.py walks every step with data in it)."""
from __future__ import annotations


from ..errors import KnownError

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE filings (
        id INTEGER PRIMARY KEY, lrn TEXT NOT NULL UNIQUE, declarant TEXT, state TEXT NOT NULL,
        mrn TEXT, truck TEXT, crossing TEXT, arrival TEXT, office TEXT, message_type TEXT NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE used_lrns (declarant TEXT NOT NULL, lrn TEXT NOT NULL, PRIMARY KEY (declarant, lrn));
    CREATE TABLE lrn_counters (declarant TEXT PRIMARY KEY, next INTEGER NOT NULL);
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY, filing_id INTEGER NOT NULL REFERENCES filings(id), number INTEGER NOT NULL,
        message_type TEXT NOT NULL, xml BLOB NOT NULL, created_at TEXT NOT NULL, author TEXT NOT NULL,
        errors TEXT NOT NULL DEFAULT '[]', UNIQUE (filing_id, number));
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY, filing_id INTEGER REFERENCES filings(id), direction TEXT NOT NULL,
        message_type TEXT NOT NULL, lrn TEXT, mrn TEXT, transport_id TEXT, correlation_id TEXT,
        xml BLOB NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY, filing_id INTEGER NOT NULL REFERENCES filings(id),
        version_id INTEGER NOT NULL REFERENCES versions(id), message_type TEXT NOT NULL,
        state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL,
        last_error TEXT, last_kind TEXT, last_component TEXT, owner TEXT, reconcile INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY, outbox_id INTEGER NOT NULL REFERENCES outbox(id), started_at REAL NOT NULL,
        finished_at REAL, outcome TEXT NOT NULL, kind TEXT, component TEXT, error TEXT);
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,
        lrn TEXT, detail TEXT);
    CREATE VIRTUAL TABLE filings_fts USING fts5(lrn, mrn, declarant, truck, crossing, body);
    """,
    # 2: indexes for the GUI list (100,000 filings), the sender's due query and the continuity panel
    """
    CREATE INDEX filings_state_updated ON filings(state, updated_at);
    CREATE INDEX filings_updated ON filings(updated_at);
    CREATE INDEX filings_arrival ON filings(arrival);
    CREATE INDEX filings_mrn ON filings(mrn);
    CREATE INDEX filings_declarant ON filings(declarant);
    CREATE INDEX messages_filing ON messages(filing_id, id);
    CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
    CREATE INDEX outbox_filing ON outbox(filing_id);
    CREATE INDEX attempts_outbox ON attempts(outbox_id);
    CREATE INDEX attempts_started ON attempts(started_at);
    CREATE INDEX audit_lrn ON audit(lrn, id);
    """,
    # 3: a stopped truck never boards, and no reply is lost or applied twice.
    # filings.do_not_load_at: when an IE3Q01 reached the filing; never cleared by a later state.
    # received: one row per transport message id, taken inside the write transaction that
    #   stores the reply, so two drains (or two desks) apply a polled reply once; filled from
    #   what earlier versions stored.
    # messages.problem: why an incoming message is quarantined (unreadable, unexpected).
    # messages_unmatched: notifications held until their filing learns its MRN.
    # alerts: Do Not Load / request for information / rejection until a named user acknowledges.
    """
    ALTER TABLE filings ADD COLUMN do_not_load_at TEXT;
    ALTER TABLE messages ADD COLUMN problem TEXT;
    CREATE TABLE received (transport_id TEXT PRIMARY KEY, message_id INTEGER NOT NULL);
    INSERT OR IGNORE INTO received(transport_id, message_id)
        SELECT transport_id, MIN(id) FROM messages WHERE direction='in' AND transport_id IS NOT NULL
        GROUP BY transport_id;
    CREATE INDEX messages_unmatched ON messages(mrn) WHERE filing_id IS NULL;
    UPDATE filings SET do_not_load_at = updated_at WHERE state = 'do_not_load';
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY, filing_id INTEGER NOT NULL REFERENCES filings(id), kind TEXT NOT NULL,
        message_id INTEGER REFERENCES messages(id), raised_at TEXT NOT NULL, detail TEXT,
        acknowledged_by TEXT, acknowledged_at TEXT);
    CREATE INDEX alerts_open ON alerts(acknowledged_at, id);
    INSERT INTO alerts(filing_id, kind, raised_at, detail)
        SELECT id, 'do_not_load', updated_at, 'Do Not Load (recorded before this version)' FROM filings
        WHERE state = 'do_not_load';
    """,
    # 4: the ICS2 message version each stored filing version and each message was built (and
    #   sent, or read) with: the schema set's "message_version" (schemas/schemaset.json). A
    #   registered ENS lodged under an older version than the active set's cannot be amended.
    #   Rows stored before this step get '2': until then ics2desk shipped one set, its own
    #   (HTI-IE v2.02 tables = ICS2 message version 2), and a set dropped in with
    #   ICS2DESK_SCHEMA_DIR named no version, so it cannot be told apart from ours.
    """
    ALTER TABLE versions ADD COLUMN message_version TEXT;
    ALTER TABLE messages ADD COLUMN message_version TEXT;
    UPDATE versions SET message_version = '2';
    UPDATE messages SET message_version = '2';
    """,
    # 5: bulk intake (ics2desk.intake): which booking-list truck (plate + CMR + crossing date) became
    #   which filing, so importing the same list again does not file the same trucks twice.
    """
    CREATE TABLE intake_keys (
        key TEXT PRIMARY KEY, lrn TEXT NOT NULL, customer TEXT NOT NULL DEFAULT '', source TEXT,
        rows TEXT, imported_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE INDEX intake_keys_lrn ON intake_keys(lrn);
    """,
    # 6: one migration history for every table. The continuity, ELO and reuse tables used to be
    #   created by their own modules (their own counter, CREATE IF NOT EXISTS on every open, an
    #   executescript that committed the caller's transaction); IF NOT EXISTS here keeps the data
    #   dirs where those modules already made them.
    """
    CREATE TABLE IF NOT EXISTS continuity_incidents (
        id INTEGER PRIMARY KEY, component TEXT NOT NULL, part TEXT, opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL, playbook_version TEXT NOT NULL, reference TEXT, evidence TEXT NOT NULL,
        closed_at TEXT, closed_by TEXT, summary TEXT);
    CREATE TABLE IF NOT EXISTS continuity_timeline (
        id INTEGER PRIMARY KEY, incident_id INTEGER NOT NULL REFERENCES continuity_incidents(id),
        at TEXT NOT NULL, user TEXT, kind TEXT NOT NULL, text TEXT NOT NULL, text_fr TEXT);
    CREATE TABLE IF NOT EXISTS continuity_ticks (
        incident_id INTEGER NOT NULL REFERENCES continuity_incidents(id), step_id TEXT NOT NULL,
        user TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (incident_id, step_id));
    CREATE TABLE IF NOT EXISTS continuity_fallback_requests (
        id INTEGER PRIMARY KEY, incident_id INTEGER NOT NULL REFERENCES continuity_incidents(id),
        sent_at TEXT NOT NULL, sent_to TEXT NOT NULL, user TEXT NOT NULL, subject TEXT NOT NULL,
        body TEXT NOT NULL, lrns TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS continuity_retrospective (
        incident_id INTEGER NOT NULL REFERENCES continuity_incidents(id), lrn TEXT NOT NULL,
        flagged_at TEXT NOT NULL, flagged_by TEXT NOT NULL, mrn TEXT, mrn_at TEXT,
        PRIMARY KEY (incident_id, lrn));
    CREATE TABLE IF NOT EXISTS continuity_board (
        id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, saved_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS continuity_timeline_incident ON continuity_timeline(incident_id, id);
    CREATE INDEX IF NOT EXISTS continuity_retro_lrn ON continuity_retrospective(lrn);
    CREATE TABLE IF NOT EXISTS elo_envelopes (
        id INTEGER PRIMARY KEY, lrn TEXT NOT NULL UNIQUE, truck TEXT NOT NULL DEFAULT '', ens_mrn TEXT,
        numero_dossier TEXT UNIQUE, jeton TEXT, statut TEXT, sync TEXT NOT NULL, last_error TEXT,
        body TEXT NOT NULL, updated REAL NOT NULL);
    CREATE TABLE IF NOT EXISTS elo_pdfs (
        envelope_id INTEGER PRIMARY KEY REFERENCES elo_envelopes(id), pdf BLOB NOT NULL, received REAL NOT NULL);
    CREATE TABLE IF NOT EXISTS elo_queue (
        id INTEGER PRIMARY KEY, envelope_id INTEGER NOT NULL REFERENCES elo_envelopes(id),
        operation TEXT NOT NULL, exchange TEXT, attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt REAL NOT NULL, last_error TEXT, failure_kind TEXT, created REAL NOT NULL);
    CREATE TABLE IF NOT EXISTS elo_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS elo_queue_due ON elo_queue(next_attempt);
    CREATE INDEX IF NOT EXISTS elo_envelopes_mrn ON elo_envelopes(ens_mrn);
    CREATE TABLE IF NOT EXISTS reuse_parties (
        eori TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, party TEXT NOT NULL, used_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS reuse_goods (
        description TEXT PRIMARY KEY, hs TEXT, package_type TEXT, used_at TEXT NOT NULL);
    """,
    # 7: the agency database (several desks on one PostgreSQL; harmless on a single desk's SQLite).
    #   outbox.lease_until: until when the desk that claimed an item may keep it 'sending'; after
    #     that another desk reconciles it (consultation first, never a blind re-send).
    #   filings.transport_document: the master transport document reference, to flag one reused
    #     within 12 months before ICS2 rejects it (error code 81).
    #   used_lrns(lrn): R3003 is looked up by LRN alone on every import (was a full scan).
    #   journal_applied: entries a desk kept locally while the agency database was out of reach,
    #     taken in the transaction that writes them, so each is written once.
    """
    ALTER TABLE outbox ADD COLUMN lease_until REAL;
    ALTER TABLE filings ADD COLUMN transport_document TEXT;
    CREATE INDEX filings_transport_document ON filings(transport_document);
    CREATE INDEX used_lrns_lrn ON used_lrns(lrn);
    CREATE INDEX outbox_sending ON outbox(state, lease_until);
    CREATE TABLE journal_applied (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, lrn TEXT, desk TEXT NOT NULL, made_at TEXT NOT NULL,
        applied_at TEXT NOT NULL, outcome TEXT NOT NULL);
    """,
    # 8: the agency's settings (options of scope "agency": access point, P-Mode, lodging profile,
    #   LRN prefix, continuity thresholds) in the agency database, one row per option key, its
    #   value as JSON; on PostgreSQL only an admin writes them. Unused on a single desk's SQLite.
    """
    CREATE TABLE agency_settings (
        key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);
    """,
]

LATEST = len(MIGRATIONS)


def is_postgresql(conn) -> bool:
    return getattr(conn, "dialect", "sqlite") == "postgresql"


def schema_version(conn) -> int:
    if is_postgresql(conn):
        row = conn.execute("SELECT to_regclass('ics2desk_schema') IS NOT NULL").fetchone()
        if not row[0]:
            return 0
        return conn.execute("SELECT COALESCE(MAX(version), 0) FROM ics2desk_schema").fetchone()[0]
    return conn.execute("PRAGMA user_version").fetchone()[0]


class SchemaBehindError(KnownError):
    """The agency database is older than this desk: only `ics2desk db init` (an admin) upgrades it."""


def migrate(conn, target: int = LATEST, upgrade: bool = True) -> int:
    """Bring the database to `target`, one transaction per step; returns the final version.

    On PostgreSQL the desks share one database: a desk connection (upgrade=False) only checks the
    version, and `ics2desk db init` upgrades it, under an advisory lock so two inits do not race."""
    if is_postgresql(conn):
        return _migrate_pg(conn, target, upgrade)
    current = schema_version(conn)
    if current > LATEST:
        raise KnownError(f"this data was written by a newer ics2desk (schema {current}, this one knows "
                         f"{LATEST}); update ics2desk before opening it")
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) >= version:  # another process got there first
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


_ADVISORY_LOCK = 0x1C52_DE5C  # "ics2desk": one schema upgrade at a time across the agency


def _migrate_pg(conn, target: int, upgrade: bool) -> int:
    current = schema_version(conn)
    if current > LATEST:
        raise KnownError(f"the agency database was set up by a newer ics2desk (schema {current}, this one knows "
                         f"{LATEST}); update ics2desk on this desk")
    if current >= target:
        return current
    if not upgrade:
        raise SchemaBehindError(
            f"the agency database is at schema {current} and this ics2desk needs {target}: an admin runs "
            f"`ics2desk --database URL db init` once to upgrade it")
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (_ADVISORY_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS ics2desk_schema (version INTEGER PRIMARY KEY, applied_at TEXT "
                     "NOT NULL)")
        for version in range(schema_version(conn) + 1, target + 1):
            for statement in _statements(MIGRATIONS[version - 1]):
                for pg_statement in pg_ddl(statement):
                    conn.execute(pg_statement)
            conn.execute("INSERT INTO ics2desk_schema(version, applied_at) VALUES(?, now()::text)", (version,))
        conn.execute("COMMIT")
    except BaseException:
        try:
            conn.execute("ROLLBACK")
        except Exception:  # noqa: BLE001  the error that got us here is the one to report
            pass
        raise
    return schema_version(conn)


def pg_ddl(statement: str) -> list[str]:
    """A step written for SQLite, in PostgreSQL's words: identity keys, BYTEA, DOUBLE PRECISION,
    and the full-text table as a plain table with a generated tsvector (GIN-indexed)."""
    import re

    fts = re.match(r"CREATE VIRTUAL TABLE (\w+) USING fts5\(([^)]*)\)", statement)
    if fts:
        name, cols = fts.group(1), [c.strip() for c in fts.group(2).split(",")]
        doc = " || ' ' || ".join(f"coalesce({c}, '')" for c in cols)
        return [f"CREATE TABLE {name} (rowid BIGINT PRIMARY KEY, " + ", ".join(f"{c} TEXT" for c in cols)
                + f", tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', {doc})) STORED)",
                f"CREATE INDEX {name}_tsv ON {name} USING gin(tsv)"]
    s = re.sub(r"\bid INTEGER PRIMARY KEY\b(?! CHECK)", "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
               statement)
    s = re.sub(r"\bINTEGER\b", "BIGINT", s)
    s = re.sub(r"\bBLOB\b", "BYTEA", s)
    s = re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)
    s = re.sub(r"(?<![\w\"])user(?= TEXT)", '"user"', s)
    ignore = re.match(r"INSERT OR IGNORE INTO", s)
    if ignore:
        s = "INSERT INTO" + s[ignore.end():] + " ON CONFLICT DO NOTHING"
    return [s]
