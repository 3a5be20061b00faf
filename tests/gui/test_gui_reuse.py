"""Reuse: the address book fills a party from its EORI; the catalogue fills a goods item."""
from __future__ import annotations

import sqlite3

import pytest

from ics2desk import samples
from ics2desk.gui.form.ens_form import EnsForm
from ics2desk.model import EnsDocument
from ics2desk.reuse import book

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_book_learns_parties_and_goods_from_a_saved_filing():
    conn = sqlite3.connect(":memory:")
    book.remember(conn, samples.ferry_filing())
    assert book.party(conn, "FR55987654300021")["address"]["city"] == "Lille"
    assert ("NL812345678", "Van Dijk Transport BV") in book.parties(conn)
    assert book.goods_item(conn, "Cheddar cheese in blocks") == ("040690", "PX")


def test_typing_a_known_eori_fills_the_party_and_a_known_description_fills_hs(qtbot):
    conn = sqlite3.connect(":memory:")
    book.remember(conn, samples.ferry_filing())
    form = EnsForm("IE3F50", "en")
    qtbot.addWidget(form)
    form.set_reuse(conn)
    form.load(EnsDocument("IE3F50", {}))
    eori = form.field("/IE3F50/declarant/identificationNumber")
    qtbot.keyClicks(eori.edit, "NL812345678")
    assert form.field("/IE3F50/declarant/name").value() == "Van Dijk Transport BV"
    assert form.field("/IE3F50/declarant/address/city").value() == "Rotterdam"
    base = "/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[1]"
    qtbot.keyClicks(form.field(f"{base}/commodity/descriptionOfGoods").edit, "Shortbread biscuits")
    form.set_full_view(True)
    assert form.document().data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0][
        "commodity"]["commodityCode"]["harmonizedSystemSubHeadingCode"] == "190531"


def test_party_eori_offers_the_address_book_and_keeps_only_the_eori(qtbot):
    conn = sqlite3.connect(":memory:")
    book.remember(conn, samples.ferry_filing())
    form = EnsForm("IE3F50", "en")
    qtbot.addWidget(form)
    form.set_reuse(conn)
    form.load(EnsDocument("IE3F50", {}))
    form.set_full_view(True)  # the consignee's EORI is optional: shown in the full view
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    field = form.field("/IE3F50/consignmentMasterLevel/consignee/identificationNumber")
    field.edit.setFocus()
    qtbot.waitUntil(lambda: field.edit.completer() is not None)
    completer = field.edit.completer()
    completer.setCompletionPrefix("Frais")  # part of the name is enough
    assert completer.currentCompletion() == "FR55987654300021  Frais du Nord SAS"
    field.edit.setText(completer.currentCompletion())  # what picking the line does
    assert form.document().data["consignmentMasterLevel"]["consignee"]["identificationNumber"] == "FR55987654300021"
    assert form.field("/IE3F50/consignmentMasterLevel/consignee/name").value() == "Frais du Nord SAS"


def test_picking_a_unlocode_from_the_popup_keeps_exactly_that_code(qtbot):
    form = EnsForm("IE3F50", "en")
    qtbot.addWidget(form)
    form.load(EnsDocument("IE3F50", {}))
    form.set_full_view(True)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    field = form.field("/IE3F50/consignmentMasterLevel/placeOfLoading/UNLOCODE")
    field.edit.setFocus()
    qtbot.waitUntil(lambda: field.edit.completer() is not None)
    completer = field.edit.completer()
    completer.setCompletionPrefix("FRCQF")
    picked = completer.currentCompletion()
    assert picked == "FRCQF  Calais (FR)"  # longer than the an..17 field
    completer.activated[str].emit(picked)  # what Enter on the popup line does
    qtbot.waitUntil(lambda: field.edit.text() == "FRCQF")
    assert form.document().data["consignmentMasterLevel"]["placeOfLoading"]["UNLOCODE"] == "FRCQF"
