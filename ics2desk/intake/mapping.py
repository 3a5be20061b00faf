"""Which column fills which field: guessed from the header (FR/EN synonyms), corrected by the
agent, saved per customer in <data dir>/intake/mappings/<customer>.json and reused next time.

A mapping file (saved or given with --mapping) looks like:

    {"customer": "Van Dijk", "columns": {"Immatriculation": "plate", "Poids brut": "gross_mass",
     "Commentaire": null}, "template": "/path/to/base.xml", "crossing": "dover-calais-ferry"}

Columns are named by their header (or by their letter, "D"); null means "ignore this column".
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadInputError
from .fields import BY_NAME, field_for_header, normalise
from .reader import Table, column_letter


class MappingError(BadInputError):
    """The mapping cannot be used (unknown field, two columns for one field, no truck plate)."""


@dataclass
class Mapping:
    columns: list[str | None]  # per column of the table: the field it fills, or None (ignored)
    customer: str = ""
    template: str | None = None  # base ENS file remembered for the customer
    crossing: str | None = None  # default crossing preset id when the list has no crossing column
    guessed: list[bool] = field(default_factory=list)  # per column: from the header, not confirmed

    def column_of(self, name: str) -> int | None:
        try:
            return self.columns.index(name)
        except ValueError:
            return None

    def problems(self, table: Table) -> list[str]:
        """What stops the mapping from being used, in words (empty when it can be used)."""
        out = []
        seen: dict[str, int] = {}
        for i, name in enumerate(self.columns):
            if name is None:
                continue
            if name not in BY_NAME:
                out.append(f"column {table.column_label(i)}: unknown field {name!r}")
            elif name in seen:
                out.append(f"columns {table.column_label(seen[name])} and {table.column_label(i)} both fill "
                           f"{BY_NAME[name].en!r}: keep one")
            else:
                seen[name] = i
        if "plate" not in seen:
            out.append("no column gives the truck plate: choose which column holds it (rows are grouped into "
                       "trucks by plate, CMR and date)")
        return out

    def check(self, table: Table) -> None:
        problems = self.problems(table)
        if problems:
            raise MappingError(f"{table.source}: the column mapping cannot be used: " + "; ".join(problems))

    def as_json(self, table: Table) -> dict:
        return {"customer": self.customer,
                "columns": {(h or column_letter(i)): self.columns[i] for i, h in enumerate(table.headers)},
                **({"template": self.template} if self.template else {}),
                **({"crossing": self.crossing} if self.crossing else {})}


def guess(table: Table, saved: dict | None = None) -> Mapping:
    """The mapping for `table`: a saved one first (by header, then letter), else the header's synonyms."""
    saved = saved or {}
    by_header = {normalise(k): v for k, v in (saved.get("columns") or {}).items()}
    columns: list[str | None] = []
    guessed: list[bool] = []
    for i, header in enumerate(table.headers):
        letter = column_letter(i)
        key = normalise(header)
        if key and key in by_header:
            columns.append(by_header[key])
            guessed.append(False)
        elif letter in (saved.get("columns") or {}):
            columns.append(saved["columns"][letter])
            guessed.append(False)
        else:
            columns.append(field_for_header(header))
            guessed.append(True)
    # a synonym must not steal a field the saved mapping gave another column
    taken = {c for c, g in zip(columns, guessed) if c and not g}
    seen: set[str] = set()
    for i, (name, was_guessed) in enumerate(zip(columns, guessed)):
        if name and was_guessed and (name in taken or name in seen):
            columns[i] = None
        elif name:
            seen.add(name)
    return Mapping(columns, customer=saved.get("customer") or "", template=saved.get("template"),
                   crossing=saved.get("crossing"), guessed=guessed)


def from_file(path: str | Path) -> dict:
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise MappingError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("columns", {}), dict):
        raise MappingError(f"{path}: not a column mapping (expected {{\"columns\": {{header: field}}}})")
    unknown = [v for v in raw.get("columns", {}).values() if v is not None and v not in BY_NAME]
    if unknown:
        raise MappingError(f"{path}: unknown fields {', '.join(map(repr, unknown))}; known: "
                           f"{', '.join(BY_NAME)}")
    return raw


def _slug(customer: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", normalise(customer)).strip("-")
    if not slug:
        raise MappingError(f"{customer!r} cannot name a customer (use letters or digits)")
    return slug


def customer_file(data_dir: str | Path, customer: str) -> Path:
    return Path(data_dir) / "intake" / "mappings" / f"{_slug(customer)}.json"


def load_saved(data_dir: str | Path, customer: str | None) -> dict | None:
    if not customer:
        return None
    path = customer_file(data_dir, customer)
    if not path.exists():
        return None
    return from_file(path)


def save(data_dir: str | Path, mapping: Mapping, table: Table) -> Path:
    """Remember the mapping (and template, default crossing) for its customer; merged with what was
    saved for other layouts of the same customer's lists."""
    if not mapping.customer:
        raise MappingError("a mapping is saved per customer: give the customer's name")
    path = customer_file(data_dir, mapping.customer)
    old = load_saved(data_dir, mapping.customer) or {}
    new = mapping.as_json(table)
    new["columns"] = {**(old.get("columns") or {}), **new["columns"]}
    for key in ("template", "crossing"):
        if key not in new and old.get(key):
            new[key] = old[key]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(new, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


def customers(data_dir: str | Path) -> list[str]:
    """Customers with a saved mapping, by name."""
    folder = Path(data_dir) / "intake" / "mappings"
    out = []
    for p in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            out.append(json.loads(p.read_text(encoding="utf-8")).get("customer") or p.stem)
        except (OSError, ValueError):
            continue
    return out
