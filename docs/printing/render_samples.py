"""Regenerate the sample pages in this folder (needs poppler-utils):

    .venv/bin/python docs/printing/render_samples.py
"""
from __future__ import annotations

import subprocess
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ics2desk import clock
from ics2desk.checkdigits import make_mrn
from ics2desk.printing import PrintFiling, PrintMeta, render_summary, render_truck_sheet, render_truck_sheets
from ics2desk.samples import ferry_filing, shuttle_filing

HERE = Path(__file__).resolve().parent
AT = datetime(2026, 11, 25, 16, 40, tzinfo=timezone.utc)
AGENT = "Transit Côte d'Opale · Julie Martin · +33 3 21 34 56 78 · ens@transit-opale.fr"


def png(pdf: bytes, name: str, pages: int = 1) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(pages), str(src), str(HERE / name)],
                       check=True)


def main() -> None:
    mrn_a, mrn_b = make_mrn(26, "FR", "A1B2C3D4E5F"), make_mrn(26, "FR", "ZX9Y8W7V6U5")
    png(render_summary(ferry_filing(items=40), PrintMeta(state="registered", mrn=mrn_a, version=2, generated_at=AT),
                       "fr"), "summary-registered-fr", pages=2)
    png(render_summary(ferry_filing(), PrintMeta(state="draft", version=1, generated_at=AT), "en"),
        "summary-not-registered-en")
    shuttle_a, shuttle_b = shuttle_filing("TCO26112500002"), shuttle_filing("TCO26112500005")
    png(render_truck_sheets([PrintFiling(shuttle_a, PrintMeta(state="registered", mrn=mrn_a, version=1,
                                                              agent_contact=AGENT, generated_at=AT)),
                             PrintFiling(shuttle_b, PrintMeta(state="assessment_complete", mrn=mrn_b, version=1,
                                                              generated_at=AT))], "fr").pdf,
        "truck-sheet-fr")
    png(render_truck_sheet([PrintFiling(shuttle_a, PrintMeta(state="do_not_load", do_not_load=True, mrn=mrn_a,
                                                             version=1, agent_contact=AGENT, generated_at=AT))],
                           lang="en", for_the_record=True),
        "truck-sheet-do-not-load-en")


if __name__ == "__main__":
    with clock.using(clock.FixedClock(AT)):  # the samples' crossings are relative to the clock
        main()
