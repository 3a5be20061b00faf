"""The incident panel's worker: the thread in which the continuity desk reads and writes the store.

One QThread with its own Store connection and ContinuityDesk (threading rule of
ics2desk/README.md). A QTimer living in that thread refreshes every few seconds; the panel sends
commands through a queued signal and gets back a `Snapshot` (plain records, nothing tied to a
connection) or a command result. The workflow itself (detection, recovery, closing) is
ics2desk.continuity.desk.ContinuityDesk; this module only carries it across threads.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ... import clock
from ...continuity.desk import IncidentView, Snapshot  # noqa: F401  (the panel's records, re-exported)
from ...failures import Component


def utcnow() -> datetime:
    return clock.now()


class IncidentsWorker(QObject):
    snapshot = Signal(object)
    result = Signal(str, object)  # command, value (pending documents, PDF path, ...)
    failed = Signal(str, str)  # command, message for the agent
    drain_requested = Signal()  # recovery: the outbox should try now
    _command = Signal(str, object)

    def __init__(self, data_dir: Path, interval_ms: int = 3000, user: str | None = None):
        super().__init__()
        self.data_dir = Path(data_dir)
        self.interval_ms = interval_ms
        self.auto_recover = False
        #: who the desk's own steps (auto-recovery, closing a drained incident) are audited as: the
        #: session's agent (MainWindow sets it to its Desk's user); None: the store's user
        self.user = user
        self._store = None
        self._desk = None
        self._timer = None
        self.thread = QThread()
        self.thread.setObjectName("incidents")
        self.moveToThread(self.thread)
        self._command.connect(self._run)
        self.thread.started.connect(self._open)

    # --- GUI thread side ------------------------------------------------------------------
    def start(self) -> None:
        self.thread.start()

    def send(self, command: str, **args) -> None:
        self._command.emit(command, args)

    def stop(self) -> None:
        if self.thread.isRunning():
            self._command.emit("_stop", {})
            self.thread.wait(10_000)

    # --- worker thread side ---------------------------------------------------------------
    @Slot()
    def _open(self) -> None:
        from ...continuity.desk import ContinuityDesk
        from ...errors import KnownError
        from ...store import open_store

        try:
            self._store = open_store(self.data_dir, user=self.user)
            self._desk = ContinuityDesk.open(self._store)
        except KnownError as exc:
            self.failed.emit("open", str(exc))
            return
        self._timer = QTimer(self)
        self._timer.setInterval(self.interval_ms)
        self._timer.timeout.connect(lambda: self._run("refresh", {}))
        self._timer.start()
        self._run("refresh", {})

    @Slot(str, object)
    def _run(self, command: str, args: dict) -> None:
        from ...errors import BugError, KnownError, StoreUnavailableError

        if command == "_stop":
            if self._timer is not None:
                self._timer.stop()
            if self._store is not None:
                self._store.close()
                self._store = self._desk = None
            self.thread.quit()
            return
        if self._desk is None:
            return
        if command == "set_auto":
            self.auto_recover = bool(args["on"])
            return
        try:
            value = self._call(command, args)
        except StoreUnavailableError as exc:
            self.failed.emit(command, str(exc))
            value = None
            if exc.reason == "unreachable":  # the operator's own system is down: the board says so now
                self.snapshot.emit(self._desk.database_unreachable(utcnow(), str(exc)))
                return
        except KnownError as exc:
            self.failed.emit(command, str(exc))
            value = None
        except Exception as exc:  # noqa: BLE001 - our bug: say so, keep the thread alive
            self.failed.emit(command, f"{BugError.__name__}: {exc!r}")
            value = None
        if command != "refresh":
            if value is not None:
                self.result.emit(command, value)
            self._refresh()

    def _refresh(self) -> None:
        snap = self._desk.refresh_from_store(utcnow(), self._user(), auto_recover=self.auto_recover)
        if snap.recovered:
            self.drain_requested.emit()
        self.snapshot.emit(snap)

    def _user(self) -> str:
        return self.user or self._store.user

    def _call(self, command: str, a: dict):
        """One command of the panel, by name, to the ContinuityDesk step it stands for."""
        from ...errors import BugError

        desk, now = self._desk, utcnow()
        match command:
            case "refresh":
                return self._refresh()
            case "confirm":
                return desk.confirm(Component(a["component"]), a["user"], now)
            case "dismiss":
                return desk.dismiss(Component(a["component"]), a["user"], now)
            case "declare":
                return desk.declare(Component(a["component"]), a["reference"], a["user"], now)
            case "tick":
                return desk.tick(a["incident_id"], a["step_id"], a["user"], now)
            case "untick":
                return desk.untick(a["incident_id"], a["step_id"], a["user"], now)
            case "note":
                return desk.note(a["incident_id"], a["text"], a["user"], now)
            case "pending_documents":
                return desk.pending_documents(Component(a["component"]))
            case "write_fallback_pdf":
                return str(a["request"].write_pdf(a["path"]))
            case "record_sent":
                return desk.record_sent(a["incident_id"], a["subject"], a["body"], a["lrns"], a["to"], a["user"], now)
            case "report_pdf":
                return desk.report_pdf(a["incident_id"], a["path"], a["lang"], now)
            case "recover":
                desk.recover(Component(a["component"]), a["user"], now)
                self.drain_requested.emit()
                return a["component"]
            case "close":
                return desk.close_incident(Component(a["component"]), a["user"], now, force=a.get("force", False))
        raise BugError(f"the incidents worker has no command {command!r}")
