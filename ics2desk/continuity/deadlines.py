"""Which filings an outage hurts, and how long each truck has before its lodging deadline.

Road ENS: at the latest 1 hour before arrival (Delegated Reg. 2015/2446 Art. 108). Sources
disagree for a truck on a short-sea ferry, so the cut-off is configurable per crossing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..errors import BadInputError
from ..model import EnsDocument

#: the filing states an outage can leave a filing in
QUEUED = "queued"  # not sent yet (the outbox holds it)
UNANSWERED = "unanswered"  # sent, no functional reply yet
AFFECTED_STATES = (QUEUED, UNANSWERED)

_CROSSING_BY_MODE = {"1": "ferry", "3": "shuttle", "2": "rail"}


def crossing_of(doc: EnsDocument) -> str:
    """"ferry" (mode 1), "shuttle" (mode 3), "rail" (mode 2) or "road"."""
    return _CROSSING_BY_MODE.get(doc.get("activeBorderTransportMeans/ModeOfTransport") or "", "road")


@dataclass(frozen=True)
class Cutoffs:
    """How long before the estimated arrival the ENS must be lodged.

    The crossing presets (resources/presets/crossings.json, edited in Settings) are the one
    source: a filing made for a preset crossing takes its `lodging_cutoff_hours`, so the
    incident panel and the filings list count down to the same deadline. Other filings fall
    back to these minutes per kind of crossing (spec §3: ferry 2 h, shuttle 1 h, road 1 h).
    """

    minutes: dict[str, int] = field(default_factory=lambda: {"ferry": 120, "shuttle": 60, "road": 60, "rail": 60})
    default: int = 60
    presets: object | None = None  # ics2desk.reuse.presets.Presets

    def for_crossing(self, crossing: str) -> timedelta:
        m = self.minutes.get(crossing, self.default)
        if m < 0:
            raise BadInputError(f"the cut-off for {crossing} cannot be negative")
        return timedelta(minutes=m)

    def for_places(self, mode: str | None, unloading: str | None) -> timedelta:
        """THE cut-off rule, used by the Incidents panel, the filings list and `status`: the
        preset crossing's cut-off, else the minutes for its kind of crossing."""
        preset = self.presets.matching_places(mode, unloading) if self.presets is not None else None
        if preset is not None:
            return timedelta(hours=preset.lodging_cutoff_hours)
        return self.for_crossing(_CROSSING_BY_MODE.get(mode or "", "road"))

    def for_document(self, doc: EnsDocument) -> timedelta:
        return self.for_places(*_places_of_document(doc))

    def for_filing(self, filing) -> timedelta:
        """From a list row (ics2desk.store.Filing), without reading its XML."""
        return self.for_places(*_places_of_filing(filing))

    def deadline(self, arrival: str | datetime | None, mode: str | None, unloading: str | None) -> datetime | None:
        """THE lodging deadline: the estimated arrival minus the cut-off of its crossing; None when
        the arrival is unknown. The filings list, the Incidents panel, `ics2desk status` and the
        printed summary all come here (through the two readers below)."""
        at = arrival if isinstance(arrival, datetime) else parse_utc(arrival)
        return None if at is None else at - self.for_places(mode, unloading)

    def deadline_of_filing(self, filing) -> datetime | None:
        """The deadline of a list row (ics2desk.store.Filing: arrival and crossing columns)."""
        return self.deadline(filing.arrival, *_places_of_filing(filing))

    def deadline_of_document(self, doc: EnsDocument) -> datetime | None:
        """The deadline of a dataset (an unsaved form, the panel's queued documents)."""
        return self.deadline(doc.estimated_arrival, *_places_of_document(doc))


def _places_of_document(doc: EnsDocument) -> tuple[str | None, str | None]:
    return (doc.get("activeBorderTransportMeans/ModeOfTransport"),
            doc.get("consignmentMasterLevel/placeOfUnloading/UNLOCODE"))


def _places_of_filing(filing) -> tuple[str | None, str | None]:
    from ..store.records import crossing_parts

    mode, _, unloading = crossing_parts(filing.crossing)
    return mode, unloading


@dataclass
class PendingFiling:
    """What the continuity code needs to know about one filing in the outbox or store."""

    lrn: str
    state: str  # QUEUED or UNANSWERED (others are ignored)
    document: EnsDocument | None = None
    since: datetime | None = None  # queued or sent at


def parse_utc(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass
class AffectedFiling:
    lrn: str
    state: str
    crossing: str
    trucks: list[str]
    office: str | None
    arrival: datetime | None
    deadline: datetime | None
    since: datetime | None = None

    def time_left(self, now: datetime) -> timedelta | None:
        return None if self.deadline is None else self.deadline - now

    def overdue(self, now: datetime) -> bool:
        return self.deadline is not None and now > self.deadline

    def describe_left(self, now: datetime, lang: str = "en") -> str:
        left = self.time_left(now)
        if left is None:
            return "arrivée inconnue" if lang == "fr" else "arrival unknown"
        minutes = int(abs(left).total_seconds() // 60)
        hm = f"{minutes // 60} h {minutes % 60:02d}"
        if left < timedelta(0):
            return f"délai dépassé de {hm}" if lang == "fr" else f"deadline passed {hm} ago"
        return f"{hm} restantes" if lang == "fr" else f"{hm} left"


def affected_filing(f: PendingFiling, cutoffs: Cutoffs = Cutoffs()) -> AffectedFiling:
    doc = f.document
    if doc is None:
        return AffectedFiling(f.lrn, f.state, "road", [], None, None, None, f.since)
    crossing = crossing_of(doc)
    arrival = parse_utc(doc.estimated_arrival)
    deadline = cutoffs.deadline_of_document(doc)
    return AffectedFiling(f.lrn, f.state, crossing, doc.vehicle_registrations(), doc.office_of_first_entry,
                          arrival, deadline, f.since)


def affected_filings(filings: list[PendingFiling], now: datetime,
                     cutoffs: Cutoffs = Cutoffs()) -> list[AffectedFiling]:
    """Queued or unanswered filings, the most urgent (least time left) first."""
    out = [affected_filing(f, cutoffs) for f in filings if f.state in AFFECTED_STATES]
    far = now + timedelta(days=3650)
    return sorted(out, key=lambda a: (a.deadline or far, a.lrn))
