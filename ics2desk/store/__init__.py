"""ics2desk.store: the offline SQLite store and the ENS lifecycle (Qt-free).

API for the GUI and other features (one Store per thread; never share it across threads):

    from ics2desk.store import open_store, FilingQuery, State
    store = open_store()                  # data dir: --data-dir / ICS2DESK_DATA / platformdirs
    f = store.import_document(doc, user="agent")      # -> Filing (draft); keeps doc's LRN (BadInputError if
                                                      #    already used) or generates one (new_lrn=True)
    store.save_version(f.lrn, doc, user="agent")       # new version; state back to draft
    store.queue(f.lrn, user="agent")     # validates (draft->ready->queued) + outbox row, one transaction
    store.amend(lrn, doc, user) / store.invalidate(lrn, user) / store.answer_rfi(lrn, ie3r02_doc, user)
    store.lodged_version(lrn) -> "2"     # ICS2 message version its ENS was lodged with (every version and
                                         #   message records its own: Version/MessageRecord.message_version)
    store.version_refusal(lrn) -> LodgedUnderOlderVersionError | None   # amend would refuse: lodged under
                                         #   an older version; remedy: ics2desk.refile.refile(store, lrn, user)
    rows = store.list_filings(FilingQuery(text="AB12CDE", states=["queued"], sort="updated_at",
                                          descending=True, offset=0, limit=100))   # -> [Filing]
    n = store.count_filings(same_query); store.state_counts() -> {state: n}   # indexed, fast at 100k
    store.get(lrn) -> Filing; store.find(lrn=None, mrn=None); store.document(lrn) -> EnsDocument;
    store.versions(lrn) -> [Version] (xml, author, errors: [{code, pointer, field, message}] from IE3N99/N01)
    store.timeline(lrn) -> [MessageRecord] (direction in/out, message_type, xml, transport_id, mrn, created_at)
    store.outbox_items(states=None, lrn=None) -> [OutboxItem] (state, attempts, next_attempt_at,
                                         last_error, last_kind, last_component); store.attempts(outbox_id)
    store.retry_now(outbox_id, user) / pause / resume / cancel     # audited; store.audit_trail(lrn=None)
    store.recent_attempts(since_seconds=3600, failures_only=False) -> [Attempt] (kind = FailureKind value,
                                         component = Component value; for continuity/)
    store.close()   # or `with open_store() as store:`

Sending: ics2desk.outbox.Sender.open(data_dir).drain(until_empty=..., timeout=..., stop=event) in a worker
thread (it opens its own Store). Settings: ics2desk.settings.Settings.load(store.data_dir).

States (State enum, str values): draft, ready, queued, sent, registered, rejected,
assessment_complete, do_not_load, info_requested, info_answered, not_complete, amending,
invalidating, invalidated. A refused step raises errors.IllegalTransitionError (message says
what is allowed now). Outbox item states: pending, sending, awaiting_reply, done, failed,
paused, cancelled.
"""
from .db import open_store, resolve_data_dir
from .lifecycle import State, next_state
from .records import Alert, Attempt, Filing, FilingQuery, FilingRow, MessageRecord, OutboxItem, Version
from .store import Store

__all__ = ["Alert", "open_store", "resolve_data_dir", "State", "next_state", "Store", "Attempt", "Filing",
           "FilingQuery", "FilingRow", "MessageRecord", "OutboxItem", "Version"]
