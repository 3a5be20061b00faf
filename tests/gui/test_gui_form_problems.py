"""Problems without whack-a-mole: an untouched form (also one a crossing preset just filled)
claims no problems; the groups the agent works in speak as they type; Ctrl+Enter lists
everything; the problem list is in the form's order and keeps it (and its current line)
while the agent fixes things."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ics2desk.gui.form.ens_form import EnsForm
from ics2desk.model import EnsDocument
from ics2desk.reuse import presets

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = "/IE3F50"


@pytest.fixture
def form(qtbot):
    f = EnsForm("IE3F50", "en", presets.load())
    qtbot.addWidget(f)
    f.resize(1300, 740)
    f.load(EnsDocument("IE3F50", {}))
    f.show()
    f.activateWindow()
    qtbot.waitActive(f)
    return f


def _listed(form) -> list[tuple[str, str]]:
    return [(form.findings.item(i).data(Qt.UserRole), form.findings.item(i).data(Qt.UserRole + 1))
            for i in range(form.findings.count())]


def _errors_on_fields(form) -> list[str]:
    return [f.xpath for f in form.ctx.fields if f.error.isVisible()]


def test_an_untouched_form_and_a_preset_claim_no_problems(form):
    assert form.findings.count() == 0 and _errors_on_fields(form) == []
    assert "problem" not in form.status.text()
    form.apply_preset("dover-calais-ferry")
    assert form.findings.count() == 0 and _errors_on_fields(form) == []
    assert "problem" not in form.status.text() and form.status.text() == "Not complete yet" and "Ctrl+Enter" in form.status.toolTip()
    assert not form.validate_now().valid  # nothing is hidden from the queue, only from the eyes


def test_the_group_being_typed_speaks(form, qtbot):
    form.apply_preset("dover-calais-ferry")
    city = form.field(f"{ROOT}/declarant/address/city")
    city.setFocus()
    qtbot.keyClicks(city.edit, "Calais")
    qtbot.keyClick(city.edit, Qt.Key_Tab)
    qtbot.keyClicks(form.focusWidget(), "FR")
    form.validate_now()
    listed = _listed(form)
    assert listed, "the address being typed says what it still needs"
    assert all(path.startswith(f"{ROOT}/declarant/address") for path, _ in listed), listed
    assert (f"{ROOT}/declarant/address/postCode", "C3034") in listed  # France: postcode required
    assert "problem" in form.status.text()


def test_ctrl_enter_lists_everything_in_the_order_of_the_form(form, qtbot):
    form.apply_preset("dover-calais-ferry")
    form.ctx.fields[0].setFocus()
    qtbot.keyClick(form.ctx.fields[0].edit, Qt.Key_Return, Qt.ControlModifier)
    listed = _listed(form)
    assert len(listed) > 10
    keys = [form._place_key(path) for path, _ in listed]
    assert keys == sorted(keys)
    sections = [k[0] for k in keys]
    assert sections[0] == 0 and sections == sorted(sections)  # declaration first, goods later
    assert any("/goodsItem[" in path for path, _ in listed)


def test_the_list_keeps_its_order_and_its_current_line_while_typing(form, qtbot):
    form.apply_preset("dover-calais-ferry")
    form.request_queue()  # strict: everything listed
    before = _listed(form)
    target = next(p for p in before if "consignee" in p[0])
    form.findings.setCurrentRow(before.index(target))
    name = form.field(f"{ROOT}/declarant/name")
    name.setFocus()
    qtbot.keyClicks(name.edit, "Transit Opale")  # fixes a problem above the current line
    form.validate_now()
    after = _listed(form)
    assert (f"{ROOT}/declarant/name", "XSD") in before and (f"{ROOT}/declarant/name", "XSD") not in after
    assert [p for p in before if p in after] == after  # nothing moved, one line left
    current = form.findings.currentItem()
    assert (current.data(Qt.UserRole), current.data(Qt.UserRole + 1)) == target


def test_validation_while_typing_runs_in_the_background_and_stale_results_are_dropped(qtbot, monkeypatch):
    """The GUI thread does not wait on a validation (239 ms for 1,000 goods items); a result
    that comes back for an older version of the form is never shown."""
    import threading
    import time

    from ics2desk import samples
    from ics2desk.gui.form import ens_form

    real = ens_form.validate_document
    threads, slow = [], [True]

    def validate(doc, registered=None):
        threads.append(threading.current_thread())
        if slow[0]:
            slow[0] = False
            time.sleep(0.5)  # the agent types again meanwhile
        return real(doc, registered)

    form = EnsForm("IE3F50", "en", presets.load())
    qtbot.addWidget(form)
    form.load(samples.ferry_filing())
    monkeypatch.setattr(ens_form, "validate_document", validate)
    shown = []
    form.validated.connect(shown.append)
    route = form.field(f"{ROOT}/activeBorderTransportMeans/countriesOfRoutingOfMeansOfTransport[1]/country")
    route.edit.setText("DE")  # Calais routing must start in GB: an error, if it were shown
    qtbot.waitUntil(lambda: len(threads) == 1, timeout=2000)  # the slow validation started
    started = time.monotonic()
    route.edit.setText("GB")  # typed again: the first result is stale before it arrives
    assert time.monotonic() - started < 0.1  # typing did not wait for it
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    form.wait_for_validation()
    qtbot.wait(50)
    assert len(threads) == 2 and all(t is not threading.main_thread() for t in threads)
    assert len(shown) == 1  # only the validation of the form as it is now was shown
    assert not any(f.path == route.xpath for f in shown[0].findings)
    assert not route.error.isVisible()
