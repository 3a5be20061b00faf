"""The desk's main window for GUI tests: alone (`main`) or wired to the built-in ICS2 simulator
through the outbox worker thread (`desk`)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from ics2desk.gui import i18n
from ics2desk.gui.main_window import MainWindow
from ics2desk.store import open_store


def _show(qtbot, window) -> None:
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)


@pytest.fixture
def main(qtbot, data_dir):
    """The main window on an empty store, shown and active."""
    store = open_store(data_dir)
    m = MainWindow(store, data_dir, "en")
    _show(qtbot, m.window)
    yield m
    i18n.set_language("en")
    m.shutdown()
    store.close()


@pytest.fixture
def desk(qtbot, data_dir):
    """Main window + outbox worker + the built-in simulator: desk.main, desk.store, desk.server."""
    from ics2desk.gui.demo import start_simulator
    from ics2desk.gui.sender_worker import SenderWorker

    server = start_simulator(data_dir)
    store = open_store(data_dir)
    worker = SenderWorker(data_dir, interval=0.2)
    m = MainWindow(store, data_dir, "en", sender=worker)
    _show(qtbot, m.window)
    worker.start()
    yield SimpleNamespace(main=m, store=store, server=server)
    i18n.set_language("en")
    m.shutdown()
    store.close()
    server.close()
