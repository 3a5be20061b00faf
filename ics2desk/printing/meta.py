"""What a printout needs besides the dataset: facts the store or the GUI know, not the XML."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .. import clock
from ..checkdigits import mrn_problem
from ..model import EnsDocument


@dataclass(frozen=True)
class PrintMeta:
    state: str | None = None          # lifecycle state as the store names it, printed as is
    mrn: str | None = None            # from the IE3R01 reply; falls back to the document's MRN
    version: int | str | None = None  # the dataset version number in the store
    agent_contact: str | None = None  # e.g. "Transit Côte d'Opale · +33 3 21 34 56 78"
    crossing: str | None = None       # e.g. "P&O Dover → Calais 09:00"; derived when absent
    generated_at: datetime = field(default_factory=lambda: clock.now())
    elo_token: str | None = None        # ELO jeton (issue 7: ics2desk.elo.sheet_info_for(lrn).jeton)
    elo_file_number: str | None = None  # ELO numeroDossier

    @classmethod
    def from_record(cls, record, **extra) -> "PrintMeta":
        """From a store record (ics2desk.store.Filing or FilingRow): state, MRN, version number."""
        return cls(state=getattr(record, "state", None), mrn=getattr(record, "mrn", None),
                   version=getattr(record, "version", None), **extra)


@dataclass(frozen=True)
class PrintFiling:
    """One filing to print: the dataset and what is known about it."""

    doc: EnsDocument
    meta: PrintMeta = field(default_factory=PrintMeta)

    @property
    def mrn(self) -> str | None:
        return self.meta.mrn or self.doc.mrn

    @property
    def mrn_problem(self) -> str | None:
        return mrn_problem(self.mrn) if self.mrn else None

    @property
    def registered(self) -> bool:
        """Only a well-formed MRN counts: anything else prints with the NOT REGISTERED mark."""
        return bool(self.mrn) and self.mrn_problem is None
