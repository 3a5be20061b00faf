"""Page machinery shared by the summary and the truck sheet.

A printout is a sequence of sections (one per filing, or per truck for sheets). Each section's
story starts with a SectionMark; the canvas remembers which section every page belongs to and,
once all pages exist, stamps each one with its running header, "page x / y" counted within its
section, the generation line, and - for a filing without an MRN - the NOT REGISTERED watermark
and banner. Stamping at the end is what makes "y" known without a second layout pass.
"""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .. import __version__
from . import fonts
from .labels import NOT_REGISTERED, t

PAGE_W, PAGE_H = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 16 * mm
RED = (0.78, 0.05, 0.05)


@dataclass
class Section:
    title: str               # running header, e.g. "ENS summary"
    reference: str           # e.g. "LRN TCO… · MRN 26FR…"
    registered: bool
    lang: str
    footer: str              # generated at / dataset version line


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
    if not sec.registered:
        _not_registered(c)
    c.restoreState()


def _not_registered(c: Canvas) -> None:
    """Diagonal watermark over the content (translucent, so it cannot be hidden by a table) and
    a solid banner in the margin: no page of an unregistered filing passes for a registered one."""
    c.saveState()
    c.setFillColorRGB(*RED)
    c.setFillAlpha(0.16)
    c.translate(PAGE_W / 2, PAGE_H / 2)
    c.rotate(52)
    c.setFont(fonts.BOLD, 54)
    en, fr = NOT_REGISTERED.split(" / ")
    c.drawCentredString(0, 14 * mm, en)
    c.drawCentredString(0, -14 * mm, fr)
    c.restoreState()
    c.saveState()
    c.setFillColorRGB(*RED)
    h = 6 * mm
    y = PAGE_H - 19.5 * mm
    c.rect(MARGIN_X, y, PAGE_W - 2 * MARGIN_X, h, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont(fonts.BOLD, 10)
    c.drawCentredString(PAGE_W / 2, y + 1.8 * mm, f"{NOT_REGISTERED} — NO MRN / PAS DE MRN")
    c.restoreState()


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
