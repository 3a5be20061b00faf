"""The Outbox tab's table: each queued item with its attempts, next retry, last error and the
component blamed; retry / pause / resume / cancel through the desk (audited); the ELO requests
and the quarantined messages below it."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QMessageBox, QProgressBar, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...desk import Desk
from ...elo.desk_link import EloRequest
from ...errors import KnownError


class OutboxView(QWidget):
    """Each queued item: attempts, next retry, last error, blamed component; retry/pause/cancel."""

    def __init__(self, store, parent=None, desk: Desk | None = None):
        super().__init__(parent)
        self.store = store
        self.desk = desk or Desk(store)  # the outbox actions, audited under the desk's user
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("outboxTable")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons = {n: QPushButton(self) for n in ("retry", "pause", "resume", "cancel")}
        row = QHBoxLayout()
        for n, b in self.buttons.items():
            b.clicked.connect(lambda _=False, a=n: self.act(a))
            row.addWidget(b)
        row.addStretch(1)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("outboxProgress")
        self.progress.hide()
        row.addWidget(self.progress, 1)
        from .quarantine import QuarantinePanel

        self.quarantine = QuarantinePanel(store, self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.quarantine)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        self.items = []
        self._wave: set[int] = set()  # items seen draining since the queue was last empty
        self.retranslate()

    def refresh(self) -> None:
        import time

        self.quarantine.refresh()
        items = self.store.outbox_items(limit=500)
        done = ("done", "cancelled")  # still listed (their attempts tell a story), below the open ones
        self.items = ([i for i in items if i.state not in done] + self.desk.elo_requests()
                      + [i for i in items if i.state in done])
        self.table.setRowCount(len(self.items))
        now = time.time()
        for r, it in enumerate(self.items):
            nxt = "" if it.next_attempt_at is None else (self.tr("now") if it.next_attempt_at <= now
                                                         else f"{int(it.next_attempt_at - now)} s")
            for c, v in enumerate([it.lrn, it.message_type, it.state, str(it.attempts), nxt,
                                   it.last_component or "", it.last_error or ""]):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.update_progress()

    def update_progress(self) -> None:
        """Items left / done of the current drain (paused and failed items do not drain)."""
        draining = {i.id for i in self.items
                    if not isinstance(i, EloRequest) and i.state in ("pending", "sending", "awaiting_reply")}
        if not draining:
            self._wave.clear()
            self.progress.hide()
            return
        self._wave |= draining
        done = len(self._wave - draining)
        self.progress.setRange(0, len(self._wave))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("Sending: {0} done, {1} left").format(done, len(draining)))
        self.progress.show()

    def act(self, action: str) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            return
        item = self.items[row]
        if isinstance(item, EloRequest):
            if action == "retry":
                self.desk.retry_elo_request(item.id)
            else:
                QMessageBox.information(self, "ics2desk", self.tr(
                    "ELO requests follow their envelope: they can only be retried now from here."))
            self.refresh()
            return
        if action == "cancel" and QMessageBox.question(
                self, self.tr("Cancel submission"),
                self.tr("Cancel sending {0} ({1})? The filing goes back to ready; this is audited.").format(
                    item.lrn, item.message_type)) != QMessageBox.Yes:
            return
        try:
            self.desk.outbox_action(action, item.id)  # audited with who did it
        except KnownError as exc:
            QMessageBox.warning(self, "ics2desk", str(exc))
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("LRN"), self.tr("Message"), self.tr("State"),
                                              self.tr("Attempts"), self.tr("Next retry"), self.tr("Component"),
                                              self.tr("Last error")])
        for n, t in (("retry", self.tr("Retry now")), ("pause", self.tr("Pause")), ("resume", self.tr("Resume")),
                     ("cancel", self.tr("Cancel…"))):
            self.buttons[n].setText(t)
