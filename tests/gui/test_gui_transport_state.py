"""During an outage the status bar keeps saying the transport is unreachable, also between
retries (passes that send nothing), until something really goes through."""
from __future__ import annotations

import pytest

from ics2desk import samples
from ics2desk.gui.demo import start_simulator
from ics2desk.gui.main_window import MainWindow
from ics2desk.gui.sender_worker import SenderWorker
from ics2desk.settings import Settings
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_unreachable_stays_shown_between_retries_and_clears_on_recovery(qtbot, data_dir):
    server = start_simulator(data_dir)
    settings = Settings.load(data_dir)
    settings.retry_base_s, settings.retry_cap_s = 2.0, 2.0  # retries every 2 s, passes every 0.2 s
    settings.save(data_dir)
    store = open_store(data_dir)
    sender = SenderWorker(data_dir, interval=0.2)
    main = MainWindow(store, data_dir, "en", sender=sender)
    qtbot.addWidget(main.window)
    states = []
    sender.transport_state.connect(states.append)
    sender.start()
    try:
        server.set_outage("eu_connection", "503")
        store.import_document(samples.ferry_filing("OUT26112500001"), user="t")
        store.queue("OUT26112500001", user="t")
        sender.wake()
        qtbot.waitUntil(lambda: main.transport_state == "down", timeout=10_000)
        qtbot.wait(1500)  # idle passes while the item waits for its retry time
        assert main.transport_state == "down" and "unreachable" in main.transport_label.text()
        server.set_outage("eu_connection", "none")
        qtbot.waitUntil(lambda: main.transport_state == "up", timeout=15_000)
        # the test's own listener gets the same queued signal a moment later on a busy machine
        qtbot.waitUntil(lambda: "up" in states[states.index("down"):], timeout=5_000)
        assert states.index("down") < len(states) - 1 - states[::-1].index("up")
    finally:
        main.shutdown()
        store.close()
        server.close()


def test_a_new_endpoint_saved_in_settings_is_used_at_once_and_the_window_says_so(qtbot, data_dir):
    from ics2desk.simulator.server import SimulatorServer

    old = start_simulator(data_dir)
    new = SimulatorServer(port=0)
    store = open_store(data_dir)
    sender = SenderWorker(data_dir, interval=0.2)
    main = MainWindow(store, data_dir, "en", sender=sender)
    qtbot.addWidget(main.window)
    applied = []
    sender.settings_applied.connect(lambda: applied.append(True))
    sender.start()
    try:
        qtbot.waitUntil(lambda: main.transport_state == "up", timeout=10_000)
        settings = Settings.load(data_dir)
        settings.simulator_url = new.url  # what the Settings tab saves
        settings.save(data_dir)
        qtbot.waitUntil(lambda: bool(applied), timeout=10_000)
        assert "Settings applied" in main.window.statusBar().currentMessage()
        store.import_document(samples.ferry_filing("NEWEP2611250001"), user="t")
        store.queue("NEWEP2611250001", user="t")
        sender.wake()
        qtbot.waitUntil(lambda: store.get("NEWEP2611250001").state in ("registered", "assessment_complete"),
                        timeout=15_000)
        assert [lrn for lrn, _ in new.sim.registration_log] == ["NEWEP2611250001"]
        assert old.sim.registration_log == []
    finally:
        main.shutdown()
        store.close()
        old.close()
        new.close()
