"""ics2desk.printing: the A4 ENS summary and the driver's truck sheet as PDF (reportlab, Qt-free).

    from ics2desk.printing import PrintFiling, PrintMeta, render_summary, render_summaries, \
        render_truck_sheet, render_truck_sheets
    meta = PrintMeta(state="registered", mrn="26FR…", version=3, agent_contact="…", crossing="…",
                     elo_token=None, elo_file_number=None)   # all optional
    meta = PrintMeta.from_record(store.get(lrn), agent_contact="…")   # state, MRN, version from the store
    pdf: bytes = render_summary(doc, meta, lang="fr")                 # out=None -> bytes
    render_summary(doc, meta, "en", out="summary.pdf")                 # or a path / binary file
    render_summaries([PrintFiling(doc, meta), ...], "fr", out)              # batch: one PDF, page x / y per filing
    render_truck_sheet([PrintFiling(...), ...], lang="fr")                  # ONE truck, every MRN on it
    render_truck_sheets(filings, "fr", out)                            # batch: grouped by tractor+trailer

A filing whose MRN is missing or malformed prints with a NOT REGISTERED / NON ENREGISTRÉE
watermark and banner on every page and no barcode. Rendering a big filing takes time (about
0.7 s for 1,000 goods items): from the GUI, call it in a worker thread (README threading rule).
CLI: `ics2desk summary LRN|FILE.xml... -o out.pdf [--sheet] [--lang fr|en] [--mrn MRN]` (printing/cli.py).
"""
from .meta import PrintFiling, PrintMeta
from .render import render_summaries, render_summary, render_truck_sheet, render_truck_sheets

__all__ = ["PrintFiling", "PrintMeta", "render_summary", "render_summaries", "render_truck_sheet",
           "render_truck_sheets"]
