"""Read a booking list: CSV (any delimiter, UTF-8 with or without BOM, or Windows-1252) or XLSX
(openpyxl, read-only). The result is a Table: the header row and the data rows, each with its
spreadsheet row number, so every finding can name the cell the agent has to fix.

A file that cannot be read as a table (not text, bad quoting, a row longer than the header,
a damaged workbook) raises ListFileError before anything else happens: nothing is imported
from a broken file.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..errors import BadInputError
from .fields import field_for_header

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = ";,\t|"
MAX_HEADER_SEARCH = 10  # title lines above the header ("Booking list 26/11") are skipped


class ListFileError(BadInputError):
    """The file itself is broken or is not a table: nothing is imported from it."""


@dataclass
class Row:
    number: int  # the spreadsheet's row number (1 = the first line of the file)
    cells: list[Any]  # str for CSV; str/int/float/datetime/date/time/None for XLSX

    def value(self, column: int) -> Any:
        return self.cells[column] if 0 <= column < len(self.cells) else None

    def text(self, column: int) -> str:
        return cell_text(self.value(column))


@dataclass
class Table:
    source: str
    kind: str  # "csv" | "xlsx"
    headers: list[str]
    header_row: int
    rows: list[Row] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

    def column_label(self, column: int) -> str:
        """'D (Poids brut)': the column letter as a spreadsheet shows it, and its header."""
        header = self.headers[column] if 0 <= column < len(self.headers) else ""
        return f"{column_letter(column)} ({header})" if header else column_letter(column)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: Any) -> str:
    """A cell as the agent sees it, trimmed; whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value).strip()


def read_table(path: str | Path) -> Table:
    """The booking list at `path` as a Table (ListFileError when the file is not a readable table)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    if data[:4] == b"PK\x03\x04" or suffix in XLSX_SUFFIXES:
        return read_xlsx(data, str(path))
    if suffix == ".xls" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ListFileError(f"{path}: an old Excel file (.xls): save it as .xlsx or CSV, then import it again")
    return read_csv(data, str(path))


# --- CSV -------------------------------------------------------------------------------------
def decode(data: bytes, source: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 (with or without BOM), else
    Windows-1252 (what Excel writes on a French or British Windows)."""
    if b"\x00" in data[:4096]:
        raise ListFileError(f"{source}: not a text file (it holds NUL bytes): export the list as CSV or XLSX")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ListFileError(f"{source}: marked as UTF-8 but byte {exc.start + 3} is not UTF-8") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ListFileError(f"{source}: neither UTF-8 nor Windows-1252 text (byte {exc.start}): "
                            f"export the list again as CSV UTF-8") from None


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: csv.Sniffer's guess, checked against the others by how many
    columns each gives consistently over the first lines. The check matters for French lists: a
    ';' file whose every row holds one decimal comma looks just as regular split on ',' (two
    columns a row) and the sniffer prefers ','; the header row of a booking list has many columns."""
    lines = [line for line in text.splitlines() if line.strip()][:30]
    sample = "\n".join(lines)
    try:
        guess = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        guess = None

    def score(delimiter: str) -> tuple[int, int, int]:
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            return (0, 0, 0)
        if not counts:
            return (0, 0, 0)
        mode = max(set(counts), key=counts.count)
        regular = counts.count(mode) * 2 >= len(counts)  # most lines agree (title lines may not)
        return (int(regular and mode > 1), mode, int(delimiter == guess))

    return max(DELIMITERS, key=score) if lines else ","


def read_csv(data: bytes, source: str = "list.csv") -> Table:
    text, encoding = decode(data, source)
    delimiter = sniff_delimiter(text)
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for cells in reader:
            number += 1  # one spreadsheet row per record, even when a quoted cell holds a line break
            records.append((number, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise ListFileError(f"{source}: row {number + 1}: not valid CSV ({exc}); check the quotes on that "
                            f"line") from None
    return _table(records, source, "csv", encoding=encoding, delimiter=delimiter)


# --- XLSX ------------------------------------------------------------------------------------
def read_xlsx(data: bytes, source: str = "list.xlsx") -> Table:
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ModuleNotFoundError:  # pragma: no cover - a dependency of the package
        raise ListFileError(f"{source}: reading XLSX needs openpyxl (pip install openpyxl)") from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ListFileError(f"{source}: not a readable XLSX workbook ({exc or type(exc).__name__}); "
                            f"open it in Excel and save it again") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ListFileError(f"{source}: the workbook has no sheet")
        records: list[tuple[int, list[Any]]] = []
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                cells = [v.strip() if isinstance(v, str) else v for v in values]
                records.append((number, cells))
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            raise ListFileError(f"{source}: the sheet {sheet.title!r} is damaged ({exc}); open it in Excel and "
                                f"save it again") from None
        return _table(records, source, "xlsx", sheet=sheet.title)
    finally:
        book.close()


# --- both ------------------------------------------------------------------------------------
def _blank(cells: list[Any]) -> bool:
    return all(cell_text(c) == "" for c in cells)


def _header_index(records: list[tuple[int, list[Any]]]) -> int:
    """Which of the first records is the header: the first that names at least two known fields,
    else the first non-blank one."""
    first = None
    for i, (_, cells) in enumerate(records[:MAX_HEADER_SEARCH]):
        if _blank(cells):
            continue
        if first is None:
            first = i
        if sum(1 for c in cells if field_for_header(cell_text(c))) >= 2:
            return i
    if first is None:
        raise ListFileError("empty")
    return first


def _table(records: list[tuple[int, list[Any]]], source: str, kind: str, **info) -> Table:
    try:
        h = _header_index(records)
    except ListFileError:
        raise ListFileError(f"{source}: the list is empty (no header row)") from None
    header_row, header_cells = records[h]
    headers = [cell_text(c) for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) < 2:
        raise ListFileError(f"{source}: row {header_row} has a single column; a booking list needs a header "
                            f"row with one column per field (plate, CMR, goods, weight...)")
    seen: dict[str, int] = {}
    for i, name in enumerate(headers):
        if name and name.lower() in seen:
            raise ListFileError(f"{source}: row {header_row}: two columns are called {name!r} "
                                f"({column_letter(seen[name.lower()])} and {column_letter(i)}); rename one")
        seen[name.lower()] = i
    table = Table(source, kind, headers, header_row, **info)
    for number, cells in records[h + 1:]:
        if _blank(cells):
            continue
        last = max((i for i, c in enumerate(cells) if cell_text(c)), default=-1)
        if last >= len(headers):
            raise ListFileError(
                f"{source}: row {number} has a value in column {column_letter(last)}, beyond the last header "
                f"({column_letter(len(headers) - 1)}): a delimiter inside an unquoted value? Fix that row, then "
                f"import the list again")
        table.rows.append(Row(number, list(cells[:len(headers)]) + [None] * (len(headers) - len(cells))))
    return table
