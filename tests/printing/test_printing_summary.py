"""The A4 ENS summary as a user sees it: text through pdftotext, the MRN barcode through zbarimg."""
from __future__ import annotations

import pytest
from printing_tools import MRN_A, MRN_B, barcodes, page_count, pdf_text

from ics2desk.errors import BadInputError
from ics2desk.printing import PrintFiling, PrintMeta, render_summaries, render_summary
from ics2desk.samples import ferry_filing, shuttle_filing

REGISTERED = PrintMeta(state="registered", mrn=MRN_A, version=3)


def test_registered_summary_lists_header_goods_and_totals(tmp_path):
    text = pdf_text(render_summary(ferry_filing(), REGISTERED, "en"), tmp_path)
    for expected in ("LRN", "TCO26112500001", MRN_A, "registered", "Transit Côte d'Opale SARL",
                     "Frozen potato chips", "Cheddar cheese in blocks", "Shortbread biscuits",
                     "200410", "040690", "190531", "14 PX", "8,400.000", "950.250",
                     "AB12CDE (GB)", "IMO9524231", "Dover (GBDVR) -> Calais (FRCQF)", "FR620001",
                     "Van Dijk Transport BV", "Frais du Nord SAS", "CMR-2611-004217",
                     "Total of the house consignment 1: 3 goods items", "12,450.750",
                     "dataset version 3", "Generated at", "page 1 / 1"):
        assert expected in text, expected
    assert "NOT REGISTERED" not in text
    # totals: 14 + 6 + 4 packages
    assert "Packages\n" in text and "\n24\n" in text


def test_mrn_barcode_decodes_back_to_the_mrn(tmp_path):
    assert barcodes(render_summary(ferry_filing(), REGISTERED), tmp_path) == [f"CODE-128:{MRN_A}"]


def test_french_summary_keeps_its_accents(tmp_path):
    text = pdf_text(render_summary(ferry_filing(), REGISTERED, "fr"), tmp_path)
    for expected in ("Déclaration sommaire d'entrée", "Désignation des marchandises", "Générée le",
                     "Masse brute (kg)", "Numéros de scellés", "Déposant", "12 450,750", "page 1 / 1",
                     "version du jeu de données 3", "Côte d'Opale"):
        assert expected in text, expected


def test_unregistered_filing_is_marked_on_every_page_and_has_no_barcode(tmp_path):
    pdf = render_summary(ferry_filing(items=120), PrintMeta(state="draft"), "en")
    pages = page_count(pdf, tmp_path)
    assert pages >= 3
    for page in range(1, pages + 1):
        text = pdf_text(pdf, tmp_path, page)
        assert "NON ENREGISTRÉE" in text and "NOT REGISTERED" in text, f"page {page}"
    assert barcodes(pdf, tmp_path) == []


def test_malformed_mrn_is_not_printed_as_a_registration(tmp_path):
    bad = MRN_A[:-1] + str((int(MRN_A[-1]) + 1) % 10)
    pdf = render_summary(ferry_filing(), PrintMeta(mrn=bad))
    text = pdf_text(pdf, tmp_path)
    assert "NON ENREGISTRÉE" in text and "invalid MRN" in text
    assert barcodes(pdf, tmp_path) == []


def test_thousand_goods_items_paginate_with_every_item_once(tmp_path):
    doc = ferry_filing(items=1000)
    for _, n, item in doc.goods_items():
        item["commodity"]["descriptionOfGoods"] = f"Article-{n:04d} frozen chips"
    pdf = render_summary(doc, REGISTERED)
    pages = page_count(pdf, tmp_path)
    assert 15 <= pages <= 60
    text = pdf_text(pdf, tmp_path)
    for n in range(1, 1001):
        assert text.count(f"Article-{n:04d} ") == 1, n
    assert text.count("page ") >= pages
    for page in (1, pages // 2, pages):
        assert f"page {page} / {pages}" in pdf_text(pdf, tmp_path, page)
    assert "Total of the house consignment 1: 1000 goods items" in text
    last = pdf_text(pdf, tmp_path, pages)
    assert "Totals" in last and "\n1000\n" in last


def test_batch_numbers_pages_per_filing_and_marks_only_the_unregistered(tmp_path):
    pdf = render_summaries([PrintFiling(ferry_filing(), REGISTERED),
                            PrintFiling(shuttle_filing(), PrintMeta()),
                            PrintFiling(ferry_filing("TCO26112500009"), PrintMeta(state="registered", mrn=MRN_B))], "en")
    assert page_count(pdf, tmp_path) == 3
    texts = [pdf_text(pdf, tmp_path, p) for p in (1, 2, 3)]
    assert "TCO26112500001" in texts[0] and "TCO26112500002" in texts[1] and "TCO26112500009" in texts[2]
    assert all("page 1 / 1" in t for t in texts)
    assert ["NOT REGISTERED" in t for t in texts] == [False, True, False]
    assert barcodes(pdf, tmp_path, page=3) == [f"CODE-128:{MRN_B}"]


def test_letters_outside_the_font_print_as_their_base_letter(tmp_path):
    doc = ferry_filing()
    doc.data["representative"]["name"] = "Wąsik Transport Ștefan Sp. z o.o."
    text = pdf_text(render_summary(doc, REGISTERED), tmp_path)
    assert "Wasik Transport Stefan Sp. z o.o." in text


def test_writes_to_a_path_and_to_a_file_object(tmp_path):
    path = tmp_path / "out.pdf"
    assert render_summary(ferry_filing(), REGISTERED, out=path) is None
    with open(tmp_path / "f.pdf", "wb") as fh:
        render_summary(ferry_filing(), REGISTERED, out=fh)
    for p in (path, tmp_path / "f.pdf"):
        assert p.read_bytes().startswith(b"%PDF") and MRN_A in pdf_text(p, tmp_path)


def test_unknown_language_is_refused():
    with pytest.raises(BadInputError, match="language"):
        render_summary(ferry_filing(), lang="de")


def test_container_and_seals_appear_with_the_house_and_in_the_totals(tmp_path):
    text = pdf_text(render_summary(shuttle_filing(), PrintMeta(state="registered", mrn=MRN_B)), tmp_path)
    assert "CSQU3054383 seals SL0048213" in text
    assert "Seal numbers" in text and text.count("SL0048213") == 2  # house line + totals
