"""Filing detail: state, MRN, Do Not Load banner, timeline of every message, the message chosen
as a notice in words (what customs said, the fields an error names, what to do next; the XML
behind "Show XML"), and the actions the lifecycle allows."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QTextBrowser, QVBoxLayout,
                               QWidget)

from ...desk import actions as desk_actions
from .model import state_label

#: action -> states where the lifecycle allows it (None: always), derived from the lifecycle table
ACTIONS = {name: desk_actions.states_allowing(name) for name in desk_actions.ACTION_EVENTS}


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
        # the actions get lines of their own, three a line: with the title, or all six on one line,
        # they widened the window past a 1366 px screen at 125 % scaling
        from PySide6.QtWidgets import QGridLayout

        row = QGridLayout()
        row.setColumnStretch(0, 1)
        for i, name in enumerate(ACTIONS):
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
            row.addWidget(b, i // 3, 1 + i % 3)
        self.timeline = QListWidget(self)
        self.timeline.setObjectName("timeline")
        # the message chosen in words; its XML behind a toggle (the agent reads the notice, a
        # support call may need the XML)
        message = QWidget(self)
        self.notice = QTextBrowser(message)
        self.notice.setObjectName("replyNotice")
        self.notice.setOpenLinks(False)
        self.show_xml = QPushButton(message)
        self.show_xml.setObjectName("showXml")
        self.show_xml.setCheckable(True)
        self.show_xml.setAutoDefault(False)
        self.show_xml.setFocusPolicy(Qt.TabFocus)
        self.xml = QPlainTextEdit(message)
        self.xml.setObjectName("messageXml")
        self.xml.setReadOnly(True)
        self.xml.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.xml.hide()
        self.show_xml.toggled.connect(self._toggle_xml)
        toggle_row = QHBoxLayout()
        toggle_row.addStretch(1)
        toggle_row.addWidget(self.show_xml)
        mv = QVBoxLayout(message)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addWidget(self.notice, 1)
        mv.addLayout(toggle_row)
        mv.addWidget(self.xml, 2)
        self.timeline.currentItemChanged.connect(self._show_message)
        split = QSplitter(self)
        split.addWidget(self.timeline)
        split.addWidget(message)
        split.setSizes([480, 520])  # room for what customs said, beside the notice
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
            b.setEnabled(filing is not None and desk_actions.allowed(name, self.state))
        if focused in self.buttons.values() and QApplication.focusWidget() is not focused:
            # the focused button was disabled and Qt moved the focus to its neighbour ("New
            # filing from this one"): put it where a stray Space does nothing
            self.timeline.setFocus(Qt.OtherFocusReason)
        self.timeline.clear()
        from ...replies import describe
        from .. import i18n

        lang = i18n.current()
        for m in messages:
            arrow = "→" if m.direction == "out" else "←"
            said = describe(m.xml, lang) if m.direction == "in" else ""  # customs' answer in words
            item = QListWidgetItem(f"{m.created_at[:19].replace('T', ' ')}  {arrow} {m.message_type}"
                                   + (f"  {said}" if said else ""))
            item.setData(Qt.UserRole, m.xml)
            item.setData(Qt.UserRole + 1, (m.direction, m.message_type, m.created_at))
            if said:
                item.setToolTip(said)
            self.timeline.addItem(item)
        self.xml.clear()
        self.notice.clear()
        if self.timeline.count():
            self.timeline.setCurrentRow(self.timeline.count() - 1)

    def _show_message(self, item, _previous=None) -> None:
        data = item.data(Qt.UserRole) if item else b""
        self.xml.setPlainText(data.decode("utf-8", "replace") if isinstance(data, (bytes, bytearray)) else str(data or ""))
        self._show_notice(item)

    def _show_notice(self, item) -> None:
        """The chosen message in words, in the UI's language (notices.notice)."""
        if item is None:
            self.notice.clear()
            return
        from html import escape

        from ...notices import notice
        from .. import i18n

        direction, message_type, at = item.data(Qt.UserRole + 1)
        data = item.data(Qt.UserRole)
        n = notice(bytes(data or b""), direction, message_type, i18n.current())
        colour = {"good": "#1b5e20", "bad": "#b71c1c", "stop": "#b71c1c"}.get(n.tone, "#1a237e")
        parts = [f"<h3 style='color:{colour}'>{escape(n.title)}</h3>",
                 f"<p style='color:#555'>{escape(message_type)} · {escape(at[:16].replace('T', ' '))} UTC</p>"]
        said, todo = self.tr("What customs said"), self.tr("What to do")  # not in f-strings: lupdate reads them
        if n.said:
            parts.append(f"<p><b>{escape(said)}</b></p><ul>"
                         + "".join(f"<li>{escape(line)}</li>" for line in n.said) + "</ul>")
        if n.todo:
            parts.append(f"<p><b>{escape(todo)}</b><br>{escape(n.todo)}</p>")
        self.notice.setHtml("".join(parts))

    def _toggle_xml(self, shown: bool) -> None:
        self.xml.setVisible(shown)
        self.show_xml.setText(self.tr("Hide XML") if shown else self.tr("Show XML"))

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
        self._toggle_xml(self.show_xml.isChecked())
        self._show_notice(self.timeline.currentItem())  # the notice in the new language


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
