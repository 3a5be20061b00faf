"""The template picker (Ctrl+T): type a few letters of the name, customer or route, Enter applies
the first match (Up/Down choose another one, Escape closes). Window-modal, not blocking: the
chosen template comes back through `chosen`. The templates themselves: ics2desk.templates."""
from __future__ import annotations

from PySide6.QtCore import QTimer, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ...templates import Template


class TemplatePicker(QDialog):
    chosen = Signal(object)  # Template

    def __init__(self, items: list[Template], parent=None):
        super().__init__(parent)
        self.setObjectName("templatePicker")
        self.setWindowTitle(self.tr("New filing from a template"))
        self.setWindowModality(Qt.WindowModal)
        self.items = items
        lay = QVBoxLayout(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("templateFilter")
        self.filter.setPlaceholderText(self.tr("Name, customer or route"))
        self.list = QListWidget(self)
        self.list.setObjectName("templateList")
        self.list.setFocusPolicy(Qt.NoFocus)  # the keys stay in the filter
        lay.addWidget(self.hint)
        lay.addWidget(self.filter)
        lay.addWidget(self.list)
        self.filter.textChanged.connect(self.refilter)
        self.filter.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept_current())
        self.list.itemDoubleClicked.connect(lambda _item: self.accept_current())
        self.resize(520, 360)
        self.refilter("")

    def refilter(self, text: str) -> None:
        self.list.clear()
        for t in self.items:
            if t.matches(text):
                item = QListWidgetItem(t.label(), self.list)
                item.setData(Qt.UserRole, t)
        if self.list.count():
            self.list.setCurrentRow(0)
        if not self.items:
            self.hint.setText(self.tr("No template yet: fill in a filing, then \"Save as template…\"."))
        elif not self.list.count():
            self.hint.setText(self.tr("No template matches \"{0}\".").format(text))
        else:
            self.hint.setText(self.tr("Enter: new filing from the template chosen; plates, CMR, seals "
                                      "and times stay empty."))

    def current(self) -> Template | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def accept_current(self) -> None:
        template = self.current()
        if template is None:
            return
        self.accept()  # closed first: the new filing's focus is not given back to the field before
        self.chosen.emit(template)

    def eventFilter(self, obj, event):
        if obj is self.filter and event.type() == QEvent.KeyPress:
            key = event.key()
            if key in (Qt.Key_Return, Qt.Key_Enter):
                self.accept_current()
                return True
            if key in (Qt.Key_Down, Qt.Key_Up) and self.list.count():
                step = 1 if key == Qt.Key_Down else -1
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + step)))
                return True
        return super().eventFilter(obj, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.activateWindow()  # a picker opened by a shortcut takes the keyboard at once
        self.filter.setFocus(Qt.OtherFocusReason)
        # and again once the window system has made it active (it may hand focus back first)
        QTimer.singleShot(0, self.filter, lambda: self.filter.setFocus(Qt.OtherFocusReason))
