"""Plain records the store hands out (no live database objects escape the store)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Filing:
    id: int
    lrn: str
    declarant: str | None
    state: str
    mrn: str | None
    truck: str | None
    crossing: str | None
    arrival: str | None
    office: str | None
    message_type: str
    created_at: str
    updated_at: str
    version: int
    do_not_load_at: str | None = None  # an IE3Q01 reached this filing: sticky, whatever the state now

    @property
    def boarding(self):
        """May this truck board? (ics2desk.store.lifecycle.Boarding)"""
        from .lifecycle import boarding

        return boarding(self.state, bool(self.do_not_load_at))


FilingRow = Filing  # list_filings rows carry the same columns

#: kind of crossing by ModeOfTransport, as the list's crossing column says it
CROSSING_KINDS = {"1": "ferry", "2": "rail", "3": "shuttle"}


def crossing_text(mode: str | None, loading: str | None, unloading: str | None) -> str:
    """The list's crossing column: 'ferry GBDVR-FRCQF'."""
    return f"{CROSSING_KINDS.get(mode or '', 'road')} {loading or ''}-{unloading or ''}"


def crossing_parts(text: str | None) -> tuple[str | None, str | None, str | None]:
    """(mode, place of loading, place of unloading) back from crossing_text, for rules that need
    them on a list row without reading the filing's XML (the lodging deadline)."""
    kind, _, places = (text or "").partition(" ")
    loading, _, unloading = places.partition("-")
    mode = next((m for m, k in CROSSING_KINDS.items() if k == kind), None)
    return mode, loading or None, unloading or None


@dataclass
class FilingQuery:
    text: str | None = None  # full-text (FTS5) over LRN, MRN, declarant, truck, crossing, goods
    states: list[str] | None = None
    declarant: str | None = None
    arrival_from: str | None = None  # ISO, inclusive
    arrival_to: str | None = None
    sort: str = "updated_at"  # one of SORTABLE
    descending: bool = True
    offset: int = 0
    limit: int = 100


SORTABLE = ("updated_at", "created_at", "lrn", "state", "arrival", "mrn", "truck", "declarant")


@dataclass
class Version:
    number: int
    message_type: str
    xml: bytes
    created_at: str
    author: str
    errors: list[dict] = field(default_factory=list)  # reply errors (IE3N99/IE3N01) landed on this version
    message_version: str | None = None  # ICS2 message version it was built with (schemaset.json)


@dataclass
class Alert:
    """Something customs said that an agent must see and acknowledge by name."""

    id: int
    lrn: str
    kind: str  # "do_not_load" | "info_requested" | "rejected"
    raised_at: str
    detail: str
    mrn: str | None = None
    truck: str | None = None
    acknowledged_by: str | None = None
    acknowledged_at: str | None = None
    message_id: int | None = None


@dataclass
class MessageRecord:
    id: int
    direction: str  # "out" | "in"
    message_type: str
    lrn: str | None
    mrn: str | None
    transport_id: str | None
    correlation_id: str | None
    xml: bytes
    created_at: str
    problem: str | None = None  # set on a quarantined incoming message: why it could not be used
    message_version: str | None = None  # ICS2 message version it was sent with (out) or read with (in)


@dataclass
class Attempt:
    id: int
    outbox_id: int
    lrn: str
    message_type: str
    started_at: float
    finished_at: float | None
    outcome: str  # in_progress | ok | accepted | failed
    kind: str | None  # failures.FailureKind value
    component: str | None  # failures.Component value
    error: str | None


@dataclass
class OutboxItem:
    id: int
    lrn: str
    message_type: str
    state: str  # pending | sending | awaiting_reply | done | failed | paused | cancelled
    attempts: int
    next_attempt_at: float | None
    last_error: str | None
    last_kind: str | None
    last_component: str | None
    created_at: str
    updated_at: str
    version_id: int
    reconcile: bool  # found mid-send after a crash
