"""The ENS form (IE3F50/IE3F51), generated from the HTI tables and laid out in the order an
agent works: declaration & lodging person; truck, crossing & routing; master consignment;
house consignments & goods items; trailer, containers & seals.

Keyboard: Tab walks the fields, Enter on a goods table adds a row, Ctrl+S saves,
Ctrl+Enter validates and queues, Ctrl+P prints. Validation runs 300 ms after the last key.
"""
from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget)

from ..hti.spec import load_message
from ..model import EnsDocument
from ..rules.amendment import unamendable_paths
from ..rules.base import Finding
from ..validate import validate_document
from .editors import FormContext, GroupEditor, RepeatTable
from .fields import Field
from .style import STYLE


def field_place(message_id: str, path: str) -> str:
    """Where a finding points, in words of the UI language: "House consignment 1 › Goods item 2 ›
    Gross mass" for /IE3F50/.../consignmentHouseLevel[1]/goodsItem[2]/weight/grossMass. Falls back
    to the raw path for anything the HTI table does not know."""
    import re

    from .fields import tr_hti

    try:
        spec = load_message(message_id)
    except Exception:  # unknown message: the raw path is the best we have
        return path
    steps = [s for s in path.split("/") if s][1:]  # drop the message id
    plain, words, indexed = [], [], []
    for step in steps:
        m = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", step)
        if not m:
            return path
        plain.append(m.group(1))
        el = spec.by_path.get("/".join(plain))
        if el is None:
            return path
        word = tr_hti(el.label) + (f" {m.group(2)}" if m.group(2) else "")
        words.append(word)
        if m.group(2):
            indexed.append(len(words) - 1)
    if not words:
        return path
    # the repeated groups say which line; the last three steps say whose field it is
    # ("Consignee › Address › City", not an "Address › City" that four parties share)
    keep = sorted(set(indexed) | set(range(max(0, len(words) - 3), len(words))))
    return " › ".join(dict.fromkeys(words[i] for i in keep))

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


class EnsForm(QWidget):
    save_requested = Signal(object)  # EnsDocument
    queue_requested = Signal(object)  # EnsDocument, valid
    print_requested = Signal(object)
    validated = Signal(object)  # Report

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
        self._debounce.timeout.connect(self.validate_now)

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
        for b in (self.save_button, self.queue_button, self.print_button):
            b.setFocusPolicy(Qt.NoFocus)
        self.save_button.clicked.connect(self.request_save)
        self.queue_button.clicked.connect(self.request_queue)
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.document()))
        for w in (self.kind_label, self.kind, self.preset_label, self.preset, self.full):
            h.addWidget(w)
        h.addStretch(1)
        for w in (self.status, self.save_button, self.queue_button, self.print_button):
            h.addWidget(w)

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
        lay.addWidget(self.header)
        lay.addWidget(self.legend)
        lay.addWidget(split, 1)

        for keys, slot in ((QKeySequence.Save, self.request_save),
                           (QKeySequence(Qt.CTRL | Qt.Key_Return), self.request_queue),
                           (QKeySequence(Qt.CTRL | Qt.Key_Enter), self.request_queue),
                           (QKeySequence.Print, lambda: self.print_requested.emit(self.document())),
                           (QKeySequence(Qt.CTRL | Qt.SHIFT | Qt.Key_F), lambda: self.set_full_view(not self.ctx.full_view))):
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
        self.ctx = FormContext(self.lang, unamendable, self._field_edited)
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

    def _house_changed(self, index: int) -> None:
        if index >= 0:
            self.sec_equipment.bind(self.sec_houses.items[index], self.sec_houses.row_xpath(index))
        self.sec_equipment.setVisible(index >= 0)

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
        self._rebind()
        self.remote_findings = []
        self.dirty = keep_dirty
        self.touched = set()
        self.strict = bool(doc.data.get("consignmentMasterLevel"))
        self.validate_now()
        self.scroll.verticalScrollBar().setValue(0)

    def _rebind(self) -> None:
        """Point every editor at the working tree again (after load or a fill from the book)."""
        root_xpath = f"/{self.message_id}"
        house = self.sec_houses.current
        self.sec_declaration.bind(self.data, root_xpath)
        self.sec_crossing.bind(self.data, root_xpath)
        master = self.data.setdefault("consignmentMasterLevel", {})
        self.sec_master.bind(master, f"{root_xpath}/consignmentMasterLevel")
        self.sec_houses.bind(master.setdefault("consignmentHouseLevel", []), f"{root_xpath}/consignmentMasterLevel")
        if 0 < house < len(self.sec_houses.items):
            self.sec_houses.select(house)

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
        from ..reuse import book
        from .completion import SEPARATOR

        parent = spec.parent.name if spec.parent else ""
        if spec.name == "identificationNumber" and parent in book.PARTY_GROUPS:
            return [f"{eori}{SEPARATOR}{name}" for eori, name in book.parties(self.reuse_conn)], True
        if spec.name == "descriptionOfGoods":
            return [description for description, _, _ in book.goods(self.reuse_conn)], False
        return None

    def _reuse(self, field: Field) -> None:
        conn = self.reuse_conn
        if conn is None or not field.value():
            return
        from ..reuse import book

        el = field.spec
        parent = el.parent.name if el.parent else ""
        if el.name == "identificationNumber" and parent in book.PARTY_GROUPS and len(field.value()) >= 8:
            known = book.party(conn, field.value())
            if known and not field.node.get("name"):
                book.fill_missing(field.node, known)
                self._rebind()
        elif el.name == "descriptionOfGoods":
            known = book.goods_item(conn, field.value())
            item = self._goods_item_of(field)
            if known and item is not None:
                hs, pack = known
                if hs and not (item.get("commodity", {}).get("commodityCode") or {}).get(
                        "harmonizedSystemSubHeadingCode"):
                    item.setdefault("commodity", {}).setdefault("commodityCode", {})[
                        "harmonizedSystemSubHeadingCode"] = hs
                packs = item.setdefault("packaging", [])
                if pack and packs and not packs[0].get("typeOfPackages"):
                    packs[0]["typeOfPackages"] = pack
                self._rebind()

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
        """Fields the agent reaches with Tab, in the order Tab reaches them."""
        out = []
        start = self.ctx.fields[0].edit if self.ctx.fields else None
        w = start
        seen = set()
        by_edit = {id(f.edit): f for f in self.ctx.fields}
        while w is not None and id(w) not in seen:
            seen.add(id(w))
            f = by_edit.get(id(w))
            if f is not None and w.isVisibleTo(self) and w.focusPolicy() & Qt.TabFocus:
                out.append(f)
            w = w.nextInFocusChain()
        return out

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
        """Amendment mode: fields marked † (R3024) become read-only."""
        self.ctx.locked = locked
        for f in self.ctx.fields:
            f.set_locked(locked and f.locked_after_filing)

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
        from ..reuse import presets as presets_mod

        crossing = self.presets.by_id(crossing_id)
        doc = self.document()
        presets_mod.apply(doc.data, crossing)
        self.load(doc, keep_dirty=True)

    # --- validation ----------------------------------------------------------------
    def _field_edited(self, field: Field | None) -> None:
        self.dirty = True
        if field is not None:
            self._reuse(field)
            self.touched.add(field.xpath)
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

    def validate_now(self):
        self._debounce.stop()
        doc = self.document()
        if not doc.lrn and self.message_id in ("IE3F50", "IE3F51"):
            # A new filing gets its LRN from the desk on first save (unique per declarant, R3003):
            # validate as it will be sent, so the empty LRN hides nothing behind it.
            doc = doc.copy()
            doc.data["LRN"] = PROVISIONAL_LRN
        report = validate_document(doc, self.registered)
        seen = {f.path for f in report.findings}
        spec = load_message(self.message_id)
        tree = dict(self.data, LRN=doc.data["LRN"]) if doc.data.get("LRN") == PROVISIONAL_LRN else self.data
        extra = [f for f in missing_required(spec.root.children, tree, f"/{self.message_id}")
                 if f.path not in seen and (self.strict or f.path in self.touched)]
        report.findings.extend(extra)
        self.local_findings = report.findings
        self._show_findings()
        self.validated.emit(report)
        return report

    def set_remote_errors(self, errors) -> None:
        """IE3N99 errors (replies.ReplyError) land on the same fields as local findings."""
        self.remote_findings = [Finding(f"IE3N99 {e.code}", e.pointer or f"/{self.message_id}",
                                        e.message("en"), e.message("fr")) for e in errors]
        self._show_findings()

    def all_findings(self) -> list[Finding]:
        return self.remote_findings + self.local_findings

    def _show_findings(self) -> None:
        findings = self.all_findings()
        self.ctx.problem_paths = {f.path for f in findings if f.severity == "error"}
        by_path: dict[str, list[tuple[str, str]]] = {}
        for f in findings:
            by_path.setdefault(f.path, []).append((f.rule, f.message(self.lang)))
        for field in self.ctx.fields:
            field.show_problems(by_path.get(field.xpath, []))
        for ed in (self.sec_declaration, self.sec_crossing, self.sec_master, self.sec_houses, self.sec_equipment):
            ed.mark_rows(self.ctx.problem_paths)
        self.findings.clear()
        for f in findings:
            where = field_place(self.message_id, f.path)
            item = QListWidgetItem(f"{'⚠ ' if f.severity != 'error' else ''}{f.rule}  {where}: {f.message(self.lang)}")
            item.setData(Qt.UserRole, f.path)
            self.findings.addItem(item)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            self.status.setText(self.tr("%n problem(s)", "", len(errors)))
            self.status.setProperty("state", "bad")
        else:
            self.status.setText(self.tr("Ready to queue"))
            self.status.setProperty("state", "good")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self._update_visibility()

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
            self.navigate(report.errors[0].path)
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
        self.validate_now()

    def retranslate(self) -> None:
        self.kind_label.setText(self.tr("Filing"))
        self.preset_label.setText(self.tr("Crossing"))
        self.full.setText(self.tr("Full view (Ctrl+Shift+F)"))
        self.legend.setText(self.tr("Bold labels are mandatory. † cannot be amended once filed "
                                    "(a mistake there means invalidating and re-filing)."))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.queue_button.setText(self.tr("Validate && queue (Ctrl+Enter)"))
        self.print_button.setText(self.tr("Print (Ctrl+P)"))
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
