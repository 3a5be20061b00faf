"""Templates and copies (issue 15 point 3) and a rejected filing's customs errors on its fields
(point 6), as the agent meets them: keys and clicks, values in the form, where the focus is."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton

from ics2desk import samples, templates
from ics2desk.simulator import replies as sim_replies

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

HOUSE = "/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]"
TRAILER = f"{HOUSE}/goodsItem[1]/passiveBorderTransportMeans[1]/identificationNumber"
TRUCK = "/IE3F50/activeBorderTransportMeans/identificationNumber"
CMR = "/IE3F50/consignmentMasterLevel/transportDocumentMasterLevel/documentNumber"
BUYER_NAME = f"{HOUSE}/goodsShipment/buyer/name"
CONSIGNEE_NAME = "/IE3F50/consignmentMasterLevel/consignee/name"


def _value(main, xpath):
    field = main.form.field(xpath)
    assert field is not None, xpath
    return field.value()


def _focused_xpath(main):
    w = QApplication.focusWidget()
    return next((f.xpath for f in main.form.ctx.fields if f.edit is w), None)


def _active(qtbot, main):
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)


def test_ctrl_t_then_a_few_letters_and_enter_starts_a_ferry_truck_on_its_plate(qtbot, main, data_dir):
    ferry = templates.from_filing("Midlands Foods → Lille (ferry)", "IE3F50", samples.ferry_filing(items=2).data)
    templates.save(ferry, data_dir)
    shuttle = templates.from_filing("Shuttle Folkestone", "IE3F50", samples.shuttle_filing().data,
                                    customer="Autre client")
    templates.save(shuttle, data_dir)
    main.new_filing()
    _active(qtbot, main)
    start = QApplication.focusWidget()
    qtbot.keyClick(start, Qt.Key_T, Qt.ControlModifier)
    qtbot.waitUntil(lambda: getattr(main, "_template_picker", None) is not None and main._template_picker.isVisible())
    picker = main._template_picker
    assert picker.list.count() == 2
    qtbot.waitUntil(picker.filter.hasFocus)
    qtbot.keyClicks(picker.filter, "midl")
    assert picker.list.count() == 1
    qtbot.keyClick(picker.filter, Qt.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible())
    # the customer's parties, goods and crossing are there; the ship stays, the truck does not
    assert _value(main, CONSIGNEE_NAME) == "Frais du Nord SAS"
    assert _value(main, TRUCK) == "IMO9524231"
    assert _value(main, f"{HOUSE}/goodsItem[1]/commodity/descriptionOfGoods") == "Frozen potato chips"
    for per_truck in (TRAILER, CMR, f"{HOUSE}/transportDocumentHouseLevel/documentNumber",
                      "/IE3F50/activeBorderTransportMeans/estimatedDateAndTimeOfArrival"):
        assert _value(main, per_truck) == "", per_truck
    assert main.tabs.currentIndex() == 1
    _active(qtbot, main)
    qtbot.waitUntil(lambda: _focused_xpath(main) == TRAILER)  # the plate first
    qtbot.keyClicks(QApplication.focusWidget(), "CD34EFG")
    assert main.form.document().data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0][
        "passiveBorderTransportMeans"][0]["identificationNumber"] == "CD34EFG"


def test_save_as_template_keeps_the_customer_and_route_but_no_truck(qtbot, main, data_dir, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Midlands Lille", True)))
    main.new_filing(samples.ferry_filing(items=1))
    qtbot.mouseClick(main.form.save_template_button, Qt.LeftButton)
    [saved] = templates.all_templates(data_dir)
    assert saved.name == "Midlands Lille" and saved.customer == "Midlands Foods Ltd"
    raw = json.loads(saved.path.read_text(encoding="utf-8"))
    assert raw["version"] == templates.VERSION
    text = json.dumps(raw)
    for per_truck in ("AB12CDE", "CMR-2611-004217", "TCO26112500001"):
        assert per_truck not in text
    assert "IMO9524231" in text and "Frozen potato chips" in text
    assert "Midlands Lille" in main.window.statusBar().currentMessage()


def test_new_filing_from_this_one_empties_plate_container_and_seals_and_focuses_the_truck(qtbot, main):
    doc = samples.shuttle_filing("COPY00000001")
    main.store.import_document(doc, user="t")
    main.on_action("copy", "COPY00000001")
    _active(qtbot, main)
    assert _value(main, TRUCK) == "" and _value(main, CMR) == ""
    data = main.form.document().data
    eq = data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["transportEquipment"][0]
    assert "containerIdentificationNumber" not in eq and "seal" not in eq
    assert eq["containerSizeAndType"] == "45"
    assert not data.get("LRN") and not data.get("documentIssueDate")
    qtbot.waitUntil(lambda: _focused_xpath(main) == TRUCK)


def test_buyer_is_consignee_and_seller_is_consignor_in_one_click(qtbot, main):
    doc = samples.ferry_filing(items=1)
    shipment = doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsShipment"]
    shipment["buyer"]["name"] = "Ancien acheteur"
    shipment["seller"]["name"] = "Ancien vendeur"
    main.new_filing(doc)
    buyer = main.form.findChild(QPushButton, "action_buyer")
    seller = main.form.findChild(QPushButton, "action_seller")
    assert buyer.isVisible() and buyer.text() == "Buyer = consignee"
    qtbot.mouseClick(buyer, Qt.LeftButton)
    assert _value(main, BUYER_NAME) == "Frais du Nord SAS"
    qtbot.mouseClick(seller, Qt.LeftButton)
    assert _value(main, f"{HOUSE}/goodsShipment/seller/name") == "Midlands Foods Ltd"
    assert main.form.dirty
    main.set_language("fr")
    qtbot.waitUntil(lambda: buyer.text() == "Acheteur = destinataire")
    assert main.form.template_button.text() == "Modèle… (Ctrl+T)"


def test_a_reopened_rejected_filing_shows_customs_words_on_the_field_until_it_is_edited(qtbot, main):
    lrn = "REJECT000001"
    doc = samples.ferry_filing(lrn, items=1)
    main.store.import_document(doc, user="t")
    main.store.queue(lrn, user="t")
    main.store.apply_reply(sim_replies.errors(lrn, [("12", CMR, "CMR unknown to the carrier")]), "tid-n99")
    assert main.store.get(lrn).state == "rejected"
    main.refresh_status()  # the window's once-a-second look: the reply is news now, not at teardown
    assert "New reply" in main.window.statusBar().currentMessage()
    main.on_action("edit", lrn)
    field = main.form.field(CMR)
    qtbot.waitUntil(field.error.isVisible)
    assert "CMR unknown to the carrier" in field.error.text() and "IE3N99 12" in field.error.text()
    assert any("CMR unknown to the carrier" in main.form.findings.item(i).text()
               for i in range(main.form.findings.count()))
    _active(qtbot, main)
    field.setFocus()
    qtbot.waitUntil(field.edit.hasFocus)
    qtbot.keyClick(field.edit, Qt.Key_End)
    qtbot.keyClicks(field.edit, "9")
    qtbot.waitUntil(lambda: "CMR unknown" not in field.error.text() or not field.error.isVisible())
    main.form.wait_for_validation()
    assert not any("CMR unknown to the carrier" in main.form.findings.item(i).text()
                   for i in range(main.form.findings.count()))


def test_a_customs_pointer_without_indices_or_with_prefixes_still_finds_its_field(qtbot, main):
    from ics2desk.replies import ReplyError

    main.new_filing(samples.ferry_filing(items=1))
    mass = f"{HOUSE}/goodsItem[1]/weight/grossMass"
    main.form.set_remote_errors([
        ReplyError("15", "/IE3F50/consignmentMasterLevel/consignmentHouseLevel/goodsItem/weight/grossMass",
                   "Gross mass differs from the manifest"),
        ReplyError("12", "/ie:IE3F50/ie:consignmentMasterLevel/ie:transportDocumentMasterLevel/ie:documentNumber",
                   "CMR unknown to the carrier")])
    qtbot.waitUntil(main.form.field(mass).error.isVisible)
    assert "Gross mass differs from the manifest" in main.form.field(mass).error.text()
    assert "CMR unknown to the carrier" in main.form.field(CMR).error.text()


def test_no_template_yet_says_how_to_make_one_and_escape_changes_nothing(qtbot, main):
    main.new_filing(samples.ferry_filing(items=1))
    _active(qtbot, main)
    main.form.field(CMR).setFocus()
    qtbot.waitUntil(main.form.field(CMR).edit.hasFocus)
    qtbot.keyClick(main.form.field(CMR).edit, Qt.Key_T, Qt.ControlModifier)
    qtbot.waitUntil(lambda: getattr(main, "_template_picker", None) is not None and main._template_picker.isVisible())
    picker = main._template_picker
    assert picker.list.count() == 0 and "Save as template" in picker.hint.text()
    qtbot.waitUntil(picker.filter.hasFocus)
    qtbot.keyClick(picker.filter, Qt.Key_Return)  # nothing to apply
    assert picker.isVisible()
    qtbot.keyClick(picker.filter, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not picker.isVisible())
    assert _value(main, CMR) == "CMR-2611-004217"
