"""`ics2desk import-list`: the summary and each finding with its cell, exit codes, JSON."""
from __future__ import annotations

import json

from ics2desk.cli import main

from intake_files import HEADER_FR, filings, goods_row, truck_row, write_csv

COL = {h: i for i, h in enumerate(HEADER_FR)}


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _rows(bad_weight: bool = False) -> list[list[str]]:
    rows = [truck_row("AB12 CDE", "CMR-1", "Frites", "200410", "12 450,75"),
            goods_row("Cheddar", "040690", "3 100,5"),
            truck_row("CD34 EFG", "CMR-2", "Pommes", "080810", "8 000", trailer="D654321")]
    if bad_weight:
        rows[2][COL["Poids brut (kg)"]] = "8 000 kg"
    return rows


def test_import_list_prints_what_became_of_each_truck(tmp_path, data_dir, template, capsys, store):
    path = write_csv(tmp_path / "bookings.csv", _rows())
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "import-list", str(path), "--template", str(template),
                        "--customer", "Van Dijk")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == f"{path}: 2 truck(s) from 3 row(s), 2 draft(s), 0 need attention"
    assert lines[1].startswith("  rows 2-3 AB12CDE CMR-1: ICS261125") and lines[1].endswith(" draft")
    assert lines[2].startswith("  row 4 CD34EFG CMR-2: ICS261125")
    assert lines[3].startswith("column mapping saved: ") and lines[3].endswith("van-dijk.json")
    assert len(filings(store)) == 2

    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "import-list", str(path), "--customer", "Van Dijk")
    assert code == 0
    assert "already imported" in out.splitlines()[0] and len(filings(store)) == 2  # template remembered, no duplicate


def test_a_truck_that_needs_attention_exits_1_and_says_which_cell(tmp_path, data_dir, template, capsys, store):
    path = write_csv(tmp_path / "bookings.csv", _rows(bad_weight=True))
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "import-list", str(path), "--template", str(template),
                        "--lang", "fr")
    assert code == 1
    assert "1 brouillon(s), 1 à corriger" in out
    assert "    ligne 4, colonne O (Poids brut (kg)): XSD Masse brute : '8 000 kg'" in out
    assert len(filings(store)) == 1


def test_json_summary(tmp_path, data_dir, template, capsys, store):
    path = write_csv(tmp_path / "bookings.csv", _rows(bad_weight=True))
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "import-list", str(path), "--template", str(template),
                        "--dry-run", "--json")
    assert code == 1
    result = json.loads(out)
    assert (result["trucks"], result["drafts"], result["need_attention"], result["dry_run"]) == (2, 1, 1, True)
    (fix,) = result["to_fix"]
    assert {k: fix[k] for k in ("row", "column", "header", "field", "rule")} == {
        "row": 4, "column": "O", "header": "Poids brut (kg)", "field": "gross_mass", "rule": "XSD"}
    assert [t["status"] for t in result["trucks_detail"]] == ["new", "invalid"]
    assert filings(store) == []


def test_a_broken_file_exits_2_and_imports_nothing(tmp_path, data_dir, capsys, store):
    path = tmp_path / "bookings.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "import-list", str(path))
    assert code == 2 and "not a readable XLSX workbook" in err
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "import-list", str(tmp_path / "missing.csv"))
    assert code == 2 and "cannot read" in err
    assert filings(store) == []
