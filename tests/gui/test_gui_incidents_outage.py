"""An outage switched on from the Drill controls of the demo simulator, seen on the Incidents
tab: component suspected with its evidence -> confirmed -> playbook steps ticked -> affected
trucks with their time left -> fallback request recorded -> recovery drains and closes."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ics2desk import clock
from ics2desk.continuity.components import State
from ics2desk.continuity.incidents import IncidentStore
from ics2desk.failures import Component
from ics2desk.gui.demo import start_simulator
from ics2desk.gui.incidents.panel import LATE, IncidentsPanel
from ics2desk.gui.main_window import MainWindow
from ics2desk.gui.sender_worker import SenderWorker
from ics2desk.samples import shuttle_filing
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
EU = Component.EU_CONNECTION
LRNS = ["OUT26112500001", "OUT26112500002", "OUT26112500003"]


@pytest.fixture
def desk(qtbot, data_dir, monkeypatch):
    monkeypatch.setattr(IncidentsPanel, "INTERVAL_MS", 250)
    server = start_simulator(data_dir)
    store = open_store(data_dir)
    worker = SenderWorker(data_dir, interval=0.2)
    main = MainWindow(store, data_dir, "en", sender=worker)
    main.enable_drills(server)
    qtbot.addWidget(main.window)
    main.window.show()
    worker.start()
    yield main, server, store
    main.shutdown()
    store.close()
    server.close()


def _queue(store, late_lrn):
    for lrn in LRNS:
        doc = shuttle_filing(lrn)
        if lrn == late_lrn:  # arrives in 30 min: its 1-hour lodging deadline has passed
            arrival = clock.now() + timedelta(minutes=30)
            active = doc.data["activeBorderTransportMeans"]
            active["estimatedDateAndTimeOfDeparture"] = f"{arrival - timedelta(minutes=35):%Y-%m-%dT%H:%M:00Z}"
            active["estimatedDateAndTimeOfArrival"] = f"{arrival:%Y-%m-%dT%H:%M:00Z}"
        store.import_document(doc, user="test")
        store.queue(lrn, user="test")


def test_outage_from_the_drill_to_a_closed_incident(desk, qtbot, tmp_path):
    main, server, store = desk
    panel = main.incidents
    main.tabs.setCurrentIndex(main.tabs.indexOf(main.window.findChild(QWidget, "incidentsPage")))
    main.drill.set_outage("eu_connection", "503")
    qtbot.waitUntil(lambda: server.sim.outages["eu_connection"] == "503")
    _queue(store, LRNS[2])
    main.sender.wake()

    # the board suspects the EU connection layer, with the failed attempts as evidence
    qtbot.waitUntil(lambda: panel.snap is not None and panel.status(EU).state is State.SUSPECTED, timeout=10_000)
    tile = panel.tiles[EU]
    assert tile.property("state") == "suspected" and "suspected down" in tile.text()
    assert all(panel.tiles[c].property("state") == "up" for c in Component if c is not EU)
    assert panel.badge.isVisible() and panel.badge.text() == "1"
    assert main.window.statusBar().currentMessage().startswith("Suspected outage: EU connection layer")
    qtbot.mouseClick(tile, Qt.LeftButton)
    evidence = [panel.evidence.item(i).text() for i in range(panel.evidence.count())]
    assert len(evidence) >= 3 and {lrn for lrn in LRNS if any(lrn in e for e in evidence)} == set(LRNS)
    assert any("503" in e for e in evidence)
    # before an incident is open the steps are shown, not tickable
    assert panel.step_item("eu.i-keep") is not None
    assert not panel.step_item("eu.i-keep").flags() & Qt.ItemIsUserCheckable

    qtbot.mouseClick(panel.buttons["confirm"], Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.incident_view() is not None)
    assert panel.tiles[EU].property("state") == "declared" and not panel.badge.isVisible()
    assert "incident opened" in panel.timeline.item(0).text()

    # tick a step: who and when are recorded, shown, and kept in the store
    item = panel.step_item("eu.i-keep")
    assert item.text(1)  # its source
    item.setCheckState(0, Qt.Checked)
    qtbot.waitUntil(lambda: panel.step_item("eu.i-keep").text(2).startswith(panel.user))
    inc = panel.incident_view().incident
    tick = IncidentStore(store.conn).ticks(inc.id)["eu.i-keep"]
    assert tick.user == panel.user and datetime.now(timezone.utc) - tick.at < timedelta(minutes=1)
    assert f"{tick.at:%H:%M}" in panel.step_item("eu.i-keep").text(2)

    # the trucks waiting, most urgent first, the late one in red
    table = panel.affected
    assert table.rowCount() == 3
    assert table.item(0, 0).text() == LRNS[2] and table.item(0, 2).text() == "AB12CDE, C123456"
    assert "deadline passed" in table.item(0, 5).text()
    assert table.item(0, 5).foreground().color().name() == LATE
    assert table.item(1, 5).text().endswith("left") and table.item(1, 5).foreground().color().name() != LATE

    # fallback request: drafted from the queue, recorded as sent
    qtbot.mouseClick(panel.actions["fallback"], Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.fallback_dialog is not None and panel.fallback_dialog.isVisible())
    dialog = panel.fallback_dialog
    assert all(lrn in dialog.bodies["en"].toPlainText() for lrn in LRNS)
    assert dialog.recipient.text() == "fr-ics2@douane.finances.gouv.fr"
    qtbot.mouseClick(dialog.sent_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: any("fallback request sent to fr-ics2@" in panel.timeline.item(i).text()
                                for i in range(panel.timeline.count())))
    dialog.close()

    # recovery: the outage ends, the outbox drains, the fallback filings get MRNs, it closes
    main.drill.recover()
    qtbot.waitUntil(lambda: server.sim.outages["eu_connection"] == "none")
    panel.start_recovery(ask=False)
    qtbot.waitUntil(lambda: panel.summary.isVisible(), timeout=15_000)
    assert "Retrospective lodging: 3/3 with MRN" in panel.summary.text()
    assert panel.status(EU).state is State.UP and panel.snap.incidents == {}
    assert {store.get(lrn).state for lrn in LRNS} <= {"registered", "assessment_complete"}
    assert panel.affected.rowCount() == 0
