"""`ics2desk summary`: from an XML file or from an LRN in the local store, to a PDF."""
from __future__ import annotations

from pathlib import Path

from printing_tools import MRN_A, MRN_B, barcodes, filing_in, pdf_text

from ics2desk import cli
from ics2desk.samples import ferry_filing, shuttle_filing
from ics2desk.xml.writer import to_bytes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-dover-calais-F50.xml"


def test_summary_from_an_xml_file_prints_its_mrn_as_text_but_no_barcode(tmp_path, capsys):
    """A file has no state in the store: the MRN given on the command line is not a registration."""
    out = tmp_path / "s.pdf"
    assert cli.main(["summary", str(EXAMPLE), "-o", str(out), "--mrn", MRN_A, "--lang", "fr"]) == 0
    assert "ÉTAT INCONNU" in capsys.readouterr().err
    text = pdf_text(out, tmp_path)
    assert MRN_A in text and "Déclaration sommaire d'entrée" in text and "NON ENREGISTRÉE" in text
    assert barcodes(out, tmp_path) == []


def test_sheet_from_a_file_is_refused_because_its_state_is_unknown(tmp_path, capsys):
    src = tmp_path / "shuttle.xml"
    src.write_bytes(to_bytes(shuttle_filing()))
    out = tmp_path / "sheet.pdf"
    assert cli.main(["summary", str(src), "-o", str(out), "--sheet", "--mrn", MRN_A]) == 1
    err = capsys.readouterr().err
    assert "No truck sheet with a barcode for AB12CDE · C123456" in err and "STATE UNKNOWN" in err
    assert not out.exists()
    assert cli.main(["summary", str(src), "-o", str(out), "--sheet", "--for-the-record"]) == 1
    assert "printed for the record" in capsys.readouterr().err
    text = pdf_text(out, tmp_path)
    assert "Truck sheet" in text and "NOT REGISTERED" in text and "C123456" in text and "FOR THE RECORD" in text
    assert barcodes(out, tmp_path) == []


def test_summary_by_lrn_from_the_store(tmp_path, data_dir):
    from ics2desk.store import open_store

    store = open_store()
    try:
        lrn = store.import_document(shuttle_filing("TCO26112500077"), user="agent").lrn
    finally:
        store.close()
    out = tmp_path / "by-lrn.pdf"
    assert cli.main(["summary", lrn, "-o", str(out)]) == 0
    text = pdf_text(out, tmp_path)
    assert lrn in text and "draft" in text and "NOT REGISTERED" in text


def test_unknown_lrn_and_missing_file_are_clear_errors(tmp_path, data_dir, capsys):
    assert cli.main(["summary", "NOSUCHLRN", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "NOSUCHLRN" in capsys.readouterr().err
    assert cli.main(["summary", str(tmp_path / "missing.xml"), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_sheet_by_lrn_follows_the_store_do_not_load_refused_others_printed(tmp_path, data_dir, capsys):
    from ics2desk.store import open_store

    store = open_store()
    try:
        filing_in(store, shuttle_filing("TCO26112500031"), "do_not_load", MRN_A)
        filing_in(store, ferry_filing("TCO26112500032"), "registered", MRN_B)
    finally:
        store.close()
    out = tmp_path / "sheets.pdf"
    out.write_bytes(b"an older printout")
    # the Do Not Load truck alone: no PDF at all, and the older file under that name is gone
    assert cli.main(["summary", "TCO26112500031", "-o", str(out), "--sheet", "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert "TCO26112500031" in err and "NE PAS CHARGER" in err and not out.exists()
    # with a truck that may board: that one is printed with its barcode, the other named on stderr
    assert cli.main(["summary", "TCO26112500031", "TCO26112500032", "-o", str(out), "--sheet"]) == 1
    assert "not printed: LRN TCO26112500031: DO NOT LOAD" in capsys.readouterr().err
    assert barcodes(out, tmp_path) == [f"CODE-128:{MRN_B}"] and "TCO26112500031" not in pdf_text(out, tmp_path)
    # for the record: stamped, not one barcode, still exit 1
    assert cli.main(["summary", "TCO26112500031", "-o", str(out), "--sheet", "--for-the-record"]) == 1
    text = pdf_text(out, tmp_path)
    assert "NE PAS CHARGER" in text and "DO NOT LOAD" in text and barcodes(out, tmp_path) == []
    # the registered truck alone: exit 0
    assert cli.main(["summary", "TCO26112500032", "-o", str(out), "--sheet"]) == 0
    assert barcodes(out, tmp_path) == [f"CODE-128:{MRN_B}"]


def test_for_the_record_needs_sheet(tmp_path, capsys):
    assert cli.main(["summary", str(EXAMPLE), "-o", str(tmp_path / "x.pdf"), "--for-the-record"]) == 2
    assert "--for-the-record goes with --sheet" in capsys.readouterr().err
