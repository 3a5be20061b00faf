"""`ics2desk summary LRN|FILE.xml... -o out.pdf [--sheet [--for-the-record]] [--lang fr|en]`: print
without the GUI.

An LRN is looked up in the local store, which supplies the state, the Do Not Load flag, MRN and
version number: the store is the only source of "this truck may board". A FILE.xml is read as is
and has no known state, so it never prints a barcode (--mrn only puts the MRN in the text).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import cli
from ..errors import BadInputError, KnownError
from .boarding import MayNotBoardError, SheetBatch
from .meta import PrintFiling, PrintMeta

EPILOG = """\
A truck sheet carries scannable MRNs only for a truck that may board: every ENS on it registered
(or assessment complete, or amending) in the local store and never given a Do Not Load. A FILE.xml
has no state in the store, so it never gets a sheet with barcodes: print it by its LRN.
A summary is always written; one for a filing that may not board is stamped and has no barcode.

exit codes:
  0  PDF written, every truck sheet with its barcodes
  1  a truck may not board: its sheet was left out (the others are written; none at all -> no
     PDF, and an existing OUTPUT file is removed so no older sheet passes for this one); with
     --for-the-record it is written stamped (NE PAS CHARGER / DO NOT LOAD ...) without any
     barcode, and the exit code is still 1. The reasons are on stderr.
  2  unknown LRN, unreadable file or store not available"""


def configure(p: argparse.ArgumentParser) -> None:
    p.description = "Print the ENS summary (A4) or the driver's truck sheet to a PDF."
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = EPILOG
    p.add_argument("sources", nargs="+", metavar="LRN|FILE.xml",
                   help="filings to print: an LRN from the local store or an ENS XML file; several make one PDF")
    p.add_argument("-o", "--output", required=True, help="PDF file to write")
    p.add_argument("--sheet", action="store_true", help="truck sheet for the driver (one page per truck)")
    p.add_argument("--for-the-record", action="store_true",
                   help="with --sheet: also print trucks that may not board, stamped and without any barcode "
                        "(exit code 1 all the same)")
    p.add_argument("--lang", dest="print_lang", choices=["fr", "en"], help="language of the printout (default en)")
    p.add_argument("--mrn", help="MRN of a FILE.xml filing, printed as text (one source only; never a barcode: "
                                 "only the store knows whether the truck may board)")
    p.add_argument("--agent", help="agent contact printed on the truck sheet (default: the representative's)")
    p.add_argument("--crossing", help="crossing name, e.g. 'P&O Dover -> Calais 09:00'")


def _from_file(path: Path, args: argparse.Namespace) -> PrintFiling:
    from ..xml.reader import from_bytes

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    doc = from_bytes(data, str(path))
    return PrintFiling(doc, PrintMeta(mrn=args.mrn, agent_contact=args.agent, crossing=args.crossing))


def _from_store(lrns: list[str], args: argparse.Namespace) -> list[PrintFiling]:
    try:
        from ..store import open_store
    except ImportError as exc:
        raise KnownError(f"store not available ({exc}); print from an ENS XML file instead") from None
    from ..desk import Desk

    store = open_store(getattr(args, "data_dir", None))
    try:
        desk = Desk(store)
        out = []
        for lrn in lrns:
            rec = store.get(lrn)
            elo = _elo_info(lrn, getattr(args, "data_dir", None))
            meta = PrintMeta.from_record(rec, agent_contact=args.agent, crossing=args.crossing,
                                         elo_token=elo.jeton if elo else None,
                                         elo_file_number=elo.numero_dossier if elo else None,
                                         lodging_deadline=desk.deadline(rec))  # the list's, `status`'s
            out.append(PrintFiling(store.document(lrn), meta))
        return out
    finally:
        store.close()


def _elo_info(lrn: str, data_dir):
    """The truck's ELO (jeton, file number) when the ELO feature has one; printing works without it."""
    try:
        from ..elo.service import sheet_info_for
    except ImportError:
        return None
    try:
        return sheet_info_for(lrn, data_dir)
    except KnownError:
        return None


def load(sources: list[str], args: argparse.Namespace) -> list[PrintFiling]:
    """Files and LRNs in the order given. An argument is a file when it exists or ends in .xml."""
    if args.mrn and len(sources) != 1:
        raise BadInputError("--mrn goes with exactly one source")
    filings: list[PrintFiling] = []
    for src in sources:
        path = Path(src)
        if path.suffix.lower() == ".xml" or path.exists():
            filings.append(_from_file(path, args))
        else:
            filings += _from_store([src], args)
    return filings


def run(args: argparse.Namespace) -> int:
    lang = args.print_lang or getattr(args, "lang", None) or "en"
    if args.for_the_record and not args.sheet:
        raise BadInputError("--for-the-record goes with --sheet")
    filings = load(args.sources, args)
    out = Path(args.output)
    try:
        code = _sheets(filings, lang, out, args.for_the_record) if args.sheet else _summaries(filings, lang, out)
    except OSError as exc:
        raise KnownError(f"{out}: cannot write: {exc.strerror or exc}") from None
    if out.exists():
        print(out)
    return code


def _summaries(filings: list[PrintFiling], lang: str, out: Path) -> int:
    from .render import render_summaries

    render_summaries(filings, lang, out)
    for f in filings:
        if not f.may_board:
            print(f"warning: LRN {f.lrn or '?'} printed stamped, without barcode: {f.reason(lang)}",
                  file=sys.stderr)
    return 0


def _sheets(filings: list[PrintFiling], lang: str, out: Path, for_the_record: bool) -> int:
    from .render import render_truck_sheets

    try:
        batch: SheetBatch = render_truck_sheets(filings, lang, out, for_the_record=for_the_record)
    except MayNotBoardError as exc:
        print(str(exc), file=sys.stderr)
        print("(--for-the-record prints it stamped, without any barcode)", file=sys.stderr)
        if out.exists():  # we were asked to write this file: an older sheet must not stand in for it
            out.unlink()
            print(f"{out}: removed (it held an earlier printout)", file=sys.stderr)
        return 1
    for s in batch.skipped:
        print(f"not printed: {s.line()}", file=sys.stderr)
    for s in batch.stamped:
        print(f"printed for the record, stamped, no barcode: {s.line()}", file=sys.stderr)
    return 1 if batch.stopped else 0


cli.register("summary", configure, run, "ENS summary or truck sheet PDF for an LRN or a file")
