"""The one-page truck sheet for the driver: registrations, crossing, every MRN as a large barcode,
seals, the agent's contact, and a reserved box for the ELO token/file number (issue 7).

Barcodes only when the whole truck may board (boarding.truck_verdict). A stopped truck's sheet
exists only "for the record" (render.py decides): the verdict in large type, no barcode at all."""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..store.lifecycle import Boarding
from . import facts, fonts
from .barcode import MrnBarcode
from .boarding import refusals, truck_verdict
from .labels import FOR_THE_RECORD, NO_MRN, STAMPS, t
from .meta import PrintFiling
from .pages import MARGIN_X, PAGE_W, RED, Section, SectionMark, StopStamp, fitted
from .styles import key_value_style, styles
from .summary import P, footer_line

WIDTH = PAGE_W - 2 * MARGIN_X


def agent_contact(f: PrintFiling) -> str:
    if f.meta.agent_contact:
        return f.meta.agent_contact
    p = f.doc.data.get("representative") or f.doc.data.get("declarant") or {}
    return " · ".join(x for x in (p.get("name"), facts.party_contact(p)) if x)


def truck_label(group: list[PrintFiling]) -> str:
    doc = group[0].doc
    regs = facts.registrations(doc, facts.TRACTOR_TYPE) + facts.registrations(doc, facts.TRAILER_TYPE)
    return " · ".join(regs) or f"LRN {group[0].lrn or '—'}"


def sheet_section(group: list[PrintFiling], lang: str) -> Section:
    verdict = truck_verdict(group)
    note = NO_MRN if verdict is Boarding.NOT_REGISTERED and not any(f.registered for f in group) else ""
    return Section(t("sheet_short", lang), truck_label(group), verdict, lang,
                   footer_line(group[0], lang) + (f" · {len(group)} {t('filings', lang)}" if len(group) > 1 else ""),
                   note=note)


def sheet_story(group: list[PrintFiling], lang: str) -> list:
    """The sheet of one truck. The caller (render.py) has decided that a stopped truck is printed
    at all (for the record); here a stopped truck simply gets its stamp and no barcode."""
    s = styles()
    first = group[0]
    doc = first.doc
    verdict = truck_verdict(group)
    boards = verdict is Boarding.MAY_BOARD
    tractors = facts.registrations(doc, facts.TRACTOR_TYPE)
    trailers = facts.registrations(doc, facts.TRAILER_TYPE)
    story: list = [SectionMark(sheet_section(group, lang)), Paragraph(escape(t("sheet_title", lang)), s["title"])]
    if not boards:
        story += [StopStamp(verdict, [FOR_THE_RECORD] + [r.line() for r in refusals(group, lang)], WIDTH),
                  Spacer(1, 3 * mm)]

    regs = Table([[P(t("tractor", lang), "bigkey"), P(t("trailer", lang), "bigkey")],
                  [P(", ".join(facts.with_nationality(doc, r) for r in tractors) or "—", "big"),
                   P(", ".join(facts.with_nationality(doc, r) for r in trailers) or "—", "big")]],
                 colWidths=[WIDTH / 2, WIDTH / 2], hAlign="LEFT")
    regs.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                              ("LINEAFTER", (0, 0), (0, -1), 0.6, colors.black),
                              ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 3),
                              ("BOTTOMPADDING", (0, 1), (-1, 1), 6)]))
    story += [regs, Spacer(1, 3 * mm)]

    arrivals = sorted(x for x in (f.doc.estimated_arrival for f in group) if x)
    abt = doc.data.get("activeBorderTransportMeans") or {}
    info = [
        (t("crossing", lang), first.meta.crossing or " · ".join(
            x for x in (facts.code_text("CL018", abt.get("ModeOfTransport"), lang), facts.crossing(doc)) if x)),
        (t("etd", lang), facts.when(abt.get("estimatedDateAndTimeOfDeparture"), lang)),
        (t("expected_arrival", lang), facts.when(arrivals[0] if arrivals else None, lang)),
        (t("office", lang), doc.office_of_first_entry),
    ]
    kv = Table([[P(k, "bigkey"), P(v, "sheetval")] for k, v in info if v], colWidths=[45 * mm, WIDTH - 45 * mm],
               hAlign="LEFT")
    kv.setStyle(key_value_style())
    note = P(t("driver_note", lang), "small") if boards else P(t("stopped_driver_note", lang), "warn")
    story += [kv, Spacer(1, 2 * mm), note, Spacer(1, 3 * mm)]

    for i, f in enumerate(group, 1):
        story.append(KeepTogether(_mrn_block(f, i, len(group), lang, verdict)))
        story.append(Spacer(1, 3 * mm))

    seals: list[str] = []
    for f in group:
        seals += [x for x in facts.all_seals(f.doc) if x not in seals]
    bottom = [
        (t("all_seals", lang), ", ".join(seals) or t("none", lang)),
        (t("agent", lang), agent_contact(first)),
    ]
    kv2 = Table([[P(k, "bigkey"), P(v, "sheetval")] for k, v in bottom], colWidths=[45 * mm, WIDTH - 45 * mm],
                hAlign="LEFT")
    kv2.setStyle(key_value_style())
    # a stopped truck's sheet does not carry the ELO token: nothing on it is for check-in
    elo = EloBox(t("elo_box", lang), t("elo_hint", lang), _elo_values(group)) if boards else \
        EloBox(t("elo_box", lang), t("elo_withheld", lang))
    story += [KeepTogether([kv2, Spacer(1, 4 * mm), elo])]
    return story


def _elo_values(group: list[PrintFiling]) -> str:
    for f in group:  # one ELO per truck: the first filing that knows it
        if f.meta.elo_token or f.meta.elo_file_number:
            return "   ".join(x for x in (f.meta.elo_token, f.meta.elo_file_number) if x)
    return ""


def _mrn_block(f: PrintFiling, i: int, n: int, lang: str, truck: Boarding) -> list:
    label = f"ENS {i} / {n} · LRN {f.lrn or '—'}"
    seals = facts.all_seals(f.doc)
    if seals:
        label += f" · {t('seals', lang)} {', '.join(seals)}"
    head = P(label, "h3")
    if truck is Boarding.MAY_BOARD:
        body: Flowable = MrnBarcode(f.mrn, bar_width=0.5 * mm, bar_height=22 * mm, font_size=18)
    else:  # no barcode for any ENS of a stopped truck: a registered one would board it all the same
        title = STAMPS[f.verdict] if not f.may_board else f"{STAMPS[truck]} — {t('no_barcode', lang)}"
        body = StopBox(title, _stop_detail(f, lang))
    tbl = Table([[head], [body]], colWidths=[WIDTH], hAlign="LEFT")
    tbl.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("ALIGN", (0, 1), (0, 1), "CENTER"),
                             ("TOPPADDING", (0, 1), (0, 1), 4), ("BOTTOMPADDING", (0, 1), (0, 1), 6)]))
    return [tbl]


def _stop_detail(f: PrintFiling, lang: str) -> str:
    if not f.mrn:
        return NO_MRN
    if f.mrn_problem:
        return f"{f.mrn}: {f.mrn_problem}"
    return f"MRN {f.mrn}"


class StopBox(Flowable):
    """Where the barcode would be: a red box that no one can scan or mistake for an MRN."""

    def __init__(self, title: str, detail: str):
        super().__init__()
        self.title, self.detail = fonts.printable(title), fonts.printable(detail)
        self.width, self.height = 150 * mm, 22 * mm

    def draw(self):
        c = self.canv
        c.setStrokeColorRGB(*RED)
        c.setFillColorRGB(*RED)
        c.setLineWidth(2)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        c.setFont(fonts.BOLD, fitted(self.title, self.width - 6 * mm, 15))
        c.drawCentredString(self.width / 2, self.height - 10 * mm, self.title)
        c.setFont(fonts.REGULAR, fitted(self.detail, self.width - 6 * mm, 9, fonts.REGULAR))
        c.drawCentredString(self.width / 2, 5 * mm, self.detail)


class EloBox(Flowable):
    """Reserved, clearly labelled space for the ELO token / file number (filled by issue 7)."""

    def __init__(self, label: str, hint: str, value: str = ""):
        super().__init__()
        self.label, self.hint, self.value = label, hint, value
        self.width, self.height = WIDTH, 26 * mm

    def draw(self):
        c = self.canv
        c.setDash(4, 3)
        c.setLineWidth(1)
        c.setStrokeColorRGB(0.2, 0.2, 0.2)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        c.setDash()
        c.setFillColorRGB(0.2, 0.2, 0.2)
        c.setFont(fonts.BOLD, 10)
        c.drawString(4 * mm, self.height - 6 * mm, fonts.printable(self.label))
        if self.value:
            c.setFont(fonts.BOLD, 16)
            c.drawString(4 * mm, 10 * mm, fonts.printable(self.value))
        c.setFont(fonts.ITALIC, 7.5)
        c.drawString(4 * mm, 3 * mm, fonts.printable(self.hint))
