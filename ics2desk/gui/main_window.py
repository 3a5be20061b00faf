"""The main window: Filings (list + detail), New ENS, Outbox, Incidents, Settings, and a
status bar with the transport state and the number of queued submissions.

The window frame comes from ui/main_window.ui (QUiLoader, re-translated by the loader);
the pages are widgets from this package. The GUI-thread store only runs indexed, paged
queries (a few ms); sending happens in the outbox worker.
"""
from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (QLabel, QMainWindow, QMessageBox, QSystemTrayIcon, QWidget)

from ..desk import Changed, Desk, LodgingProfile
from ..errors import KnownError, LodgedUnderOlderVersionError, StoreUnavailableError
from ..model import EnsDocument
from ..paths import ui_path
from ..reuse import presets as presets_mod
from . import i18n, prefs as prefs_mod
from .filings.page import FilingsPage
from .outbox.view import OutboxView
from .settings.page import SettingsPage
from .style import STYLE


def load_ui(name: str) -> QWidget:
    loader = QUiLoader()
    loader.setLanguageChangeEnabled(True)
    widget = loader.load(str(ui_path(name)))
    if widget is None:
        raise KnownError(f"cannot load {name}: {loader.errorString()}")
    return widget


class LanguageWatcher(QObject):
    """Re-translates the parts of the window the .ui does not own (status bar)."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window.window)
        self.main = window

    def eventFilter(self, obj, event):
        if event.type() == QEvent.LanguageChange and obj is self.main.window:
            self.main.retranslate()
        return False


class MainWindow(QObject):
    """Owns the QMainWindow loaded from the .ui and wires the pages to the store."""

    @property
    def amending(self) -> bool:
        return self._amending

    @amending.setter
    def amending(self, on: bool) -> None:
        """The form's tab says which mode it is in: "Amend ENS <MRN>" while amending."""
        self._amending = bool(on)
        self._show_form_mode()

    def _show_form_mode(self) -> None:
        if self._gone():
            return
        page = self.window.findChild(QWidget, "newPage")
        index = self.tabs.indexOf(page)
        if index < 0:
            return
        if self._amending and self.editing_lrn:
            mrn = self.store.get(self.editing_lrn).mrn or self.editing_lrn
            self.tabs.setTabText(index, self.tr("Amend ENS {0}").format(mrn))
        else:
            self.tabs.setTabText(index, self._new_tab_text)

    notify = Signal(str, str)

    def __init__(self, store, data_dir: Path, lang: str = "en", sender=None, elo=None):
        super().__init__()
        self.store = store
        self.data_dir = Path(data_dir)
        self.sender = sender
        self.transport_state = "simulator"
        self.presets = presets_mod.load(self.data_dir)
        # the workflows (ics2desk.desk): every step audited under the store's user; the settings
        # (LRN prefix) read at each step, the lodging profile from desk.json when a filing starts
        self.desk = Desk(store, None, store.user,
                         profile=lambda: LodgingProfile.from_prefs(prefs_mod.load(self.data_dir)))
        self.window: QMainWindow = load_ui("main_window.ui")
        self.window.setStyleSheet(STYLE)
        w = self.window
        self.tabs = w.findChild(QWidget, "tabs")
        self.filings = FilingsPage(store, self.presets, w, desk=self.desk)
        w.findChild(QWidget, "filingsPage").layout().addWidget(self.filings)
        self.lang = lang
        self._form = None  # built when first needed: keeps the cold start short
        self.tabs.currentChanged.connect(lambda i: (i == 1 and self.form) or (i == 4 and self.settings))
        self.outbox = OutboxView(store, w, desk=self.desk)
        w.findChild(QWidget, "outboxPage").layout().addWidget(self.outbox)
        # The Incidents panel and the ELO box are built just after the window first shows (or on
        # first use): they pull in the continuity and ELO packages, a third of the cold start.
        self._incidents = None
        self._elo_box = None
        self._settings = None  # built on first visit: asking the OS for a keyring takes ~150 ms
        self.editing_lrn: str | None = None
        self.editing_version: int | None = None  # the version opened: a later save by another agent is not overwritten
        self._amending = False
        self._new_tab_text = self.tabs.tabText(self.tabs.indexOf(w.findChild(QWidget, "newPage")))  # until retranslate
        self.filings.detail.action.connect(self.on_action)
        self.elo_worker = elo  # EloWorker (QThread) or None
        w.findChild(QObject, "actionNew").triggered.connect(self.new_filing)
        w.findChild(QObject, "actionQuit").triggered.connect(w.close)
        from PySide6.QtGui import QAction

        self.import_list_action = QAction(w)  # a haulier's booking list -> checked drafts
        self.import_list_action.setObjectName("actionImportList")
        self.import_list_action.triggered.connect(lambda: self.import_booking_list())
        file_menu = w.findChild(QObject, "menuFile")
        file_menu.insertAction(w.findChild(QObject, "actionQuit"), self.import_list_action)
        self.audit_action = QAction(w)  # who did what to the filing in view, and when
        self.audit_action.setObjectName("actionAudit")
        self.audit_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.audit_action.triggered.connect(lambda: self.show_audit())
        file_menu.insertAction(w.findChild(QObject, "actionQuit"), self.audit_action)
        w.findChild(QObject, "actionEnglish").triggered.connect(lambda: self.set_language("en"))
        w.findChild(QObject, "actionFrench").triggered.connect(lambda: self.set_language("fr"))
        self.transport_label = QLabel(w)
        self.transport_label.setObjectName("transportState")
        self.queued_label = QLabel(w)
        self.queued_label.setObjectName("queuedCount")
        self.store_label = QLabel(w)  # shown only while the store cannot be used
        self.store_label.setObjectName("storeUnreachable")
        self.store_label.setStyleSheet("color: white; background: #b00020; padding: 1px 6px; font-weight: bold")
        self.store_label.setVisible(False)
        self._store_reachable = True
        w.statusBar().addPermanentWidget(self.store_label)
        w.statusBar().addPermanentWidget(self.transport_label)
        w.statusBar().addPermanentWidget(self.queued_label)
        self._closed = False
        self.tray = QSystemTrayIcon(w) if QSystemTrayIcon.isSystemTrayAvailable() else None
        if self.tray is not None:
            self.tray.setIcon(w.style().standardIcon(w.style().StandardPixmap.SP_MessageBoxInformation))
            self.tray.show()
        find = QShortcut(QKeySequence.Find, w)
        find.activated.connect(self.focus_search)
        print_list = QShortcut(QKeySequence.Print, self.filings)  # the form has its own Ctrl+P
        print_list.setContext(Qt.WidgetWithChildrenShortcut)
        print_list.activated.connect(lambda: self.print_selected("summary"))
        self.filings.print_summaries.clicked.connect(lambda: self.print_selected("summary"))
        self.filings.print_sheets.clicked.connect(lambda: self.print_selected("sheets"))
        self._watch = LanguageWatcher(self)
        w.installEventFilter(self._watch)
        # Do Not Load / RFI / rejection above every tab until a named agent acknowledges it
        from .alerts_bar import AlertsBar

        self.alerts = AlertsBar(store, store.user, w.centralWidget())
        w.centralWidget().layout().insertWidget(0, self.alerts)
        self.alerts.open_filing.connect(self.show_filing)
        self.alerts.new_do_not_load.connect(self.announce_do_not_load)
        self._data_version = store.data_version()
        # 1 s: another window, the CLI or another desk on this data dir changed something; the
        # check is one PRAGMA, the lists are re-read only when it moved
        self._poll = QTimer(self)
        self._poll.setInterval(1000)
        self._poll.timeout.connect(self.refresh_status)
        self._poll.start()
        self._last_reply_id: int | None = None
        self._closed = False
        if sender is not None:
            sender.transport_state.connect(self.set_transport_state)
            sender.crashed.connect(self.on_sender_crashed)
            sender.drained.connect(lambda *_: self.after_drain())
            sender.settings_applied.connect(
                lambda: self.show_status(lambda: self.tr("Settings applied: sending now uses the new transport "
                                                         "settings"), 8000))
        self.desk.listeners.append(self._desk_changed)
        self.retranslate()
        self.refresh_status()
        # after the first paint; parented to the window, so the timer dies with it (a test or a
        # quick quit closing the window first must not build panels on a deleted window)
        self._deferred = QTimer(self.window)
        self._deferred.setSingleShot(True)
        self._deferred.setInterval(150)
        self._deferred.timeout.connect(self._build_deferred)
        self._deferred.start()
        self.window.destroyed.connect(self._window_gone)

    def _window_gone(self, *_args) -> None:
        self._closed = True

    def _desk_changed(self, change: Changed) -> None:
        """A workflow step committed: show what it changed (the list re-reads its page, the
        open filing with it; the outbox and the queued count when the queue moved)."""
        if self._gone():
            return
        if change.settings:
            self.filings.reload()
        elif change.lrns:
            self.filings.filings_changed(change.lrns)
        if change.outbox or change.elo:
            self.outbox.refresh()
        if change.outbox:
            self.refresh_status()

    def _build_deferred(self) -> None:
        if not self._closed and shiboken6.isValid(self.window):
            self.incidents, self.elo_box  # noqa: B018  (building them is the point)

    @property
    def incidents(self):
        """The Incidents tab (detection runs in its own thread from the moment it exists)."""
        if self._incidents is None:
            from .incidents.panel import IncidentsPanel

            # one name in every audit row of the session: the desk's user, for the incidents too
            self._incidents = IncidentsPanel(self.data_dir, self.lang, user=self.desk.user, parent=self.window)
            self._incidents.worker.user = self.desk.user  # the desk's own steps (auto-recovery)
            self._incidents.attach(self)
            if getattr(self, "drill", None) is not None:
                self._incidents.set_drill(self.drill)
        return self._incidents

    @property
    def elo_box(self):
        """The truck's ELO beside the filing detail."""
        if self._elo_box is None:
            from .elo.box import EloBox

            self._elo_box = EloBox(self.store.conn, self.data_dir, self.window)
            self.filings.mount_elo(self._elo_box)
            if self.elo_worker is not None:
                self._elo_box.wake.connect(self.elo_worker.wake)
                self.elo_worker.changed.connect(self._elo_box.reload)
            row = self.filings.view.currentIndex().row()
            if row >= 0:  # a filing was selected before the box existed
                self.filings.show_detail(row)
        return self._elo_box

    def shutdown(self) -> None:
        """Stop timers and the outbox worker before the store closes."""
        self._closed = True
        if shiboken6.isValid(self.alerts):
            self.alerts.store = None  # the store closes after this; the bar must not read it
        if shiboken6.isValid(self.outbox):
            self.outbox.quarantine.store = None
        if shiboken6.isValid(self._deferred):
            self._deferred.stop()
        if self._incidents is not None:
            self._incidents.shutdown()
        self._poll.stop()
        if shiboken6.isValid(self.filings):
            self.filings.model._tick.stop()
        if self.sender is not None:
            self.sender.stop()
        if self.elo_worker is not None:
            self.elo_worker.stop()

    def enable_drills(self, simulator) -> None:
        """--demo: the simulator's outage switches in a Drill menu and in the Incidents tab."""
        from .incidents.drill import DrillController, DrillMenu

        self.drill = DrillController(simulator, self)
        self.window.menuBar().addMenu(DrillMenu(self.drill, self.lang, self.window))
        if self._incidents is not None:
            self._incidents.set_drill(self.drill)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filings.search.setFocus()
        self.filings.search.selectAll()

    def after_drain(self) -> None:
        """A pass of the outbox worker sent or received something: show it."""
        if self._gone():
            return
        self.filings.reload()
        self.outbox.refresh()
        self.alerts.refresh()
        self.refresh_status()
        if self.elo_worker is not None:  # a registration may have arrived: its ELO is due
            self.elo_worker.wake()

    @property
    def settings(self) -> SettingsPage:
        if self._settings is None:
            self._settings = SettingsPage(self.data_dir, self.presets, self.window)
            self.window.findChild(QWidget, "settingsPage").layout().addWidget(self._settings)
            self._settings.language_chosen.connect(self.set_language)
            self._settings.saved.connect(self._settings_saved)
        return self._settings

    def _settings_saved(self) -> None:
        """Presets or cut-offs may have changed: the deadlines follow at once (the list re-reads)."""
        self.desk.settings_changed()

    @property
    def form(self):
        if self._form is None:
            from .form.ens_form import EnsForm

            self._form = EnsForm("IE3F50", self.lang, self.presets, self.window)
            self.window.findChild(QWidget, "newPage").layout().addWidget(self._form)
            self._form.save_requested.connect(self.save)
            self._form.queue_requested.connect(self.queue)
            self._form.print_requested.connect(self.print_filing)
            self._form.set_reuse(self.store.conn)
            self.templates_action("wire")  # Ctrl+T / Save as template… reach this window
        return self._form

    # --- status --------------------------------------------------------------------
    def _gone(self) -> bool:
        """Shut down, or the window deleted under us (a worker's signal queued before that still
        arrives): then there is nothing to show anything on."""
        return self._closed or not shiboken6.isValid(self.window)

    def set_transport_state(self, state: str) -> None:
        if self._gone():
            return
        self.transport_state = state
        self.retranslate()

    def on_sender_crashed(self, message: str) -> None:
        """The outbox worker hit an error: sending has stopped until its next try succeeds."""
        if self._gone():
            return
        self.set_transport_state("stopped")
        self.show_status(lambda: self.tr("Sending stopped: {0}").format(message), 60_000)

    def refresh_status(self) -> None:
        if self._gone():
            return
        try:
            self._follow_other_writers()
            queued = self.store.open_count()
            self.queued_label.setText(self.tr("%n queued", "", queued))
            if queued or self.outbox.progress.isVisible():  # progress while draining
                self.outbox.refresh()
            self._check_new_replies()
        except StoreUnavailableError as exc:  # the agency database (or the disk) gone: say so once, keep trying
            self.set_store_reachable(False, str(exc))
            return
        self.set_store_reachable(True)

    def set_store_reachable(self, reachable: bool, why: str = "") -> None:
        """A red label while the agency database (or the local store) cannot be used; saves made
        meanwhile are kept on this desk (desk.KeptOnDeskError). Said once, not every second."""
        if reachable == self._store_reachable:
            return
        self._store_reachable = reachable
        self.store_label.setVisible(not reachable)
        if reachable:
            self.show_status(lambda: self.tr("The agency database is back: everything is up to date"), 10_000)
            self._data_version = None  # re-read everything once
        else:
            self.store_label.setToolTip(why)
            self.show_status(lambda: why, 60_000)

    def _follow_other_writers(self) -> None:
        """Every desk sees the truth: when another connection committed (PRAGMA data_version
        moved), the list, the open filing, the alerts and the outbox are read again."""
        version = self.store.data_version()
        if version == self._data_version:
            return
        first = self._data_version is None
        self._data_version = version
        said = None if first else self.store.changes()  # the agency database names what changed
        if said is None:  # SQLite cannot say what: read it all again
            self.filings.reload()
            self.alerts.refresh()
            self.outbox.refresh()
            return
        self.filings.filings_changed(c.split(":", 1)[1] for c in said if c.startswith("filing:"))
        if any(c.startswith("alert:") for c in said):
            self.alerts.refresh()
        if any(c.startswith(("outbox:", "message:")) for c in said):
            self.outbox.refresh()

    def show_filing(self, lrn: str) -> None:
        """Bring one filing up on the Filings tab (from an alert)."""
        self.tabs.setCurrentIndex(0)
        if self.filings.model.row_of(lrn) < 0:  # filtered out or not fetched: show everything
            self.filings.search.clear()
            self.filings.state_filter.setCurrentIndex(0)
            self.filings.apply_filter()
        self.filings.select(lrn)

    def announce_do_not_load(self, lrn: str) -> None:
        """A new Do Not Load: the red bar is already up; add the sound and the tray."""
        from .alerts_bar import beep

        beep()
        if self.tray is not None:
            self.tray.showMessage(self.tr("Do Not Load"), self.tr("{0}: this truck must not board").format(lrn),
                                  QSystemTrayIcon.Critical, 0)

    def _check_new_replies(self) -> None:
        """Desktop notification for every reply received since the last look, on any filing,
        whatever the list shows (filtered, scrolled); one per filing, in its state now."""
        if self._last_reply_id is None:  # replies from before this session were seen already
            self._last_reply_id = self.store.last_message_id()
            return
        latest: dict[str, str] = {}
        for message_id, lrn, _type, state in self.store.replies_since(self._last_reply_id):
            self._last_reply_id = message_id
            latest[lrn] = state
        for lrn, state in latest.items():
            self.notify_user(lrn, state)

    def notify_user(self, lrn: str, state: str) -> None:
        from .filings.model import state_label

        title = self.tr("Do Not Load") if state == "do_not_load" else self.tr("New reply")
        text = f"{lrn}: {state_label(state)}"
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.Critical if state == "do_not_load"
                                  else QSystemTrayIcon.Information, 10_000)
        self.show_status(lambda: (self.tr("Do Not Load") if state == "do_not_load" else self.tr("New reply"))
                         + f" — {lrn}: {state_label(state)}", 15_000)
        self.notify.emit(lrn, state)

    def show_status(self, text, timeout: int = 5000) -> None:
        """A status-bar message built by `text()`, re-built in the new language if still shown
        when the language changes."""
        import time

        if self._gone():
            return
        self._status = (text, text(), time.monotonic() + timeout / 1000)
        self.window.statusBar().showMessage(self._status[1], timeout)

    def _retranslate_status(self) -> None:
        import time

        text, shown, until = getattr(self, "_status", (None, None, 0))
        left = until - time.monotonic()
        if text is not None and left > 0 and self.window.statusBar().currentMessage() == shown:
            self.show_status(text, int(left * 1000))

    # --- actions -------------------------------------------------------------------
    def new_filing(self, doc: EnsDocument | None = None, per_truck: bool = False) -> None:
        """A new filing: blank (the crossing first), or `doc` (a copy, a template); with
        `per_truck` the plates, CMR, seals and times of `doc` are expected empty and the first of
        them takes the focus."""
        from .form.ens_form import may_replace

        # Ctrl+N, New or "New filing from this one" on a form with unsaved work: ask first
        # (Cancel by default); an amendment cannot be saved as a draft, only kept or dropped
        if not may_replace(self._form, self.window, None if self.amending else self.save):
            self.tabs.setCurrentIndex(1)
            return
        self.editing_lrn = None
        self.editing_version = None
        self.amending = False
        self.form.set_locked(False)
        if not isinstance(doc, EnsDocument):  # a blank filing (the action passes `checked`)
            doc = self.desk.blank("IE3F50")
        self.form.load(doc)
        self.form.set_lrn(doc.lrn, locked=False)  # typed by the agent, or assigned at first save
        self.templates_action("wire")
        self.tabs.setCurrentIndex(1)
        if not (per_truck and self.form.focus_per_truck()):
            self.form.focus_start()

    def with_profile(self, doc: EnsDocument) -> EnsDocument:
        """The lodging profile from Settings as the filing's declarant (or its representative when
        desk.json says extra.lodging_role = "representative"), if that party is still empty."""
        return self.desk.with_profile(doc)

    def save(self, doc: EnsDocument) -> str | None:
        if self.amending:
            self.window.statusBar().showMessage(
                self.tr("An amendment is not saved as a draft: send it with Ctrl+Enter"), 8000)
            return None
        first = self.editing_lrn is None
        try:
            # a first save assigns the LRN (settings' prefix) unless the agent typed one; the
            # address book and goods catalogue learn from each save; the list follows (_desk_changed)
            lrn = self.desk.save(doc, self.editing_lrn, expected_version=self.editing_version)
        except KnownError as exc:  # a conflict with another agent's save, kept on the desk, refused...
            QMessageBox.warning(self.window, "ics2desk", str(exc))
            return None
        self.editing_lrn = lrn
        self.editing_version = self.store.get(lrn).version  # the next save builds on this one
        if first:
            self.form.set_lrn(lrn, locked=True)  # the LRN now names this filing
        self.show_status(lambda: self.tr("Saved {0}").format(lrn), 5000)
        return lrn

    def queue(self, doc: EnsDocument) -> None:
        if self.amending:  # IE3A50: full replacement, R3024 fields locked in the form
            try:
                self.desk.amend(self.editing_lrn, doc)
            except LodgedUnderOlderVersionError as exc:
                self.offer_refile(exc)
                return
            except KnownError as exc:
                QMessageBox.warning(self.window, "ics2desk", str(exc))
                return
            lrn, self.amending = self.editing_lrn, False
            self.after_queue(lrn)
            return
        lrn = self.save(doc)
        if lrn is None:
            return
        try:
            self.desk.queue(lrn)
        except KnownError as exc:
            QMessageBox.warning(self.window, "ics2desk", str(exc))
            return
        self.after_queue(lrn)

    def show_audit(self, lrn: str | None = None):
        """The audit trail of the filing in view (the list's, or the form's), window-modal."""
        from .filings.audit_dialog import AuditDialog

        lrn = lrn or self.filings.detail.lrn or self.editing_lrn
        if not lrn:
            self.show_status(lambda: self.tr("Select a filing first"), 5000)
            return None
        dialog = AuditDialog(self.store, lrn, self.window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def import_booking_list(self, path: str | None = None):
        """File → Import booking list…: the intake dialog; the list shows what it created."""
        from .intake.dialog import IntakeDialog

        dialog = IntakeDialog(self.data_dir, self.window, user=self.desk.user, path=path)
        dialog.imported.connect(lambda _lrns: self.filings.reload())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def offer_refile(self, exc: LodgedUnderOlderVersionError) -> str | None:
        """An ENS lodged under an older message version cannot be amended: say why, and offer
        the way out as one step (invalidate it, open a copy under a new LRN). Default: No."""
        from . import i18n

        box = QMessageBox(QMessageBox.Warning, "ics2desk", exc.message(i18n.current()),
                          QMessageBox.Yes | QMessageBox.No, self.window)
        box.setObjectName("refileQuestion")
        box.setDefaultButton(QMessageBox.No)
        box.button(QMessageBox.Yes).setText(self.tr("Invalidate and re-file"))
        if box.exec() != QMessageBox.Yes:
            return None
        return self.refile(exc.lrn)

    def refile(self, lrn: str) -> str | None:
        try:
            new_lrn = self.desk.refile(lrn)  # the settings' LRN prefix, the desk's user
        except KnownError as exc:
            QMessageBox.warning(self.window, "ics2desk", str(exc))
            return None
        self.amending = False
        self.editing_lrn = new_lrn  # the copy opens as a draft under its new LRN
        self.form.set_locked(False)
        self.form.load(self.store.document(new_lrn))
        self.form.set_lrn(new_lrn, locked=True)
        self.show_status(lambda: self.tr("{0} invalidation queued; its copy {1} is open as a draft").format(
            lrn, new_lrn), 10_000)
        return new_lrn

    def after_queue(self, lrn: str) -> None:
        self.show_status(lambda: self.tr("{0} queued for sending").format(lrn), 5000)
        if self.sender is not None:
            self.sender.wake()
        self.tabs.setCurrentIndex(0)  # the list and the outbox followed the desk's Changed
        self.filings.select(lrn)

    def print_filing(self, doc: EnsDocument, open_viewer: bool = True):
        """The form's document (maybe unsaved): summary rendered off the GUI thread, then Qt's
        print preview (open_viewer=False: only the PDF file)."""
        from ..printing import PrintMeta

        meta = PrintMeta(lodging_deadline=self.desk.deadline_of_document(doc))
        if doc.lrn:
            try:
                meta = PrintMeta.from_record(self.store.get(doc.lrn), lodging_deadline=meta.lodging_deadline)
            except KnownError:
                pass  # not saved yet: prints as NOT REGISTERED
        out = self.data_dir / "prints" / f"{doc.lrn or 'draft'}.pdf"
        return self._print("summary", out, docs=[(doc, meta)], preview=open_viewer)

    def print_selected(self, kind: str = "summary", preview: bool = True, lrns: list[str] | None = None):
        """Summaries or truck sheets of the selected filings, one PDF, in the UI language."""
        lrns = lrns or self.filings.selected_lrns() or ([self.filings.detail.lrn] if self.filings.detail.lrn else [])
        if not lrns:
            self.window.statusBar().showMessage(self.tr("Select one or more filings to print"), 5000)
            return None
        import time

        from ..store.lifecycle import Boarding, boarding_reason

        name = lrns[0] if len(lrns) == 1 else f"{len(lrns)}-filings-{time.strftime('%Y%m%d-%H%M%S')}"
        prefix = "sheets" if kind == "sheets" else "summary"
        if kind == "sheets" and len(lrns) == 1:
            # One truck that may not board: its sheet exists only for the record, stamped, no barcode,
            # and only if the agent says so (default No). A batch is sorted out by the renderer, which
            # leaves such trucks out and names them. One indexed read: fine on the GUI thread.
            try:
                verdict = self.store.get(lrns[0]).boarding
            except KnownError:
                verdict = Boarding.MAY_BOARD  # unknown LRN: the render job says so
            if verdict is not Boarding.MAY_BOARD:
                answer = QMessageBox.question(
                    self.window, self.tr("Truck may not board"),
                    self.tr("{0}: {1}\n\nNo truck sheet with a barcode can be printed. Print it for the record "
                            "(stamped, no barcode)?").format(lrns[0], boarding_reason(verdict, i18n.current())),
                    QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
                if answer != QMessageBox.Yes:
                    self.window.statusBar().showMessage(
                        self.tr("Truck sheet not printed: {0} may not board").format(lrns[0]), 10_000)
                    return None
                kind, prefix = "sheets-for-the-record", "record"
        out = self.data_dir / "prints" / f"{prefix}-{name}.pdf"
        return self._print(kind, out, lrns=lrns, preview=preview)

    def _print(self, kind: str, out: Path, lrns=(), docs=(), preview: bool = True):
        from .filings import print_preview

        bar = self.window.statusBar()
        bar.showMessage(self.tr("Preparing {0}…").format(out.name))

        def ready(path: str, how: str) -> None:
            if how == "viewer":
                bar.showMessage(self.tr("PDF ready: {0} (opened in the PDF viewer: no page renderer for the "
                                        "preview)").format(path), 10_000)
            else:
                bar.showMessage(self.tr("PDF ready: {0}").format(path), 10_000)

        self._print_job = print_preview.start(self.data_dir, kind, i18n.current(), out, ready,
                                              lambda err: QMessageBox.warning(self.window, "ics2desk", err),
                                              lrns=lrns, docs=docs, preview=preview, parent=self.window)
        return self._print_job

    def on_action(self, action: str, lrn: str) -> None:
        from .form.ens_form import may_replace

        if action in ("edit", "amend"):  # the form is about to show another filing
            if not may_replace(self._form, self.window, None if self.amending else self.save):
                self.tabs.setCurrentIndex(1)
                return
            self.amending = action == "amend"  # only a filing opened in the form changes the mode
        if action == "edit":
            self.form.set_locked(False)
            self.form.load(self.store.document(lrn))
            self.form.set_lrn(lrn, locked=True)
            self.editing_lrn = lrn
            self.editing_version = self.store.get(lrn).version
            self.templates_action("wire")
            if self.store.get(lrn).state == "rejected":
                # what customs said (IE3N99/IE3N01, kept on the version) on the fields it names;
                # each highlight goes once the agent edits that field
                from ..replies import ReplyError

                versions = self.store.versions(lrn)
                self.form.set_remote_errors([
                    ReplyError(str(e.get("code", "")), e.get("pointer") or None, e.get("message") or "")
                    for e in (versions[-1].errors if versions else [])])
            self.tabs.setCurrentIndex(1)
        elif action == "copy":
            # plates (road means; a ferry's IMO stays), CMR, seals, containers, times, LRN: empty
            self.new_filing(self.desk.copy_of(lrn), per_truck=True)
        elif action == "template":  # "Save as template…" from the list: this filing's customer and route
            self.templates_action("save", self.store.document(lrn))
        elif action == "invalidate":
            # destructive: No by default, a reason asked for and kept in the audit trail
            from .filings.detail import ask_invalidate_reason

            reason = ask_invalidate_reason(self.window, lrn)
            if reason is None:
                self.show_status(lambda: self.tr("{0} not invalidated").format(lrn), 5000)
                return
            try:
                self.desk.invalidate(lrn, reason)  # the reason kept in the audit trail, both or neither
            except KnownError as exc:
                QMessageBox.warning(self.window, "ics2desk", str(exc))
        elif action == "amend":
            self.form.load(self.store.document(lrn))
            self.form.set_locked(True)
            self.form.set_amendment(self.store.get(lrn).mrn)  # the banner names the ENS by its MRN
            self.editing_lrn = lrn
            self.editing_version = None
            self._show_form_mode()
            self.tabs.setCurrentIndex(1)
        elif action == "print":
            self.print_selected("summary", lrns=[lrn])
        elif action == "answer":
            dialog = self.answer_request(lrn)
            if dialog is not None:  # back on the list when it closes, not on a detail button
                dialog.finished.connect(lambda *_: self.filings.view.setFocus(Qt.OtherFocusReason))

    def answer_request(self, lrn: str):
        """Open the IE3R02 dialog for the filing's last IE3Q02 (window-modal, not blocking)."""
        from .filings.rfi_dialog import AnswerDialog, latest_request

        request = latest_request(self.store, lrn)
        if request is None:
            QMessageBox.warning(self.window, "ics2desk", self.tr("No request for information received for {0}")
                                .format(lrn))
            return None
        dialog = AnswerDialog(self.store, lrn, request, self.window, desk=self.desk)
        dialog.accepted.connect(lambda: self.after_queue(lrn))
        dialog.open()
        self._rfi_dialog = dialog
        return dialog

    # --- language ------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        i18n.set_language(lang)
        self.lang = lang
        if self._form is not None:
            self._form.set_language(lang)
        p = prefs_mod.load(self.data_dir)
        p.language = lang
        prefs_mod.save(p, self.data_dir)

    def retranslate(self) -> None:
        if self._gone():
            return
        # the .ui's own text for the form's tab (its context is the .ui's class), amending or not;
        # set after the loader's own re-translation of the .ui, which would write "New ENS" back
        self._new_tab_text = QCoreApplication.translate("MainWindow", "&New ENS")
        QTimer.singleShot(0, self, self._show_form_mode)
        states = {"simulator": self.tr("Transport: built-in simulator"), "up": self.tr("Transport: connected"),
                  "down": self.tr("Transport: unreachable"), "stopped": self.tr("Transport: stopped"),
                  # a clerk's desk: drafts only; a declarant's desk sends the agency's outbox
                  "clerk": self.tr("Sending: by a declarant's desk")}
        self.transport_label.setText(states.get(self.transport_state, self.transport_state))
        self.import_list_action.setText(self.tr("Import booking list…"))
        self.audit_action.setText(self.tr("Who did what to this filing…"))
        self.store_label.setText(self.tr("Agency database out of reach: saves are kept on this desk")
                                 if self.store.mode == "agency" else self.tr("Local store unavailable"))
        self.transport_label.setProperty("state", "down" if self.transport_state in ("down", "stopped") else "up")
        self.transport_label.style().unpolish(self.transport_label)
        self.transport_label.style().polish(self.transport_label)
        self._retranslate_status()
        self.refresh_status()

    def templates_action(self, what: str, doc: EnsDocument | None = None, name: str | None = None):
        """Templates (ics2desk.templates) from this window:
        - "wire": once, the form's Ctrl+T / Template… and Save as template… reach this window;
        - "choose": the picker (window-modal, returned); the template chosen starts a new filing
          with its per-truck fields empty and the first of them focused;
        - "save": `doc` becomes a template named `name` (asked when None); returns it or None."""
        if what == "wire":
            if not getattr(self.form, "_templates_wired", False):
                self.form.template_requested.connect(lambda: self.templates_action("choose"))
                self.form.save_template_requested.connect(lambda d: self.templates_action("save", d))
                self.form._templates_wired = True
            return None
        if what == "choose":
            from .form.template_picker import TemplatePicker

            old = getattr(self, "_template_picker", None)
            if old is not None and shiboken6.isValid(old):
                old.deleteLater()  # one picker at a time; the last one stays for a look (tests)
            picker = TemplatePicker(self.desk.templates(), self.window)
            picker.chosen.connect(lambda t: self.new_filing(self.desk.from_template(t), per_truck=True))
            picker.open()
            self._template_picker = picker
            return picker
        if what == "save" and doc is not None:
            if name is None:
                from PySide6.QtWidgets import QInputDialog

                suggested = self.desk.suggested_template_name(doc)
                name, ok = QInputDialog.getText(self.window, self.tr("Save as template"),
                                                self.tr("Template name (customer and route):"), text=suggested)
                if not ok or not name.strip():
                    return None
            try:
                template = self.desk.save_template(name, doc)
            except (KnownError, OSError) as exc:
                QMessageBox.warning(self.window, "ics2desk", str(exc))
                return None
            self.show_status(lambda: self.tr("Template \"{0}\" saved: Ctrl+T starts a filing from it")
                             .format(template.name), 8000)
            return template
        return None
