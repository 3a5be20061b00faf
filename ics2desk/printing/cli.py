"""`ics2desk summary LRN|FILE.xml... -o out.pdf [--sheet] [--lang fr|en]`: print without the GUI.

A FILE.xml is read as is (an IE3F50 has no MRN: pass --mrn for a registered one); an LRN is
looked up in the local store, which supplies the state, MRN and version number.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import cli
from ..errors import BadInputError, KnownError
from .meta import PrintFiling, PrintMeta


def configure(p: argparse.ArgumentParser) -> None:
    p.description = "Print the ENS summary (A4) or the driver's truck sheet to a PDF."
    p.epilog = "exit codes: 0 PDF written; 2 unknown LRN, unreadable file or store not available"
    p.add_argument("sources", nargs="+", metavar="LRN|FILE.xml",
                   help="filings to print: an LRN from the local store or an ENS XML file; several make one PDF")
    p.add_argument("-o", "--output", required=True, help="PDF file to write")
    p.add_argument("--sheet", action="store_true", help="truck sheet for the driver (one page per truck)")
    p.add_argument("--lang", dest="print_lang", choices=["fr", "en"], help="language of the printout (default en)")
    p.add_argument("--mrn", help="MRN of a FILE.xml filing (one source only)")
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
    store = open_store(getattr(args, "data_dir", None))
    try:
        out = []
        for lrn in lrns:
            rec = store.get(lrn)
            elo = _elo_info(lrn, getattr(args, "data_dir", None))
            meta = PrintMeta.from_record(rec, agent_contact=args.agent, crossing=args.crossing,
                                         elo_token=elo.jeton if elo else None,
                                         elo_file_number=elo.numero_dossier if elo else None)
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
    from .render import render_summaries, render_truck_sheets

    lang = args.print_lang or getattr(args, "lang", None) or "en"
    filings = load(args.sources, args)
    out = Path(args.output)
    try:
        if args.sheet:
            render_truck_sheets(filings, lang, out)
        else:
            render_summaries(filings, lang, out)
    except OSError as exc:
        raise KnownError(f"{out}: cannot write: {exc.strerror or exc}") from None
    unregistered = [f.doc.lrn or "?" for f in filings if not f.registered]
    if unregistered:
        print(f"warning: not registered (no MRN), printed with the NOT REGISTERED mark: {', '.join(unregistered)}",
              file=sys.stderr)
    print(out)
    return 0


cli.register("summary", configure, run, "ENS summary or truck sheet PDF for an LRN or a file")
