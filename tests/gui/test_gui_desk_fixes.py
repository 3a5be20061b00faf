"""Small desk fixes: status-bar messages follow the language, the lodging profile fills new
filings, the problems list names fields in the UI language (rule ID kept)."""
from __future__ import annotations

import pytest

from ics2desk.gui import prefs as prefs_mod

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_reply_message_in_the_status_bar_is_retranslated(main, qtbot):
    main.notify_user("LRN1", "registered")
    bar = main.window.statusBar()
    assert bar.currentMessage().startswith("New reply — LRN1")
    main.set_language("fr")
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("Nouvelle réponse — LRN1"))


def test_lodging_profile_fills_the_declarant_of_a_new_filing(main, data_dir):
    p = prefs_mod.load(data_dir)
    p.eori, p.name, p.contact = "FR40123456700017", "Transit Côte d'Opale SARL", "ens@transit-opale.fr"
    prefs_mod.save(p, data_dir)
    main.new_filing()
    doc = main.form.document()
    assert doc.get("declarant/identificationNumber") == "FR40123456700017"
    assert doc.get("declarant/name") == "Transit Côte d'Opale SARL"
    p.extra = {"lodging_role": "representative"}
    prefs_mod.save(p, data_dir)
    main.new_filing()
    doc = main.form.document()
    assert doc.get("representative/identificationNumber") == "FR40123456700017"
    assert not doc.get("declarant/identificationNumber")


def test_problems_list_shows_field_labels_in_the_ui_language(main, qtbot):
    from ics2desk import samples

    doc = samples.ferry_filing("FIX26112500001")
    doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"][0]["weight"]["grossMass"] = "-1"
    main.new_filing(doc)
    form = main.form
    form.validate_now()
    texts = [form.findings.item(i).text() for i in range(form.findings.count())]
    mass = [t for t in texts if "Gross mass" in t]
    assert mass and "Goods item 1" in mass[0] and "/" not in mass[0].split(":")[0]
    rule = mass[0].split()[0]
    main.set_language("fr")
    form.validate_now()
    texts = [form.findings.item(i).text() for i in range(form.findings.count())]
    assert any(t.startswith(rule) and "Masse brute" in t and "Article 1" in t for t in texts)
