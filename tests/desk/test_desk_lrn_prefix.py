"""One LRN rule on both paths: the desk (what the GUI's first save calls) and `ics2desk import
--new-lrn` give new filings the settings.json prefix."""
from __future__ import annotations

from ics2desk import samples
from ics2desk.cli import main
from ics2desk.desk import Desk
from ics2desk.settings import Settings
from ics2desk.store import open_store
from ics2desk.xml.writer import to_bytes


def test_the_desk_and_the_cli_both_take_the_prefix_of_settings_json(data_dir, tmp_path, capsys):
    settings = Settings.load(data_dir)
    settings.lrn_prefix = "OPA"
    settings.save(data_dir)
    src = tmp_path / "ferry.xml"
    src.write_bytes(to_bytes(samples.ferry_filing("WHATEVER000001")))
    assert main(["import", "--new-lrn", str(src)]) == 0
    cli_lrn = capsys.readouterr().out.strip()
    with open_store(data_dir) as store:
        doc = samples.ferry_filing()
        del doc.data["LRN"]
        desk_lrn = Desk(store).save(doc)  # settings read from the data dir, as the GUI's desk does
        assert {f.lrn for f in store.list_filings()} == {cli_lrn, desk_lrn}
    assert cli_lrn.startswith("OPA") and desk_lrn.startswith("OPA") and cli_lrn != desk_lrn
    # the same shape: prefix, then what store.new_lrn puts after it for the same declarant
    assert len(cli_lrn) == len(desk_lrn)
