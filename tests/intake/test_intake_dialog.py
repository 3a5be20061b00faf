"""The Import booking list dialog, offscreen: preview with one combo per column, the agent's
correction, per-row findings, progress, import in a worker thread that stops with the dialog,
French and English."""
from __future__ import annotations

import threading

import pytest

from ics2desk.gui import i18n
from ics2desk.gui.intake.dialog import IntakeDialog
from ics2desk.intake import batch

from intake_files import HEADER_FR, filings, goods_row, truck_row, write_csv

COL = {h: i for i, h in enumerate(HEADER_FR)}
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: size hints of a shown dialog


@pytest.fixture
def bookings(tmp_path):
    rows = [truck_row("AB12 CDE", "CMR-1", "Frites", "200410", "12 450,75"),
            goods_row("Cheddar", "040690", "3 100,5"),
            truck_row("CD34 EFG", "CMR-2", "Pommes", "080810", "8 000", trailer="D654321"),
            truck_row("GH56 IJK", "CMR-3", "Chocolat", "180632", "1 200", trailer="", crossing="Navette")]
    return write_csv(tmp_path / "bookings.csv", rows)


@pytest.fixture
def dialog(qtbot, data_dir, template):
    d = IntakeDialog(data_dir, user="Claire Martin")
    d.template_edit.setText(str(template))
    qtbot.addWidget(d)
    d.show()
    yield d
    d.shutdown()
    i18n.set_language("en")


def _load(qtbot, dialog, path) -> None:
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.load_file(str(path))


def _run(qtbot, dialog, button):
    with qtbot.waitSignal(dialog.finished_run, timeout=20_000, raising=False) as blocker:
        button.click()
    assert blocker.signal_triggered, dialog.error.text()
    qtbot.waitUntil(lambda: not dialog.busy)
    return blocker.args[0]


def test_preview_shows_the_guessed_mapping_and_the_agent_changes_it(qtbot, dialog, bookings):
    _load(qtbot, dialog, bookings)
    preview = dialog.preview
    assert preview.columnCount() == len(HEADER_FR) and preview.rowCount() == 1 + 4
    assert preview.horizontalHeaderItem(0).text() == "A · Immatriculation"
    assert preview.verticalHeaderItem(1).text() == "2"  # spreadsheet row numbers
    assert preview.item(1, COL["Poids brut (kg)"]).text() == "12 450,75"
    assert dialog.column_combo(COL["Poids brut (kg)"]).currentData() == "gross_mass"
    assert dialog.column_combo(COL["Immatriculation"]).currentText() == "Truck plate"
    assert dialog.import_button.isEnabled()

    plate = dialog.column_combo(COL["Immatriculation"])
    plate.setCurrentIndex(plate.findData(None))  # the agent un-maps the plate by mistake
    assert "truck plate" in dialog.mapping_problems.text()
    assert not dialog.import_button.isEnabled() and not dialog.check_button.isEnabled()
    trailer = dialog.column_combo(COL["Remorque"])
    trailer.setCurrentIndex(trailer.findData("plate"))  # and picks the plate for another column...
    assert dialog.mapping.columns[COL["Remorque"]] == "plate" and dialog.import_button.isEnabled()
    plate.setCurrentIndex(plate.findData("plate"))  # ...then the right one: a field fills one column
    assert dialog.mapping.columns[COL["Immatriculation"]] == "plate"
    assert dialog.mapping.columns[COL["Remorque"]] is None
    assert trailer.currentData() is None
    trailer.setCurrentIndex(trailer.findData("trailer"))
    assert dialog.mapping_problems.text() == ""


def test_check_shows_per_row_findings_then_import_stores_the_valid_trucks(qtbot, dialog, bookings, store):
    _load(qtbot, dialog, bookings)
    checked = _run(qtbot, dialog, dialog.check_button)
    assert checked.dry_run and filings(store) == []
    assert dialog.status.text() == "Check only: 3 truck(s) from 4 row(s), 2 draft(s) possible, 1 need attention"
    assert dialog.findings.rowCount() == 1
    row = [dialog.findings.item(0, c).text() for c in range(5)]
    assert row[:4] == ["5", "B (Remorque)", "GH56IJK CMR-3", "XSD"]
    assert "passiveBorderTransportMeans" in row[4]

    dialog.keep_box.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as imported:
        summary = _run(qtbot, dialog, dialog.import_button)
    assert not summary.dry_run and summary.drafts == 2 and summary.kept_invalid == 1
    assert sorted(imported.args[0]) == sorted(f.lrn for f in filings(store)) and len(filings(store)) == 3
    assert dialog.progress.value() == dialog.progress.maximum()
    audit = [a for a in store.audit_trail() if a["action"] == "import"]
    assert {a["user"] for a in audit} == {"Claire Martin"}


def test_french(qtbot, dialog, bookings):
    _load(qtbot, dialog, bookings)
    assert i18n.set_language("fr")
    qtbot.waitUntil(lambda: dialog.import_button.text() == "Importer")  # LanguageChange is posted
    assert dialog.check_button.text() == "Vérifier"
    assert dialog.windowTitle() == "Importer une liste de réservations"
    assert dialog.column_combo(COL["Immatriculation"]).currentText() == "Immatriculation du tracteur"
    _run(qtbot, dialog, dialog.check_button)
    assert dialog.status.text().startswith("Vérification seule : 3 camion(s) sur 4 ligne(s)")
    assert dialog.findings.horizontalHeaderItem(4).text() == "À corriger"
    assert "manque" in dialog.findings.item(0, 4).text()


def _blocking_check(monkeypatch):
    """Replace the check by one that reports progress, then waits for the agent (or the dialog) to
    cancel; returns the event set when it saw the cancel."""
    saw_cancel = threading.Event()
    started = threading.Event()

    def check(table, mapping, base, presets, store=None, progress=None, cancel=None, **kw):
        progress("check", 1, 50)
        started.set()
        if cancel.wait(timeout=30):
            saw_cancel.set()
            raise batch.Cancelled("stopped")
        raise AssertionError("never cancelled")

    monkeypatch.setattr(batch, "check", check)
    return started, saw_cancel


def test_stop_cancels_and_nothing_is_saved(qtbot, dialog, bookings, store, monkeypatch):
    _load(qtbot, dialog, bookings)
    started, saw_cancel = _blocking_check(monkeypatch)
    with qtbot.waitSignal(dialog.finished_run, timeout=20_000) as done:
        dialog.import_button.click()
        qtbot.waitUntil(started.is_set)
        qtbot.waitUntil(lambda: dialog.progress.maximum() == 50)
        assert dialog.stop_button.isEnabled() and not dialog.import_button.isEnabled()
        dialog.stop_button.click()
    assert saw_cancel.is_set() and done.args[0].cancelled
    assert dialog.status.text() == "Import stopped: nothing was saved"
    qtbot.waitUntil(lambda: not dialog.busy)
    assert filings(store) == []


def test_the_worker_stops_with_its_dialog(qtbot, dialog, bookings, monkeypatch):
    _load(qtbot, dialog, bookings)
    started, saw_cancel = _blocking_check(monkeypatch)
    dialog.import_button.click()
    qtbot.waitUntil(started.is_set)
    worker = dialog.worker
    dialog.reject()  # Escape / Close while it runs
    assert saw_cancel.is_set() and worker.isFinished()
    assert dialog.worker is None and not dialog.isVisible()


def test_a_broken_file_says_why_and_keeps_nothing(qtbot, dialog, tmp_path, bookings):
    _load(qtbot, dialog, bookings)
    assert dialog.import_button.isEnabled()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a workbook")
    dialog.load_file(str(bad))
    qtbot.waitUntil(lambda: "not a readable XLSX" in dialog.error.text(), timeout=10_000)
    assert dialog.table is None and not dialog.import_button.isEnabled()  # not the earlier file either
    assert dialog.preview.rowCount() == 0


def test_without_a_template_the_dialog_says_the_parties_are_examples(qtbot, data_dir, bookings):
    d = IntakeDialog(data_dir)
    qtbot.addWidget(d)
    d.show()
    _load(qtbot, d, bookings)
    _run(qtbot, d, d.check_button)
    assert "the parties are the built-in sample's" in d.status.text()
    d.queue_box.setChecked(True)
    d.import_button.click()
    qtbot.waitUntil(lambda: "queueing needs a template" in d.error.text())
    qtbot.waitUntil(lambda: not d.busy)
    assert d.import_button.isEnabled()
