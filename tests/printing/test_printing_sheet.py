"""The driver's truck sheet: registrations, crossing, arrival, seals, contact, ELO box, scannable MRNs."""
from __future__ import annotations

import pytest
from printing_tools import MRN_A, MRN_B, barcodes, page_count, pdf_text

from ics2desk.printing import MayNotBoardError, PrintFiling, PrintMeta, render_truck_sheet, render_truck_sheets
from ics2desk.samples import ferry_filing, shuttle_filing


def test_sheet_shows_what_the_driver_and_check_in_need(tmp_path):
    doc = shuttle_filing()
    arrival = doc.estimated_arrival[11:16] + " UTC"  # 2026-11-26T08:55:00Z -> 08:55 UTC
    pdf = render_truck_sheet(doc, PrintMeta(state="registered", mrn=MRN_A,
                                            agent_contact="Julie Martin +33 3 21 00 00 00"),
                             "en")
    assert page_count(pdf, tmp_path) == 1
    text = pdf_text(pdf, tmp_path)
    for expected in ("Tractor", "AB12CDE (GB)", "Trailer", "C123456 (GB)", "Folkestone (GBFOL) -> Coquelles (FRCQS)",
                     arrival, "SL0048213", "Julie Martin +33 3 21 00 00 00", "ELO token / file number",
                     "TCO26112500002", "26FR A1B2C3 D4E5F CT5", "page 1 / 1"):
        assert expected in text, expected
    assert "NOT REGISTERED" not in text


def test_sheet_barcode_decodes_to_the_mrn(tmp_path):
    pdf = render_truck_sheet(shuttle_filing(), PrintMeta(state="registered", mrn=MRN_A))
    assert barcodes(pdf, tmp_path, dpi=100) == [f"CODE-128:{MRN_A}"]


def test_two_filings_on_one_truck_share_one_page_and_both_scan(tmp_path):
    filings = [PrintFiling(shuttle_filing("TCO26112500002"), PrintMeta(state="registered", mrn=MRN_A)),
               PrintFiling(shuttle_filing("TCO26112500005"), PrintMeta(state="registered", mrn=MRN_B))]
    pdf = render_truck_sheets(filings, "fr").pdf
    assert page_count(pdf, tmp_path) == 1
    assert sorted(barcodes(pdf, tmp_path)) == sorted([f"CODE-128:{MRN_A}", f"CODE-128:{MRN_B}"])
    text = pdf_text(pdf, tmp_path)
    assert "ENS 1 / 2" in text and "ENS 2 / 2" in text and "Fiche camion" in text and "Tracteur" in text


def test_batch_makes_one_sheet_per_truck(tmp_path):
    filings = [PrintFiling(ferry_filing(), PrintMeta(state="registered", mrn=MRN_A)),
               PrintFiling(shuttle_filing(), PrintMeta(state="assessment_complete", mrn=MRN_B))]
    batch = render_truck_sheets(filings)
    assert batch.printed == ["TCO26112500001", "TCO26112500002"] and batch.skipped == []
    pdf = batch.pdf
    assert page_count(pdf, tmp_path) == 2
    assert barcodes(pdf, tmp_path, page=1) == [f"CODE-128:{MRN_A}"]
    assert barcodes(pdf, tmp_path, page=2) == [f"CODE-128:{MRN_B}"]
    assert "C123456" not in pdf_text(pdf, tmp_path, 1) and "C123456" in pdf_text(pdf, tmp_path, 2)


def test_unregistered_filing_gets_no_sheet_and_for_the_record_no_barcode(tmp_path):
    with pytest.raises(MayNotBoardError, match="NON ENREGISTRÉE") as refused:
        render_truck_sheet(shuttle_filing(), PrintMeta(state="draft"), lang="fr")
    assert [s.lrn for s in refused.value.skipped] == ["TCO26112500002"]
    pdf = render_truck_sheet(shuttle_filing(), PrintMeta(state="draft"), lang="fr", for_the_record=True)
    text = pdf_text(pdf, tmp_path)
    assert "NON ENREGISTRÉE" in text and "PAS DE MRN" in text and "POUR ARCHIVE" in text
    assert barcodes(pdf, tmp_path) == []


def test_elo_box_is_blank_until_known_then_shows_token_and_file_number(tmp_path):
    blank = pdf_text(render_truck_sheet(shuttle_filing(), PrintMeta(state="registered", mrn=MRN_A)), tmp_path)
    assert "ELO token / file number" in blank and "ELO-JT-42" not in blank
    filled = pdf_text(render_truck_sheet(shuttle_filing(), PrintMeta(state="registered", mrn=MRN_A,
                                                                     elo_token="ELO-JT-42",
                                                                     elo_file_number="DOS-2026-000123")), tmp_path)
    assert "ELO-JT-42" in filled and "DOS-2026-000123" in filled
