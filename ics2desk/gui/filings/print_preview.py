"""Print with Qt's print preview: the PDF (summaries or truck sheets, one filing or a batch) is
rendered in a QThreadPool worker, its pages rasterised there, and QPrintPreviewDialog paints them.

PySide6-Essentials has QtPrintSupport but not QtPdf, so pages are rasterised with poppler's
`pdftoppm` when it is on PATH; without it the PDF opens in the desktop's viewer instead (its own
print dialog then prints it).

Truck sheets follow the boarding rule (ics2desk.printing): a batch leaves out the trucks that may
not board and the agent is told which (a window-modal message listing them, not blocking the
preview); "sheets-for-the-record" prints them stamped, without any barcode.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QRectF, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox

RASTER_DPI = 150  # sharp enough for Code 128 barcodes on a preview and on paper
SUMMARY, SHEETS, RECORD_SHEETS = "summary", "sheets", "sheets-for-the-record"  # the kinds a job renders


class _Signals(QObject):
    done = Signal(str, list)  # PDF path, page image paths ([] when they could not be rasterised)
    failed = Signal(str)
    skipped = Signal(list)  # [(lrn, reason)] trucks left out of a batch of sheets; emitted before done


class RenderJob(QRunnable):
    """Render `kind` (SUMMARY | SHEETS | RECORD_SHEETS) for LRNs read from the store in this
    thread, or for documents given (an unsaved form), then rasterise the pages."""

    def __init__(self, data_dir: Path, kind: str, lang: str, out: Path, lrns=(), docs=(), rasterise=True):
        super().__init__()
        self.data_dir, self.kind, self.lang, self.out = Path(data_dir), kind, lang, Path(out)
        self.lrns, self.docs, self.rasterise = list(lrns), list(docs), rasterise
        self.signals = _Signals()

    def _filings(self):
        from ...desk import Desk
        from ...elo import sheet_info_for
        from ...errors import KnownError
        from ...printing import PrintFiling, PrintMeta
        from ...store import open_store

        filings = []
        if self.lrns:
            store = open_store(self.data_dir)  # own connection: one store per thread
            try:
                desk = Desk(store)  # the lodging deadline: the list's, the panel's, `status`'s
                for lrn in self.lrns:
                    elo = None
                    try:
                        elo = sheet_info_for(lrn, self.data_dir)
                    except KnownError:
                        pass  # no ELO for this truck: the sheet prints the MRNs only
                    rec = store.get(lrn)
                    meta = PrintMeta.from_record(rec, elo_token=elo.jeton if elo else None,
                                                 elo_file_number=elo.numero_dossier if elo else None,
                                                 lodging_deadline=desk.deadline(rec))
                    filings.append(PrintFiling(store.document(lrn), meta))
            finally:
                store.close()
        for doc, meta in self.docs:
            filings.append(PrintFiling(doc, meta or PrintMeta()))
        return filings

    def run(self) -> None:
        from ...errors import KnownError
        from ...printing import render_summaries, render_truck_sheets

        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            if self.kind in (SHEETS, RECORD_SHEETS):
                # nothing printable raises MayNotBoardError (a KnownError): its reasons go to failed
                batch = render_truck_sheets(self._filings(), self.lang, out=str(self.out),
                                            for_the_record=self.kind == RECORD_SHEETS)
                if batch.skipped:
                    self.signals.skipped.emit([(s.lrn, s.reason) for s in batch.skipped])
            else:
                render_summaries(self._filings(), self.lang, out=str(self.out))
            pages = rasterise(self.out) if self.rasterise else []
        except (KnownError, OSError) as exc:
            self.signals.failed.emit(str(exc))
            return
        self.signals.done.emit(str(self.out), pages)


def rasterise(pdf: Path, dpi: int = RASTER_DPI) -> list[str]:
    """PNG of each page (pdftoppm), [] when poppler is not installed or fails."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return []
    folder = pdf.parent / ".pages" / pdf.stem  # beside the PDF, replaced at each print
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    target = folder / "page"
    try:
        subprocess.run([tool, "-png", "-r", str(dpi), str(pdf), str(target)], check=True, capture_output=True,
                       timeout=120)
    except (OSError, subprocess.SubprocessError):
        return []
    return [str(p) for p in sorted(target.parent.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))]


def paint_pages(printer: QPrinter, pages: list[str]) -> int:
    """Paint each page image on its own printer page, scaled to fit; returns pages painted."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for i, path in enumerate(pages):
            if i:
                printer.newPage()
            image = QImage(path)
            size = image.size().scaled(area.size(), Qt.KeepAspectRatio)
            painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
        return len(pages)
    finally:
        painter.end()


def preview_dialog(pages: list[str], parent=None) -> QPrintPreviewDialog:
    printer = QPrinter(QPrinter.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    # The dialog keeps only a C++ pointer to the printer: hold the Python object as long as the
    # dialog lives, or it is freed on return and the preview paints into a deleted printer.
    dialog._printer = printer
    dialog.setObjectName("printPreview")
    dialog.paintRequested.connect(lambda p: paint_pages(p, pages))
    return dialog


class PrintNotices(QObject):
    """What printing tells the agent, translated (Qt Linguist context "PrintNotices")."""

    def skipped_title(self) -> str:
        return self.tr("Trucks not printed")

    def skipped_text(self) -> str:
        return self.tr("These trucks may not board: their sheets were left out of the print (no barcode is ever "
                       "printed for them). The other sheets are ready.")


def show_skipped(parent, skipped: list) -> QMessageBox:
    """Window-modal, not blocking: the print preview of the other trucks opens behind it."""
    notices = PrintNotices()
    box = QMessageBox(QMessageBox.Warning, notices.skipped_title(), notices.skipped_text(), QMessageBox.Ok, parent)
    box.setObjectName("printSkipped")
    box.setInformativeText("\n".join(f"LRN {lrn}: {reason}" for lrn, reason in skipped))
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box


def start(data_dir: Path, kind: str, lang: str, out: Path, on_ready, on_failed, lrns=(), docs=(),
          preview: bool = True, parent=None, on_skipped=None) -> RenderJob:
    """Render in the pool; on_ready(pdf_path, how) where how is 'preview' | 'viewer' | 'file'.
    on_skipped([(lrn, reason)]) when a batch of sheets left trucks out (default: show_skipped)."""
    job = RenderJob(data_dir, kind, lang, out, lrns, docs, rasterise=preview)
    job.signals.skipped.connect(on_skipped or (lambda skipped: show_skipped(parent, skipped)))

    def ready(path: str, pages: list) -> None:
        if preview and pages:
            on_ready(path, "preview")
            preview_dialog(pages, parent).exec()
        elif preview:  # no rasteriser: the desktop's PDF viewer prints it
            on_ready(path, "viewer")
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        else:
            on_ready(path, "file")

    job.signals.done.connect(ready)
    job.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(job)
    return job
