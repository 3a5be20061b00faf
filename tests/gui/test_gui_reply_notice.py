"""Words, not XML (issue 15 point 6): the filing detail shows the message chosen as a notice in
the agent's language — what customs said, the fields an error names as the form names them, the
MRN, what to do next — and the XML only behind "Show XML"."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.gui import i18n
from ics2desk.gui.filings.detail import FilingDetail
from ics2desk.simulator import replies as sim_replies
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

CMR = "/IE3F50/consignmentMasterLevel/transportDocumentMasterLevel/documentNumber"
MASS = "/IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[2]/weight/grossMass"


@pytest.fixture
def store(data_dir):
    s = open_store(data_dir)
    yield s
    s.close()
    i18n.set_language("en")


@pytest.fixture
def detail(qtbot):
    d = FilingDetail()
    qtbot.addWidget(d)
    d.resize(1000, 500)
    d.show()
    return d


def _show(detail, store, lrn):
    detail.show_filing(store.get(lrn), store.timeline(lrn))


def test_a_rejection_reads_as_the_fields_and_what_to_do_and_the_xml_waits_behind_a_toggle(detail, store, qtbot):
    lrn = "NOTICE000001"
    store.import_document(samples.ferry_filing(lrn, items=2), user="t")
    store.queue(lrn, user="t")
    store.apply_reply(sim_replies.errors(lrn, [("12", CMR, "CMR unknown to the carrier"),
                                              ("15", MASS, "")]), "tid-1")
    _show(detail, store, lrn)
    text = detail.notice.toPlainText()
    assert "Rejected by customs" in text
    assert "Transport document (master level) › Reference number: CMR unknown to the carrier" in text \
        or "› Reference number: CMR unknown to the carrier" in text
    assert "Goods item 2 › Weight › Gross mass" in text or "Goods item 2 › Gross mass" in text
    assert "What to do" in text and "Ctrl+Enter" in text
    assert "<" not in text  # no XML in the notice
    assert not detail.xml.isVisible() and detail.show_xml.text() == "Show XML"
    qtbot.mouseClick(detail.show_xml, Qt.LeftButton)
    assert detail.xml.isVisible() and "<" in detail.xml.toPlainText() and "IE3N99" in detail.xml.toPlainText()
    assert detail.show_xml.text() == "Hide XML"
    qtbot.mouseClick(detail.show_xml, Qt.LeftButton)
    assert not detail.xml.isVisible()


def test_a_registration_in_french_gives_the_mrn_and_the_next_step(detail, store, qtbot):
    lrn = "NOTICE000002"
    doc = samples.ferry_filing(lrn, items=1)
    store.import_document(doc, user="t")
    store.queue(lrn, user="t")
    mrn = make_mrn(26, "FR", "NOTICE00002")
    store.apply_reply(sim_replies.registered(lrn, mrn, doc), "tid-2")
    i18n.set_language("fr")
    _show(detail, store, lrn)
    text = detail.notice.toPlainText()
    assert f"Enregistrée — MRN {mrn}" in text
    assert "Que faire" in text and "analyse terminée" in text
    qtbot.waitUntil(lambda: detail.show_xml.text() == "Afficher le XML")  # the language change reached it
    # a message the desk sent reads as a sending, not as XML
    from ics2desk.notices import notice

    assert notice(b"<IE3F50/>", "out", "IE3F50", "fr").title == "ENS envoyée (route, jeu complet)"


def test_a_do_not_load_says_stop_the_truck(detail, store):
    lrn = "NOTICE000003"
    doc = samples.shuttle_filing(lrn)
    store.import_document(doc, user="t")
    store.queue(lrn, user="t")
    mrn = make_mrn(26, "FR", "NOTICE00003")
    store.apply_reply(sim_replies.registered(lrn, mrn, doc), "tid-3")
    store.apply_reply(sim_replies.do_not_load(mrn, doc), "tid-4")
    _show(detail, store, lrn)
    text = detail.notice.toPlainText()
    assert "DO NOT LOAD" in text and "Do not let the truck board" in text
    assert "CMR-2611-004217" in text  # what customs stopped
