"""Rules that look across several filings at once: R3003 within one batch (the files of one
`ics2desk validate` run, the filings of one bulk import, the rows of a booking list).

The store checks R3003 against every LRN it has ever stored (`Store.import_document`); this
module catches the clash before anything is stored, and names the first filing holding the LRN.
Qt-free: the intake of CSV/XLSX booking lists calls `duplicate_lrns` the same way.
"""
from __future__ import annotations

from typing import Iterable

from ..hti.spec import label
from ..model import EnsDocument
from .base import Finding, sites


def duplicate_lrns(named_docs: Iterable[tuple[str, EnsDocument | None]]) -> list[tuple[int, Finding]]:
    """R3003 — "This attribute has to be unique as per Declarant (DECLARANT/Identification number)."

    `named_docs`: (name the user knows the filing by — a file, "bookings.xlsx row 7" —, document)
    in batch order; a None document (unreadable) is skipped. Returns (position in `named_docs`,
    finding) for every later filing whose LRN the same declarant already used earlier in the
    batch: the first occurrence stands, each later one is the error and its message names the
    first. A filing without a declarant or an LRN is left to the rules that require them.
    """
    first: dict[tuple[str, str], str] = {}
    out: list[tuple[int, Finding]] = []
    for index, (name, doc) in enumerate(named_docs):
        if doc is None:
            continue
        declarant = doc.get("declarant/identificationNumber")
        if not declarant:
            continue
        for inst in sites(doc, "R3003"):
            value = inst.value
            if not isinstance(value, str) or not value:
                continue
            key = (declarant, value)
            if key not in first:
                first[key] = name
                continue
            field_en, field_fr = label(inst.spec), label(inst.spec, "fr")
            out.append((index, Finding(
                "R3003", inst.xpath,
                f"{field_en} {value} is already used by declarant {declarant} in {first[key]}: an LRN is unique "
                f"per declarant; give this filing a new LRN",
                f"{field_fr} {value} est déjà utilisé par le déclarant {declarant} dans {first[key]} : un LRN "
                f"est unique par déclarant ; donnez un nouveau LRN à ce dépôt")))
    return out
