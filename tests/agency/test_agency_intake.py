"""A booking list imported at one desk of the agency: the drafts are the agency's, a second
import of the same list at another desk files no truck twice."""
from __future__ import annotations

import sys
from pathlib import Path

from ics2desk import samples
from ics2desk.cli import main
from ics2desk.store import open_store
from ics2desk.xml.writer import to_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "intake"))
from intake_files import goods_row, truck_row, write_csv  # noqa: E402


def test_a_booking_list_on_the_agency_database_files_each_truck_once(agency_db, tmp_path, monkeypatch, capsys):
    _, url = agency_db.add("clerk")
    # main() sets these for the process: recorded here so that they are gone after the test
    monkeypatch.setenv("ICS2DESK_DATABASE", url)
    monkeypatch.setenv("ICS2DESK_DATA", str(tmp_path / "port"))
    template = tmp_path / "template.xml"
    template.write_bytes(to_bytes(samples.ferry_filing()))
    rows = [truck_row("AB12 CDE", "CMR-1", "Frites", "200410", "12 450,75"),
            goods_row("Cheddar", "040690", "3 100,5"),
            truck_row("CD34 EFG", "CMR-2", "Pommes", "080810", "8 000", trailer="D654321")]
    bookings = write_csv(tmp_path / "bookings.csv", rows)
    for desk in ("port", "tunnel"):
        code = main(["--database", url, "--data-dir", str(tmp_path / desk), "import-list", str(bookings),
                     "--template", str(template), "--customer", "Van Dijk"])
        out = capsys.readouterr()
        assert code == 0, out.out + out.err
    with open_store(tmp_path / "look", url=url) as store:
        assert store.count_filings() == 2  # the second desk updated the drafts, filed none again
        assert {f.truck.split(",")[0] for f in store.list_filings()} == {"AB12CDE", "CD34EFG"}
