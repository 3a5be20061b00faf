"""Public rendering entry points: one filing, one truck, or a batch, to bytes or a file."""
from __future__ import annotations

from typing import BinaryIO, Iterable, Union
from os import PathLike

from reportlab.platypus import PageBreak

from ..model import EnsDocument
from . import facts
from .boarding import MayNotBoardError, SheetBatch, Skipped, refusals
from .labels import check_lang, t
from .meta import PrintFiling, PrintMeta
from .pages import build
from .sheet import sheet_story, truck_label
from .summary import summary_story

Out = Union[str, PathLike, BinaryIO, None]


def _filing(doc_or_filing: EnsDocument | PrintFiling, meta: PrintMeta | None = None) -> PrintFiling:
    if isinstance(doc_or_filing, PrintFiling):
        return doc_or_filing
    return PrintFiling(doc_or_filing, meta or PrintMeta())


def _join(stories: list[list]) -> list:
    story: list = []
    for i, part in enumerate(stories):
        if i:
            story.append(PageBreak())
        story += part
    return story


def render_summary(doc: EnsDocument, meta: PrintMeta | None = None, lang: str = "en", out: Out = None):
    """The A4 summary of one filing; returns the PDF bytes when out is None, else writes out."""
    return render_summaries([_filing(doc, meta)], lang, out)


def render_summaries(filings: Iterable[PrintFiling], lang: str = "en", out: Out = None):
    """Several summaries in one PDF, each starting on a new page with its own page x / y."""
    check_lang(lang)
    filings = list(filings)
    return build(_join([summary_story(f, lang) for f in filings]), t("summary_short", lang), out)


def truck_key(f: PrintFiling) -> tuple[str, ...]:
    """Filings on the same tractor+trailer share one truck sheet."""
    return tuple(facts.registrations(f.doc, facts.TRACTOR_TYPE) + facts.registrations(f.doc, facts.TRAILER_TYPE))


def group_by_truck(filings: Iterable[PrintFiling]) -> list[list[PrintFiling]]:
    groups: dict[tuple[str, ...], list[PrintFiling]] = {}
    for f in filings:
        key = truck_key(f) or (f"lrn:{f.lrn}",)  # no registration: one sheet per filing
        groups.setdefault(key, []).append(f)
    return list(groups.values())


def render_truck_sheet(filings: Iterable[PrintFiling] | EnsDocument, meta: PrintMeta | None = None,
                       lang: str = "en", out: Out = None, *, for_the_record: bool = False):
    """The driver's sheet for ONE truck: every MRN of `filings` (all on that truck).

    A truck that may not board (any of its ENS: Do Not Load, invalidated, rejected, not
    registered, state unknown) is refused with MayNotBoardError, in `lang`; with
    for_the_record=True it is printed stamped in large type, without any barcode."""
    check_lang(lang)
    group = [_filing(filings, meta)] if isinstance(filings, EnsDocument) else list(filings)
    refused = refusals(group, lang)
    if refused and not for_the_record:
        raise MayNotBoardError(_refused_text([(group, refused)], lang), refused)
    return build(sheet_story(group, lang), t("sheet_short", lang), out)


def render_truck_sheets(filings: Iterable[PrintFiling], lang: str = "en", out: Out = None, *,
                        for_the_record: bool = False) -> SheetBatch:
    """Batch: one sheet per truck (filings grouped by tractor+trailer), in first-seen order.

    Trucks that may not board are left out (SheetBatch.skipped, with reasons in `lang`), or with
    for_the_record=True printed stamped without barcode (SheetBatch.stamped). When no truck is
    left to print, MayNotBoardError with every reason, and nothing is written."""
    check_lang(lang)
    groups, batch, refused_groups = [], SheetBatch(pdf=None), []
    for group in group_by_truck(filings):
        refused = refusals(group, lang)
        if refused and not for_the_record:
            batch.skipped += refused
            refused_groups.append((group, refused))
            continue
        batch.stamped += refused
        batch.printed += [f.lrn or "?" for f in group]
        groups.append(group)
    if not groups:
        raise MayNotBoardError(t("nothing_printable", lang) + "\n" + _refused_text(refused_groups, lang),
                               batch.skipped)
    batch.pdf = build(_join([sheet_story(g, lang) for g in groups]), t("sheet_short", lang), out)
    return batch


def _refused_text(refused: list[tuple[list[PrintFiling], list[Skipped]]], lang: str) -> str:
    lines = []
    for group, skipped in refused:
        lines.append(t("refused_sheet", lang).format(truck_label(group)))
        lines += [f"  {s.line()}" for s in skipped]
    return "\n".join(lines)
