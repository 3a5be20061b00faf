"""Start the desktop application: `ics2desk` (optionally --demo, --lang, --data-dir)."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt


def run_app(args) -> int:
    from PySide6.QtWidgets import QApplication

    from ..store import open_store, resolve_data_dir
    from . import i18n, prefs as prefs_mod
    from .main_window import MainWindow
    from .sender_worker import SenderWorker

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ics2desk")
    if getattr(args, "demo", False) and not getattr(args, "data_dir", None):
        data_dir = Path(tempfile.mkdtemp(prefix="ics2desk-demo-"))
    else:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    lang = getattr(args, "lang", None) or prefs_mod.load(data_dir).language or "en"
    i18n.set_language(lang)
    simulator = elo_simulator = None
    if getattr(args, "demo", False):
        from ..elo.demo import start_demo_simulator
        from .demo import start_simulator

        simulator = start_simulator(data_dir)
        elo_simulator = start_demo_simulator()  # the ELO test double, in-process
    else:
        from .demo import ensure_builtin_simulator

        simulator = ensure_builtin_simulator(data_dir)
    from .agency_signin import ensure_signed_in

    if not ensure_signed_in(data_dir):  # the agency database: signed in, or stand-alone, or not at all
        if simulator is not None:
            simulator.close()
        if elo_simulator is not None:
            elo_simulator.stop()
        return 1
    store = open_store(data_dir)
    if store.mode != "local":  # who is signed in, and where the filings live, always in sight
        where = {"agency": QApplication.translate("app", "agency database"),
                 "standalone": QApplication.translate("app", "STAND-ALONE (agency database out of reach)")}
        app.setApplicationDisplayName(f"ics2desk — {store.user} ({store.role or 'declarant'}) — {where[store.mode]}")
    if getattr(args, "demo", False):
        from .demo import fill_demo

        fill_demo(store)
    from .elo.box import EloWorker

    sender = SenderWorker(data_dir)
    elo = EloWorker(data_dir, simulator=elo_simulator)
    main = MainWindow(store, data_dir, lang, sender=sender, elo=elo)
    from .crash_dialog import ExceptHook

    hook = ExceptHook(data_dir, lambda: main.window).install()  # a bug gets a report, not a dead window
    main.filings.reload()
    if getattr(args, "demo", False):
        main.enable_drills(simulator)
    fit_to_screen(main.window)
    main.window.show()
    sender.start()
    elo.start()
    try:
        return app.exec()
    finally:
        hook.uninstall()
        main.shutdown()
        store.close()
        if simulator is not None:
            simulator.close()
        if elo_simulator is not None:
            elo_simulator.stop()


def fit_to_screen(window) -> None:
    """A 1366×768 desk screen must show the status bar and every button: never open larger than
    the screen's free area (the .ui says 1280×820), and maximise on a screen that small."""
    screen = window.screen() or window.windowHandle() and window.windowHandle().screen()
    if screen is None:
        return
    free = screen.availableGeometry()
    if window.width() > free.width() or window.height() > free.height():
        window.resize(min(window.width(), free.width()), min(window.height(), free.height()))
        window.move(free.topLeft())
        if free.height() <= 800:
            window.setWindowState(window.windowState() | Qt.WindowMaximized)
