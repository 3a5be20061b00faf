"""`ics2desk import-list FILE.csv|FILE.xlsx`: a booking list becomes checked draft ENS.

Exit codes:
  0  every truck of the list is fine (stored, queued, or already imported)
  1  some trucks need attention (their findings, cell by cell, are printed; stored only with
     --keep-invalid)
  2  the file cannot be used (unreadable, broken CSV/XLSX, the mapping or the template is wrong):
     nothing was imported
  4  the local store is unavailable (disk full, I/O error, read-only, locked): nothing was imported
  130 interrupted (Ctrl+C): nothing was imported
"""
from __future__ import annotations

import argparse
import json
import sys
import threading

from .. import cli

EXIT_CODES = ("exit codes: 0 every truck fine (stored, queued or already imported); 1 some trucks need attention; "
              "2 the file, mapping or template cannot be used (nothing imported); 4 local store unavailable "
              "(nothing imported); 130 interrupted (nothing imported)")


def configure(p: argparse.ArgumentParser) -> None:
    p.description = ("Read a haulier's booking list (CSV: any delimiter, UTF-8 or Windows-1252, French decimals; "
                     "or XLSX), group its rows into trucks (plate + CMR + date), fill each ENS from a template, "
                     "check every truck before anything is saved, then store the valid ones as drafts. "
                     + EXIT_CODES)
    p.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--template", metavar="FILE.xml",
                   help="base ENS (parties, places, crossing); default: the customer's saved one, else the "
                        "built-in sample with the desk's lodging profile")
    p.add_argument("--mapping", metavar="MAP.json", help='columns to fields: {"columns": {"Header": "field"}}')
    p.add_argument("--customer", metavar="NAME", help="use and save this customer's mapping (and template)")
    p.add_argument("--crossing", metavar="ID", help="crossing preset for lists without a crossing column "
                                                    "(e.g. dover-calais-ferry, folkestone-coquelles-shuttle)")
    p.add_argument("--dry-run", action="store_true", help="check only: nothing is stored")
    p.add_argument("--queue", action="store_true", help="queue the valid trucks for sending (needs a template)")
    p.add_argument("--keep-invalid", action="store_true", help="store the trucks that fail as drafts too")
    p.add_argument("--json", action="store_true", help="machine-readable summary on stdout")
    p.add_argument("--lang", dest="msg_lang", choices=["fr", "en"], default=None,
                   help="language of the messages (default: the global --lang, else English)")


class _Counter:
    """'checked 120/500' on a terminal, rewritten in place; silent when stderr is a file."""

    def __init__(self, lang: str):
        self.tty = sys.stderr.isatty()
        self.words = {"check": "vérifiés" if lang == "fr" else "checked",
                      "save": "enregistrés" if lang == "fr" else "saved"}
        self.shown = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.tty and (done == total or done % 10 == 0):
            print(f"\r{self.words.get(phase, phase)} {done}/{total}", end="", file=sys.stderr, flush=True)
            self.shown = True

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def run(args) -> int:
    from .batch import Options, import_list

    lang = args.msg_lang or getattr(args, "lang", None) or "en"
    options = Options(template=args.template, mapping_file=args.mapping, customer=args.customer,
                      crossing=args.crossing, dry_run=args.dry_run, queue=args.queue,
                      keep_invalid=args.keep_invalid)
    counter = _Counter(lang)
    cancel = threading.Event()
    try:
        summary = import_list(args.file, getattr(args, "data_dir", None), options, progress=counter, cancel=cancel)
    except KeyboardInterrupt:
        counter.end()
        print("ics2desk: interrupted; nothing was imported" if lang == "en" else
              "ics2desk : interrompu ; rien n'a été importé", file=sys.stderr)
        return 130
    finally:
        counter.end()
    if args.json:
        print(json.dumps(summary.as_dict(lang), ensure_ascii=False, indent=1))
    else:
        _print(summary, lang)
    return 1 if summary.need_attention else 0


def _print(summary, lang: str) -> None:
    fr = lang == "fr"
    print(f"{summary.source}: {summary.text(lang)}")
    if summary.base.startswith("built-in"):
        print("  " + ("modèle : l'exemple intégré (parties d'exemple) ; donnez --template" if fr else
                      "base: the built-in sample (example parties); give --template"))
    names = {"draft": "brouillon" if fr else "draft", "queued": "en file d'envoi" if fr else "queued",
             "kept_invalid": "brouillon à corriger" if fr else "draft, needs attention",
             "updated": "brouillon mis à jour" if fr else "draft updated",
             "unchanged": "déjà importé" if fr else "already imported",
             "lodged": "déjà déposé, laissé tel quel" if fr else "already lodged, left as it is",
             "new": "valide" if fr else "valid", "update": "serait mis à jour" if fr else "would be updated",
             "invalid": "à corriger, non enregistré" if fr else "needs attention, not saved"}
    for o in summary.outcomes:
        rows = f"{o.rows[0]}" if len(o.rows) == 1 else f"{o.rows[0]}-{o.rows[-1]}"
        label = "lignes" if fr and len(o.rows) > 1 else "ligne" if fr else "rows" if len(o.rows) > 1 else "row"
        lrn = f" {o.lrn}" if o.lrn else ""
        print(f"  {label} {rows} {o.plate or '?'} {o.cmr or ''}:{lrn} {names.get(o.status, o.status)}")
        for f in o.findings:
            kind = "" if f.severity == "error" else ("avertissement " if fr else "warning ")
            print(f"    {kind}{f.message(lang)}")
    if summary.mapping_saved:
        print(("correspondance des colonnes enregistrée : " if fr else "column mapping saved: ") + summary.mapping_saved)


def _guarded_run(args) -> int:
    from ..store.cli import _guarded

    return _guarded(run)(args)


cli.register("import-list", configure, _guarded_run,
             "read a booking list (CSV/XLSX) into checked draft ENS, one per truck")
