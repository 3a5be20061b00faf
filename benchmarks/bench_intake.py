"""Bulk intake of a booking list (500 trucks, 2 goods rows each) against a plain `ics2desk import`
of the equivalent 500 XML files, measured in the same run. Prints a table: time per truck and
the ratio to the plain import.

    .venv/bin/python benchmarks/bench_intake.py [--trucks 500] [--processes 20]

- import-list: read + map + group + build + validate every truck, then store them all as drafts in
  one transaction (CSV with French decimals; the same list as XLSX).
- ics2desk import: the existing command, once per XML file (`ics2desk.cli.main`, in this process:
  argument parsing, store open, XML parse, store, validate), the files being the filings the list
  gives; the baseline of the ratio. Where `import` takes several files, also all 500 in one call.
  `--processes N` also times N of them as separate processes (what a shell loop costs).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ics2desk import clock, samples  # noqa: E402
from ics2desk.xml import writer  # noqa: E402

HEADER = ["Immatriculation", "Remorque", "N° CMR", "Date", "Heure départ", "Traversée", "Destinataire",
          "Adresse destinataire", "Numéro destinataire", "Code postal destinataire", "Ville destinataire",
          "Pays destinataire", "Désignation", "Code SH", "Poids brut (kg)", "Nb colis", "Type de colis", "Marques"]
GOODS = [("Frites surgelées", "200410", "12 450,75", "14", "palettes"),
         ("Cheddar en blocs", "0406 90", "3 100,5", "6", "cartons")]


def rows(trucks: int) -> list[list[str]]:
    day = (clock.now() + timedelta(days=1)).strftime("%d/%m/%Y")
    out = []
    for n in range(trucks):
        plate = f"B{n:04d}XYZ"
        crossing = "Navette" if n % 4 == 3 else "Ferry Douvres-Calais"
        for i, (goods, hs, mass, packages, kind) in enumerate(GOODS):
            head = [plate, f"T{n:05d}", f"CMR-{n:06d}", day, f"{6 + n % 16:02d}:{(n * 7) % 60:02d}", crossing,
                    "Frais du Nord SAS", "Rue de Tournai", "88", "59000", "Lille", "FR"] if i == 0 else [""] * 12
            out.append(head + [goods, hs, mass, packages, kind, f"M{n}-{i + 1}"])
    return out


def write_lists(folder: Path, trucks: int) -> tuple[Path, Path]:
    import openpyxl

    data = rows(trucks)
    csv_path = folder / "bookings.csv"
    csv_path.write_text("\r\n".join(";".join(r) for r in [HEADER, *data]) + "\r\n", encoding="cp1252")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in data:
        sheet.append(r)
    xlsx_path = folder / "bookings.xlsx"
    book.save(xlsx_path)
    return csv_path, xlsx_path


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trucks", type=int, default=500)
    parser.add_argument("--processes", type=int, default=20, help="plain imports also timed as processes (0: skip)")
    args = parser.parse_args()
    from ics2desk.cli import main as cli_main
    from ics2desk.intake import Options, import_list

    work = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    try:
        template = work / "template.xml"
        template.write_bytes(writer.to_bytes(samples.ferry_filing("TEMPLATE0001")))
        csv_path, xlsx_path = write_lists(work, args.trucks)
        results: list[tuple[str, int, float]] = []
        summaries = {}
        warm, _ = write_lists(Path(tempfile.mkdtemp(dir=work)), 5)  # schemas compiled, modules imported
        import_list(warm, work / "data-warm", Options(template=str(template), dry_run=True))

        for name, path, dry in (("import-list CSV --dry-run (check only)", csv_path, True),
                                ("import-list CSV (check + store as drafts)", csv_path, False),
                                ("import-list XLSX (check + store as drafts)", xlsx_path, False)):
            data_dir = work / f"data-{len(results)}"
            t = time.perf_counter()
            s = summaries[name] = import_list(path, data_dir, Options(template=str(template), dry_run=dry))
            seconds = time.perf_counter() - t
            assert s.trucks == args.trucks and s.need_attention == 0, [f.message() for f in s.to_fix[:3]]
            results.append((name, s.trucks, seconds))

        # the equivalent XML files: the filings the list gives, each with its own LRN
        xml_dir = work / "xml"
        xml_dir.mkdir()
        files = []
        for n, o in enumerate(summaries["import-list CSV --dry-run (check only)"].outcomes):
            doc = o.doc.copy()
            doc.data["LRN"] = f"BENCH{n:09d}"
            f = xml_dir / f"truck-{n:04d}.xml"
            f.write_bytes(writer.to_bytes(doc))
            files.append(f)
        data_dir = work / "data-plain"
        quiet = open(work / "plain.out", "w")  # noqa: SIM115  the commands' output, closed below

        def plain():
            stdout = sys.stdout
            sys.stdout = quiet
            try:
                for f in files:
                    assert cli_main(["--data-dir", str(data_dir), "import", str(f)]) == 0
            finally:
                sys.stdout = stdout

        plain_s = timed(plain)
        results.append((f"ics2desk import FILE.xml x {len(files)} (in this process)", len(files), plain_s))

        def one_call():  # `ics2desk import FILE.xml...` where the command takes several files
            stdout, stderr = sys.stdout, sys.stderr
            sys.stdout = sys.stderr = quiet
            try:
                return cli_main(["--data-dir", str(work / "data-batch"), "import", *map(str, files)])
            except SystemExit:  # this version's import takes one file
                return None
            finally:
                sys.stdout, sys.stderr = stdout, stderr

        t = time.perf_counter()
        if one_call() == 0:
            results.append((f"ics2desk import FILE.xml... ({len(files)} files, one call)", len(files),
                            time.perf_counter() - t))
        if args.processes:
            sample = files[: args.processes]
            proc_dir = work / "data-proc"
            exe = [sys.executable, "-m", "ics2desk.cli", "--data-dir", str(proc_dir), "import"]

            def processes():
                for f in sample:
                    subprocess.run(exe + [str(f)], check=True, capture_output=True, cwd=ROOT)

            results.append((f"ics2desk import FILE.xml x {len(sample)} (a process each)", len(sample),
                            timed(processes)))
        quiet.close()
        base = plain_s / len(files) * 1000
        print(f"{'what':<52} {'trucks':>6} {'total s':>8} {'ms/truck':>9} {'vs plain import':>16}")
        for name, trucks, seconds in results:
            per = seconds / trucks * 1000
            print(f"{name:<52} {trucks:>6} {seconds:>8.2f} {per:>9.2f} {per / base:>15.2f}x")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
