"""Filing detail: state, MRN, Do Not Load banner, timeline of every message (XML viewable),
and the actions the lifecycle allows."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget)

from .filings_model import state_label

#: action -> states where the lifecycle allows it (store.lifecycle.TRANSITIONS)
ACTIONS = {
    "edit": {"draft", "ready", "rejected"},
    "amend": {"registered", "assessment_complete", "not_complete", "info_requested", "info_answered", "do_not_load"},
    "invalidate": {"registered", "assessment_complete", "not_complete", "info_requested", "info_answered",
                   "do_not_load"},
    "answer": {"info_requested"},
    "copy": None,  # always
    "print": None,
}


class DoNotLoadBanner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dnlBanner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        lay = QHBoxLayout(self)
        lay.addWidget(self.label)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.label.setText(self.tr("DO NOT LOAD — customs (IE3Q01) forbid loading these goods. Do not let the "
                                   "truck board. Contact the office of first entry before doing anything else."))


class FilingDetail(QWidget):
    action = Signal(str, str)  # action name, LRN

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lrn: str | None = None
        self.state = ""
        self.banner = DoNotLoadBanner(self)
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        self.title.setWordWrap(True)
        row = QHBoxLayout()  # the actions get their own line: with the title they widened the window
        row.addStretch(1)
        for name in ACTIONS:
            b = QPushButton(self)
            b.setObjectName(f"action_{name}")
            # Space/Enter act only on what the agent put the focus on: a click does not leave the
            # focus on a button (a later Space would press it again, or the button next to it
            # once this one is disabled), and no button is the window's default
            b.setFocusPolicy(Qt.TabFocus)
            b.setAutoDefault(False)
            b.setDefault(False)
            b.clicked.connect(lambda _=False, n=name: self.lrn and self.action.emit(n, self.lrn))
            self.buttons[name] = b
            row.addWidget(b)
        self.timeline = QListWidget(self)
        self.timeline.setObjectName("timeline")
        self.xml = QPlainTextEdit(self)
        self.xml.setReadOnly(True)
        self.xml.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.timeline.currentItemChanged.connect(self._show_xml)
        split = QSplitter(self)
        split.addWidget(self.timeline)
        split.addWidget(self.xml)
        split.setSizes([480, 520])  # room for what customs said, beside the XML
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(self.banner)
        lay.addWidget(self.title)
        lay.addLayout(row)
        lay.addWidget(split, 1)
        self.retranslate()
        self.show_filing(None, [])

    def show_filing(self, filing, messages) -> None:
        """filing: store.Filing or None; messages: store.MessageRecord list (oldest first)."""
        self.lrn = filing.lrn if filing else None
        self.state = filing.state if filing else ""
        # sticky: a Do Not Load stays on screen whatever state an amendment or invalidation led to
        self.banner.setVisible(self.state == "do_not_load" or bool(getattr(filing, "do_not_load_at", None)))
        if filing is None:
            self.title.setText(self.tr("Select a filing to see its messages."))
        else:
            mrn = filing.mrn or self.tr("no MRN yet")
            self.title.setText(f"<b>{filing.lrn}</b> — {state_label(filing.state)} — MRN {mrn}")
        focused = QApplication.focusWidget()
        for name, b in self.buttons.items():
            allowed = ACTIONS[name]
            b.setEnabled(filing is not None and (allowed is None or self.state in allowed))
        if focused in self.buttons.values() and QApplication.focusWidget() is not focused:
            # the focused button was disabled and Qt moved the focus to its neighbour ("New
            # filing from this one"): put it where a stray Space does nothing
            self.timeline.setFocus(Qt.OtherFocusReason)
        self.timeline.clear()
        from ..replies import describe
        from . import i18n

        lang = i18n.current()
        for m in messages:
            arrow = "→" if m.direction == "out" else "←"
            said = describe(m.xml, lang) if m.direction == "in" else ""  # customs' answer in words
            item = QListWidgetItem(f"{m.created_at[:19].replace('T', ' ')}  {arrow} {m.message_type}"
                                   + (f"  {said}" if said else ""))
            item.setData(Qt.UserRole, m.xml)
            if said:
                item.setToolTip(said)
            self.timeline.addItem(item)
        self.xml.clear()
        if self.timeline.count():
            self.timeline.setCurrentRow(self.timeline.count() - 1)

    def _show_xml(self, item, _previous=None) -> None:
        data = item.data(Qt.UserRole) if item else b""
        self.xml.setPlainText(data.decode("utf-8", "replace") if isinstance(data, (bytes, bytearray)) else str(data or ""))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        texts = {"edit": self.tr("Edit"), "amend": self.tr("Amend"), "invalidate": self.tr("Invalidate…"),
                 "answer": self.tr("Answer request"), "copy": self.tr("New filing from this one"),
                 "print": self.tr("Print")}
        for name, b in self.buttons.items():
            b.setText(texts[name])
        self.banner.retranslate()


class InvalidateDialog(QDialog):
    """Invalidate an ENS: a reason is required (kept in the audit trail), Cancel is the
    default, Enter in the reason box only starts a new line."""

    def __init__(self, lrn: str, parent=None):
        super().__init__(parent)
        self.setObjectName("invalidateDialog")
        self.setWindowTitle(self.tr("Invalidate {0}").format(lrn))
        text = QLabel(self.tr("Invalidate {0}? Customs will be told the ENS no longer stands; this cannot be "
                              "undone. Say why (kept in the filing's history):").format(lrn), self)
        text.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("invalidateReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("e.g. truck cancelled, goods not loaded, filed twice"))
        self.reason.setMaximumHeight(80)
        buttons = QDialogButtonBox(self)
        self.cancel_button = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.RejectRole)
        self.invalidate_button = buttons.addButton(self.tr("Invalidate"), QDialogButtonBox.DestructiveRole)
        self.invalidate_button.setObjectName("confirmInvalidate")
        for b in (self.cancel_button, self.invalidate_button):
            b.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.invalidate_button.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.invalidate_button.setEnabled(bool(self.reason.toPlainText().strip())))
        self.cancel_button.clicked.connect(self.reject)
        self.invalidate_button.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(self.reason)
        lay.addWidget(buttons)
        self.setTabOrder(self.reason, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.invalidate_button)
        self.reason.setFocus()
        self.resize(520, 220)

    def reason_text(self) -> str:
        return " ".join(self.reason.toPlainText().split())


def ask_invalidate_reason(parent, lrn: str) -> str | None:
    """The agent's reason to invalidate `lrn`, or None when they did not confirm."""
    dialog = InvalidateDialog(lrn, parent)
    try:
        if dialog.exec() == QDialog.Accepted and dialog.reason_text():
            return dialog.reason_text()
        return None
    finally:
        dialog.deleteLater()
