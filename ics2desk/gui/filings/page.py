"""The Filings tab: search, state filter, the paged work queue (by time left), the filing in
view with the actions its state allows, and the ELO box beside it."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from ...desk import Desk
from .detail import FilingDetail
from .model import FilingsModel


class FilingsPage(QWidget):
    def __init__(self, store, presets, parent=None, desk: Desk | None = None):
        super().__init__(parent)
        self.store = store
        self.presets = presets
        # lodging deadlines: the desk's one rule, as the Incidents panel, `status` and paper
        self.desk = desk or Desk(store)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.state_filter = QComboBox(self)
        self.count = QLabel(self)
        self.print_summaries = QPushButton(self)
        self.print_summaries.setObjectName("printSummaries")
        self.print_sheets = QPushButton(self)
        self.print_sheets.setObjectName("printSheets")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.state_filter.activated.connect(lambda _: self.apply_filter())
        self.model = FilingsModel(store, self._cutoff, self, deadline_for=self.desk.deadline)
        self.view = QTableView(self)
        self.view.setObjectName("filingsView")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        from .model import DEFAULT_SORT

        self.view.sortByColumn(*DEFAULT_SORT)  # a work queue: time left to lodge, overdue on top
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)  # several rows -> batch print
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate([150, 130, 170, 110, 150, 150, 90, 130]):
            self.view.setColumnWidth(col, width)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _: self.show_detail(cur.row()))
        self.detail = FilingDetail(self)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.state_filter)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.print_summaries)
        bar.addWidget(self.print_sheets)
        self.elo = None  # EloBox beside the detail, mounted by MainWindow
        self.lower = QSplitter(Qt.Horizontal, self)
        self.lower.addWidget(self.detail)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.lower)
        split.setSizes([450, 300])
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.retranslate()

    def selected_lrns(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.filing(r).lrn for r in rows if 0 <= r < self.model.rowCount()]

    def mount_elo(self, box) -> None:
        self.elo = box
        self.lower.addWidget(box)
        self.lower.setSizes([760, 520])

    def _cutoff(self, filing) -> float:
        """Hours before arrival, by the one rule the Incidents panel and `status` use too."""
        return self.desk.cutoff_hours(filing)

    def apply_filter(self) -> None:
        state = self.state_filter.currentData()
        self.model.set_query(self.search.text().strip(), [state] if state else None)
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("%n filing(s)", "", self.model.total))

    def reload(self) -> None:
        lrn = self.detail.lrn
        self.model.reload()
        self._update_count()
        if lrn:
            self.select(lrn)

    def filings_changed(self, lrns) -> None:
        """What a service said changed: those rows re-read in place, the page only when one of
        them is new or moves; the open filing with them."""
        lrns = set(lrns)
        if not lrns:
            return
        if not self.model.update_rows(lrns):
            self.reload()
            return
        if self.detail.lrn in lrns:
            self.select(self.detail.lrn)

    def select(self, lrn: str) -> None:
        row = self.model.row_of(lrn)
        if row >= 0:
            self.view.selectRow(row)
            self.show_detail(row)

    def show_detail(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            f = self.model.filing(row)
            f = self.store.get(f.lrn)
            self.detail.show_filing(f, self.store.timeline(f.lrn))
        else:
            f = None
            self.detail.show_filing(None, [])
        if self.elo is not None:
            self.elo.show_lrn(f.lrn if f else None, f.state if f else None)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        from ...store import State
        from .model import state_label

        self.search.setPlaceholderText(self.tr("Search LRN, MRN, truck, declarant, goods…  (Ctrl+F)"))
        self.print_summaries.setText(self.tr("Print summaries (Ctrl+P)"))
        self.print_summaries.setToolTip(self.tr("ENS summary of every selected filing, in one print"))
        self.print_sheets.setText(self.tr("Print truck sheets"))
        self.print_sheets.setToolTip(self.tr("One sheet per truck for the selected filings, MRNs as barcodes"))
        current = self.state_filter.currentData()
        self.state_filter.clear()
        self.state_filter.addItem(self.tr("All states"), None)
        for s in State:
            self.state_filter.addItem(state_label(s.value), s.value)
        self.state_filter.setCurrentIndex(max(0, self.state_filter.findData(current)))
        self._update_count()
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, self.model.columnCount() - 1)
