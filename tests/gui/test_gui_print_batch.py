"""Printing from the filings list: several selected rows -> one PDF (summaries or truck sheets)
rendered off the GUI thread in the UI language, shown in Qt's print preview."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.gui import i18n
from ics2desk.gui.filings import print_preview
from ics2desk.gui.main_window import MainWindow
from ics2desk.simulator import replies as sim_replies
from ics2desk.store import open_store

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"),
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) missing")]

LRNS = ["BAT26112500001", "BAT26112500002", "BAT26112500003"]
MRN_OK = make_mrn(26, "FR", "BATOK000001")
MRN_DNL = make_mrn(26, "FR", "BATDNL00002")


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


def to_state(store, lrn, state, mrn):
    """Registered, then maybe Do Not Load, through the replies ICS2 sends."""
    doc = store.document(lrn)
    store.queue(lrn, user="t")
    store.apply_reply(sim_replies.registered(lrn, mrn, doc))
    if state == "do_not_load":
        store.apply_reply(sim_replies.do_not_load(mrn, doc))
    assert store.get(lrn).state == state


def decoded(pdf) -> list[str]:
    """Barcodes zbarimg reads on every page of the PDF."""
    out = []
    for png in print_preview.rasterise(Path(pdf)):
        res = subprocess.run(["zbarimg", "-q", png], capture_output=True, text=True)
        out += res.stdout.split()
    return out


needs_zbar = pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                                reason="zbar-tools (zbarimg) or poppler-utils (pdftoppm) missing")


@needs_zbar
def test_truck_sheets_batch_skips_and_names_the_truck_that_may_not_board(main, qtbot):
    to_state(main.store, LRNS[0], "registered", MRN_OK)
    to_state(main.store, LRNS[1], "do_not_load", MRN_DNL)
    select(main, LRNS[:2])
    main.set_language("fr")
    main.print_selected("sheets", preview=False)
    pdf = wait_pdf(main, qtbot)
    text = text_of(pdf)
    assert LRNS[0] in text and LRNS[1] not in text and "Fiche camion" in text
    assert decoded(pdf) == [f"CODE-128:{MRN_OK}"]
    qtbot.waitUntil(lambda: main.window.findChild(QMessageBox, "printSkipped") is not None, timeout=5_000)
    box = main.window.findChild(QMessageBox, "printSkipped")
    assert box.windowTitle() == "Camions non imprimés"
    assert f"LRN {LRNS[1]}: NE PAS CHARGER : la douane a ordonné" in box.informativeText()
    box.close()
    main.set_language("en")  # back while the store is open: every widget re-reads it on the change
    qtbot.waitUntil(lambda: main.tabs.tabText(0) == "&Filings")


def test_a_batch_where_no_truck_may_board_prints_nothing_and_says_why(main, qtbot, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append(text)))
    select(main, LRNS[:2])  # two drafts
    main.print_selected("sheets", preview=False)
    qtbot.waitUntil(lambda: bool(warned), timeout=15_000)
    assert "No truck sheet printed: no truck of this batch may board" in warned[0]
    assert all(f"LRN {lrn}: NOT REGISTERED" in warned[0] for lrn in LRNS[:2])
    assert not list((main.data_dir / "prints").glob("sheets-*.pdf"))


@needs_zbar
def test_one_truck_that_may_not_board_asks_before_printing_for_the_record(main, qtbot, monkeypatch):
    to_state(main.store, LRNS[0], "do_not_load", MRN_DNL)
    asked = []

    def question(parent, title, text, buttons, default):
        asked.append((text, default))
        return answers.pop(0)

    answers = [QMessageBox.No, QMessageBox.Yes]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    assert main.print_selected("sheets", preview=False, lrns=[LRNS[0]]) is None
    text, default = asked[0]
    assert default == QMessageBox.No and "DO NOT LOAD" in text and "for the record" in text
    assert "not printed" in main.window.statusBar().currentMessage()
    assert not (main.data_dir / "prints").exists() or not list((main.data_dir / "prints").glob("*.pdf"))
    main.print_selected("sheets", preview=False, lrns=[LRNS[0]])
    pdf = wait_pdf(main, qtbot)
    assert Path(pdf).name == f"record-{LRNS[0]}.pdf"
    text = " ".join(text_of(pdf).split())
    assert "NE PAS CHARGER" in text and "DO NOT LOAD" in text and "FOR THE RECORD, NO BARCODE" in text
    assert decoded(pdf) == []


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
