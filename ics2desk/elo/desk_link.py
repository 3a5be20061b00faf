"""Where the ELO meets the desk's filings (Qt-free; the ELO worker, the ELO box, the Outbox tab
and headless code call these, each on its own thread's connection):

- `adopt_registered`: an envelope for every ENS registered lately that has none yet;
- `boarding_verdicts`: may the trucks of an envelope board, read live from the filings table;
- `waiting_requests` / `retry_request`: the ELO queue as the Outbox tab lists it.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from .. import clock
from ..store.lifecycle import Boarding, boarding
from ..store.tx import immediate_transaction

#: filing states in which the truck may board, so its envelope is worth creating (not Do Not Load)
BOARDING_STATES = ("registered", "assessment_complete", "not_complete", "info_requested", "info_answered")
#: filings registered longer ago than this are not given an envelope when the desk starts
ADOPT_WINDOW = timedelta(days=1)


def adopt_registered(store, service, since: datetime | None = None) -> list[str]:
    """Prepare (and, by the auto_create setting, queue) an envelope for every filing registered
    since `since` that has none yet. Returns the LRNs adopted. Worker thread only."""
    since = since or clock.now() - ADOPT_WINDOW
    # a Do Not Load is sticky: an ENS amended back to "registered" after one still gets no envelope
    rows = store.conn.execute(
        "SELECT f.lrn, f.mrn FROM filings f LEFT JOIN elo_envelopes e ON e.lrn = f.lrn "
        f"WHERE e.id IS NULL AND f.mrn IS NOT NULL AND f.state IN ({','.join('?' * len(BOARDING_STATES))}) "
        "AND f.do_not_load_at IS NULL AND f.updated_at >= ? ORDER BY f.id LIMIT 200",
        (*BOARDING_STATES, since.strftime("%Y-%m-%dT%H:%M:%S"))).fetchall()
    adopted = []
    for lrn, mrn in rows:
        service.on_ens_registered(lrn, mrn, store.document(lrn))
        adopted.append(lrn)
    return adopted


def boarding_verdicts(conn: sqlite3.Connection, lrn: str | None,
                      mrns: list[str]) -> tuple[Boarding | None, dict[str, Boarding]]:
    """The boarding verdict of filing `lrn` and of every filing whose MRN is in `mrns`, read live
    from the desk's filings table (indexed look-ups), so an envelope is right before the worker's
    sweep has run. (None, {}) on a database without the desk's filings table."""
    try:
        own = conn.execute("SELECT state, do_not_load_at FROM filings WHERE lrn = ?", (lrn,)).fetchone() \
            if lrn else None
        rows = conn.execute(f"SELECT mrn, state, do_not_load_at FROM filings WHERE mrn IN "
                            f"({','.join('?' * len(mrns))})", mrns).fetchall() if mrns else []
    except sqlite3.OperationalError:
        return None, {}
    verdict = boarding(own[0], bool(own[1])) if own else None
    return verdict, {r[0]: boarding(r[1], bool(r[2])) for r in rows}


@dataclass
class EloRequest:
    """A request to French customs' ELO service waiting in its own durable queue (elo_queue),
    listed beside the ENS submissions so the agent sees everything that waits to leave."""

    id: int
    lrn: str
    message_type: str
    attempts: int
    next_attempt_at: float | None
    last_error: str | None
    state: str = "pending"
    last_component: str = "elo_service"


def waiting_requests(conn: sqlite3.Connection) -> list[EloRequest]:
    try:
        rows = conn.execute("SELECT q.id, e.lrn, q.operation, q.attempts, q.next_attempt, q.last_error "
                            "FROM elo_queue q JOIN elo_envelopes e ON e.id = q.envelope_id ORDER BY q.id").fetchall()
    except sqlite3.OperationalError:  # no ELO tables in this database
        return []
    return [EloRequest(r[0], r[1], f"ELO {r[2]}", r[3], r[4], r[5]) for r in rows]


def retry_request(conn: sqlite3.Connection, queue_id: int, now: float | None = None) -> None:
    """Make one waiting ELO request due now (the ELO worker sends it on its next pass)."""
    with immediate_transaction(conn):
        conn.execute("UPDATE elo_queue SET next_attempt = ? WHERE id = ?",
                     (time.time() if now is None else now, queue_id))
