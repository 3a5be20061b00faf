"""The envelope lifecycle on the desk: prepare it from a registered ENS, queue the requests,
send them when the service answers, keep the state the service reports.

Edits (on_ens_registered, add_mrn, refresh, ...) only write to the store and queue a request: they
are safe on the GUI thread. drain() does the network I/O: call it from a worker thread (or
drain_loop in a plain thread headless). A transport fault leaves the request queued with a
growing delay; a refusal is dropped from the queue and shown on the envelope.
"""
from __future__ import annotations

import base64
import binascii
import json
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Callable, NamedTuple

from .. import clock as desk_clock
from ..errors import BadInputError, ComponentDownError, IllegalTransitionError, KnownError
from .client import EloClient, Exchange, make_exchange
from .envelope import Appairage, Envelope, Statut, StoppedEns, StopStatus, Sync, mrn_shape_problem
from .errors import EloNotConfigured, EloProtocolError
from .schemas import problems
from .settings import EloSettings
from .store import EloStore

BACKOFF = (5, 15, 30, 60, 120, 300)  # seconds before attempt n+1; the last value repeats
#: store.lifecycle.Boarding values that take an ENS out of its envelope (the others may still clear)
STOPPING = ("do_not_load", "invalidated")
#: how far back stopped_ens_sweep looks for a Do Not Load or an invalidation
STOP_WINDOW = timedelta(days=7)


class SheetInfo(NamedTuple):
    """What the truck sheet prints beside the MRNs, and the service's own PDF."""

    jeton: str
    numero_dossier: str
    pdf: bytes | None


class Stop(NamedTuple):
    """An ENS taken out of an envelope, and where that stands now (see StopStatus)."""

    mrn: str
    lrn: str
    verdict: str  # "do_not_load" | "invalidated"
    at: str
    status: StopStatus


@dataclass
class DrainResult:
    sent: list[int] = field(default_factory=list)  # envelope ids answered
    waiting: list[int] = field(default_factory=list)  # kept queued (service down, auth, settings)
    refused: list[int] = field(default_factory=list)

    @property
    def changed(self) -> set[int]:
        return set(self.sent) | set(self.refused) | set(self.waiting)


class EloService:
    def __init__(self, store: EloStore, client_factory: Callable[[], EloClient] | None = None,
                 clock: Callable[[], float] = time.time):
        self.store = store
        self.clock = clock
        self._client_factory = client_factory

    @property
    def settings(self) -> EloSettings:
        return EloSettings.load(self.store)

    def _envelope(self, envelope_id: int) -> Envelope:
        env = self.store.get(envelope_id)
        if env is None:
            raise BadInputError(f"No ELO envelope #{envelope_id}")
        return env

    # --- from the ENS -----------------------------------------------------------------------
    def on_ens_registered(self, lrn: str, mrn: str, doc=None, auto: bool | None = None) -> Envelope:
        """The hook for the registration reply (IE3R01): prepare the truck's envelope, and queue
        its creation when auto (default: the auto_create setting; else the agent clicks submit).
        Called again for the same LRN (e.g. re-filed), it replaces the ENS MRN; never with an MRN
        that was taken out because it may not board (on_ens_stopped)."""
        env = self.store.by_lrn(lrn)
        if env is not None and env.stop_of(mrn) is not None:
            return env
        if env is None:
            trucks = doc.vehicle_registrations() if doc is not None else []
            env = Envelope(lrn=lrn, truck=trucks[0] if trucks else "", ens_mrn=mrn,
                           appairage=Appairage(sens="IMPORT", plein=True))
            self.store.save(env)
        elif env.ens_mrn != mrn:
            self._require_modifiable(env)
            env.ens_mrn = mrn
            self.store.save(env)
            if env.created or self.store.pending(env.id):
                return self.submit(env.id)
        if auto if auto is not None else self.settings.auto_create:
            return self.submit(env.id)
        return env

    def submit(self, envelope_id: int) -> Envelope:
        """Queue what brings the service in line with the desk: creation, or a modification."""
        env = self._envelope(envelope_id)
        pending = self.store.pending(env.id)
        queued = [r["operation"] for r in pending]
        unsent = [r["operation"] for r in pending if r["exchange"] is None]
        if "ENV_CRE01" in unsent or "ENV_MOD01" in unsent:
            pass  # a request not yet sent is built at sending time: it picks this edit up
        elif env.created or "ENV_CRE01" in queued:  # created, or creation already on the wire
            self.store.enqueue(env.id, "ENV_MOD01", self.clock())
        else:
            self.store.enqueue(env.id, "ENV_CRE01", self.clock())
        env.sync, env.last_error = Sync.QUEUED.value, None
        return self.store.save(env)

    # --- agent edits ------------------------------------------------------------------------
    @staticmethod
    def _require_modifiable(env: Envelope) -> None:
        if not env.modifiable:
            raise IllegalTransitionError(
                f"ELO {env.numero_dossier} is {env.statut}: French customs accept changes only while it is "
                "FERMEE (before check-in). Create a new envelope for this truck if needed.")

    def add_mrn(self, envelope_id: int, mrn: str) -> Envelope:
        mrn = mrn.strip().upper()
        problem = mrn_shape_problem(mrn)
        if problem:
            raise BadInputError(problem)
        env = self._envelope(envelope_id)
        self._require_modifiable(env)
        if mrn in env.mrns:
            raise BadInputError(f"{mrn} is already in this envelope")
        if env.stop_of(mrn) is not None:
            raise BadInputError(f"{mrn} was taken out of this envelope: its ENS may not board "
                                f"({env.stop_of(mrn).verdict.replace('_', ' ')})")
        env.other_mrns.append(mrn)
        self.store.save(env)
        return self.submit(env.id) if env.sync != Sync.DRAFT.value else env

    def remove_mrn(self, envelope_id: int, mrn: str) -> Envelope:
        env = self._envelope(envelope_id)
        self._require_modifiable(env)
        if mrn == env.ens_mrn:
            env.ens_mrn = None
        elif mrn in env.other_mrns:
            env.other_mrns.remove(mrn)
        else:
            raise BadInputError(f"{mrn} is not in this envelope")
        self.store.save(env)
        return self.submit(env.id) if env.sync != Sync.DRAFT.value else env

    def set_appairage(self, envelope_id: int, appairage: Appairage) -> Envelope:
        """Direction, loaded/empty and the six flags."""
        env = self._envelope(envelope_id)
        self._require_modifiable(env)
        env.appairage = appairage
        self.store.save(env)
        return self.submit(env.id) if env.sync != Sync.DRAFT.value else env

    def refresh(self, envelope_id: int) -> None:
        """Queue an ENV_REC01 to pick up the state and the declarations' validation."""
        env = self._envelope(envelope_id)
        if env.created and "ENV_REC01" not in [r["operation"] for r in self.store.pending(env.id)]:
            self.store.enqueue(env.id, "ENV_REC01", self.clock())

    def refresh_open(self) -> None:
        """Queue a refresh of every envelope not yet landed (e.g. on a timer)."""
        for env in self.store.all():
            if env.created and env.statut != "DEBARQUEE":
                self.refresh(env.id)

    # --- an ENS that may no longer board ------------------------------------------------------
    def on_ens_stopped(self, lrn: str, verdict, mrn: str | None = None) -> list[Envelope]:
        """The ENS of `lrn` (MRN `mrn`, default the envelope's ENS) got a Do Not Load or was
        invalidated (verdict: Boarding.DO_NOT_LOAD / INVALIDATED, or its value): take the MRN out
        of every envelope holding it. While French customs accept changes (FERMEE) that is one
        ENV_MOD01, queued like any edit; an envelope never sent simply loses it; otherwise the
        stop record stays on the envelope and stops() says MANUAL: the agent must act at the ELO
        portal. Idempotent. Store writes only: safe anywhere, drain() sends."""
        verdict = str(getattr(verdict, "value", verdict))
        if verdict not in STOPPING:
            raise BadInputError(f"{lrn}: {verdict!r} does not take an ENS out of its ELO "
                                f"(only {' or '.join(STOPPING)} do)")
        own = self.store.by_lrn(lrn)
        mrn = mrn or (own.ens_mrn if own is not None else None)
        if not mrn:
            return []
        return [self._take_out(env, mrn, lrn, verdict) for env in self.store.mentioning(mrn)
                if env.statut != Statut.DEBARQUEE.value]  # landed: that crossing is over

    def _take_out(self, env: Envelope, mrn: str, lrn: str, verdict: str) -> Envelope:
        wanted = mrn in env.mrns
        record = env.stop_of(mrn)
        if record is None:
            env.stopped.append(StoppedEns(mrn, lrn, verdict, desk_clock.stamp()))
        elif record.verdict == verdict or record.verdict == "do_not_load":  # Do Not Load is the stronger word
            if not wanted:
                return env  # already taken out: nothing to write
        else:
            record.verdict = verdict
        if env.ens_mrn == mrn:
            env.ens_mrn = None
        env.other_mrns = [m for m in env.other_mrns if m != mrn]
        self.store.save(env)
        return self._send_removal(env) if wanted else env

    def _send_removal(self, env: Envelope) -> Envelope:
        pending = self.store.pending(env.id)
        on_wire = any(r["operation"] == "ENV_CRE01" and r["exchange"] for r in pending)
        if env.created or on_wire:
            # after the creation on the wire, or now: one ENV_MOD01; past FERMEE, EDI can do nothing
            return self.submit(env.id) if env.modifiable else env
        if not env.mrns:  # never sent, nothing left to declare: do not create an empty envelope
            self.store.drop_envelope_queue(env.id)
            env.sync, env.last_error = Sync.DRAFT.value, None
            return self.store.save(env)
        return env  # a creation still to send is built at sending time, without the MRN

    def stops(self, env: Envelope) -> list[Stop]:
        """The ENS taken out of `env`, each with where it stands now."""
        pending = self.store.pending(env.id) if env.id is not None else []
        return [Stop(s.mrn, s.lrn, s.verdict, s.at, _stop_status(env, s.mrn, pending)) for s in env.stopped]

    # --- service -> desk ----------------------------------------------------------------------
    def apply_notification(self, body: dict) -> Envelope | None:
        """Take in an ENV_NOT01 (check-in, boarding, landing). Unknown envelopes are ignored."""
        bad = problems("ENV_NOT01", body)
        if bad:
            raise EloProtocolError("ELO notification does not follow the published schema: " + "; ".join(bad[:5]))
        numero = (body.get("enveloppe") or {}).get("numeroDossier")
        env = self.store.by_numero(numero) if numero else None
        if env is None:
            return None
        env.apply_api(body["enveloppe"])
        return self.store.save(env)

    def sheet_info(self, lrn: str) -> SheetInfo | None:
        """(jeton, numeroDossier, pdf bytes) for the truck sheet; None before the ELO exists."""
        env = self.store.by_lrn(lrn)
        if env is None or not env.jeton or not env.numero_dossier:
            return None
        return SheetInfo(env.jeton, env.numero_dossier, self.store.pdf(env.id))

    def sheet_info_for_truck(self, registration: str) -> SheetInfo | None:
        for env in self.store.by_truck(registration):
            if env.jeton:
                return self.sheet_info(env.lrn)
        return None

    # --- sending ------------------------------------------------------------------------------
    def _exchange(self, env: Envelope, operation: str) -> Exchange | None:
        """The request for a queue entry, built from the envelope as it is now; None = nothing to send."""
        appairage = env.appairage.to_api()
        if operation == "ENV_CRE01":
            return make_exchange(operation, {"informationsAppairage": appairage, "identifiantsDeclaration": env.mrns})
        if not env.created:
            return None
        if operation == "ENV_REC01":
            return make_exchange(operation, {"numeroDossier": env.numero_dossier}, env.numero_dossier)
        add = [m for m in env.mrns if m not in env.server_mrns]
        remove = [m for m in dict.fromkeys(env.server_mrns) if m not in env.mrns]
        return make_exchange(operation, {"numeroDossier": env.numero_dossier, "informationsAppairage": appairage,
                                         "identifiantsDeclarationAAjouter": add,
                                         "identifiantsDeclarationASupprimer": remove}, env.numero_dossier)

    def drain(self, client: EloClient | None = None, now: float | None = None) -> DrainResult:
        """Send every queued request that is due. Blocking network I/O: worker thread only."""
        now = self.clock() if now is None else now
        result = DrainResult()
        heads = [r for r in self.store.heads() if r["next_attempt"] <= now]
        if not heads:
            return result
        own = client is None
        try:
            client = client or (self._client_factory or self.settings.client)()
        except KnownError as exc:  # not configured: everything stays queued
            for row in heads:
                self._postpone(row, exc, now, result)
            return result
        try:
            for row in heads:
                self._send_one(client, row, now, result)
        finally:
            if own:
                client.close()
        return result

    def _send_one(self, client: EloClient, row, now: float, result: DrainResult) -> None:
        env = self._envelope(row["envelope_id"])
        if row["exchange"]:
            ex = Exchange(**json.loads(row["exchange"]))
        else:
            ex = self._exchange(env, row["operation"])
            if ex is None:
                self.store.done(row["id"])
                return
            self.store.freeze(row["id"], asdict(ex))
        try:
            answer = client.send(ex)
        except (ComponentDownError, EloNotConfigured) as exc:  # fixable without changing the envelope
            self._postpone(row, exc, now, result)
            return
        except KnownError as exc:  # refused, bad request, answer off-schema: the agent must act
            self.store.done(row["id"])
            if row["operation"] == "ENV_CRE01":
                self.store.drop_envelope_queue(env.id)  # nothing else can go before it exists
            env.sync, env.last_error = Sync.REFUSED.value, str(exc)
            self.store.save(env)
            result.refused.append(env.id)
            return
        self.store.done(row["id"])
        local = env.appairage
        env.apply_api(answer)
        if any(r["operation"] == "ENV_MOD01" and r["exchange"] is None for r in self.store.pending(env.id)):
            env.appairage = local  # an edit still to send wins over the service's older copy
        pdf = answer.get("pdf")
        if pdf:
            try:
                self.store.save_pdf(env.id, base64.b64decode(pdf, validate=True))
            except (binascii.Error, ValueError):
                pass  # keep the envelope; the sheet still prints the token
        more = [r for r in self.store.pending(env.id)]
        env.sync = Sync.QUEUED.value if more else Sync.IN_SYNC.value
        env.last_error = None
        self.store.save(env)
        result.sent.append(env.id)

    def _postpone(self, row, exc: KnownError, now: float, result: DrainResult) -> None:
        delay = BACKOFF[min(row["attempts"], len(BACKOFF) - 1)]
        kind = getattr(getattr(exc, "failure_kind", None), "value", "interface_error")
        self.store.postpone(row["id"], now + delay, str(exc), kind)
        env = self._envelope(row["envelope_id"])
        env.sync = Sync.QUEUED.value
        env.last_error = f"{exc} — will retry automatically"
        self.store.save(env)
        result.waiting.append(env.id)


def _stop_status(env: Envelope, mrn: str, pending) -> StopStatus:
    if not env.created:
        bodies = [json.loads(r["exchange"])["body"] for r in pending if r["operation"] == "ENV_CRE01" and r["exchange"]]
        on_wire = any(mrn in b.get("identifiantsDeclaration", []) for b in bodies)
        return StopStatus.REMOVING if on_wire else StopStatus.WITHHELD
    if mrn not in env.server_mrns:
        return StopStatus.REMOVED
    if env.modifiable and any(r["operation"] in ("ENV_CRE01", "ENV_MOD01") for r in pending):
        return StopStatus.REMOVING
    return StopStatus.MANUAL  # refused, or no longer FERMEE: French customs still hold it


def _stopped_verdict(store) -> str:
    """SQL for the verdict an envelope's body records for the stopped MRN s.mrn (JSON, per dialect)."""
    if getattr(store, "dialect", "sqlite") == "postgresql":
        return "(e.body::jsonb #>> ARRAY['stopped', s.mrn, 'verdict'])"
    return "json_extract(e.body, '$.stopped.\"' || s.mrn || '\".verdict')"


def stopped_ens_sweep(store, service: EloService, since: datetime | None = None) -> list[str]:
    """For the ELO worker, beside adopt_registered: every ENS that got a Do Not Load or is (being)
    invalidated since `since` (default STOP_WINDOW ago) and that an envelope still holds without
    a stop record -> service.on_ens_stopped. `store` is the desk's Store (ics2desk.store) on this
    thread. Returns the LRNs handled; once handled, an ENS costs one indexed look-up per sweep."""
    stamp = (since or desk_clock.now() - STOP_WINDOW).strftime("%Y-%m-%dT%H:%M:%S")
    rows = store.conn.execute(
        "WITH stopped AS (SELECT f.id, f.lrn, f.mrn, CASE WHEN f.do_not_load_at IS NOT NULL OR f.state = 'do_not_load' "
        "  THEN 'do_not_load' ELSE 'invalidated' END AS verdict FROM filings f WHERE f.mrn IS NOT NULL AND ("
        "  (f.updated_at >= ? AND (f.do_not_load_at IS NOT NULL OR f.state IN ('do_not_load', 'invalidated', 'invalidating')))"
        # a Do Not Load reaching an amendment in flight sets the flag without a state change
        "  OR (f.state = 'amending' AND f.do_not_load_at >= ?))) "
        "SELECT s.lrn, s.mrn, s.verdict FROM stopped s WHERE EXISTS (SELECT 1 FROM elo_envelopes e "
        "  WHERE (e.ens_mrn = s.mrn OR instr(e.body, s.mrn) > 0) AND COALESCE(e.statut, '') != 'DEBARQUEE' "
        f"  AND COALESCE({_stopped_verdict(store)}, '') NOT IN (s.verdict, 'do_not_load')) "
        "ORDER BY s.id LIMIT 200", (stamp, stamp)).fetchall()
    for lrn, mrn, verdict in rows:
        service.on_ens_stopped(lrn, verdict, mrn)
    return [r[0] for r in rows]


def drain_loop(stop: threading.Event, make_service: Callable[[], EloService], interval: float = 5.0) -> None:
    """Headless worker: drain the queue until `stop` is set. Opens its own store in this thread."""
    service = make_service()
    while not stop.is_set():
        try:
            service.drain()
        except KnownError:
            pass  # shown on the envelopes; try again later
        stop.wait(interval)


def sheet_info_for(lrn: str, data_dir=None) -> SheetInfo | None:
    """For the truck sheet (printing, any thread): (jeton, numeroDossier, pdf) of the LRN's ELO,
    None when the truck has none yet. Opens and closes its own store."""
    store = EloStore(data_dir=data_dir)
    try:
        return EloService(store).sheet_info(lrn)
    finally:
        store.close()
