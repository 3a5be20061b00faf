"""The truck's ELO (enveloppe logistique obligatoire) on the desk: a worker thread that prepares
the envelope when an ENS gets its MRN and drains the ELO queue, and the box in the filing detail
that shows it (token, file number, state, each declaration's validation, ICS2 fallback badge).

Threading: the worker opens its own Store/EloStore in its thread and does all network I/O; the box
reads one envelope by LRN (indexed) and only queues requests (EloService edits are store writes),
then wakes the worker.
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .. import clock
from .polling_thread import PollingThread

#: filing states in which the truck may board, so its envelope is worth creating (not Do Not Load)
BOARDING_STATES = ("registered", "assessment_complete", "not_complete", "info_requested", "info_answered")
#: filings registered longer ago than this are not given an envelope when the desk starts
ADOPT_WINDOW = timedelta(days=1)


def adopt_registered(store, service, since: datetime | None = None) -> list[str]:
    """Prepare (and, by the auto_create setting, queue) an envelope for every filing registered
    since `since` that has none yet. Returns the LRNs adopted. Worker thread only."""
    since = since or clock.now() - ADOPT_WINDOW
    rows = store.conn.execute(
        "SELECT f.lrn, f.mrn FROM filings f LEFT JOIN elo_envelopes e ON e.lrn = f.lrn "
        f"WHERE e.id IS NULL AND f.mrn IS NOT NULL AND f.state IN ({','.join('?' * len(BOARDING_STATES))}) "
        "AND f.updated_at >= ? ORDER BY f.id LIMIT 200",
        (*BOARDING_STATES, since.strftime("%Y-%m-%dT%H:%M:%S"))).fetchall()
    adopted = []
    for lrn, mrn in rows:
        service.on_ens_registered(lrn, mrn, store.document(lrn))
        adopted.append(lrn)
    return adopted


class EloWorker(PollingThread):
    """Creates envelopes for newly registered ENS and sends the ELO queue, off the GUI thread.

    simulator: an ics2desk.elo.simulator.EloSimulator (--demo) or None for the configured service."""

    changed = Signal()  # something on an envelope changed: the box re-reads it
    crashed = Signal(str)

    def __init__(self, data_dir: Path, simulator=None, interval: float = 2.0, refresh_every: float = 60.0,
                 parent=None):
        super().__init__(data_dir, interval, parent)
        self.simulator = simulator
        self.refresh_every = refresh_every

    def _service(self, store):
        from ..elo import EloService, EloStore

        elo_store = EloStore(store.conn)
        if self.simulator is not None:
            from ..elo.demo import demo_service

            return demo_service(self.simulator, elo_store)
        return EloService(elo_store)

    def run(self) -> None:
        from ..errors import KnownError
        from ..store import open_store

        try:
            store = open_store(self.data_dir)
            service = self._service(store)
        except KnownError as exc:
            self.crashed.emit(str(exc))
            return
        last_refresh = time.monotonic()
        try:
            while not self._stop.is_set():
                try:
                    adopted = adopt_registered(store, service)
                    if time.monotonic() - last_refresh >= self.refresh_every:
                        service.refresh_open()
                        last_refresh = time.monotonic()
                    result = service.drain()
                    if adopted or result.changed:
                        self.changed.emit()
                except KnownError as exc:  # shown on the envelopes; the thread carries on
                    self.crashed.emit(str(exc))
                self._wake.wait(self.interval)
                self._wake.clear()
        finally:
            store.close()


class EloBox(QGroupBox):
    """The selected filing's envelope. `wake` is emitted after queuing a request."""

    wake = Signal()

    def __init__(self, conn, data_dir: Path, parent=None):
        super().__init__(parent)
        from ..elo import EloService, EloStore

        self.setObjectName("eloBox")
        self.service = EloService(EloStore(conn))
        self.data_dir = Path(data_dir)
        self.lrn: str | None = None
        self.envelope = None
        self.open_viewer = True  # tests switch the desktop viewer off
        self.summary = QLabel(self)
        self.summary.setObjectName("eloSummary")
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary.setWordWrap(True)  # a long token must not widen the window past the screen
        self.fallback = QLabel(self)
        self.fallback.setObjectName("eloFallback")
        self.fallback.setStyleSheet("background:#ef6c00;color:white;font-weight:bold;padding:2px 6px;"
                                    "border-radius:3px;")
        self.do_not_load = QLabel(self)  # the envelope must not carry a truck customs stopped
        self.do_not_load.setObjectName("eloDoNotLoad")
        self.do_not_load.setWordWrap(True)
        self.do_not_load.setStyleSheet("background:#b71c1c;color:white;font-weight:bold;padding:4px 6px;")
        self.do_not_load.hide()
        self.sync = QLabel(self)
        self.sync.setObjectName("eloSync")
        self.sync.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("eloDeclarations")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.create_button = QPushButton(self)
        self.create_button.setObjectName("eloCreate")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("eloRefresh")
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("eloPdf")
        self.auto = QCheckBox(self)
        self.auto.setObjectName("eloAuto")
        self.auto.setChecked(self.service.settings.auto_create)
        self.auto.toggled.connect(self.set_auto)
        self.create_button.clicked.connect(self.create)
        self.refresh_button.clicked.connect(self.refresh)
        self.pdf_button.clicked.connect(self.view_pdf)
        head = QGridLayout()
        head.addWidget(self.summary, 0, 0)
        head.addWidget(self.fallback, 0, 1)
        head.setColumnStretch(0, 1)
        buttons = QHBoxLayout()
        for w in (self.create_button, self.refresh_button, self.pdf_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.auto)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.do_not_load)
        lay.addWidget(self.sync)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.retranslate()
        self.show_lrn(None)

    # --- display -------------------------------------------------------------------------
    def show_lrn(self, lrn: str | None, state: str | None = None) -> None:
        self.lrn = lrn
        self.filing_state = state
        self.envelope = self.service.store.by_lrn(lrn) if lrn else None
        self._fill()

    def reload(self) -> None:
        self.show_lrn(self.lrn, getattr(self, "filing_state", None))

    def _fill(self) -> None:
        env = self.envelope
        stopped = getattr(self, "filing_state", None) == "do_not_load"
        self.do_not_load.setVisible(stopped)
        self.do_not_load.setText(self.tr("Do Not Load: this truck must not board. Do not present this ELO at "
                                         "check-in; contact the office of first entry.") if stopped else "")
        has_pdf = env is not None and env.id is not None and self.service.store.pdf(env.id) is not None
        self.create_button.setVisible(env is not None and env.sync == "draft")
        self.refresh_button.setEnabled(env is not None and env.created)
        self.pdf_button.setEnabled(has_pdf)
        self.fallback.setVisible(env is not None and env.procedure_secours_ics2)
        self.table.setRowCount(0)
        if env is None:
            self.summary.setText(self.tr("No ELO yet: it is prepared when the ENS gets its MRN."))
            self.sync.setText("")
            return
        token = env.jeton or "—"
        number = env.numero_dossier or "—"
        state = env.statut or self.tr("not created yet")
        self.summary.setText(self.tr("Token <b>{0}</b> — file {1} — state <b>{2}</b> — truck {3}")
                             .format(token, number, state, env.truck or "—"))
        sync = {"draft": self.tr("Prepared: click “Create ELO” to send it to French customs."),
                "queued": self.tr("Waiting to be sent to French customs."),
                "in_sync": self.tr("Up to date with French customs."),
                "refused": self.tr("Refused by French customs.")}.get(env.sync, env.sync)
        self.sync.setText(sync + (f"\n{env.last_error}" if env.last_error else ""))
        self.sync.setProperty("state", "down" if env.sync == "refused" else "up")
        decls = env.declarations or []
        shown = [(d.identifiant, d.type_declaration or "", d.etat or "", d.message or "") for d in decls]
        if not shown:  # before the service answered, show what the desk wants in it
            shown = [(m, "", self.tr("not sent yet"), "") for m in env.mrns]
        self.table.setRowCount(len(shown))
        for r, (mrn, kind, etat, message) in enumerate(shown):
            self.table.setItem(r, 0, QTableWidgetItem(mrn))
            self.table.setItem(r, 1, QTableWidgetItem(kind))
            self.table.setItem(r, 2, QTableWidgetItem(f"{etat} {message}".strip()))

    # --- actions -------------------------------------------------------------------------
    def set_auto(self, on: bool) -> None:
        settings = self.service.settings
        settings.auto_create = bool(on)
        settings.save(self.service.store)

    def create(self) -> None:
        if self.envelope is None:
            return
        self._act(lambda: self.service.submit(self.envelope.id))

    def refresh(self) -> None:
        if self.envelope is None:
            return
        self._act(lambda: self.service.refresh(self.envelope.id))

    def _act(self, step) -> None:
        from ..errors import KnownError

        try:
            step()
        except KnownError as exc:
            QMessageBox.warning(self, "ics2desk", str(exc))
        self.wake.emit()
        self.reload()

    def view_pdf(self) -> Path | None:
        """Write the PDF French customs returned and open it in the desktop's viewer."""
        env = self.envelope
        pdf = self.service.store.pdf(env.id) if env is not None and env.id is not None else None
        if pdf is None:
            return None
        out = self.data_dir / "prints" / f"ELO-{env.numero_dossier or env.lrn}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
        if self.open_viewer:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
        return out

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("ELO — truck's logistics envelope (French customs)"))
        self.fallback.setText(self.tr("procédure de secours ICS2"))
        self.table.setHorizontalHeaderLabels([self.tr("MRN"), self.tr("Type"), self.tr("Validation")])
        self.create_button.setText(self.tr("Create ELO"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.pdf_button.setText(self.tr("View ELO PDF"))
        self.auto.setText(self.tr("Create automatically when the MRN arrives"))
        self._fill()
