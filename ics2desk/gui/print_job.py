"""Ctrl+P: render the ENS summary PDF in a worker (QThreadPool) and open it with the desktop's
PDF viewer; the GUI thread only hears back through a queued signal."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices


class _Signals(QObject):
    done = Signal(str)  # PDF path
    failed = Signal(str)


class PrintJob(QRunnable):
    def __init__(self, doc, meta, lang: str, out: Path):
        super().__init__()
        self.doc, self.meta, self.lang, self.out = doc, meta, lang, Path(out)
        self.signals = _Signals()

    def run(self) -> None:
        from ..errors import KnownError
        from ..printing import render_summary

        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            render_summary(self.doc, self.meta, self.lang, out=str(self.out))
        except (KnownError, OSError) as exc:
            self.signals.failed.emit(str(exc))
            return
        self.signals.done.emit(str(self.out))


def start(doc, meta, lang: str, out: Path, on_done, on_failed, open_viewer: bool = True) -> PrintJob:
    job = PrintJob(doc, meta, lang, out)
    job.signals.done.connect(on_done)
    if open_viewer:
        job.signals.done.connect(lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(path)))
    job.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(job)
    return job
