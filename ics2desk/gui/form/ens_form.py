"""The ENS form (IE3F50/IE3F51), generated from the HTI tables and laid out in the order an
agent works: declaration & lodging person; truck, crossing & routing; master consignment;
house consignments & goods items; trailer, containers & seals.

Keyboard: Tab walks the fields top to bottom, row by row (every repeated line included, in
the order they stand on screen, also lines added while typing), Enter on a goods table adds
a row, Ctrl+S saves, Ctrl+Enter validates and queues, Ctrl+P prints. Validation runs 300 ms
after the last key.
"""
from __future__ import annotations

import copy
import gc
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget)

from ...hti.spec import load_message
from ...model import EnsDocument
from ...rules.amendment import unamendable_paths
from ...rules import demanded
from ...rules.base import Finding
from ...validate import validate_document
from .editors import FormContext, GroupEditor, RepeatTable, focus_and_show, has_data, shape_of
from .fields import Field
from ..style import STYLE


def field_place(message_id: str, path: str) -> str:
    """Where a finding points, in words of the UI language: "House consignment 1 › Goods item 2 ›
    Gross mass" for /IE3F50/.../consignmentHouseLevel[1]/goodsItem[2]/weight/grossMass. Falls back
    to the raw path for anything the HTI table does not know (the rule: notices.field_words)."""
    from ...notices import field_words
    from .fields import tr_hti

    return field_words(path, label_of=lambda el: tr_hti(el.label))


ROOT_DECLARATION = ["LRN", "documentIssueDate", "SpecificCircumstanceIndicator", "reEntryIndicator",
                    "declarant", "representative"]
ROOT_CROSSING = ["activeBorderTransportMeans", "customsOfficeOfFirstEntry"]
HOUSE_EQUIPMENT = ("transportEquipment", "passiveBorderTransportMeans")

SECTION_TITLES = [
    QCoreApplication.translate("EnsForm", "Declaration & lodging person"),
    QCoreApplication.translate("EnsForm", "Truck, crossing & routing"),
    QCoreApplication.translate("EnsForm", "Master consignment"),
    QCoreApplication.translate("EnsForm", "House consignments & goods items"),
    QCoreApplication.translate("EnsForm", "Trailer, containers & seals"),
]
_SECTION_SOURCE = ["Declaration & lodging person", "Truck, crossing & routing", "Master consignment",
                   "House consignments & goods items", "Trailer, containers & seals"]


# one click in the buyer / seller frames (the party copied from the consignee / consignor)
QCoreApplication.translate("EnsForm", "Buyer = consignee")
QCoreApplication.translate("EnsForm", "Seller = consignor")
GROUP_ACTIONS = ("Buyer = consignee", "Seller = consignor")

#: a new row in the table the cursor is in (goods item, house consignment, container), from any
#: field of the row: the agent finishing goods item 1 goes on to item 2 without going back up to
#: the table (small lines, a phone or a packaging, have their "+ Add" in the Tab order)
ADD_LINE = QKeySequence(Qt.CTRL | Qt.SHIFT | Qt.Key_A)

PROVISIONAL_LRN = "0"  # stands for the LRN the desk assigns at the first save


def missing_required(children, node: dict, xpath: str, present: bool = True):
    """Empty mandatory fields of groups that are there: the XSD stops at the first one in a
    sequence, the agent wants to see them all."""
    from .editors import has_data

    for el in children:
        value = node.get(el.name) if isinstance(node, dict) else None
        path = f"{xpath}/{el.name}"
        if not el.is_group:
            if present and el.min >= 1 and not value:
                yield Finding("XSD", path, f"Required: {el.label}",
                              f"Obligatoire : {QCoreApplication.translate('hti', el.label)}")
        elif el.repeats:
            for i, item in enumerate(value or [], 1):
                yield from missing_required(el.children, item, f"{path}[{i}]", present and (has_data(item) or i <= el.min))
        else:
            sub = value or {}
            yield from missing_required(el.children, sub, path,
                                        present and (el.min >= 1 or has_data(sub)))


@lru_cache(maxsize=None)
def _table_order(message_id: str) -> dict[str, int]:
    """HTI path -> its row number in the message's table."""
    return {path: i for i, path in enumerate(load_message(message_id).by_path)}


def drop_empty(node):
    """The working tree minus empty values, groups and rows: what the filing really says."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            v = drop_empty(v)
            if v not in (None, "", {}, []):
                out[k] = v
        return out
    if isinstance(node, list):
        return [x for x in (drop_empty(v) for v in node) if x not in (None, "", {}, [])]
    return node


def ask_discard(parent, can_save: bool = True) -> str:
    """The form has unsaved changes and something would replace it: "cancel" (the default,
    also Escape and Enter), "save" or "discard"."""
    from PySide6.QtWidgets import QMessageBox

    # QCoreApplication.translate spelled out, so pyside6-lupdate finds these strings
    box = QMessageBox(QMessageBox.Warning, QCoreApplication.translate("EnsForm", "Unsaved changes"),
                      QCoreApplication.translate("EnsForm", "This filing has changes that are not saved. They are "
                                                            "lost if you open another one."),
                      QMessageBox.NoButton, parent)
    box.setObjectName("discardChanges")
    keep = box.addButton(QCoreApplication.translate("EnsForm", "Keep editing"), QMessageBox.RejectRole)
    save = box.addButton(QCoreApplication.translate("EnsForm", "Save draft, then continue"),
                         QMessageBox.AcceptRole) if can_save else None
    discard = box.addButton(QCoreApplication.translate("EnsForm", "Discard changes"), QMessageBox.DestructiveRole)
    for b in (keep, save, discard):
        if b is not None:
            b.setAutoDefault(False)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    try:
        box.exec()
        clicked = box.clickedButton()
        return "discard" if clicked is discard else "save" if save is not None and clicked is save else "cancel"
    finally:
        box.deleteLater()


def may_replace(form, parent, save=None) -> bool:
    """May `form`'s content be replaced (a new filing, another one opened)? Asks when it has
    unsaved changes; `save(document)` (returning None when it failed) offers to save first."""
    if form is None or not form.dirty:
        return True
    choice = ask_discard(parent, can_save=save is not None)
    if choice == "save":
        return save(form.document()) is not None
    return choice == "discard"


def check_form(message_id: str, data: dict, registered, strict: bool, touched: frozenset):
    """The form's findings for a copy of its working tree: every rule and the XSD, plus the empty
    mandatory fields of groups that are there (all of them once strict, else those touched).
    Qt-free and thread-safe on its arguments: it runs on the GUI thread or in the background."""
    doc = EnsDocument(message_id, drop_empty(data))  # new containers: `data` is left as it is
    if not doc.lrn and message_id in ("IE3F50", "IE3F51"):
        # A new filing gets its LRN from the desk on first save (unique per declarant, R3003):
        # validate as it will be sent, so the empty LRN hides nothing behind it.
        doc.data["LRN"] = PROVISIONAL_LRN
    report = validate_document(doc, registered)
    seen = {f.path for f in report.findings}
    spec = load_message(message_id)
    tree = dict(data, LRN=doc.data["LRN"]) if doc.data.get("LRN") == PROVISIONAL_LRN else data
    report.findings.extend(f for f in missing_required(spec.root.children, tree, f"/{message_id}")
                           if f.path not in seen and (strict or f.path in touched))
    report.findings[:] = drop_schema_echoes(report.findings)
    return report


def drop_schema_echoes(findings: list[Finding]) -> list[Finding]:
    """The XSD stops at the first missing field of a sequence and blames the next one that is
    there ("'countriesOfRouting…' is not expected here; expected: estimatedDateAndTime…"):
    when the form names what is missing in that group, the echo only misleads (and Ctrl+Enter
    would take the agent to the field that is right)."""
    def group(path: str) -> str:
        return path.rpartition("/")[0]

    missing_in = {group(f.path) for f in findings if f.rule != "XSD" or f.message("en").startswith("Required:")
                  or " is missing in " in f.message("en")}
    return [f for f in findings
            if not (f.rule == "XSD" and "is not expected here" in f.message("en") and group(f.path) in missing_in)]


class _Results(QObject):
    """Carries a background validation's result to the GUI thread (queued signal)."""

    done = Signal(int, object)  # form version, Report (or the exception)


class EnsForm(QWidget):
    save_requested = Signal(object)  # EnsDocument
    queue_requested = Signal(object)  # EnsDocument, valid
    print_requested = Signal(object)
    validated = Signal(object)  # Report
    template_requested = Signal()  # Ctrl+T / "Template…": the window opens the picker
    save_template_requested = Signal(object)  # EnsDocument: "Save as template…"

    def __init__(self, message_id: str = "IE3F50", lang: str = "en", presets=None, parent=None):
        super().__init__(parent)
        self.setObjectName("EnsForm")
        self.setStyleSheet(STYLE)
        self.lang = lang
        self.presets = presets
        self.message_id = message_id
        self.data: dict = {}
        self.local_findings: list[Finding] = []
        self.remote_findings: list[Finding] = []
        self.registered: EnsDocument | None = None
        self.reuse_conn = None
        self.dirty = False
        self.strict = False  # show every empty mandatory field, not only those already visited
        self.touched: set[str] = set()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.validate_later)
        # Validation while typing runs off the GUI thread (one at a time, in order); a result
        # for an older version of the form than the one on screen is dropped.
        self._version = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._results = _Results()
        self._results.done.connect(self._validated_in_background)

        # amendment mode says so above everything (set_locked): which ENS, what is locked
        self.amend_banner = QFrame(self)
        self.amend_banner.setObjectName("amendBanner")
        self.amend_label = QLabel(self.amend_banner)
        self.amend_label.setObjectName("amendBannerText")
        self.amend_label.setWordWrap(True)
        QHBoxLayout(self.amend_banner).addWidget(self.amend_label)
        self.amend_banner.hide()
        self.amend_original: dict | None = None  # the registered filing an amendment starts from
        self.amend_mrn: str | None = None

        self.header = QWidget(self)
        h = QHBoxLayout(self.header)
        h.setContentsMargins(0, 0, 0, 0)
        self.kind_label = QLabel(self.header)
        self.kind = QComboBox(self.header)
        self.kind.setObjectName("messageKind")
        self.kind.addItem("F50", "IE3F50")
        self.kind.addItem("F51", "IE3F51")
        self.kind.setCurrentIndex(max(0, self.kind.findData(message_id)))
        self.kind.currentIndexChanged.connect(lambda _: self.set_message(self.kind.currentData()))
        self.preset_label = QLabel(self.header)
        self.preset = QComboBox(self.header)
        self.preset.setObjectName("crossingPreset")
        self.preset.activated.connect(self._preset_chosen)
        self.full = QCheckBox(self.header)
        self.full.setObjectName("fullView")
        self.full.toggled.connect(self.set_full_view)
        self.legend = QLabel(self.header)
        self.legend.setObjectName("legend")
        self.status = QLabel(self.header)
        self.status.setObjectName("formStatus")
        self.save_button = QPushButton(self.header)
        self.queue_button = QPushButton(self.header)
        self.queue_button.setObjectName("primary")
        self.print_button = QPushButton(self.header)
        self.template_button = QPushButton(self.header)
        self.template_button.setObjectName("chooseTemplate")
        self.save_template_button = QPushButton(self.header)
        self.save_template_button.setObjectName("saveTemplate")
        for b in (self.save_button, self.queue_button, self.print_button, self.template_button,
                  self.save_template_button):
            b.setFocusPolicy(Qt.NoFocus)
            b.setAutoDefault(False)
        self.template_button.clicked.connect(self.template_requested.emit)
        self.save_template_button.clicked.connect(lambda: self.save_template_requested.emit(self.document()))
        self.save_button.clicked.connect(self.request_save)
        self.queue_button.clicked.connect(self.request_queue)
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.document()))
        for w in (self.kind_label, self.kind, self.preset_label, self.preset, self.full):
            h.addWidget(w)
        h.addStretch(1)
        for w in (self.template_button, self.save_template_button):
            h.addWidget(w)
        self.legend.setWordWrap(True)  # a line of its own that wraps: never what widens the form

        self.nav = QListWidget(self)
        self.nav.setObjectName("sectionNav")
        self.nav.setFocusPolicy(Qt.NoFocus)
        self.nav.setMinimumWidth(250)
        self.nav.setMaximumWidth(300)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.nav.currentRowChanged.connect(self._goto_section)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setFocusPolicy(Qt.NoFocus)  # Tab goes from field to field, not to the frame
        self.findings = QListWidget(self)
        self.findings.setObjectName("findings")
        self.findings.setFocusPolicy(Qt.ClickFocus)
        self.findings.itemActivated.connect(lambda item: self.navigate(item.data(Qt.UserRole)))
        self.findings.itemClicked.connect(lambda item: self.navigate(item.data(Qt.UserRole)))
        self.findings.setMaximumHeight(140)

        center = QWidget(self)
        cv = QVBoxLayout(center)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(self.scroll, 1)
        cv.addWidget(self.findings)
        split = QSplitter(self)
        split.addWidget(self.nav)
        split.addWidget(center)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 900])
        lay = QVBoxLayout(self)
        lay.addWidget(self.amend_banner)
        lay.addWidget(self.header)
        # the actions on a line of their own beside the legend (which wraps): at 125 % scaling on
        # a 1366 px screen the header had no room for them beside the crossing, and at the
        # bottom the alerts above every tab could push them off the screen
        actions = QHBoxLayout()
        actions.addWidget(self.legend, 1)
        for w in (self.status, self.save_button, self.queue_button, self.print_button):
            actions.addWidget(w)
        lay.addLayout(actions)
        lay.addWidget(split, 1)

        for keys, slot in ((QKeySequence.Save, self.request_save),
                           (QKeySequence(Qt.CTRL | Qt.Key_Return), self.request_queue),
                           (QKeySequence(Qt.CTRL | Qt.Key_Enter), self.request_queue),
                           (QKeySequence.Print, lambda: self.print_requested.emit(self.document())),
                           (QKeySequence(Qt.CTRL | Qt.Key_T), self.template_requested.emit),
                           (QKeySequence(Qt.CTRL | Qt.SHIFT | Qt.Key_F), lambda: self.set_full_view(not self.ctx.full_view)),
                           (ADD_LINE, self.add_line_here)):
            sc = QShortcut(keys, self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self._build()
        self.load(EnsDocument(message_id, {}))
        self.retranslate()

    # --- construction --------------------------------------------------------------
    def _build(self) -> None:
        spec = load_message(self.message_id)
        amend_id = self.message_id.replace("F", "A", 1)
        try:
            unamendable = set(unamendable_paths(amend_id))
        except KeyError:
            unamendable = set()
        old = getattr(self, "ctx", None)
        self.ctx = FormContext(self.lang, unamendable, self._field_edited, self._structure_changed)
        self.ctx.group_actions = {
            "buyer": [(GROUP_ACTIONS[0], lambda: self.copy_party("consignee", "buyer"))],
            "seller": [(GROUP_ACTIONS[1], lambda: self.copy_party("consignor", "seller"))],
        }
        self.ctx.demanded = lambda el: demanded.demanded(el.path, self.data)
        if old is not None:
            self.ctx.full_view = old.full_view
            self.ctx.locked = old.locked
        root = spec.root
        names = [c.name for c in root.children]
        first = [root.child(n) for n in ROOT_DECLARATION if n in names]
        second = [root.child(n) for n in ROOT_CROSSING if n in names]
        placed = {e.name for e in first + second} | {"consignmentMasterLevel"}
        first += [c for c in root.children if c.name not in placed and c.name not in ("MRN",)]
        master = root.child("consignmentMasterLevel")
        house = master.child("consignmentHouseLevel")
        body = QWidget()
        body.setObjectName("formBody")
        v = QVBoxLayout(body)
        self.section_headers: list[QLabel] = []
        self.sec_declaration = GroupEditor(self.ctx, root, first, body)
        self.sec_crossing = GroupEditor(self.ctx, root, second, body)
        self.sec_master = GroupEditor(self.ctx, master, [c for c in master.children if c.name != "consignmentHouseLevel"],
                                      body)
        self.sec_houses = RepeatTable(self.ctx, house, body, exclude=HOUSE_EQUIPMENT)
        self.sec_equipment = GroupEditor(self.ctx, house, [house.child(n) for n in HOUSE_EQUIPMENT
                                                           if any(c.name == n for c in house.children)], body)
        self.sec_houses.current_changed.connect(self._house_changed)
        for editor in (self.sec_declaration, self.sec_crossing, self.sec_master, self.sec_houses, self.sec_equipment):
            header = QLabel(body)
            header.setObjectName("sectionHeader")
            self.section_headers.append(header)
            v.addWidget(header)
            v.addWidget(editor)
        v.addStretch(1)
        self.scroll.setWidget(body)
        self.nav.clear()
        for _ in self.section_headers:
            QListWidgetItem(self.nav)
        self._relink_focus()

    def _house_changed(self, index: int) -> None:
        with self.ctx.batch():
            if index >= 0:
                self.sec_equipment.bind(self.sec_houses.items[index], self.sec_houses.row_xpath(index))
            self.sec_equipment.setVisible(index >= 0)

    def _sections(self):
        return (self.sec_declaration, self.sec_crossing, self.sec_master, self.sec_houses, self.sec_equipment)

    # --- focus ---------------------------------------------------------------------
    def focus_chain(self) -> list[QWidget]:
        """Every widget Tab may reach, in the order they stand on screen: the header, then the
        form top to bottom, each group's lines one after the other, left to right."""
        chain = [self.kind, self.preset, self.full]
        for ed in self._sections():
            chain += ed.focus_widgets()
        return [w for w in chain if w.focusPolicy() & Qt.TabFocus]

    def focus_start(self) -> None:
        """Where the agent starts: the crossing on a blank filing, else the first empty field
        Tab reaches (the first field when everything is filled)."""
        if not self.data.get("activeBorderTransportMeans", {}).get("ModeOfTransport"):
            self.preset.setFocus(Qt.OtherFocusReason)
            return
        lrn = f"/{self.message_id}/LRN"  # the desk assigns it at the first save
        edits = [f for f in self.fields_in_tab_order() if not f.edit.isReadOnly() and f.xpath != lrn]
        target = next((f for f in edits if not f.value()), edits[0] if edits else None)
        if target is not None:
            self.scroll.ensureWidgetVisible(target)
            target.setFocus(Qt.OtherFocusReason)

    def _relink_focus(self) -> None:
        """Qt chains widgets in the order they were made: lines added later (communications,
        routing, packaging, the passive means of another goods item) would come last. Put the
        chain back in visual order."""
        chain = self.focus_chain()
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def _structure_changed(self) -> None:
        """Lines were built or removed, or another row is shown: tab order, then the problems
        already known on the fields that now stand for other paths."""
        self._relink_focus()
        if getattr(self, "_findings_shown", False):
            self._show_on_fields()

    def set_message(self, message_id: str) -> None:
        if message_id == self.message_id:
            return
        doc = self.document()
        self.message_id = message_id
        self._build()
        doc.data["SpecificCircumstanceIndicator"] = message_id[-3:]
        self.load(EnsDocument(message_id, doc.data), keep_dirty=True)
        self.retranslate()

    # --- data ----------------------------------------------------------------------
    def load(self, doc: EnsDocument, keep_dirty: bool = False) -> None:
        if doc.message_id != self.message_id:
            self.message_id = doc.message_id
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(max(0, self.kind.findData(doc.message_id)))
            self.kind.blockSignals(False)
            self._build()
        self.data = copy.deepcopy(doc.data)
        self.data.setdefault("SpecificCircumstanceIndicator", self.message_id[-3:])
        self.data.setdefault("reEntryIndicator", "0")
        self.ctx.shapes = self._shapes_of_data()
        self._rebind()
        self.remote_findings = []
        self.dirty = keep_dirty
        self.touched = set()
        self.strict = bool(doc.data.get("consignmentMasterLevel"))
        self.validate_now()
        self.scroll.verticalScrollBar().setValue(0)
        # what a big filing just allocated stays for the form's life: out of the cyclic collector's
        # sight, so a full collection in the validation thread (it holds the GIL) does not freeze
        # the window for ~65 ms while the agent types (benchmarks/bench_gui.py)
        gc.freeze()

    def _rebind(self) -> None:
        """Point every editor at the working tree again (after load or a fill from the book)."""
        root_xpath = f"/{self.message_id}"
        with self.ctx.batch():
            self.sec_declaration.bind(self.data, root_xpath)
            self.sec_crossing.bind(self.data, root_xpath)
            master = self.data.setdefault("consignmentMasterLevel", {})
            self.sec_master.bind(master, f"{root_xpath}/consignmentMasterLevel")
            # the same lists bound again keep the house and goods item the agent is on
            self.sec_houses.bind(master.setdefault("consignmentHouseLevel", []),
                                 f"{root_xpath}/consignmentMasterLevel")

    # --- reuse (address book, goods catalogue) ---------------------------------------
    def set_lrn(self, lrn: str | None, locked: bool) -> None:
        """Show the filing's LRN; once the desk has saved it, it names the filing and is locked."""
        if lrn:
            self.data["LRN"] = lrn
        else:
            self.data.pop("LRN", None)
        field = self.field(f"/{self.message_id}/LRN")
        if field is not None:
            field.bind(self.data, f"/{self.message_id}/LRN")
            field.set_locked(locked)
            field.edit.setPlaceholderText("" if locked else self.tr("assigned on first save (Ctrl+S)"))

    def set_reuse(self, conn) -> None:
        """conn: an SQLite connection of this thread holding the reuse_* tables (or None)."""
        self.reuse_conn = conn

    def suggestions_for(self, spec) -> tuple[list[str], bool] | None:
        """Completion from the address book (party EORI: "EORI  name") or the goods catalogue
        (descriptions); None when nothing is remembered for this field."""
        if self.reuse_conn is None:
            return None
        from ...reuse import book
        from .completion import SEPARATOR

        parent = spec.parent.name if spec.parent else ""
        if spec.name == "identificationNumber" and parent in book.PARTY_GROUPS:
            return [f"{eori}{SEPARATOR}{name}" for eori, name in book.parties(self.reuse_conn)], True
        if spec.name == "descriptionOfGoods":
            return [description for description, _, _ in book.goods(self.reuse_conn)], False
        return None

    def _reuse(self, field: Field) -> None:
        """The address book and goods catalogue fill what they know (the rules: desk/form_rules)."""
        conn = self.reuse_conn
        if conn is None or not field.value():
            return
        from ...desk.form_rules import fill_goods_item, fill_party

        el = field.spec
        parent = el.parent.name if el.parent else ""
        if el.name == "identificationNumber" and fill_party(conn, parent, field.node):
            self._rebind()
        elif el.name == "descriptionOfGoods" and fill_goods_item(conn, field.value(), self._goods_item_of(field)):
            self._rebind()

    # --- templates (the logic is in ics2desk.templates) ---------------------------------
    def copy_party(self, source: str, target: str) -> bool:
        """Buyer = consignee / seller = consignor in every house consignment, as one edit."""
        from ... import templates

        if not templates.copy_party(self.data, source, target):
            return False
        self._rebind()
        root = f"/{self.message_id}/consignmentMasterLevel/consignmentHouseLevel"
        for i, _ in enumerate(self.data.get("consignmentMasterLevel", {}).get("consignmentHouseLevel", []), 1):
            self.touched.add(f"{root}[{i}]/goodsShipment/{target}")
        self._field_edited(None)
        return True

    def focus_per_truck(self) -> bool:
        """Focus the first empty per-truck field (plates, CMR, seals, times) Tab reaches: what
        the agent types for a new truck from a template or a copy. False when there is none."""
        from ... import templates
        from ...model import spec_path_of

        paths = templates.per_truck_paths(self.data) - {"LRN", "MRN", "documentIssueDate"}
        first = templates.FIRST_PER_TRUCK  # plates before CMR, seals and times
        empty = [(first.index(p) if p in first else len(first), i, f)
                 for i, f in enumerate(self.fields_in_tab_order())
                 if (p := spec_path_of(f.xpath)) in paths and not f.value() and not f.edit.isReadOnly()]
        if not empty:
            return False
        target = min(empty, key=lambda t: t[:2])[2]
        self.scroll.ensureWidgetVisible(target)
        target.setFocus(Qt.OtherFocusReason)
        return True

    def focus_next_empty(self, field: Field) -> bool:
        """Enter in a field: the next field Tab would reach that is still empty (filled ones,
        read-only ones and the "+ Add" buttons skipped). False, and the cursor stays, when
        nothing below is empty."""
        lrn = f"/{self.message_id}/LRN"  # empty until the desk assigns it
        order = [f for f in self.fields_in_tab_order() if not f.edit.isReadOnly() and f.xpath != lrn]
        ids = [id(f) for f in order]
        start = ids.index(id(field)) + 1 if id(field) in ids else 0
        target = next((f for f in order[start:] if not f.value()), None)
        if target is None:
            return False
        focus_and_show(target.edit)
        return True

    def add_line_here(self) -> bool:
        """Ctrl+Shift+A: a new row in the innermost table holding the cursor (a goods item from
        any field of a goods item, its packaging included); the cursor goes to the new row.
        False when the cursor is in no table."""
        from PySide6.QtWidgets import QApplication

        w = QApplication.focusWidget()
        while w is not None and w is not self:
            if isinstance(w, RepeatTable) and w.add_button.isEnabled():
                w.add()
                return True
            w = w.parentWidget()
        return False

    def _goods_item_of(self, field: Field) -> dict | None:
        """The goods item dict a description field edits (its commodity's parent)."""
        xpath = field.xpath.rsplit("/commodity/", 1)[0]
        table = next((t for t in self._tables() if t.spec.name == "goodsItem"), None)
        if table is not None and 0 <= table.current < len(table.items) and \
                table.row_xpath(table.current) == xpath:
            return table.items[table.current]
        return None

    def document(self) -> EnsDocument:
        return EnsDocument(self.message_id, drop_empty(copy.deepcopy(self.data)))

    def field(self, xpath: str) -> Field | None:
        for f in self.ctx.fields:
            if f.xpath == xpath:
                return f
        return None

    def fields_in_tab_order(self) -> list[Field]:
        """Fields the agent reaches with Tab, in the order Tab reaches them (the chain the form
        keeps in visual order, see _relink_focus; tests walk the real one with key presses).
        Not by walking Qt's own chain from Python: in the main window that wraps every widget
        of the window, and a wrapper made for the window itself can take its C++ object along."""
        by_edit = {id(f.edit): f for f in self.ctx.fields}
        return [by_edit[id(w)] for w in self.focus_chain()
                if id(w) in by_edit and w.isVisibleTo(self) and w.isEnabled()]

    # --- view ----------------------------------------------------------------------
    def set_full_view(self, full: bool) -> None:
        self.ctx.full_view = full
        if self.full.isChecked() != full:
            self.full.setChecked(full)
        self._update_visibility()

    def _update_visibility(self) -> None:
        for ed in (self.sec_declaration, self.sec_crossing, self.sec_master, self.sec_houses, self.sec_equipment):
            ed.update_visibility()

    def set_locked(self, locked: bool) -> None:
        """Amendment mode (the filing loaded is the registered one): fields marked † (R3024)
        become read-only and look it, a banner names the ENS, and Ctrl+Enter first shows what
        the amendment changes. False leaves the mode."""
        self.ctx.locked = locked
        for f in self.ctx.fields:
            f.set_locked(locked and f.locked_after_filing)
        self.amend_original = copy.deepcopy(self.data) if locked else None
        if not locked:
            self.amend_mrn = None
        self._show_amend_banner()

    def set_amendment(self, mrn: str | None) -> None:
        """The MRN of the ENS being amended, for the banner (the window knows it, the dataset not)."""
        self.amend_mrn = mrn
        self._show_amend_banner()

    @property
    def amending(self) -> bool:
        return self.amend_original is not None

    def _show_amend_banner(self) -> None:
        self.amend_banner.setVisible(self.amending)
        if self.amending:
            self.amend_label.setText(self.amend_title() + " — " + self.tr(
                "fields marked † cannot change (R3024) and are locked; Ctrl+Enter shows what changes "
                "before it is sent."))

    def amend_title(self) -> str:
        return self.tr("Amending the ENS {0}").format(self.amend_mrn or self.data.get("LRN") or "")

    def amendment_changes(self) -> list[tuple[str, str, str]]:
        """(where, registered, amended) for each value the amendment changes, in form order."""
        from ...amend import changes

        if self.amend_original is None:
            return []
        found = changes(drop_empty(self.amend_original), self.document().data, self.message_id)
        found.sort(key=lambda c: self._place_key(c[0]))
        return [(field_place(self.message_id, p), self._readable(p, old), self._readable(p, new))
                for p, old, new in found]

    def _readable(self, xpath: str, value: str) -> str:
        """A kept value as the field shows it (the local time, the French number, the code)."""
        f = self.field(xpath)
        return f._shown(value) if f is not None and value else value

    def _goto_section(self, row: int) -> None:
        if 0 <= row < len(self.section_headers):
            self.scroll.verticalScrollBar().setValue(self.section_headers[row].y())

    def set_presets(self, presets) -> None:
        self.presets = presets
        self._fill_presets()

    def _fill_presets(self) -> None:
        self.preset.clear()
        self.preset.addItem(self.tr("Choose a crossing…"), None)
        if self.presets:
            for c in self.presets.crossings:
                self.preset.addItem(c.title(self.lang), c.id)

    def _preset_chosen(self, index: int) -> None:
        cid = self.preset.itemData(index)
        if cid and self.presets:
            self.apply_preset(cid)

    def apply_preset(self, crossing_id: str) -> None:
        from ...reuse import presets as presets_mod

        crossing = self.presets.by_id(crossing_id)
        doc = self.document()
        presets_mod.apply(doc.data, crossing)
        strict, touched = self.strict, set(self.touched)
        self.load(doc, keep_dirty=True)
        # the preset is not the agent's work to check: what they touched and the mode stay
        self.strict, self.touched = strict, touched
        self._show_findings()

    # --- validation ----------------------------------------------------------------
    def _field_edited(self, field: Field | None) -> None:
        self.dirty = True
        self._version += 1  # a validation still running speaks of the form before this edit
        if field is not None:
            if field.stored():
                self.ctx.add_shape(field.xpath)
            self._reuse(field)
            self.touched.add(field.xpath)
            if field.spec.path in demanded.TRIGGER_FIELDS:
                self._update_visibility()  # the rows this value calls for show before the next Tab
            self.remote_findings = [f for f in self.remote_findings if f.path != field.xpath]
            self.sec_houses.refresh_current()
            for t in self._tables():
                t.refresh_current()
        self._debounce.start()

    def _tables(self):
        out = []
        for f in self.ctx.fields:
            p = f.parentWidget()
            while p is not None and p is not self:
                if isinstance(p, RepeatTable) and p not in out:
                    out.append(p)
                p = p.parentWidget()
        return out

    def _snapshot(self) -> tuple:
        """What a validation needs, copied: it may run in another thread while the agent types."""
        return (self.message_id, copy.deepcopy(self.data), self.registered, self.strict, frozenset(self.touched))

    def validate_now(self):
        """Validate on this thread and show the result (load, save, queue, tests)."""
        self._debounce.stop()
        self._version += 1  # whatever runs in the background is now stale
        report = check_form(*self._snapshot())
        self._apply(report)
        return report

    def validate_later(self) -> None:
        """Validate the form as it is now in the background; the result shows when it comes,
        unless the agent typed again meanwhile (then the newer validation's result shows)."""
        self._version += 1
        version, snapshot, results = self._version, self._snapshot(), self._results

        def run():
            try:
                report = check_form(*snapshot)
            except Exception as exc:  # noqa: BLE001 - reported on the GUI thread, as a bug
                report = exc
            results.done.emit(version, report)

        self._pool.start(run)

    def _validated_in_background(self, version: int, report) -> None:
        if version != self._version:
            return  # stale: the form changed since this validation started
        if isinstance(report, BaseException):
            raise report
        self._apply(report)

    def _apply(self, report) -> None:
        self.local_findings = report.findings
        self._show_findings()
        self.validated.emit(report)

    def wait_for_validation(self, timeout_ms: int = 5000) -> bool:
        """Let the background validation finish (tests, shutdown); True when it did."""
        return self._pool.waitForDone(timeout_ms)

    def _shapes_of_data(self) -> set[str]:
        """HTI paths filled in some occurrence (see FormContext.shapes)."""
        out: set[str] = set()

        def walk(node, path):
            for k, v in node.items():
                p = f"{path}/{k}" if path else k
                if isinstance(v, list):
                    for item in v:
                        if isinstance(item, dict) and has_data(item):
                            out.add(p)
                            walk(item, p)
                elif isinstance(v, dict):
                    if has_data(v):
                        out.add(p)
                        walk(v, p)
                elif v not in (None, ""):
                    out.add(p)

        walk(self.data, "")
        return out

    def set_remote_errors(self, errors) -> None:
        """IE3N99 errors (replies.ReplyError) land on the same fields as local findings; each
        goes once the agent edits its field."""
        self.remote_findings = [Finding(f"IE3N99 {e.code}", self.form_xpath(e.pointer),
                                        e.message("en"), e.message("fr")) for e in errors]
        self._show_findings()

    def form_xpath(self, pointer: str | None) -> str:
        """Customs' pointer as the form's XPath: namespace prefixes dropped, the first occurrence
        ([1]) of a repeated group when the pointer gives no index. Unknown steps stay as given."""
        import re

        root = f"/{self.message_id}"
        if not pointer:
            return root
        steps = [s.split(":")[-1] for s in pointer.strip().strip("/").split("/")]
        if not steps or steps[0] != self.message_id:
            return pointer
        spec = load_message(self.message_id)
        out, plain = [root], []
        for step in steps[1:]:
            m = re.fullmatch(r"(\w+)(\[\d+\])?", step)
            if not m:
                return pointer
            plain.append(m.group(1))
            el = spec.by_path.get("/".join(plain))
            index = m.group(2) or ("[1]" if el is not None and el.repeats else "")
            out.append(m.group(1) + index)
        return "/".join(out)

    def all_findings(self) -> list[Finding]:
        return self.remote_findings + self.local_findings

    def shown_findings(self) -> list[Finding]:
        """What the agent sees, in the order of the form (stable while typing). Until the
        agent queues (or opens a filing with content), only the groups they worked in speak:
        an untouched form, or one a crossing preset just filled, shows no problems."""
        findings = self.all_findings()
        if not self.strict:
            root = f"/{self.message_id}"
            groups = {t if t.rpartition("/")[0] == root else t.rpartition("/")[0] for t in self.touched}
            remote = set(map(id, self.remote_findings))
            findings = [f for f in findings if id(f) in remote
                        or any(f.path == g or f.path.startswith(g + "/") or f.path.startswith(g + "[")
                               for g in groups)]
        return sorted(findings, key=lambda f: (self._place_key(f.path), f.rule))

    def _place_key(self, path: str) -> tuple:
        """Where a path stands in the form: its section, then HTI table order and row numbers."""
        order = _table_order(self.message_id)
        steps = [s for s in path.split("/") if s][1:]
        names = [step.partition("[")[0] for step in steps]
        if not names:
            return (-1,)
        if names[0] in ROOT_CROSSING:
            section = 1
        elif names[0] != "consignmentMasterLevel":
            section = 0
        elif names[1:2] != ["consignmentHouseLevel"]:
            section = 2
        else:
            section = 4 if names[2:3] and names[2] in HOUSE_EQUIPMENT else 3
        key: list = [section]
        for i, step in enumerate(steps):
            index = step.partition("[")[2].rstrip("]")
            key += [order.get("/".join(names[: i + 1]), len(order)), int(index) if index.isdigit() else 0]
        return tuple(key)

    def _show_on_fields(self, findings: list[Finding] | None = None) -> None:
        """The known findings on the fields and table rows (no re-validation)."""
        findings = self.shown_findings() if findings is None else findings
        self.ctx.problem_paths = {f.path for f in findings if f.severity == "error"}
        by_path: dict[str, list[tuple[str, str]]] = {}
        for f in findings:
            by_path.setdefault(f.path, []).append((f.rule, f.message(self.lang)))
        for field in self.ctx.fields:
            field.show_problems(by_path.get(field.xpath, []))
        for ed in self._sections():
            ed.mark_rows(self.ctx.problem_paths)
        self._update_visibility()

    def _show_findings(self) -> None:
        findings = self.shown_findings()
        shapes = self._shapes_of_data()
        for f in findings:
            if f.severity == "error":
                path = shape_of(f.path)
                while path:
                    shapes.add(path)
                    path = path.rpartition("/")[0]
        self.ctx.shapes = shapes
        self._findings_shown = True
        self._show_on_fields(findings)
        current = self.findings.currentItem()
        keep = (current.data(Qt.UserRole), current.data(Qt.UserRole + 1)) if current is not None else None
        self.findings.clear()
        for f in findings:
            where = field_place(self.message_id, f.path)
            item = QListWidgetItem(f"{'⚠ ' if f.severity != 'error' else ''}{f.rule}  {where}: {f.message(self.lang)}")
            item.setData(Qt.UserRole, f.path)
            item.setData(Qt.UserRole + 1, f.rule)
            self.findings.addItem(item)
            if keep == (f.path, f.rule):  # the line the agent is on stays the current one
                self.findings.setCurrentItem(item)
        errors = [f for f in findings if f.severity == "error"]
        self.status.setToolTip("")
        if errors:
            self.status.setText(self.tr("%n problem(s)", "", len(errors)))
            self.status.setProperty("state", "bad")
        elif any(f.severity == "error" for f in self.all_findings()):
            # what is still to fill shows when the agent queues (Ctrl+Enter), not before
            self.status.setText(self.tr("Not complete yet"))
            self.status.setToolTip(self.tr("Ctrl+Enter lists what is missing"))
            self.status.setProperty("state", "")
        else:
            self.status.setText(self.tr("Ready to queue"))
            self.status.setProperty("state", "good")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def navigate(self, xpath: str) -> None:
        """Bring the field for an XPath on screen (selecting house/goods rows) and focus it."""
        if not xpath:
            return
        for ed in (self.sec_houses, self.sec_equipment, self.sec_master):
            ed.navigate(xpath)
        target = self.field(xpath)
        if target is None:  # a missing group: go to its first field
            target = next((f for f in self.ctx.fields if f.xpath.startswith(xpath + "/")), None)
        if target is None:
            parent = xpath.rsplit("/", 1)[0]
            target = next((f for f in self.ctx.fields if f.xpath.startswith(parent + "/")), None)
        if target is not None and target.edit.focusPolicy() == Qt.NoFocus:
            # a number the form keeps (a routing line's sequence): the line's first field to type in
            line = target.xpath.rpartition("/")[0] + "/"
            target = next((f for f in self.ctx.fields if f.xpath.startswith(line)
                           and f.edit.focusPolicy() != Qt.NoFocus), target)
        if target is not None:
            if not target.isVisibleTo(self):
                self.set_full_view(True)
            self.scroll.ensureWidgetVisible(target)
            target.setFocus()

    # --- actions -------------------------------------------------------------------
    def request_save(self) -> None:
        self.validate_now()
        self.save_requested.emit(self.document())
        self.dirty = False

    def request_queue(self) -> None:
        self.strict = True
        report = self.validate_now()
        if not report.valid:
            # the first problem as the list shows it, top of the form first (not the order
            # the checks ran in)
            errors = [f for f in self.shown_findings() if f.severity == "error"] or report.errors
            self.navigate(errors[0].path)
            return
        if self.amending:
            rows = self.amendment_changes()
            if not rows:
                self.status.setText(self.tr("Nothing changed: no amendment to send"))
                self.status.setProperty("state", "")
                return
            from .amend_preview import confirm_amendment

            if not confirm_amendment(self.window(), self.amend_title(), rows):
                return
        self.queue_requested.emit(self.document())
        self.dirty = False

    # --- language ------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.ctx.lang = lang
        for f in self.ctx.fields:
            f.set_language(lang)  # names beside codes, numbers with the language's comma
        self.validate_now()

    def retranslate(self) -> None:
        self.kind_label.setText(self.tr("Filing"))
        self.preset_label.setText(self.tr("Crossing"))
        self.full.setText(self.tr("Full view (Ctrl+Shift+F)"))
        self.legend.setText(self.tr("Bold labels are mandatory. † cannot be amended once filed "
                                    "(a mistake there means invalidating and re-filing).") + "  "
                            + self.tr("Enter: next empty field. Ctrl+Shift+A: a new goods item."))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.queue_button.setText(self.tr("Validate && queue (Ctrl+Enter)"))
        self.print_button.setText(self.tr("Print (Ctrl+P)"))
        self.template_button.setText(self.tr("Template… (Ctrl+T)"))
        self._show_amend_banner()
        self.save_template_button.setText(self.tr("Save as template…"))
        current = self.preset.currentIndex()
        self._fill_presets()
        self.preset.setCurrentIndex(max(0, current))
        for i, header in enumerate(self.section_headers):
            title = QCoreApplication.translate("EnsForm", _SECTION_SOURCE[i])
            header.setText(f"{i + 1}. {title}")
            self.nav.item(i).setText(f"{i + 1}. {title}")
        for ed in (self.sec_declaration, self.sec_crossing, self.sec_master, self.sec_houses, self.sec_equipment):
            ed.retranslate()
        self._show_findings()
