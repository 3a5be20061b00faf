"""The Incidents tab without traffic: declaring from a customs notice, the fiche réflexe
checklist (sources, steps to confirm, ticks with user and time), the incident report, the
fallback request dialog and the drill switches."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import QDialog

from ics2desk.continuity.components import State
from ics2desk.continuity.playbook import Library
from ics2desk.failures import Component
from ics2desk.gui import i18n
from ics2desk.gui.incidents.dialogs import DeclareDialog, FallbackDialog
from ics2desk.gui.incidents.panel import TO_CONFIRM_BG, IncidentsPanel
from ics2desk.samples import ferry_filing, shuttle_filing

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
CR = Component.COMMON_REPOSITORY


@pytest.fixture
def panel(qtbot, data_dir):
    p = IncidentsPanel(data_dir, "en", user="agent.durand", interval_ms=200)
    qtbot.addWidget(p)
    p.resize(1300, 800)
    p.show()
    qtbot.waitUntil(lambda: p.snap is not None)
    yield p
    i18n.set_language("en")
    p.shutdown()


def _notice(dialog: DeclareDialog):
    """What the agent types in the declare dialog: the Dutch notice of 11 April, 14:30 UTC."""
    dialog.issuer.setEditText("Douane NL")
    dialog.notice_at.setDateTime(QDateTime.fromSecsSinceEpoch(
        int(datetime(2026, 4, 11, 14, 30, tzinfo=timezone.utc).timestamp()), QTimeZone.utc()))
    dialog.text.setText("Common Repository unavailable")
    dialog._accept()
    return dialog.result()


def test_declare_from_a_notice_then_tick_and_untick_steps(panel, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(DeclareDialog, "exec", _notice)
    qtbot.mouseClick(panel.tiles[CR], Qt.LeftButton)
    assert panel.selected is CR and not panel.buttons["confirm"].isEnabled()
    qtbot.mouseClick(panel.buttons["declare"], Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.incident_view() is not None)
    assert panel.tiles[CR].property("state") == "declared"
    assert "Douane NL notice 2026-04-11 14:30 UTC" in panel.incident_label.text()
    assert "Reference: Douane NL notice 2026-04-11 14:30 UTC" in panel.component_label.text()

    # each step names its source; unconfirmed steps say so and stand out
    steps = [panel.step_item(s.id) for s in panel.snap.playbook.steps_for(CR)]
    assert all(item is not None and item.text(1) for item in steps)
    unconfirmed = panel.step_item("cr.i-noresend")
    assert "[to confirm with the official fiche réflexe]" in unconfirmed.text(0)
    assert unconfirmed.background(0).color().name() == TO_CONFIRM_BG
    confirmed = panel.step_item("cr.i-keep")
    assert "to confirm" not in confirmed.text(0) and confirmed.background(0).style() == Qt.NoBrush
    assert confirmed.flags() & Qt.ItemIsUserCheckable

    confirmed.setCheckState(0, Qt.Checked)
    qtbot.waitUntil(lambda: panel.step_item("cr.i-keep").text(2).startswith("agent.durand\n"))
    assert panel.step_item("cr.i-keep").checkState(0) == Qt.Checked
    assert any("agent.durand: done: Keep sending: messages are queued" in panel.timeline.item(i).text()
               for i in range(panel.timeline.count()))
    panel.step_item("cr.i-keep").setCheckState(0, Qt.Unchecked)
    qtbot.waitUntil(lambda: panel.step_item("cr.i-keep").text(2) == "")
    assert "un-ticked" in panel.timeline.item(panel.timeline.count() - 1).text()

    # the report for the audit file
    out = tmp_path / "report.pdf"
    panel.export_report(str(out))
    qtbot.waitUntil(lambda: panel.last_paths.get("report") == str(out), timeout=10_000)
    assert out.read_bytes().startswith(b"%PDF")

    # closing without any fallback filing needs no confirmation; the board is green again
    panel.close_incident()
    qtbot.waitUntil(lambda: panel.summary.isVisible())
    assert "Incident #1" in panel.summary.text()
    # the board follows with the worker's next snapshot (on a busy machine, a moment later)
    qtbot.waitUntil(lambda: panel.status(CR).state is State.UP, timeout=10_000)


def test_declare_refuses_a_notice_without_issuer(qtbot):
    dialog = DeclareDialog(CR, "en")
    qtbot.addWidget(dialog)
    dialog.issuer.setEditText("  ")
    dialog._accept()
    assert dialog.result() != QDialog.Accepted and dialog.reference is None
    assert "issuer" in dialog.error.text()


def test_fallback_dialog_drafts_both_languages_and_records_the_recipient(qtbot, data_dir):
    docs = [ferry_filing("FBK26112500001"), shuttle_filing("FBK26112500002")]
    dialog = FallbackDialog(CR, docs, None, Library(data_dir).in_force(), "fr", requester="Transit Côte d'Opale")
    qtbot.addWidget(dialog)
    fr, en = dialog.bodies["fr"].toPlainText(), dialog.bodies["en"].toPlainText()
    assert fr.startswith("Madame, Monsieur") and en.startswith("Dear Sir or Madam")
    for doc in docs:
        assert doc.lrn in fr and doc.lrn in en and all(reg in en for reg in doc.vehicle_registrations())
    assert "2 h 00" in en and "Transit Côte d'Opale" in fr
    dialog.duration.setValue(0)
    assert "Expected duration: unknown" in dialog.bodies["en"].toPlainText()

    dialog.reason.setText("")  # the reason is mandatory: nothing can be sent without it
    assert not dialog.sent_button.isEnabled() and "reason" in dialog.status.text()
    dialog.reason.setText("HTTP 503 from the Common Repository")

    pdfs = []
    dialog.pdf_requested.connect(lambda req, path: pdfs.append((req.lang, req.lrns, path)))
    dialog.save_pdf("/tmp/x.pdf")
    assert pdfs == [("fr", [d.lrn for d in docs], "/tmp/x.pdf")]

    sent = []
    dialog.sent.connect(lambda *args: sent.append(args))
    assert dialog.recipient.text() == "fr-ics2@douane.finances.gouv.fr"
    dialog.recipient.setText("")
    dialog.mark_sent()
    assert sent == [] and "to whom" in dialog.status.text()
    dialog.recipient.setText("bureau.calais@douane.finances.gouv.fr")
    dialog.mark_sent()
    subject, body, lrns, to = sent[0]
    assert subject.startswith("ICS2 – demande de procédure de secours") and "HTTP 503" in body
    assert lrns == [d.lrn for d in docs] and to == "bureau.calais@douane.finances.gouv.fr"


def test_drill_switches_drive_the_simulator(qtbot, data_dir):
    from ics2desk.gui.incidents.drill import DrillBox, DrillController, DrillMenu
    from ics2desk.simulator.server import SimulatorServer

    server = SimulatorServer(port=0, admin_port=0)
    try:
        controller = DrillController(server)
        box = DrillBox(controller, "en")
        menu = DrillMenu(controller, "en")
        qtbot.addWidget(box)
        combo = box.combos[CR]
        combo.setCurrentIndex(combo.findData("hold"))
        combo.activated.emit(combo.currentIndex())
        qtbot.waitUntil(lambda: server.sim.outages["common_repository"] == "hold")
        qtbot.waitUntil(lambda: menu.subs[CR][1]["hold"].isChecked())
        menu.subs[Component.EU_CONNECTION][1]["refuse"].trigger()
        qtbot.waitUntil(lambda: server.traffic is None)  # the traffic port no longer listens
        assert box.combos[Component.EU_CONNECTION].currentData() == "refuse"
        box.recover_button.click()
        qtbot.waitUntil(lambda: set(server.sim.outages.values()) == {"none"} and server.traffic is not None)
        qtbot.waitUntil(lambda: combo.currentData() == "none")
    finally:
        server.close()


def test_the_panel_switches_to_french_live(panel, qtbot):
    i18n.set_language("fr")
    qtbot.waitUntil(lambda: "disponible" in panel.tiles[CR].text())
    assert panel.tiles[CR].text().startswith("Base européenne ICS2")
    assert panel.checklist.topLevelItem(0).text(0) == "Symptômes"
    assert panel.actions["fallback"].text() == "Préparer la demande de secours…"
