"""Thin adapters from ics2desk.store records to the continuity inputs.

Reads only what the store documents (ics2desk/store/__init__.py): `Store.recent_attempts()`
gives `Attempt` records (lrn, started_at/finished_at as epoch seconds, outcome "failed"/..., kind
= FailureKind value, component = Component value the sender blamed, error text);
`Store.list_filings(FilingQuery(states=[...]))` and `Store.document(lrn)` give the filings.
Everything here takes plain objects with those attributes, so tests can pass simple stand-ins.
"""
from __future__ import annotations

from datetime import datetime, timezone

from ..failures import Component, FailureKind
from .deadlines import QUEUED, UNANSWERED, Cutoffs, PendingFiling, parse_utc
from .detection import Observation, SentFiling, Thresholds

#: store filing state -> continuity view of it
STORE_STATES = {"queued": QUEUED, "sent": UNANSWERED}


def _utc(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, timezone.utc)


def observations_from_attempts(attempts) -> list[Observation]:
    """One Observation per failed attempt whose failure kind is known."""
    out = []
    for a in attempts:
        if getattr(a, "outcome", "failed") != "failed" or not a.kind:
            continue
        try:
            kind = FailureKind(a.kind)
        except ValueError:
            continue  # a kind this version does not know: no inference from it
        try:
            hint = Component(a.component) if a.component else None
        except ValueError:
            hint = None
        out.append(Observation(kind, _utc(a.finished_at or a.started_at), a.lrn, a.error or "", hint,
                               None, str(a.id)))
    return out


def last_success(attempts) -> datetime | None:
    """When a message was last handed over (outcome ok/accepted): the connection layer, own
    system and provider are back (not proof for the Common Repository: it may hold messages)."""
    times = [a.finished_at or a.started_at for a in attempts if getattr(a, "outcome", "") in ("ok", "accepted")]
    return _utc(max(times)) if times else None


def pending_from_store(store, limit: int = 500) -> list[PendingFiling]:
    """Queued and sent-but-unanswered filings with their documents (run in a worker thread)."""
    from ..store import FilingQuery

    rows = store.list_filings(FilingQuery(states=list(STORE_STATES), sort="arrival", descending=False,
                                          limit=limit))
    return [PendingFiling(r.lrn, STORE_STATES[r.state], store.document(r.lrn), parse_utc(r.updated_at))
            for r in rows]


def sent_from_store(store, limit: int = 500) -> list[SentFiling]:
    """Filings waiting for a functional reply (sent) or for assessment complete (registered)."""
    from ..store import FilingQuery

    rows = store.list_filings(FilingQuery(states=["sent", "registered"], limit=limit))
    return [SentFiling(r.lrn, parse_utc(r.updated_at), r.state == "registered") for r in rows
            if parse_utc(r.updated_at)]


def record_mrns_from_store(incidents, store, incident_id: int, now: datetime) -> list[str]:
    """Record the MRN of each filing still tracked for retrospective lodging that now has one."""
    done = []
    for lrn in incidents.outstanding(incident_id):
        try:
            mrn = store.get(lrn).mrn
        except Exception:  # noqa: BLE001 - a filing missing from the store stays outstanding
            continue
        if mrn and incidents.record_mrn(lrn, mrn, now):
            done.append(lrn)
    return done


def thresholds_from_settings(settings) -> Thresholds:
    """Thresholds from ics2desk.settings.Settings: the reply time is the outbox's own
    reply_timeout_s; N and T are the options continuity_count and continuity_window_minutes."""
    return Thresholds(count=int(settings.continuity_count),
                      window_minutes=int(settings.continuity_window_minutes),
                      reply_minutes=max(1, -(-int(settings.reply_timeout_s) // 60)),
                      via_provider=bool(settings.continuity_via_provider))


def cutoffs_from_settings(settings, data_dir=None) -> Cutoffs:
    """Lodging cut-offs: the crossing presets of the data dir (the same the filings list uses),
    then the option continuity_cutoff_minutes per kind of crossing, e.g. {"ferry": 120}."""
    from ..reuse import presets as presets_mod

    minutes = dict(Cutoffs().minutes)
    minutes.update({str(k): int(v) for k, v in (settings.continuity_cutoff_minutes or {}).items()})
    return Cutoffs(minutes, presets=presets_mod.load(data_dir))
