"""From what the outbox saw to which ICS2 component is probably down.

Input is a plain list of `Observation`s (one per failed attempt or overdue reply), so it can be
fed from the outbox's attempt records, a test, or the simulator. An inference is only made when
a component collects `Thresholds.count` observations within `Thresholds.window_minutes`: one
refused connection is noise, three in ten minutes is an outage. Every inference keeps the
observations it rests on so the agent sees why.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..errors import BadInputError
from ..failures import Component, FailureKind


@dataclass(frozen=True)
class Observation:
    kind: FailureKind
    at: datetime
    lrn: str | None = None
    error: str = ""
    component_hint: Component | None = None  # set when the sender knows better (e.g. which stage)
    part: str | None = None  # e.g. "TAPAS", "UUM&DS", "STI" when known
    attempt_id: str | None = None

    def describe(self) -> str:
        who = self.lrn or "-"
        return f"{self.at:%Y-%m-%d %H:%M:%S} {who} {self.kind.value}: {self.error}".rstrip(": ")


@dataclass(frozen=True)
class Thresholds:
    count: int = 3  # N observations ...
    window_minutes: int = 10  # ... within T minutes
    reply_minutes: int = 30  # sent, no functional reply after this long -> NO_FUNCTIONAL_REPLY
    via_provider: bool = True  # the desk sends through an EDI/IT provider (else its own access point)

    def __post_init__(self):
        if self.count < 1 or self.window_minutes < 1 or self.reply_minutes < 1:
            raise BadInputError("continuity thresholds must be positive numbers")


@dataclass
class Inference:
    component: Component
    part: str | None
    evidence: list[Observation]
    alternatives: tuple[Component, ...] = ()

    @property
    def lrns(self) -> list[str]:
        return sorted({o.lrn for o in self.evidence if o.lrn})

    @property
    def first_seen(self) -> datetime:
        return min(o.at for o in self.evidence)

    @property
    def last_seen(self) -> datetime:
        return max(o.at for o in self.evidence)


def implicated(kind: FailureKind, hint: Component | None = None, via_provider: bool = True,
               part: str | None = None) -> tuple[Component, str | None, tuple[Component, ...]] | None:
    """(component, part, alternatives) a failure points at; None for a functional rejection.

    A hint from the sender (it may know which hop answered, e.g. a 503 naming the Common
    Repository) wins over the default reading of the failure kind, which stays an alternative.
    """
    default = _by_kind(kind, hint, via_provider, part)
    if default is None or hint is None or hint is default[0]:
        return default
    return hint, part, (default[0],)


def _by_kind(kind: FailureKind, hint: Component | None, via_provider: bool,
             part: str | None) -> tuple[Component, str | None, tuple[Component, ...]] | None:
    if kind is FailureKind.REJECTED:
        return None  # the data is wrong, no component is down
    if kind in (FailureKind.GATEWAY_UNREACHABLE, FailureKind.TIMEOUT):
        # the next hop did not answer: our own side or the provider hosting the access point
        if hint in (Component.OPERATOR_SYSTEM, Component.SERVICE_PROVIDER):
            other = ({Component.OPERATOR_SYSTEM, Component.SERVICE_PROVIDER} - {hint}).pop()
            return hint, part, (other,)
        if via_provider:
            return Component.SERVICE_PROVIDER, part, (Component.OPERATOR_SYSTEM,)
        return Component.OPERATOR_SYSTEM, part, (Component.SERVICE_PROVIDER,)
    if kind is FailureKind.INTERFACE_ERROR:
        return Component.EU_CONNECTION, part or "STI/TAPAS", ()
    if kind is FailureKind.AUTH_REFUSED:
        return Component.EU_CONNECTION, part or "UUM&DS", ()
    if kind is FailureKind.NO_FUNCTIONAL_REPLY:
        # no IE3R01/IE3N99 at all -> the Common Repository; registered but no assessment
        # complete / control notification -> the national system (Dutch customs, 02-12-2025)
        if hint is Component.NATIONAL_SYSTEM:
            return Component.NATIONAL_SYSTEM, part, (Component.COMMON_REPOSITORY,)
        return Component.COMMON_REPOSITORY, part, (Component.NATIONAL_SYSTEM,)
    raise BadInputError(f"unknown failure kind {kind!r}")


def detect(observations: list[Observation], now: datetime,
           thresholds: Thresholds = Thresholds()) -> list[Inference]:
    """Components with at least `count` observations in the `window_minutes` ending at `now`.

    Sorted by most evidence first. The evidence is every implicating observation in the window.
    """
    since = now - timedelta(minutes=thresholds.window_minutes)
    groups: dict[tuple[Component, str | None], Inference] = {}
    for obs in sorted(observations, key=lambda o: o.at):
        if not since <= obs.at <= now:
            continue
        target = implicated(obs.kind, obs.component_hint, thresholds.via_provider, obs.part)
        if target is None:
            continue
        component, part, alternatives = target
        inf = groups.setdefault((component, part), Inference(component, part, [], alternatives))
        inf.evidence.append(obs)
    found = [inf for inf in groups.values() if len(inf.evidence) >= thresholds.count]
    return sorted(found, key=lambda i: (-len(i.evidence), i.component.value))


@dataclass
class SentFiling:
    """A filing sent and waiting for its functional reply (what the overdue check needs)."""

    lrn: str
    sent_at: datetime
    registered: bool = False  # IE3R01 received, waiting for assessment complete (IE3N03)
    attempt_id: str | None = None


def overdue_replies(sent: list[SentFiling], now: datetime,
                    thresholds: Thresholds = Thresholds()) -> list[Observation]:
    """NO_FUNCTIONAL_REPLY observations for filings whose reply is later than `reply_minutes`."""
    limit = timedelta(minutes=thresholds.reply_minutes)
    out = []
    for s in sent:
        if now - s.sent_at < limit:
            continue
        hint = Component.NATIONAL_SYSTEM if s.registered else Component.COMMON_REPOSITORY
        waited = int((now - s.sent_at).total_seconds() // 60)
        what = "no assessment complete" if s.registered else "no IE3R01/IE3N99"
        # stamped `now`: a reply still missing is current evidence, however long ago it was sent
        out.append(Observation(FailureKind.NO_FUNCTIONAL_REPLY, now, s.lrn,
                               f"sent {s.sent_at:%Y-%m-%d %H:%M} UTC, {what} after {waited} min", hint, None,
                               s.attempt_id))
    return out
