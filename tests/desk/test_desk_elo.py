"""ELO from the desk, without Qt: a newly registered ENS gets its envelope prepared once (never
one under a Do Not Load), and the ELO queue is listed and retried like the outbox."""
from __future__ import annotations

import time

from desk_tools import registered

from ics2desk.desk import Changed
from ics2desk.elo import EloService, EloStore
from ics2desk.simulator import replies as sim_replies


def test_registered_filings_are_adopted_once_and_a_do_not_load_never(desk, store):
    service = EloService(EloStore(store.conn))
    registered(store, "ELO26112500001", "ELODESK0001")
    stopped = registered(store, "ELO26112500002", "ELODESK0002")
    store.apply_reply(sim_replies.do_not_load(stopped.mrn, stopped.doc), "tid-q01-elo")
    assert desk.adopt_elo(service) == ["ELO26112500001"]
    assert service.store.by_lrn("ELO26112500001") is not None and service.store.by_lrn("ELO26112500002") is None
    assert desk.changes[-1] == Changed(elo=True)
    before = list(desk.changes)
    assert desk.adopt_elo(service) == [] and desk.changes == before  # nothing new: no event


def test_the_elo_queue_is_listed_and_a_request_made_due_now(desk, store):
    service = EloService(EloStore(store.conn))
    lodged = registered(store, "ELO26112500003", "ELODESK0003")
    service.on_ens_registered("ELO26112500003", lodged.mrn, lodged.doc, auto=True)  # queued for French customs
    store.conn.execute("UPDATE elo_queue SET next_attempt = ?, attempts = 2, last_error = 'HTTP 503'",
                       (time.time() + 600,))
    [request] = desk.elo_requests()
    assert (request.lrn, request.message_type, request.attempts, request.last_error) == \
        ("ELO26112500003", "ELO ENV_CRE01", 2, "HTTP 503")
    desk.retry_elo_request(request.id)
    [request] = desk.elo_requests()
    assert request.next_attempt_at <= time.time() and desk.changes[-1] == Changed(elo=True)
