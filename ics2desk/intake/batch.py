"""One booking list -> checked draft ENS: read, map, group, build, validate every truck, then
save in one transaction (or nothing: a dry run, a cancel, a broken file, a store failure).

    from ics2desk.intake import Options, import_list
    summary = import_list("bookings.xlsx", data_dir, Options(customer="Van Dijk", queue=True),
                          progress=lambda phase, done, total: ..., cancel=threading.Event())

Order of work, so that nothing is half-imported:
  1. read the file (a broken file stops here: ListFileError) and check the mapping (MappingError);
  2. build and validate every truck in memory (findings point at cells); the store is only read
     (which trucks were imported before);
  3. unless dry_run: one BEGIN IMMEDIATE transaction stores the drafts (LRNs from the store, R3003),
     queues the valid ones if asked, remembers each truck's key; any error or a cancel rolls it
     all back.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import clock
from ..errors import BugError, KnownError
from ..model import EnsDocument
from ..reuse import presets as presets_mod
from . import mapping as mapping_mod
from .build import Base, Built, RowGroup, build, group_rows, load_base
from .findings import CellFinding, locate
from .mapping import Mapping
from .reader import Table, read_table

Progress = Callable[[str, int, int], None]  # (phase "check" | "save", done, total)

#: states in which a re-imported truck's filing may still be replaced by the list's data
REPLACEABLE = ("draft", "ready")
TOTAL = "/totalGrossMass"


class Cancelled(KnownError):
    """The agent stopped the import; nothing was saved."""


@dataclass
class Options:
    template: str | None = None  # base ENS file; else the customer's saved one; else the built-in sample
    mapping_file: str | None = None  # explicit mapping (JSON); else the customer's saved one; else headers
    customer: str | None = None  # names the saved mapping (and template, crossing)
    crossing: str | None = None  # preset id for lists without a crossing column
    dry_run: bool = False
    queue: bool = False  # queue the valid trucks for sending
    keep_invalid: bool = False  # store the trucks that fail as drafts too
    user: str | None = None
    lrn_prefix: str | None = None  # default: Settings.lrn_prefix
    remember_mapping: bool = True  # save the mapping for the customer after a real import


@dataclass
class Outcome:
    """What became of one truck of the list."""

    key: str
    plate: str
    cmr: str
    day: str | None
    rows: list[int]
    findings: list[CellFinding] = field(default_factory=list)
    # after the check: new | invalid | unchanged | update (a draft imported before, changed) | lodged (imported
    # before and sent or further: left alone); after saving: draft | queued | kept_invalid | updated
    status: str = "new"
    lrn: str | None = None  # the new or existing filing
    existing_state: str | None = None
    doc: EnsDocument | None = None

    @property
    def errors(self) -> list[CellFinding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[CellFinding]:
        return [f for f in self.findings if f.severity != "error"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def as_dict(self, lang: str = "en") -> dict:
        return {"key": self.key, "plate": self.plate, "cmr": self.cmr, "date": self.day, "rows": self.rows,
                "status": self.status, "lrn": self.lrn, "valid": self.valid,
                "errors": [f.as_dict(lang) for f in self.errors],
                "warnings": [f.as_dict(lang) for f in self.warnings]}


@dataclass
class Summary:
    source: str
    base: str
    rows: int
    outcomes: list[Outcome]
    dry_run: bool = False
    cancelled: bool = False
    mapping_saved: str | None = None

    def count(self, *statuses: str) -> int:
        return sum(1 for o in self.outcomes if o.status in statuses)

    @property
    def trucks(self) -> int:
        return len(self.outcomes)

    @property
    def drafts(self) -> int:
        """Valid trucks stored as drafts (new or updated), or that would be in a check."""
        return sum(1 for o in self.outcomes if o.valid and o.status in ("draft", "updated", "new", "update"))

    @property
    def queued(self) -> int:
        return self.count("queued")

    @property
    def need_attention(self) -> int:
        return sum(1 for o in self.outcomes if not o.valid)

    @property
    def kept_invalid(self) -> int:
        return self.count("kept_invalid")

    @property
    def already(self) -> int:
        """Trucks imported before and left as they were: unchanged, or already lodged."""
        return self.count("unchanged", "lodged")

    @property
    def to_fix(self) -> list[CellFinding]:
        return [f for o in self.outcomes for f in o.errors]

    @property
    def lrns(self) -> list[str]:
        """The filings this import created or changed."""
        return [o.lrn for o in self.outcomes if o.lrn and o.status in ("draft", "queued", "kept_invalid", "updated")]

    def text(self, lang: str = "en") -> str:
        fr = lang == "fr"
        if self.cancelled:
            return "Import arrêté : rien n'a été enregistré" if fr else "Import stopped: nothing was saved"
        if fr:
            parts = [f"{self.trucks} camion(s) sur {self.rows} ligne(s)",
                     f"{self.drafts} brouillon(s)" + (" possibles" if self.dry_run else "")]
            if self.queued:
                parts.append(f"{self.queued} mis en file d'envoi")
            parts.append(f"{self.need_attention} à corriger" + (f" (dont {self.kept_invalid} gardé(s) en brouillon)"
                                                                if self.kept_invalid else ""))
            if self.already:
                parts.append(f"{self.already} déjà importé(s)")
            return ("Vérification seule : " if self.dry_run else "") + ", ".join(parts)
        parts = [f"{self.trucks} truck(s) from {self.rows} row(s)",
                 f"{self.drafts} draft(s)" + (" possible" if self.dry_run else "")]
        if self.queued:
            parts.append(f"{self.queued} queued for sending")
        parts.append(f"{self.need_attention} need attention" + (f" ({self.kept_invalid} kept as drafts)"
                                                                 if self.kept_invalid else ""))
        if self.already:
            parts.append(f"{self.already} already imported")
        return ("Check only: " if self.dry_run else "") + ", ".join(parts)

    def as_dict(self, lang: str = "en") -> dict:
        return {"file": self.source, "base": self.base, "dry_run": self.dry_run, "cancelled": self.cancelled,
                "rows": self.rows, "trucks": self.trucks, "drafts": self.drafts, "queued": self.queued,
                "need_attention": self.need_attention, "kept_invalid": self.kept_invalid,
                "already_imported": self.already, "updated": self.count("updated"),
                "summary": self.text(lang), "mapping_saved": self.mapping_saved,
                "trucks_detail": [o.as_dict(lang) for o in self.outcomes],
                "to_fix": [f.as_dict(lang) for f in self.to_fix]}


# --- steps -----------------------------------------------------------------------------------
def load(path: str | Path, data_dir: str | Path, options: Options | None = None) -> tuple[Table, Mapping]:
    """Read the list and guess its mapping (the explicit file, else the customer's, else headers)."""
    options = options or Options()
    table = read_table(path)
    saved = mapping_mod.from_file(options.mapping_file) if options.mapping_file else \
        mapping_mod.load_saved(data_dir, options.customer)
    mapping = mapping_mod.guess(table, saved)
    _take_options(mapping, options)
    return table, mapping


def _take_options(mapping: Mapping, options: Options) -> None:
    """What the agent chose for this import wins over what was saved (and is saved next)."""
    if options.customer:
        mapping.customer = options.customer
    if options.template:
        mapping.template = str(Path(options.template).resolve())
    if options.crossing:
        mapping.crossing = options.crossing


def check(table: Table, mapping: Mapping, base: Base, presets: presets_mod.Presets, store=None,
          progress: Progress | None = None, cancel: threading.Event | None = None,
          lrn_placeholder: str = "ICS000000000000") -> list[Outcome]:
    """Every truck built and validated in memory; `store` (read only) says which were imported before."""
    from ..validate import validate_document

    mapping.check(table)
    default = presets.by_id(mapping.crossing) if mapping.crossing else None
    if mapping.crossing and default is None:
        raise mapping_mod.MappingError(f"unknown crossing {mapping.crossing!r}; the desk's crossings: "
                                       f"{', '.join(c.id for c in presets.crossings)}")
    groups = group_rows(table, mapping)
    outcomes = []
    for done, group in enumerate(groups, 1):
        if cancel is not None and cancel.is_set():
            raise Cancelled("import stopped while checking: nothing was saved")
        built = build(group, table, mapping, base, presets, default)
        built.doc.data["LRN"] = lrn_placeholder  # the store gives the real one when it is saved
        report = validate_document(built.doc)
        findings = list(built.notes) + [locate(f, table, built.slots, built.anchors, group.rows[0].number)
                                        for f in report.findings]
        if any(f.field == "gross_mass" and not f.path.endswith(TOTAL) for f in findings):
            # the total is computed from the rows' masses: one wrong mass is one finding, not two
            findings = [f for f in findings if not f.path.endswith(TOTAL)]
        findings.sort(key=lambda f: (f.severity != "error", f.row, f.column if f.column is not None else 999))
        outcome = _outcome(group, built, findings)
        if store is not None:
            _previous(store, outcome)
        outcomes.append(outcome)
        if progress:
            progress("check", done, len(groups))
    return outcomes


def _outcome(group: RowGroup, built: Built, findings: list[CellFinding]) -> Outcome:
    return Outcome(group.key, group.plate, group.cmr, group.day.isoformat() if group.day else None,
                   group.row_numbers, findings, "new" if not any(f.severity == "error" for f in findings)
                   else "invalid", doc=built.doc)


def _previous(store, outcome: Outcome) -> None:
    row = store.conn.execute("SELECT lrn FROM intake_keys WHERE key=?", (outcome.key,)).fetchone()
    if not row:
        return
    filing = store.find(lrn=row[0])
    if filing is None:  # pragma: no cover - a key is written with its filing, in one transaction
        return
    outcome.lrn, outcome.existing_state = filing.lrn, filing.state
    if filing.state not in REPLACEABLE:
        outcome.status = "lodged"  # sent or further: the list cannot change it (amend it in the desk)
        return
    stored = store.document(filing.lrn)
    if _same(stored, outcome.doc):
        outcome.status = "unchanged"
    elif outcome.valid:
        outcome.status = "update"


def _same(a: EnsDocument, b: EnsDocument | None) -> bool:
    if b is None:
        return False
    strip = ("LRN", "documentIssueDate")
    return {k: v for k, v in a.data.items() if k not in strip} == {k: v for k, v in b.data.items() if k not in strip}


def commit(outcomes: list[Outcome], store, table: Table, options: Options, progress: Progress | None = None,
           cancel: threading.Event | None = None) -> None:
    """Store what the check allowed, in one transaction (rolled back on any error or a cancel)."""
    from ..settings import Settings

    prefix = options.lrn_prefix or Settings.load(store.data_dir).lrn_prefix
    now = clock.stamp()
    todo = [o for o in outcomes if o.status in ("new", "update")
            or (o.status == "invalid" and options.keep_invalid and o.existing_state is None)
            or (o.status == "unchanged" and options.queue and o.valid)]
    with store.transaction() as conn:
        for done, o in enumerate(todo, 1):
            if cancel is not None and cancel.is_set():
                raise Cancelled("import stopped while saving: nothing was saved")
            _store_one(store, conn, o, options, prefix, Path(table.source).name, now)
            if progress:
                progress("save", done, len(todo))
        lrns = [o.lrn for o in todo if o.status != "unchanged"]
        if len(set(lrns)) != len(lrns):  # R3003: the store never hands out an LRN twice
            raise BugError(f"the same LRN was given to two trucks of {table.source}")
        if todo:
            counts = {s: sum(1 for o in todo if o.status == s) for s in ("draft", "queued", "kept_invalid", "updated")}
            store.note(None, "import_list", f"{Path(table.source).name}: " + ", ".join(
                f"{n} {s}" for s, n in counts.items() if n), user=options.user)


def _store_one(store, conn, o: Outcome, options: Options, prefix: str, source: str, now: str) -> None:
    """One truck, inside the batch's transaction (so under the store's write lock)."""
    if o.lrn is None:  # another desk may have imported this truck since the check: never twice
        row = conn.execute("SELECT lrn FROM intake_keys WHERE key=?", (o.key,)).fetchone()
        if row:
            o.lrn, o.status = row[0], "unchanged"
            return
    if o.status == "unchanged":
        pass  # imported before as it is: only queued now
    elif o.lrn and o.existing_state in REPLACEABLE:  # the same truck, imported before: a new version
        doc = o.doc.copy()
        doc.data.pop("LRN", None)
        store.save_version(o.lrn, doc, user=options.user)
        o.status = "updated"
    else:
        doc = o.doc.copy()
        doc.data.pop("LRN", None)
        o.lrn = store.import_document(doc, user=options.user, new_lrn=True, lrn_prefix=prefix).lrn
        o.status = "draft" if o.valid else "kept_invalid"
    if options.queue and o.valid:
        store.queue(o.lrn, user=options.user)
        o.status = "queued"
    conn.execute("INSERT INTO intake_keys(key, lrn, customer, source, rows, imported_at, updated_at) "
                 "VALUES(?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET lrn=excluded.lrn, rows=excluded.rows, "
                 "source=excluded.source, updated_at=excluded.updated_at",
                 (o.key, o.lrn, options.customer or "", source, json.dumps(o.rows), now, now))


def import_list(path: str | Path | None, data_dir: str | Path | None = None, options: Options | None = None,
                progress: Progress | None = None, cancel: threading.Event | None = None,
                table: Table | None = None, mapping: Mapping | None = None) -> Summary:
    """Read (unless `table` is given), check and (unless dry_run) store a booking list. Opens its
    own store connection: call it from the thread that runs it."""
    from ..store import open_store
    from ..store.db import resolve_data_dir

    options = options or Options()
    directory = resolve_data_dir(data_dir)
    if table is None:
        table, guessed = load(path, directory, options)
        mapping = mapping or guessed
    elif mapping is None:
        mapping = mapping_mod.guess(table, mapping_mod.load_saved(directory, options.customer))
    _take_options(mapping, options)
    presets = presets_mod.load(directory)
    base = load_base(directory, mapping.template, presets)
    if options.queue and base.is_sample:
        raise KnownError("queueing needs a template (--template FILE.xml, or one saved for the customer): "
                         "without one the parties are the built-in sample's, which must not be lodged")
    summary = Summary(table.source, base.source, len(table.rows), [], dry_run=options.dry_run)
    with open_store(directory, user=options.user) as store:
        try:
            summary.outcomes = check(table, mapping, base, presets, store, progress, cancel)
            if not options.dry_run:
                before = [(o.status, o.lrn) for o in summary.outcomes]
                try:
                    commit(summary.outcomes, store, table, options, progress, cancel)
                except BaseException:  # rolled back: the outcomes say what the store holds
                    for o, (status, lrn) in zip(summary.outcomes, before):
                        o.status, o.lrn = status, lrn
                    raise
        except Cancelled:
            summary.cancelled = True
            return summary
    if not options.dry_run and options.remember_mapping and mapping.customer:
        summary.mapping_saved = str(mapping_mod.save(directory, mapping, table))
    return summary
