"""A Do Not Load reaches the agent even when the list shows other trucks (filtered or scrolled)."""
from __future__ import annotations

import pytest

from ics2desk import samples

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_do_not_load_is_announced_for_a_filing_not_on_screen(qtbot, desk):
    main, store = desk.main, desk.store
    main.filings.model.set_query("SOMEONE ELSE")  # the agent is looking at another truck
    qtbot.wait(300)  # the first status pass notes where the message log stands
    doc = samples.ferry_filing("DNL26112500001")
    doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0]["commodity"][
        "descriptionOfGoods"] += " DNL-DRILL"
    store.import_document(doc, user="t")
    store.queue("DNL26112500001", user="t")
    main.sender.wake()
    with qtbot.waitSignal(main.notify, timeout=15_000,
                          check_params_cb=lambda lrn, state: lrn == "DNL26112500001" and state == "do_not_load"):
        pass
    assert main.filings.model.rowCount() == 0  # it was never in the list on screen
