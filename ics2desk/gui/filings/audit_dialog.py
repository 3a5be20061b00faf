"""Who did what to this filing, and when: the audit trail of one filing, oldest first (on the
agency database every row names the signed-in agent, written by the database itself)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ... import timeinput


class AuditDialog(QDialog):
    def __init__(self, store, lrn: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who did what: {lrn}").format(lrn=lrn))
        self.rows = store.audit_trail(lrn, limit=2000)
        layout = QVBoxLayout(self)
        where = {"agency": self.tr("agency database: every line names the signed-in agent"),
                 "standalone": self.tr("stand-alone: this desk's own record"),
                 "local": self.tr("this desk")}.get(getattr(store, "mode", "local"), "")
        layout.addWidget(QLabel(self.tr("{n} step(s) — {where}").format(n=len(self.rows), where=where)))
        self.table = QTableWidget(len(self.rows), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Agent"), self.tr("Action"), self.tr("Detail")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for i, r in enumerate(self.rows):
            for j, text in enumerate((_when(r["at"]), r["user"], r["action"].replace("_", " "), r["detail"] or "")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, j, item)
        header = self.table.horizontalHeader()
        for j in range(3):
            header.setSectionResizeMode(j, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self.table.setFocus(Qt.OtherFocusReason)
        if self.rows:
            self.table.selectRow(len(self.rows) - 1)


def _when(at: str) -> str:
    """The stamp in the desk's local time, as agents read times elsewhere in the app."""
    # audit stamps carry microseconds (2026-12-01T20:15:03.123456Z): to the second, then local
    return timeinput.local_text((at or "")[:19] + "Z") or (at or "")[:19].replace("T", " ")
