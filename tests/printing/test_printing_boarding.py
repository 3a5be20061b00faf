"""A truck that must not board never gets a clean barcode: filings driven through the store by
ICS2's own replies (Do Not Load, invalidation, rejection, ...), printed, and read back with
pdftotext and a real barcode decoder (zbarimg)."""
from __future__ import annotations

import pytest
from printing_tools import MRN_A, MRN_B, barcodes, filing_in, page_count, pdf_text

from ics2desk.checkdigits import make_mrn
from ics2desk.printing import (
    MayNotBoardError,
    PrintFiling,
    PrintMeta,
    render_summary,
    render_truck_sheet,
    render_truck_sheets,
)
from ics2desk.samples import ferry_filing, shuttle_filing
from ics2desk.store import open_store
from ics2desk.store.lifecycle import Boarding

#: the store state reached -> (stamp words on the paper, the verdict)
CASES = {
    "do_not_load": (("NE PAS CHARGER", "DO NOT LOAD"), Boarding.DO_NOT_LOAD),
    "dnl_then_amended": (("NE PAS CHARGER", "DO NOT LOAD"), Boarding.DO_NOT_LOAD),  # state says registered
    "invalidated": (("INVALIDÉE", "INVALIDATED"), Boarding.INVALIDATED),
    "invalidating": (("INVALIDÉE", "INVALIDATED"), Boarding.INVALIDATED),
    "rejected": (("REJETÉE", "REJECTED"), Boarding.REJECTED),
    "draft": (("NON ENREGISTRÉE", "NOT REGISTERED"), Boarding.NOT_REGISTERED),
}


@pytest.fixture
def store(data_dir):
    s = open_store()
    yield s
    s.close()


def printed(store, state: str, lrn: str = "TCO26112500041", doc=None) -> PrintFiling:
    doc = doc or shuttle_filing(lrn)
    filing_in(store, doc, state, MRN_A)
    return PrintFiling(store.document(doc.lrn), PrintMeta.from_record(store.get(doc.lrn)))


def every_page_has_no_barcode(pdf: bytes, tmp_path) -> bool:
    return all(barcodes(pdf, tmp_path, page=p) == [] for p in range(1, page_count(pdf, tmp_path) + 1))


@pytest.mark.parametrize("state", list(CASES))
def test_a_truck_that_may_not_board_gets_no_barcode_anywhere(store, tmp_path, state):
    (fr, en), verdict = CASES[state]
    f = printed(store, state)
    assert f.verdict is verdict
    # the summary: the stamp in large type at the top and on every page, no barcode
    summary = render_summary(f.doc, f.meta, "fr")
    text = " ".join(pdf_text(summary, tmp_path).split())
    assert fr in text and en in text and "Aucun code-barres" in text and "LRN TCO26112500041" in text
    assert every_page_has_no_barcode(summary, tmp_path)
    # the truck sheet: refused, the reason in the agent's language
    with pytest.raises(MayNotBoardError) as refused:
        render_truck_sheet([f], lang="fr")
    assert fr in str(refused.value) and "TCO26112500041" in str(refused.value)
    assert [(s.lrn, s.verdict) for s in refused.value.skipped] == [("TCO26112500041", verdict)]
    with pytest.raises(MayNotBoardError, match=en):
        render_truck_sheet([f], lang="en")
    # ... unless asked for the record: stamped across the page, not one barcode
    sheet = render_truck_sheet([f], lang="en", for_the_record=True)
    text = " ".join(pdf_text(sheet, tmp_path).split())
    assert fr in text and en in text and "FOR THE RECORD, NO BARCODE" in text and "Do not present this sheet" in text
    assert page_count(sheet, tmp_path) == 1 and barcodes(sheet, tmp_path, dpi=100) == []


def test_an_unknown_state_is_not_a_boarding_state(tmp_path):
    """A well-formed MRN and nothing known about the state (e.g. a file): no barcode."""
    f = PrintFiling(shuttle_filing(), PrintMeta(mrn=MRN_A))
    assert f.verdict is Boarding.NOT_REGISTERED
    summary = render_summary(f.doc, f.meta, "en")
    text = pdf_text(summary, tmp_path)
    assert "STATE UNKNOWN" in text and MRN_A in text and "NOT REGISTERED" in text
    assert every_page_has_no_barcode(summary, tmp_path)
    with pytest.raises(MayNotBoardError, match="STATE UNKNOWN"):
        render_truck_sheet([f])
    assert barcodes(render_truck_sheet([f], for_the_record=True), tmp_path) == []


def test_a_state_this_version_does_not_know_gets_no_barcode(tmp_path):
    f = PrintFiling(shuttle_filing(), PrintMeta(state="cleared_by_magic", mrn=MRN_A))
    assert f.verdict is Boarding.NOT_REGISTERED
    assert every_page_has_no_barcode(render_summary(f.doc, f.meta), tmp_path)


def test_a_registered_filing_from_the_store_still_scans(store, tmp_path):
    f = printed(store, "registered")
    assert f.may_board
    assert barcodes(render_truck_sheet([f]), tmp_path, dpi=100) == [f"CODE-128:{MRN_A}"]
    summary = render_summary(f.doc, f.meta, "fr")
    assert barcodes(summary, tmp_path) == [f"CODE-128:{MRN_A}"]
    text = pdf_text(summary, tmp_path)
    assert "ENREGISTRÉ" in text and "le camion peut embarquer" in text and "NE PAS CHARGER" not in text


def test_batch_skips_the_stopped_truck_and_says_why(store, tmp_path):
    stopped = printed(store, "do_not_load", "TCO26112500051")
    doc = ferry_filing("TCO26112500052")
    filing_in(store, doc, "registered", MRN_B)
    fine = PrintFiling(store.document(doc.lrn), PrintMeta.from_record(store.get(doc.lrn)))
    batch = render_truck_sheets([stopped, fine], "fr")
    assert batch.printed == ["TCO26112500052"]
    assert [(s.lrn, s.verdict) for s in batch.skipped] == [("TCO26112500051", Boarding.DO_NOT_LOAD)]
    assert batch.skipped[0].reason.startswith("NE PAS CHARGER : la douane a ordonné")
    assert page_count(batch.pdf, tmp_path) == 1 and barcodes(batch.pdf, tmp_path) == [f"CODE-128:{MRN_B}"]
    assert "TCO26112500051" not in pdf_text(batch.pdf, tmp_path)
    # for the record: both trucks, the stopped one stamped and without barcode
    batch = render_truck_sheets([stopped, fine], "fr", for_the_record=True)
    assert batch.skipped == [] and [s.lrn for s in batch.stamped] == ["TCO26112500051"]
    assert barcodes(batch.pdf, tmp_path, page=1) == [] and "NE PAS CHARGER" in pdf_text(batch.pdf, tmp_path, 1)
    assert barcodes(batch.pdf, tmp_path, page=2) == [f"CODE-128:{MRN_B}"]


def test_one_stopped_ens_stops_the_whole_truck(tmp_path):
    """Two ENS on one truck, one Do Not Load: the registered one's barcode would board it all the same."""
    other = make_mrn(26, "FR", "ZZ9Y8W7V6U5")
    group = [PrintFiling(shuttle_filing("TCO26112500061"), PrintMeta(state="registered", mrn=other)),
             PrintFiling(shuttle_filing("TCO26112500062"), PrintMeta(state="registered", do_not_load=True,
                                                                     mrn=MRN_A))]
    with pytest.raises(MayNotBoardError) as refused:
        render_truck_sheets(group, "en")
    reasons = {s.lrn: s.reason for s in refused.value.skipped}
    assert reasons["TCO26112500062"].startswith("DO NOT LOAD")
    assert reasons["TCO26112500061"] == "on the same truck as TCO26112500062, which may not board"
    assert "No truck sheet printed: no truck of this batch may board" in str(refused.value)
    sheet = render_truck_sheet(group, for_the_record=True)
    assert barcodes(sheet, tmp_path) == []
    text = pdf_text(sheet, tmp_path)
    assert "DO NOT LOAD" in text and other in text.replace(" ", "")  # the MRN as text only


def test_nothing_is_written_when_no_truck_may_board(tmp_path):
    out = tmp_path / "sheets.pdf"
    with pytest.raises(MayNotBoardError):
        render_truck_sheets([PrintFiling(shuttle_filing(), PrintMeta(state="invalidated", mrn=MRN_A))], out=out)
    assert not out.exists()
