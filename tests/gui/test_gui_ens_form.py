"""The generated ENS form: keyboard-only entry, rules shown on fields, IE3N99 errors, locks."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ics2desk import samples
from ics2desk.gui.form.ens_form import EnsForm
from ics2desk.model import EnsDocument
from ics2desk.replies import ReplyError
from ics2desk.reuse import presets
from ics2desk.validate import validate_document

# the offscreen platform cannot raise popups or resize to hints; nothing the agent sees
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def form(qtbot):
    f = EnsForm("IE3F50", "en", presets.load())
    qtbot.addWidget(f)
    f.resize(1200, 900)
    f.show()
    qtbot.waitExposed(f)
    return f


def _leaf_values(doc: EnsDocument) -> dict[str, str]:
    """Every value of a filing by XPath, to type it into the form."""
    out = {}

    def walk(node, xpath, spec_children):
        for el in spec_children:
            if el.name not in node:
                continue
            v = node[el.name]
            if el.is_group:
                items = v if isinstance(v, list) else [v]
                for i, item in enumerate(items, 1):
                    walk(item, f"{xpath}/{el.name}[{i}]" if el.repeats else f"{xpath}/{el.name}", el.children)
            else:
                out[f"{xpath}/{el.name}"] = v

    walk(doc.data, f"/{doc.message_id}", doc.spec.root.children)
    return out


def test_complete_f50_typed_with_the_keyboard_only_is_valid_and_saved(form, qtbot):
    target = samples.ferry_filing("KBD26112500001", items=1)
    del target.data["representative"]  # the lodging person files for itself
    del target.data["declarant"]["communication"][1:]
    del target.data["consignmentMasterLevel"]["carrier"]["communication"]  # optional: no line until added
    values = _leaf_values(target)
    saved = []
    form.save_requested.connect(saved.append)
    form.ctx.fields[0].setFocus()
    qtbot.keyClick(form.ctx.fields[0].edit, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)  # full view
    fields = form.fields_in_tab_order()
    qtbot.waitUntil(lambda: form.focusWidget() is fields[0].edit)
    typed = {p for p in values if p.endswith(("sequenceNumber", "goodsItemNumber"))}  # numbered by the form
    # walk the whole form with Tab, typing what the paper filing says in each field reached
    for _ in range(1500):
        w = form.focusWidget()
        f = next((f for f in form.ctx.fields if f.edit is w), None)
        if f is not None and f.xpath in values and f.xpath not in typed and not f.edit.isReadOnly():
            f.edit.selectAll()
            qtbot.keyClicks(w, values[f.xpath])
            typed.add(f.xpath)
        qtbot.keyClick(w, Qt.Key_Tab)
        if set(values) <= typed:
            break
    qtbot.keyClick(form.focusWidget(), Qt.Key_S, Qt.ControlModifier)
    assert saved, "Ctrl+S saved nothing"
    doc = saved[-1]
    assert validate_document(doc).valid, [(f.rule, f.path) for f in validate_document(doc).errors]
    got, want = _leaf_values(doc), _leaf_values(target)
    assert {k: v for k, v in got.items() if want.get(k) != v} == {}
    assert set(got) == set(want)


def test_invalid_field_shows_its_rule_on_the_field(form, qtbot):
    form.load(samples.ferry_filing())
    route = "/IE3F50/activeBorderTransportMeans/countriesOfRoutingOfMeansOfTransport[1]/country"
    field = form.field(route)
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "DE")  # routing must start in GB for Calais: R3013/R3014 family
    qtbot.waitUntil(lambda: field.error.isVisible(), timeout=2000)
    assert field.error.text().split(" — ")[0].startswith(("R30", "C30"))
    assert field.edit.property("invalid") is True
    assert "problem" in form.status.text()


def test_missing_mandatory_fields_block_queueing_and_focus_the_first(form, qtbot):
    queued = []
    form.queue_requested.connect(queued.append)
    qtbot.keyClick(form.ctx.fields[0].edit, Qt.Key_Return, Qt.ControlModifier)
    assert not queued
    issued = form.field("/IE3F50/documentIssueDate")
    assert issued.error.isVisible() and "XSD" in issued.error.text()
    assert not form.field("/IE3F50/LRN").error.isVisible()  # the desk assigns it at the first save
    assert form.findings.count() > 10


def test_valid_filing_is_queued_with_ctrl_enter(form, qtbot):
    form.load(samples.shuttle_filing())
    with qtbot.waitSignal(form.queue_requested) as sig:
        qtbot.keyClick(form.ctx.fields[0].edit, Qt.Key_Return, Qt.ControlModifier)
    assert sig.args[0].lrn == "TCO26112500002"


def test_ie3n99_errors_land_on_the_same_fields(form):
    form.load(samples.ferry_filing())
    path = "/IE3F50/consignmentMasterLevel/transportDocumentMasterLevel/documentNumber"
    form.set_remote_errors([ReplyError("12", path, "Document number unknown to the carrier")])
    assert form.field(path).error.isVisible()
    assert "IE3N99 12" in form.field(path).error.text()


def test_enter_on_the_goods_table_adds_a_numbered_row(form, qtbot):
    form.load(samples.ferry_filing(items=1))
    table = form.findChild(type(form.sec_houses.table), "table_goodsItem")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key_Return)
    assert table.rowCount() == 2
    assert table.item(1, 0).text() == "2"
    # the new item inherits the truck as passive means
    house = form.document().data["consignmentMasterLevel"]["consignmentHouseLevel"][0]
    assert house["goodsItem"][1]["passiveBorderTransportMeans"][0]["identificationNumber"] == "AB12CDE"


def test_unamendable_fields_are_marked_and_locked_for_an_amendment(form):
    form.load(samples.ferry_filing())
    office = form.field("/IE3F50/customsOfficeOfFirstEntry/referenceNumber")
    name = form.field("/IE3F50/declarant/name")
    assert "\u2020" in office.label_text() and "\u2020" not in name.label_text()
    form.set_locked(True)
    assert office.edit.isReadOnly() and not name.edit.isReadOnly()


def test_shuttle_preset_moves_the_truck_to_active_means(form):
    form.load(samples.ferry_filing())
    form.apply_preset("folkestone-coquelles-shuttle")
    doc = form.document()
    assert doc.get("activeBorderTransportMeans/ModeOfTransport") == "3"
    assert doc.get("activeBorderTransportMeans/identificationNumber") == "AB12CDE"
    assert doc.get("consignmentMasterLevel/placeOfUnloading/UNLOCODE") == "FRCQS"
    assert form.field("/IE3F50/customsOfficeOfFirstEntry/referenceNumber").value() == "FR620001"


def test_simple_view_hides_optional_fields_full_view_shows_them(form):
    sub = form.field("/IE3F50/declarant/address/subDivision")
    assert not sub.isVisibleTo(form)
    form.set_full_view(True)
    assert sub.isVisibleTo(form)


def test_findings_say_whose_field_they_are():
    from ics2desk.gui.form.ens_form import field_place

    consignee = field_place("IE3F50", "/IE3F50/consignmentMasterLevel/consignee/address/city")
    carrier = field_place("IE3F50", "/IE3F50/consignmentMasterLevel/carrier/address/city")
    assert consignee == "Consignee › Address › City" and carrier == "Carrier › Address › City"
    item = field_place("IE3F50", "/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[2]/weight/grossMass")
    assert item == "Consignment (House level) 1 › Goods item 2 › Weight › Gross mass"


def test_a_paris_time_typed_from_a_booking_becomes_utc(form, qtbot):
    field = form.field("/IE3F50/activeBorderTransportMeans/estimatedDateAndTimeOfArrival")
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "26/11/2026 11:30")
    field.edit.editingFinished.emit()  # what leaving the field does
    assert field.value() == "26/11/2026 11:30"  # the agent keeps seeing Paris time...
    assert field.meaning.text() == "2026-11-26 10:30 UTC"  # ...with UTC beside it
    assert form.document().data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] == \
        "2026-11-26T10:30:00Z"


def test_field_hints_follow_the_ui_language(qtbot):
    from ics2desk.gui import i18n
    from ics2desk.gui.form.ens_form import EnsForm

    i18n.set_language("fr")
    try:
        form = EnsForm("IE3F50", "fr")
        qtbot.addWidget(form)
        assert form.field("/IE3F50/LRN").edit.placeholderText() == "jusqu'à 22 caractères"
    finally:
        i18n.set_language("en")
