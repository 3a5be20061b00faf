"""Outbox view: progress of the drain (done / left) and a confirmed cancel audited with the user."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from ics2desk import samples
from ics2desk.gui.demo import start_simulator
from ics2desk.gui.main_window import MainWindow
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_progress_while_draining_and_cancel_is_audited_with_the_user(qtbot, data_dir, monkeypatch):
    server = start_simulator(data_dir)
    store = open_store(data_dir)
    lrns = [f"OBX2611250000{i}" for i in range(3)]
    for lrn in lrns:
        store.import_document(samples.ferry_filing(lrn), user="t")
        store.queue(lrn, user="t")
    main = MainWindow(store, data_dir, "en")
    qtbot.addWidget(main.window)
    view = main.outbox
    try:
        view.refresh()
        assert view.progress.isVisibleTo(view) and view.progress.text() == "Sending: 0 done, 3 left"
        # cancel the first one: asked first, then audited with who did it
        view.table.selectRow(0)
        asked = []
        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a) or QMessageBox.Yes))
        view.buttons["cancel"].click()
        assert asked and lrns[0] in asked[0][2]
        cancelled = [a for a in store.audit_trail() if a["action"] == "cancel"]
        assert cancelled and cancelled[-1]["user"] == store.user and store.user != "desk"
        assert view.progress.text() == "Sending: 1 done, 2 left"
        # drain the rest (the worker's job, done here synchronously): the bar completes and hides
        from ics2desk.outbox import Sender

        sender = Sender.open(data_dir)
        try:
            sender.drain(until_empty=True, timeout=20)
        finally:
            sender.close()
        view.refresh()
        assert not view.progress.isVisibleTo(view)
    finally:
        main.shutdown()
        store.close()
        server.close()
