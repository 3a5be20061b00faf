"""Editors generated from HTI groups: a group as a form, small repeats inline, big repeats
(houses, goods items, containers) as a table with a detail pane.

Every editor edits the form's working tree in place (dicts and lists shaped like
EnsDocument.data) and knows the XPath of what it shows, so findings land where they belong.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ...desk.form_rules import AUTO_NUMBERED, auto_number
from ...hti.spec import ElementSpec, rule_texts
from .fields import Field, tr_hti


def focus_and_show(w: QWidget) -> None:
    """Focus `w` and scroll the form to it: focus given by code (a row just added) does not
    scroll a QScrollArea, and the agent would type into a field they cannot see."""
    w.setFocus(Qt.OtherFocusReason)
    p = w.parentWidget()
    while p is not None and not isinstance(p, QScrollArea):
        p = p.parentWidget()
    if p is not None:
        p.ensureWidgetVisible(w, 50, 80)


def has_data(node) -> bool:
    if isinstance(node, dict):
        return any(has_data(v) for v in node.values())
    if isinstance(node, list):
        return any(has_data(v) for v in node)
    return node not in (None, "")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Editors", text)


_INDEX = re.compile(r"\[\d+\]")


def shape_of(xpath: str) -> str:
    """'/IE3F50/a/b[2]/c' -> 'a/b/c': the HTI path every occurrence of a repeated row shares."""
    return _INDEX.sub("", xpath).split("/", 2)[-1] if xpath.count("/") >= 2 else ""

BIG_TABLE = 50  # rows above which a summary table's columns are sized once, not on every edit

class FormContext:
    """What every editor needs from the form: field registry, edit notification, view mode.

    `on_structure` is called once the widgets changed (rows built or removed, another row
    bound): the form then puts the tab order back in visual order. Nested rebuilds are
    batched (see `batch`), so a bind of the whole form relinks once."""

    def __init__(self, lang: str, unamendable: set[str], on_edit: Callable[[Field], None],
                 on_structure: Callable[[], None] | None = None):
        self.lang = lang
        self.unamendable = unamendable
        self.on_edit = on_edit
        self.on_structure = on_structure or (lambda: None)
        self.fields: list[Field] = []
        self.full_view = False
        self.locked = False
        self.problem_paths: set[str] = set()
        #: HTI paths (no indices) filled or flagged in some occurrence: every occurrence of a
        #: repeated row shows them, so goods item 2 has the rows goods item 1 has
        self.shapes: set[str] = set()
        #: one-click actions shown in the frame of a sub-group, by its HTI name: ("buyer":
        #: [(untranslated "EnsForm" label, callback)], e.g. "Buyer = consignee")
        self.group_actions: dict[str, list[tuple[str, Callable[[], None]]]] = {}
        #: optional rows a rule calls for in this filing (ics2desk.rules.demanded): the simple
        #: view shows them, so no requirement shows up only after another fix
        self.demanded: Callable[[ElementSpec], bool] = lambda el: False
        self._depth = 0
        self._pending = False

    @contextmanager
    def batch(self):
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._pending:
                self._pending = False
                self.on_structure()

    def structure_changed(self) -> None:
        if self._depth:
            self._pending = True
        else:
            self.on_structure()

    def add_shape(self, xpath: str) -> None:
        """A value was typed at `xpath`: its row (and the groups around it) show in every occurrence."""
        path = shape_of(xpath)
        while path:
            self.shapes.add(path)
            path = path.rpartition("/")[0]

    def new_field(self, el: ElementSpec, parent: QWidget) -> Field:
        f = Field(el, el.path in self.unamendable, self.lang, parent)
        f.edited.connect(self.on_edit)
        f.set_locked(self.locked and f.locked_after_filing)
        self.fields.append(f)
        return f

    def drop_fields(self, fields: Iterable[Field]) -> None:
        gone = set(map(id, fields))
        self.fields = [f for f in self.fields if id(f) not in gone]

    def shows(self, el: ElementSpec, value, xpath: str) -> bool:
        """Simple view: mandatory rows and those a rule calls for, plus anything filled in or
        carrying a problem."""
        if self.full_view or has_data(value) or el.path in self.shapes:
            return True
        if self.demanded(el):
            return True
        if any(p == xpath or p.startswith(xpath + "/") or p.startswith(xpath + "[") for p in self.problem_paths):
            return True
        if el.status == "C" and mandatory_by_default(el):
            return True
        return el.status == "M" and el.min >= 1


_ELSE_MANDATORY = re.compile(r"\bELSE\b[^.]*\bis M\b", re.IGNORECASE)


@lru_cache(maxsize=None)
def mandatory_by_default(el: ElementSpec) -> bool:
    """A conditional row whose HTI condition makes it mandatory unless an exception applies
    ("... THEN it is O, ELSE it is M": HS code C3025, postcode C3034, marks and number of
    packages C3036): the simple view shows it from the start, so no field appears under the
    agent's fingers while typing (and no keystroke lands in the row below)."""
    texts = rule_texts()
    return bool(el.conditions) and all(_ELSE_MANDATORY.search(texts.get(c, "")) for c in el.conditions)


def _is_inline(el: ElementSpec) -> bool:
    return el.repeats and el.max <= 99 and all(not c.is_group for c in el.children)


def make_child_editor(ctx: FormContext, el: ElementSpec, parent: QWidget):
    if el.repeats:
        return RepeatInline(ctx, el, parent) if _is_inline(el) else RepeatTable(ctx, el, parent)
    return GroupBox(ctx, el, parent)


class GroupEditor(QWidget):
    """The rows of one group (or a chosen subset of them) as a two-column form."""

    def __init__(self, ctx: FormContext, el: ElementSpec, children: list[ElementSpec] | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.spec = el
        self.node: dict = {}
        self.xpath = ""
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.layout_.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        self.rows: list[tuple[ElementSpec, QWidget, QLabel | None]] = []
        for child in children if children is not None else el.children:
            if child.is_group:
                w = make_child_editor(ctx, child, self)
                self.layout_.addRow(w)
                self.rows.append((child, w, None))
            else:
                f = ctx.new_field(child, self)
                if el.repeats and child.name in AUTO_NUMBERED:
                    f.set_auto_numbered()  # the form numbers the rows; Tab goes to data
                label = QLabel(f.label_text(), self)
                label.setBuddy(f.edit)
                if child.status == "M":
                    label.setProperty("mandatory", True)
                self.layout_.addRow(label, f)
                self.rows.append((child, f, label))

    def bind(self, node: dict, xpath: str) -> None:
        self.node, self.xpath = node, xpath
        with self.ctx.batch():
            for el, w, _ in self.rows:
                path = f"{xpath}/{el.name}"
                if isinstance(w, Field):
                    w.bind(node, path)
                elif isinstance(w, GroupBox):
                    w.bind(node.setdefault(el.name, {}), path)
                else:
                    w.bind(node.setdefault(el.name, []), xpath)
            self.update_visibility()

    def focus_widgets(self) -> list[QWidget]:
        """What Tab reaches in here, top to bottom (hidden rows included: Tab skips them)."""
        out: list[QWidget] = []
        for _, w, _ in self.rows:
            out += [w.edit] if isinstance(w, Field) else w.focus_widgets()
        return out

    def update_visibility(self) -> bool:
        """Show/hide rows for the view mode; True when anything stays visible."""
        any_visible = False
        for el, w, _ in self.rows:
            path = f"{self.xpath}/{el.name}"
            value = self.node.get(el.name)
            visible = self.ctx.shows(el, value, path)
            if visible and not isinstance(w, Field):
                visible = w.update_visibility()
            self.layout_.setRowVisible(w, visible)
            any_visible |= visible
        return any_visible

    def children_editors(self):
        return [w for _, w, _ in self.rows if not isinstance(w, Field)]

    def navigate(self, xpath: str) -> None:
        for w in self.children_editors():
            w.navigate(xpath)

    def mark_rows(self, paths: set[str]) -> None:
        for w in self.children_editors():
            w.mark_rows(paths)

    def retranslate(self) -> None:
        for el, w, label in self.rows:
            if label is not None:
                label.setText(w.label_text())
                w.retranslate()
            else:
                w.retranslate()


class GroupBox(QGroupBox):
    """A non-repeating sub-group (address, carrier, ...) framed with its HTI label."""

    def __init__(self, ctx: FormContext, el: ElementSpec, parent=None):
        super().__init__(tr_hti(el.label), parent)
        self.spec = el
        self.inner = GroupEditor(ctx, el, parent=self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.actions: list[tuple[QPushButton, str]] = []
        if ctx.group_actions.get(el.name):
            row = QHBoxLayout()
            for text, slot in ctx.group_actions[el.name]:
                button = QPushButton(self)
                button.setObjectName(f"action_{el.name}")
                button.setFocusPolicy(Qt.NoFocus)  # a click: Tab stays on the fields
                button.setAutoDefault(False)
                button.setText(QCoreApplication.translate("EnsForm", text))
                button.clicked.connect(lambda _=False, slot=slot: slot())
                self.actions.append((button, text))
                row.addWidget(button)
            row.addStretch(1)
            lay.addLayout(row)
        lay.addWidget(self.inner)

    def bind(self, node: dict, xpath: str) -> None:
        self.inner.bind(node, xpath)

    def focus_widgets(self) -> list[QWidget]:
        return self.inner.focus_widgets()

    def update_visibility(self) -> bool:
        return self.inner.update_visibility()

    def navigate(self, xpath: str) -> None:
        self.inner.navigate(xpath)

    def mark_rows(self, paths: set[str]) -> None:
        self.inner.mark_rows(paths)

    def retranslate(self) -> None:
        self.setTitle(tr_hti(self.spec.label))
        for button, text in self.actions:
            button.setText(QCoreApplication.translate("EnsForm", text))
        self.inner.retranslate()


def _auto_number(el: ElementSpec, items: list[dict]) -> None:
    """Sequence and item numbers follow the row order, so the agent never types them (the rule:
    ics2desk.desk.form_rules)."""
    auto_number((c.name for c in el.children), items)


class RepeatInline(QGroupBox):
    """A small repeating group of plain values (routing countries, communications, seals):
    one line per occurrence, all visible, in tab order."""

    def __init__(self, ctx: FormContext, el: ElementSpec, parent=None):
        super().__init__(tr_hti(el.label), parent)
        self.ctx, self.spec = ctx, el
        self.items: list[dict] = []
        self.parent_xpath = ""
        self.row_fields: list[list[Field]] = []
        self.row_widgets: list[QWidget] = []
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(8, 4, 4, 4)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add)
        self.add_button.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)
        self.lay.addWidget(self.add_button)
        self.retranslate()

    def bind(self, items: list, parent_xpath: str) -> None:
        self.items, self.parent_xpath = items, parent_xpath
        while len(items) < self.spec.min:
            items.append({})
        _auto_number(self.spec, items)
        with self.ctx.batch():
            self._rebuild()

    def _rebuild(self) -> None:
        for fields in self.row_fields:
            self.ctx.drop_fields(fields)
        for w in self.row_widgets:
            # hidden and deleted in place: a widget set free with setParent(None) becomes a
            # window of its own, and deleting it took the activation from the form's window
            # (seen on the offscreen platform: the next key went nowhere)
            w.hide()
            self.lay.removeWidget(w)
            w.deleteLater()
        self.row_fields, self.row_widgets = [], []
        children = self.spec.children
        # two fields a line at most (packaging, passive means): each keeps room for its value,
        # the name beside a code and its error; Tab reads them left to right, line by line
        per_line = len(children) if len(children) <= 2 else 2
        for i, item in enumerate(self.items, 1):
            row = QWidget(self)
            grid = QGridLayout(row)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setVerticalSpacing(2)
            fields = []
            for n, child in enumerate(children):
                label = QLabel(tr_hti(child.label), row)
                label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
                f = self.ctx.new_field(child, row)
                label.setMinimumHeight(f.edit.sizeHint().height())  # level with the edit, not its error
                label.setBuddy(f.edit)
                f.bind(item, f"{self.parent_xpath}/{self.spec.name}[{i}]/{child.name}")
                line, col = divmod(n, per_line)
                if child.name in AUTO_NUMBERED:
                    f.set_auto_numbered()
                    f.setMaximumWidth(40)
                else:
                    grid.setColumnStretch(2 * col + 1, 1)
                grid.addWidget(label, line, 2 * col, Qt.AlignTop)
                grid.addWidget(f, line, 2 * col + 1, Qt.AlignTop)
                fields.append(f)
            remove = QPushButton("\u2212", row)
            remove.setObjectName("removeRow")
            remove.setFocusPolicy(Qt.NoFocus)  # the mouse removes; Tab stays on data
            remove.setFixedWidth(28)
            remove.setToolTip(_tr("Remove this line"))
            remove.setEnabled(len(self.items) > self.spec.min)
            remove.clicked.connect(lambda _=False, n=i - 1: self.remove(n))
            grid.addWidget(remove, 0, 2 * per_line, Qt.AlignTop)
            self.lay.insertWidget(self.lay.count() - 1, row)
            row.show()
            self.row_fields.append(fields)
            self.row_widgets.append(row)
        self.add_button.setEnabled(len(self.items) < self.spec.max)
        self.ctx.structure_changed()

    def focus_widgets(self) -> list[QWidget]:
        """Row by row, left to right, then the add button under them."""
        return [f.edit for fields in self.row_fields for f in fields] + [self.add_button]

    def add(self) -> None:
        self.items.append({})
        _auto_number(self.spec, self.items)
        self._rebuild()
        self.ctx.on_edit(None)
        focusable = [f for f in self.row_fields[-1] if f.edit.focusPolicy() != Qt.NoFocus]
        if focusable:
            focus_and_show(focusable[0].edit)

    def remove(self, index: int) -> None:
        had_focus = any(f.edit.hasFocus() for fields in self.row_fields for f in fields)
        del self.items[index]
        _auto_number(self.spec, self.items)
        self._rebuild()
        self.ctx.on_edit(None)
        if had_focus:  # stay in this group, on the line that took the removed one's place
            rows = [[f for f in fields if f.edit.focusPolicy() != Qt.NoFocus] for fields in self.row_fields]
            row = rows[min(index, len(rows) - 1)] if rows else []
            (row[0] if row else self.add_button).setFocus()

    def update_visibility(self) -> bool:
        return True

    def navigate(self, xpath: str) -> None:
        pass

    def mark_rows(self, paths: set[str]) -> None:
        pass

    def retranslate(self) -> None:
        self.setTitle(tr_hti(self.spec.label))
        self.add_button.setText(_tr("+ Add {0}").format(tr_hti(self.spec.label).lower()))
        for fields in self.row_fields:
            for f in fields:
                f.retranslate()


#: Columns shown in the summary table of a big repeating group (paths below the row).
SUMMARY_COLUMNS = {
    "consignmentHouseLevel": ["transportDocumentHouseLevel/documentNumber", "totalGrossMass", "containerIndicator"],
    "goodsItem": ["goodsItemNumber", "commodity/descriptionOfGoods",
                  "commodity/commodityCode/harmonizedSystemSubHeadingCode", "weight/grossMass"],
    "transportEquipment": ["containerIdentificationNumber", "containerSizeAndType", "numberOfSeals"],
}


def _dig(node: dict, path: str) -> str:
    for step in path.split("/"):
        if isinstance(node, list):
            node = node[0] if node else {}
        if not isinstance(node, dict):
            return ""
        node = node.get(step, "")
    return node if isinstance(node, str) else ""


class _EnterAdds(QObject):
    """Enter on the summary table adds a row (the fastest way to a new goods item)."""

    def __init__(self, table: "RepeatTable"):
        super().__init__(table)
        self.table = table

    def eventFilter(self, obj, event):
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter) \
                and not event.modifiers() & Qt.ControlModifier:
            self.table.add()
            return True
        return False


class RepeatTable(QGroupBox):
    """A big repeating group: summary table (Enter adds a row) + detail pane for the current row."""

    current_changed = Signal(int)

    def __init__(self, ctx: FormContext, el: ElementSpec, parent=None, exclude: tuple[str, ...] = ()):
        super().__init__(tr_hti(el.label), parent)
        self.ctx, self.spec = ctx, el
        self.items: list[dict] = []
        self.parent_xpath = ""
        self.current = -1
        self.columns = SUMMARY_COLUMNS.get(el.name) or [c.name for c in el.children if not c.is_group][:3]
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setObjectName(f"table_{el.name}")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # a fixed height (room for the rows, up to five): a table that may grow takes or gives
        # back the form's spare height whenever an error appears elsewhere, and the form jumps
        self.table.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.table.installEventFilter(_EnterAdds(self))
        self.table.currentCellChanged.connect(lambda row, *_: self.select(row))
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_current)
        for b in (self.add_button, self.remove_button):
            b.setFocusPolicy(Qt.NoFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.detail = GroupEditor(ctx, el, [c for c in el.children if c.name not in exclude], self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        lay.addWidget(self.table)
        lay.addLayout(buttons)
        lay.addWidget(self.detail)
        self.retranslate()

    def row_xpath(self, index: int) -> str:
        return f"{self.parent_xpath}/{self.spec.name}[{index + 1}]"

    def bind(self, items: list, parent_xpath: str) -> None:
        """Show `items`; the same list bound again (a refill from the address book, a
        re-validation) keeps the row the agent is on, so typing never jumps to another row."""
        same = items is self.items and parent_xpath == self.parent_xpath
        keep = self.current if same and 0 <= self.current < len(items) else 0
        self.items, self.parent_xpath = items, parent_xpath
        while len(items) < max(self.spec.min, 1 if self.spec.min else 0):
            items.append({})
        _auto_number(self.spec, items)
        self.current = -1
        self.refresh()
        self.select(keep if items else -1)

    def focus_widgets(self) -> list[QWidget]:
        """The summary table, then the detail pane of the current row."""
        return [self.table] + self.detail.focus_widgets()

    def refresh(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            for c, path in enumerate(self.columns):
                cell = self.table.item(r, c)
                if cell is None:
                    cell = QTableWidgetItem()
                    self.table.setItem(r, c, cell)
                cell.setText(_dig(item, path))
        if 0 <= self.current < len(self.items):
            self.table.setCurrentCell(self.current, 0)
        self.table.blockSignals(False)
        header = self.table.horizontalHeader()
        if len(self.items) > BIG_TABLE:
            # measured once here, not on every keystroke over every row (1,000 goods items)
            header.setSectionResizeMode(QHeaderView.Interactive)
            self.table.resizeColumnsToContents()
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(QHeaderView.ResizeToContents)
        self.remove_button.setEnabled(len(self.items) > max(self.spec.min, 0) and self.current >= 0)
        self.add_button.setEnabled(len(self.items) < self.spec.max)
        rows = max(2, min(len(self.items), 5))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
                                  + rows * self.table.verticalHeader().defaultSectionSize())

    def refresh_current(self) -> None:
        if 0 <= self.current < len(self.items):
            for c, path in enumerate(self.columns):
                cell = self.table.item(self.current, c)
                text = _dig(self.items[self.current], path)
                if cell is not None and cell.text() != text:  # each setText re-measures the column
                    cell.setText(text)

    def select(self, index: int) -> None:
        if index == self.current and index >= 0:
            return
        self.current = index
        self.detail.setVisible(index >= 0)
        with self.ctx.batch():
            if index >= 0:
                self.table.blockSignals(True)
                self.table.setCurrentCell(index, 0)
                self.table.blockSignals(False)
                self.detail.bind(self.items[index], self.row_xpath(index))
            self.remove_button.setEnabled(len(self.items) > self.spec.min and index >= 0)
            self.current_changed.emit(index)
            self.ctx.structure_changed()  # other row, other problems to show on the same fields

    def add(self) -> None:
        if len(self.items) >= self.spec.max:
            return
        new: dict = {}
        if self.items and self.spec.name == "goodsItem":
            # the same truck/trailer carries every item: copy the passive means forward
            prev = self.items[-1].get("passiveBorderTransportMeans")
            if prev:
                import copy

                new["passiveBorderTransportMeans"] = copy.deepcopy(prev)
        self.items.append(new)
        _auto_number(self.spec, self.items)
        self.refresh()
        self.select(len(self.items) - 1)
        self.ctx.on_edit(None)
        for f in self.ctx.fields:
            if f.xpath.startswith(self.row_xpath(self.current) + "/") and f.isVisibleTo(self) \
                    and f.edit.focusPolicy() != Qt.NoFocus and not f.edit.isReadOnly():
                focus_and_show(f.edit)
                break

    def remove_current(self) -> None:
        if self.current < 0 or len(self.items) <= self.spec.min:
            return
        del self.items[self.current]
        _auto_number(self.spec, self.items)
        index = min(self.current, len(self.items) - 1)
        self.current = -1
        self.refresh()
        self.select(index)
        self.ctx.on_edit(None)

    def update_visibility(self) -> bool:
        self.detail.update_visibility()
        return True

    def navigate(self, xpath: str) -> None:
        prefix = f"{self.parent_xpath}/{self.spec.name}["
        if xpath.startswith(prefix):
            try:
                index = int(xpath[len(prefix):].split("]", 1)[0]) - 1
            except ValueError:
                return
            if 0 <= index < len(self.items):
                self.select(index)
                self.detail.navigate(xpath)

    def mark_rows(self, paths: set[str]) -> None:
        bad = QBrush(QColor("#fde2e1"))
        for r in range(self.table.rowCount()):
            prefix = self.row_xpath(r)
            hit = any(p == prefix or p.startswith(prefix + "/") for p in paths)
            for c in range(self.table.columnCount()):
                cell = self.table.item(r, c)
                if cell is not None:
                    cell.setBackground(bad if hit else QBrush())
        self.detail.mark_rows(paths)

    def retranslate(self) -> None:
        self.setTitle(tr_hti(self.spec.label))
        self.table.setHorizontalHeaderLabels([tr_hti(_label_of(self.spec, p)) for p in self.columns])
        self.add_button.setText(_tr("+ Add (Enter)"))
        self.remove_button.setText(_tr("Remove"))
        self.detail.retranslate()


def _label_of(el: ElementSpec, rel_path: str) -> str:
    node = el
    for step in rel_path.split("/"):
        node = node.child(step)
    return node.label
