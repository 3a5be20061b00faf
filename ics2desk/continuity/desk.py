"""The continuity workflow in one place: observations -> board -> incident -> recovery.

The incident panel drives this object (from a worker for `refresh`, which reads the store);
tests and the headless CLI use it the same way. An incident opens when the agent confirms a
suspicion or declares a component down; the board alone only shows suspicions with evidence.
"""
from __future__ import annotations

from datetime import datetime

from ..errors import IllegalTransitionError, KnownError
from ..failures import Component
from .components import Board, NoticeReference, State
from .deadlines import AffectedFiling, Cutoffs, PendingFiling, affected_filings
from .detection import Inference, Observation, Thresholds, detect
from .incidents import Incident, IncidentStore
from .playbook import Playbook, Step


class ContinuityDesk:
    def __init__(self, incidents: IncidentStore, playbook: Playbook, thresholds: Thresholds = Thresholds(),
                 cutoffs: Cutoffs = Cutoffs()):
        self.incidents = incidents
        self.playbook = playbook
        self.thresholds = thresholds
        self.cutoffs = cutoffs
        self.board: Board = incidents.load_board()

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
