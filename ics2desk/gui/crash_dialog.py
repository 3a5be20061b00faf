"""Our bugs, shown as bugs: an exception that escapes a slot or a timer opens a dialog that says
it is not the agent's fault, keeps working (nothing committed is lost: every change is its own
transaction), writes the report to the data dir and offers to copy it for support.

A KnownError that escapes is the agent's business, not a bug: shown as a plain warning.
"""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout

from .. import clock
from ..errors import KnownError


def write_report(data_dir: Path, text: str) -> Path | None:
    try:
        folder = Path(data_dir) / "crash-reports"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"gui-{clock.now():%Y%m%dT%H%M%S%f}.txt"
        path.write_text(text, encoding="utf-8")
        return path
    except OSError:
        return None


class CrashDialog(QDialog):
    def __init__(self, report: str, saved: Path | None, parent=None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("ics2desk: internal error"))
        self.report = report
        head = QLabel(self.tr("Something went wrong inside ics2desk. This is a bug, not something you did. "
                              "What was saved or sent before is kept; check the filing you were working on, "
                              "then send this report to your support."), self)
        head.setWordWrap(True)
        where = QLabel(self.tr("Report saved in {0}").format(saved) if saved else
                       self.tr("The report could not be saved: copy it now."), self)
        where.setWordWrap(True)
        text = QPlainTextEdit(report, self)
        text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.copy = QPushButton(self.tr("Copy report"), self)
        self.copy.setObjectName("copyReport")
        buttons.addButton(self.copy, QDialogButtonBox.ActionRole)
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.report))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(where)
        lay.addWidget(text, 1)
        lay.addWidget(buttons)
        self.resize(760, 460)


class ExceptHook:
    """sys.excepthook for the desktop app: one dialog at a time, the app keeps running."""

    def __init__(self, data_dir: Path, parent_getter=lambda: None, show=True):
        self.data_dir = data_dir
        self.parent_getter = parent_getter
        self.show = show  # False in tests: record, do not block on a modal dialog
        self.last: CrashDialog | None = None
        self._busy = False
        self._previous = None

    def install(self) -> "ExceptHook":
        self._previous, sys.excepthook = sys.excepthook, self
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous

    def __call__(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QGuiApplication.quit()
            return
        if self._busy:  # an error while showing the last one: keep it on stderr only
            traceback.print_exception(kind, value, tb)
            return
        self._busy = True
        try:
            if isinstance(value, KnownError):
                box = QMessageBox(QMessageBox.Warning, "ics2desk", str(value), QMessageBox.Ok, self.parent_getter())
                self.last = box
                if self.show:
                    box.exec()
                return
            report = "".join(traceback.format_exception(kind, value, tb))
            dialog = CrashDialog(report, write_report(self.data_dir, report), self.parent_getter())
            self.last = dialog
            if self.show:
                dialog.exec()
        finally:
            self._busy = False
