"""ics2desk.store: the offline SQLite store and the ENS lifecycle (Qt-free).

API for the GUI and other features (one Store per thread; never share it across threads):

    from ics2desk.store import open_store, FilingQuery, State
    store = open_store()                  # data dir: --data-dir / ICS2DESK_DATA / platformdirs
    f = store.import_document(doc, user="agent")      # -> Filing (state draft); LRN kept or generated
    store.save_version(f.lrn, doc, user="agent")       # new version; state back to draft
    store.queue(f.lrn, user="agent")     # validates (draft->ready->queued) + outbox row, one transaction
    store.amend(lrn, doc, user) / store.invalidate(lrn, user) / store.answer_rfi(lrn, doc, user)
    rows = store.list_filings(FilingQuery(text="AB12CDE", states=["queued"], sort="updated_at",
                                          descending=True, offset=0, limit=100))   # -> [FilingRow]
    n = store.count_filings(same_query)   # indexed; fast at 100,000 filings
    store.get(lrn) -> Filing; store.document(lrn) -> EnsDocument (latest version);
    store.versions(lrn) -> [Version];     store.timeline(lrn) -> [MessageRecord] (XML, direction, type)
    store.outbox_items(states=None) -> [OutboxItem] (attempts, next_attempt_at, last_error, last_kind,
                                         last_component); store.attempts(outbox_id) -> [Attempt]
    store.retry_now(outbox_id, user) / store.pause(outbox_id, user) / store.resume(outbox_id, user)
    store.cancel(outbox_id, user)        # all audited: store.audit_trail(lrn=None)
    store.recent_attempts(since_seconds=3600, failures_only=False) -> [Attempt] (for continuity/)
    store.close()

States (State enum, str values): draft, ready, queued, sent, registered, rejected,
assessment_complete, do_not_load, info_requested, info_answered, not_complete, amending,
invalidating, invalidated. A refused step raises errors.IllegalTransitionError.
Sending is done by ics2desk.outbox.Sender (headless or from a worker thread).
"""
from .db import open_store, resolve_data_dir
from .lifecycle import State, next_state
from .records import Attempt, Filing, FilingQuery, FilingRow, MessageRecord, OutboxItem, Version
from .store import Store

__all__ = ["open_store", "resolve_data_dir", "State", "next_state", "Store", "Attempt", "Filing",
           "FilingQuery", "FilingRow", "MessageRecord", "OutboxItem", "Version"]
