"""The window is a front end of its Desk: what a desk step changed shows at once, the detail's
buttons are the desk's allowed actions, and the Incidents panel audits under the desk's user."""
from __future__ import annotations

import pytest

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.simulator import replies as sim_replies

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_a_desk_step_shows_in_the_list_and_the_outbox_without_a_reload(qtbot, main):
    lrn = main.desk.save(samples.ferry_filing("WIRE26112500001"))  # not through the form
    assert main.filings.model.row_of(lrn) >= 0
    main.desk.queue(lrn)
    assert [i.lrn for i in main.outbox.items] == [lrn] and main.queued_label.text() == "1 queued"


def test_the_detail_offers_what_the_desk_allows(qtbot, main):
    doc = samples.ferry_filing("WIRE26112500002")
    main.store.import_document(doc, user="cli")
    main.store.queue(doc.lrn, user="cli")
    main.store.apply_reply(sim_replies.registered(doc.lrn, make_mrn(26, "FR", "WIRE0000002"), doc), "tid-wire")
    main.filings.reload()
    main.filings.select(doc.lrn)
    enabled = [name for name, b in main.filings.detail.buttons.items() if b.isEnabled()]
    assert enabled == main.desk.allowed_actions("registered") == ["amend", "invalidate", "copy", "print"]


def test_the_incidents_panel_and_its_worker_name_the_desk_user(qtbot, main):
    panel = main.incidents
    assert panel.user == main.desk.user == main.store.user
    assert panel.worker.user == main.desk.user
