"""What customs said that stops or holds a truck, above every tab until a named agent
acknowledges it: Do Not Load (red, with a beep and the tray), a request for information
(amber) and a rejection (dark red, quieter).

The bar holds presentation only: the alerts live in the store (raised when the reply is
applied, by whichever desk or process applied it), and acknowledging one is a store call that
the audit trail records with the agent's name. It is re-read when the store says something
changed (MainWindow watches PRAGMA data_version), not on a timer of its own.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ..errors import KnownError

#: background, text colour per alert kind; the strongest first
COLOURS = {"do_not_load": ("#b71c1c", "#ffffff"), "info_requested": ("#ffb300", "#000000"),
           "rejected": ("#6d1b1b", "#ffffff")}
MAX_ROWS = 5  # more than this and the bar says how many others wait, instead of eating the window


class AlertRow(QFrame):
    acknowledge = Signal(int)
    open_filing = Signal(str)

    def __init__(self, alert, parent=None):
        super().__init__(parent)
        self.alert = alert
        self.setObjectName(f"alert_{alert.kind}")
        bg, fg = COLOURS.get(alert.kind, COLOURS["rejected"])
        self.setStyleSheet(f"QFrame#{self.objectName()} {{ background:{bg}; }} QLabel {{ color:{fg}; }}")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.show_button = QPushButton(self)
        self.show_button.clicked.connect(lambda: self.open_filing.emit(alert.lrn))
        self.ack_button = QPushButton(self)
        self.ack_button.setObjectName("acknowledge")
        self.ack_button.setAutoDefault(False)  # a stray Enter/Space elsewhere must not acknowledge it
        self.ack_button.clicked.connect(lambda: self.acknowledge.emit(alert.id))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.show_button)
        lay.addWidget(self.ack_button)
        self.retranslate()

    def retranslate(self) -> None:
        a = self.alert
        truck_word = self.tr("truck")
        truck = f" — {truck_word} {a.truck}" if a.truck else ""
        mrn = f" — MRN {a.mrn}" if a.mrn else ""
        head = {"do_not_load": self.tr("DO NOT LOAD: this truck must not board"),
                "info_requested": self.tr("Customs request information"),
                "rejected": self.tr("ENS rejected by customs")}.get(a.kind, a.kind)
        what = {"do_not_load": self.tr("Named by customs: {0}"), "info_requested": self.tr("Request: {0}"),
                "rejected": self.tr("Customs said: {0}")}.get(a.kind, "{0}")
        full = what.format(a.detail) if a.detail else ""
        # customs' own words can be long: one line on the bar, the whole text in the tooltip
        short = full if len(full) <= 90 else full[:89].rstrip() + "…"
        detail = f" — {short}" if short else ""
        when = f"({a.raised_at[:16].replace('T', ' ')} UTC)"
        facts = html.escape(f"{a.lrn}{truck}{mrn}{detail} {when}")
        if a.kind == "do_not_load":  # the loudest: large, on two lines
            self.label.setText(f"<span style='font-size:15pt; font-weight:bold'>{html.escape(head)}</span><br>{facts}")
        else:  # one line each, so three alerts still leave the desk its screen
            self.label.setText(f"<b>{html.escape(head)}</b> — {facts}")
        self.label.setToolTip(f"{a.lrn}{truck}{mrn} — {full} {when}" if full else "")
        self.show_button.setText(self.tr("Show"))
        self.ack_button.setText(self.tr("Acknowledge…"))


class AlertsBar(QWidget):
    """A stack of AlertRows; hidden when nothing waits."""

    open_filing = Signal(str)
    acknowledged = Signal(int)
    new_do_not_load = Signal(str)  # LRN: the window adds the tray message and the beep

    def __init__(self, store, user: str, parent=None):
        super().__init__(parent)
        self.setObjectName("alertsBar")
        self.store = store
        self.user = user
        self.rows: list[AlertRow] = []
        self._seen: set[int] = set()
        self._first = True
        self._hidden = 0
        self.more = QLabel(self)
        self.more.setObjectName("moreAlerts")
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 4)
        self.lay.setSpacing(2)
        self.lay.addWidget(self.more)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the open alerts (the store changed)."""
        if self.store is None:
            return
        alerts = self.store.open_alerts(limit=200)
        if not self._first and [a.id for a in alerts[:MAX_ROWS]] == [r.alert.id for r in self.rows] and \
                len(alerts) - len(self.rows) == self._hidden:
            return  # nothing new: keep the rows (and the keyboard focus) where they are
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for alert in alerts[:MAX_ROWS]:
            row = AlertRow(alert, self)
            row.acknowledge.connect(self.ask_acknowledge)
            row.open_filing.connect(self.open_filing)
            self.lay.insertWidget(len(self.rows), row)
            self.rows.append(row)
        self._hidden = len(alerts) - len(self.rows)
        self.more.setVisible(self._hidden > 0)
        self._retranslate_more()
        self.setVisible(bool(alerts))
        fresh = [a for a in alerts if a.id not in self._seen]
        self._seen.update(a.id for a in alerts)
        if not self._first:  # alerts open at start were announced by the session that got them
            for a in fresh:
                if a.kind == "do_not_load":
                    self.new_do_not_load.emit(a.lrn)
        self._first = False

    def ask_acknowledge(self, alert_id: int) -> None:
        """The agent types their name: the acknowledgement is theirs in the audit trail."""
        row = next((r for r in self.rows if r.alert.id == alert_id), None)
        what = row.label.text() if row else ""
        name, ok = QInputDialog.getText(self, self.tr("Acknowledge"),
                                        self.tr("Your name (recorded in the audit trail):") + "<br>" + what,
                                        QLineEdit.Normal, self.user)
        if not ok:
            return
        problem = self.acknowledge(alert_id, name)
        if problem:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("Acknowledge"), problem)

    def acknowledge(self, alert_id: int, name: str) -> str | None:
        """Record the acknowledgement; None when done, else what the agent must fix."""
        try:
            self.store.acknowledge_alert(alert_id, name)
        except KnownError as exc:
            return str(exc)
        self.user = name.strip()
        self.refresh()
        self.acknowledged.emit(alert_id)
        return None

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:  # words only: the store may be closed already
            for row in self.rows:
                row.retranslate()
            self._retranslate_more()
        super().changeEvent(event)

    def _retranslate_more(self) -> None:
        self.more.setText(self.tr("… and %n more waiting to be acknowledged", "", self._hidden))



def beep() -> None:
    """The sound of a Do Not Load (the system bell; no audio stack needed)."""
    QApplication.beep()
