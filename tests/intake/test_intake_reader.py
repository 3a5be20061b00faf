"""Reading booking lists as hauliers send them: any delimiter, UTF-8 with or without BOM or
Windows-1252, French decimals; XLSX with number and date cells; broken files refused whole."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from ics2desk.intake import values
from ics2desk.intake.reader import ListFileError, column_letter, read_table

from intake_files import HEADER_FR, goods_row, truck_row, write_csv, write_xlsx


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_any_delimiter_is_found(tmp_path, delimiter):
    path = write_csv(tmp_path / "list.csv", [truck_row("AB12CDE", "CMR-1", "Frites, surgelées", "200410",
                                                       "12 450,75")], delimiter=delimiter)
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.headers == HEADER_FR
    (row,) = table.rows
    assert row.number == 2
    assert row.text(HEADER_FR.index("Désignation")) == "Frites, surgelées"
    assert row.text(HEADER_FR.index("Poids brut (kg)")) == "12 450,75"


def test_utf8_with_bom_and_windows_1252(tmp_path):
    rows = [truck_row("AB12CDE", "CMR-1", "Pâté de campagne", "160100", "800")]
    bom = read_table(write_csv(tmp_path / "bom.csv", rows, bom=True))
    ansi = read_table(write_csv(tmp_path / "ansi.csv", rows, encoding="cp1252"))
    assert (bom.encoding, ansi.encoding) == ("utf-8-sig", "cp1252")
    for table in (bom, ansi):
        assert table.headers[0] == "Immatriculation"  # no BOM glued to the first header
        assert table.headers[2] == "N° CMR" and table.headers[12] == "Désignation"
        assert table.rows[0].text(12) == "Pâté de campagne"


def test_quoted_cells_keep_delimiters_and_line_breaks_on_one_row(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_text('Plate;CMR;Goods;Weight\r\nAB12CDE;CMR-1;"Cheese; cheddar\r\nblocks";"3 100,5"\r\n'
                    'XY34ZZZ;CMR-2;Biscuits;950\r\n', encoding="utf-8")
    table = read_table(path)
    assert [r.number for r in table.rows] == [2, 3]  # one spreadsheet row per record
    assert table.rows[0].text(2) == "Cheese; cheddar\r\nblocks"


@pytest.mark.parametrize("typed, number", [
    ("12 450,75", "12450.75"), ("12\u00a0450,75", "12450.75"), ("12\u202f450,75", "12450.75"),
    ("12.450,75", "12450.75"), ("12,450.75", "12450.75"), ("12450.75", "12450.75"), ("8400,000", "8400"),
    ("1 234 567", "1234567"), ("1.234.567", "1234567"), ("950,25", "950.25"), ("0,5", "0.5"), ("-3,5", "-3.5"),
    (3100.5, "3100.5"), (3100.4999999999995, "3100.5"),
    (14, "14"), ("douze", "douze"), ("12,5,3", "12,5,3"), ("1 2 3", "1 2 3"),
])
def test_french_and_english_numbers(typed, number):
    assert values.number_text(typed) == number


def test_numbers_that_are_not_numbers_stay_as_typed():
    assert values.parse_decimal("12,5 kg") is None
    assert values.number_text("12,5 kg") == "12,5 kg"  # the validator names the expected format at that cell
    assert values.integer_text("14,5") == "14,5"
    assert values.integer_text("1 200") == "1200"


def test_dates_and_times_as_typed_become_utc():
    day = values.parse_date("25/11/2026")
    assert day == values.parse_date("25/11/26") == values.parse_date("2026-11-25")
    assert values.date_time("10:30", day) == "2026-11-25T09:30:00Z"  # Paris, winter: UTC+1
    assert values.date_time("10h30", day) == "2026-11-25T09:30:00Z"
    assert values.date_time("25/11/2026 21:15") == "2026-11-25T20:15:00Z"
    assert values.date_time(datetime(2026, 7, 1, 10, 30)) == "2026-07-01T08:30:00Z"  # summer: UTC+2
    assert values.date_time("2026-11-25T09:30:00Z") == "2026-11-25T09:30:00Z"
    assert values.date_time("demain matin") == "demain matin"


def test_hs_codes_and_package_words():
    assert values.hs_code(40690) == ("040690", None)  # a number cell lost the leading zero
    assert values.hs_code("0406 90") == ("040690", None)
    assert values.hs_code("0406.90.21") == ("040690", "21")
    assert [values.package_type(w) for w in ("palettes", "Cartons", "px", "Pallet", "colis")] == \
        ["PX", "CT", "PX", "PX", "PK"]


def test_xlsx_cells_keep_their_types(tmp_path):
    row = truck_row("AB12CDE", "CMR-1", "Cheddar", "", "", day="", time="")
    row[HEADER_FR.index("Code SH")] = 40690
    row[HEADER_FR.index("Poids brut (kg)")] = 3100.5
    row[HEADER_FR.index("Date")] = datetime(2026, 11, 25)
    row[HEADER_FR.index("Heure départ")] = datetime(2026, 11, 25, 10, 30)
    path = write_xlsx(tmp_path / "list.xlsx", [row, goods_row("Biscuits", "190531", "950,25")],
                      title="Van Dijk — bookings 25/11")
    table = read_table(path)
    assert table.kind == "xlsx" and table.sheet == "Bookings"
    assert table.header_row == 3  # the title lines above the header are skipped
    assert [r.number for r in table.rows] == [4, 5]
    first = table.rows[0]
    assert first.value(HEADER_FR.index("Code SH")) == 40690
    assert values.number_text(first.value(HEADER_FR.index("Poids brut (kg)"))) == "3100.5"
    assert values.parse_decimal(table.rows[1].value(HEADER_FR.index("Poids brut (kg)"))) == Decimal("950.25")


def test_column_letters():
    assert [column_letter(i) for i in (0, 3, 25, 26, 27, 701, 702)] == ["A", "D", "Z", "AA", "AB", "ZZ", "AAA"]


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"Plate;CMR;Goods\r\nAB12CDE;CMR-1;Cheese;extra;cells\r\n", "row 2 has a value in column E"),
    (b'Plate;CMR;Goods\r\nAB12CDE;"CMR-1;Cheese\r\n', "row 2: not valid CSV"),
    (b"Plate;CMR\x00;Goods\r\n", "not a text file"),
    (b"Plate;Plate;Goods\r\nA;B;C\r\n", "two columns are called 'Plate'"),
])
def test_broken_csv_files_are_refused_whole(tmp_path, content, words):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(ListFileError, match=words):
        read_table(path)


def test_broken_and_old_workbooks_are_refused(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [truck_row("AB12CDE", "CMR-1", "Cheddar", "040690", "10")])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[:600])
    with pytest.raises(ListFileError, match="not a readable XLSX"):
        read_table(cut)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(ListFileError, match="save it as .xlsx or CSV"):
        read_table(old)


def test_a_semicolon_list_whose_every_row_has_one_decimal_comma(tmp_path):
    """Split on ',' such a file is just as regular (two columns a row), and csv.Sniffer prefers ','."""
    path = tmp_path / "decimals.csv"
    path.write_text("Plaque;CMR;Poids\r\nAB12CDE;CMR-1;12,5\r\nCD34EFG;CMR-2;8,25\r\nEF56GHI;CMR-3;1,75\r\n",
                    encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == ";" and table.headers == ["Plaque", "CMR", "Poids"]
    assert [r.text(2) for r in table.rows] == ["12,5", "8,25", "1,75"]


def test_a_title_line_above_the_header(tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text("Van Dijk Transport - bookings of 25/11/2026\r\n\r\nImmatriculation;CMR;Désignation;Poids brut\r\n"
                    "AB12CDE;CMR-1;Frites;12 450,75\r\n", encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == ";" and table.header_row == 3 and table.rows[0].number == 4
