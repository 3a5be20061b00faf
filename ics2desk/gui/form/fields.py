"""One form field generated from one HTI table row: label, input, hint, inline error.

The field edits one key of one dict of the working tree (see ens_form.py); it knows the
document XPath it currently stands for, so validation findings and IE3N99 pointers can land
on it.

What the agent types is read the way they write it, and the tree keeps what ICS2 wants:
a code in any case or a name (kept as the code, its name shown beside the field), a local
time in several forms (kept as ICS2 UTC, UTC shown beside), a number in the UI's language
(kept as '12450.75'). A time field also has a date-time picker (its button, or Alt+Down / F4
in the field): another way to type the same text.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QWidget

from ... import timeinput
from ...hti.spec import ElementSpec
from . import completion
from .datetime_picker import DateTimePicker


def tr_hti(text: str) -> str:
    """HTI labels are English in the tables; the French ones live in the .ts, context 'hti'."""
    return QCoreApplication.translate("hti", text)


def hint_text(el: ElementSpec) -> str:
    fmt = el.format
    if fmt is None:
        return ""
    # QCoreApplication.translate spelled out, so pyside6-lupdate finds these strings
    if el.codelist:
        return QCoreApplication.translate("Field", "code or name (\u2193 lists them)")
    if fmt.kind == "timestamp":
        return QCoreApplication.translate("Field", "Paris time: 26/11/26 10:30, 26/11 10h30, now, +2h")
    if fmt.is_decimal:
        return QCoreApplication.translate("Field", "number, {0} decimals max").format(fmt.fraction_digits)
    if fmt.min_length == fmt.max_length:
        return QCoreApplication.translate("Field", "exactly {0} characters").format(fmt.max_length)
    return QCoreApplication.translate("Field", "up to {0} characters").format(fmt.max_length)


def field_kind(el: ElementSpec) -> str:
    """'code', 'time', 'number' or 'text': how the field reads what the agent types."""
    fmt = el.format
    if el.codelist:
        return "code"
    if fmt is not None and fmt.kind == "timestamp":
        return "time"
    if fmt is not None and fmt.kind == "n":
        return "number"
    return "text"


class SideLabel(QLabel):
    """What a typed value means, beside the field: the code's name, the time in UTC. Elided to
    the room it has (the whole text in the tooltip), so it never widens the form."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("fieldMeaning")
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)  # never taller than its line
        self.setMinimumWidth(60)

    def set_meaning(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
            self.setToolTip(text)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        painter.drawText(rect, int(Qt.AlignLeft | Qt.AlignVCenter),
                         self.fontMetrics().elidedText(self.text(), Qt.ElideRight, rect.width()))


class ErrorLabel(QLabel):
    """The field's error, wrapped to the field's width. Its size hint is the height it really
    takes at that width: a wrapped QLabel's own hint assumes a narrow label, and the form rows
    sized from hints (those not in a group box) kept a blank band under a one-line error."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.width() > 50 and self.wordWrap():
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class Field(QWidget):
    """Line edit (+ its meaning beside it) + one-line error below. `edited` fires on every
    user change."""

    edited = Signal(object)  # self

    def __init__(self, el: ElementSpec, locked_after_filing: bool, lang: str, parent=None):
        super().__init__(parent)
        self.spec = el
        self.kind = field_kind(el)
        self.locked_after_filing = locked_after_filing
        self.auto_numbered = False
        self.xpath = ""
        self.node: dict | None = None
        self.has_error = False
        self.edit = QLineEdit(self)
        self.edit.setObjectName(el.path.replace("/", "__"))
        fmt = el.format
        # No cap on code fields (a picked completion reads "CODE  name" until it is reduced to
        # its code; a cap would cut it into another code), nor on times ("1/12 21h15 Londres");
        # numbers get room for their grouping ("12 450,75").
        if fmt is not None and self.kind == "text":
            self.edit.setMaxLength(fmt.max_length)
        elif fmt is not None and self.kind == "number":
            self.edit.setMaxLength(fmt.max_length + fmt.max_length // 3 + 2)
        self.lang = lang
        self.zone = timeinput.DESK_ZONE  # the wall clock a time field shows and reads
        # Popups are built on first focus: UN/LOCODE alone is 24,000 rows, and the address
        # book changes while the desk runs.
        self._coded_items = False
        self.edit.installEventFilter(self)
        self.meaning = SideLabel(self) if self.kind in ("code", "time") else None
        # the picker's button is for the mouse: Tab goes from field to field, the keyboard opens
        # the picker with Alt+Down / F4 in the field
        self.pick = None
        self.picker: DateTimePicker | None = None
        if self.kind == "time":
            self.pick = QToolButton(self)
            self.pick.setObjectName("pickDateTime")
            self.pick.setArrowType(Qt.DownArrow)
            self.pick.setFocusPolicy(Qt.NoFocus)
            self.pick.clicked.connect(self.open_picker)
        self.error = ErrorLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignLeft | Qt.AlignTop)  # right under the edit, however tall the row
        self.error.hide()
        # one grid, no nested layout: the error's height-for-width then sizes the row, and a row
        # does not keep the height of a three-line error it no longer has
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setVerticalSpacing(1)
        lay.addWidget(self.edit, 0, 0)
        column = 1
        if self.pick is not None:
            lay.setHorizontalSpacing(2)
            lay.addWidget(self.pick, 0, column)
            column += 1
        if self.meaning is not None:
            lay.addWidget(self.meaning, 0, column)
            lay.setColumnStretch(0, 3)
            lay.setColumnStretch(column, 2)
            column += 1
        lay.addWidget(self.error, 1, 0, 1, column)
        # no focus proxy: a proxied wrapper stays where it was made in the focus chain and Tab
        # would reach it (and so its edit) out of the form's visual order; setFocus forwards
        self.edit.textChanged.connect(self._changed)
        self.edit.editingFinished.connect(self._finish)
        self.retranslate()

    def setFocus(self, *args) -> None:  # Qt's name: field.setFocus() focuses the edit
        self.edit.setFocus(*args)

    def hasFocus(self) -> bool:
        return self.edit.hasFocus()

    def eventFilter(self, obj, event):
        if obj is self.edit and event.type() == QEvent.FocusIn and self.edit.completer() is None:
            if self.spec.codelist:
                completion.attach(self.edit, self.spec.codelist, self.lang)
            else:
                self._attach_suggestions()
        if obj is self.edit and event.type() == QEvent.KeyPress and self.pick is not None and (
                (event.key() == Qt.Key_F4 and not event.modifiers() & ~Qt.KeypadModifier)
                or (event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier)):
            self.open_picker()
            return True
        if obj is self.edit and event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter) \
                and not event.modifiers() & ~Qt.KeypadModifier:
            # Enter: this value is done, on to the next field still empty (those a crossing, a
            # template or the address book filled are skipped; Tab still stops at every one)
            form = self._form()
            if form is not None:
                self._finish()
                form.focus_next_empty(self)
                return True
        return False

    # --- the date-time picker ------------------------------------------------------
    def open_picker(self) -> None:
        """The calendar under the field, on the field's time (or now, in the field's zone)."""
        if self.pick is None or self.edit.isReadOnly():
            return
        if self.picker is not None:
            self.picker.close()
        start = timeinput.local_datetime(self.stored() or self.edit.text(), self.zone) \
            or timeinput.local_now(self.zone)
        self.picker = DateTimePicker(start, self.lang, self.zone, self)
        self.picker.picked.connect(self._picked)
        self.picker.finished.connect(self._picker_closed)
        self.picker.popup_under(self.edit)

    def _picked(self, text: str) -> None:
        before = timeinput.local_datetime(self.stored(), self.zone) if self.stored() else None
        if before is not None and timeinput.wall_text(before.year, before.month, before.day, before.hour,
                                                      before.minute) == text:
            return  # accepted as it opened: the value (its seconds too) stays as it was
        self.edit.setText(text)  # read, kept and validated like typed text

    def _picker_closed(self, _result: int) -> None:
        picker, self.picker = self.picker, None
        if picker is not None:
            picker.deleteLater()
        self.window().activateWindow()
        self.edit.setFocus(Qt.PopupFocusReason)

    def _form(self):
        w = self.parentWidget()
        while w is not None and not hasattr(w, "focus_next_empty"):
            w = w.parentWidget()
        return w

    def _attach_suggestions(self) -> None:
        """Entries the desk remembers for this field (parties by EORI, goods), from the form."""
        w = self.parentWidget()
        while w is not None and not hasattr(w, "suggestions_for"):
            w = w.parentWidget()
        found = w.suggestions_for(self.spec) if w is not None else None
        if found:
            items, coded = found
            self._coded_items = completion.attach_items(self.edit, items, coded) and coded

    def _index(self):
        return completion.index(self.spec.codelist, self.lang) if self.kind == "code" else None

    # --- reading what was typed ----------------------------------------------------
    def _read(self, text: str) -> str:
        """What the tree keeps for the text in the field."""
        if self.kind == "code" or self._coded_items:
            code = completion.code_of(text)
            ix = self._index()
            return (ix.canonical(code) if ix is not None else None) or code
        if self.kind == "time":
            parsed = timeinput.parse_time(text, self.zone)
            return parsed.stamp if parsed else text.strip()
        if self.kind == "number":
            return timeinput.parse_number(text, self.lang) or text.strip()
        return text

    def _shown(self, value: str) -> str:
        """How a kept value reads in the field."""
        if self.kind == "time":
            return timeinput.local_text(value, self.zone) or value
        if self.kind == "number" and not self.auto_numbered:
            return timeinput.number_text(value, self.lang)
        return value

    def _finish(self) -> None:
        """Leaving the field: show what was understood in its plain form ('fr' -> 'FR',
        'Birmingham' -> 'GBBHM', 'now' -> '01/12/2026 21:15', '12450,75' -> '12 450,75')."""
        if self.edit.isReadOnly():
            return
        text = self.edit.text()
        shown = None
        if self.kind == "code":
            ix = self._index()
            shown = ix.resolve(text) if ix is not None else None
        elif self.kind == "time":
            parsed = timeinput.parse_time(text, self.zone)
            shown = timeinput.local_text(parsed.stamp, self.zone) if parsed else None
        elif self.kind == "number" and not self.auto_numbered:
            number = timeinput.parse_number(text, self.lang)
            shown = timeinput.number_text(number, self.lang) if number is not None else None
        if shown is not None and shown != text:
            self.edit.setText(shown)

    def _update_meaning(self) -> None:
        if self.meaning is None:
            return
        value = self.stored()
        if self.kind == "code":
            ix = self._index()
            self.meaning.set_meaning(ix.name(value) if ix is not None and value else "")
        else:
            self.meaning.set_meaning(timeinput.utc_text(value))

    # --- binding -------------------------------------------------------------------
    def bind(self, node: dict, xpath: str) -> None:
        self.node = node
        self.xpath = xpath
        self.edit.blockSignals(True)
        self.edit.setText(self._shown(str(node.get(self.spec.name, ""))))
        self.edit.blockSignals(False)
        self._update_meaning()

    def value(self) -> str:
        """The text in the field, as the agent sees it."""
        return self.edit.text()

    def stored(self) -> str:
        """The value as ICS2 gets it (the code, the UTC time, the '.' number)."""
        return str(self.node.get(self.spec.name, "")) if self.node is not None else ""

    def _changed(self, text: str) -> None:
        if self.node is None:
            return
        value = self._read(text)
        if value:
            self.node[self.spec.name] = value
        else:
            self.node.pop(self.spec.name, None)
        self._update_meaning()
        self.edited.emit(self)

    def set_language(self, lang: str) -> None:
        """Names, numbers and the popup in the new language (the popup is rebuilt on focus)."""
        if lang == self.lang:
            return
        self.lang = lang
        if self.kind == "code" and self.edit.completer() is not None:
            self.edit.setCompleter(None)
        if self.node is not None:
            self.bind(self.node, self.xpath)

    def set_auto_numbered(self) -> None:
        """The form numbers this row (sequence, goods item number): shown, never typed."""
        self.auto_numbered = True
        self.edit.setReadOnly(True)
        self.edit.setFocusPolicy(Qt.NoFocus)

    # --- display -------------------------------------------------------------------
    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        """problems: (rule id, message already in the UI language)."""
        has_error = bool(problems)
        if has_error != self.has_error or self.edit.property("invalid") is None:
            self.has_error = has_error
            self.edit.setProperty("invalid", has_error)
            self.edit.style().unpolish(self.edit)
            self.edit.style().polish(self.edit)
        if problems:
            self.error.setText("\n".join(f"{rule} — {msg}" for rule, msg in problems))
            self.error.show()
        else:
            self.error.clear()
            self.error.hide()

    def set_locked(self, locked: bool) -> None:
        """Read-only, and looking it (grey, a padlock): an amendment cannot change it (R3024)."""
        self.edit.setReadOnly(locked or self.auto_numbered)
        if self.pick is not None:
            self.pick.setEnabled(not self.edit.isReadOnly())
        if bool(self.edit.property("locked")) != locked:
            self.edit.setProperty("locked", locked)
            self.edit.style().unpolish(self.edit)
            self.edit.style().polish(self.edit)
            self.retranslate()

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
        if self.pick is not None:
            picker_tip = QCoreApplication.translate("Field", "Alt+Down or F4: pick a date and time")
            tip.append(picker_tip)
            self.pick.setToolTip(picker_tip)
        if self.locked_after_filing:
            tip.append(QCoreApplication.translate("Field", "cannot be amended once filed (R3024)"))
        self.edit.setToolTip("<br>".join(t for t in tip if t))
        if self.edit.property("locked"):
            self.edit.setPlaceholderText("\U0001F512")
