"""Ctrl+Enter in the form -> outbox worker thread -> built-in simulator -> MRN in the list."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ics2desk import samples

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_queued_filing_gets_its_mrn_from_the_simulator(qtbot, desk):
    main, store = desk.main, desk.store
    main.new_filing(samples.ferry_filing("SIM26112500001"))
    main.form.ctx.fields[0].setFocus()
    qtbot.waitUntil(lambda: main.form.ctx.fields[0].edit.hasFocus())
    qtbot.keyClick(main.form.ctx.fields[0].edit, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(main.filings.model.rows and main.filings.model.rows[0].mrn), timeout=10_000)
    row = main.filings.model.rows[0]
    assert row.lrn == "SIM26112500001" and row.state in ("registered", "assessment_complete")
    assert main.filings.model.data(main.filings.model.index(0, 2)) == row.mrn
    assert main.transport_label.text() == "Transport: connected"
    # amend: R3024 fields are locked, the rest is sent as an IE3A50
    main.on_action("amend", "SIM26112500001")
    office = main.form.field("/IE3F50/customsOfficeOfFirstEntry/referenceNumber")
    assert office.edit.isReadOnly()
    desc = main.form.field("/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[1]"
                           "/commodity/descriptionOfGoods")
    desc.edit.setText("Frozen potato wedges")
    # the preview of what changes comes first; the agent sends it
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ics2desk.gui.form.amend_preview import AmendmentPreview

    shown = []

    def send():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AmendmentPreview):
            QTimer.singleShot(20, send)
            return
        shown.append([dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())])
        dialog.send_button.click()

    QTimer.singleShot(0, send)
    main.form.request_queue()
    assert shown == [["Frozen potato wedges"]]
    qtbot.waitUntil(lambda: store.get("SIM26112500001").state in ("amending", "registered")
                    and any(m.message_type == "IE3A50" for m in store.timeline("SIM26112500001")), timeout=10_000)


def test_do_not_load_from_customs_raises_the_banner_and_a_notification(qtbot, desk):
    main = desk.main
    doc = samples.ferry_filing("DNL26112500009")
    item = doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0]
    item["commodity"]["descriptionOfGoods"] += " DNL-DRILL"  # the simulator answers IE3Q01
    main.new_filing(doc)
    notes = []
    main.notify.connect(lambda lrn, state: notes.append((lrn, state)))
    main.form.request_queue()
    qtbot.waitUntil(lambda: ("DNL26112500009", "do_not_load") in notes, timeout=15_000)
    main.filings.select("DNL26112500009")
    detail = main.filings.detail
    assert detail.banner.isVisible()
    assert "DO NOT LOAD" in detail.banner.label.text()
    assert "IE3Q01" in [detail.timeline.item(i).text().split()[3] for i in range(detail.timeline.count())]
    assert main.window.statusBar().currentMessage().startswith("Do Not Load")
