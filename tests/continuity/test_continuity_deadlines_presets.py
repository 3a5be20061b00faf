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
