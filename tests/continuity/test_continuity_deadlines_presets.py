"""The incident panel and the filings list count down to the same lodging deadline: the
crossing presets (edited in Settings) are the one source of cut-offs."""
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from ics2desk import samples
from ics2desk.continuity.adapters import cutoffs_from_settings
from ics2desk.continuity.deadlines import QUEUED, PendingFiling, affected_filings
from ics2desk.reuse import presets as presets_mod
from ics2desk.settings import Settings

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=timezone.utc)


def deadline(doc, data_dir):
    cutoffs = cutoffs_from_settings(Settings(), data_dir)
    [a] = affected_filings([PendingFiling(doc.lrn, QUEUED, doc)], NOW, cutoffs)
    return a.arrival - a.deadline


def test_ferry_and_shuttle_take_their_preset_cutoffs(data_dir):
    assert deadline(samples.ferry_filing(), data_dir) == timedelta(hours=2)  # Dover-Calais ferry
    assert deadline(samples.shuttle_filing(), data_dir) == timedelta(hours=1)  # Folkestone-Coquelles


def test_an_edited_preset_moves_the_panel_deadline_too(data_dir):
    presets = presets_mod.load(data_dir)
    ferry = presets.by_id("dover-calais-ferry")
    presets.crossings[presets.crossings.index(ferry)] = replace(ferry, lodging_cutoff_hours=3)
    presets_mod.save(presets, data_dir)
    assert deadline(samples.ferry_filing(), data_dir) == timedelta(hours=3)
    assert presets_mod.load(data_dir).cutoff_hours(samples.ferry_filing().data) == 3  # what the list uses


def test_list_panel_and_status_give_one_deadline_for_one_filing(data_dir, capsys):
    """The filings list (from its row), the Incidents panel (from the document) and
    `ics2desk status --json` agree, for each kind of crossing and after a preset is edited."""
    import json

    from ics2desk import clock
    from ics2desk.cli import main as cli_main
    from ics2desk.store import open_store

    at = datetime(2026, 11, 26, 6, 0, tzinfo=timezone.utc)
    with clock.using(clock.FixedClock(at)), open_store(data_dir) as store:
        for doc in (samples.ferry_filing("ONE1", now=at), samples.shuttle_filing("ONE2", now=at),
                    samples.rail_filing("ONE3", now=at)):
            store.import_document(doc)
        presets = presets_mod.load(data_dir)
        ferry = presets.by_id("dover-calais-ferry")
        presets.crossings[presets.crossings.index(ferry)] = replace(ferry, lodging_cutoff_hours=3)
        presets_mod.save(presets, data_dir)
        cutoffs = cutoffs_from_settings(Settings(), data_dir)
        for row in store.list_filings():
            doc = store.document(row.lrn)
            [panel] = affected_filings([PendingFiling(row.lrn, QUEUED, doc)], at, cutoffs)
            assert cutoffs.deadline_of_filing(row) == panel.deadline, row.lrn
            cli_main(["status", row.lrn, "--json"])
            status = json.loads(capsys.readouterr().out)
            assert status["lodging_deadline"] == panel.deadline.strftime("%Y-%m-%dT%H:%M:%SZ"), row.lrn
        ferry_row = store.get("ONE1")
        assert panel.deadline is not None
        assert cutoffs.for_filing(ferry_row) == timedelta(hours=3)  # the edited preset, everywhere
