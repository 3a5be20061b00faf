"""Amending says so on the form's tab too: "Amend ENS <MRN>", back to "New ENS" after."""
from __future__ import annotations

import pytest

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.simulator import replies

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_form_tab_names_the_ens_being_amended(qtbot, main):
    store = main.store
    f = store.import_document(samples.ferry_filing(), new_lrn=True)
    store.queue(f.lrn)
    mrn = make_mrn(26, "FR", "AMENDTAB01")
    store.apply_reply(replies.registered(f.lrn, mrn, store.document(f.lrn)), "r01")
    page = main.window.findChild(type(main.form.parent()), "newPage") or main.form.parent()
    index = main.tabs.indexOf(page)
    assert main.tabs.tabText(index).replace("&", "") == "New ENS"
    main.on_action("amend", f.lrn)
    assert main.tabs.tabText(index) == f"Amend ENS {mrn}"
    main.set_language("fr")
    qtbot.waitUntil(lambda: main.tabs.tabText(index) == f"Modifier l'ENS {mrn}", timeout=3000)
    main.new_filing()
    assert main.tabs.tabText(index).replace("&", "") == "Nouvelle ENS"
