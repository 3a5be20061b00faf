"""Formats people type: numbers in the UI's language, dates as a booking says them (Paris time,
UTC beside), code fields completed by code and by name in any case, the name shown beside."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ics2desk import clock
from ics2desk.gui.form.ens_form import EnsForm
from ics2desk.xml.writer import to_bytes
from form_tools import shown_form

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = "/IE3F50"
ITEM = f"{ROOT}/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[1]"
MASS = f"{ITEM}/weight/grossMass"
ARRIVAL = f"{ROOT}/activeBorderTransportMeans/estimatedDateAndTimeOfArrival"
NBSP = "\u00a0"


def _form(qtbot, lang: str) -> EnsForm:
    return shown_form(qtbot, lang, "dover-calais-ferry")


@pytest.fixture
def fr_form(qtbot):
    return _form(qtbot, "fr")


@pytest.fixture
def en_form(qtbot):
    return _form(qtbot, "en")


def _type_and_leave(qtbot, form, xpath: str, text: str):
    """Click in the field, type, press Tab: what an agent does."""
    form.activateWindow()  # the offscreen platform leaves a closed popup active
    qtbot.waitActive(form)
    field = form.field(xpath)
    field.setFocus()
    qtbot.waitUntil(field.edit.hasFocus)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    popup = field.edit.completer().popup() if field.edit.completer() else None
    qtbot.keyClick(popup if popup is not None and popup.isVisible() else field.edit, Qt.Key_Tab)
    return field


def _mass(form) -> str:
    return form.document().get("consignmentMasterLevel/consignmentHouseLevel/goodsItem/weight/grossMass")


@pytest.mark.parametrize("typed", ["12 450,75", "12450,75", f"12{NBSP}450,75", "12.450,75", "12450.75"])
def test_french_numbers_are_kept_as_ics2_numbers(fr_form, qtbot, typed):
    field = _type_and_leave(qtbot, fr_form, MASS, typed)
    assert _mass(fr_form) == "12450.75"
    assert field.value() == f"12{NBSP}450,75"  # shown back the French way
    assert b"<grossMass>12450.75</grossMass>" in to_bytes(fr_form.document())
    fr_form.validate_now()
    assert not any(f.path == MASS for f in fr_form.all_findings())  # no "format attendu n..16,6"


@pytest.mark.parametrize("typed", ["12,450.75", "12450.75"])
def test_english_numbers_are_kept_as_ics2_numbers(en_form, qtbot, typed):
    field = _type_and_leave(qtbot, en_form, MASS, typed)
    assert _mass(en_form) == "12450.75"
    assert field.value() == "12,450.75"


def test_a_number_that_is_no_number_is_left_for_the_validator(fr_form, qtbot):
    _type_and_leave(qtbot, fr_form, MASS, "12,450,75")
    assert _mass(fr_form) == "12,450,75"
    fr_form.validate_now()
    assert any(f.path == MASS for f in fr_form.all_findings())


@pytest.fixture
def fixed_clock():
    # 1 December 2026, 19:00 in Calais (winter: UTC+1)
    with clock.using(clock.FixedClock(datetime(2026, 12, 1, 18, 0, 20, tzinfo=timezone.utc))) as c:
        yield c


@pytest.mark.parametrize("typed,utc", [
    ("01/12/26 21:15", "2026-12-01T20:15:00Z"),
    ("1/12 21h15", "2026-12-01T20:15:00Z"),
    ("01/12/2026 21:15", "2026-12-01T20:15:00Z"),
    ("21h15", "2026-12-01T20:15:00Z"),
    ("now", "2026-12-01T18:00:00Z"),
    ("maintenant", "2026-12-01T18:00:00Z"),
    ("+2h", "2026-12-01T20:00:00Z"),
    ("+1h30", "2026-12-01T19:30:00Z"),
    ("1/12 20:15 Londres", "2026-12-01T20:15:00Z"),  # a booking in UK time
    ("2026-12-01T20:15:00Z", "2026-12-01T20:15:00Z"),
])
def test_times_typed_at_the_desk_become_utc_with_utc_beside(fr_form, qtbot, fixed_clock, typed, utc):
    field = _type_and_leave(qtbot, fr_form, ARRIVAL, typed)
    assert fr_form.document().get("activeBorderTransportMeans/estimatedDateAndTimeOfArrival") == utc
    assert field.meaning.text() == f"{utc[:10]} {utc[11:16]} UTC"
    local = datetime.strptime(utc, "%Y-%m-%dT%H:%M:%SZ").replace(hour=int(utc[11:13]) + 1)  # Paris, winter
    assert field.value() == local.strftime("%d/%m/%Y %H:%M")  # shown back in Paris time
    fr_form.validate_now()
    assert not any(f.path == ARRIVAL and f.rule == "XSD" for f in fr_form.all_findings())


def test_a_saved_time_reads_in_paris_time_with_utc_beside(fr_form):
    doc = fr_form.document()
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = "2026-07-26T08:30:00Z"
    fr_form.load(doc)
    field = fr_form.field(ARRIVAL)
    assert field.value() == "26/07/2026 10:30"  # summer: UTC+2
    assert field.meaning.text() == "2026-07-26 08:30 UTC"


def _suggestions(field) -> list[str]:
    c = field.edit.completer()
    return [c.model().index(i, 0).data() for i in range(c.model().rowCount())]


def test_a_place_completes_by_name_and_shows_its_name_once_chosen(fr_form, qtbot):
    field = fr_form.field(f"{ROOT}/consignmentMasterLevel/placeOfLoading/UNLOCODE")
    field.setFocus()
    qtbot.waitUntil(lambda: field.edit.completer() is not None)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "Birm")
    assert _suggestions(field)[0] == "GBBHM  Birmingham (GB)"
    popup = field.edit.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    qtbot.waitUntil(lambda: field.value() == "GBBHM")
    assert fr_form.document().get("consignmentMasterLevel/placeOfLoading/UNLOCODE") == "GBBHM"
    assert field.meaning.text() == "Birmingham (GB)"


def test_a_package_type_completes_by_name(fr_form, qtbot):
    field = fr_form.field(f"{ITEM}/packaging[1]/typeOfPackages")
    field.setFocus()
    qtbot.waitUntil(lambda: field.edit.completer() is not None)
    qtbot.keyClicks(field.edit, "cart")
    assert "CT  Carton" in _suggestions(field)[:5]
    field.edit.completer().popup().hide()
    _type_and_leave(qtbot, fr_form, field.xpath, "carton")  # the whole name, then Tab: that is the code
    assert field.value() == "CT" and field.meaning.text() == "Carton"


def test_a_lowercase_code_is_the_code(fr_form, qtbot):
    field = _type_and_leave(qtbot, fr_form, f"{ROOT}/consignmentMasterLevel/consignee/address/country", "fr")
    assert fr_form.document().get("consignmentMasterLevel/consignee/address/country") == "FR"
    assert field.value() == "FR" and field.meaning.text() == "France"
    fr_form.validate_now()
    assert not [f for f in fr_form.all_findings() if f.path.endswith("consignee/address/country")]


def test_preset_codes_show_their_names(fr_form):
    """The codes a preset fills (10 / 157 / 30 / 395) read as words beside them."""
    means = f"{ROOT}/activeBorderTransportMeans"
    assert fr_form.field(f"{means}/typeOfIdentification").meaning.text().startswith("Numéro OMI")
    assert fr_form.field(f"{means}/nationality").meaning.text() == "Royaume-Uni"
    passive = fr_form.field(f"{ITEM}/passiveBorderTransportMeans[1]/typeOfMeansOfTransport")
    assert passive.value() == "395" and passive.meaning.text()


def test_the_language_switch_rereads_numbers_and_names(qtbot):
    form = _form(qtbot, "en")
    form.field(MASS).edit.setText("12450.75")
    form.set_language("fr")
    assert form.field(MASS).value() == f"12{NBSP}450,75"
    assert form.field(f"{ROOT}/activeBorderTransportMeans/nationality").meaning.text() == "Royaume-Uni"
    QApplication.processEvents()
