"""Screenshots of the Incidents tab during a simulated outage, in English and French (demo data,
the built-in simulator, an EU connection layer outage switched on from the drill controls):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/incidents_screenshots.py docs/screenshots
"""
from __future__ import annotations

import sys
from pathlib import Path


def main(out: str) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from ics2desk.samples import ferry_filing, shuttle_filing
    from ics2desk.gui.incidents.panel import IncidentsPanel
    from screenshots import DemoSession

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    IncidentsPanel.INTERVAL_MS = 300
    session = DemoSession(with_elo=False, drills=True)
    main, store, settle, worker, w = session.main, session.store, session.settle, session.worker, session.window
    panel = main.incidents

    settle(4)  # the demo filings are registered first
    main.drill.set_outage("eu_connection", "503")
    settle(1)
    for i, make in enumerate([shuttle_filing, ferry_filing, shuttle_filing, ferry_filing]):
        doc = make(f"CAL2611250000{i + 1}")
        store.import_document(doc, user="demo")
        store.queue(doc.lrn, user="demo")
    worker.wake()
    from ics2desk.continuity.components import State
    from ics2desk.failures import Component

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
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
