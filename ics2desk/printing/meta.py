"""What a printout needs besides the dataset: facts the store or the GUI know, not the XML."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .. import clock
from ..checkdigits import mrn_problem
from ..model import EnsDocument
from ..store.lifecycle import Boarding, boarding, boarding_reason


@dataclass(frozen=True)
class PrintMeta:
    state: str | None = None          # lifecycle state as the store names it; None = unknown: no barcode
    do_not_load: bool = False         # an IE3Q01 reached the filing at some point (store: do_not_load_at)
    mrn: str | None = None            # from the IE3R01 reply; falls back to the document's MRN
    version: int | str | None = None  # the dataset version number in the store
    lrn: str | None = None            # from the store: an amendment's dataset (IE3A50) carries no LRN
    agent_contact: str | None = None  # e.g. "Transit Côte d'Opale · +33 3 21 34 56 78"
    crossing: str | None = None       # e.g. "P&O Dover → Calais 09:00"; derived when absent
    generated_at: datetime = field(default_factory=lambda: clock.now())
    elo_token: str | None = None        # ELO jeton (issue 7: ics2desk.elo.sheet_info_for(lrn).jeton)
    elo_file_number: str | None = None  # ELO numeroDossier
    # the latest time to lodge the ENS, by the desk's one rule (ics2desk.desk.Desk.deadline, from
    # continuity.deadlines.Cutoffs): the caller knows the data dir's presets and settings
    lodging_deadline: datetime | None = None

    @classmethod
    def from_record(cls, record, **extra) -> "PrintMeta":
        """From a store record (ics2desk.store.Filing or FilingRow): state, the sticky Do Not Load,
        MRN, version number."""
        return cls(state=getattr(record, "state", None), do_not_load=bool(getattr(record, "do_not_load_at", None)),
                   mrn=getattr(record, "mrn", None), version=getattr(record, "version", None),
                   lrn=getattr(record, "lrn", None), **extra)


@dataclass(frozen=True)
class PrintFiling:
    """One filing to print: the dataset and what is known about it."""

    doc: EnsDocument
    meta: PrintMeta = field(default_factory=PrintMeta)

    @property
    def mrn(self) -> str | None:
        return self.meta.mrn or self.doc.mrn

    @property
    def lrn(self) -> str | None:
        return self.doc.lrn or self.meta.lrn

    @property
    def mrn_problem(self) -> str | None:
        return mrn_problem(self.mrn) if self.mrn else None

    @property
    def registered(self) -> bool:
        """A well-formed MRN (not, by itself, leave to board: see `verdict`)."""
        return bool(self.mrn) and self.mrn_problem is None

    @property
    def verdict(self) -> Boarding:
        """May this truck board on this filing? The store's rule, plus: no well-formed MRN, no boarding."""
        try:
            verdict = boarding(self.meta.state, self.meta.do_not_load)
        except ValueError:  # a state this version does not know is not a boarding state
            verdict = Boarding.NOT_REGISTERED
        if verdict is Boarding.MAY_BOARD and not self.registered:
            return Boarding.NOT_REGISTERED
        return verdict

    @property
    def may_board(self) -> bool:
        """The only case in which a printout carries a scannable MRN."""
        return self.verdict is Boarding.MAY_BOARD

    def reason(self, lang: str) -> str:
        """Why (or that) the truck may board, one sentence in `lang`."""
        from .labels import t

        verdict = self.verdict
        if verdict is Boarding.NOT_REGISTERED and self.meta.state is None:
            return t("state_unknown", lang)
        text = boarding_reason(verdict, lang)
        if verdict is Boarding.NOT_REGISTERED and self.mrn and self.mrn_problem:
            text += f" ({self.mrn}: {self.mrn_problem})"
        return text
