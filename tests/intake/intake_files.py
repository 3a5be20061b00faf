"""Booking lists written by the tests as real files: CSV bytes in the encoding and with the
delimiter asked, XLSX through openpyxl."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path


#: the desk's "now" in every intake test: 25 November 2026, 07:00 in Calais
NOW = datetime(2026, 11, 25, 6, 0, tzinfo=timezone.utc)

HEADER_FR = ["Immatriculation", "Remorque", "N° CMR", "Date", "Heure départ", "Traversée", "Destinataire",
             "Adresse destinataire", "Numéro destinataire", "Code postal destinataire", "Ville destinataire",
             "Pays destinataire", "Désignation", "Code SH", "Poids brut (kg)", "Nb colis", "Type de colis",
             "Marques"]


def consignee() -> list[str]:
    return ["Frais du Nord SAS", "Rue de Tournai", "88", "59000", "Lille", "FR"]


def truck_row(plate: str, cmr: str, goods: str, hs: str, mass: str, packages: str = "10", marks: str = "M-1",
              trailer: str = "C123456", day: str = "25/11/2026", time: str = "10:30",
              crossing: str = "Ferry Douvres-Calais", kind: str = "palettes") -> list[str]:
    return [plate, trailer, cmr, day, time, crossing, *consignee(), goods, hs, mass, packages, kind, marks]


def goods_row(goods: str, hs: str, mass: str, packages: str = "4", marks: str = "M-2", kind: str = "cartons"
              ) -> list[str]:
    """A goods row under the truck above it: plate and CMR left blank, as TMS exports do."""
    return [""] * 12 + [goods, hs, mass, packages, kind, marks]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER_FR, delimiter: str = ";",
              encoding: str = "utf-8", bom: bool = False) -> Path:
    def cell(v: str) -> str:
        return f'"{v}"' if (delimiter in v or '"' in v or "\n" in v) else v

    text = "\r\n".join(delimiter.join(cell(v) for v in r) for r in [header, *rows]) + "\r\n"
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_xlsx(path: Path, rows: list[list], header: list[str] = HEADER_FR, title: str | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bookings"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    book.save(path)
    return path



def filings(store) -> list:
    from ics2desk.store import FilingQuery

    return store.list_filings(FilingQuery(sort="created_at", descending=False, limit=10_000))


def used_lrns(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM used_lrns").fetchone()[0]
