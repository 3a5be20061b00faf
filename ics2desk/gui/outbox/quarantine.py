"""Messages from ICS2 the desk could not use, shown on the Outbox tab: what came, when, why it
was kept aside, and a button that copies everything the helpdesk needs (the raw bytes too).

Such a message was stored and acknowledged, so it never blocks the next one; nothing is lost,
but a person has to look: it may be the registration or the Do Not Load of a truck.
"""
from __future__ import annotations

import base64

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout


def helpdesk_text(m) -> str:
    """One quarantined message as plain text for the helpdesk: facts first, then the raw bytes
    (as text when they are text, else base64, so nothing is lost in a copy)."""
    raw = bytes(m.xml)
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        body = "base64:" + base64.b64encode(raw).decode("ascii")
    return (f"received: {m.created_at}\ntransport message id: {m.transport_id or '-'}\n"
            f"type: {m.message_type}\nproblem: {m.problem}\nbytes: {len(raw)}\n\n{body}\n")


class QuarantinePanel(QFrame):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.setObjectName("quarantine")
        self.setStyleSheet("QFrame#quarantine { background:#fff3e0; border:1px solid #e65100; }")
        self.store = store
        self.messages = []
        self.total = 0
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("quarantineList")
        self.list.setMaximumHeight(110)
        self.copy = QPushButton(self)
        self.copy.setObjectName("copyForHelpdesk")
        self.copy.setAutoDefault(False)
        self.copy.clicked.connect(self.copy_selected)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.copy)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addLayout(top)
        lay.addWidget(self.list)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        if self.store is None:
            return
        self.messages, self.total = self.store.quarantined(limit=100)
        self.list.clear()
        for m in self.messages:
            item = QListWidgetItem(f"{m.created_at[:19].replace('T', ' ')}  {m.message_type}  — {m.problem}")
            item.setToolTip(m.problem or "")
            self.list.addItem(item)
        if self.messages:
            self.list.setCurrentRow(0)
        self.setVisible(self.total > 0)
        self.retranslate()

    def copy_selected(self) -> str:
        row = self.list.currentRow()
        if not 0 <= row < len(self.messages):
            return ""
        text = helpdesk_text(self.messages[row])
        QGuiApplication.clipboard().setText(text)
        return text

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText("<b>" + self.tr("%n unreadable message(s) from ICS2 — ask the helpdesk", "", self.total)
                           + "</b><br>" + self.tr("Kept with their raw bytes; they do not block the next ones. "
                                                  "One may be a registration or a Do Not Load: check the trucks "
                                                  "waiting for a reply."))
        self.copy.setText(self.tr("Copy for the helpdesk"))
        self.list.setAccessibleName(self.tr("Unreadable messages"))
        self.title.setTextFormat(Qt.RichText)
