"""The continuity workflow in one place: observations -> board -> incident -> recovery.

The incident panel drives this object from its worker thread (gui/incidents/worker.py keeps only
the thread and the signals); tests and the headless CLI use it the same way. An incident opens
when the agent confirms a suspicion or declares a component down; the board alone only shows
suspicions with evidence.

Bound to the desk's store (`ContinuityDesk.open(store, settings)`), it also runs the store side
of the workflow: `refresh_from_store` (observations from the outbox attempts and overdue replies
-> board -> the `Snapshot` the panel shows, recovery offered or, with auto-recover, started, and
incidents closed once their queue has drained), `recover` (flag the fallback filings, make every
waiting outbox item due now) and `close`. One object per thread: the store's connection is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import BugError, IllegalTransitionError, KnownError
from ..failures import Component, FailureKind
from .components import Board, ComponentStatus, NoticeReference, State
from .deadlines import QUEUED, AffectedFiling, Cutoffs, PendingFiling, affected_filings
from .detection import Inference, Observation, Thresholds, detect
from .incidents import Incident, IncidentStore
from .playbook import Playbook, Step

#: a filing sent more than this long ago no longer counts as evidence of a missing reply
REPLY_HORIZON = timedelta(hours=24)


@dataclass
class IncidentView:
    """One open (or just closed) incident with what the panel lists for it."""

    incident: object  # continuity.incidents.Incident
    timeline: list  # [Event]
    checklist: list  # [(Step, Tick | None)]
    sent: list  # [SentRequest]
    retrospective: list  # [RetroFiling]


@dataclass
class Snapshot:
    """What the Incidents panel shows after a refresh: plain records, nothing tied to a connection."""

    now: datetime
    board: list[ComponentStatus]
    incidents: dict[Component, IncidentView]
    affected: list  # [AffectedFiling]
    playbook: object  # Playbook in force (immutable data)
    suggested: list[Component] = field(default_factory=list)  # sign of life: offer recovery
    new: list[Component] = field(default_factory=list)  # newly suspected on this refresh
    closed: list[dict] = field(default_factory=list)  # summaries of incidents closed on this refresh
    recovered: list[Component] = field(default_factory=list)  # recovery started by auto-recover: drain now


class ContinuityDesk:
    def __init__(self, incidents: IncidentStore, playbook: Playbook, thresholds: Thresholds = Thresholds(),
                 cutoffs: Cutoffs = Cutoffs(), store=None):
        self.incidents = incidents
        self.playbook = playbook
        self.thresholds = thresholds
        self.cutoffs = cutoffs
        self.store = store  # ics2desk.store.Store of this thread, for the *_from_store / recover / close steps
        self.board: Board = incidents.load_board()

    @classmethod
    def open(cls, store, settings=None, data_dir: Path | None = None) -> "ContinuityDesk":
        """The desk's continuity on `store` (this thread's connection): the playbook in force,
        the thresholds and lodging cut-offs of the settings (read from the data dir when None)."""
        from ..settings import Settings
        from .adapters import cutoffs_from_settings, thresholds_from_settings
        from .playbook import Library

        data_dir = Path(data_dir or store.data_dir)
        settings = settings if settings is not None else Settings.load(data_dir)
        return cls(IncidentStore(store.conn), Library(data_dir).in_force(), thresholds_from_settings(settings),
                   cutoffs_from_settings(settings, data_dir), store=store)

    def _save(self, now: datetime) -> None:
        self.incidents.save_board(self.board, now)

    # --- detection ---------------------------------------------------------------------
    def refresh(self, observations: list[Observation], now: datetime) -> list[Inference]:
        """Feed the latest observations; returns the inferences that newly suspect a component."""
        new = [inf for inf in detect(observations, now, self.thresholds)
               if self.board.apply(inf, now, self.thresholds.count)]
        self._save(now)
        return new

    # --- the agent ---------------------------------------------------------------------
    def confirm(self, component: Component, user: str, now: datetime,
                reference: NoticeReference | None = None) -> Incident:
        self.board.confirm(component, user, now, reference)
        return self._open(component, user, now)

    def declare(self, component: Component, reference: NoticeReference, user: str, now: datetime) -> Incident:
        self.board.declare(component, reference, user, now)
        inc = self.incidents.active_for(component)
        if inc is not None:
            self.incidents.set_reference(inc.id, reference, user, now)
            self._save(now)
            return self.incidents.get(inc.id)
        return self._open(component, user, now)

    def dismiss(self, component: Component, user: str, now: datetime) -> None:
        self.board.dismiss(component, user, now)
        self._save(now)

    def _open(self, component: Component, user: str, now: datetime) -> Incident:
        s = self.board.status(component)
        current = self.incidents.active_for(component)
        if current is not None:  # it failed again while recovering: same incident, not a new one
            self.incidents.log(current.id, now, f"down again; {len(s.evidence)} new observation(s)", user,
                               "declared", f"de nouveau indisponible ; {len(s.evidence)} nouvelle(s) observation(s)")
            self._save(now)
            return current
        inc = self.incidents.open(component, now, user, self.playbook.version, s.evidence, s.part, s.reference)
        self._save(now)
        return inc

    # --- what the panel shows -----------------------------------------------------------
    def tick(self, incident_id: int, step_id: str, user: str, now: datetime):
        """Tick a playbook step; the timeline shows the step's wording, not its id."""
        return self.incidents.tick(incident_id, step_id, user, now, self._wording(step_id))

    def untick(self, incident_id: int, step_id: str, user: str, now: datetime) -> None:
        self.incidents.untick(incident_id, step_id, user, now, self._wording(step_id))

    def _wording(self, step_id: str) -> tuple[str, str] | None:
        try:
            step = self.playbook.step(step_id)
        except KnownError:
            return None
        return step.text("en"), step.text("fr")

    def checklist(self, incident_id: int) -> list[tuple[Step, object]]:
        """(step, Tick or None) for the incident's component, in phase order."""
        inc = self.incidents.get(incident_id)
        ticks = self.incidents.ticks(incident_id)
        return [(s, ticks.get(s.id)) for s in self.playbook.steps_for(inc.component)]

    def affected(self, filings: list[PendingFiling], now: datetime) -> list[AffectedFiling]:
        return affected_filings(filings, now, self.cutoffs)

    # --- recovery -----------------------------------------------------------------------
    def recovering(self, component: Component, now: datetime, user: str,
                   fallback_lrns: list[str] = ()) -> Incident:
        """The component is back: flag the filings handled under the fallback for retrospective
        electronic lodging; the incident stays open until each has an MRN."""
        inc = self.incidents.active_for(component)
        if inc is None:
            raise IllegalTransitionError(f"no open incident for {component.value}")
        if self.board.status(component).state is not State.RECOVERING:
            self.board.recovering(component, now, user)
        self.incidents.log(inc.id, now, "component back: recovering; draining the outbox", user, "recovering",
                          "composant rétabli : reprise, vidage de la file d'envoi")
        if fallback_lrns:
            self.incidents.flag_for_retrospective(inc.id, list(fallback_lrns), user, now)
        self._save(now)
        return self.incidents.get(inc.id)

    def suggest_recovery(self, last_sent: datetime | None = None, last_reply: datetime | None = None,
                         last_assessment: datetime | None = None) -> list[Component]:
        """Components marked down whose newest evidence is older than the latest sign of life
        for that component: a message handed over (connection layer, own system, provider), a
        functional reply IE3R01/IE3N99 (Common Repository), an assessment complete (national
        system). The panel offers "mark as recovering?"; the agent decides."""
        sign = {Component.EU_CONNECTION: last_sent, Component.OPERATOR_SYSTEM: last_sent,
                Component.SERVICE_PROVIDER: last_sent, Component.COMMON_REPOSITORY: last_reply,
                Component.NATIONAL_SYSTEM: last_assessment}
        out = []
        for s in self.board.down():
            alive = sign[s.component]
            newest = max((o.at for o in s.evidence), default=s.since)
            if alive is not None and newest is not None and newest < alive:
                out.append(s.component)
        return out

    def record_mrn(self, lrn: str, mrn: str, now: datetime) -> bool:
        return self.incidents.record_mrn(lrn, mrn, now)

    def close_if_done(self, component: Component, now: datetime, user: str) -> dict | None:
        """Close the incident with its summary once every fallback filing has an MRN; None if not yet."""
        inc = self.incidents.active_for(component)
        if inc is None or self.incidents.outstanding(inc.id):
            return None
        summary = self.incidents.close_incident(inc.id, now, user, total_steps=len(self.playbook.steps_for(component)))
        self.board.up(component, now, user)
        self._save(now)
        return summary

    # --- the store side (worker thread) ---------------------------------------------------
    def _bound(self):
        if self.store is None:
            raise BugError("ContinuityDesk: this step reads the desk's store; build it with ContinuityDesk.open")
        return self.store

    def refresh_from_store(self, now: datetime, user: str, auto_recover: bool = False) -> Snapshot:
        """One pass of detection over the store: failed attempts (and, while nothing is down,
        overdue replies) feed the board; recovery is suggested on a sign of life (started at once
        with `auto_recover`); an incident recovering whose queue has drained is closed."""
        from .adapters import last_success, observations_from_attempts, record_mrns_from_store
        from .detection import overdue_replies

        store = self._bound()
        attempts = store.recent_attempts(since_seconds=self.thresholds.window_minutes * 60 + 60)
        self._database_back(now)
        observations = observations_from_attempts([a for a in attempts if a.outcome == "failed"])
        # overdue replies are stamped `now`: fed only while nothing is down yet, so evidence stays finite
        if not self.board.status(Component.COMMON_REPOSITORY).down and \
                not self.board.status(Component.NATIONAL_SYSTEM).down:
            observations += overdue_replies(self.sent_filings(now), now, self.thresholds)
        new = [inf.component for inf in self.refresh(observations, now)]
        suggested = self.suggest_recovery(last_sent=last_success(attempts), last_reply=self._last(["registered"]),
                                          last_assessment=self._last(["assessment_complete", "do_not_load",
                                                                      "info_requested"]))
        suggested = [c for c in suggested if self.incidents.active_for(c) is not None]
        recovered = []
        if auto_recover:
            for c in suggested:
                self.recover(c, user, now)
                recovered.append(c)
            suggested = []
        closed = []
        active = self.incidents.active()
        affected = self.affected(self.pending_filings(), now) if active or self.board.down() else []
        for inc in active:
            if self.board.status(inc.component).state is not State.RECOVERING:
                continue
            record_mrns_from_store(self.incidents, store, inc.id, now)
            if not affected:  # the queue has drained: every filing sent and answered
                summary = self.close_if_done(inc.component, now, user)
                if summary is not None:
                    closed.append(summary)
        return self.snapshot(now, affected, suggested, new, closed, recovered)

    # --- the agency database itself -------------------------------------------------------
    AGENCY_DATABASE = "agency database"

    def database_unreachable(self, now: datetime, why: str) -> Snapshot:
        """The agency database (the operator's own system, in the fiche réflexe's words) cannot be
        reached: the board says so at once, from memory (nothing can be read or written there),
        with the playbook's steps for that component; saves meanwhile are kept on each desk."""
        observation = Observation(FailureKind.GATEWAY_UNREACHABLE, now, None, why, Component.OPERATOR_SYSTEM,
                                  self.AGENCY_DATABASE)
        new = self.board.apply(Inference(Component.OPERATOR_SYSTEM, self.AGENCY_DATABASE, [observation]), now, 1)
        board = Board.from_dict(self.board.to_dict())
        return Snapshot(now, board.all(), {}, [], self.playbook, [], [Component.OPERATOR_SYSTEM] if new else [])

    def _database_back(self, now: datetime) -> None:
        """The database answers again: a suspicion this desk raised by itself for it (nobody
        declared it, there was no incident to open) is lifted; anything an agent did stays."""
        s = self.board.status(Component.OPERATOR_SYSTEM)
        if s.state is State.SUSPECTED and s.part == self.AGENCY_DATABASE and s.by is None:
            self.board.up(Component.OPERATOR_SYSTEM, now)
            self._save(now)

    def snapshot(self, now: datetime, affected=(), suggested=(), new=(), closed=(), recovered=()) -> Snapshot:
        views = {}
        for inc in self.incidents.active():
            views[inc.component] = IncidentView(inc, self.incidents.timeline(inc.id), self.checklist(inc.id),
                                                self.incidents.sent_requests(inc.id),
                                                self.incidents.retrospective(inc.id))
        board = Board.from_dict(self.board.to_dict())  # a copy: another thread gets its own objects
        return Snapshot(now, board.all(), views, list(affected), self.playbook, list(suggested), list(new),
                        list(closed), list(recovered))

    def pending_filings(self) -> list[PendingFiling]:
        from .adapters import pending_from_store

        return pending_from_store(self._bound())

    def sent_filings(self, now: datetime) -> list:
        from .adapters import sent_from_store

        return [s for s in sent_from_store(self._bound()) if now - s.sent_at < REPLY_HORIZON]

    def _last(self, states: list[str]) -> datetime | None:
        from ..store import FilingQuery
        from .deadlines import parse_utc

        rows = self._bound().list_filings(FilingQuery(states=states, sort="updated_at", descending=True, limit=1))
        return parse_utc(rows[0].updated_at) if rows else None

    def recover(self, component: Component, user: str, now: datetime) -> list[str]:
        """The component is back: flag the filings sent under the fallback (for retrospective
        lodging) and make every waiting outbox item due now; the caller asks the sender for a
        pass. A rejected item stays: it needs new data, not a retry. Returns the flagged LRNs."""
        store = self._bound()
        inc = self.incidents.active_for(component)
        lrns = sorted({lrn for s in self.incidents.sent_requests(inc.id) for lrn in s.lrns}) if inc else []
        self.recovering(component, now, user, lrns)
        for item in store.outbox_items(states=["pending", "failed"]):
            if item.last_kind != FailureKind.REJECTED.value:
                store.retry_now(item.id, user=user)
        return lrns

    def close_incident(self, component: Component, user: str, now: datetime, force: bool = False) -> dict | None:
        """The agent closes the incident (with `force`, steps or filings still open); the
        component is up again. None when there is no open incident."""
        inc = self.incidents.active_for(component)
        if inc is None:
            return None
        summary = self.incidents.close_incident(inc.id, now, user, force=force,
                                                total_steps=len(self.playbook.steps_for(component)))
        self.board.up(component, now, user)
        self._save(now)
        return summary

    def note(self, incident_id: int, text: str, user: str, now: datetime) -> None:
        self.incidents.log(incident_id, now, text, user)

    def pending_documents(self, component: Component) -> dict:
        """The queued filings' documents, for the fallback request the agent drafts."""
        docs = [p.document for p in self.pending_filings() if p.state == QUEUED and p.document is not None]
        return {"component": component, "documents": docs}

    def record_sent(self, incident_id: int, subject: str, body: str, lrns: list, to: str, user: str,
                    now: datetime) -> str:
        self.incidents.record_sent(incident_id, subject, body, lrns, to, user, now)
        return to

    def report_pdf(self, incident_id: int, path: str | Path, lang: str, now: datetime) -> str:
        from .pdf import incident_report_pdf

        affected = self.affected(self.pending_filings(), now)
        return str(incident_report_pdf(self.incidents, incident_id, self.playbook, Path(path), lang, affected, now))
