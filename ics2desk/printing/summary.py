"""The A4 ENS summary of one filing, as a platypus story (layout only; facts come from facts.py)."""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, LongTable, Paragraph, Spacer, Table, TableStyle

from ..hti.spec import load_message
from ..store.lifecycle import state_label
from . import facts, fonts
from .barcode import MrnBarcode
from .labels import NO_MRN, STAMPS, t
from .meta import PrintFiling
from .pages import PAGE_W, MARGIN_X, Section, SectionMark, StopStamp
from .styles import grid_table, key_value_style, styles

WIDTH = PAGE_W - 2 * MARGIN_X


def P(text: object, style: str = "cell") -> Paragraph:  # noqa: N802 - reads like a constructor
    return Paragraph(escape(fonts.printable(text)), styles()[style])


def footer_line(f: PrintFiling, lang: str) -> str:
    stamp = f.meta.generated_at.astimezone(facts.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    version = f.meta.version if f.meta.version is not None else "—"
    return f"{t('generated', lang)} {stamp} · {t('dataset_version', lang)} {version} · {f.doc.message_id}"


def reference_line(f: PrintFiling, lang: str) -> str:
    mrn = f.mrn if f.registered else "—"
    stamp = "" if f.may_board else f" · {STAMPS[f.verdict]}"
    return f"LRN {f.lrn or '—'} · MRN {mrn}{stamp}"


def section(f: PrintFiling, lang: str, title_key: str) -> Section:
    return Section(t(title_key, lang), reference_line(f, lang), f.verdict, lang, footer_line(f, lang),
                   note="" if f.registered else NO_MRN)


def summary_story(f: PrintFiling, lang: str) -> list:
    doc = f.doc
    s = styles()
    story: list = [SectionMark(section(f, lang, "summary_short")),
                   Paragraph(escape(f"{t('summary_title', lang)} · {doc.message_id}"), s["title"])]
    story += [state_banner(f, lang), Spacer(1, 3 * mm)]
    story.append(_header(f, lang))
    story += _truck(f, lang)
    story += _parties(doc, lang)
    houses = facts.houses(doc, lang)
    for h in houses:
        story += _house(h, len(houses), lang)
    story += _totals(doc, houses, lang)
    return story


def _kv(rows: list[tuple[str, object]], key_width: float, width: float) -> Table:
    data = [[P(k, "key"), P(v, "base")] for k, v in rows if v not in (None, "")]
    tbl = Table(data, colWidths=[key_width, width - key_width], hAlign="LEFT")
    tbl.setStyle(key_value_style())
    return tbl


def _header(f: PrintFiling, lang: str):
    doc = f.doc
    abt = doc.data.get("activeBorderTransportMeans") or {}
    if f.registered:
        mrn_text: object = f.mrn
    elif f.mrn:
        mrn_text = f"{f.mrn} — {t('mrn_invalid', lang)}: {f.mrn_problem}"
    else:
        mrn_text = "—"
    rows = [
        ("LRN", f.lrn or "—"),
        ("MRN", mrn_text),
        (t("state", lang), state_label(f.meta.state, lang) if f.meta.state else "—"),
        (t("lodging", lang), facts.lodging_person(doc)),
        (t("issued", lang), facts.when(doc.get("documentIssueDate"), lang)),
        (t("etd", lang), facts.when(abt.get("estimatedDateAndTimeOfDeparture"), lang)),
        (t("atd", lang), facts.when(abt.get("actualDateAndTimeOfDeparture"), lang)),
        (t("eta", lang), facts.when(abt.get("estimatedDateAndTimeOfArrival"), lang)),
        (t("lodging_deadline", lang), facts.when(deadline.isoformat() if (deadline := f.meta.lodging_deadline)
                                                 else None, lang)),
        (t("generated", lang), facts.when(f.meta.generated_at.isoformat(), lang)),
    ]
    if f.may_board:
        right: object = MrnBarcode(f.mrn)
        right_w = right.width + 2 * mm
    else:  # where the barcode would be: why there is none
        right = P(f"{STAMPS[f.verdict]}. {t('no_barcode', lang)}", "warn")
        right_w = 72 * mm
    left = _kv(rows, 30 * mm, WIDTH - right_w - 3 * mm)
    tbl = Table([[left, right]], colWidths=[WIDTH - right_w, right_w], hAlign="LEFT")
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return tbl


def state_banner(f: PrintFiling, lang: str):
    """The boarding verdict in large type at the top: red stamp when the truck may not board,
    else the state in a plain black frame (so a stopped summary never looks like a clean one)."""
    if not f.may_board:
        return StopStamp(f.verdict, [f"{f.reason(lang)} {t('no_barcode', lang)}"], WIDTH, size=22, one_line=True)
    tbl = Table([[P(state_label(f.meta.state, lang).upper(), "big")], [P(f.reason(lang), "base")]],
                colWidths=[WIDTH], hAlign="LEFT")
    tbl.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 6),
                             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, -1), (-1, -1), 5)]))
    return tbl


def _truck(f: PrintFiling, lang: str) -> list:
    doc = f.doc
    abt = doc.data.get("activeBorderTransportMeans") or {}
    m = doc.data.get("consignmentMasterLevel", {})
    active = " ".join(x for x in (facts.code_text("CL750", abt.get("typeOfIdentification"), lang),
                                  abt.get("identificationNumber") or abt.get("conveyanceReferenceNumber"),
                                  f"({abt['nationality']})" if abt.get("nationality") else "") if x)
    td = m.get("transportDocumentMasterLevel") or {}
    rows = [
        (t("tractor", lang), ", ".join(facts.with_nationality(doc, r) for r in facts.registrations(doc, facts.TRACTOR_TYPE))),
        (t("trailer", lang), ", ".join(facts.with_nationality(doc, r) for r in facts.registrations(doc, facts.TRAILER_TYPE))),
        (t("active_means", lang), active),
        (t("mode", lang), facts.code_text("CL018", abt.get("ModeOfTransport"), lang)),
        (t("crossing", lang), f.meta.crossing or facts.crossing(doc)),
        (t("office", lang), facts.code_text("CL141", doc.office_of_first_entry, lang)
         or doc.office_of_first_entry),
        (t("routing_means", lang), facts.routing(abt.get("countriesOfRoutingOfMeansOfTransport", []))),
        (t("master_doc", lang), " ".join(x for x in (td.get("documentNumber"), f"({td['type']})" if td.get("type") else "") if x)),
    ]
    return [Paragraph(escape(t("truck_section", lang)), styles()["h2"]), _kv(rows, 48 * mm, WIDTH)]


def _parties(doc, lang: str) -> list:
    head = [P(t(k, lang), "key") for k in ("role", "name", "eori", "address", "contact")]
    data = [head] + [[P(t(p.role, lang)), P(p.name), P(p.eori), P(p.address), P(p.contact)]
                     for p in facts.parties(doc)]
    widths = [22 * mm, 36 * mm, 33 * mm, 44 * mm]  # EORI: up to 17 characters on one line
    widths.append(WIDTH - sum(widths))
    tbl = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    tbl.setStyle(TableStyle(grid_table()))
    return [Paragraph(escape(t("parties", lang)), styles()["h2"]), tbl]


GOODS_WIDTHS = [11 * mm, None, 22 * mm, 22 * mm, 27 * mm, 28 * mm]


def _goods_widths() -> list[float]:
    fixed = sum(w for w in GOODS_WIDTHS if w)
    return [w if w else WIDTH - fixed for w in GOODS_WIDTHS]


def _house(h: facts.HouseFacts, count: int, lang: str) -> list:
    title = f"{t('house', lang)} {h.index} / {count}" + (f" — {h.document}" if h.document else "")
    info = [(t("routing_consignment", lang), h.routing), (t("acceptance_delivery", lang), h.places),
            (t("equipment", lang), h.equipment)]
    head = [P(t(k, lang), "key") for k in ("no", "description", "hs", "packages", "gross_mass", "seals")]
    data: list = [head]
    for r in h.rows:
        data.append([fonts.printable(r.number), P(r.description), fonts.printable(r.hs), P(r.packages), facts.mass_text(r.gross_mass, lang),
                     P(r.seals)])
    total_label = f"{t('house_total', lang)} {h.index}: {len(h.rows)} {t('goods_items', lang).lower()}"
    data.append(["", P(total_label, "key"), "", str(h.packages), facts.mass_text(h.gross_mass, lang), ""])
    cmds = grid_table() + [
        ("ALIGN", (3, 1), (4, -1), "RIGHT"),
        ("FONT", (0, -1), (-1, -1), fonts.BOLD, 8),
        ("SPAN", (1, -1), (2, -1)),
        ("LINEABOVE", (0, -1), (-1, -1), 1, (0, 0, 0)),
    ]
    # LongTable: splitting a 1,000-row table page by page stays linear.
    tbl = LongTable(data, colWidths=_goods_widths(), repeatRows=1, hAlign="LEFT")
    tbl.setStyle(TableStyle(cmds))
    heading = [Paragraph(escape(fonts.printable(title)), styles()["h3"]), _kv(info, 48 * mm, WIDTH)]
    return [KeepTogether(heading + [Spacer(1, 2 * mm)]), tbl]


def _totals(doc, houses: list[facts.HouseFacts], lang: str) -> list:
    items = sum(len(h.rows) for h in houses)
    packages = sum(h.packages for h in houses)
    mass = sum(h.gross_mass for h in houses)
    declared = sum(h.declared_mass for h in houses)
    seals = facts.all_seals(doc)
    rows = [
        (t("houses", lang), str(len(houses))),
        (t("goods_items", lang), str(items)),
        (t("packages", lang), str(packages)),
        (t("gross_mass", lang), facts.mass_text(mass, lang)),
        (t("declared_mass", lang), facts.mass_text(declared, lang)),
        (t("all_seals", lang), ", ".join(seals) or t("none", lang)),
    ]
    return [KeepTogether([Paragraph(escape(t("totals", lang)), styles()["h2"]), _kv(rows, 60 * mm, WIDTH)])]


def hti_source(message_id: str) -> str:
    return load_message(message_id).title
