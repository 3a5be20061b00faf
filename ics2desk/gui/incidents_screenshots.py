"""Screenshots of the Incidents tab during a simulated outage, in English and French (demo data,
the built-in simulator, an EU connection layer outage switched on from the drill controls):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python -m ics2desk.gui.incidents_screenshots docs/screenshots
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def main(out: str) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QWidget

    from ..samples import ferry_filing, shuttle_filing
    from ..store import open_store
    from . import i18n
    from .demo import fill_demo, start_simulator
    from .incidents_panel import IncidentsPanel
    from .main_window import MainWindow
    from .sender_worker import SenderWorker

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="ics2desk-shots-"))
    server = start_simulator(data_dir)
    store = open_store(data_dir)
    fill_demo(store)
    IncidentsPanel.INTERVAL_MS = 300
    worker = SenderWorker(data_dir, interval=0.2)
    main = MainWindow(store, data_dir, "en", sender=worker)
    main.enable_drills(server)
    w = main.window
    w.resize(1360, 860)
    w.show()
    worker.start()
    panel = main.incidents

    def settle(seconds: float, until=None) -> None:
        end = time.time() + seconds
        while time.time() < end and not (until and until()):
            app.processEvents()
            time.sleep(0.02)

    settle(4)  # the demo filings are registered first
    main.drill.set_outage("eu_connection", "503")
    settle(1)
    for i, make in enumerate([shuttle_filing, ferry_filing, shuttle_filing, ferry_filing]):
        doc = make(f"CAL2611250000{i + 1}")
        store.import_document(doc, user="demo")
        store.queue(doc.lrn, user="demo")
    worker.wake()
    from ..continuity.components import State
    from ..failures import Component

    eu = Component.EU_CONNECTION
    settle(15, lambda: panel.snap is not None and panel.status(eu).state is State.SUSPECTED)
    panel.confirm(eu)
    settle(5, lambda: panel.incident_view() is not None)
    for step in ("eu.s-refused", "eu.i-notice", "eu.i-keep"):
        item = panel.step_item(step)
        if item is not None:
            item.setCheckState(0, Qt.Checked)
            settle(2, lambda s=step: panel.step_item(s) is not None and panel.step_item(s).text(2) != "")
    main.tabs.setCurrentIndex(main.tabs.indexOf(w.findChild(QWidget, "incidentsPage")))
    for lang in ("en", "fr"):
        main.set_language(lang)
        settle(1.0)
        w.grab().save(str(out_dir / f"incidents_{lang}.png"))
    i18n.set_language("en")
    main.shutdown()
    store.close()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
