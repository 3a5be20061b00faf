"""Ctrl+Enter in the form -> outbox worker thread -> built-in simulator -> MRN in the list."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ics2desk import samples
from ics2desk.gui.demo import start_simulator
from ics2desk.gui.main_window import MainWindow
from ics2desk.gui.sender_worker import SenderWorker
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_queued_filing_gets_its_mrn_from_the_simulator(qtbot, data_dir):
    server = start_simulator(data_dir)
    store = open_store(data_dir)
    worker = SenderWorker(data_dir, interval=0.2)
    main = MainWindow(store, data_dir, "en", sender=worker)
    qtbot.addWidget(main.window)
    main.window.show()
    main.window.activateWindow()
    qtbot.waitActive(main.window)
    worker.start()
    try:
        main.new_filing(samples.ferry_filing("SIM26112500001"))
        main.form.ctx.fields[0].setFocus()
        qtbot.waitUntil(lambda: main.form.ctx.fields[0].edit.hasFocus())
        qtbot.keyClick(main.form.ctx.fields[0].edit, Qt.Key_Return, Qt.ControlModifier)
        qtbot.waitUntil(lambda: bool(main.filings.model.rows and main.filings.model.rows[0].mrn), timeout=10_000)
        row = main.filings.model.rows[0]
        assert row.lrn == "SIM26112500001" and row.state in ("registered", "assessment_complete")
        assert main.filings.model.data(main.filings.model.index(0, 2)) == row.mrn
        assert main.transport_label.text() == "Transport: connected"
    finally:
        main.shutdown()
        store.close()
        server.close()
