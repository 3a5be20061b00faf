"""`ics2desk summary`: from an XML file or from an LRN in the local store, to a PDF."""
from __future__ import annotations

from pathlib import Path

from printing_tools import MRN_A, barcodes, pdf_text

from ics2desk import cli
from ics2desk.samples import shuttle_filing
from ics2desk.xml.writer import to_bytes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-dover-calais-F50.xml"


def test_summary_from_an_xml_file_with_its_mrn(tmp_path, capsys):
    out = tmp_path / "s.pdf"
    assert cli.main(["summary", str(EXAMPLE), "-o", str(out), "--mrn", MRN_A, "--lang", "fr"]) == 0
    text = pdf_text(out, tmp_path)
    assert MRN_A in text and "Déclaration sommaire d'entrée" in text and "NON ENREGISTRÉE" not in text
    assert barcodes(out, tmp_path) == [f"CODE-128:{MRN_A}"]


def test_sheet_from_a_file_without_mrn_warns_and_marks_it(tmp_path, capsys):
    src = tmp_path / "shuttle.xml"
    src.write_bytes(to_bytes(shuttle_filing()))
    out = tmp_path / "sheet.pdf"
    assert cli.main(["summary", str(src), "-o", str(out), "--sheet"]) == 0
    assert "not registered" in capsys.readouterr().err
    text = pdf_text(out, tmp_path)
    assert "Truck sheet" in text and "NOT REGISTERED" in text and "C123456" in text


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
