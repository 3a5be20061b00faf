"""Focus follows the eye: Tab walks the ENS form top to bottom, line by line, through every
repeated line (also lines added while typing), and typing lands in the field the agent sees
next — never in a preset field further down, never in the wrong goods item field."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QWidget

from ics2desk import samples
from ics2desk.gui.form.ens_form import EnsForm
from ics2desk.model import EnsDocument
from ics2desk.reuse import presets
from form_tools import shown_form

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = "/IE3F50"
HOUSE = f"{ROOT}/consignmentMasterLevel/consignmentHouseLevel[1]"


@pytest.fixture
def form(qtbot):
    return shown_form(qtbot)


def _name(form, w) -> str:
    f = next((f for f in form.ctx.fields if f.edit is w), None)
    return f.xpath if f else f"{type(w).__name__}:{w.objectName() or w.text() if hasattr(w, 'text') else ''}"


def _rect(form, w) -> QRect:
    """Where the widget stands in the form's scrolled body (scroll-independent), or in the form."""
    body = form.scroll.widget()
    ref = body if body.isAncestorOf(w) else form
    return QRect(w.mapTo(ref, QPoint(0, 0)), w.size())


def walk_by_tab(qtbot, form, start: QWidget, limit: int = 2000) -> list[QWidget]:
    """Press Tab from `start` until focus comes back to it; the widgets reached, in order."""
    start.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    reached = [start]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        w = QApplication.focusWidget()
        if w is start:
            return reached
        assert w not in reached, f"Tab came back to {_name(form, w)} before the end of the form"
        reached.append(w)
    raise AssertionError("Tab never came back to the first field")


def assert_reading_order(form, widgets: list[QWidget]) -> None:
    """Each step goes right on the same line, or down to a later line."""
    for a, b in zip(widgets, widgets[1:]):
        ra, rb = _rect(form, a), _rect(form, b)
        same_line = ra.top() < rb.bottom() and rb.top() < ra.bottom()
        if same_line:
            assert rb.left() > ra.left(), f"{_name(form, a)} -> {_name(form, b)}: goes back left on the line"
        else:
            assert rb.top() > ra.top(), f"{_name(form, a)} -> {_name(form, b)}: goes up the form"


def assert_groups_are_walked_whole(form, widgets: list[QWidget]) -> None:
    """Tab leaves a group (address, communication lines, goods item, packaging...) only once
    everything in it was reached."""
    for box in form.findChildren(QGroupBox):
        inside = [i for i, w in enumerate(widgets) if box.isAncestorOf(w)]
        if inside:
            assert inside == list(range(inside[0], inside[-1] + 1)), \
                f"group {box.title()!r} is left and entered again: {[_name(form, widgets[i]) for i in inside]}"


def focusable_on_screen(form) -> set[QWidget]:
    return {w for w in form.findChildren(QWidget)
            if w.focusPolicy() & Qt.TabFocus and w.isVisibleTo(form) and w.isEnabled()}


def _lines_of(form, xpath: str):
    """The repeated-lines group (communications, routing, packaging) a field's line is in."""
    return form.field(xpath).parentWidget().parentWidget()


def test_tab_walks_the_whole_form_in_visual_order_with_lines_added_at_run_time(form, qtbot):
    form.load(samples.ferry_filing(items=2))
    form.set_full_view(True)
    # lines added while typing: a phone for the declarant, a third routing country, a second
    # packaging line on goods item 2 (the lines Qt would chain last)
    _lines_of(form, f"{ROOT}/declarant/communication[1]/identifier").add_button.click()
    _lines_of(form, f"{ROOT}/activeBorderTransportMeans/countriesOfRoutingOfMeansOfTransport[1]/country") \
        .add_button.click()
    goods = next(t for t in form._tables() if t.spec.name == "goodsItem")
    goods.select(1)
    _lines_of(form, f"{HOUSE}/goodsItem[2]/packaging[1]/shippingMarks").add_button.click()
    qtbot.wait(10)
    assert form.field(f"{HOUSE}/goodsItem[2]/packaging[2]/shippingMarks") is not None

    reached = walk_by_tab(qtbot, form, form.kind)

    assert reached[:3] == [form.kind, form.preset, form.full]  # the header row first
    assert set(reached) == focusable_on_screen(form), "some field cannot be reached with Tab"
    body = reached[3:]
    assert_reading_order(form, body)
    assert_groups_are_walked_whole(form, body)
    names = [_name(form, w) for w in body]
    # the lines added at run time sit where they are shown, not at the end
    for added, after in ((f"{ROOT}/declarant/communication[3]/identifier", f"{ROOT}/declarant/communication[2]/type"),
                         (f"{ROOT}/activeBorderTransportMeans/countriesOfRoutingOfMeansOfTransport[3]/country",
                          f"{ROOT}/activeBorderTransportMeans/countriesOfRoutingOfMeansOfTransport[2]/country"),
                         (f"{HOUSE}/goodsItem[2]/packaging[2]/shippingMarks",
                          f"{HOUSE}/goodsItem[2]/packaging[1]/typeOfPackages")):
        assert names.index(added) > names.index(after)
        assert names.index(added) - names.index(after) <= 2  # at most the "+ Add" button between
    assert names.index(f"{HOUSE}/goodsItem[2]/packaging[2]/typeOfPackages") < \
        names.index(f"{HOUSE}/goodsItem[2]/passiveBorderTransportMeans[1]/identificationNumber")


def test_tab_order_holds_in_the_simple_view_of_a_new_filing(form, qtbot):
    form.load(EnsDocument("IE3F50", {}))
    form.apply_preset("dover-calais-ferry")
    reached = walk_by_tab(qtbot, form, form.kind)
    assert set(reached) == focusable_on_screen(form)
    assert_reading_order(form, reached[3:])
    assert_groups_are_walked_whole(form, reached[3:])


def test_tab_from_the_postcode_reaches_the_phone_line_not_the_preset_ship(form, qtbot):
    doc = EnsDocument("IE3F50", {"declarant": {
        "name": "Transit Côte d'Opale SARL", "identificationNumber": "FR40123456700017",
        "address": {"city": "Calais", "country": "FR"},
        "communication": [{"identifier": "ens@transit-opale.fr", "type": "EM"}]}})
    form.load(doc)
    form.apply_preset("dover-calais-ferry")
    imo = form.field(f"{ROOT}/activeBorderTransportMeans/identificationNumber")
    assert imo.value() == "IMO9524231"
    # the agent adds the phone line, then types the address from the top
    _lines_of(form, f"{ROOT}/declarant/communication[1]/identifier").add_button.click()
    postcode = form.field(f"{ROOT}/declarant/address/postCode")
    assert postcode.isVisibleTo(form)  # C3034: mandatory for France, shown from the start
    postcode.setFocus()
    qtbot.keyClicks(postcode.edit, "62100")
    number = form.field(f"{ROOT}/declarant/address/number")
    assert number.isVisibleTo(form)  # R3002: street and number, shown from the start
    for _ in range(4):  # the number, e-mail, its type, the new phone line
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    phone = form.field(f"{ROOT}/declarant/communication[2]/identifier")
    assert QApplication.focusWidget() is phone.edit
    qtbot.keyClicks(phone.edit, "+33 321345678")
    qtbot.keyClick(phone.edit, Qt.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "TE")
    doc = form.document()
    assert doc.get("activeBorderTransportMeans/identificationNumber") == "IMO9524231"
    assert doc.data["declarant"]["address"]["postCode"] == "62100"
    assert doc.data["declarant"]["communication"][1] == {"identifier": "+33 321345678", "type": "TE"}


def test_in_goods_item_2_tab_from_the_description_reaches_the_hs_code(form, qtbot):
    form.load(EnsDocument("IE3F50", {}))
    form.apply_preset("dover-calais-ferry")
    goods = next(t for t in form._tables() if t.spec.name == "goodsItem")
    first = form.field(f"{HOUSE}/goodsItem[1]/commodity/descriptionOfGoods")
    first.setFocus()
    for text in ("Frozen chicken", "020714", "12450.75"):  # description, HS code, gross mass
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    goods.table.setFocus()
    qtbot.keyClick(goods.table, Qt.Key_Return)  # Enter on the goods table adds item 2
    description = form.field(f"{HOUSE}/goodsItem[2]/commodity/descriptionOfGoods")
    assert QApplication.focusWidget() is description.edit  # the item number is the form's
    qtbot.keyClicks(description.edit, "Chocolate")
    qtbot.keyClick(description.edit, Qt.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "180632")
    item = form.document().data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][1]
    assert item["commodity"]["commodityCode"]["harmonizedSystemSubHeadingCode"] == "180632"
    assert "weight" not in item  # nothing landed in Gross mass
    first_item = form.document().data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0]
    assert first_item["commodity"]["commodityCode"]["harmonizedSystemSubHeadingCode"] == "020714"
    assert first_item["weight"]["grossMass"] == "12450.75"


def test_a_refill_from_the_goods_catalogue_keeps_the_agent_on_goods_item_2(qtbot, tmp_path):
    """A description the catalogue knows fills HS code and package type in place: the form
    is bound again, and the agent stays on the goods item being typed."""
    import sqlite3

    from ics2desk.reuse import book

    conn = sqlite3.connect(tmp_path / "reuse.db")
    book.remember(conn, samples.ferry_filing(items=2))
    known = samples.ferry_filing(items=2).data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][1]
    form = EnsForm("IE3F50", "en", presets.load())
    qtbot.addWidget(form)
    form.set_reuse(conn)
    form.load(samples.ferry_filing(items=1))
    form.show()
    goods = next(t for t in form._tables() if t.spec.name == "goodsItem")
    goods.add()
    description = form.field(f"{HOUSE}/goodsItem[2]/commodity/descriptionOfGoods")
    qtbot.keyClicks(description.edit, known["commodity"]["descriptionOfGoods"])
    assert goods.current == 1
    item = form.document().data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][1]
    assert item["commodity"]["commodityCode"]["harmonizedSystemSubHeadingCode"] == \
        known["commodity"]["commodityCode"]["harmonizedSystemSubHeadingCode"]
    first = form.document().data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0]
    assert first["commodity"]["descriptionOfGoods"] != known["commodity"]["descriptionOfGoods"]
    form.set_reuse(None)
    conn.close()
