"""Start the desktop application: `ics2desk` (optionally --demo, --lang, --data-dir)."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def run_app(args) -> int:
    from PySide6.QtWidgets import QApplication

    from ..store import open_store, resolve_data_dir
    from . import i18n, prefs as prefs_mod
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ics2desk")
    if getattr(args, "demo", False) and not getattr(args, "data_dir", None):
        data_dir = Path(tempfile.mkdtemp(prefix="ics2desk-demo-"))
    else:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    lang = getattr(args, "lang", None) or prefs_mod.load(data_dir).language or "en"
    i18n.set_language(lang)
    store = open_store(data_dir)
    if getattr(args, "demo", False):
        from .demo import fill_demo

        fill_demo(store)
    main = MainWindow(store, data_dir, lang)
    main.filings.reload()
    main.window.show()
    try:
        return app.exec()
    finally:
        store.close()
