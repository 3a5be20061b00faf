"""A validation finding pointed back at the spreadsheet cell that filled the element it names.

The builder records, for every element it filled from the list, the cell it came from (a
Slot), keyed by the element's XPath in the filing. A finding's XPath is looked up exactly,
then among the elements below it (a group-level rule: the empty one first), then above it
(the goods item's row, the truck's first row). What no cell filled came from the template.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..rules import Finding
from .fields import BY_NAME
from .reader import Table, column_letter

INTAKE = "INTAKE"  # the rule ID of what the list itself gets wrong (unknown crossing, two values for one truck)


@dataclass(frozen=True)
class Slot:
    """Where an element's value came from: the field, the row and the column (None: no column of
    the list gives that field, so the element stayed empty)."""

    field: str
    row: int
    column: int | None
    value: str = ""


@dataclass(frozen=True)
class CellFinding:
    rule: str
    path: str
    en: str
    fr: str
    severity: str
    row: int
    column: int | None = None
    header: str | None = None
    field: str | None = None
    source: str = "cell"  # "cell" | "no_column" (no column gives the field) | "template" | "row"

    @property
    def column_letter(self) -> str | None:
        return column_letter(self.column) if self.column is not None else None

    def where(self, lang: str = "en") -> str:
        fr = lang == "fr"
        row = f"{'ligne' if fr else 'row'} {self.row}"
        if self.source == "cell" and self.column is not None:
            head = f" ({self.header})" if self.header else ""
            return f"{row}, {'colonne' if fr else 'column'} {self.column_letter}{head}"
        if self.source == "no_column" and self.field:
            label = BY_NAME[self.field].label(lang)
            return (f"{row}, aucune colonne ne donne « {label} »" if fr
                    else f"{row}, no column gives '{label}'")
        if self.source == "template":
            return f"{row} ({'valeur du modèle' if fr else 'a value from the template'})"
        return row

    def text(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en

    def message(self, lang: str = "en") -> str:
        return f"{self.where(lang)}: {self.rule} {self.text(lang)}"

    def as_dict(self, lang: str = "en") -> dict:
        return {"row": self.row, "column": self.column_letter, "header": self.header, "field": self.field,
                "rule": self.rule, "path": self.path, "severity": self.severity, "message": self.text(lang),
                "where": self.where(lang)}


def at_cell(table: Table, slot: Slot, rule: str, path: str, en: str, fr: str,
            severity: str = "error") -> CellFinding:
    if slot.column is None:
        return CellFinding(rule, path, en, fr, severity, slot.row, None, None, slot.field, "no_column")
    header = table.headers[slot.column] if slot.column < len(table.headers) else None
    return CellFinding(rule, path, en, fr, severity, slot.row, slot.column, header, slot.field, "cell")


def locate(finding: Finding, table: Table, slots: dict[str, Slot], anchors: dict[str, int],
           first_row: int) -> CellFinding:
    """The cell (or row) a validator finding is about."""
    path = finding.path
    slot = slots.get(path)
    if slot is None:
        below = [s for p, s in slots.items() if p.startswith(path + "/")]
        if below:
            empty = [s for s in below if not s.value]
            pick = empty or below
            cells = {(s.row, s.column) for s in pick}
            if len(cells) == 1:
                slot = pick[0]
            else:
                rows = {s.row for s in pick}
                return CellFinding(finding.rule, path, finding.en, finding.fr, finding.severity,
                                   min(rows), source="row")
    if slot is not None:
        return at_cell(table, slot, finding.rule, path, finding.en, finding.fr, finding.severity)
    # above: the goods item (its row) or the truck (its first row); the value came from the template
    probe = path
    while "/" in probe.strip("/"):
        probe = probe.rsplit("/", 1)[0]
        if probe in slots:
            return at_cell(table, slots[probe], finding.rule, path, finding.en, finding.fr, finding.severity)
        if probe in anchors:
            return CellFinding(finding.rule, path, finding.en, finding.fr, finding.severity, anchors[probe],
                               source="template")
    return CellFinding(finding.rule, path, finding.en, finding.fr, finding.severity, first_row, source="template")
