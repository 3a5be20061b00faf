"""The Store: filings, versions, messages, outbox, attempts and audit in one SQLite file.

Every state change is one BEGIN IMMEDIATE transaction, so a crash leaves either the old or
the new state, never half of each. The sender (ics2desk.outbox) drives the outbox through
the claim_*/record_* methods below; the GUI uses the rest.
"""
from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import threading
import time
from datetime import timedelta
from pathlib import Path

from .. import clock
from ..checkdigits import mrn_problem
from ..errors import BadInputError, IllegalTransitionError, KnownError, LodgedUnderOlderVersionError
from ..failures import FailureKind
from ..model import EnsDocument
from ..transport.base import OutgoingPayload
from ..xml import reader, schemaset, writer
from . import documents
from .lifecycle import State, next_state
from .records import (
    SORTABLE,
    Alert,
    Attempt,
    Filing,
    FilingQuery,
    MessageRecord,
    OutboxItem,
    Version,
    crossing_text,
)
from .tx import immediate_transaction

#: outgoing types whose functional reply (R01/N99/N01/N10/R07) closes the outbox item
AWAITS_REPLY = {"IE3F50", "IE3F51", "IE3A50", "IE3A51", "IE3Q04"}
FUNCTIONAL_REPLIES = {"IE3R01", "IE3N99", "IE3N01", "IE3N10", "IE3R07"}
OPEN_ITEM_STATES = ("pending", "sending", "awaiting_reply", "paused", "failed")


def iso_now() -> str:
    return clock.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


#: how long a desk that claimed an outbox item may hold it 'sending' before another desk may
#: reconcile it (longer than any one exchange: send_timeout_s bounds those)
LEASE_S = 120.0
#: a master transport document reference used again within this many days draws ICS2's error 81
TRANSPORT_DOCUMENT_REUSE_DAYS = 365


class AlreadyReceived(Exception):
    """Inside a write transaction: another connection stored this transport message first."""


class EditConflictError(KnownError):
    """Someone saved this draft after it was opened here: the later save would overwrite it."""

    def __init__(self, lrn: str, opened: int, now: int, author: str, at: str):
        self.lrn, self.opened, self.now, self.author, self.at = lrn, opened, now, author, at
        super().__init__(f"{lrn} was saved by {author} at {at} (version {now}) after you opened version {opened}: "
                         f"your changes were not saved over theirs. Reopen the filing to see their version, then "
                         f"make your changes again (what you typed is still on your screen)")


class Store:
    def __init__(self, conn: sqlite3.Connection, data_dir: Path, user: str | None = None):
        self.conn = conn
        self.data_dir = Path(data_dir)
        #: on the agency database the signed-in agent is the session's login (the database
        #: writes it into every audit row); on a single desk, who the desk was told it is
        self.dialect = getattr(conn, "dialect", "sqlite")
        self.role = getattr(conn, "role", None)  # None: a single desk, no roles
        #: where the filings live: "agency" (PostgreSQL), "local" (a single desk's SQLite) or
        #: "standalone" (a desk of the agency working alone for an incident; db.open_store says)
        self.mode = "agency" if self.dialect == "postgresql" else "local"
        self.user = (getattr(conn, "user", "") or user or os.environ.get("USER") or os.environ.get("USERNAME")
                     or "agent")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def transaction(self):
        """One atomic unit; nested use joins the outer transaction."""
        return immediate_transaction(self.conn)

    # --- LRNs (R3003: unique per declarant, never reused) ---------------------------------
    def new_lrn(self, declarant: str, prefix: str = "ICS") -> str:
        with self.transaction():
            return self._new_lrn(declarant, prefix)

    def _new_lrn(self, declarant: str, prefix: str = "ICS") -> str:
        # the counter is taken with one upsert, so two desks on one agency database never draw the
        # same number; an LRN already used (imported with its own) is skipped
        day = clock.now().strftime("%y%m%d")
        if self.mode == "standalone":
            prefix = standalone_prefix(prefix, self.data_dir)
        while True:
            n = self.conn.execute("INSERT INTO lrn_counters(declarant, next) VALUES(?, 2) ON CONFLICT(declarant) "
                                  "DO UPDATE SET next=lrn_counters.next+1 RETURNING next", (declarant,)).fetchone()[0]
            lrn = f"{prefix[:8]}{day}{n - 1:06d}"
            if self._take_lrn(declarant, lrn):
                return lrn

    def _take_lrn(self, declarant: str, lrn: str) -> bool:
        """Record the LRN as used; False when any filing of the desk (or agency) has it already."""
        if self.conn.execute("SELECT 1 FROM used_lrns WHERE lrn=?", (lrn,)).fetchone():
            return False
        return self.conn.execute("INSERT INTO used_lrns(declarant, lrn) VALUES(?, ?) ON CONFLICT DO NOTHING",
                                 (declarant, lrn)).rowcount == 1

    # --- filings and versions --------------------------------------------------------------
    def import_document(self, doc: EnsDocument, user: str | None = None, new_lrn: bool = False,
                        lrn_prefix: str = "ICS") -> Filing:
        """Store `doc` as a new draft filing; keeps its LRN unless missing/asked, never reuses one."""
        if doc.message_id not in ("IE3F50", "IE3F51"):
            raise BadInputError(f"only an ENS filing (IE3F50/IE3F51) can start a filing, not {doc.message_id}")
        doc = doc.copy()
        declarant = doc.declarant_eori or ""
        now = iso_now()
        with self.transaction() as c:
            if new_lrn or not doc.lrn:
                doc.data["LRN"] = self._new_lrn(declarant, lrn_prefix)
            elif not self._take_lrn(declarant, doc.lrn):
                where = "the agency" if self.dialect == "postgresql" else "this desk"
                raise BadInputError(f"LRN {doc.lrn} is already used by a filing in {where}; an LRN is never "
                                    f"reused (R3003). Import with a new LRN (--new-lrn) if this is a new ENS")
            cur = c.execute(
                "INSERT INTO filings(lrn, declarant, state, message_type, created_at, updated_at) "
                "VALUES(?,?,?,?,?,?)", (doc.lrn, declarant, State.DRAFT.value, doc.message_id, now, now))
            fid = cur.lastrowid
            self._add_version(fid, doc, user)
            self._audit(user, "import", doc.lrn, f"{doc.message_id} stored as draft")
        return self.get(doc.lrn)

    def save_version(self, lrn: str, doc: EnsDocument, user: str | None = None,
                     expected_version: int | None = None) -> int:
        """Save an edited dataset; the filing goes (back) to draft. Returns the version number.

        expected_version: the version the agent opened; when someone else saved since, nothing is
        written and EditConflictError says who and when (two agents on one draft)."""
        with self.transaction():
            f = self._filing(lrn)
            if expected_version is not None and f.version != expected_version:
                last = self.conn.execute("SELECT author, created_at FROM versions WHERE filing_id=? ORDER BY number "
                                         "DESC LIMIT 1", (f.id,)).fetchone()
                raise EditConflictError(lrn, expected_version, f.version, last[0] if last else "?",
                                        last[1] if last else "?")
            state = next_state(f.state, "save", f.mrn, lrn)
            doc = doc.copy()
            doc.data["LRN"] = lrn  # the LRN is the filing's identity: an edit cannot change it
            number = self._add_version(f.id, doc, user)
            self._set_state(f, state, user, "save", f"version {number}")
        return number

    def _add_version(self, fid: int, doc: EnsDocument, user: str | None, message_type: str | None = None) -> int:
        c = self.conn
        number = c.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE filing_id=?", (fid,)).fetchone()[0]
        c.execute("INSERT INTO versions(filing_id, number, message_type, xml, created_at, author, message_version) "
                  "VALUES(?,?,?,?,?,?,?)", (fid, number, message_type or doc.message_id, writer.to_bytes(doc),
                                            iso_now(), user or self.user, schemaset.message_version()))
        if (message_type or doc.message_id) in ("IE3F50", "IE3F51", "IE3A50", "IE3A51"):
            self._index(fid, doc)
        c.execute("UPDATE filings SET version=?, updated_at=? WHERE id=?", (number, iso_now(), fid))
        return number

    def _index(self, fid: int, doc: EnsDocument) -> None:
        crossing = crossing_text(doc.get("activeBorderTransportMeans/ModeOfTransport"),
                                 doc.get("consignmentMasterLevel/placeOfLoading/UNLOCODE"),
                                 doc.get("consignmentMasterLevel/placeOfUnloading/UNLOCODE"))
        truck = ", ".join(doc.vehicle_registrations())
        self.conn.execute("UPDATE filings SET declarant=COALESCE(NULLIF(?, ''), declarant), truck=?, crossing=?, "
                          "arrival=?, office=?, transport_document=? WHERE id=?",
                          (doc.declarant_eori or "", truck, crossing, doc.estimated_arrival,
                           doc.office_of_first_entry,
                           doc.get("consignmentMasterLevel/transportDocumentMasterLevel/documentNumber"), fid))
        body = " ".join([doc.get("declarant/name") or "", doc.get("representative/name") or "",
                         doc.get("consignmentMasterLevel/consignor/name") or "",
                         doc.get("consignmentMasterLevel/consignee/name") or ""]
                        + [(i.get("commodity") or {}).get("descriptionOfGoods", "") for _, _, i in doc.goods_items()])
        row = self.conn.execute("SELECT lrn, mrn, declarant FROM filings WHERE id=?", (fid,)).fetchone()
        self.conn.execute("DELETE FROM filings_fts WHERE rowid=?", (fid,))
        self.conn.execute("INSERT INTO filings_fts(rowid, lrn, mrn, declarant, truck, crossing, body) "
                          "VALUES(?,?,?,?,?,?,?)", (fid, row[0], row[1] or "", row[2] or "", truck, crossing, body))

    def get(self, lrn: str) -> Filing:
        return self._filing(lrn)

    def find(self, lrn: str | None = None, mrn: str | None = None) -> Filing | None:
        if lrn:
            row = self.conn.execute("SELECT * FROM filings WHERE lrn=?", (lrn,)).fetchone()
            if row:
                return _filing(row)
        if mrn:
            row = self.conn.execute("SELECT * FROM filings WHERE mrn=?", (mrn,)).fetchone()
            if row:
                return _filing(row)
        return None

    def _filing(self, lrn: str) -> Filing:
        row = self.conn.execute("SELECT * FROM filings WHERE lrn=?", (lrn,)).fetchone()
        if not row:
            raise KnownError(f"no filing with LRN {lrn} in this desk")
        return _filing(row)

    def document(self, lrn: str, version: int | None = None, filing_type_only: bool = True) -> EnsDocument:
        """The latest (or given) version of the filing's dataset."""
        f = self._filing(lrn)
        sql = "SELECT xml FROM versions WHERE filing_id=?"
        args: list = [f.id]
        if version is not None:
            sql += " AND number=?"
            args.append(version)
        elif filing_type_only:
            sql += " AND message_type IN ('IE3F50','IE3F51','IE3A50','IE3A51')"
        row = self.conn.execute(sql + " ORDER BY number DESC LIMIT 1", args).fetchone()
        if not row:
            raise KnownError(f"{lrn} has no version {version}")
        return reader.from_bytes(bytes(row[0]), f"{lrn} version")

    def versions(self, lrn: str) -> list[Version]:
        f = self._filing(lrn)
        return [Version(r["number"], r["message_type"], bytes(r["xml"]), r["created_at"], r["author"],
                        json.loads(r["errors"]), r["message_version"])
                for r in self.conn.execute("SELECT * FROM versions WHERE filing_id=? ORDER BY number", (f.id,))]

    def lodged_version(self, lrn: str) -> str | None:
        """The ICS2 message version the filing's ENS was (or will be) lodged with: that of its
        latest IE3F50/IE3F51 version (after registration no new one is made; amendments are
        IE3A5x versions). None when it has none."""
        f = self._filing(lrn)
        row = self.conn.execute("SELECT message_version FROM versions WHERE filing_id=? AND message_type IN "
                                "('IE3F50','IE3F51') ORDER BY number DESC LIMIT 1", (f.id,)).fetchone()
        return row[0] if row else None

    def version_refusal(self, lrn: str) -> LodgedUnderOlderVersionError | None:
        """Why the filing's ENS cannot be amended whatever its state, before the agent types an
        amendment: lodged under an older ICS2 message version than the active set's (the error
        `amend` would raise; its remedy is refile). None when the version allows amending."""
        lodged, active = self.lodged_version(lrn), schemaset.message_version()
        return LodgedUnderOlderVersionError(lrn, lodged, active) if schemaset.is_older(lodged, active) else None

    # --- lifecycle steps that queue a message ----------------------------------------------
    def mark_ready(self, lrn: str, user: str | None = None) -> None:
        from ..validate import validate_document

        report = validate_document(self.document(lrn))
        if not report.valid:
            first = "; ".join(f"{e.rule} {e.path}: {e.en}" for e in report.errors[:3])
            raise BadInputError(f"{lrn} is not valid ({len(report.errors)} errors): {first}")
        with self.transaction():
            f = self._filing(lrn)
            self._set_state(f, next_state(f.state, "validated", f.mrn, lrn), user, "validated")

    def queue(self, lrn: str, user: str | None = None) -> int:
        """Validate and queue the filing; the version and its outbox row commit together."""
        f = self._filing(lrn)
        if f.state in (State.DRAFT.value, State.READY.value):
            self.mark_ready(lrn, user)
        with self.transaction():
            f = self._filing(lrn)
            state = next_state(f.state, "queue", f.mrn, lrn)
            rebuilt = self._rebuild_if_older(f, user)
            version_id = self._latest_version_id(f.id)
            item = self._add_outbox(f, version_id, f.message_type)
            self._set_state(f, state, user, "queue", f"outbox item {item}{rebuilt}")
        return item

    def _rebuild_if_older(self, f: Filing, user: str | None) -> str:
        """A draft saved under an older ICS2 message version is sent as the active one: its
        dataset (just validated under the active set by mark_ready) is stored again as a new
        version built with the active set. Returns the audit note, '' when nothing changed."""
        row = self.conn.execute("SELECT message_version FROM versions WHERE filing_id=? ORDER BY number DESC "
                                "LIMIT 1", (f.id,)).fetchone()
        active = schemaset.message_version()
        if not row or not schemaset.is_older(row[0], active):
            return ""
        number = self._add_version(f.id, self.document(f.lrn), user)
        return f"; rebuilt as version {number} in ICS2 message version {active} (saved under {row[0]})"

    def amend(self, lrn: str, doc: EnsDocument, user: str | None = None) -> int:
        """Queue an IE3A50 (full replacement) for a registered ENS."""
        from ..validate import validate_document

        f = self._filing(lrn)
        next_state(f.state, "amend", f.mrn, lrn)  # refuse early, before validating
        refusal = self.version_refusal(lrn)
        if refusal is not None:  # ICS2 takes no amendment across message versions
            raise refusal
        amendment = documents.amendment_from(doc, f.mrn or "")
        # R3024: what customs registered cannot change; the stored dataset is that version
        # (every earlier amendment was held to the same rule).
        report = validate_document(amendment, registered=self.document(lrn))
        if not report.valid:
            first = "; ".join(f"{e.rule} {e.path}: {e.en}" for e in report.errors[:3])
            raise BadInputError(f"the amendment of {lrn} is not valid: {first}")
        return self._queue_followup(lrn, "amend", amendment, user)

    def invalidate(self, lrn: str, user: str | None = None) -> int:
        f = self._filing(lrn)
        next_state(f.state, "invalidate", f.mrn, lrn)
        doc = self.document(lrn)
        rep = doc.get("representative/identificationNumber")
        return self._queue_followup(lrn, "invalidate", documents.invalidation(f.mrn or "", f.declarant or "", rep),
                                    user)

    def answer_rfi(self, lrn: str, answer: EnsDocument, user: str | None = None) -> int:
        if answer.message_id != "IE3R02":
            raise BadInputError(f"an answer to a request for information is an IE3R02, not {answer.message_id}")
        return self._queue_followup(lrn, "answer_rfi", answer, user)

    def _queue_followup(self, lrn: str, event: str, doc: EnsDocument, user: str | None) -> int:
        with self.transaction():
            f = self._filing(lrn)
            state = next_state(f.state, event, f.mrn, lrn)
            self._add_version(f.id, doc, user)
            item = self._add_outbox(f, self._latest_version_id(f.id), doc.message_id)
            self._set_state(f, state, user, event, f"{doc.message_id}, outbox item {item}")
        return item

    def _latest_version_id(self, fid: int) -> int:
        return self.conn.execute("SELECT id FROM versions WHERE filing_id=? ORDER BY number DESC LIMIT 1",
                                 (fid,)).fetchone()[0]

    def _add_outbox(self, f: Filing, version_id: int, message_type: str) -> int:
        now = iso_now()
        return self.conn.execute(
            "INSERT INTO outbox(filing_id, version_id, message_type, state, next_attempt_at, created_at, updated_at) "
            "VALUES(?,?,?,?,?,?,?)", (f.id, version_id, message_type, "pending", time.time(), now, now)).lastrowid

    def _set_state(self, f: Filing, state: State, user: str | None, action: str, detail: str = "",
                   mrn: str | None = None) -> None:
        self.conn.execute("UPDATE filings SET state=?, mrn=COALESCE(?, mrn), updated_at=? WHERE id=?",
                          (state.value, mrn, iso_now(), f.id))
        if mrn and mrn != f.mrn:
            self.conn.execute("UPDATE filings_fts SET mrn=? WHERE rowid=?", (mrn, f.id))
        self._audit(user, action, f.lrn, f"{f.state} -> {state.value}" + (f"; {detail}" if detail else ""))

    def _audit(self, user: str | None, action: str, lrn: str | None, detail: str = "") -> None:
        self.conn.execute("INSERT INTO audit(at, user, action, lrn, detail) VALUES(?,?,?,?,?)",
                          (iso_now(), user or self.user, action, lrn, detail))

    def note(self, lrn: str | None, action: str, detail: str, user: str | None = None) -> None:
        """An audit line for something the desk did that changed no state (a consultation)."""
        with self.transaction():
            self._audit(user or "sender", action, lrn, detail)

    def audit_trail(self, lrn: str | None = None, limit: int = 500) -> list[dict]:
        sql = "SELECT at, user, action, lrn, detail FROM audit"
        args: tuple = ()
        if lrn:
            sql += " WHERE lrn=?"
            args = (lrn,)
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY id DESC LIMIT ?", args + (limit,))][::-1]

    # --- list / search (GUI) ----------------------------------------------------------------
    def _where(self, q: FilingQuery) -> tuple[str, list]:
        clauses, args = [], []
        if q.text and q.text.strip():
            tokens = re.findall(r"\w+", q.text, flags=re.UNICODE)
            if tokens and self.dialect == "postgresql":
                # OFFSET 0 keeps the matches a set of their own: PostgreSQL guesses ~2,000 hits for any
                # prefix and would otherwise walk the whole list by date checking each row (560 ms for
                # one LRN in 100,000; 20 ms this way, benchmarks/bench_agency.py)
                clauses.append("f.id IN (SELECT rowid FROM filings_fts WHERE tsv @@ to_tsquery('simple', ?) OFFSET 0)")
                args.append(" & ".join(f"{t.lower()}:*" for t in tokens))
            elif tokens:
                clauses.append("f.id IN (SELECT rowid FROM filings_fts WHERE filings_fts MATCH ?)")
                args.append(" ".join(f'"{t}"*' for t in tokens))
        if q.states:
            clauses.append(f"f.state IN ({','.join('?' * len(q.states))})")
            args += [State(s).value for s in q.states]
        if q.declarant:
            clauses.append("f.declarant=?")
            args.append(q.declarant)
        if q.arrival_from:
            clauses.append("f.arrival>=?")
            args.append(q.arrival_from)
        if q.arrival_to:
            clauses.append("f.arrival<=?")
            args.append(q.arrival_to)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def list_filings(self, q: FilingQuery | None = None) -> list[Filing]:
        q = q or FilingQuery()
        if q.sort not in SORTABLE:
            raise BadInputError(f"cannot sort by {q.sort!r}; choose one of {', '.join(SORTABLE)}")
        where, args = self._where(q)
        direction = "DESC" if q.descending else "ASC"
        sql = (f"SELECT f.* FROM filings f{where} ORDER BY f.{q.sort} {direction}, f.id {direction} "
               f"LIMIT ? OFFSET ?")
        return [_filing(r) for r in self.conn.execute(sql, args + [max(0, q.limit), max(0, q.offset)])]

    def count_filings(self, q: FilingQuery | None = None) -> int:
        where, args = self._where(q or FilingQuery())
        return self.conn.execute(f"SELECT COUNT(*) FROM filings f{where}", args).fetchone()[0]

    def state_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT state, COUNT(*) FROM filings GROUP BY state")}

    # --- messages ---------------------------------------------------------------------------
    def timeline(self, lrn: str) -> list[MessageRecord]:
        f = self._filing(lrn)
        return [_message(r) for r in self.conn.execute("SELECT * FROM messages WHERE filing_id=? ORDER BY id",
                                                       (f.id,))]

    def replies_since(self, after_id: int, limit: int = 200) -> list[tuple[int, str, str, str]]:
        """Replies received after message `after_id`, across all filings, whatever the list on
        screen shows: (message id, LRN, message type, the filing's state now)."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT m.id, f.lrn, m.message_type, f.state FROM messages m JOIN filings f ON f.id = m.filing_id "
            "WHERE m.id > ? AND m.direction = 'in' ORDER BY m.id LIMIT ?", (after_id, limit))]

    def last_message_id(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM messages").fetchone()[0]

    def _add_message(self, fid: int | None, direction: str, mtype: str, xml: bytes, lrn: str | None,
                     mrn: str | None, transport_id: str | None = None, correlation_id: str | None = None,
                     problem: str | None = None, message_version: str | None = None) -> int:
        """message_version: what an outgoing message was built with (its version row's); by
        default the active schema set's, which builds consultations and reads every reply."""
        return self.conn.execute(
            "INSERT INTO messages(filing_id, direction, message_type, lrn, mrn, transport_id, correlation_id, xml, "
            "created_at, problem, message_version) VALUES(?,?,?,?,?,?,?,?,?,?,?)",
            (fid, direction, mtype, lrn, mrn, transport_id, correlation_id, bytes(xml), iso_now(), problem,
             message_version or schemaset.message_version())).lastrowid

    def record_unmatched(self, xml: bytes, mtype: str, transport_id: str | None, problem: str) -> bool:
        """A message we cannot use (unreadable, not a reply we know) is quarantined with its raw
        bytes, never dropped. Returns False when this transport message was already stored (a
        second delivery, or another drain got it first)."""
        try:
            with self.transaction():
                if self._already_received(transport_id):
                    return False
                mid = self._add_message(None, "in", mtype, xml, None, None, transport_id, problem=problem[:2000])
                self._note_received(transport_id, mid)
                self._audit("sender", "quarantined_reply", None, problem[:500])
        except AlreadyReceived:
            return False
        return True

    def _already_received(self, transport_id: str | None) -> bool:
        """Inside the write transaction: whether this transport message id is stored already."""
        return bool(transport_id) and self.conn.execute(
            "SELECT 1 FROM received WHERE transport_id=?", (transport_id,)).fetchone() is not None

    def _note_received(self, transport_id: str | None, message_id: int) -> None:
        if not transport_id:
            return
        # two desks that polled the same message: the second waits for the first's commit, then
        # finds the id taken, and everything it did with the message is rolled back
        taken = self.conn.execute("INSERT INTO received(transport_id, message_id) VALUES(?,?) ON CONFLICT DO NOTHING",
                                  (transport_id, message_id)).rowcount
        if taken != 1:
            raise AlreadyReceived(transport_id)

    def quarantined(self, limit: int = 200) -> tuple[list[MessageRecord], int]:
        """Incoming messages the desk could not use (unreadable, or not a reply it knows), newest
        first, with their raw bytes for the helpdesk; and how many there are in all."""
        total = self.conn.execute("SELECT COUNT(*) FROM messages WHERE direction='in' AND problem IS NOT NULL"
                                  ).fetchone()[0]
        rows = self.conn.execute("SELECT * FROM messages WHERE direction='in' AND problem IS NOT NULL "
                                 "ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [_message(r) for r in rows], total

    # --- outbox (GUI actions) ----------------------------------------------------------------
    def outbox_items(self, states: list[str] | None = None, lrn: str | None = None, limit: int = 1000) -> list[OutboxItem]:
        sql = "SELECT o.*, f.lrn FROM outbox o JOIN filings f ON f.id=o.filing_id"
        clauses, args = [], []
        if states:
            clauses.append(f"o.state IN ({','.join('?' * len(states))})")
            args += list(states)
        if lrn:
            clauses.append("f.lrn=?")
            args.append(lrn)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return [_item(r) for r in self.conn.execute(sql + " ORDER BY o.id LIMIT ?", args + [limit])]

    def outbox_item(self, outbox_id: int) -> OutboxItem:
        row = self.conn.execute("SELECT o.*, f.lrn FROM outbox o JOIN filings f ON f.id=o.filing_id WHERE o.id=?",
                                (outbox_id,)).fetchone()
        if not row:
            raise KnownError(f"no outbox item {outbox_id}")
        return _item(row)

    def attempts(self, outbox_id: int) -> list[Attempt]:
        return [_attempt(r) for r in self.conn.execute(
            "SELECT a.*, o.message_type, f.lrn FROM attempts a JOIN outbox o ON o.id=a.outbox_id "
            "JOIN filings f ON f.id=o.filing_id WHERE a.outbox_id=? ORDER BY a.id", (outbox_id,))]

    def recent_attempts(self, since_seconds: float = 3600, failures_only: bool = False,
                        limit: int = 1000) -> list[Attempt]:
        """Attempts started in the last `since_seconds`, newest first (the continuity panel reads this)."""
        sql = ("SELECT a.*, o.message_type, f.lrn FROM attempts a JOIN outbox o ON o.id=a.outbox_id "
               "JOIN filings f ON f.id=o.filing_id WHERE a.started_at>=?")
        if failures_only:
            sql += " AND a.outcome='failed'"
        # by start time (its index), not by id: with no attempt in the window an id order scans them all
        return [_attempt(r) for r in self.conn.execute(sql + " ORDER BY a.started_at DESC, a.id DESC LIMIT ?",
                                                       (time.time() - since_seconds, limit))]

    def retry_now(self, outbox_id: int, user: str | None = None) -> None:
        self._move_item(outbox_id, ("pending", "failed", "paused"), "pending", user, "retry_now")

    def pause(self, outbox_id: int, user: str | None = None) -> None:
        self._move_item(outbox_id, ("pending", "failed"), "paused", user, "pause")

    def resume(self, outbox_id: int, user: str | None = None) -> None:
        self._move_item(outbox_id, ("paused",), "pending", user, "resume")

    def cancel(self, outbox_id: int, user: str | None = None) -> None:
        """Withdraw an item not yet handed over; the filing returns to where it was before queuing."""
        with self.transaction():
            item = self.outbox_item(outbox_id)
            if item.state not in ("pending", "failed", "paused"):
                raise IllegalTransitionError(f"outbox item {outbox_id} ({item.lrn}) is {item.state}: it was already "
                                             f"handed over to the transport and cannot be cancelled")
            f = self._filing(item.lrn)
            self._set_state(f, next_state(f.state, "cancel", f.mrn, f.lrn), user, "cancel", f"outbox item {outbox_id}")
            self.conn.execute("UPDATE outbox SET state='cancelled', updated_at=? WHERE id=?", (iso_now(), outbox_id))

    def _move_item(self, outbox_id: int, allowed: tuple, to: str, user: str | None, action: str) -> None:
        with self.transaction():
            item = self.outbox_item(outbox_id)
            if item.state not in allowed:
                raise IllegalTransitionError(f"cannot {action.replace('_', ' ')} outbox item {outbox_id} "
                                             f"({item.lrn}): it is {item.state}")
            self.conn.execute("UPDATE outbox SET state=?, next_attempt_at=?, updated_at=? WHERE id=?",
                              (to, time.time(), iso_now(), outbox_id))
            self._audit(user, action, item.lrn, f"outbox item {outbox_id}: {item.state} -> {to}")

    # --- outbox (sender side) ---------------------------------------------------------------
    def reclaim_orphans(self, is_alive) -> list[int]:
        """Items left 'sending' by a process that died (on this machine), or by any desk whose lease
        ran out (the agency database: another PC, switched off mid-send): back to pending,
        flagged for reconciliation, which consults ICS2 before anything is sent again."""
        now = time.time()
        lock = " FOR UPDATE SKIP LOCKED" if self.dialect == "postgresql" else ""
        with self.transaction() as c:
            ids = []
            for r in c.execute("SELECT id, owner, lease_until FROM outbox WHERE state='sending'" + lock).fetchall():
                expired = r["lease_until"] is not None and r["lease_until"] < now
                if expired or not is_alive(r["owner"] or ""):
                    ids.append(r["id"])
                    c.execute("UPDATE outbox SET state='pending', reconcile=1, owner=NULL, next_attempt_at=?, "
                              "updated_at=? WHERE id=?", (time.time(), iso_now(), r["id"]))
                    c.execute("UPDATE attempts SET outcome='failed', finished_at=?, kind=?, error=? "
                              "WHERE outbox_id=? AND outcome='in_progress'",
                              (time.time(), FailureKind.TIMEOUT.value, "interrupted: the sending process stopped",
                               r["id"]))
                    why = (f"lease of {r['owner']} ran out" if expired else "after a crash")
                    self._audit("sender", "reconcile", None, f"outbox item {r['id']} found mid-send {why}")
            return ids

    def claim_due(self, owner: str, limit: int = 1, exclude=()) -> list[tuple[OutboxItem, int, bytes]]:
        """Take due items: mark them sending (committed before any byte leaves) and open an attempt."""
        now = time.time()
        skip = ",".join(str(int(i)) for i in exclude)
        # several desks drain one agency outbox: each row is taken by exactly one of them (rows
        # another desk is claiming are skipped, not waited for); SQLite's write lock does the same
        lock = " FOR UPDATE OF o SKIP LOCKED" if self.dialect == "postgresql" else ""
        with self.transaction() as c:
            rows = c.execute("SELECT o.*, f.lrn FROM outbox o JOIN filings f ON f.id=o.filing_id "
                             "WHERE o.state='pending' AND o.next_attempt_at<=? "
                             + (f"AND o.id NOT IN ({skip}) " if skip else "")
                             + "ORDER BY o.next_attempt_at, o.id LIMIT ?" + lock, (now, limit)).fetchall()
            out = []
            for r in rows:
                c.execute("UPDATE outbox SET state='sending', owner=?, lease_until=?, attempts=attempts+1, "
                          "updated_at=? WHERE id=?", (owner, now + LEASE_S, iso_now(), r["id"]))
                aid = c.execute("INSERT INTO attempts(outbox_id, started_at, outcome) VALUES(?,?,'in_progress')",
                                (r["id"], now)).lastrowid
                v = c.execute("SELECT xml, message_version FROM versions WHERE id=?", (r["version_id"],)).fetchone()
                xml = OutgoingPayload(bytes(v[0]), v[1])  # the transport announces the version it was built with
                item = _item(r)
                item.state, item.attempts = "sending", item.attempts + 1
                out.append((item, aid, xml))
            return out

    def next_due_at(self) -> float | None:
        row = self.conn.execute("SELECT MIN(next_attempt_at) FROM outbox WHERE state='pending'").fetchone()
        return row[0]

    def open_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM outbox WHERE state IN ('pending','sending','awaiting_reply')"
                                 ).fetchone()[0]

    def record_failure(self, item: OutboxItem, attempt_id: int, kind: FailureKind, component: str,
                       error: str, retry_at: float | None) -> None:
        """A failed attempt; retry_at None means permanent: the item stops as 'failed'."""
        with self.transaction() as c:
            c.execute("UPDATE attempts SET outcome='failed', finished_at=?, kind=?, component=?, error=? WHERE id=?",
                      (time.time(), kind.value, component, error[:2000], attempt_id))
            c.execute("UPDATE outbox SET state=?, next_attempt_at=?, last_error=?, last_kind=?, last_component=?, "
                      "owner=NULL, updated_at=? WHERE id=?",
                      ("pending" if retry_at is not None else "failed", retry_at, error[:2000], kind.value,
                       component, iso_now(), item.id))
            if retry_at is None:
                self._audit("sender", "send_failed", item.lrn, f"{item.message_type}: {error[:300]}")

    def record_sent(self, item: OutboxItem, attempt_id: int, xml: bytes, transport_id: str | None) -> None:
        """The transport took the message: log it, move the filing to sent, await the functional reply."""
        with self.transaction() as c:
            f = self._filing(item.lrn)
            row = c.execute("SELECT message_version FROM versions WHERE id=?", (item.version_id,)).fetchone()
            self._add_message(f.id, "out", item.message_type, xml, f.lrn, f.mrn, transport_id,
                              message_version=row[0] if row else None)
            c.execute("UPDATE attempts SET outcome='ok', finished_at=? WHERE id=?", (time.time(), attempt_id))
            awaits = item.message_type in AWAITS_REPLY
            c.execute("UPDATE outbox SET state=?, owner=NULL, last_error=NULL, last_kind=NULL, last_component=NULL, "
                      "next_attempt_at=NULL, reconcile=0, updated_at=? WHERE id=? AND state='sending'",
                      ("awaiting_reply" if awaits else "done", iso_now(), item.id))
            if f.state == State.QUEUED.value:
                self._set_state(f, next_state(f.state, "send", f.mrn, f.lrn), "sender", "send", transport_id or "")

    def note_missing_reply(self, item: OutboxItem, kind: FailureKind, component: str, error: str) -> None:
        """Accepted but no functional reply in time: an attempt record for the continuity panel."""
        with self.transaction() as c:
            c.execute("INSERT INTO attempts(outbox_id, started_at, finished_at, outcome, kind, component, error) "
                      "VALUES(?,?,?,?,?,?,?)", (item.id, time.time(), time.time(), "failed", kind.value, component,
                                                error))
            c.execute("UPDATE outbox SET last_error=?, last_kind=?, last_component=?, updated_at=? WHERE id=?",
                      (error, kind.value, component, iso_now(), item.id))

    def log_outgoing(self, lrn: str, message_type: str, xml: bytes, transport_id: str | None) -> None:
        """An exchange outside the outbox (IE3Q05 consultation) still goes on the timeline."""
        with self.transaction():
            f = self._filing(lrn)
            self._add_message(f.id, "out", message_type, xml, f.lrn, f.mrn, transport_id)

    def requeue(self, item: OutboxItem, kind: FailureKind, component: str, error: str, retry_at: float) -> None:
        """The message left but its outcome is unknown: send again later, reconciling (same LRN)."""
        with self.transaction() as c:
            c.execute("INSERT INTO attempts(outbox_id, started_at, finished_at, outcome, kind, component, error) "
                      "VALUES(?,?,?,?,?,?,?)", (item.id, time.time(), time.time(), "failed", kind.value, component,
                                                error[:2000]))
            c.execute("UPDATE outbox SET state='pending', reconcile=1, next_attempt_at=?, last_error=?, last_kind=?, "
                      "last_component=?, owner=NULL, updated_at=? WHERE id=? AND state IN ('awaiting_reply','sending')",
                      (retry_at, error[:2000], kind.value, component, iso_now(), item.id))

    def give_up(self, item: OutboxItem, kind: FailureKind, component: str, error: str) -> None:
        """A waiting item is failed for good (a refusal confirmed by a consultation): it stops
        until an agent retries it, and says why."""
        with self.transaction() as c:
            moved = c.execute("UPDATE outbox SET state='failed', next_attempt_at=NULL, last_error=?, last_kind=?, "
                              "last_component=?, owner=NULL, updated_at=? WHERE id=? AND state='pending'",
                              (error[:2000], kind.value, component, iso_now(), item.id)).rowcount
            if moved:
                self._audit("sender", "send_failed", item.lrn, f"{item.message_type}: {error[:300]}")

    def flag_reconcile(self, item: OutboxItem) -> None:
        """The item's last send may have reached ICS2: a re-send must reconcile, not file anew."""
        with self.transaction():
            self.conn.execute("UPDATE outbox SET reconcile=1, updated_at=? WHERE id=?", (iso_now(), item.id))

    def clear_reconcile(self, item: OutboxItem) -> None:
        """A consultation found that ICS2 holds nothing for the item: its next send is a first one."""
        with self.transaction():
            self.conn.execute("UPDATE outbox SET reconcile=0, next_attempt_at=?, updated_at=? WHERE id=? AND "
                              "state='pending'", (time.time(), iso_now(), item.id))

    def sent_transport_id(self, item: OutboxItem) -> str | None:
        """The transport's id for the last send of this item's message (to ask the access point about it)."""
        row = self.conn.execute(
            "SELECT m.transport_id FROM messages m JOIN outbox o ON o.filing_id=m.filing_id WHERE o.id=? "
            "AND m.direction='out' AND m.message_type=o.message_type ORDER BY m.id DESC LIMIT 1",
            (item.id,)).fetchone()
        return row[0] if row else None

    def awaiting_since(self) -> list[tuple[OutboxItem, float]]:
        """Items waiting for their functional reply, with the time their successful attempt ended."""
        rows = self.conn.execute(
            "SELECT o.*, f.lrn, (SELECT MAX(finished_at) FROM attempts a WHERE a.outbox_id=o.id AND a.outcome='ok') "
            "AS sent_at FROM outbox o JOIN filings f ON f.id=o.filing_id WHERE o.state='awaiting_reply'").fetchall()
        return [(_item(r), r["sent_at"] or 0.0) for r in rows]

    def apply_reply(self, xml: bytes, transport_id: str | None = None, correlation_id: str | None = None,
                    recovered_mrn_for: str | None = None, transition: bool = True, parsed=None):
        """Store a reply and apply its lifecycle step. Returns the parsed Reply.

        Raises BadInputError for unparseable input (the caller quarantines it via record_unmatched).
        Exactly once: the transport message id is checked and taken inside the write transaction,
        so a reply polled by two drains or two desks is applied once. A reply that matches no
        filing is held (kept with its MRN) and applied, in message order, the moment a filing
        learns that MRN. A reply that does not fit the filing's state is kept and audited, and
        changes nothing, except a Do Not Load, which always reaches the filing.
        """
        from ..replies import parse_reply

        reply = parsed if parsed is not None else parse_reply(xml, "reply")
        mtype = reply.message_id
        if mtype == "IE3R08" and recovered_mrn_for:
            # what ICS2 holds for our LRN stands in for the reply we lost: registered or invalidated
            event = "IE3R07" if reply_state_from_r08(reply) == "09" else "IE3R01"
            lrn, mrn = recovered_mrn_for, reply_mrn_from_r08(reply)
        else:
            event, lrn, mrn = mtype, reply.lrn, reply.mrn
        if self.conn.in_transaction:  # the caller's transaction decides (and rolls back) on a race
            return self._apply_reply_in_tx(reply, xml, transport_id, correlation_id, recovered_mrn_for,
                                           transition, event, lrn, mrn)
        try:
            with self.transaction():
                return self._apply_reply_in_tx(reply, xml, transport_id, correlation_id, recovered_mrn_for,
                                               transition, event, lrn, mrn)
        except AlreadyReceived:
            return reply  # another desk stored and applied it first: rolled back here, applied once

    def _apply_reply_in_tx(self, reply, xml, transport_id, correlation_id, recovered_mrn_for, transition,
                           event, lrn, mrn):
        mtype = reply.message_id
        if self._already_received(transport_id):
            return reply  # delivered again (we crashed before acknowledging it): already applied
        f = self.find(lrn, mrn)
        if f is None:
            mid = self._add_message(None, "in", mtype, xml, lrn, mrn, transport_id, correlation_id)
            self._note_received(transport_id, mid)
            self._audit("sender", "unmatched_reply", lrn, f"{mtype} for LRN {lrn} / MRN {mrn}: no such filing "
                                                         "yet; held until a filing learns this MRN")
            return reply
        mid = self._add_message(f.id, "in", mtype, xml, lrn or f.lrn, mrn or f.mrn, transport_id, correlation_id)
        self._note_received(transport_id, mid)
        if (mtype == "IE3R08" and not recovered_mrn_for) or not transition:
            return reply  # kept for the timeline; changes nothing by itself
        self._apply_event(f, reply, event, mrn, mid, recovered=bool(recovered_mrn_for))
        return reply

    def _apply_event(self, f: Filing, reply, event: str, mrn: str | None, message_id: int,
                     recovered: bool = False) -> None:
        """The lifecycle step of one stored reply (inside the caller's transaction)."""
        from ..replies import DoNotLoad, InformationRequest, Rejected

        c = self.conn
        mtype = reply.message_id
        if event == "IE3R01" and (not mrn or mrn_problem(mrn)):
            self._audit("sender", "reply_refused", f.lrn, f"IE3R01 with an unusable MRN {mrn!r}: "
                                                          f"{mrn_problem(mrn or '') if mrn else 'missing'}")
            return
        if isinstance(reply, DoNotLoad):
            # precedence over every state, even one the table does not expect it in (an amendment
            # or an invalidation in flight): the flag is sticky and stops every truck sheet
            things = ", ".join(reply.containers + reply.documents)
            c.execute("UPDATE filings SET do_not_load_at=COALESCE(do_not_load_at, ?) WHERE id=?", (iso_now(), f.id))
            self._raise_alert(f, "do_not_load", message_id, things)  # what customs named, if anything
        try:
            state = next_state(f.state, event, mrn or f.mrn, f.lrn)
        except IllegalTransitionError as exc:
            # keep the message, say so in the audit trail, change nothing else
            self._audit("sender", "reply_out_of_sequence", f.lrn, str(exc))
            return
        new_mrn = mrn if event == "IE3R01" else None
        if isinstance(reply, Rejected):
            errors = [{"code": e.code, "pointer": e.pointer, "field": e.field_path, "message": e.message()}
                      for e in reply.errors]
            vid = self._open_item_version(f.id) or self._latest_version_id(f.id)
            c.execute("UPDATE versions SET errors=? WHERE id=?", (json.dumps(errors), vid))
            if not reply.duplicate_lrn and state is State.REJECTED:
                first = errors[0]["message"] if errors else ""
                self._raise_alert(f, "rejected", message_id, f"{mtype} {first}".strip())
        if isinstance(reply, InformationRequest):
            self._raise_alert(f, "info_requested", message_id, ", ".join(r for r in reply.references if r))
        self._set_state(f, state, "sender", mtype, "MRN recovered by consultation" if recovered else "", mrn=new_mrn)
        # a recovered MRN also closes the filing's item waiting to be re-sent for reconciliation
        open_states = "'awaiting_reply','sending','pending','failed'" if recovered else "'awaiting_reply','sending'"
        if mtype in FUNCTIONAL_REPLIES or recovered:
            kind = FailureKind.REJECTED.value if isinstance(reply, Rejected) else None
            err = "; ".join(e.message() for e in reply.errors)[:2000] if isinstance(reply, Rejected) else None
            c.execute("UPDATE outbox SET state='done', last_kind=COALESCE(?, last_kind), "
                      "last_error=COALESCE(?, last_error), updated_at=? "
                      f"WHERE filing_id=? AND state IN ({open_states})", (kind, err, iso_now(), f.id))
        if new_mrn and new_mrn != f.mrn:
            self._apply_held(new_mrn)

    def _apply_held(self, mrn: str) -> int:
        """The filing has just learned `mrn`: the notifications that came before it (IE3N03,
        IE3Q01, IE3Q02 carry only the MRN) reach it now, in the order they arrived."""
        from ..replies import parse_reply

        applied = 0
        rows = self.conn.execute("SELECT * FROM messages WHERE filing_id IS NULL AND direction='in' AND mrn=? "
                                 "AND problem IS NULL ORDER BY id", (mrn,)).fetchall()
        for r in rows:
            f = self.find(mrn=mrn)
            if f is None:
                return applied
            try:
                reply = parse_reply(bytes(r["xml"]), "held reply", check=False)
            except BadInputError as exc:  # stored before this version could read it: quarantine it
                self.conn.execute("UPDATE messages SET problem=? WHERE id=?", (str(exc)[:2000], r["id"]))
                continue
            self.conn.execute("UPDATE messages SET filing_id=?, lrn=COALESCE(lrn, ?) WHERE id=?",
                              (f.id, f.lrn, r["id"]))
            self._audit("sender", "held_reply_applied", f.lrn, f"{r['message_type']} received {r['created_at']}, "
                                                               f"held until the MRN {mrn} was known")
            if r["message_type"] != "IE3R08":
                self._apply_event(f, reply, r["message_type"], mrn, r["id"])
            applied += 1
        return applied

    def rematch_held(self) -> int:
        """Held notifications whose filing knows their MRN by now (stored by an earlier version of
        the desk, or a race between two desks): apply them. Returns how many were applied."""
        with self.transaction():
            mrns = [r[0] for r in self.conn.execute(
                "SELECT DISTINCT m.mrn FROM messages m JOIN filings f ON f.mrn = m.mrn "
                "WHERE m.filing_id IS NULL AND m.direction='in' AND m.problem IS NULL")]
            return sum(self._apply_held(m) for m in mrns)

    def _open_item_version(self, fid: int) -> int | None:
        row = self.conn.execute("SELECT version_id FROM outbox WHERE filing_id=? AND state IN "
                                "('awaiting_reply','sending') ORDER BY id DESC LIMIT 1", (fid,)).fetchone()
        return row[0] if row else None

    # --- alerts: what an agent must see and acknowledge by name ------------------------------
    def _raise_alert(self, f: Filing, kind: str, message_id: int | None, detail: str) -> None:
        self.conn.execute("INSERT INTO alerts(filing_id, kind, message_id, raised_at, detail) VALUES(?,?,?,?,?)",
                          (f.id, kind, message_id, iso_now(), detail[:500]))

    def open_alerts(self, limit: int = 200) -> list[Alert]:
        """Alerts nobody has acknowledged yet, Do Not Load first, then oldest first."""
        rows = self.conn.execute(
            "SELECT a.*, f.lrn, f.mrn, f.truck FROM alerts a JOIN filings f ON f.id=a.filing_id "
            "WHERE a.acknowledged_at IS NULL ORDER BY CASE a.kind WHEN 'do_not_load' THEN 0 "
            "WHEN 'info_requested' THEN 1 ELSE 2 END, a.id LIMIT ?", (limit,)).fetchall()
        return [_alert(r) for r in rows]

    def alerts(self, lrn: str) -> list[Alert]:
        """Every alert of one filing, acknowledged or not, oldest first."""
        f = self._filing(lrn)
        return [_alert(r) for r in self.conn.execute(
            "SELECT a.*, f.lrn, f.mrn, f.truck FROM alerts a JOIN filings f ON f.id=a.filing_id "
            "WHERE a.filing_id=? ORDER BY a.id", (f.id,))]

    def acknowledge_alert(self, alert_id: int, user: str) -> None:
        """A named agent has seen it: recorded with who and when, in the audit trail too. The
        truck's state does not change: a Do Not Load still stops the sheet."""
        if not (user or "").strip():
            raise BadInputError("an alert is acknowledged by a named agent: enter your name")
        with self.transaction() as c:
            r = c.execute("SELECT a.*, f.lrn FROM alerts a JOIN filings f ON f.id=a.filing_id WHERE a.id=?",
                          (alert_id,)).fetchone()
            if r is None:
                raise KnownError(f"no alert {alert_id}")
            if r["acknowledged_at"]:
                return  # another desk acknowledged it first
            c.execute("UPDATE alerts SET acknowledged_by=?, acknowledged_at=? WHERE id=?",
                      (user.strip(), iso_now(), alert_id))
            self._audit(user.strip(), "acknowledge", r["lrn"], f"{r['kind']}: {r['detail'] or ''}"[:500])

    def data_version(self) -> int:
        """Changes by another connection (another window, the CLI, another desk on this data dir
        or on the agency database) move this number (SQLite's PRAGMA data_version; PostgreSQL's
        notifications): cheap enough to poll every second."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def changes(self) -> set[str] | None:
        """What other desks changed since the last call ('filing:LRN', 'outbox:ID', 'alert:ID',
        'incident:ID'), as the agency database announced it; None when it cannot say: on SQLite,
        or after the agency session was renewed (re-read everything when data_version moves)."""
        changes = getattr(self.conn, "changes", None)
        return changes() if changes else None

    def wait_for_change(self, timeout: float) -> bool:
        """Block until another desk commits a change or `timeout` passes (agency database only;
        on SQLite, polls data_version)."""
        wait = getattr(self.conn, "wait_for_change", None)
        if wait:
            return wait(timeout)
        before, end = self.data_version(), time.monotonic() + timeout
        while time.monotonic() < end:
            if self.data_version() != before:
                return True
            threading.Event().wait(0.05)
        return False

    # --- agency guards --------------------------------------------------------------------------
    def transport_document_reuse(self, lrn: str) -> list[tuple[str, str]]:
        """Other filings of the same declarant that carry this filing's master transport document
        reference, lodged (queued or later) within the last 12 months: ICS2 rejects the second
        (error code 81, duplicate transport document reference). [(LRN, created_at)], newest first."""
        f = self._filing(lrn)
        row = self.conn.execute("SELECT transport_document FROM filings WHERE id=?", (f.id,)).fetchone()
        reference = row[0] if row else None
        if not reference:
            return []
        since = (clock.now() - timedelta(days=TRANSPORT_DOCUMENT_REUSE_DAYS)).strftime("%Y-%m-%dT%H:%M:%S")
        rows = self.conn.execute(
            "SELECT lrn, created_at FROM filings WHERE transport_document=? AND id<>? AND COALESCE(declarant, '')=? "
            "AND state NOT IN ('draft','ready','rejected','invalidated','cancelled') AND created_at>=? "
            "ORDER BY created_at DESC LIMIT 20",
            (reference, f.id, f.declarant or '', since)).fetchall()
        return [(r[0], r[1]) for r in rows]

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO meta(key, value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET "
                              "value=excluded.value", (key, value))


def standalone_prefix(prefix: str, data_dir: Path) -> str:
    """LRNs drawn by a desk in stand-alone must not be drawn by the agency meanwhile (or by another
    desk in stand-alone): their own prefix, the desk's letters after an S (moving them into the
    agency refuses a clash loudly, R3003, so one is never lost)."""
    import hashlib

    code = hashlib.sha1(f"{socket.gethostname()}:{Path(data_dir).resolve()}".encode()).hexdigest()[:3].upper()
    return f"{prefix[:4]}S{code}"


def reply_state_from_r08(reply) -> str | None:
    for ent in reply.document.data.get("ENSEntity", []):
        if ent.get("type") == "ENS":
            return ent.get("state")
    return None


def reply_mrn_from_r08(reply) -> str | None:
    for ent in reply.document.data.get("ENSEntity", []):
        if ent.get("type") == "ENS" and ent.get("state") != "02":
            return ent.get("identification")
    return None


def _filing(r: sqlite3.Row) -> Filing:
    return Filing(r["id"], r["lrn"], r["declarant"], r["state"], r["mrn"], r["truck"], r["crossing"], r["arrival"],
                  r["office"], r["message_type"], r["created_at"], r["updated_at"], r["version"],
                  r["do_not_load_at"])


def _alert(r: sqlite3.Row) -> Alert:
    return Alert(r["id"], r["lrn"], r["kind"], r["raised_at"], r["detail"] or "", r["mrn"], r["truck"],
                 r["acknowledged_by"], r["acknowledged_at"], r["message_id"])


def _message(r: sqlite3.Row) -> MessageRecord:
    return MessageRecord(r["id"], r["direction"], r["message_type"], r["lrn"], r["mrn"], r["transport_id"],
                         r["correlation_id"], bytes(r["xml"]), r["created_at"], r["problem"], r["message_version"])


def _item(r: sqlite3.Row) -> OutboxItem:
    return OutboxItem(r["id"], r["lrn"], r["message_type"], r["state"], r["attempts"], r["next_attempt_at"],
                      r["last_error"], r["last_kind"], r["last_component"], r["created_at"], r["updated_at"],
                      r["version_id"], bool(r["reconcile"]))


def _attempt(r: sqlite3.Row) -> Attempt:
    return Attempt(r["id"], r["outbox_id"], r["lrn"], r["message_type"], r["started_at"], r["finished_at"],
                   r["outcome"], r["kind"], r["component"], r["error"])
