"""One form field generated from one HTI table row: label, input, hint, inline error.

The field edits one key of one dict of the working tree (see ens_form.py); it knows the
document XPath it currently stands for, so validation findings and IE3N99 pointers can land
on it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ..hti.spec import ElementSpec
from . import completion


def tr_hti(text: str) -> str:
    """HTI labels are English in the tables; the French ones live in the .ts, context 'hti'."""
    return QCoreApplication.translate("hti", text)


def hint_text(el: ElementSpec) -> str:
    fmt = el.format
    if fmt is None:
        return ""
    # QCoreApplication.translate spelled out, so pyside6-lupdate finds these strings
    if fmt.kind == "timestamp":
        return QCoreApplication.translate("Field", "UTC 2026-11-26T09:30:00Z, or Paris time 26/11/2026 10:30")
    if fmt.is_decimal:
        return QCoreApplication.translate("Field", "number, {0} decimals max").format(fmt.fraction_digits)
    if fmt.min_length == fmt.max_length:
        return QCoreApplication.translate("Field", "exactly {0} characters").format(fmt.max_length)
    return QCoreApplication.translate("Field", "up to {0} characters").format(fmt.max_length)


class Field(QWidget):
    """Line edit + one-line error below it. `edited` fires on every user change."""

    edited = Signal(object)  # self

    def __init__(self, el: ElementSpec, locked_after_filing: bool, lang: str, parent=None):
        super().__init__(parent)
        self.spec = el
        self.locked_after_filing = locked_after_filing
        self.xpath = ""
        self.node: dict | None = None
        self.has_error = False
        self.edit = QLineEdit(self)
        self.edit.setObjectName(el.path.replace("/", "__"))
        if el.format is not None and not el.codelist:
            # not on code fields: a picked completion reads "CODE  description" until it is
            # reduced to its code, and a length cap would cut it into another code
            self.edit.setMaxLength(el.format.max_length)
        self.lang = lang
        # Popups are built on first focus: UN/LOCODE alone is 24,000 rows, and the address
        # book changes while the desk runs.
        self._coded_items = False
        self.edit.installEventFilter(self)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(self.edit)
        lay.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._changed)
        if el.format is not None and el.format.kind == "timestamp":
            self.edit.editingFinished.connect(self._to_utc)
        self.retranslate()

    def eventFilter(self, obj, event):
        if obj is self.edit and event.type() == QEvent.FocusIn and self.edit.completer() is None:
            if self.spec.codelist:
                completion.attach(self.edit, self.spec.codelist, self.lang)
            else:
                self._attach_suggestions()
        return False

    def _attach_suggestions(self) -> None:
        """Entries the desk remembers for this field (parties by EORI, goods), from the form."""
        w = self.parentWidget()
        while w is not None and not hasattr(w, "suggestions_for"):
            w = w.parentWidget()
        found = w.suggestions_for(self.spec) if w is not None else None
        if found:
            items, coded = found
            self._coded_items = completion.attach_items(self.edit, items, coded) and coded

    def _to_utc(self) -> None:
        """A local time typed from a booking ("26/11/2026 10:30") becomes the UTC ICS2 wants."""
        from ..timeinput import to_ics2_utc

        utc = to_ics2_utc(self.edit.text())
        if utc:
            self.edit.setText(utc)

    # --- binding -------------------------------------------------------------------
    def bind(self, node: dict, xpath: str) -> None:
        self.node = node
        self.xpath = xpath
        self.edit.blockSignals(True)
        self.edit.setText(str(node.get(self.spec.name, "")))
        self.edit.blockSignals(False)

    def value(self) -> str:
        return self.edit.text()

    def _changed(self, text: str) -> None:
        if self.node is None:
            return
        value = completion.code_of(text) if (self.spec.codelist or self._coded_items) else text
        if value:
            self.node[self.spec.name] = value
        else:
            self.node.pop(self.spec.name, None)
        self.edited.emit(self)

    # --- display -------------------------------------------------------------------
    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        """problems: (rule id, message already in the UI language)."""
        self.has_error = bool(problems)
        self.edit.setProperty("invalid", self.has_error)
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        if problems:
            self.error.setText("\n".join(f"{rule} — {msg}" for rule, msg in problems))
            self.error.show()
        else:
            self.error.clear()
            self.error.hide()

    def set_locked(self, locked: bool) -> None:
        self.edit.setReadOnly(locked)

    def label_text(self) -> str:
        text = tr_hti(self.spec.label)
        if self.locked_after_filing:
            text += " \u2020"  # dagger: legend says "cannot be amended once filed"
        return text

    def retranslate(self) -> None:
        el = self.spec
        self.edit.setPlaceholderText(hint_text(el))
        tip = [f"<b>{tr_hti(el.label)}</b> <code>{el.path}</code>", el.format.text if el.format else ""]
        if el.codelist:
            tip.append(QCoreApplication.translate("Field", "code list {0}").format(el.codelist))
        if el.cites:
            tip.append(QCoreApplication.translate("Field", "rules {0}").format(", ".join(el.cites)))
        if self.locked_after_filing:
            tip.append(QCoreApplication.translate("Field", "cannot be amended once filed (R3024)"))
        self.edit.setToolTip("<br>".join(t for t in tip if t))
