"""The outbox worker outlives any error and says so; quitting never leaves its thread running."""
from __future__ import annotations

import threading
import time

import pytest

from ics2desk.gui import i18n
from ics2desk.gui.main_window import MainWindow
from ics2desk.gui.polling_thread import PollingThread
from ics2desk.gui.sender_worker import STOP_MARGIN_S, SenderWorker
from ics2desk.outbox.sender import DrainResult, Sender
from ics2desk.settings import Settings
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_worker_reports_an_unexpected_error_and_keeps_sending(qtbot, data_dir, monkeypatch):
    Settings(send_timeout_s=30).save(data_dir)
    calls = []

    def drain(self, until_empty=False, timeout=None, stop=None):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database disk image is malformed")
        return DrainResult(sent=1)

    monkeypatch.setattr(Sender, "drain", drain)
    worker = SenderWorker(data_dir, interval=0.05)
    worker.backoff_base_s = 0.01
    try:
        with qtbot.waitSignal(worker.crashed, timeout=5000) as crashed:
            worker.start()
        assert "RuntimeError: database disk image is malformed" in crashed.args[0]
        with qtbot.waitSignal(worker.drained, timeout=5000):
            pass  # the next pass ran: the thread is still alive
        assert worker.isRunning()
        # quitting waits as long as one exchange may take, not a fixed 10 s
        assert worker.stop_timeout_s >= 30 + STOP_MARGIN_S
    finally:
        worker.stop()
    assert not worker.isRunning()


def test_crash_shows_sending_stopped_in_the_ui_language(qtbot, data_dir):
    store = open_store(data_dir)
    worker = SenderWorker(data_dir)  # not started: its signal is emitted by hand
    main = MainWindow(store, data_dir, "en", sender=worker)
    qtbot.addWidget(main.window)
    try:
        main.set_language("fr")
        worker.crashed.emit("RuntimeError: boom")
        assert main.transport_label.text() == "Transport : arrêté"
        assert main.transport_label.property("state") == "down"  # red
        assert main.window.statusBar().currentMessage() == "Envoi arrêté : RuntimeError: boom"
        worker.transport_state.emit("up")  # the next pass worked
        assert main.transport_label.text() == "Transport : connecté"
    finally:
        i18n.set_language("en")
        main.shutdown()
        store.close()


class _Slow(PollingThread):
    """Notices the stop only after an exchange that outlasts stop_timeout_s."""

    stop_timeout_s = 0.05

    def run(self):
        self.started_ok.set()
        while not self._stop.is_set():
            time.sleep(0.01)
        time.sleep(0.3)


def test_stop_never_returns_while_the_thread_runs(qtbot, tmp_path):
    t = _Slow(tmp_path, 1.0)
    t.started_ok = threading.Event()
    t.start()
    assert t.started_ok.wait(5)
    t.stop()
    assert t.isFinished() and not t.isRunning()
