"""The simple view is the whole job for a road truck (issue 15 point 2): what a rule can demand
is there from the start (street and number, the representative, the departure, the places), and
what a condition demands shows as soon as its trigger is typed (buyer and seller once the
delivery is in the EU, the container once the indicator says 1) — before the agent Tabs on."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ics2desk.gui.form.editors import RepeatInline
from ics2desk.gui.form.ens_form import EnsForm
from ics2desk.reuse import presets

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = "/IE3F50"
MASTER = f"{ROOT}/consignmentMasterLevel"
HOUSE = f"{MASTER}/consignmentHouseLevel[1]"


@pytest.fixture
def form(qtbot):
    f = EnsForm("IE3F50", "fr", presets.load())
    qtbot.addWidget(f)
    f.resize(1300, 740)
    f.show()
    f.activateWindow()
    qtbot.waitActive(f)
    f.apply_preset("dover-calais-ferry")
    assert not f.ctx.full_view
    return f


def _shown(form, xpath) -> bool:
    field = form.field(xpath)
    return field is not None and field.isVisibleTo(form)


def test_what_a_rule_can_demand_is_in_the_simple_view_from_the_start(form):
    for party in ("declarant", "representative", "consignmentMasterLevel/consignee",
                  "consignmentMasterLevel/consignor", "consignmentMasterLevel/carrier"):
        for row in ("street", "number"):  # R3002
            assert _shown(form, f"{ROOT}/{party}/address/{row}"), (party, row)
    assert _shown(form, f"{ROOT}/representative/name")  # a Calais agency lodges as representative
    assert _shown(form, f"{ROOT}/representative/status")
    assert _shown(form, f"{ROOT}/activeBorderTransportMeans/estimatedDateAndTimeOfDeparture")  # R3035
    for place in ("placeOfLoading", "placeOfUnloading", "placeOfDelivery", "placeOfAcceptance"):
        assert _shown(form, f"{MASTER}/{place}/UNLOCODE"), place
    assert _shown(form, f"{MASTER}/consignee/identificationNumber")
    # what no rule asks of a road truck stays in the full view
    assert not _shown(form, f"{ROOT}/declarant/address/poBox")
    assert not _shown(form, f"{ROOT}/declarant/address/streetAdditionalLine")
    assert form.findings.count() == 0  # and an untouched form shows no problems


def test_buyer_and_seller_show_once_the_delivery_is_typed_in_the_eu(form, qtbot):
    buyer = f"{HOUSE}/goodsShipment/buyer/name"
    assert not _shown(form, buyer)
    delivery = form.field(f"{HOUSE}/placeOfDelivery/UNLOCODE")
    assert delivery.isVisibleTo(form)
    delivery.setFocus()
    qtbot.waitUntil(delivery.edit.hasFocus)
    qtbot.keyClicks(delivery.edit, "FRLIL")
    assert _shown(form, buyer)  # C3020, at once: the next Tab can reach it
    assert _shown(form, f"{HOUSE}/goodsShipment/seller/address/street")


def test_the_container_shows_once_the_indicator_says_1(form, qtbot):
    table = next(t for t in form._tables() if t.spec.name == "transportEquipment" and t.parent_xpath == HOUSE)
    in_item = next(t for t in form._tables() if t.spec.name == "transportEquipment" and t is not table)
    assert not table.isVisibleTo(form)
    indicator = form.field(f"{HOUSE}/containerIndicator")
    indicator.setFocus()
    qtbot.waitUntil(indicator.edit.hasFocus)
    qtbot.keyClicks(indicator.edit, "1")
    assert table.isVisibleTo(form)  # C3014
    assert not in_item.isVisibleTo(form)  # one place for the trailer's container, the house's
    table.table.setFocus()
    qtbot.keyClick(table.table, Qt.Key_Return)  # Enter on the table: the container's first field
    number = form.field(f"{HOUSE}/transportEquipment[1]/numberOfSeals")
    assert number is not None and number.isVisibleTo(form)
    seals = next(w for w in form.findChildren(RepeatInline) if w.spec.name == "seal"
                 and w.parent_xpath == f"{HOUSE}/transportEquipment[1]")
    assert not seals.isVisibleTo(form)
    number.setFocus()
    qtbot.waitUntil(number.edit.hasFocus)
    qtbot.keyClicks(number.edit, "1")
    assert seals.isVisibleTo(form)  # C3017: a number of seals given, the seals' lines are offered
    assert QApplication.focusWidget() is number.edit  # nothing took the cursor


def test_enter_goes_to_the_next_empty_field_over_what_the_crossing_filled(form, qtbot):
    issued = form.field(f"{ROOT}/documentIssueDate")
    issued.setFocus()
    qtbot.waitUntil(issued.edit.hasFocus)
    qtbot.keyClicks(issued.edit, "maintenant")
    qtbot.keyClick(issued.edit, Qt.Key_Return)
    assert QApplication.focusWidget() is form.field(f"{ROOT}/declarant/name").edit
    ship = form.field(f"{ROOT}/activeBorderTransportMeans/identificationNumber")
    nationality = form.field(f"{ROOT}/activeBorderTransportMeans/nationality")
    departure = form.field(f"{ROOT}/activeBorderTransportMeans/estimatedDateAndTimeOfDeparture")
    assert ship.value() == "IMO9524231" and nationality.value() == "GB"  # the crossing's
    ship.setFocus()
    qtbot.waitUntil(ship.edit.hasFocus)
    qtbot.keyClick(ship.edit, Qt.Key_Return)
    assert QApplication.focusWidget() is departure.edit  # the ship's filled rows skipped
    assert ship.value() == "IMO9524231"
