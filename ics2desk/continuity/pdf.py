"""PDFs for the audit file: the fallback request and the incident report (reportlab platypus).

Uses the embedded font of ics2desk.printing when it is there (identical output everywhere, all
French accents); otherwise the PDF base font, which covers French too.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..errors import KnownError

try:  # the printing feature's font helper (optional)
    from ..printing.fonts import REGULAR as _FONT, printable as _printable, register as _register
except ImportError:  # pragma: no cover - depends on which features are installed
    _FONT, _register = "Helvetica", None

    def _printable(text: object) -> str:
        return "" if text is None else str(text)


def _styles():
    if _register is not None:
        _register()
    base = getSampleStyleSheet()
    body = ParagraphStyle("cbody", parent=base["BodyText"], fontName=_FONT, fontSize=9, leading=11.5)
    return {
        "title": ParagraphStyle("ctitle", parent=base["Title"], fontName=_FONT, fontSize=15, leading=18),
        "h2": ParagraphStyle("ch2", parent=base["Heading2"], fontName=_FONT, fontSize=11.5, leading=14),
        "body": body,
        "small": ParagraphStyle("csmall", parent=body, fontSize=7.5, leading=9.5, textColor=colors.grey),
    }


def _p(text: object, style) -> Paragraph:
    lines = ("" if text is None else str(text)).split("\n")
    return Paragraph("<br/>".join(escape(_printable(line)) for line in lines), style)


def _grid(rows: list[list], widths: list[float], header: bool = True) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
    t.setStyle(TableStyle(style))
    return t


def _build(path: Path, story: list, title: str, pagesize=A4) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                          bottomMargin=15 * mm, title=title, author="ics2desk").build(story)
    except OSError as exc:
        raise KnownError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def fallback_pdf(req, path: Path) -> Path:
    st = _styles()
    fr = req.lang == "fr"
    subject, _ = req.email()
    story = [_p(subject, st["title"]), Spacer(1, 3 * mm)]
    story.append(_grid([[_p(k, st["body"]), _p(v, st["body"])] for k, v in req.header_lines()],
                       [80 * mm, 187 * mm], header=False))
    story += [Spacer(1, 4 * mm), _p("Déclarations concernées" if fr else "Declarations concerned", st["h2"])]
    head = ["LRN", "Camion" if fr else "Truck", "Expéditeur / destinataire" if fr else "Consignor / consignee",
            "Marchandises" if fr else "Goods", "Transport", "Arrivée" if fr else "Arrival"]
    rows = [[_p(h, st["body"]) for h in head]]
    for d in req.declarations:
        rows.append([_p(d.lrn, st["body"]), _p("\n".join(d.trucks), st["body"]),
                     _p(f"{d.consignor}\n{d.consignee}", st["body"]), _p(d.goods, st["body"]),
                     _p(d.transport, st["body"]), _p(f"{d.arrival}\n{d.office}", st["body"])])
    # landscape: an LRN is up to 22 characters and must stay on one line
    story.append(_grid(rows, [45 * mm, 30 * mm, 45 * mm, 62 * mm, 50 * mm, 35 * mm]))
    story += [Spacer(1, 4 * mm), _p(
        "Projet établi par ics2desk ; l'agent envoie la demande et l'application enregistre la date d'envoi et le "
        "destinataire." if fr else
        "Drafted by ics2desk; the agent sends the request and the app records when and to whom.", st["small"])]
    return _build(path, story, subject, landscape(A4))


def incident_report_pdf(store, incident_id: int, playbook, path: Path, lang: str = "en",
                        affected: list | None = None, now: datetime | None = None) -> Path:
    """The incident for the audit file: status, evidence, checklist with ticks, timeline,
    fallback requests, retrospective lodging and the closing summary."""
    from .components import component_name

    st = _styles()
    fr = lang == "fr"
    inc = store.get(incident_id)
    title = f"{'Rapport d’incident' if fr else 'Incident report'} #{inc.id} – {component_name(inc.component, lang)}"
    story = [_p(title, st["title"])]
    info = [
        ("Ouvert" if fr else "Opened", f"{inc.opened_at:%Y-%m-%d %H:%M} UTC – {inc.opened_by}"),
        ("Clos" if fr else "Closed", f"{inc.closed_at:%Y-%m-%d %H:%M} UTC – {inc.closed_by}" if inc.closed_at
         else ("en cours" if fr else "open")),
        ("Référence" if fr else "Reference", inc.reference or "–"),
        ("Fiche réflexe" if fr else "Playbook", f"{playbook.title(lang)} – version {inc.playbook_version}"),
    ]
    if inc.part:
        info.insert(0, ("Partie" if fr else "Part", inc.part))
    story.append(_grid([[_p(k, st["body"]), _p(v, st["body"])] for k, v in info], [40 * mm, 140 * mm], False))

    if inc.evidence:
        story += [Spacer(1, 3 * mm), _p("Indices" if fr else "Evidence", st["h2"])]
        rows = [[_p(h, st["body"]) for h in ("UTC", "LRN", "Type", "Erreur" if fr else "Error")]]
        rows += [[_p(f"{o.at:%Y-%m-%d %H:%M:%S}", st["body"]), _p(o.lrn or "–", st["body"]),
                  _p(o.kind.value, st["body"]), _p(o.error, st["body"])] for o in inc.evidence]
        story.append(_grid(rows, [32 * mm, 32 * mm, 34 * mm, 82 * mm]))

    ticks = store.ticks(inc.id)
    story += [Spacer(1, 3 * mm), _p("Étapes de la fiche réflexe" if fr else "Playbook steps", st["h2"])]
    rows = [[_p(h, st["body"]) for h in ("", "Étape" if fr else "Step", "Fait par / à" if fr else "Done by / at")]]
    for step in playbook.steps_for(inc.component):
        t = ticks.get(step.id)
        src = "; ".join(x.label(lang) for x in step.sources)
        rows.append([_p("X" if t else "", st["body"]),
                     [_p(step.display(lang), st["body"]), _p(f"Source : {src}" if fr else f"Source: {src}", st["small"])],
                     _p(f"{t.user}\n{t.at:%Y-%m-%d %H:%M}" if t else "", st["body"])])
    story.append(_grid(rows, [8 * mm, 137 * mm, 35 * mm]))

    if affected:
        story += [Spacer(1, 3 * mm), _p("Déclarations touchées" if fr else "Affected filings", st["h2"])]
        rows = [[_p(h, st["body"]) for h in ("LRN", "État" if fr else "State", "Camion" if fr else "Truck",
                                             "Délai" if fr else "Deadline")]]
        for a in affected:
            left = a.describe_left(now, lang) if now else ""
            dl = f"{a.deadline:%Y-%m-%d %H:%M} UTC ({left})" if a.deadline else left
            rows.append([_p(a.lrn, st["body"]), _p(a.state, st["body"]), _p(", ".join(a.trucks), st["body"]),
                         _p(dl, st["body"])])
        story.append(_grid(rows, [40 * mm, 25 * mm, 40 * mm, 75 * mm]))

    sent = store.sent_requests(inc.id)
    if sent:
        story += [Spacer(1, 3 * mm), _p("Demandes de procédure de secours" if fr else "Fallback requests", st["h2"])]
        for s in sent:
            story.append(_p(f"{s.sent_at:%Y-%m-%d %H:%M} UTC – {s.sent_to} – {s.user}: {', '.join(s.lrns)}",
                            st["body"]))
    retro = store.retrospective(inc.id)
    if retro:
        story += [Spacer(1, 3 * mm), _p("Dépôts rétrospectifs" if fr else "Retrospective lodging", st["h2"])]
        rows = [[_p(h, st["body"]) for h in ("LRN", "MRN", "UTC")]]
        rows += [[_p(r.lrn, st["body"]), _p(r.mrn or "–", st["body"]),
                  _p(f"{r.mrn_at:%Y-%m-%d %H:%M}" if r.mrn_at else "", st["body"])] for r in retro]
        story.append(_grid(rows, [50 * mm, 70 * mm, 60 * mm]))

    story += [Spacer(1, 3 * mm), _p("Chronologie" if fr else "Timeline", st["h2"])]
    rows = [[_p(h, st["body"]) for h in ("UTC", "Qui" if fr else "Who", "Événement" if fr else "Event")]]
    rows += [[_p(f"{e.at:%Y-%m-%d %H:%M:%S}", st["body"]), _p(e.user or "ics2desk", st["body"]),
              _p(e.message(lang), st["body"])] for e in store.timeline(inc.id)]
    story.append(_grid(rows, [32 * mm, 30 * mm, 118 * mm]))
    if inc.summary:
        story += [Spacer(1, 3 * mm), _p("Synthèse" if fr else "Summary", st["h2"]),
                  _p(inc.summary.get(lang, ""), st["body"])]
    return _build(path, story, title)
