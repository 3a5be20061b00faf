"""Drills (`ics2desk --demo`): the built-in simulator's outage switches, so an office can train.

Switching an outage stops or restarts the simulator's HTTP server (refuse mode), which waits
for its threads: it runs in the QThreadPool, never on the GUI thread.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QMenu, QPushButton

from ...continuity.components import component_name
from ...failures import Component

#: the simulator's components (ics2desk.simulator.engine.COMPONENTS) and modes
DRILL_COMPONENTS = (Component.EU_CONNECTION, Component.COMMON_REPOSITORY, Component.NATIONAL_SYSTEM)
MODES = ("none", "refuse", "503", "hang", "hold")


class _Job(QRunnable):
    def __init__(self, fn, done):
        super().__init__()
        self.fn, self.done = fn, done

    def run(self) -> None:
        self.fn()
        self.done.emit()


class DrillController(QObject):
    """Talks to the in-process SimulatorServer; `changed` carries {component value: mode}."""

    changed = Signal(dict)
    _done = Signal()

    def __init__(self, server, parent=None):
        super().__init__(parent)
        self.server = server
        self._done.connect(self._emit_changed)  # queued: the job finishes in a pool thread

    @Slot()
    def _emit_changed(self) -> None:
        self.changed.emit(self.outages())

    def mode_label(self, mode: str) -> str:
        return {"none": self.tr("up (no outage)"), "refuse": self.tr("refuse connections"),
                "503": self.tr("answer 503"), "hang": self.tr("hang (no answer)"),
                "hold": self.tr("hold replies")}[mode]

    def outages(self) -> dict:
        return dict(self.server.sim.outages)

    def set_outage(self, component: str, mode: str) -> None:
        QThreadPool.globalInstance().start(_Job(lambda: self.server.set_outage(component, mode), self._done))

    def recover(self) -> None:
        QThreadPool.globalInstance().start(_Job(self.server.recover, self._done))




class DrillBox(QGroupBox):
    """The switches as a panel section: one mode per component and "end the drill"."""

    def __init__(self, controller: DrillController, lang: str, parent=None):
        super().__init__(parent)
        self.setObjectName("drillBox")
        self.controller = controller
        self.lang = lang
        self.combos: dict[Component, QComboBox] = {}
        self.labels: dict[Component, QLabel] = {}
        grid = QGridLayout(self)
        for r, c in enumerate(DRILL_COMPONENTS):
            self.labels[c] = QLabel(self)
            combo = QComboBox(self)
            combo.setObjectName(f"drill_{c.value}")
            for m in MODES:
                combo.addItem("", m)
            combo.activated.connect(lambda _i, comp=c: self.controller.set_outage(
                comp.value, self.combos[comp].currentData()))
            self.combos[c] = combo
            grid.addWidget(self.labels[c], r, 0)
            grid.addWidget(combo, r, 1)
        self.recover_button = QPushButton(self)
        self.recover_button.clicked.connect(controller.recover)
        self.note = QLabel(self)
        self.note.setObjectName("legend")
        self.note.setWordWrap(True)
        grid.addWidget(self.recover_button, len(DRILL_COMPONENTS), 1)
        grid.addWidget(self.note, len(DRILL_COMPONENTS) + 1, 0, 1, 2)
        controller.changed.connect(self.show_outages)
        self.retranslate(lang)
        self.show_outages(controller.outages())

    def show_outages(self, outages: dict) -> None:
        for c, combo in self.combos.items():
            combo.setCurrentIndex(max(0, combo.findData(outages.get(c.value, "none"))))

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.setTitle(self.tr("Drill: simulated ICS2 outages (demo only)"))
        for c in DRILL_COMPONENTS:
            self.labels[c].setText(component_name(c, lang))
            for i, m in enumerate(MODES):
                self.combos[c].setItemText(i, self.controller.mode_label(m))
        self.recover_button.setText(self.tr("End the drill: all up"))
        self.note.setText(self.tr("Queue filings while an outage is on: the board suspects the component "
                                  "after a few failed attempts. A held reply is noticed after the reply "
                                  "timeout of the settings."))


class DrillMenu(QMenu):
    """The same switches in the menu bar: Drill > component > mode."""

    def __init__(self, controller: DrillController, lang: str, parent=None):
        super().__init__(parent)
        self.setObjectName("menuDrill")
        self.controller = controller
        self.subs: dict[Component, tuple[QMenu, dict[str, QAction]]] = {}
        for c in DRILL_COMPONENTS:
            sub = self.addMenu("")
            group = QActionGroup(sub)
            actions = {}
            for m in MODES:
                a = QAction(sub)
                a.setCheckable(True)
                a.setActionGroup(group)
                a.triggered.connect(lambda _=False, comp=c, mode=m: controller.set_outage(comp.value, mode))
                sub.addAction(a)
                actions[m] = a
            self.subs[c] = (sub, actions)
        self.addSeparator()
        self.recover_action = self.addAction("")
        self.recover_action.triggered.connect(controller.recover)
        controller.changed.connect(self.show_outages)
        self.retranslate(lang)
        self.show_outages(controller.outages())

    def show_outages(self, outages: dict) -> None:
        for c, (_, actions) in self.subs.items():
            actions[outages.get(c.value, "none")].setChecked(True)

    def retranslate(self, lang: str) -> None:
        self.setTitle(self.tr("&Drill"))
        for c, (sub, actions) in self.subs.items():
            sub.setTitle(component_name(c, lang).replace("&", "&&"))
            for m, a in actions.items():
                a.setText(self.controller.mode_label(m))
        self.recover_action.setText(self.tr("End the drill: all up"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            from .. import i18n

            self.retranslate(i18n.current())
        super().changeEvent(event)
