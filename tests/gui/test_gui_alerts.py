"""Do Not Load is unmissable and every desk sees the truth: a reply applied by another process
on the same data dir reaches the window within 2 s, the red bar stands above every tab until a
named agent acknowledges it, and the acknowledgement is in the audit trail."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.gui.main_window import MainWindow
from ics2desk.simulator import replies as sim_replies
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
MRN = make_mrn(26, "FR", "DNLGUI00001")


def _window(qtbot, data_dir):
    store = open_store(data_dir)
    main = MainWindow(store, data_dir, "en")
    qtbot.addWidget(main.window)
    main.window.show()
    return main, store


def _registered_elsewhere(data_dir, lrn):
    """Another process (the CLI, another desk) queues, registers: the window did none of it."""
    with open_store(data_dir) as other:
        doc = samples.ferry_filing(lrn)
        other.import_document(doc, user="cli")
        other.queue(lrn, user="cli")
        other.apply_reply(sim_replies.registered(lrn, MRN, doc), "tid-r01-" + lrn)
    return doc


def test_a_do_not_load_from_another_process_stands_above_every_tab_until_acknowledged(qtbot, data_dir):
    main, store = _window(qtbot, data_dir)
    try:
        assert not main.alerts.isVisible()
        doc = _registered_elsewhere(data_dir, "DNLGUI000001")
        qtbot.waitUntil(lambda: main.filings.model.row_of("DNLGUI000001") >= 0, timeout=2500)
        with open_store(data_dir) as other:
            other.apply_reply(sim_replies.do_not_load(MRN, doc), "tid-q01")
        qtbot.waitUntil(lambda: main.alerts.isVisible(), timeout=2500)
        [row] = main.alerts.rows
        assert "DO NOT LOAD" in row.label.text() and "DNLGUI000001" in row.label.text()
        assert "AB12CDE" in row.label.text()
        for page in ("outboxPage", "newPage", "incidentsPage", "filingsPage"):  # on every tab
            main.tabs.setCurrentIndex(main.tabs.indexOf(main.window.findChild(QWidget, page)))
            assert main.alerts.isVisible()
        # the list row is red and says it; the detail shows the banner
        r = main.filings.model.row_of("DNLGUI000001")
        assert "do not load" in main.filings.model.data(main.filings.model.index(r, 1)).lower()
        row.show_button.click()
        assert main.filings.detail.lrn == "DNLGUI000001" and main.filings.detail.banner.isVisibleTo(main.window)
        # nobody nameless acknowledges a Do Not Load
        assert "named agent" in main.alerts.acknowledge(row.alert.id, "  ")
        assert main.alerts.isVisible()
        assert main.alerts.acknowledge(row.alert.id, "Marie Durand") is None
        assert not main.alerts.isVisible()
        trail = [a for a in store.audit_trail("DNLGUI000001") if a["action"] == "acknowledge"]
        assert [(a["user"], a["detail"].split(":")[0]) for a in trail] == [("Marie Durand", "do_not_load")]
        # acknowledged is not cleared: the truck is still stopped
        assert store.get("DNLGUI000001").do_not_load_at
    finally:
        main.shutdown()
        store.close()


def test_two_windows_on_one_data_dir_list_a_filing_submitted_from_a_terminal(qtbot, data_dir):
    a, store_a = _window(qtbot, data_dir)
    b, store_b = _window(qtbot, data_dir)
    try:
        with open_store(data_dir) as cli:
            cli.import_document(samples.ferry_filing("TWOWIN000001"), user="cli")
        for w in (a, b):
            qtbot.waitUntil(lambda w=w: w.filings.model.row_of("TWOWIN000001") >= 0, timeout=2500)
        a.filings.select("TWOWIN000001")
        with open_store(data_dir) as cli:
            cli.queue("TWOWIN000001", user="cli")
        for w in (a, b):
            model = w.filings.model
            qtbot.waitUntil(lambda m=model: m.filing(m.row_of("TWOWIN000001")).state == "queued", timeout=2500)
        assert "queued" in a.filings.detail.title.text()  # the open filing too, not only the list
    finally:
        for w, s in ((a, store_a), (b, store_b)):
            w.shutdown()
            s.close()


def test_an_unreadable_reply_is_shown_on_the_outbox_tab_with_its_bytes_for_the_helpdesk(qtbot, data_dir):
    main, store = _window(qtbot, data_dir)
    try:
        assert main.outbox.quarantine.isHidden()
        with open_store(data_dir) as sender_side:  # what the outbox worker does with a garbled reply
            assert sender_side.record_unmatched(b"<IE3R01><MRN>26FR", "unreadable", "tid-garbled",
                                                "reply: not well-formed XML (line 1)")
            assert not sender_side.record_unmatched(b"<IE3R01><MRN>26FR", "unreadable", "tid-garbled",
                                                    "again")  # the same transport message: kept once
        qtbot.waitUntil(lambda: not main.outbox.quarantine.isHidden(), timeout=2500)
        panel = main.outbox.quarantine
        assert panel.total == 1 and "unreadable message" in panel.title.text() and "helpdesk" in panel.title.text()
        text = panel.copy_selected()
        assert "tid-garbled" in text and "not well-formed" in text and "<IE3R01><MRN>26FR" in text
    finally:
        main.shutdown()
        store.close()


def test_qt_own_buttons_speak_the_agent_language(qtbot):
    """A Do Not Load question in French must not be answered with English Yes/No buttons."""
    from PySide6.QtWidgets import QMessageBox

    from ics2desk.gui import i18n

    assert i18n.set_language("fr")
    try:
        box = QMessageBox(QMessageBox.Question, "ENS", "?", QMessageBox.Yes | QMessageBox.No)
        qtbot.addWidget(box)
        assert box.button(QMessageBox.Yes).text().replace("&", "") == "Oui"
        assert box.button(QMessageBox.No).text().replace("&", "") == "Non"
    finally:
        i18n.set_language("en")
    again = QMessageBox(QMessageBox.Question, "ENS", "?", QMessageBox.Yes | QMessageBox.No)
    qtbot.addWidget(again)
    assert again.button(QMessageBox.Yes).text().replace("&", "") == "Yes"  # and back to English
