"""Durable ELO state in SQLite: envelopes, the PDFs the service returned, the request queue and
the settings. Tables are prefixed `elo_` and live in the desk's main database (ics2desk.store's
file and connection settings); EloStore(store.conn) shares an open Store's connection. Without
ics2desk.store, the file elo.sqlite3 in the data dir is used. One EloStore per thread."""
from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import asdict

from ..store.tx import immediate_transaction
from .envelope import Appairage, DeclarationState, Envelope, StoppedEns

# The elo_* tables are created by the one migration history (ics2desk/store/migrations.py, step 6).


def _open_default(data_dir: str | os.PathLike | None) -> sqlite3.Connection:
    from ..store.db import connect_default

    return connect_default(data_dir)  # the agency database when the desk is on one


class EloStore:
    def __init__(self, conn: sqlite3.Connection | None = None, data_dir: str | os.PathLike | None = None):
        self._own = conn is None
        self.conn = conn or _open_default(data_dir)
        if isinstance(self.conn, sqlite3.Connection):
            self.conn.row_factory = sqlite3.Row
        from ..store.migrations import migrate

        migrate(self.conn)  # a no-op on a Store's connection, which is current

    def close(self) -> None:
        if self._own:  # a shared connection belongs to its Store
            self.conn.close()

    # --- envelopes ---------------------------------------------------------------------------
    def save(self, env: Envelope) -> Envelope:
        rest = {"other_mrns": env.other_mrns, "appairage": asdict(env.appairage),
                "declarations": [asdict(d) for d in env.declarations], "mode_creation": env.mode_creation,
                "procedure_secours_ics2": env.procedure_secours_ics2, "a_une_elo_valide": env.a_une_elo_valide,
                # keyed by MRN: stopped_ens_sweep finds what is already handled with json_extract
                "dates": env.dates, "stopped": {s.mrn: asdict(s) for s in env.stopped}}
        row = (env.lrn, env.truck, env.ens_mrn, env.numero_dossier, env.jeton, env.statut, env.sync,
               env.last_error, json.dumps(rest), time.time())
        with immediate_transaction(self.conn):
            if env.id is None:
                cur = self.conn.execute(
                    "INSERT INTO elo_envelopes (lrn, truck, ens_mrn, numero_dossier, jeton, statut, sync, last_error,"
                    " body, updated) VALUES (?,?,?,?,?,?,?,?,?,?)", row)
                env.id = cur.lastrowid
            else:
                self.conn.execute(
                    "UPDATE elo_envelopes SET lrn=?, truck=?, ens_mrn=?, numero_dossier=?, jeton=?, statut=?, sync=?,"
                    " last_error=?, body=?, updated=? WHERE id=?", row + (env.id,))
        return env

    @staticmethod
    def _envelope(r: sqlite3.Row) -> Envelope:
        rest = json.loads(r["body"])
        a = rest.get("appairage") or {}
        return Envelope(
            lrn=r["lrn"], truck=r["truck"], ens_mrn=r["ens_mrn"], other_mrns=rest.get("other_mrns", []),
            appairage=Appairage(a.get("sens", "IMPORT"), a.get("plein", True), a.get("flags") or Appairage().flags),
            id=r["id"], numero_dossier=r["numero_dossier"], jeton=r["jeton"], statut=r["statut"],
            mode_creation=rest.get("mode_creation"),
            declarations=[DeclarationState(**d) for d in rest.get("declarations", [])],
            procedure_secours_ics2=rest.get("procedure_secours_ics2", False),
            a_une_elo_valide=rest.get("a_une_elo_valide"), dates=rest.get("dates", {}),
            sync=r["sync"], last_error=r["last_error"],
            stopped=[StoppedEns(**s) for s in (rest.get("stopped") or {}).values()])

    def _one(self, where: str, arg) -> Envelope | None:
        r = self.conn.execute(f"SELECT * FROM elo_envelopes WHERE {where} = ?", (arg,)).fetchone()
        return self._envelope(r) if r else None

    def get(self, envelope_id: int) -> Envelope | None:
        return self._one("id", envelope_id)

    def by_lrn(self, lrn: str) -> Envelope | None:
        return self._one("lrn", lrn)

    def by_numero(self, numero: str) -> Envelope | None:
        return self._one("numero_dossier", numero)

    def by_truck(self, truck: str) -> list[Envelope]:
        rows = self.conn.execute("SELECT * FROM elo_envelopes WHERE truck = ? ORDER BY id DESC", (truck,))
        return [self._envelope(r) for r in rows]

    def mentioning(self, mrn: str) -> list[Envelope]:
        """Envelopes that hold `mrn` (wanted by the desk, or in French customs' last copy) or took it out."""
        rows = self.conn.execute("SELECT * FROM elo_envelopes WHERE ens_mrn = ? OR instr(body, ?) > 0 ORDER BY id",
                                 (mrn, mrn))
        return [e for e in map(self._envelope, rows)
                if mrn in e.mrns or mrn in e.server_mrns or e.stop_of(mrn) is not None]

    def all(self) -> list[Envelope]:
        return [self._envelope(r) for r in self.conn.execute("SELECT * FROM elo_envelopes ORDER BY id DESC")]

    # --- PDFs --------------------------------------------------------------------------------
    def save_pdf(self, envelope_id: int, pdf: bytes) -> None:
        with immediate_transaction(self.conn):
            self.conn.execute("INSERT INTO elo_pdfs (envelope_id, pdf, received) VALUES (?,?,?) ON CONFLICT(envelope_id) "
                              "DO UPDATE SET pdf=excluded.pdf, received=excluded.received",
                              (envelope_id, pdf, time.time()))

    def pdf(self, envelope_id: int) -> bytes | None:
        r = self.conn.execute("SELECT pdf FROM elo_pdfs WHERE envelope_id = ?", (envelope_id,)).fetchone()
        return bytes(r["pdf"]) if r else None

    # --- queue -------------------------------------------------------------------------------
    def enqueue(self, envelope_id: int, operation: str, now: float | None = None) -> int:
        now = time.time() if now is None else now
        with immediate_transaction(self.conn):
            return self.conn.execute(
                "INSERT INTO elo_queue (envelope_id, operation, next_attempt, created) VALUES (?,?,?,?)",
                (envelope_id, operation, now, now)).lastrowid

    def pending(self, envelope_id: int | None = None) -> list[sqlite3.Row]:
        if envelope_id is None:
            return list(self.conn.execute("SELECT * FROM elo_queue ORDER BY id"))
        return list(self.conn.execute("SELECT * FROM elo_queue WHERE envelope_id = ? ORDER BY id", (envelope_id,)))

    def heads(self) -> list[sqlite3.Row]:
        """The oldest request of each envelope: requests of one envelope go strictly in order."""
        return list(self.conn.execute(
            "SELECT * FROM elo_queue q WHERE id = (SELECT MIN(id) FROM elo_queue WHERE envelope_id = q.envelope_id)"
            " ORDER BY id"))

    def freeze(self, queue_id: int, exchange: dict) -> None:
        with immediate_transaction(self.conn):
            self.conn.execute("UPDATE elo_queue SET exchange = ? WHERE id = ?", (json.dumps(exchange), queue_id))

    def postpone(self, queue_id: int, next_attempt: float, error: str, kind: str) -> None:
        with immediate_transaction(self.conn):
            self.conn.execute("UPDATE elo_queue SET attempts = attempts + 1, next_attempt = ?, last_error = ?,"
                              " failure_kind = ? WHERE id = ?", (next_attempt, error, kind, queue_id))

    def done(self, queue_id: int) -> None:
        with immediate_transaction(self.conn):
            self.conn.execute("DELETE FROM elo_queue WHERE id = ?", (queue_id,))

    def drop_envelope_queue(self, envelope_id: int) -> None:
        with immediate_transaction(self.conn):
            self.conn.execute("DELETE FROM elo_queue WHERE envelope_id = ?", (envelope_id,))

    # --- settings ----------------------------------------------------------------------------
    def setting(self, key: str, default=None):
        r = self.conn.execute("SELECT value FROM elo_settings WHERE key = ?", (key,)).fetchone()
        return json.loads(r["value"]) if r else default

    def set_setting(self, key: str, value) -> None:
        with immediate_transaction(self.conn):
            self.conn.execute("INSERT INTO elo_settings (key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET "
                              "value=excluded.value", (key, json.dumps(value)))
