"""ics2desk.printing: the A4 ENS summary and the driver's truck sheet as PDF (reportlab, Qt-free).

    from ics2desk.printing import PrintFiling, PrintMeta, render_summary, render_summaries, \
        render_truck_sheet, render_truck_sheets, MayNotBoardError, SheetBatch
    meta = PrintMeta(state="registered", do_not_load=False, mrn="26FR…", version=3, agent_contact="…",
                     crossing="…", elo_token=None, elo_file_number=None)   # all optional
    meta = PrintMeta.from_record(store.get(lrn), agent_contact="…")   # state, Do Not Load, MRN, version
    pdf: bytes = render_summary(doc, meta, lang="fr")                 # out=None -> bytes
    render_summary(doc, meta, "en", out="summary.pdf")                 # or a path / binary file
    render_summaries([PrintFiling(doc, meta), ...], "fr", out)              # batch: one PDF, page x / y per filing
    render_truck_sheet([PrintFiling(...), ...], lang="fr")                  # ONE truck, every MRN on it
    render_truck_sheet(filings, lang="fr", for_the_record=True)             # stopped truck: stamped, no barcode
    batch = render_truck_sheets(filings, "fr", out)                    # grouped by tractor+trailer
    batch.pdf, batch.printed, batch.skipped                            # skipped: [Skipped(lrn, verdict, reason)]

The one rule (store.lifecycle.boarding): a scannable MRN is printed only when the filing may
board - state registered / assessment complete / amending, never a Do Not Load, a well-formed
MRN. An unknown state (None) is not a boarding state. Anything else carries its stamp (NE PAS
CHARGER / DO NOT LOAD, INVALIDÉE / INVALIDATED, REJETÉE / REJECTED, NON ENREGISTRÉE / NOT
REGISTERED) in large type and as a watermark and banner on every page, and no barcode. A truck
sheet for a truck that may not board is refused (MayNotBoardError, a KnownError, reasons in the
printout's language) unless for_the_record=True; a batch leaves such trucks out and lists them.
Rendering a big filing takes time (about 0.7 s for 1,000 goods items): from the GUI, call it in a
worker thread (README threading rule).
CLI: `ics2desk summary LRN|FILE.xml... -o out.pdf [--sheet [--for-the-record]] [--lang fr|en]` (printing/cli.py).
"""
from .boarding import MayNotBoardError, SheetBatch, Skipped
from .meta import PrintFiling, PrintMeta
from .render import render_summaries, render_summary, render_truck_sheet, render_truck_sheets

__all__ = ["PrintFiling", "PrintMeta", "render_summary", "render_summaries", "render_truck_sheet",
           "render_truck_sheets", "MayNotBoardError", "SheetBatch", "Skipped"]
