"""Printing from the filings list: several selected rows -> one PDF (summaries or truck sheets)
rendered off the GUI thread in the UI language, shown in Qt's print preview."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import QItemSelectionModel

from ics2desk import samples
from ics2desk.gui import i18n, print_preview
from ics2desk.gui.main_window import MainWindow
from ics2desk.store import open_store

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"),
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) missing")]

LRNS = ["BAT26112500001", "BAT26112500002", "BAT26112500003"]


@pytest.fixture
def main(qtbot, data_dir):
    store = open_store(data_dir)
    for i, lrn in enumerate(LRNS):
        store.import_document((samples.ferry_filing if i % 2 else samples.shuttle_filing)(lrn), user="t")
    store.import_document(samples.ferry_filing("NOTSELECTED0001"), user="t")
    m = MainWindow(store, data_dir, "en")
    qtbot.addWidget(m.window)
    m.filings.reload()
    yield m
    i18n.set_language("en")
    m.shutdown()
    store.close()


def select(main, lrns):
    view = main.filings.view
    view.clearSelection()
    for lrn in lrns:
        view.selectionModel().select(main.filings.model.index(main.filings.model.row_of(lrn), 0),
                                     QItemSelectionModel.Select | QItemSelectionModel.Rows)


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def wait_pdf(main, qtbot) -> str:
    bar = main.window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage().startswith(("PDF ready", "PDF prêt")), timeout=15_000)
    return bar.currentMessage().split(": ", 1)[1].split(" (")[0]


def test_batch_of_selected_rows_prints_every_lrn_in_one_pdf(main, qtbot):
    select(main, LRNS)
    assert sorted(main.filings.selected_lrns()) == LRNS
    main.print_selected("summary", preview=False)
    text = text_of(wait_pdf(main, qtbot))
    assert all(lrn in text for lrn in LRNS) and "NOTSELECTED0001" not in text


def test_truck_sheets_batch_in_the_ui_language(main, qtbot):
    select(main, LRNS[:2])
    main.set_language("fr")
    main.print_selected("sheets", preview=False)
    pdf = wait_pdf(main, qtbot)
    text = text_of(pdf)
    assert LRNS[0] in text and LRNS[1] in text
    assert "NON ENREGISTR" in text  # French mark of a filing without MRN


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) missing")
def test_print_button_opens_the_print_preview_with_every_page(main, qtbot, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(print_preview.QPrintPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    select(main, LRNS)
    main.filings.print_summaries.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    dialog = shown[0]
    assert dialog.objectName() == "printPreview"
    pages = sorted((main.data_dir / "prints" / ".pages").rglob("page-*.png"))
    assert len(pages) >= len(LRNS)  # each summary starts on its own page
    printer = print_preview.QPrinter()
    printer.setOutputFormat(print_preview.QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_preview.paint_pages(printer, [str(p) for p in pages]) == len(pages)
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == str(len(pages))
