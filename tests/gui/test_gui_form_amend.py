"""Amendment mode (issue 15 point 7): the form says which ENS it amends, what cannot change is
locked and looks it, and Ctrl+Enter first shows what the amendment changes, side by side;
nothing goes unless the agent chooses "Send amendment"."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ics2desk import samples
from ics2desk.gui.form.amend_preview import AmendmentPreview
from form_tools import shown_form

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = "/IE3F50"
MRN = "26FRAMEND000001CT2"
HOUSE = f"{ROOT}/consignmentMasterLevel/consignmentHouseLevel[1]"


@pytest.fixture
def form(qtbot):
    f = shown_form(qtbot)
    doc = samples.ferry_filing("AMEND0000001", items=2)
    f.load(doc)
    f.set_locked(True)
    f.set_amendment(MRN)
    return f


def _preview_answer(qtbot, press):
    """Answer the preview when it opens (it is modal); returns what it showed."""
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AmendmentPreview):
            QTimer.singleShot(20, answer)
            return
        t = dialog.table
        seen["rows"] = [tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())]
        seen["default"] = next(b.text() for b in (dialog.keep_button, dialog.send_button) if b.isDefault())
        press(dialog)

    QTimer.singleShot(0, answer)
    return seen


def test_the_banner_names_the_ens_and_what_cannot_change_is_locked(form):
    assert form.amend_banner.isVisible()
    assert f"Amending the ENS {MRN}" in form.amend_label.text()
    ship = form.field(f"{ROOT}/activeBorderTransportMeans/identificationNumber")
    locked = [f for f in form.ctx.fields if f.locked_after_filing]
    assert locked and all(f.edit.isReadOnly() and f.edit.property("locked") for f in locked)
    free = form.field(f"{HOUSE}/goodsItem[1]/weight/grossMass")
    assert not free.edit.isReadOnly() and not free.edit.property("locked")
    assert ship.edit.isReadOnly() == ship.locked_after_filing
    form.set_locked(False)  # a new filing afterwards: no banner, nothing locked
    assert not form.amend_banner.isVisible()
    assert not any(f.edit.isReadOnly() for f in locked if not f.auto_numbered)


def test_ctrl_enter_previews_the_changes_and_keep_editing_sends_nothing(form, qtbot):
    queued = []
    form.queue_requested.connect(queued.append)
    mass = form.field(f"{HOUSE}/goodsItem[1]/weight/grossMass")
    mass.setFocus()
    mass.edit.selectAll()
    qtbot.keyClicks(mass.edit, "8500")
    arrival = form.field(f"{ROOT}/activeBorderTransportMeans/estimatedDateAndTimeOfArrival")
    later = samples.departure_plus(form.data, timedelta(hours=2))
    arrival.edit.setText(later)
    seen = _preview_answer(qtbot, lambda d: qtbot.keyClick(d.keep_button, Qt.Key_Return))
    qtbot.keyClick(mass.edit, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: "rows" in seen)
    assert not queued
    assert seen["default"] == "Keep editing"
    where = [r[0] for r in seen["rows"]]
    assert any(w.endswith("Gross mass") and "Goods item 1" in w for w in where)
    mass_row = next(r for r in seen["rows"] if r[0].endswith("Gross mass"))
    assert mass_row[1:] == ("8,400.000", "8,500")  # registered | amended, as the form shows numbers
    assert any(w.endswith("Estimated date and time of arrival") for w in where)
    assert len(seen["rows"]) == 2  # nothing else changed; the issue date the desk sets is not a change


def test_send_amendment_queues_it(form, qtbot):
    queued = []
    form.queue_requested.connect(queued.append)
    marks = form.field(f"{HOUSE}/goodsItem[1]/packaging[1]/shippingMarks")
    marks.setFocus()
    marks.edit.selectAll()
    qtbot.keyClicks(marks.edit, "MF-009")
    seen = _preview_answer(qtbot, lambda d: qtbot.mouseClick(d.send_button, Qt.LeftButton))
    qtbot.keyClick(marks.edit, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(queued))
    assert seen["rows"][0][1:] == ("MF-001", "MF-009")
    assert queued[0].get("consignmentMasterLevel/consignmentHouseLevel/goodsItem/packaging/shippingMarks") == "MF-009"


def test_an_amendment_without_changes_is_not_sent(form, qtbot):
    queued = []
    form.queue_requested.connect(queued.append)
    form.request_queue()
    assert not queued and "Nothing changed" in form.status.text()
