"""The boarding rule applied to paper: a truck sheet carries scannable MRNs only when every ENS
on that truck may board (store.lifecycle.boarding). Anything else is refused with
MayNotBoardError, printed "for the record" with a stamp and no barcode, or, in a batch, left out
and reported in SheetBatch.skipped."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..errors import KnownError
from ..store.lifecycle import Boarding
from .meta import PrintFiling

_STRENGTH = list(Boarding)  # the enum lists the verdicts strongest first


def strongest(verdicts: Iterable[Boarding]) -> Boarding:
    """The verdict that wins for a truck: one Do Not Load stops the whole truck. Nothing known = not registered."""
    return min(verdicts, key=_STRENGTH.index, default=Boarding.NOT_REGISTERED)


def truck_verdict(group: list[PrintFiling]) -> Boarding:
    return strongest(f.verdict for f in group)


@dataclass(frozen=True)
class Skipped:
    """A filing whose truck got no sheet with a barcode, and why (in the printout's language)."""

    lrn: str
    verdict: Boarding
    reason: str

    def line(self) -> str:
        return f"LRN {self.lrn}: {self.reason}"


class MayNotBoardError(KnownError):
    """A truck sheet was asked for a truck that must not board. `skipped` lists each filing and why."""

    def __init__(self, message: str, skipped: Iterable[Skipped]):
        super().__init__(message)
        self.skipped = list(skipped)


@dataclass
class SheetBatch:
    """What render_truck_sheets did: the PDF (None when written to `out`), the LRNs printed with
    their barcodes, the filings left out, and those printed stamped for the record (no barcode)."""

    pdf: bytes | None
    printed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    stamped: list[Skipped] = field(default_factory=list)

    @property
    def stopped(self) -> list[Skipped]:
        """Every filing whose truck may not board, whether left out or stamped."""
        return self.skipped + self.stamped


def refusals(group: list[PrintFiling], lang: str) -> list[Skipped]:
    """[] when the truck may board; else every filing of the truck with its reason. A registered
    ENS on a stopped truck is named too: its barcode would board the truck all the same."""
    if truck_verdict(group) is Boarding.MAY_BOARD:
        return []
    from .labels import t

    stopped = [f.lrn or "?" for f in group if not f.may_board]
    out = []
    for f in group:
        reason = f.reason(lang) if not f.may_board else t("same_truck", lang).format(", ".join(stopped))
        out.append(Skipped(f.lrn or "?", f.verdict, reason))
    return out
