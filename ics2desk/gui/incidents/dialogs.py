"""Dialogs of the incident panel: declare a component down from a customs notice, and the
fallback request (e-mail text FR/EN, PDF, "mark as sent" with the recipient).

The request is drafted here from documents the worker loaded (cheap: dict walking); the PDF
and the record of sending go back to the worker thread.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QDateTime, QTimeZone, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QTabWidget,
                               QVBoxLayout, QWidget)

from ... import clock
from ...continuity.components import NoticeReference, component_name
from ...errors import KnownError
from ...failures import Component

ISSUERS = ("DGDDI", "European Commission (STI-STP)", "Douane NL", "National Service Desk")


def _utc_edit(parent, when: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(QTimeZone.utc())
    edit.setDisplayFormat("yyyy-MM-dd HH:mm 'UTC'")
    edit.setCalendarPopup(True)
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp()), QTimeZone.utc()))
    return edit


def _from_edit(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), timezone.utc)


class DeclareDialog(QDialog):
    """A component declared down by the agent, referenced as customs do: issuer + notice time."""

    def __init__(self, component: Component, lang: str, parent=None, now: datetime | None = None):
        super().__init__(parent)
        self.setObjectName("declareDialog")
        self.setWindowTitle(self.tr("Declare down: {0}").format(component_name(component, lang)))
        self.issuer = QComboBox(self)
        self.issuer.setEditable(True)
        self.issuer.addItems(ISSUERS)
        self.notice_at = _utc_edit(self, now or clock.now())
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("What the notice says (optional)"))
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        form = QFormLayout()
        form.addRow(self.tr("Notice issued by"), self.issuer)
        form.addRow(self.tr("Date and time of the notice"), self.notice_at)
        form.addRow(self.tr("Notice text"), self.text)
        note = QLabel(self.tr("Customs reference a disruption by the date and time of their notice."), self)
        note.setObjectName("legend")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Declare down"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.reference: NoticeReference | None = None

    def _accept(self) -> None:
        try:
            self.reference = NoticeReference(self.issuer.currentText().strip(), _from_edit(self.notice_at),
                                             self.text.text().strip())
        except KnownError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def default_recipient(playbook, component: Component) -> str:
    """The mailbox the playbook names for the fallback of this component (the DGDDI ICS2 box)."""
    for step in playbook.section(component, "fallback"):
        for contact in step.contacts:
            if contact.address and "@" in contact.address:
                return contact.address
    contact = playbook.contacts.get("dgddi-ics2")
    return contact.address if contact is not None and contact.address else ""


class FallbackDialog(QDialog):
    """Draft -> read (FR and EN) -> save the PDF -> send from the mail client -> mark as sent."""

    pdf_requested = Signal(object, str)  # FallbackRequest, path
    sent = Signal(str, str, list, str)  # subject, body, LRNs, recipient

    def __init__(self, component: Component, documents: list, incident, playbook, lang: str,
                 requester: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("fallbackDialog")
        self.component, self.documents, self.incident = component, documents, incident
        self.requester = requester
        self.setWindowTitle(self.tr("Fallback request: {0}").format(component_name(component, lang)))
        self.resize(860, 640)
        evidence = incident.evidence[-1].error if incident is not None and incident.evidence else ""
        self.reason = QLineEdit(evidence or component_name(component, lang) + " unavailable", self)
        self.start = _utc_edit(self, incident.opened_at if incident is not None else clock.now())
        self.duration = QSpinBox(self)
        self.duration.setRange(0, 72)
        self.duration.setValue(2)
        self.duration.setSuffix(" h")
        self.duration.setSpecialValueText(self.tr("unknown"))
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.tr("Expected duration"), self.duration)
        self.tabs = QTabWidget(self)
        self.subjects, self.bodies = {}, {}
        for code, title in (("fr", "Français"), ("en", "English")):
            page = QWidget(self.tabs)
            self.subjects[code] = QLineEdit(page)
            self.subjects[code].setReadOnly(True)
            self.bodies[code] = QPlainTextEdit(page)
            self.bodies[code].setReadOnly(True)
            v = QVBoxLayout(page)
            v.addWidget(self.subjects[code])
            v.addWidget(self.bodies[code], 1)
            self.tabs.addTab(page, title)
        self.tabs.setCurrentIndex(0 if lang == "fr" else 1)
        self.copy_button = QPushButton(self.tr("Copy e-mail"), self)
        self.copy_button.clicked.connect(self.copy)
        self.pdf_button = QPushButton(self.tr("Save PDF…"), self)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.recipient = QLineEdit(default_recipient(playbook, component), self)
        self.recipient.setObjectName("recipient")
        self.sent_button = QPushButton(self.tr("Mark as sent"), self)
        self.sent_button.setObjectName("primary")
        self.sent_button.clicked.connect(self.mark_sent)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.pdf_button)
        row.addSpacing(20)
        row.addWidget(QLabel(self.tr("Sent to"), self))
        row.addWidget(self.recipient, 1)
        row.addWidget(self.sent_button)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(row)
        lay.addWidget(self.status)
        lay.addWidget(close)
        self.requests = {}
        for w in (self.reason.textChanged, self.start.dateTimeChanged, self.duration.valueChanged):
            w.connect(lambda *_: self.redraft())
        self.redraft()

    @property
    def lang(self) -> str:
        return "fr" if self.tabs.currentIndex() == 0 else "en"

    def redraft(self) -> None:
        from ...continuity.fallback import draft_request

        hours = self.duration.value()
        try:
            for code in ("fr", "en"):
                self.requests[code] = draft_request(
                    self.component, self.documents, self.reason.text(), _from_edit(self.start),
                    timedelta(hours=hours) if hours else None,
                    reference=self.incident.reference if self.incident is not None else None,
                    requester=self.requester, lang=code)
        except KnownError as exc:
            self.requests = {}
            self.status.setText(str(exc))
        ok = bool(self.requests)
        for code in ("fr", "en"):
            subject, body = self.requests[code].email() if ok else ("", "")
            self.subjects[code].setText(subject)
            self.bodies[code].setPlainText(body)
        for b in (self.copy_button, self.pdf_button, self.sent_button):
            b.setEnabled(ok)
        if ok:
            self.status.setText(self.tr("%n declaration(s) in the request", "", len(self.documents)))

    def copy(self) -> None:
        subject, body = self.requests[self.lang].email()
        QGuiApplication.clipboard().setText(f"{subject}\n\n{body}")

    def save_pdf(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the fallback request"),
                                                  f"fallback-request-{self.lang}.pdf", "PDF (*.pdf)")
            if not path:
                return
        self.status.setText(self.tr("Writing {0}…").format(path))
        self.pdf_requested.emit(self.requests[self.lang], path)

    def mark_sent(self) -> None:
        to = self.recipient.text().strip()
        if not to:
            self.status.setText(self.tr("Say to whom the request was sent."))
            self.recipient.setFocus()
            return
        req = self.requests[self.lang]
        subject, body = req.email()
        self.sent.emit(subject, body, list(req.lrns), to)
        self.sent_button.setEnabled(False)
        self.status.setText(self.tr("Recorded: sent to {0} at {1} UTC").format(
            to, clock.now().strftime("%H:%M")))
