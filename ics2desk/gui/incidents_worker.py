"""The incident panel's worker: every store read and write of the continuity desk runs here.

One QThread with its own Store connection and ContinuityDesk (threading rule of
ics2desk/README.md). A QTimer living in that thread re-reads the outbox attempts every few
seconds; the panel sends commands through a queued signal and gets back a `Snapshot` (plain
records, nothing tied to a connection) or a command result.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from .. import clock
from ..continuity.components import Board, ComponentStatus, State
from ..failures import Component, FailureKind

#: a filing sent more than this long ago no longer counts as evidence of a missing reply
_REPLY_HORIZON = timedelta(hours=24)


@dataclass
class IncidentView:
    """One open (or just closed) incident with what the panel lists for it."""

    incident: object  # continuity.incidents.Incident
    timeline: list  # [Event]
    checklist: list  # [(Step, Tick | None)]
    sent: list  # [SentRequest]
    retrospective: list  # [RetroFiling]


@dataclass
class Snapshot:
    now: datetime
    board: list[ComponentStatus]
    incidents: dict[Component, IncidentView]
    affected: list  # [AffectedFiling]
    playbook: object  # Playbook in force (immutable data)
    suggested: list[Component] = field(default_factory=list)  # sign of life: offer recovery
    new: list[Component] = field(default_factory=list)  # newly suspected on this refresh
    closed: list[dict] = field(default_factory=list)  # summaries of incidents closed on this refresh


def utcnow() -> datetime:
    return clock.now()


class IncidentsWorker(QObject):
    snapshot = Signal(object)
    result = Signal(str, object)  # command, value (pending documents, PDF path, ...)
    failed = Signal(str, str)  # command, message for the agent
    drain_requested = Signal()  # recovery: the outbox should try now
    _command = Signal(str, object)

    def __init__(self, data_dir: Path, interval_ms: int = 3000):
        super().__init__()
        self.data_dir = Path(data_dir)
        self.interval_ms = interval_ms
        self.auto_recover = False
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
        from ..continuity.adapters import cutoffs_from_settings, thresholds_from_settings
        from ..continuity.desk import ContinuityDesk
        from ..continuity.incidents import IncidentStore
        from ..continuity.playbook import Library
        from ..errors import KnownError
        from ..settings import Settings
        from ..store import open_store

        try:
            self._store = open_store(self.data_dir)
            settings = Settings.load(self.data_dir)
            self._desk = ContinuityDesk(IncidentStore(self._store.conn), Library(self.data_dir).in_force(),
                                        thresholds_from_settings(settings), cutoffs_from_settings(settings, self.data_dir))
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
        from ..errors import BugError, KnownError

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
            value = getattr(self, "_do_" + command)(**args)
        except KnownError as exc:
            self.failed.emit(command, str(exc))
            value = None
        except Exception as exc:  # noqa: BLE001 - our bug: say so, keep the thread alive
            self.failed.emit(command, f"{BugError.__name__}: {exc!r}")
            value = None
        if command != "refresh":
            if value is not None:
                self.result.emit(command, value)
            self._do_refresh()

    # --- commands -------------------------------------------------------------------------
    def _do_refresh(self) -> None:
        from ..continuity.adapters import last_success, observations_from_attempts, record_mrns_from_store
        from ..continuity.detection import overdue_replies

        desk, store, now = self._desk, self._store, utcnow()
        attempts = store.recent_attempts(since_seconds=desk.thresholds.window_minutes * 60 + 60)
        observations = observations_from_attempts([a for a in attempts if a.outcome == "failed"])
        # overdue replies are stamped `now`: fed only while nothing is down yet, so evidence stays finite
        if not desk.board.status(Component.COMMON_REPOSITORY).down and \
                not desk.board.status(Component.NATIONAL_SYSTEM).down:
            observations += overdue_replies(self._sent(now), now, desk.thresholds)
        new = [inf.component for inf in desk.refresh(observations, now)]
        suggested = desk.suggest_recovery(last_sent=last_success(attempts), last_reply=self._last(["registered"]),
                                          last_assessment=self._last(["assessment_complete", "do_not_load",
                                                                      "info_requested"]))
        suggested = [c for c in suggested if desk.incidents.active_for(c) is not None]
        if self.auto_recover:
            for c in suggested:
                self._do_recover(c.value, "ics2desk")
            suggested = []
        closed = []
        active = desk.incidents.active()
        affected = desk.affected(self._pending(), now) if active or desk.board.down() else []
        for inc in active:
            if desk.board.status(inc.component).state is not State.RECOVERING:
                continue
            record_mrns_from_store(desk.incidents, store, inc.id, now)
            if not affected:  # the queue has drained: every filing sent and answered
                summary = desk.close_if_done(inc.component, now, "ics2desk")
                if summary is not None:
                    closed.append(summary)
        self.snapshot.emit(self._snapshot(now, affected, suggested, new, closed))

    def _snapshot(self, now, affected, suggested, new, closed) -> Snapshot:
        desk = self._desk
        views = {}
        for inc in desk.incidents.active():
            views[inc.component] = IncidentView(inc, desk.incidents.timeline(inc.id), desk.checklist(inc.id),
                                                desk.incidents.sent_requests(inc.id),
                                                desk.incidents.retrospective(inc.id))
        board = Board.from_dict(desk.board.to_dict())  # a copy: the GUI thread gets its own objects
        return Snapshot(now, board.all(), views, affected, desk.playbook, suggested, new, closed)

    def _pending(self):
        from ..continuity.adapters import pending_from_store

        return pending_from_store(self._store)

    def _sent(self, now):
        from ..continuity.adapters import sent_from_store

        return [s for s in sent_from_store(self._store) if now - s.sent_at < _REPLY_HORIZON]

    def _last(self, states: list[str]) -> datetime | None:
        from ..continuity.deadlines import parse_utc
        from ..store import FilingQuery

        rows = self._store.list_filings(FilingQuery(states=states, sort="updated_at", descending=True, limit=1))
        return parse_utc(rows[0].updated_at) if rows else None

    def _do_confirm(self, component: str, user: str):
        return self._desk.confirm(Component(component), user, utcnow())

    def _do_dismiss(self, component: str, user: str):
        self._desk.dismiss(Component(component), user, utcnow())

    def _do_declare(self, component: str, reference, user: str):
        return self._desk.declare(Component(component), reference, user, utcnow())

    def _do_tick(self, incident_id: int, step_id: str, user: str):
        return self._desk.tick(incident_id, step_id, user, utcnow())

    def _do_untick(self, incident_id: int, step_id: str, user: str):
        self._desk.untick(incident_id, step_id, user, utcnow())

    def _do_note(self, incident_id: int, text: str, user: str):
        self._desk.incidents.log(incident_id, utcnow(), text, user)

    def _do_pending_documents(self, component: str):
        """The queued filings' documents, for the fallback request drafted in the dialog."""
        from ..continuity.deadlines import QUEUED

        docs = [p.document for p in self._pending() if p.state == QUEUED and p.document is not None]
        return {"component": Component(component), "documents": docs}

    def _do_write_fallback_pdf(self, request, path: str):
        return str(request.write_pdf(path))

    def _do_record_sent(self, incident_id: int, subject: str, body: str, lrns: list, to: str, user: str):
        self._desk.incidents.record_sent(incident_id, subject, body, lrns, to, user, utcnow())
        return to

    def _do_report_pdf(self, incident_id: int, path: str, lang: str):
        from ..continuity.pdf import incident_report_pdf

        now = utcnow()
        affected = self._desk.affected(self._pending(), now)
        return str(incident_report_pdf(self._desk.incidents, incident_id, self._desk.playbook, Path(path), lang,
                                       affected, now))

    def _do_recover(self, component: str, user: str):
        """The component is back: flag the filings sent under the fallback, make every waiting
        outbox item due now and ask the sender for a pass."""
        c = Component(component)
        inc = self._desk.incidents.active_for(c)
        lrns = sorted({lrn for s in self._desk.incidents.sent_requests(inc.id) for lrn in s.lrns}) if inc else []
        self._desk.recovering(c, utcnow(), user, lrns)
        for item in self._store.outbox_items(states=["pending", "failed"]):
            if item.last_kind != FailureKind.REJECTED.value:  # a rejection needs new data, not a retry
                self._store.retry_now(item.id, user=user)
        self.drain_requested.emit()
        return component

    def _do_close(self, component: str, user: str, force: bool = False):
        c = Component(component)
        inc = self._desk.incidents.active_for(c)
        if inc is None:
            return None
        now = utcnow()
        summary = self._desk.incidents.close_incident(inc.id, now, user, force=force,
                                                      total_steps=len(self._desk.playbook.steps_for(c)))
        self._desk.board.up(c, now, user)
        self._desk.incidents.save_board(self._desk.board, now)
        return summary
