"""The date-time picker of the ENS form's time fields (issue 15 point 4): opened from the field by
Alt+Down or F4, a day and an hour chosen with keys only, the field then holds the same text and
the filing the same ICS2 UTC time as if the agent had typed it; Escape leaves everything as it was;
the picker's button is for the mouse and never in the Tab chain."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QDate, QLocale, QTime, Qt
from PySide6.QtWidgets import QApplication, QTableView, QToolButton

from ics2desk import clock
from ics2desk.gui.form.datetime_picker import DateTimePicker
from ics2desk.gui.form.ens_form import EnsForm
from ics2desk.xml.writer import to_bytes
from form_tools import shown_form

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = "/IE3F50"
ARRIVAL = f"{ROOT}/activeBorderTransportMeans/estimatedDateAndTimeOfArrival"
DEPARTURE = f"{ROOT}/activeBorderTransportMeans/estimatedDateAndTimeOfDeparture"
ISSUE = f"{ROOT}/documentIssueDate"
# 1 December 2026, 19:00:20 in Calais (winter: UTC+1)
NOW = datetime(2026, 12, 1, 18, 0, 20, tzinfo=timezone.utc)


@pytest.fixture
def fixed_clock():
    with clock.using(clock.FixedClock(NOW)) as c:
        yield c


def _form(qtbot, lang: str) -> EnsForm:
    return shown_form(qtbot, lang, "dover-calais-ferry")


@pytest.fixture
def fr_form(qtbot, fixed_clock):
    return _form(qtbot, "fr")


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    """A key where the keyboard sends it: the focused widget."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def open_by_keys(qtbot, form, xpath: str, key=Qt.Key_Down, modifier=Qt.AltModifier) -> DateTimePicker:
    field = form.field(xpath)
    form.scroll.ensureWidgetVisible(field)
    field.setFocus()
    qtbot.waitUntil(field.edit.hasFocus)
    press(qtbot, key, modifier)
    qtbot.waitUntil(lambda: field.picker is not None and field.picker.isVisible())
    picker = field.picker
    qtbot.waitUntil(lambda: picker.isAncestorOf(QApplication.focusWidget()))
    return picker


def test_a_day_and_an_hour_picked_by_keys_only_reach_the_field_and_the_filing(fr_form, qtbot):
    form = fr_form
    field = form.field(ARRIVAL)
    assert field.value() == ""
    picker = open_by_keys(qtbot, form, ARRIVAL)  # Alt+Down
    # an empty field opens on now, Paris time, to the minute
    assert picker.calendar.selectedDate() == QDate(2026, 12, 1)
    assert picker.time.time() == QTime(19, 0)
    assert picker.utc.text() == "2026-12-01 18:00 UTC"
    press(qtbot, Qt.Key_Right)  # tomorrow
    press(qtbot, Qt.Key_Tab)  # to the hour
    assert QApplication.focusWidget() is picker.time
    for key in (Qt.Key_2, Qt.Key_1, Qt.Key_1, Qt.Key_5):  # "2115"
        press(qtbot, key)
    assert picker.utc.text() == "2026-12-02 20:15 UTC"  # UTC beside, before taking it
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: field.picker is None)
    assert not picker.isVisible()
    qtbot.waitUntil(field.edit.hasFocus)  # back in the field: Tab goes on from here
    assert field.value() == "02/12/2026 21:15"  # the field's own way of showing a local time
    assert field.meaning.text() == "2026-12-02 20:15 UTC"
    assert form.document().get("activeBorderTransportMeans/estimatedDateAndTimeOfArrival") == "2026-12-02T20:15:00Z"
    assert b"<estimatedDateAndTimeOfArrival>2026-12-02T20:15:00Z</estimatedDateAndTimeOfArrival>" \
        in to_bytes(form.document())
    assert form.dirty
    form.validate_now()
    assert not any(f.path == ARRIVAL for f in form.all_findings())
    # the agent goes on with Tab, to the field after the arrival, as after typing
    after = form.fields_in_tab_order()[form.fields_in_tab_order().index(field) + 1]
    press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is after.edit


def test_f4_opens_on_the_fields_time_and_enter_on_a_day_takes_it(fr_form, qtbot):
    form = fr_form
    doc = form.document()
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfDeparture"] = "2026-07-26T08:30:00Z"
    form.load(doc)
    field = form.field(DEPARTURE)
    assert field.value() == "26/07/2026 10:30"
    picker = open_by_keys(qtbot, form, DEPARTURE, Qt.Key_F4, Qt.NoModifier)
    assert picker.calendar.selectedDate() == QDate(2026, 7, 26)  # the field's day, Paris time
    assert picker.time.time() == QTime(10, 30)
    press(qtbot, Qt.Key_PageDown)  # a month on
    press(qtbot, Qt.Key_Left)  # the day before
    press(qtbot, Qt.Key_Return)  # Enter on the calendar: that day at the hour shown
    qtbot.waitUntil(lambda: field.picker is None)
    assert field.value() == "25/08/2026 10:30"
    assert form.document().get("activeBorderTransportMeans/estimatedDateAndTimeOfDeparture") == "2026-08-25T08:30:00Z"


def test_escape_changes_nothing(fr_form, qtbot):
    form = fr_form
    doc = form.document()
    doc.data["documentIssueDate"] = "2026-11-30T16:45:10Z"  # with seconds
    form.load(doc)
    assert not form.dirty
    field = form.field(ISSUE)
    edits = []
    field.edited.connect(edits.append)
    picker = open_by_keys(qtbot, form, ISSUE)
    press(qtbot, Qt.Key_Down)
    press(qtbot, Qt.Key_Tab)
    press(qtbot, Qt.Key_Up)  # another hour
    assert picker.time.time() != QTime(17, 45)
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: field.picker is None)
    assert not picker.isVisible()
    qtbot.waitUntil(field.edit.hasFocus)
    assert field.value() == "30/11/2026 17:45:10"
    assert form.document().data["documentIssueDate"] == "2026-11-30T16:45:10Z"
    assert edits == [] and not form.dirty
    # and an empty field stays empty
    arrival = form.field(ARRIVAL)
    open_by_keys(qtbot, form, ARRIVAL)
    press(qtbot, Qt.Key_Right)
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: arrival.picker is None)
    assert arrival.value() == "" and "estimatedDateAndTimeOfArrival" not in form.document().data[
        "activeBorderTransportMeans"]


def test_taking_the_value_it_opened_on_keeps_the_field_as_it_was(fr_form, qtbot):
    form = fr_form
    doc = form.document()
    doc.data["documentIssueDate"] = "2026-11-30T16:45:10Z"
    form.load(doc)
    field = form.field(ISSUE)
    open_by_keys(qtbot, form, ISSUE)
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: field.picker is None)
    assert form.document().data["documentIssueDate"] == "2026-11-30T16:45:10Z"  # its seconds too
    assert not form.dirty


def test_every_time_field_has_a_picker_button_outside_the_tab_chain(fr_form, qtbot):
    form = fr_form
    times = [f for f in form.ctx.fields if f.kind == "time"]
    assert {ISSUE, ARRIVAL, DEPARTURE} <= {f.xpath for f in times}
    for f in times:
        assert f.pick is not None and f.pick.focusPolicy() == Qt.NoFocus
        assert f.pick not in form.focus_chain()
    assert all(f.pick is None for f in form.ctx.fields if f.kind != "time")
    # the mouse way: a click on the button opens the same picker
    field = form.field(ARRIVAL)
    form.scroll.ensureWidgetVisible(field)
    qtbot.mouseClick(field.pick, Qt.LeftButton)
    qtbot.waitUntil(lambda: field.picker is not None and field.picker.isVisible())
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: field.picker is None)


def test_a_locked_time_field_opens_no_picker(fr_form, qtbot):
    form = fr_form
    field = form.field(ARRIVAL)
    field.set_locked(True)
    assert not field.pick.isEnabled()
    field.setFocus()
    qtbot.waitUntil(field.edit.hasFocus)
    press(qtbot, Qt.Key_F4)
    assert field.picker is None


@pytest.mark.parametrize("lang,month,first", [("fr", "décembre", "lun."), ("en", "December", "Mon")])
def test_the_calendar_speaks_the_ui_language(qtbot, fixed_clock, lang, month, first):
    form = _form(qtbot, lang)
    picker = open_by_keys(qtbot, form, ARRIVAL)
    assert picker.calendar.locale().language() == (QLocale.French if lang == "fr" else QLocale.English)
    month_button = picker.calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month_button.text() == month
    view = picker.calendar.findChild(QTableView, "qt_calendar_calendarview")
    days = view.model()
    assert str(days.index(0, 0).data()).lower().startswith(first.lower())  # weeks start on Monday
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: form.field(ARRIVAL).picker is None)
