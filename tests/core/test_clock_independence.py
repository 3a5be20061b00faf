"""The samples, the examples' maker and the demo read the desk's clock, never a literal date:
a year from now (or ten), every sample truck is still about to travel, its lodging deadline
still ahead, and the deadline order the Incidents panel shows still means what it says."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ics2desk import clock, samples
from ics2desk.continuity.adapters import cutoffs_from_settings
from ics2desk.continuity.deadlines import QUEUED, PendingFiling, affected_filings
from ics2desk.gui.demo import fill_demo
from ics2desk.reuse import presets as presets_mod
from ics2desk.settings import Settings
from ics2desk.store import open_store
from ics2desk.validate import validate_document

AHEAD = [timedelta(days=365), timedelta(days=3653), timedelta(days=-40)]


@pytest.fixture(params=AHEAD, ids=["a year ahead", "ten years ahead", "forty days back"])
def moved_clock(request):
    with clock.using(clock.OffsetClock(request.param)) as source:
        yield source


def _deadline(doc, presets) -> datetime:
    arrival = datetime.fromisoformat(doc.estimated_arrival.replace("Z", "+00:00"))
    return arrival - timedelta(hours=presets.cutoff_hours(doc.data))


def test_the_clock_moved_is_the_clock_every_sample_reads(moved_clock):
    offset = moved_clock.offset
    assert abs(clock.now() - (datetime.now(timezone.utc) + offset)) < timedelta(seconds=5)
    issued = datetime.fromisoformat(samples.ferry_filing().data["documentIssueDate"].replace("Z", "+00:00"))
    assert abs(issued - (datetime.now(timezone.utc) + offset - timedelta(hours=1))) < timedelta(minutes=2)


def test_every_sample_truck_is_still_ahead_of_its_lodging_deadline(moved_clock, data_dir):
    presets = presets_mod.load(data_dir)
    now = clock.now()
    for make in (samples.ferry_filing, samples.shuttle_filing, samples.rail_filing):
        doc = make()
        assert validate_document(doc).valid, make.__name__
        assert _deadline(doc, presets) > now + timedelta(minutes=30), make.__name__


def test_the_demo_trucks_are_all_ahead_of_their_deadlines(moved_clock, data_dir):
    presets = presets_mod.load(data_dir)
    with open_store(data_dir) as store:
        fill_demo(store)
        filings = store.list_filings()
        assert len(filings) == 10
        now = clock.now()
        for f in filings:
            assert _deadline(store.document(f.lrn), presets) > now, f.lrn


def test_the_late_truck_still_sorts_first_and_only_it_is_overdue(moved_clock, data_dir):
    """What tests/gui/test_gui_incidents_outage.py relies on, checked on a moved calendar."""
    now = clock.now()
    late = samples.shuttle_filing("LATE")
    arrival = now + timedelta(minutes=30)  # inside the shuttle's 1 h cut-off
    late.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfDeparture"] = clock.stamp(arrival - timedelta(minutes=35))
    late.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = clock.stamp(arrival)
    pending = [PendingFiling("A", QUEUED, samples.ferry_filing("A")), PendingFiling("LATE", QUEUED, late),
               PendingFiling("B", QUEUED, samples.shuttle_filing("B"))]
    ordered = affected_filings(pending, now, cutoffs_from_settings(Settings(), data_dir))
    assert [a.lrn for a in ordered][0] == "LATE"
    assert [a.lrn for a in ordered if a.overdue(now)] == ["LATE"]
