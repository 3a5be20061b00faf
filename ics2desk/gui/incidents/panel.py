"""The Incidents tab (issue 6): which ICS2 component is down, what the fiche réflexe says to
do, which trucks are affected, the fallback request and the tracked recovery.

Everything that touches the store runs in `IncidentsWorker` (its own thread and connection);
this widget only shows the `Snapshot`s it sends and forwards the agent's clicks as commands.

    panel = IncidentsPanel(data_dir, lang)
    panel.attach(main)            # mounts in the Incidents tab, badge, status bar, sender.wake
    panel.set_drill(DrillController(simulator_server))   # --demo only
    panel.refresh_now(); panel.shutdown()
"""
from __future__ import annotations

import getpass
from datetime import timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFileDialog, QFrame, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QListWidget, QMessageBox, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ...continuity.components import State, component_name
from ...continuity.deadlines import QUEUED
from ...continuity.playbook import PHASE_TITLES, PHASES
from ...failures import Component
from .. import i18n, prefs
from .checklist import ChecklistTree
from .worker import IncidentsWorker, Snapshot

STATE_COLOURS = {State.UP: "#a5d6a7", State.SUSPECTED: "#ffca28", State.DECLARED: "#e57373",
                 State.RECOVERING: "#64b5f6"}
LATE = "#c62828"
TO_CONFIRM_BG = "#fff4d6"

PANEL_STYLE = "".join(
    f'QPushButton[tile="true"][state="{s.value}"] {{ background: {c}; }}' for s, c in STATE_COLOURS.items()) + """
QPushButton[tile="true"] { border: 1px solid #78909c; border-radius: 6px; padding: 6px; text-align: left;
                           color: #102027; min-height: 64px; }
QPushButton[tile="true"]:checked { border: 3px solid #0d3c61; }
QFrame#recoveryBanner { background: #e3f2fd; border: 1px solid #64b5f6; border-radius: 4px; }
QLabel#panelMessage { color: #c62828; font-weight: bold; }
QLabel#summary { background: #e8f5e9; border: 1px solid #a5d6a7; padding: 4px; }
QLabel#tabBadge { background: #f9a825; color: black; border-radius: 8px; padding: 0 5px; font-weight: bold; }
"""


def describe_age(age: timedelta | None, lang: str) -> str:
    if age is None:
        return ""
    minutes = max(0, int(age.total_seconds() // 60))
    text = f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}"
    return f"depuis {text}" if lang == "fr" else f"for {text}"


class IncidentsPanel(QWidget):
    suspicion = Signal(str)  # a new suspicion, as a status-bar message
    attention = Signal(int)  # components suspected and not yet confirmed or dismissed (tab badge)
    drain_requested = Signal()  # recovery: wake the outbox worker
    message = Signal(str)  # something the agent should read in the status bar

    INTERVAL_MS = 3000  # how often the worker re-reads the outbox attempts

    def __init__(self, data_dir, lang: str = "en", user: str | None = None, requester: str = "",
                 interval_ms: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("incidentsPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.data_dir = data_dir
        self.lang = lang
        self.user = user or _login()
        self.requester = requester or prefs.load(data_dir).name  # signs the fallback request
        self.snap: Snapshot | None = None
        self.selected: Component | None = None
        self.fallback_dialog = None
        self._announced: list[Component] = []
        self.last_paths: dict[str, str] = {}
        self._keys: dict[str, object] = {}
        self._build()
        self.worker = IncidentsWorker(data_dir, interval_ms or self.INTERVAL_MS)
        self.worker.snapshot.connect(self.show_snapshot)
        self.worker.result.connect(self.on_result)
        self.worker.failed.connect(self.on_failed)
        self.worker.drain_requested.connect(self.drain_requested)
        self.retranslate()
        self.worker.start()

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.tiles: dict[Component, QPushButton] = {}
        board = QHBoxLayout()
        for c in Component:
            t = QPushButton(self)
            t.setObjectName(f"tile_{c.value}")
            t.setProperty("tile", True)
            t.setProperty("state", "up")
            t.setCheckable(True)
            t.setAutoExclusive(True)
            t.clicked.connect(lambda _=False, comp=c: self.select(comp))
            board.addWidget(t, 1)
            self.tiles[c] = t
        self.playbook_label = QLabel(self)
        self.playbook_label.setObjectName("legend")
        self.playbook_label.setWordWrap(True)
        self.panel_message = QLabel(self)
        self.panel_message.setObjectName("panelMessage")
        self.panel_message.setWordWrap(True)

        # recovery offer
        self.banner = QFrame(self)
        self.banner.setObjectName("recoveryBanner")
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.banner_button = QPushButton(self.banner)
        self.banner_button.clicked.connect(lambda: self.start_recovery(self.banner_component))
        self.auto_recover = QCheckBox(self)
        self.auto_recover.toggled.connect(lambda on: self.worker.send("set_auto", on=on))
        b = QHBoxLayout(self.banner)
        b.addWidget(self.banner_label, 1)
        b.addWidget(self.banner_button)
        self.banner.hide()
        self.banner_component: Component | None = None

        # left: the selected component and its incident
        self.component_box = QGroupBox(self)
        self.component_label = QLabel(self.component_box)
        self.component_label.setWordWrap(True)
        self.component_label.setTextFormat(Qt.RichText)
        self.evidence_title = QLabel(self.component_box)
        self.evidence = QListWidget(self.component_box)
        self.evidence.setObjectName("evidence")
        self.evidence.setWordWrap(True)  # the transport's error text is the evidence: show it whole
        self.buttons = {n: QPushButton(self.component_box) for n in ("confirm", "dismiss", "declare")}
        self.buttons["confirm"].clicked.connect(lambda: self.confirm())
        self.buttons["dismiss"].clicked.connect(lambda: self.dismiss())
        self.buttons["declare"].clicked.connect(lambda: self.declare())
        row = QHBoxLayout()
        for btn in self.buttons.values():
            row.addWidget(btn)
        cl = QVBoxLayout(self.component_box)
        cl.addWidget(self.component_label)
        cl.addWidget(self.evidence_title)
        cl.addWidget(self.evidence, 1)
        cl.addLayout(row)

        self.incident_box = QGroupBox(self)
        self.incident_label = QLabel(self.incident_box)
        self.incident_label.setWordWrap(True)
        self.timeline = QListWidget(self.incident_box)
        self.timeline.setObjectName("timeline")
        self.timeline.setWordWrap(True)
        self.summary = QLabel(self.incident_box)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        il = QVBoxLayout(self.incident_box)
        il.addWidget(self.incident_label)
        il.addWidget(self.timeline, 1)
        il.addWidget(self.summary)
        self.left = QSplitter(Qt.Vertical, self)
        self.left.addWidget(self.component_box)
        self.left.addWidget(self.incident_box)

        # right: the checklist, the affected filings, the actions
        self.checklist_box = QGroupBox(self)
        self.checklist = ChecklistTree(self.checklist_box)
        self.checklist.itemChanged.connect(self._tick_changed)
        self.checklist_hint = QLabel(self.checklist_box)
        self.checklist_hint.setObjectName("legend")
        kl = QVBoxLayout(self.checklist_box)
        kl.addWidget(self.checklist_hint)
        kl.addWidget(self.checklist, 1)

        self.affected_box = QGroupBox(self)
        self.affected = QTableWidget(0, 6, self.affected_box)
        self.affected.setObjectName("affectedTable")
        self.affected.verticalHeader().hide()
        self.affected.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.affected.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.affected.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.affected.horizontalHeader().setStretchLastSection(True)
        self.actions = {n: QPushButton(self.affected_box) for n in ("fallback", "report", "recover", "close")}
        self.actions["fallback"].setObjectName("primary")
        self.actions["fallback"].clicked.connect(lambda: self.draft_fallback())
        self.actions["report"].clicked.connect(lambda: self.export_report())
        self.actions["recover"].clicked.connect(lambda: self.start_recovery())
        self.actions["close"].clicked.connect(lambda: self.close_incident())
        arow = QHBoxLayout()
        for btn in self.actions.values():
            arow.addWidget(btn)
        arow.addStretch(1)
        al = QVBoxLayout(self.affected_box)
        al.addWidget(self.affected, 1)
        al.addLayout(arow)
        al.addWidget(self.auto_recover)
        self.right = QSplitter(Qt.Vertical, self)
        self.right.addWidget(self.checklist_box)
        self.right.addWidget(self.affected_box)
        self.right.setSizes([470, 250])

        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(self.left)
        split.addWidget(self.right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([480, 820])
        self.drill_box = None
        self.left_layout_holder = self.left

        top = QGridLayout()
        top.addWidget(self.playbook_label, 0, 0)
        top.addWidget(self.panel_message, 0, 1, Qt.AlignRight)
        lay = QVBoxLayout(self)
        lay.addLayout(board)
        lay.addLayout(top)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)

    # --- wiring into the main window -------------------------------------------------------
    def attach(self, main) -> None:
        """Mount in the Incidents tab of main (a gui.main_window.MainWindow) with its badge,
        the status-bar messages and the outbox wake-up on recovery."""
        page = main.window.findChild(QWidget, "incidentsPage")
        placeholder = page.findChild(QWidget, "incidentsPlaceholder")
        if placeholder is not None:
            placeholder.hide()
        # in a scroll area: the panel's own minimum size (its button rows, the checklist) must not
        # set the whole window's, or a 1366×768 screen at 125 % or with three alerts up loses the
        # bottom of every tab (the window grows past the screen)
        from PySide6.QtWidgets import QFrame, QScrollArea

        scroll = QScrollArea(page)
        scroll.setObjectName("incidentsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self)
        page.layout().addWidget(scroll)
        tabs = main.tabs
        index = tabs.indexOf(page)
        self.badge = QLabel(tabs)
        self.badge.setObjectName("tabBadge")
        self.badge.setStyleSheet(PANEL_STYLE)
        self.badge.hide()
        from PySide6.QtWidgets import QTabBar

        tabs.tabBar().setTabButton(index, QTabBar.RightSide, self.badge)
        bar = main.window.statusBar()
        self.suspicion.connect(lambda text: bar.showMessage(text, 60_000))
        self.message.connect(lambda text: bar.showMessage(text, 15_000))
        self.attention.connect(self._show_badge)
        if main.sender is not None:
            self.drain_requested.connect(main.sender.wake)
        self.drain_requested.connect(lambda: main.after_drain())

    def _show_badge(self, n: int) -> None:
        badge = getattr(self, "badge", None)
        if badge is not None:
            badge.setText(str(n))
            badge.setVisible(n > 0)

    def set_drill(self, controller) -> None:
        from .drill import DrillBox

        self.drill_box = DrillBox(controller, self.lang, self)
        self.drill_box.setMinimumHeight(self.drill_box.sizeHint().height())
        self.left.addWidget(self.drill_box)
        self.left.setCollapsible(2, False)

    def refresh_now(self) -> None:
        self.worker.send("refresh")

    def shutdown(self) -> None:
        self.worker.stop()

    # --- snapshots -------------------------------------------------------------------------
    def show_snapshot(self, snap: Snapshot) -> None:
        self.snap = snap
        if snap.new:
            self._announced = list(snap.new)
            self._announce()
        for summary in snap.closed:
            self.message.emit(self.tr("Incident closed: {0}").format(summary.get(self.lang, summary["en"])
                                                                    .splitlines()[0]))
            self._show_summary(summary)
        self.attention.emit(sum(1 for s in snap.board if s.state is State.SUSPECTED))
        self._auto_select()
        self._show_board()
        self._show_component()
        self._show_incident()
        self._show_checklist()
        self._show_affected()
        self._show_banner()
        pb = snap.playbook
        self.playbook_label.setText(self.tr("Playbook in force: {0} — version {1} ({2})").format(
            pb.title(self.lang), pb.version, pb.issued))

    def _announce(self) -> None:
        """The status-bar line for the latest suspicion (again after a language switch)."""
        names = ", ".join(component_name(c, self.lang) for c in self._announced)
        self.suspicion.emit(self.tr("Suspected outage: {0} — see the Incidents tab").format(names))

    def status(self, component: Component):
        return next(s for s in self.snap.board if s.component is component)

    def _auto_select(self) -> None:
        """Keep the agent's choice, unless it shows nothing while something else is down."""
        snap = self.snap
        busy = [s.component for s in snap.board if s.state is not State.UP] + list(snap.incidents)
        if not busy:
            if self.selected is None:
                self.selected = Component.EU_CONNECTION
            return
        if self.selected is None or (self.status(self.selected).state is State.UP
                                     and self.selected not in snap.incidents):
            self.selected = busy[0]

    def select(self, component: Component) -> None:
        self.selected = component
        if self.snap is not None:
            self._show_board()
            self._show_component()
            self._show_incident()
            self._show_checklist()
            self._show_banner()

    def _show_board(self) -> None:
        for s in self.snap.board:
            t = self.tiles[s.component]
            age = describe_age(s.age(self.snap.now), self.lang) if s.state is not State.UP or s.since else ""
            part = f" ({s.part})" if s.part else ""
            t.setText(_amp(f"{component_name(s.component, self.lang)}\n{self.state_label(s.state)}{part}\n{age}"))
            if t.property("state") != s.state.value:
                t.setProperty("state", s.state.value)
                t.style().unpolish(t)
                t.style().polish(t)
            t.setChecked(s.component is self.selected)
            t.setToolTip(self.tr("%n observation(s) as evidence", "", len(s.evidence)) if s.evidence else "")

    def state_label(self, state: State) -> str:
        return {State.UP: self.tr("up"), State.SUSPECTED: self.tr("suspected down"),
                State.DECLARED: self.tr("declared down"), State.RECOVERING: self.tr("recovering")}[state]

    def _show_component(self) -> None:
        s = self.status(self.selected)
        lines = [f"<b>{_html(component_name(s.component, self.lang))}</b> — {self.state_label(s.state)}"
                 + (f" ({_html(s.part)})" if s.part else "")]
        if s.since is not None:
            lines.append(self.tr("Since {0} UTC ({1})").format(f"{s.since:%Y-%m-%d %H:%M}",
                                                               describe_age(s.age(self.snap.now), self.lang)))
        if s.reference is not None:
            lines.append(self.tr("Reference: {0}").format(str(s.reference)))
        if s.by:
            lines.append(self.tr("Last change by {0}").format(s.by))
        self.component_label.setText("<br>".join(_html(x) if i else x for i, x in enumerate(lines)))
        self.evidence_title.setText(self.tr("Evidence (%n observation(s))", "", len(s.evidence)))
        key = (s.component, tuple(s.evidence))
        if self._keys.get("evidence") != key:
            self._keys["evidence"] = key
            self.evidence.clear()
            for o in reversed(s.evidence):
                self.evidence.addItem(o.describe())
        self.buttons["confirm"].setEnabled(s.state is State.SUSPECTED)
        self.buttons["dismiss"].setEnabled(s.state is State.SUSPECTED)
        self.buttons["declare"].setEnabled(True)

    def incident_view(self):
        return None if self.snap is None or self.selected is None else self.snap.incidents.get(self.selected)

    def _show_incident(self) -> None:
        view = self.incident_view()
        if view is None:
            self.incident_label.setText(self.tr("No open incident for this component. Confirm a suspicion or "
                                                "declare the component down to open one."))
            if self._keys.get("timeline") is not None:
                self._keys["timeline"] = None
                self.timeline.clear()
        else:
            inc = view.incident
            self.incident_label.setText(self.tr("Incident #{0}, opened {1} UTC by {2}; reference: {3}").format(
                inc.id, f"{inc.opened_at:%Y-%m-%d %H:%M}", inc.opened_by, inc.reference or "—"))
            key = (inc.id, self.lang, len(view.timeline))
            if self._keys.get("timeline") != key:
                self._keys["timeline"] = key
                self.timeline.clear()
                for e in view.timeline:
                    self.timeline.addItem(f"{e.at:%H:%M:%S}  {e.user or 'ics2desk'}: {e.message(self.lang)}")
                self.timeline.scrollToBottom()
            self.summary.hide()
        has = view is not None
        s = self.status(self.selected)
        self.actions["fallback"].setEnabled(has and s.state is not State.RECOVERING)
        self.actions["report"].setEnabled(has)
        self.actions["recover"].setEnabled(has and s.down)
        self.actions["close"].setEnabled(has)

    def _show_summary(self, summary: dict) -> None:
        self.summary.setText(summary.get(self.lang, summary["en"]))
        self.summary.show()

    def _show_checklist(self) -> None:
        view = self.incident_view()
        pb = self.snap.playbook
        if view is not None:
            rows = view.checklist
            self.checklist_hint.setText(self.tr("Tick each step when done: your name and the time are recorded."))
        else:
            rows = [(s, None) for s in pb.steps_for(self.selected)]
            self.checklist_hint.setText(self.tr("What the playbook says for this component. Open an incident "
                                                "to tick the steps."))
        key = (self.selected, self.lang, view.incident.id if view else None,
               tuple((s.id, t.user if t else None) for s, t in rows))
        if self._keys.get("checklist") == key:
            return
        self._keys["checklist"] = key
        self.checklist.blockSignals(True)
        self.checklist.clear()
        italic = QFont()
        italic.setItalic(True)
        by_phase = {p: [(s, t) for s, t in rows if s.phase == p] for p in PHASES}
        for phase in PHASES:
            if not by_phase[phase]:
                continue
            fr, en = PHASE_TITLES[phase]
            head = QTreeWidgetItem(self.checklist, [fr if self.lang == "fr" else en])
            bold = QFont()
            bold.setBold(True)
            head.setFont(0, bold)
            head.setFlags(Qt.ItemIsEnabled)
            for step, tick in by_phase[phase]:
                text = step.display(self.lang)
                for contact in step.contacts:
                    text += f"\n→ {contact.role(self.lang)} — {contact.channel(self.lang)}"
                sources = "\n".join(x.label(self.lang) for x in step.sources)
                done = f"{tick.user}\n{tick.at:%Y-%m-%d %H:%M} UTC" if tick else ""
                item = QTreeWidgetItem(head, [text, sources, done])
                item.setData(0, Qt.UserRole, step.id)
                flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
                if view is not None:
                    flags |= Qt.ItemIsUserCheckable
                item.setFlags(flags)
                item.setCheckState(0, Qt.Checked if tick else Qt.Unchecked)
                item.setFont(1, italic)
                item.setToolTip(1, sources)
                if not step.confirmed:
                    for col in range(3):
                        item.setBackground(col, QBrush(QColor(TO_CONFIRM_BG)))
                    item.setToolTip(0, self.tr("No public source confirms this step: to confirm with the "
                                               "official fiche réflexe."))
        self.checklist.expandAll()
        self.checklist.blockSignals(False)

    def step_item(self, step_id: str) -> QTreeWidgetItem | None:
        for i in range(self.checklist.topLevelItemCount()):
            head = self.checklist.topLevelItem(i)
            for j in range(head.childCount()):
                if head.child(j).data(0, Qt.UserRole) == step_id:
                    return head.child(j)
        return None

    def _tick_changed(self, item: QTreeWidgetItem, column: int) -> None:
        step_id = item.data(0, Qt.UserRole)
        view = self.incident_view()
        if column != 0 or not step_id or view is None:
            return
        command = "tick" if item.checkState(0) == Qt.Checked else "untick"
        self.worker.send(command, incident_id=view.incident.id, step_id=step_id, user=self.user)

    def _show_affected(self) -> None:
        rows = self.snap.affected
        now = self.snap.now
        self.affected_box.setTitle(self.tr("Affected filings (%n queued or unanswered)", "", len(rows)))
        self.affected.setRowCount(len(rows))
        for r, a in enumerate(rows):
            state = self.tr("queued") if a.state == QUEUED else self.tr("sent, no reply")
            deadline = f"{a.deadline:%Y-%m-%d %H:%M}" if a.deadline else "—"
            values = [a.lrn, state, ", ".join(a.trucks), a.crossing, deadline, a.describe_left(now, self.lang)]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 5 and a.overdue(now):
                    item.setForeground(QBrush(QColor(LATE)))
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                self.affected.setItem(r, c, item)

    def _show_banner(self) -> None:
        suggested = [c for c in self.snap.suggested if c in self.snap.incidents]
        if not suggested:
            self.banner.hide()
            self.banner_component = None
            return
        self.banner_component = suggested[0]
        self.banner_label.setText(self.tr("{0} answers again. Start the recovery: the outbox is drained and the "
                                          "incident closes once every filing is answered.")
                                  .format(component_name(suggested[0], self.lang)))
        self.banner.show()

    # --- the agent's actions ----------------------------------------------------------------
    def confirm(self, component: Component | None = None) -> None:
        self.worker.send("confirm", component=(component or self.selected).value, user=self.user)

    def dismiss(self, component: Component | None = None) -> None:
        self.worker.send("dismiss", component=(component or self.selected).value, user=self.user)

    def declare(self, component: Component | None = None, reference=None) -> None:
        """Declare down; without a reference, ask for the notice (issuer + date and time)."""
        from .dialogs import DeclareDialog

        component = component or self.selected
        if reference is None:
            dialog = DeclareDialog(component, self.lang, self)
            if dialog.exec() != DeclareDialog.Accepted:
                return
            reference = dialog.reference
        self.selected = component
        self.worker.send("declare", component=component.value, reference=reference, user=self.user)

    def draft_fallback(self) -> None:
        """Load the queued filings in the worker; the dialog opens when they arrive."""
        self.worker.send("pending_documents", component=self.selected.value)

    def _open_fallback(self, component: Component, documents: list) -> None:
        from .dialogs import FallbackDialog

        view = self.snap.incidents.get(component) if self.snap else None
        dialog = FallbackDialog(component, documents, view.incident if view else None, self.snap.playbook,
                                self.lang, self.requester, self)
        dialog.pdf_requested.connect(lambda req, path: self.worker.send("write_fallback_pdf", request=req, path=path))
        if view is not None:
            dialog.sent.connect(lambda subject, body, lrns, to: self.worker.send(
                "record_sent", incident_id=view.incident.id, subject=subject, body=body, lrns=lrns, to=to,
                user=self.user))
        self.fallback_dialog = dialog
        dialog.show()

    def export_report(self, path: str | None = None) -> None:
        view = self.incident_view()
        if view is None:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the incident report"),
                                                  f"incident-{view.incident.id}-{self.lang}.pdf", "PDF (*.pdf)")
            if not path:
                return
        self.worker.send("report_pdf", incident_id=view.incident.id, path=path, lang=self.lang)

    def start_recovery(self, component: Component | None = None, ask: bool = True) -> None:
        component = component or self.selected
        if ask and QMessageBox.question(
                self, self.tr("Recovery"),
                self.tr("Is {0} back? The outbox is drained now; filings sent under the fallback are flagged "
                        "for retrospective lodging and tracked until they have an MRN.")
                .format(component_name(component, self.lang))) != QMessageBox.Yes:
            return
        self.worker.send("recover", component=component.value, user=self.user)

    def close_incident(self, component: Component | None = None, ask: bool = True) -> None:
        component = component or self.selected
        view = self.snap.incidents.get(component) if self.snap else None
        if view is None:
            return
        missing = [r.lrn for r in view.retrospective if not r.mrn]
        force = False
        if missing:
            if ask and QMessageBox.question(
                    self, self.tr("Close the incident"),
                    self.tr("%n filing(s) handled under the fallback still have no MRN. Close anyway?", "",
                            len(missing))) != QMessageBox.Yes:
                return
            force = True
        self.worker.send("close", component=component.value, user=self.user, force=force)

    # --- results from the worker -------------------------------------------------------------
    def on_result(self, command: str, value) -> None:
        self.panel_message.clear()
        if command in ("confirm", "declare"):
            self.selected = value.component
        elif command == "pending_documents":
            self._open_fallback(value["component"], value["documents"])
        elif command == "write_fallback_pdf":
            self.last_paths["fallback"] = value
            if self.fallback_dialog is not None:
                self.fallback_dialog.status.setText(self.tr("PDF saved: {0}").format(value))
            self.message.emit(self.tr("PDF saved: {0}").format(value))
        elif command == "report_pdf":
            self.last_paths["report"] = value
            self.message.emit(self.tr("Incident report saved: {0}").format(value))
        elif command == "record_sent":
            self.message.emit(self.tr("Fallback request recorded as sent to {0}").format(value))
        elif command == "close" and value:
            self._show_summary(value)
            self.message.emit(self.tr("Incident closed"))

    def on_failed(self, command: str, text: str) -> None:
        self.panel_message.setText(text)
        self.message.emit(text)

    # --- language --------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.lang = i18n.current()
        self._keys.clear()
        self.component_box.setTitle(self.tr("Component"))
        self.incident_box.setTitle(self.tr("Incident and timeline"))
        self.checklist_box.setTitle(self.tr("Fiche réflexe steps"))
        self.checklist.setHeaderLabels([self.tr("Step"), self.tr("Source"), self.tr("Done by / at")])
        self.affected.setHorizontalHeaderLabels([self.tr("LRN"), self.tr("State"), self.tr("Truck"),
                                                 self.tr("Crossing"), self.tr("Deadline (UTC)"),
                                                 self.tr("Time left")])
        for n, t in (("confirm", self.tr("Confirm")), ("dismiss", self.tr("Dismiss")),
                     ("declare", self.tr("Declare down…"))):
            self.buttons[n].setText(t)
        for n, t in (("fallback", self.tr("Draft fallback request…")), ("report", self.tr("Export incident report…")),
                     ("recover", self.tr("Start recovery…")), ("close", self.tr("Close incident…"))):
            self.actions[n].setText(t)
        self.auto_recover.setText(self.tr("Recover automatically when ICS2 answers again"))
        self.banner_button.setText(self.tr("Start recovery"))
        if self.drill_box is not None:
            self.drill_box.retranslate(self.lang)
        if self.snap is not None:
            self._announced = [c for c in self._announced if self.status(c).state is not State.UP]
            if self._announced:
                self._announce()
            self.show_snapshot(Snapshot(self.snap.now, self.snap.board, self.snap.incidents, self.snap.affected,
                                        self.snap.playbook, self.snap.suggested))
        else:
            self.affected_box.setTitle(self.tr("Affected filings (%n queued or unanswered)", "", 0))
            for c, t in self.tiles.items():
                t.setText(_amp(f"{component_name(c, self.lang)}\n{self.state_label(State.UP)}\n"))


def _html(text: str) -> str:
    from html import escape

    return escape(text)


def _amp(text: str) -> str:
    """Button text: "UUM&DS" must not turn into a keyboard shortcut."""
    return text.replace("&", "&&")


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers): the desk still records a name
        return "desk"
