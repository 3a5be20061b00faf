"""Before an amendment goes: what it changes, side by side (registered | amended), field by field
in the agent's words (issue 15 point 7). "Keep editing" is the default (Enter, Escape); only
"Send amendment" queues it. The changes themselves: ics2desk.amend.changes."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)


class AmendmentPreview(QDialog):
    def __init__(self, title: str, rows: list[tuple[str, str, str]], parent=None):
        """rows: (where, in the agent's words; registered value; amended value)."""
        super().__init__(parent)
        self.setObjectName("amendmentPreview")
        self.setWindowTitle(self.tr("What the amendment changes"))
        self.setWindowModality(Qt.WindowModal)
        intro = QLabel(self.tr("{0}: {1} change(s). Customs get the whole filing again; check these before "
                               "sending.").format(title, len(rows)), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("amendmentChanges")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Registered"), self.tr("Amended")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        for r, (where, old, new) in enumerate(rows):
            for c, text in enumerate((where, old or "—", new or "—")):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        buttons = QDialogButtonBox(self)
        self.keep_button = buttons.addButton(self.tr("Keep editing"), QDialogButtonBox.RejectRole)
        self.send_button = buttons.addButton(self.tr("Send amendment"), QDialogButtonBox.AcceptRole)
        self.send_button.setObjectName("sendAmendment")
        for b in (self.keep_button, self.send_button):
            b.setAutoDefault(False)
        self.keep_button.setDefault(True)  # Enter does not send: the agent clicks or tabs to Send
        self.keep_button.clicked.connect(self.reject)
        self.send_button.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(760, min(520, 160 + 30 * len(rows)))
        self.keep_button.setFocus()


def confirm_amendment(parent, title: str, rows: list[tuple[str, str, str]]) -> bool:
    """True when the agent chose to send the amendment."""
    dialog = AmendmentPreview(title, rows, parent)
    try:
        return dialog.exec() == QDialog.Accepted
    finally:
        dialog.deleteLater()
