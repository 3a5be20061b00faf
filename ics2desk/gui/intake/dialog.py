"""File → Import booking list…: a haulier's CSV/XLSX list becomes checked draft ENS.

The agent picks the file, sees the first rows under one combo box per column (the field the
column fills, guessed from its header or remembered for the customer) and changes what is
wrong, then checks (nothing saved) or imports. Reading, checking and saving run in a worker
thread (ics2desk.intake, its own store connection) that reports progress through queued
signals and stops when the dialog closes; the findings come back per row and cell.

    dialog = IntakeDialog(data_dir, parent=main_window, user=agent_name)
    dialog.imported.connect(lambda lrns: ...)   # LRNs created or changed by an import
    dialog.show()  # or exec()
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, Qt, QThread, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...errors import KnownError
from ...intake import BY_NAME, FIELDS, Options, Summary, Table
from ...intake import batch, mapping as mapping_mod
from ...intake.mapping import Mapping
from ...intake.reader import column_letter
from ...reuse import presets as presets_mod
from .. import i18n

log = logging.getLogger(__name__)
PREVIEW_ROWS = 20


class IntakeWorker(QThread):
    """Runs one step of the intake (read, or check/import) off the GUI thread; `cancel` asks it to
    stop between two trucks (an import stopped while saving is rolled back). The outcome is kept
    on the worker (`result`, or `error` and `bug`) and read by the dialog when `finished` arrives."""

    progressed = Signal(str, int, int)  # phase ("check" | "save"), done, total

    def __init__(self, work: Callable[["IntakeWorker"], object], parent=None):
        super().__init__(parent)
        self._work = work
        self.cancel = threading.Event()
        self.result: object = None
        self.error: str | None = None
        self.bug = False
        self.on_success: Callable[[object], None] | None = None

    def run(self) -> None:
        try:
            self.result = self._work(self)
        except KnownError as exc:
            self.error = str(exc)
        except Exception as exc:  # noqa: BLE001  a bug: reported, never a dead worker
            log.exception("booking list import failed")
            self.error, self.bug = f"{type(exc).__name__}: {exc}", True

    def stop(self) -> None:
        """Ask the step to stop and wait until it has (it checks between trucks)."""
        self.cancel.set()
        self.wait()


class IntakeDialog(QDialog):
    """Import a booking list. `data_dir`: the desk's data dir (the worker opens its own store there);
    `user`: the agent's name for the audit trail; `path`: a file to open at once."""

    loaded = Signal()  # the file was read and its preview shown
    finished_run = Signal(object)  # the Summary of a check or an import
    imported = Signal(list)  # LRNs an import created or changed

    def __init__(self, data_dir: Path, parent: QWidget | None = None, user: str | None = None,
                 path: str | None = None):
        super().__init__(parent)
        self.setObjectName("intakeDialog")
        self.data_dir = Path(data_dir)
        self.user = user
        self.table: Table | None = None
        self.mapping: Mapping | None = None
        self.summary: Summary | None = None
        self.worker: IntakeWorker | None = None
        self._error: tuple[str, bool] | None = None
        self.resize(1100, 720)

        self.file_label = QLabel(self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setObjectName("intakeFile")
        self.file_button = QPushButton(self)
        self.file_button.clicked.connect(self.choose_file)
        self.customer_label = QLabel(self)
        self.customer = QComboBox(self)
        self.customer.setEditable(True)
        self.customer.setObjectName("intakeCustomer")
        self.customer.addItems([""] + mapping_mod.customers(self.data_dir))
        self.customer.activated.connect(self._customer_chosen)
        self.template_label = QLabel(self)
        self.template_edit = QLineEdit(self)
        self.template_edit.setObjectName("intakeTemplate")
        self.template_button = QPushButton(self)
        self.template_button.clicked.connect(self.choose_template)
        self.crossing_label = QLabel(self)
        self.crossing = QComboBox(self)
        self.crossing.setObjectName("intakeCrossing")
        self._presets = presets_mod.load(self.data_dir)

        self.preview = QTableWidget(self)
        self.preview.setObjectName("intakePreview")
        self.preview.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.mapping_problems = QLabel(self)
        self.mapping_problems.setObjectName("fieldError")
        self.mapping_problems.setWordWrap(True)

        self.queue_box = QCheckBox(self)
        self.queue_box.setObjectName("intakeQueue")
        self.keep_box = QCheckBox(self)
        self.keep_box.setObjectName("intakeKeepInvalid")
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("intakeCheck")
        self.check_button.clicked.connect(lambda: self.run_import(dry_run=True))
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(lambda: self.run_import(dry_run=False))
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("intakeStop")
        self.stop_button.clicked.connect(self.stop)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        for b in (self.file_button, self.template_button, self.check_button, self.import_button, self.stop_button,
                  self.close_button):
            b.setAutoDefault(False)  # Enter in a field must not start an import

        self.progress = QProgressBar(self)
        self.progress.setObjectName("intakeProgress")
        self.progress.setTextVisible(True)
        self.status = QLabel(self)
        self.status.setObjectName("intakeSummary")
        self.status.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.findings = QTableWidget(0, 5, self)
        self.findings.setObjectName("intakeFindings")
        self.findings.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.findings.verticalHeader().setVisible(False)
        self.findings.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        self.findings.cellDoubleClicked.connect(self._show_cell)

        top = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.file_button)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit, 1)
        template_row.addWidget(self.template_button)
        top.addRow(self.file_label, file_row)
        top.addRow(self.customer_label, self.customer)
        top.addRow(self.template_label, template_row)
        top.addRow(self.crossing_label, self.crossing)
        options = QHBoxLayout()
        options.addWidget(self.queue_box)
        options.addWidget(self.keep_box)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.close_button)
        upper = QWidget(self)
        up = QVBoxLayout(upper)
        up.setContentsMargins(0, 0, 0, 0)
        up.addWidget(self.preview, 1)
        up.addWidget(self.mapping_problems)
        lower = QWidget(self)
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        low.addWidget(self.status)
        low.addWidget(self.findings, 1)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(upper)
        split.addWidget(lower)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addLayout(options)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self.retranslate()
        self._update_buttons()
        if path:
            self.load_file(path)

    # --- language ------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import a booking list"))
        self.file_label.setText(self.tr("Booking list (CSV or XLSX):"))
        self.file_button.setText(self.tr("Choose…"))
        self.customer_label.setText(self.tr("Customer (its column mapping is remembered):"))
        self.template_label.setText(self.tr("Template ENS (parties, places):"))
        self.template_edit.setPlaceholderText(self.tr("the customer's template, else the built-in sample"))
        self.template_button.setText(self.tr("Choose…"))
        self.crossing_label.setText(self.tr("Crossing when the list names none:"))
        current = self.crossing.currentData()
        self.crossing.clear()
        self.crossing.addItem(self.tr("the template's crossing"), None)
        lang = i18n.current()
        for c in self._presets.crossings:
            self.crossing.addItem(c.title(lang), c.id)
        index = self.crossing.findData(current)
        self.crossing.setCurrentIndex(max(0, index))
        self.queue_box.setText(self.tr("Queue the valid trucks for sending"))
        self.keep_box.setText(self.tr("Keep trucks that fail as drafts"))
        self.check_button.setText(self.tr("Check"))
        self.import_button.setText(self.tr("Import"))
        self.stop_button.setText(self.tr("Stop"))
        self.close_button.setText(self.tr("Close"))
        self.findings.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Truck"),
                                                 self.tr("Rule"), self.tr("What to fix")])
        self._fill_preview()
        self._show_mapping_problems()
        self._show_summary()
        self._show_error()

    # --- choosing ------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Booking list"), "",
                                              self.tr("Booking lists (*.csv *.xlsx *.xlsm *.txt);;All files (*)"))
        if path:
            self.load_file(path)

    def choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Template ENS"), "", self.tr("ENS files (*.xml)"))
        if path:
            self.template_edit.setText(path)

    def _customer_chosen(self, _index: int) -> None:
        if self.file_edit.text():
            self.load_file(self.file_edit.text())  # that customer's mapping and template

    def _options(self, dry_run: bool) -> Options:
        return Options(template=self.template_edit.text().strip() or None,
                       customer=self.customer.currentText().strip() or None,
                       crossing=self.crossing.currentData(), dry_run=dry_run, queue=self.queue_box.isChecked(),
                       keep_invalid=self.keep_box.isChecked(), user=self.user)

    # --- reading -------------------------------------------------------------------------
    def load_file(self, path: str) -> None:
        """Read `path` in the worker; the preview and the guessed mapping follow (signal `loaded`)."""
        if self.busy:
            return
        self.file_edit.setText(str(path))
        self.table = self.mapping = self.summary = None  # never import what an earlier file showed
        self._fill_preview()
        self._show_mapping_problems()
        self._show_summary()
        options = self._options(dry_run=True)
        data_dir = self.data_dir
        self._start(lambda worker: batch.load(path, data_dir, options), self._loaded)

    def _loaded(self, result) -> None:
        self.table, self.mapping = result
        if self.mapping.template and not self.template_edit.text():
            self.template_edit.setText(self.mapping.template)
        if self.mapping.crossing:
            self.crossing.setCurrentIndex(max(0, self.crossing.findData(self.mapping.crossing)))
        self.summary = None
        self._show_summary()
        self._fill_preview()
        self._show_mapping_problems()
        self.loaded.emit()

    def _fill_preview(self) -> None:
        table = self.table
        self.preview.clear()
        if table is None:
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            return
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.setColumnCount(len(table.headers))
        self.preview.setRowCount(len(rows) + 1)
        self.preview.setHorizontalHeaderLabels([f"{column_letter(i)} · {h}" for i, h in enumerate(table.headers)])
        self.preview.setVerticalHeaderLabels([self.tr("fills")] + [str(r.number) for r in rows])
        lang = i18n.current()
        for col in range(len(table.headers)):
            combo = QComboBox(self.preview)
            combo.setObjectName(f"intakeColumn{column_letter(col)}")
            combo.addItem(self.tr("— ignore —"), None)
            for f in FIELDS:
                combo.addItem(f.label(lang), f.name)
            combo.setCurrentIndex(max(0, combo.findData(self.mapping.columns[col])))
            if self.mapping.guessed and self.mapping.guessed[col] and self.mapping.columns[col]:
                combo.setToolTip(self.tr("Guessed from the header: check it"))
            combo.currentIndexChanged.connect(lambda _i, c=col, box=combo: self.set_column(c, box.currentData()))
            self.preview.setCellWidget(0, col, combo)
            for r, row in enumerate(rows, 1):
                self.preview.setItem(r, col, QTableWidgetItem(row.text(col)))
        self.preview.resizeColumnsToContents()

    def column_combo(self, column: int) -> QComboBox:
        return self.preview.cellWidget(0, column)

    def set_column(self, column: int, field: str | None) -> None:
        """The agent says which field `column` fills; a field fills one column, so another column
        that filled it is set to 'ignore'."""
        if self.mapping is None:
            return
        if field:
            for other, name in enumerate(self.mapping.columns):
                if other != column and name == field:
                    self.mapping.columns[other] = None
                    box = self.column_combo(other)
                    box.blockSignals(True)
                    box.setCurrentIndex(0)
                    box.blockSignals(False)
        self.mapping.columns[column] = field
        if self.mapping.guessed:
            self.mapping.guessed[column] = False
        box = self.column_combo(column)
        if box is not None and box.currentData() != field:
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(field)))
            box.blockSignals(False)
        self._show_mapping_problems()
        self._update_buttons()

    def _show_mapping_problems(self) -> None:
        if self.table is None or self.mapping is None:
            self.mapping_problems.clear()
            return
        lang = i18n.current()
        lines = []
        if "plate" not in self.mapping.columns:
            lines.append(self.tr("Choose the column that holds the truck plate: rows are grouped into trucks by "
                                 "plate, CMR and date."))
        columns: dict[str, list[int]] = {}
        for i, name in enumerate(self.mapping.columns):
            if name:
                columns.setdefault(name, []).append(i)
        for name, where in columns.items():
            if len(where) > 1 and name in BY_NAME:
                lines.append(self.tr("Columns {0} all fill {1}: keep one.").format(
                    ", ".join(column_letter(i) for i in where), BY_NAME[name].label(lang)))
        self.mapping_problems.setText("\n".join(lines))
        self._update_buttons()

    # --- checking and importing ----------------------------------------------------------
    def run_import(self, dry_run: bool) -> None:
        """Check (dry_run) or import the list as mapped now, in the worker."""
        if self.table is None or self.mapping is None or self.busy:
            return
        table, data_dir = self.table, self.data_dir
        mapping = Mapping(list(self.mapping.columns), self.mapping.customer, self.mapping.template,
                          self.mapping.crossing)
        options = self._options(dry_run)
        self.findings.setRowCount(0)
        self.progress.setRange(0, 0)
        self.summary = None
        self.status.setText(self.tr("Checking…") if dry_run else self.tr("Importing…"))

        def work(worker: IntakeWorker):
            return batch.import_list(None, data_dir, options, table=table, mapping=mapping, cancel=worker.cancel,
                                     progress=lambda phase, done, total: worker.progressed.emit(phase, done, total))

        self._start(work, self._finished)

    def _progressed(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat((self.tr("Checked %v of %m") if phase == "check" else self.tr("Saved %v of %m")))

    def _finished(self, summary: Summary) -> None:
        self.summary = summary
        customer = self.customer.currentText().strip()
        if customer and not summary.dry_run and self.customer.findText(customer) < 0:
            self.customer.addItem(customer)  # its mapping is saved now
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._show_summary()
        self.finished_run.emit(summary)
        if not summary.dry_run and not summary.cancelled and summary.lrns:
            self.imported.emit(list(summary.lrns))

    def _show_summary(self) -> None:
        summary = self.summary
        if summary is None:
            if not self.busy:
                self.status.clear()
            self.findings.setRowCount(0)
            return
        lang = i18n.current()
        text = summary.text(lang)
        if summary.base == "built-in sample" and not summary.cancelled:
            text += "\n" + self.tr("No template: the parties are the built-in sample's. Choose the customer's "
                                   "template ENS before these drafts are sent.")
        self.status.setText(text)
        found = [(o, f) for o in summary.outcomes for f in o.errors] + \
                [(o, f) for o in summary.outcomes for f in o.warnings]
        self.findings.setRowCount(len(found))
        for r, (o, f) in enumerate(found):
            column = f"{f.column_letter} ({f.header})" if f.column_letter else (
                self.tr("(no column)") if f.source == "no_column" else
                self.tr("(template)") if f.source == "template" else "")
            truck = " ".join(x for x in (o.plate, o.cmr) if x)
            text = f.text(lang) if f.source != "no_column" else f"{f.where(lang)}: {f.text(lang)}"
            cells = [str(f.row), column, truck, f.rule if f.severity == "error" else f"{f.rule} ⚠", text]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(f.message(lang))
                item.setData(Qt.UserRole, (f.row, f.column))
                self.findings.setItem(r, c, item)
        self.findings.resizeColumnsToContents()
        self.findings.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)

    def _show_cell(self, row: int, _column: int) -> None:
        """Double-click on a finding: its cell in the preview, when that row is shown."""
        item = self.findings.item(row, 0)
        if item is None or self.table is None:
            return
        sheet_row, col = item.data(Qt.UserRole)
        shown = [r.number for r in self.table.rows[:PREVIEW_ROWS]]
        if sheet_row in shown and col is not None:
            self.preview.setCurrentCell(shown.index(sheet_row) + 1, col)
            self.preview.scrollToItem(self.preview.item(shown.index(sheet_row) + 1, col))

    # --- the worker ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A step runs (until its worker's `finished` reached the GUI thread)."""
        return self.worker is not None

    def _start(self, work, on_success) -> None:
        if self.busy:
            return
        self._error = None
        self._show_error()
        worker = IntakeWorker(work, self)
        worker.on_success = on_success
        worker.progressed.connect(self._progressed)
        worker.finished.connect(self._worker_done)  # queued: runs here, in the GUI thread
        self.worker = worker
        self._update_buttons(running=True)
        worker.start()

    def _worker_done(self) -> None:
        worker = self.sender()
        if not isinstance(worker, IntakeWorker):
            return
        worker.deleteLater()
        if worker is not self.worker:
            return  # stopped by shutdown(): the dialog is closing, its outcome is not shown
        self.worker = None
        if self.progress.maximum() == 0:  # still "busy": the step failed
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
        self._update_buttons()
        if worker.error is not None:
            self._failed(worker.error, worker.bug)
        elif worker.on_success is not None:
            worker.on_success(worker.result)

    def _failed(self, message: str, bug: bool) -> None:
        self._error = (message, bug)
        self.status.clear()
        self._show_error()

    def _show_error(self) -> None:
        if not self._error:
            self.error.clear()
            return
        message, bug = self._error
        self.error.setText(self.tr("Internal error (a bug in ics2desk, please report it): {0}").format(message)
                           if bug else message)

    def _update_buttons(self, running: bool | None = None) -> None:
        running = self.busy if running is None else running
        usable = self.table is not None and self.mapping is not None and not self.mapping.problems(self.table)
        self.check_button.setEnabled(usable and not running)
        self.import_button.setEnabled(usable and not running)
        self.stop_button.setEnabled(running)
        self.file_button.setEnabled(not running)

    def stop(self) -> None:
        """The Stop button: the worker stops between two trucks; nothing is saved."""
        if self.worker is not None:
            self.worker.cancel.set()

    def shutdown(self) -> None:
        """Stop the worker and wait for it: it never outlives the dialog."""
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop()  # deleted by _worker_done, or with the dialog (its parent)

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)
