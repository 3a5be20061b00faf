"""ENS registered in the demo -> the ELO worker creates the truck's envelope with the in-process
test double -> the filing detail shows its token, file number and state."""
from __future__ import annotations

import re

import pytest

from ics2desk import samples
from ics2desk.elo.demo import start_demo_simulator
from ics2desk.gui.demo import start_simulator
from ics2desk.gui.elo.box import EloWorker
from ics2desk.gui.main_window import MainWindow
from ics2desk.gui.sender_worker import SenderWorker
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def desk(qtbot, data_dir):
    server = start_simulator(data_dir)
    elo_sim = start_demo_simulator()
    store = open_store(data_dir)
    sender = SenderWorker(data_dir, interval=0.2)
    elo = EloWorker(data_dir, simulator=elo_sim, interval=0.2)
    main = MainWindow(store, data_dir, "en", sender=sender, elo=elo)
    qtbot.addWidget(main.window)
    main.window.show()
    sender.start()
    elo.start()
    yield main, store, elo_sim
    main.shutdown()
    store.close()
    server.close()
    elo_sim.stop()


def test_registered_ens_gets_its_envelope_shown_with_token_and_state(qtbot, desk):
    main, store, _ = desk
    store.import_document(samples.ferry_filing("ELO26112500001"), user="t")
    store.queue("ELO26112500001", user="t")
    main.filings.reload()
    main.filings.select("ELO26112500001")
    box = main.elo_box
    assert "No ELO yet" in box.summary.text()
    qtbot.waitUntil(lambda: box.envelope is not None and box.envelope.jeton is not None, timeout=15_000)
    env = box.envelope
    mrn = store.get("ELO26112500001").mrn
    assert env.statut == "FERMEE" and env.ens_mrn == mrn
    text = box.summary.text()
    assert env.jeton in text and env.numero_dossier in text and "FERMEE" in text
    assert re.fullmatch(r"E[IE]\w+", env.jeton)
    assert box.table.item(0, 0).text() == mrn and "CONFORME" in box.table.item(0, 2).text()
    assert box.fallback.isHidden()
    # the PDF French customs returned is stored and viewable
    box.open_viewer = False
    assert box.pdf_button.isEnabled()
    assert box.view_pdf().read_bytes().startswith(b"%PDF")


def test_one_click_mode_waits_for_the_agent_and_fallback_badge_shows(qtbot, desk):
    import httpx

    main, store, elo_sim = desk
    box = main.elo_box
    box.auto.setChecked(False)  # setting: the agent clicks "Create ELO"
    httpx.post(f"{elo_sim.url}/_simulateur/secours-ics2", json={"active": True}, timeout=5)
    store.import_document(samples.shuttle_filing("ELO26112500002"), user="t")
    store.queue("ELO26112500002", user="t")
    main.filings.reload()
    main.filings.select("ELO26112500002")
    qtbot.waitUntil(lambda: (box.reload() or box.envelope) is not None, timeout=15_000)
    assert box.envelope.sync == "draft" and box.create_button.isVisible()
    box.create_button.click()
    qtbot.waitUntil(lambda: box.envelope.jeton is not None, timeout=15_000)
    assert box.fallback.isVisible() and "secours ICS2" in box.fallback.text()


def test_a_do_not_load_truck_is_flagged_on_its_envelope(qtbot, desk):
    main, store, _ = desk
    doc = samples.ferry_filing("ELO26112500009")
    doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0]["commodity"][
        "descriptionOfGoods"] += " DNL-DRILL"
    store.import_document(doc, user="t")
    store.queue("ELO26112500009", user="t")
    qtbot.waitUntil(lambda: store.get("ELO26112500009").state == "do_not_load", timeout=15_000)
    main.filings.reload()
    main.filings.select("ELO26112500009")
    box = main.elo_box
    assert box.do_not_load.isVisible()
    assert "must not board" in box.do_not_load.text()


def test_a_do_not_load_after_the_envelope_exists_turns_the_box_red_with_what_to_do(qtbot, desk):
    """The ENS is the envelope's only declaration: French customs refuse to leave a loaded truck's
    envelope empty, so the desk cannot take it out by EDI and the agent is told to do it."""
    from ics2desk.simulator import replies as ics2

    main, store, elo_sim = desk
    lrn = "ELO26112500011"
    store.import_document(samples.ferry_filing(lrn), user="t")
    store.queue(lrn, user="t")
    main.filings.reload()
    main.filings.select(lrn)
    box = main.elo_box
    qtbot.waitUntil(lambda: box.envelope is not None and box.envelope.jeton is not None, timeout=15_000)
    mrn = store.get(lrn).mrn
    assert "CONFORME" in box.table.item(0, 2).text() and box.stopped.isHidden()

    store.apply_reply(ics2.do_not_load(mrn, store.document(lrn)))  # customs: Do Not Load
    box.reload()  # read at once from the filing, before the worker has done anything
    assert box.do_not_load.isVisible() and not box.pdf_button.isEnabled()
    assert "CONFORME" not in box.table.item(0, 2).text()
    main.elo_worker.wake()
    qtbot.waitUntil(lambda: box.envelope.sync == "refused", timeout=15_000)
    text = box.stopped.text()
    assert box.stopped.isVisible()
    assert f"ENS {mrn} Do Not Load: remove it from the envelope at the ELO portal before the truck checks in" in text
    assert box.table.item(0, 0).text() == mrn
    assert box.table.item(0, 2).text() == "DO NOT LOAD — STILL IN THE ELO: act at the portal"
    assert "CONFORME" in box.table.item(0, 2).toolTip()  # French customs' word, kept out of sight
    assert not box.pdf_button.isEnabled() and "Withheld" in box.pdf_button.toolTip()
    box.open_viewer = False
    assert box.view_pdf() is None  # the ELO's own barcode would check the truck in all the same
    assert mrn in [d["identifiant"] for e in elo_sim.state.envelopes.values() for d in e["declarations"]]
