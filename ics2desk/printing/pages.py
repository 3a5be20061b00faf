"""Page machinery shared by the summary and the truck sheet.

A printout is a sequence of sections (one per filing, or per truck for sheets). Each section's
story starts with a SectionMark; the canvas remembers which section every page belongs to and,
once all pages exist, stamps each one with its running header, "page x / y" counted within its
section, the generation line, and - for a truck that may not board (Do Not Load, invalidated,
rejected, not registered, state unknown) - the stamp as a watermark and a red banner. Stamping
at the end is what makes "y" known without a second layout pass.
"""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .. import __version__
from ..store.lifecycle import Boarding
from . import fonts
from .labels import BANNER_NOTES, STAMPS, t

PAGE_W, PAGE_H = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 16 * mm
RED = (0.78, 0.05, 0.05)


@dataclass
class Section:
    title: str               # running header, e.g. "ENS summary"
    reference: str           # e.g. "LRN TCO… · MRN 26FR…"
    verdict: Boarding        # anything but MAY_BOARD stamps every page of the section
    lang: str
    footer: str              # generated at / dataset version line
    note: str = ""           # the banner's second part; default: BANNER_NOTES[verdict]

    @property
    def stopped(self) -> bool:
        return self.verdict is not Boarding.MAY_BOARD


class SectionMark(Flowable):
    """Zero-size marker: the page it lands on, and the following ones, belong to `section`."""

    def __init__(self, section: Section):
        super().__init__()
        self.section = section

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        self.canv.ics2_section = self.section


class StampedCanvas(Canvas):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ics2_section: Section | None = None
        self._pages: list[tuple[dict, Section | None]] = []

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pages.append((dict(self.__dict__), self.ics2_section))
        self._startPage()

    def save(self):
        counts: dict[int, int] = {}
        for _, sec in self._pages:
            counts[id(sec)] = counts.get(id(sec), 0) + 1
        seen: dict[int, int] = {}
        for state, sec in self._pages:
            self.__dict__.update(state)
            seen[id(sec)] = seen.get(id(sec), 0) + 1
            if sec is not None:
                _stamp(self, sec, seen[id(sec)], counts[id(sec)])
            Canvas.showPage(self)
        Canvas.save(self)


def _stamp(c: Canvas, sec: Section, page: int, pages: int) -> None:
    c.saveState()
    top = PAGE_H - 9 * mm
    c.setFillColorRGB(0.25, 0.25, 0.25)
    c.setFont(fonts.BOLD, 8.5)
    c.drawString(MARGIN_X, top, fonts.printable(sec.title))
    c.setFont(fonts.REGULAR, 8.5)
    c.drawRightString(PAGE_W - MARGIN_X, top, fonts.printable(sec.reference))
    c.setStrokeColorRGB(0.6, 0.6, 0.6)
    c.setLineWidth(0.4)
    c.line(MARGIN_X, top - 2.5 * mm, PAGE_W - MARGIN_X, top - 2.5 * mm)
    c.line(MARGIN_X, 11 * mm, PAGE_W - MARGIN_X, 11 * mm)
    c.setFont(fonts.REGULAR, 7.5)
    c.drawString(MARGIN_X, 7 * mm, fonts.printable(f"{sec.footer} · ics2desk {__version__}"))
    c.setFont(fonts.BOLD, 8.5)
    c.drawRightString(PAGE_W - MARGIN_X, 7 * mm, f"{t('page', sec.lang)} {page} / {pages}")
    if sec.stopped:
        _stopped(c, sec)
    c.restoreState()


def _stopped(c: Canvas, sec: Section) -> None:
    """Diagonal watermark over the content (translucent, so it cannot be hidden by a table) and
    a solid banner in the margin: no page of a truck that may not board passes for a clean one."""
    stamp = STAMPS[sec.verdict]
    c.saveState()
    c.setFillColorRGB(*RED)
    c.setFillAlpha(0.16)
    c.translate(PAGE_W / 2, PAGE_H / 2)
    c.rotate(52)
    first, second = stamp.split(" / ")
    c.setFont(fonts.BOLD, min(fitted(x, 230 * mm, 54) for x in (first, second)))
    c.drawCentredString(0, 14 * mm, first)
    c.drawCentredString(0, -14 * mm, second)
    c.restoreState()
    c.saveState()
    c.setFillColorRGB(*RED)
    h = 6 * mm
    y = PAGE_H - 19.5 * mm
    c.rect(MARGIN_X, y, PAGE_W - 2 * MARGIN_X, h, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    banner = fonts.printable(f"{stamp} — {sec.note or BANNER_NOTES[sec.verdict]}")
    c.setFont(fonts.BOLD, fitted(banner, PAGE_W - 2 * MARGIN_X - 4 * mm, 10))
    c.drawCentredString(PAGE_W / 2, y + 1.8 * mm, banner)
    c.restoreState()


def fitted(text: str, width: float, size: float, font: str = fonts.BOLD) -> float:
    """The font size, at most `size`, at which `text` fits in `width`."""
    return min(size, width / max(pdfmetrics.stringWidth(text, font, 1), 1e-6))


class StopStamp(Flowable):
    """The verdict in large type across the page width: red, both languages, then `lines` (the
    reason in the agent's language). What a glance at the paper must tell: this truck does not board."""

    def __init__(self, verdict: Boarding, lines: list[str], width: float, size: float = 34, one_line: bool = False):
        super().__init__()
        fonts.register()
        self.stamp = [STAMPS[verdict]] if one_line else STAMPS[verdict].split(" / ")
        self.lines = [part for x in lines if x
                      for part in simpleSplit(fonts.printable(x), fonts.BOLD, 10, width - 8 * mm)]
        self.width = width
        self.size = min(fitted(x, width - 8 * mm, size) for x in self.stamp)
        self.height = 8 * mm + (1.15 * len(self.stamp) + 0.05) * self.size + 12.5 * len(self.lines)

    def wrap(self, *_):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFillColorRGB(*RED)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(fonts.BOLD, self.size)
        y = self.height - 4 * mm - 0.8 * self.size
        for word in self.stamp:
            c.drawCentredString(self.width / 2, y, word)
            y -= 1.15 * self.size
        y += 0.8 * self.size - 10  # from the last stamp baseline to the first line's
        c.setFont(fonts.BOLD, 10)
        for line in self.lines:
            c.drawCentredString(self.width / 2, y, line)
            y -= 12.5


def build(story: list, title: str, out=None) -> bytes | None:
    """Lay out `story` on A4 and write it to `out` (path or binary file); bytes when out is None."""
    fonts.register()
    target = BytesIO() if out is None else (str(out) if not hasattr(out, "write") else out)
    doc = BaseDocTemplate(target, pagesize=A4, title=title, author="ics2desk", creator=f"ics2desk {__version__}",
                          leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                          bottomMargin=MARGIN_BOTTOM, invariant=0)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_W - 2 * MARGIN_X, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=2 * mm, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=StampedCanvas)
    return target.getvalue() if out is None else None
