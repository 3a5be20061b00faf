"""Answer a request for information: the IE3Q02 customs sent is shown reference by reference,
the agent types an answer for each (and may list attachments), and the IE3R02 built from it is
checked against schemas/IE3R02.xsd before it is queued through Desk.answer_rfi (the building and
checking without Qt: ics2desk.desk.rfi)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QListWidget, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ...desk.rfi import (ATTACHMENTS_MAX, TEXT_MAX, Attachment, Question, build_answer,  # noqa: F401  (re-exported)
                        latest_request, questions, schema_problems)
from ...model import EnsDocument


class AnswerDialog(QDialog):
    """One answer box and attachment list per reference of the request."""

    def __init__(self, store, lrn: str, request: EnsDocument, parent=None, desk=None):
        super().__init__(parent)
        self.setObjectName("rfiDialog")
        self.store, self.lrn, self.request = store, lrn, request
        self.desk = desk  # ics2desk.desk.Desk: the answer queued under the session's user
        self.setWindowTitle(self.tr("Answer the request for information — {0}").format(lrn))
        self.answers: dict[str, QPlainTextEdit] = {}
        self.files: dict[str, QListWidget] = {}
        self.attachments: dict[str, list[Attachment]] = {}
        self.queued_item: int | None = None
        body = QWidget(self)
        col = QVBoxLayout(body)
        intro = QLabel(self.tr("MRN {0}: customs (IE3Q02) ask the following. Answer each request; "
                               "the answer is sent as an IE3R02.").format(request.data.get("MRN", "")), body)
        intro.setWordWrap(True)
        col.addWidget(intro)
        for q in questions(request):
            box = QGroupBox(self.tr("Request {0} ({1})").format(q.reference, q.request_type), body)
            form = QFormLayout(box)
            asked = QLabel(q.text or self.tr("(no text given)"), box)
            asked.setWordWrap(True)
            asked.setTextInteractionFlags(Qt.TextSelectableByMouse)
            form.addRow(self.tr("Customs ask:"), asked)
            answer = QPlainTextEdit(box)
            answer.setObjectName(f"answer_{q.reference}")
            answer.setTabChangesFocus(True)
            form.addRow(self.tr("Answer:"), answer)
            files = QListWidget(box)
            files.setMaximumHeight(70)
            add, remove = QPushButton(self.tr("Attach file…"), box), QPushButton(self.tr("Remove"), box)
            add.clicked.connect(lambda _=False, ref=q.reference: self.pick_file(ref))
            remove.clicked.connect(lambda _=False, ref=q.reference: self.remove_file(ref))
            row = QHBoxLayout()
            row.addWidget(files, 1)
            row.addWidget(add)
            row.addWidget(remove)
            form.addRow(self.tr("Attachments:"), row)
            self.answers[q.reference], self.files[q.reference] = answer, files
            self.attachments[q.reference] = []
            col.addWidget(box)
        col.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.problems = QLabel(self)
        self.problems.setObjectName("rfiProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color:#c62828")
        buttons = QDialogButtonBox(self)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.RejectRole)  # ours: in the UI's language
        # ActionRole: Qt makes the first AcceptRole button the default one when the dialog shows
        self.send_button = buttons.addButton(self.tr("Validate and queue the answer"), QDialogButtonBox.ActionRole)
        self.send_button.setObjectName("rfiSend")
        # Enter and Space act on the focused widget only: no default button sends the answer
        # (Enter in an answer box is a new line), Escape cancels
        for b in self.findChildren(QPushButton) + [cancel, self.send_button]:
            b.setAutoDefault(False)
            b.setDefault(False)
        self.send_button.clicked.connect(self.send)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.problems)
        lay.addWidget(buttons)
        self.resize(640, 480)

    def add_attachment(self, reference: str, path: str, description: str = "") -> None:
        items = self.attachments[reference]
        if len(items) >= ATTACHMENTS_MAX:
            QMessageBox.warning(self, "ics2desk", self.tr("At most {0} attachments per request").format(ATTACHMENTS_MAX))
            return
        items.append(Attachment(path, description))
        self.files[reference].addItem(Path(path).name)

    def pick_file(self, reference: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach file"))
        if path:
            self.add_attachment(reference, path)

    def remove_file(self, reference: str) -> None:
        row = self.files[reference].currentRow()
        if 0 <= row < len(self.attachments[reference]):
            del self.attachments[reference][row]
            self.files[reference].takeItem(row)

    def document(self) -> EnsDocument:
        return build_answer(self.request, {ref: e.toPlainText() for ref, e in self.answers.items()},
                            self.attachments)

    def send(self) -> None:
        """Refuse an empty answer or one the XSD rejects; else queue it (audited by the store)."""
        from ...errors import KnownError

        if not any(e.toPlainText().strip() for e in self.answers.values()) and not any(self.attachments.values()):
            self.problems.setText(self.tr("Type an answer or attach a file before sending."))
            return
        doc = self.document()
        problems = schema_problems(doc)
        if problems:
            self.problems.setText(self.tr("The answer does not follow the IE3R02 schema:") + "\n" + "\n".join(problems[:5]))
            return
        try:
            self.queued_item = (self.desk.answer_rfi(self.lrn, doc) if self.desk is not None
                                else self.store.answer_rfi(self.lrn, doc, user=self.store.user))
        except KnownError as exc:
            self.problems.setText(str(exc))
            return
        self.accept()
