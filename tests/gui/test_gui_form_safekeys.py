"""Safe keys: nothing the agent typed is thrown away without a question (Cancel by default),
Invalidate defaults to No and keeps the agent's reason in the audit trail, and Space/Enter act
only on the focused widget (no stray "New filing from this one" after a dialog)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.simulator import replies as sim_replies

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

NAME = "/IE3F50/declarant/name"


def _answer_modal(qtbot, act):
    """Run `act(dialog)` on the next modal dialog, once it is up (QMessageBox.exec blocks)."""
    seen = []
    _POLLS.append(seen)

    def poll():
        if seen and seen[-1] is _STOP:
            return  # the test is over: a question that never came must not haunt later tests
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(20, poll)
            return
        seen.append(w)
        act(w)

    QTimer.singleShot(0, poll)
    return seen


_POLLS: list[list] = []
_STOP = object()


@pytest.fixture(autouse=True)
def _stop_polls():
    yield
    while _POLLS:
        _POLLS.pop().append(_STOP)


def _type_a_name(qtbot, main, text="Transports Dupont SARL"):
    main.new_filing()
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)
    field = main.form.field(NAME)
    field.setFocus()
    qtbot.waitUntil(field.edit.hasFocus)
    qtbot.keyClicks(field.edit, text)
    assert main.form.dirty
    return field


def _ctrl_n(qtbot, main):
    """Ctrl+N from the field the agent is in (the offscreen platform leaves a closed dialog
    active: the window is made active again first)."""
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)
    target = main.form.field(NAME).edit
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    qtbot.keyClick(target, Qt.Key_N, Qt.ControlModifier)


def test_ctrl_n_on_a_modified_form_asks_and_enter_keeps_the_work(qtbot, main):
    field = _type_a_name(qtbot, main)
    asked = _answer_modal(qtbot, lambda box: qtbot.keyClick(box, Qt.Key_Return))
    _ctrl_n(qtbot, main)
    assert asked and isinstance(asked[0], QMessageBox)
    box = asked[0]
    assert box.defaultButton().text() == "Keep editing" and box.escapeButton() is box.defaultButton()
    assert main.form.field(NAME) is field and field.value() == "Transports Dupont SARL"
    assert main.tabs.currentIndex() == 1


def test_space_and_escape_keep_the_work_too(qtbot, main):
    field = _type_a_name(qtbot, main)
    for key in (Qt.Key_Space, Qt.Key_Escape):  # Space presses the focused button: the default one
        asked = _answer_modal(qtbot, lambda box, k=key: qtbot.keyClick(box.focusWidget() or box, k))
        _ctrl_n(qtbot, main)
        assert asked
        assert field.value() == "Transports Dupont SARL"


def test_discarding_is_a_choice_and_saving_first_keeps_a_draft(qtbot, main):
    _type_a_name(qtbot, main)
    _answer_modal(qtbot, lambda box: next(b for b in box.buttons() if b.text() == "Discard changes").click())
    _ctrl_n(qtbot, main)
    assert main.form.field(NAME).value() == "" and not main.form.dirty

    _type_a_name(qtbot, main, "Frais du Nord SAS")
    _answer_modal(qtbot, lambda box: next(b for b in box.buttons() if b.text().startswith("Save draft")).click())
    main.new_filing()
    assert main.form.field(NAME).value() == ""
    drafts = main.store.list_filings()
    assert [f.state for f in drafts] == ["draft"]
    assert main.store.document(drafts[0].lrn).get("declarant/name") == "Frais du Nord SAS"


def test_an_untouched_form_is_replaced_without_a_question(qtbot, main):
    main.new_filing()
    main.form.field(NAME).setFocus()  # walking through fields changes nothing
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    goods = next(t for t in main.form._tables() if t.spec.name == "goodsItem")
    goods.select(0)
    assert not main.form.dirty
    asked = _answer_modal(qtbot, lambda box: box.reject())
    _ctrl_n(qtbot, main)
    qtbot.wait(50)
    assert not asked


def test_opening_another_filing_over_unsaved_work_asks(qtbot, main):
    main.store.import_document(samples.ferry_filing("ASK26112500001"), user="test")
    _type_a_name(qtbot, main)
    asked = _answer_modal(qtbot, lambda box: qtbot.keyClick(box, Qt.Key_Return))
    main.on_action("edit", "ASK26112500001")
    assert asked
    assert main.form.field(NAME).value() == "Transports Dupont SARL" and main.editing_lrn is None


def _registered(main, lrn):
    doc = samples.ferry_filing(lrn)
    main.store.import_document(doc, user="test")
    main.store.queue(lrn, user="test")
    main.store.apply_reply(sim_replies.registered(lrn, make_mrn(26, "FR", "SAFE0000001"), doc), f"tid-{lrn}")
    main.filings.reload()
    main.filings.select(lrn)
    return doc


def test_invalidate_defaults_to_no(qtbot, main):
    lrn = "INV26112500001"
    _registered(main, lrn)

    def press_enter_then_escape(dialog):
        assert dialog.objectName() == "invalidateDialog"
        assert not dialog.invalidate_button.isEnabled()  # no reason, no invalidation
        assert dialog.cancel_button.isDefault()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Return)  # a new line in the reason box
        qtbot.keyClick(dialog, Qt.Key_Escape)

    asked = _answer_modal(qtbot, press_enter_then_escape)
    main.filings.detail.buttons["invalidate"].click()
    assert asked
    assert main.store.get(lrn).state == "registered"
    assert not [a for a in main.store.audit_trail(lrn) if a["action"] == "invalidate_reason"]


def test_invalidate_asks_a_reason_and_keeps_it_in_the_audit_trail(qtbot, main):
    lrn = "INV26112500002"
    _registered(main, lrn)

    def give_reason(dialog):
        qtbot.keyClicks(dialog.reason, "Truck cancelled by the haulier")
        assert dialog.invalidate_button.isEnabled()
        qtbot.keyClick(dialog.reason, Qt.Key_Tab)  # -> Cancel
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)  # -> Invalidate
        assert dialog.focusWidget() is dialog.invalidate_button
        qtbot.keyClick(dialog.invalidate_button, Qt.Key_Space)

    asked = _answer_modal(qtbot, give_reason)
    main.filings.detail.buttons["invalidate"].click()
    assert asked
    assert main.store.get(lrn).state == "invalidating"
    reasons = [a for a in main.store.audit_trail(lrn) if a["action"] == "invalidate_reason"]
    assert [r["detail"] for r in reasons] == ["Truck cancelled by the haulier"]


def test_detail_buttons_never_keep_the_focus_or_act_as_default(main):
    for b in main.filings.detail.buttons.values():
        assert not b.autoDefault() and not b.isDefault()
        assert not b.focusPolicy() & Qt.ClickFocus  # a click leaves the focus where it was


def test_space_after_the_rfi_dialog_does_not_copy_the_filing(qtbot, main):
    lrn = "RFI26112500001"
    doc = _registered(main, lrn)
    mrn = main.store.get(lrn).mrn
    main.store.apply_reply(sim_replies.information_request(mrn, doc, "REF-1"), f"tid-q02-{lrn}")
    main.filings.reload()
    main.filings.select(lrn)
    main.filings.view.setFocus()
    detail = main.filings.detail
    qtbot.mouseClick(detail.buttons["answer"], Qt.LeftButton)
    dialog = main._rfi_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault() or b.autoDefault()] == []
    next(iter(dialog.answers.values())).setPlainText("Invoice 4711: frozen chips, 24 pallets")
    dialog.send_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert main.store.get(lrn).state == "info_answered"
    main.window.activateWindow()
    qtbot.waitActive(main.window)
    copied = []
    detail.action.connect(lambda action, _lrn: copied.append(action))
    focus = QApplication.focusWidget()
    assert focus not in detail.buttons.values()
    qtbot.keyClick(focus, Qt.Key_Space)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert copied == [] and main.tabs.currentIndex() == 0 and main.form.field(NAME).value() == ""
