"""The Settings page loads and saves through the registry (ics2desk.options): its fields are the
options' values, its labels the options' labels in the UI language, and a save reaches a
running sender at once (no restart, no waiting for the next poll)."""
from __future__ import annotations

import json

import pytest

from ics2desk import options
from ics2desk.gui import i18n
from ics2desk.gui.settings.page import SettingsPage
from ics2desk.reuse import presets
from ics2desk.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def page(qtbot, data_dir):
    p = SettingsPage(data_dir, presets.load(data_dir))
    qtbot.addWidget(p)
    yield p
    i18n.set_language("en")


def test_the_page_shows_what_an_old_desk_saved_and_saves_it_back_upgraded(qtbot, data_dir):
    (data_dir / "settings.json").write_text(json.dumps({
        "transport": "domibus", "domibus_url": "https://ap.example/domibus/services/wsplugin",
        "domibus_username": "opale-desk", "lrn_prefix": "TCO", "extra": {"continuity_count": 4}}), "utf-8")
    (data_dir / "desk.json").write_text(json.dumps({"language": "fr", "eori": "FR40123456700017",
                                                    "name": "Transit Opale"}), "utf-8")
    page = SettingsPage(data_dir, presets.load(data_dir))
    qtbot.addWidget(page)
    assert page.transport.currentData() == "domibus" and page.username.text() == "opale-desk"
    assert page.endpoint.text() == "https://ap.example/domibus/services/wsplugin"
    assert page.eori.text() == "FR40123456700017" and page.name.text() == "Transit Opale"
    page.contact.setText("ens@transit-opale.fr")
    page.save_button.click()
    s = Settings.load(data_dir)
    assert (s.transport, s.lrn_prefix, s.continuity_count) == ("domibus", "TCO", 4)  # kept
    reg = options.Registry.for_data_dir(data_dir)
    assert reg.get("profile_contact") == "ens@transit-opale.fr" and reg.get("profile_name") == "Transit Opale"
    assert not (data_dir / "desk.json").exists() and (data_dir / "desk.json.v1").exists()


def test_the_labels_are_the_options_labels_in_the_ui_language(page, qtbot):
    shown = {name: page.labels[name] for name in page.fields}
    assert set(shown) == {o.name for o in options.OPTIONS.values() if o.widget}
    assert shown["domibus_url"].text() == "Access point URL"
    i18n.set_language("fr")
    qtbot.waitUntil(lambda: shown["domibus_url"].text() == "URL du point d'accès")
    assert all(label.text() == options.OPTIONS[name].label_fr for name, label in shown.items())


def test_a_transport_saved_on_the_page_reaches_the_running_sender_at_once(qtbot, data_dir, page):
    from ics2desk.gui.demo import start_simulator
    from ics2desk.gui.sender_worker import SenderWorker

    server = start_simulator(data_dir)
    page.load()
    worker = SenderWorker(data_dir, interval=60.0)  # its own next pass would be a minute away
    applied = []
    worker.settings_applied.connect(lambda: applied.append(True))
    states = []
    worker.transport_state.connect(states.append)
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(states), timeout=10_000)  # the first pass ran with the simulator
        page.transport.setCurrentIndex(page.transport.findData("domibus"))
        page.endpoint.setText("https://127.0.0.1:9/domibus/services/wsplugin")
        page.save_button.click()
        qtbot.waitUntil(lambda: bool(applied), timeout=10_000)
        assert Settings.load(data_dir).transport == "domibus"
    finally:
        worker.stop()
        server.close()


def test_saving_the_profile_alone_does_not_rebuild_the_sender(qtbot, data_dir, page):
    from ics2desk.gui.demo import start_simulator
    from ics2desk.gui.sender_worker import SenderWorker

    server = start_simulator(data_dir)
    worker = SenderWorker(data_dir, interval=0.05)
    applied, passes = [], []
    worker.settings_applied.connect(lambda: applied.append(True))
    worker.transport_state.connect(passes.append)
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(passes), timeout=10_000)
        page.eori.setText("FR40123456700017")
        page.save_button.click()
        seen = len(passes)
        qtbot.waitUntil(lambda: len(passes) > seen + 3, timeout=10_000)  # several passes after the save
        assert applied == []
    finally:
        worker.stop()
        server.close()
