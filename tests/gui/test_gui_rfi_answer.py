"""The demo's filing that customs asked about (IE3Q02): "Answer request" builds an IE3R02 that
follows the XSD, queues it through the outbox, and the simulator takes it."""
from __future__ import annotations

import pytest

from ics2desk.gui.demo import fill_demo, start_simulator
from ics2desk.gui.main_window import MainWindow
from ics2desk.gui.filings.rfi_dialog import schema_problems
from ics2desk.gui.sender_worker import SenderWorker
from ics2desk.store import open_store
from ics2desk.xml.reader import from_bytes

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

RFI_LRN = "DEMO2611000008"  # the demo filing whose goods carry RFI-DRILL


@pytest.fixture
def desk(qtbot, data_dir):
    server = start_simulator(data_dir)
    store = open_store(data_dir)
    fill_demo(store)
    sender = SenderWorker(data_dir, interval=0.2)
    main = MainWindow(store, data_dir, "en", sender=sender)
    qtbot.addWidget(main.window)
    main.window.show()
    sender.start()
    qtbot.waitUntil(lambda: store.get(RFI_LRN).state == "info_requested", timeout=15_000)
    main.filings.reload()
    main.filings.select(RFI_LRN)
    yield main, store
    main.shutdown()
    store.close()
    server.close()


def test_answer_request_queues_a_schema_valid_ie3r02(qtbot, desk, tmp_path):
    main, store = desk
    button = main.filings.detail.buttons["answer"]
    assert button.isEnabled()
    button.click()
    dialog = main._rfi_dialog
    assert dialog.isVisible()
    (ref, answer), = dialog.answers.items()
    dialog.send_button.click()  # empty answer refused, nothing queued
    assert "Type an answer" in dialog.problems.text() and store.get(RFI_LRN).state == "info_requested"
    invoice = tmp_path / "invoice-4711.pdf"
    invoice.write_bytes(b"%PDF-1.4 invoice")
    answer.setPlainText("Commercial invoice 4711 attached; goods are frozen chips. " * 12)  # > 512 chars
    dialog.add_attachment(ref, str(invoice), "Commercial invoice")
    dialog.send_button.click()
    assert not dialog.isVisible() and dialog.queued_item
    assert store.get(RFI_LRN).state == "info_answered"
    items = [i for i in store.outbox_items() if i.lrn == RFI_LRN and i.message_type == "IE3R02"]
    assert items
    r02 = store.versions(RFI_LRN)[-1]
    assert r02.message_type == "IE3R02"
    doc = from_bytes(r02.xml)
    assert schema_problems(doc) == []
    response = doc.data["additionalInformationResponse"][0]
    assert response["referralRequestReference"] == ref
    assert len(response["additionalInformation"]) == 2  # split at 512 characters
    assert response["binaryAttachment"][0]["filename"] == "invoice-4711.pdf"
    assert response["binaryAttachment"][0]["MIME"] == "application/pdf"
    # the simulator takes the answer: the IE3R02 leaves the outbox and shows in the timeline
    qtbot.waitUntil(lambda: any(m.message_type == "IE3R02" and m.direction == "out"
                                for m in store.timeline(RFI_LRN)), timeout=15_000)
    assert store.get(RFI_LRN).state != "info_requested"
