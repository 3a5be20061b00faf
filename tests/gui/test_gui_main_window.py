"""Main window over a real store: list model at 100,000 rows, save/queue, Do Not Load, language."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ics2desk import clock, samples
from ics2desk.gui.filings.model import COL_DEADLINE, COL_STATE, FilingsModel, PAGE
from ics2desk.store import FilingQuery

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@dataclass
class Row:
    lrn: str
    state: str
    mrn: str | None = None
    truck: str | None = "AB12CDE"
    crossing: str | None = "ferry GBDVR-FRCQF"
    # an hour ago by the desk's clock: whatever the day, its lodging deadline has passed
    arrival: str | None = field(default_factory=lambda: clock.stamp(clock.now() - timedelta(hours=1)))
    declarant: str | None = "NL812345678"
    updated_at: str = field(default_factory=lambda: clock.stamp(clock.now() - timedelta(hours=3)))


class BigStore:
    """100,000 filings answered page by page, like the SQL store; records every query."""

    def __init__(self, n=100_000):
        self.n = n
        self.queries: list[FilingQuery] = []

    def count_filings(self, q):
        return self.n if not q.text else 1

    def list_filings(self, q):
        self.queries.append(q)
        total = self.count_filings(q)
        return [Row(f"LRN{i:08d}", "draft" if i % 2 else "do_not_load")
                for i in range(q.offset, min(total, q.offset + q.limit))]


def test_list_model_over_100000_filings_loads_pages_on_demand(qapp):
    store = BigStore()
    model = FilingsModel(store)
    assert model.rowCount() == PAGE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE
    assert store.queries[-1].offset == PAGE and store.queries[-1].limit == PAGE
    # late lodging deadline (arrival an hour ago) shows red; Do Not Load is coloured
    assert model.data(model.index(1, COL_DEADLINE), Qt.ForegroundRole).color().name() == "#c62828"
    assert model.data(model.index(0, COL_STATE), Qt.BackgroundRole).color().name() == "#e53935"
    model.sort(0, Qt.AscendingOrder)
    assert store.queries[-1].sort == "lrn" and not store.queries[-1].descending
    assert model.rowCount() == PAGE  # sorting reloads the first page only
    model.set_query("AB12CDE")
    assert store.queries[-1].text == "AB12CDE" and model.rowCount() == 1


def test_save_then_queue_from_the_form_updates_list_and_status_bar(main, qtbot):
    main.new_filing(samples.ferry_filing("TST26112500001"))
    qtbot.keyClick(main.form.ctx.fields[0].edit, Qt.Key_S, Qt.ControlModifier)
    assert main.store.get("TST26112500001").state == "draft"
    assert main.filings.model.rowCount() == 1
    qtbot.keyClick(main.form.ctx.fields[0].edit, Qt.Key_Return, Qt.ControlModifier)
    assert main.store.get("TST26112500001").state == "queued"
    assert main.queued_label.text() == "1 queued"
    assert main.tabs.currentIndex() == 0 and main.filings.detail.lrn == "TST26112500001"


def test_do_not_load_shows_a_blocking_red_banner(main, qtbot):
    filing = main.store.import_document(samples.ferry_filing("DNL26112500001"))
    detail = main.filings.detail
    assert not detail.banner.isVisibleTo(detail)
    from dataclasses import replace

    detail.show_filing(replace(filing, state="do_not_load", mrn="26FRABCDEFGHIJK1A0"), [])
    assert detail.banner.isVisibleTo(detail)
    assert "DO NOT LOAD" in detail.banner.label.text()
    assert detail.buttons["amend"].isEnabled() and not detail.buttons["edit"].isEnabled()


def test_language_switch_retranslates_the_window_live(main, qtbot):
    tabs = main.tabs
    assert tabs.tabText(0) == "&Filings"
    main.set_language("fr")
    qtbot.waitUntil(lambda: tabs.tabText(0) != "&Filings")
    assert tabs.tabText(0) == "&Dossiers"
    assert main.form.save_button.text().startswith("Enregistrer")
    assert main.form.field("/IE3F50/declarant/name").label_text().startswith("Nom")
    assert "simulateur" in main.transport_label.text()
    main.set_language("en")
    qtbot.waitUntil(lambda: tabs.tabText(0) == "&Filings")
    assert main.form.save_button.text().startswith("Save")


def test_ctrl_p_renders_the_summary_pdf_off_the_gui_thread(main, qtbot, data_dir):
    doc = samples.ferry_filing("PRT26112500001")
    main.store.import_document(doc)
    main.print_filing(doc, open_viewer=False)
    pdf = data_dir / "prints" / "PRT26112500001.pdf"
    bar = main.window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("PDF ready"), timeout=10_000)
    assert str(pdf) in bar.currentMessage() and pdf.read_bytes().startswith(b"%PDF")


def test_settings_keep_the_password_in_the_keyring_only(main, qtbot, data_dir, memory_keyring, monkeypatch):
    page = main.settings
    assert page.password_button.isEnabled()
    page.username.setText("desk-user")
    page.eori.setText("FR40123456700017")
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("s3cret!", True)))
    page.password_button.click()
    page.save_button.click()
    assert memory_keyring.secrets[("ics2desk", "desk-user")] == "s3cret!"
    on_disk = "".join(p.read_text(encoding="utf-8") for p in data_dir.rglob("*.json"))
    assert "FR40123456700017" in on_disk and "s3cret!" not in on_disk


def test_settings_say_so_when_there_is_no_keyring(data_dir, qtbot, monkeypatch):
    from ics2desk.gui import prefs
    from ics2desk.gui.settings.page import SettingsPage
    from ics2desk.reuse import presets

    monkeypatch.setattr(prefs, "keyring_available", lambda: False)
    page = SettingsPage(data_dir, presets.load())
    qtbot.addWidget(page)
    assert not page.password_button.isEnabled()
    assert "no keyring" in page.keyring_note.text()
