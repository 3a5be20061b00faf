"""A new ENS gets its LRN from the desk at the first save; the form shows it and locks it, so
the filing the agent queues is the one customs receive."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ics2desk import samples

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_new_filing_without_lrn_validates_saves_locks_and_queues(qtbot, main):
    doc = samples.ferry_filing()
    del doc.data["LRN"]
    main.new_filing(doc)
    form = main.form
    report = form.validate_now()
    assert report.valid and not [f for f in form.all_findings() if f.path == "/IE3F50/LRN"]
    lrn_field = form.field("/IE3F50/LRN")
    assert lrn_field.value() == "" and not lrn_field.edit.isReadOnly()
    qtbot.keyClick(form, Qt.Key_S, Qt.ControlModifier)
    lrn = main.editing_lrn
    assert lrn and lrn_field.value() == lrn and lrn_field.edit.isReadOnly()
    form.request_queue()
    assert main.store.get(lrn).state == "queued"
    assert [f.lrn for f in main.store.list_filings()] == [lrn]  # one filing, the one on screen


def test_an_lrn_typed_before_the_first_save_is_kept(qtbot, main):
    doc = samples.ferry_filing()
    del doc.data["LRN"]
    main.new_filing(doc)
    qtbot.keyClicks(main.form.field("/IE3F50/LRN").edit, "DUPONT2611250001")
    main.form.request_save()
    assert main.editing_lrn == "DUPONT2611250001"
    assert main.store.get("DUPONT2611250001").state == "draft"


def test_the_desk_assigns_lrns_with_the_prefix_of_its_settings_and_names_the_agent(qtbot, main, data_dir):
    from ics2desk.settings import Settings

    settings = Settings.load(data_dir)
    settings.lrn_prefix = "TCO"
    settings.save(data_dir)
    doc = samples.ferry_filing()
    del doc.data["LRN"]
    main.new_filing(doc)
    main.form.request_save()
    assert main.editing_lrn.startswith("TCO")  # as `ics2desk import --new-lrn` does
    trail = main.store.audit_trail(main.editing_lrn)
    assert {a["user"] for a in trail} == {main.store.user} and main.store.user != "desk"
