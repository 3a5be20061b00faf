"""The board: the state of each ICS2 component as this desk believes it.

States and who moves them:
    UP --(detection)--> SUSPECTED --(agent confirms)--> DECLARED
    any --(agent declares, or a customs notice)--> DECLARED (with a NoticeReference)
    SUSPECTED --(agent dismisses)--> UP (evidence up to then is ignored from now on)
    SUSPECTED/DECLARED --(replies flow again / notice of end)--> RECOVERING --> UP
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from ..errors import BadInputError, IllegalTransitionError
from ..failures import Component, FailureKind
from .detection import Inference, Observation


class State(str, Enum):
    UP = "up"
    SUSPECTED = "suspected"
    DECLARED = "declared"
    RECOVERING = "recovering"


COMPONENT_NAMES = {  # names as in the DGDDI note of 13 October 2025
    Component.EU_CONNECTION: ("Interface européenne de connexion (TAPAS, UUM&DS, STI)",
                              "EU connection layer (TAPAS, UUM&DS, STI/STP)"),
    Component.COMMON_REPOSITORY: ("Base européenne ICS2 (common repository)", "EU Common Repository (CR)"),
    Component.NATIONAL_SYSTEM: ("Brique nationale ICS2 (France)", "National ICS2 system (France)"),
    Component.OPERATOR_SYSTEM: ("Système d'information de l'opérateur", "Operator's own system"),
    Component.SERVICE_PROVIDER: ("Prestataire EDI / informatique", "EDI / IT service provider"),
}


def component_name(component: Component, lang: str = "en") -> str:
    fr, en = COMPONENT_NAMES[component]
    return fr if lang == "fr" else en


@dataclass(frozen=True)
class NoticeReference:
    """A disruption as customs reference it: by the date and time of the notice (Dutch customs)."""

    issuer: str  # "DGDDI", "Douane NL", "STI-STP start page", "agent" ...
    notice_at: datetime
    text: str = ""

    def __post_init__(self):
        if not self.issuer.strip():
            raise BadInputError("a notice reference needs its issuer")
        if self.notice_at.tzinfo is None:
            raise BadInputError("the notice time needs a time zone")

    def __str__(self) -> str:
        return f"{self.issuer} notice {self.notice_at:%Y-%m-%d %H:%M} UTC"


@dataclass
class ComponentStatus:
    component: Component
    state: State = State.UP
    since: datetime | None = None
    part: str | None = None
    evidence: list[Observation] = field(default_factory=list)
    reference: NoticeReference | None = None
    by: str | None = None  # who made the last manual change
    dismissed_at: datetime | None = None  # evidence up to here is explained (dismissed or recovered)

    def age(self, now: datetime) -> timedelta | None:
        """Time since the last change (None if never changed since the desk started)."""
        return None if self.since is None else now - self.since

    @property
    def down(self) -> bool:
        return self.state in (State.SUSPECTED, State.DECLARED)


class Board:
    def __init__(self) -> None:
        self._status = {c: ComponentStatus(c) for c in Component}

    def status(self, component: Component) -> ComponentStatus:
        return self._status[component]

    def all(self) -> list[ComponentStatus]:
        return list(self._status.values())

    def down(self) -> list[ComponentStatus]:
        return [s for s in self._status.values() if s.down]

    # --- automatic -------------------------------------------------------------------
    def apply(self, inference: Inference, now: datetime, min_count: int = 1) -> bool:
        """Mark the component suspected from an inference; True if the board changed.

        Evidence from before a dismissal does not count again; a declared component only
        gathers the new evidence.
        """
        s = self._status[inference.component]
        evidence = [o for o in inference.evidence if s.dismissed_at is None or o.at > s.dismissed_at]
        if len(evidence) < min_count:
            return False
        if s.state in (State.DECLARED, State.SUSPECTED):
            known = set(s.evidence)
            s.evidence.extend(o for o in evidence if o not in known)
            return False
        s.state, s.since, s.part, s.evidence, s.by = State.SUSPECTED, now, inference.part, evidence, None
        return True

    # --- the agent ---------------------------------------------------------------------
    def confirm(self, component: Component, user: str, now: datetime,
                reference: NoticeReference | None = None) -> None:
        s = self._status[component]
        if s.state is not State.SUSPECTED:
            raise IllegalTransitionError(f"{component.value} is {s.state.value}, not suspected: nothing to confirm")
        s.state, s.since, s.by = State.DECLARED, now, user
        s.reference = reference or NoticeReference(f"agent {user}", now, "confirmed from the evidence")

    def dismiss(self, component: Component, user: str, now: datetime) -> None:
        s = self._status[component]
        if s.state is not State.SUSPECTED:
            raise IllegalTransitionError(f"{component.value} is {s.state.value}, not suspected: nothing to dismiss")
        s.state, s.since, s.by, s.evidence, s.dismissed_at = State.UP, now, user, [], now

    def declare(self, component: Component, reference: NoticeReference, user: str, now: datetime) -> None:
        s = self._status[component]
        if s.state is State.DECLARED:
            s.reference, s.by = reference, user  # a newer notice about the same outage
            return
        s.state, s.since, s.by, s.reference = State.DECLARED, now, user, reference

    def recovering(self, component: Component, now: datetime, user: str | None = None) -> None:
        s = self._status[component]
        if not s.down:
            raise IllegalTransitionError(f"{component.value} is {s.state.value}: it cannot be recovering")
        s.state, s.since, s.by = State.RECOVERING, now, user
        s.dismissed_at = now  # failures from before the recovery must not re-suspect it

    def up(self, component: Component, now: datetime, user: str | None = None) -> None:
        s = self._status[component]
        if s.state is State.UP:
            return
        s.state, s.since, s.by, s.evidence, s.reference = State.UP, now, user, [], None
        s.dismissed_at = now  # the old failures are explained; only new ones count

    # --- persistence -------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {c.value: _status_to_dict(s) for c, s in self._status.items()}

    @classmethod
    def from_dict(cls, data: dict) -> "Board":
        board = cls()
        for key, d in data.items():
            try:
                c = Component(key)
            except ValueError:
                continue  # a component a newer version knew about
            board._status[c] = _status_from_dict(c, d)
        return board


def _dt(v: str | None) -> datetime | None:
    return datetime.fromisoformat(v) if v else None


def _iso(v: datetime | None) -> str | None:
    return v.isoformat() if v else None


def observation_to_dict(o: Observation) -> dict:
    return {"kind": o.kind.value, "at": o.at.isoformat(), "lrn": o.lrn, "error": o.error,
            "component_hint": o.component_hint.value if o.component_hint else None,
            "part": o.part, "attempt_id": o.attempt_id}


def observation_from_dict(d: dict) -> Observation:
    hint = d.get("component_hint")
    return Observation(FailureKind(d["kind"]), datetime.fromisoformat(d["at"]), d.get("lrn"),
                       d.get("error", ""), Component(hint) if hint else None, d.get("part"),
                       d.get("attempt_id"))


def _status_to_dict(s: ComponentStatus) -> dict:
    ref = s.reference
    return {"state": s.state.value, "since": _iso(s.since), "part": s.part, "by": s.by,
            "dismissed_at": _iso(s.dismissed_at),
            "evidence": [observation_to_dict(o) for o in s.evidence],
            "reference": None if ref is None else {"issuer": ref.issuer, "notice_at": ref.notice_at.isoformat(),
                                                   "text": ref.text}}


def _status_from_dict(c: Component, d: dict) -> ComponentStatus:
    ref = d.get("reference")
    return ComponentStatus(
        c, State(d["state"]), _dt(d.get("since")), d.get("part"),
        [observation_from_dict(o) for o in d.get("evidence", [])],
        None if ref is None else NoticeReference(ref["issuer"], datetime.fromisoformat(ref["notice_at"]),
                                                 ref.get("text", "")),
        d.get("by"), _dt(d.get("dismissed_at")))
