"""A Do Not Load reaches the agent even when the list shows other trucks (filtered or scrolled)."""
from __future__ import annotations

import pytest

from ics2desk import samples
from ics2desk.gui.demo import start_simulator
from ics2desk.gui.main_window import MainWindow
from ics2desk.gui.sender_worker import SenderWorker
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def desk(qtbot, data_dir):
    server = start_simulator(data_dir)
    store = open_store(data_dir)
    sender = SenderWorker(data_dir, interval=0.2)
    main = MainWindow(store, data_dir, "en", sender=sender)
    qtbot.addWidget(main.window)
    main.window.show()
    sender.start()
    yield main, store
    main.shutdown()
    store.close()
    server.close()


def test_do_not_load_is_announced_for_a_filing_not_on_screen(qtbot, desk):
    main, store = desk
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
