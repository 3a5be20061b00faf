"""The truck's ELO (enveloppe logistique obligatoire) on the desk: a worker thread that prepares
the envelope when an ENS gets its MRN, takes out of it an ENS that got a Do Not Load or was
invalidated (stopped_ens_sweep) and drains the ELO queue, and the box in the filing detail that
shows it (token, file number, state, each declaration's validation, ICS2 fallback badge, and in
red any ENS that may not board with what the agent must do).

Threading: the worker opens its own Store/EloStore in its thread and does all network I/O; the box
reads one envelope by LRN (indexed) and only queues requests (EloService edits are store writes),
then wakes the worker.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices
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

from ...elo.desk_link import ADOPT_WINDOW, BOARDING_STATES, adopt_registered  # noqa: F401  (re-exported)
from ..polling_thread import PollingThread


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
        from ...elo import EloService, EloStore

        elo_store = EloStore(store.conn)
        if self.simulator is not None:
            from ...elo.demo import demo_service

            return demo_service(self.simulator, elo_store)
        return EloService(elo_store)

    def run(self) -> None:
        from ...elo.service import stopped_ens_sweep
        from ...errors import KnownError
        from ...store import open_store

        from ...desk import Desk

        try:
            store = open_store(self.data_dir)
            service = self._service(store)
            desk = Desk(store)
        except KnownError as exc:
            self.crashed.emit(str(exc))
            return
        last_refresh = time.monotonic()
        try:
            while not self._stop.is_set():
                try:
                    adopted = desk.adopt_elo(service)
                    stopped = stopped_ens_sweep(store, service)  # Do Not Load / invalidated: out of the ELO
                    if time.monotonic() - last_refresh >= self.refresh_every:
                        service.refresh_open()
                        last_refresh = time.monotonic()
                    result = service.drain()
                    if adopted or stopped or result.changed:
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
        from ...elo import EloService, EloStore

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
        self.stopped = QLabel(self)  # ENS of this envelope that may not board, and what the agent must do
        self.stopped.setObjectName("eloStopped")
        self.stopped.setWordWrap(True)
        self.stopped.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.stopped.setStyleSheet("background:#ffebee;color:#b71c1c;font-weight:bold;border:2px solid #b71c1c;"
                                   "padding:4px 6px;")
        self.stopped.hide()
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
        lay.addWidget(self.stopped)
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
        try:
            self.show_lrn(self.lrn, getattr(self, "filing_state", None))
        except sqlite3.ProgrammingError as exc:
            # the worker's `changed`, queued just before shutdown, delivered after the store closed
            if "closed" not in str(exc):
                raise

    def _verdicts(self, mrns: list[str]) -> tuple[object, dict]:
        """The boarding verdict of this box's filing and of every filing whose MRN is in the envelope,
        read live from the desk store, so the box is right before the worker's sweep has run."""
        from ...elo.desk_link import boarding_verdicts

        return boarding_verdicts(self.service.store.conn, self.lrn, mrns)

    def _fill(self) -> None:
        from ...elo import StopStatus
        from ...store.lifecycle import Boarding

        env = self.envelope
        mrns = list(dict.fromkeys((env.server_mrns + env.mrns + [x.mrn for x in env.stopped]) if env else []))
        own, by_mrn = self._verdicts(mrns)
        if own is None and getattr(self, "filing_state", None) == "do_not_load":
            own = Boarding.DO_NOT_LOAD
        self._fill_banner(own)
        stops = {x.mrn: x for x in self.service.stops(env)} if env is not None and env.id is not None else {}
        # an ENS that customs stopped but the worker has not taken out yet still says so, in red
        late = [m for m, v in by_mrn.items() if v in (Boarding.DO_NOT_LOAD, Boarding.INVALIDATED) and m not in stops]
        self._fill_stopped(env, stops, late, by_mrn)
        withheld = own in (Boarding.DO_NOT_LOAD, Boarding.INVALIDATED) or bool(late) or any(
            x.status in (StopStatus.MANUAL, StopStatus.REMOVING) for x in stops.values())
        self.withheld = withheld  # view_pdf refuses too, not only the button
        has_pdf = env is not None and env.id is not None and self.service.store.pdf(env.id) is not None
        self.create_button.setVisible(env is not None and env.sync == "draft")
        self.refresh_button.setEnabled(env is not None and env.created)
        self.pdf_button.setEnabled(has_pdf and not withheld)
        self.pdf_button.setToolTip(self.tr("Withheld: an ENS of this envelope may not board. Do not present this "
                                           "ELO at check-in.") if has_pdf and withheld else "")
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
        self._fill_table(env, stops, by_mrn)

    def _fill_banner(self, own) -> None:
        from ...store.lifecycle import Boarding

        text = {Boarding.DO_NOT_LOAD: self.tr("Do Not Load: this truck must not board. Do not present this ELO at "
                                              "check-in; contact the office of first entry."),
                Boarding.INVALIDATED: self.tr("Invalidated: this ENS no longer stands and the truck must not board "
                                              "on it. Do not present this ELO at check-in; the truck needs a new "
                                              "ENS.")}.get(own, "")
        self.do_not_load.setVisible(bool(text))
        self.do_not_load.setText(text)

    def _stop_word(self, verdict) -> str:
        return self.tr("Do Not Load") if verdict == "do_not_load" else self.tr("invalidated")

    def _stop_line(self, env, stop) -> str:
        """What happened to one stopped ENS, and what the agent must still do."""
        from ...elo import StopStatus

        what = self._stop_word(stop.verdict)
        if stop.status is StopStatus.REMOVED:
            return self.tr("ENS {0} ({1}): taken out of this ELO at French customs.").format(stop.mrn, what)
        if stop.status is StopStatus.WITHHELD:
            return self.tr("ENS {0} ({1}): taken out before this ELO was sent to French customs.").format(stop.mrn, what)
        if stop.status is StopStatus.REMOVING:
            return self.tr("ENS {0} ({1}): being taken out of this ELO, waiting for French customs. If the truck "
                           "checks in before that, remove it from the envelope at the ELO portal.").format(stop.mrn, what)
        line = self.tr("ENS {0} {1}: remove it from the envelope at the ELO portal before the truck checks in."
                       ).format(stop.mrn, what)
        if not env.modifiable:
            line += " " + self.tr("French customs accept no change by EDI once the envelope is {0}.").format(env.statut)
        return line

    def _fill_stopped(self, env, stops: dict, late: list[str], by_mrn: dict) -> None:
        lines = [self._stop_line(env, x) for x in stops.values()]
        for mrn in late:
            what = self._stop_word(by_mrn[mrn].value)
            lines.append(self.tr("ENS {0} {1}: still in this ELO, the desk is taking it out. If the truck checks in "
                                 "before that, remove it from the envelope at the ELO portal.").format(mrn, what))
        self.stopped.setVisible(bool(lines))
        self.stopped.setText("\n".join(lines))

    def _fill_table(self, env, stops: dict, by_mrn: dict) -> None:
        """One row per declaration. An ENS that may not board never shows the ELO's CONFORME: its
        row says what it is (the ELO's own validation stays in the tooltip)."""
        from ...elo import StopStatus
        from ...store.lifecycle import Boarding

        shown = [(d.identifiant, d.type_declaration or "", f"{d.etat or ''} {d.message or ''}".strip())
                 for d in env.declarations or []]
        if not shown:  # before the service answered, show what the desk wants in it
            shown = [(m, "", self.tr("not sent yet")) for m in env.mrns]
        shown += [(m, "ENS", "") for m in stops if m not in [r[0] for r in shown]]  # taken out: still listed
        status_words = {StopStatus.REMOVED: self.tr("taken out"), StopStatus.WITHHELD: self.tr("never sent"),
                        StopStatus.REMOVING: self.tr("being taken out"),
                        StopStatus.MANUAL: self.tr("STILL IN THE ELO: act at the portal")}
        still_in = self.tr("still in the ELO")
        not_cleared = {Boarding.REJECTED: self.tr("ENS rejected: not cleared for boarding"),
                       Boarding.NOT_REGISTERED: self.tr("ENS not (yet) cleared for boarding")}
        self.table.setRowCount(len(shown))
        for r, (mrn, kind, validation) in enumerate(shown):
            verdict = by_mrn.get(mrn)
            text, stopped = validation, False
            if mrn in stops:
                text, stopped = f"{self._stop_word(stops[mrn].verdict).upper()} — {status_words[stops[mrn].status]}", True
            elif verdict in (Boarding.DO_NOT_LOAD, Boarding.INVALIDATED):
                text, stopped = f"{self._stop_word(verdict.value).upper()} — {still_in}", True
            elif verdict in not_cleared:  # customs still deciding, or refused: not the ELO's CONFORME either
                text = not_cleared[verdict]
            items = [QTableWidgetItem(mrn), QTableWidgetItem(kind), QTableWidgetItem(text)]
            for c, item in enumerate(items):
                if text != validation:
                    item.setToolTip(self.tr("French customs' validation: {0}").format(validation or "—"))
                if stopped:
                    item.setBackground(QColor("#ffcdd2"))
                    item.setForeground(QColor("#b71c1c"))
                self.table.setItem(r, c, item)

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
        from ...errors import KnownError

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
        if pdf is None or getattr(self, "withheld", False):  # its barcode would check in a stopped truck
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
