"""Work queue by deadline: sorted by time left, the filings not yet with customs come first,
overdue ones at the top in red, then those without an arrival time, then what customs already
has (latest arrival first); pages of the list follow the same order."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ics2desk import clock, samples
from ics2desk.checkdigits import make_mrn
from ics2desk.gui.filings import model as filings_model
from ics2desk.gui.filings.model import COL_DEADLINE, DEFAULT_SORT, FilingsModel
from ics2desk.simulator import replies as sim_replies
from ics2desk.store import open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)


def _stamp(delta: timedelta) -> str:
    return clock.stamp(NOW + delta)


@pytest.fixture
def store(data_dir):
    with clock.using(clock.FixedClock(NOW)):
        s = open_store(data_dir)
        yield s
        s.close()


def _filing(store, lrn: str, arrival: timedelta | None, state: str = "draft") -> None:
    doc = samples.ferry_filing(lrn)
    active = doc.data["activeBorderTransportMeans"]
    if arrival is None:
        active.pop("estimatedDateAndTimeOfArrival")
        active.pop("estimatedDateAndTimeOfDeparture", None)
    else:
        active["estimatedDateAndTimeOfArrival"] = _stamp(arrival)
        active["estimatedDateAndTimeOfDeparture"] = _stamp(arrival - timedelta(hours=1, minutes=30))
    store.import_document(doc, user="test")
    if state in ("queued", "registered", "do_not_load"):
        store.queue(lrn, user="test")
    if state in ("registered", "do_not_load"):
        mrn = make_mrn(26, "FR", lrn[-11:])
        store.apply_reply(sim_replies.registered(lrn, mrn, doc), f"tid-{lrn}")
    if state == "do_not_load":
        store.apply_reply(sim_replies.do_not_load(mrn, doc), f"tid-dnl-{lrn}")


@pytest.fixture
def queue(store):
    """Filings in every situation, made in an order that is none of the expected ones."""
    _filing(store, "REGOLD0000001", timedelta(days=-3), "registered")
    _filing(store, "DRAFTLATER001", timedelta(hours=6))
    _filing(store, "NOARRIVAL0001", None)
    _filing(store, "REGNEW0000001", timedelta(hours=-2), "registered")
    _filing(store, "OVERDUE000001", timedelta(minutes=30))  # cut-off 1 h before arrival: 30 min late
    _filing(store, "QUEUED0000001", timedelta(hours=3), "queued")
    _filing(store, "OVERDUE000002", timedelta(minutes=-20))  # the truck should already be there
    _filing(store, "STOPPED000001", timedelta(hours=8), "do_not_load")  # customs stopped it: on top
    return store


ASCENDING = ["STOPPED000001", "OVERDUE000002", "OVERDUE000001", "QUEUED0000001", "DRAFTLATER001", "NOARRIVAL0001",
             "REGNEW0000001", "REGOLD0000001"]


def _lrns(model) -> list[str]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.filing(r).lrn for r in range(model.rowCount())]


def test_the_work_queue_puts_overdue_filings_first_in_red(qtbot, queue):
    with clock.using(clock.FixedClock(NOW)):
        model = FilingsModel(queue)
        model.sort(*DEFAULT_SORT)
        assert DEFAULT_SORT == (COL_DEADLINE, Qt.AscendingOrder)
        assert _lrns(model) == ASCENDING
        red = QColor("#c62828")
        # the stopped truck first, the whole line white on red
        assert model.data(model.index(0, 0), Qt.ForegroundRole).color() == QColor("white")
        assert model.data(model.index(0, 0), Qt.BackgroundRole) is not None
        for col in range(model.columnCount()):  # the whole overdue line, not only its countdown
            assert model.data(model.index(1, col), Qt.ForegroundRole).color() == red
        assert model.data(model.index(1, COL_DEADLINE)).startswith("−")
        assert model.data(model.index(3, 0), Qt.ForegroundRole) is None  # queued, still in time
        model._tick.stop()


def test_descending_reads_the_same_queue_from_the_other_end(qtbot, queue):
    with clock.using(clock.FixedClock(NOW)):
        model = FilingsModel(queue)
        model.sort(COL_DEADLINE, Qt.DescendingOrder)
        assert _lrns(model) == ASCENDING[::-1]
        model._tick.stop()


@pytest.mark.parametrize("in_sql", [0, 2000])  # big parts are read along the arrival index
@pytest.mark.parametrize("page", [1, 2, 3, 200])
def test_pages_follow_the_queue_across_its_parts(qtbot, queue, monkeypatch, page, in_sql):
    monkeypatch.setattr(filings_model, "PAGE", page)
    monkeypatch.setattr(filings_model, "FILTER_IN_SQL_UP_TO", in_sql)
    with clock.using(clock.FixedClock(NOW)):
        model = FilingsModel(queue)
        for order, want in ((Qt.AscendingOrder, ASCENDING), (Qt.DescendingOrder, ASCENDING[::-1])):
            model.sort(COL_DEADLINE, order)
            assert model.rowCount() == min(page, len(want))
            assert _lrns(model) == want
        model._tick.stop()


@pytest.mark.parametrize("in_sql", [0, 2000])
def test_a_state_filter_and_a_search_keep_the_queue_order(qtbot, queue, monkeypatch, in_sql):
    monkeypatch.setattr(filings_model, "FILTER_IN_SQL_UP_TO", in_sql)
    with clock.using(clock.FixedClock(NOW)):
        model = FilingsModel(queue)
        model.sort(*DEFAULT_SORT)
        model.set_query(states=["draft"])
        assert _lrns(model) == ["OVERDUE000002", "OVERDUE000001", "DRAFTLATER001", "NOARRIVAL0001"]
        model.set_query(states=["registered"])
        assert _lrns(model) == ["REGNEW0000001", "REGOLD0000001"]
        model.set_query(text="OVERDUE")
        assert _lrns(model) == ["OVERDUE000002", "OVERDUE000001"]
        model._tick.stop()


def test_other_columns_still_sort_as_before(qtbot, queue):
    with clock.using(clock.FixedClock(NOW)):
        model = FilingsModel(queue)
        model.sort(0, Qt.AscendingOrder)
        assert _lrns(model) == sorted(ASCENDING)
        model._tick.stop()
