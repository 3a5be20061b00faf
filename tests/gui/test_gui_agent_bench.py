"""The agent benchmark's template task (benchmarks/bench_agent.py, issue 15 point 11) run through
the real window with keys only: what it lodges is a valid filing, the one intended, every
per-truck value in its own field. The counts are the benchmark's business, not asserted here."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ics2desk import clock
from ics2desk.store import open_store
from ics2desk.validate import validate_document

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_agent.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_agent", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_agent"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_ferry_truck_from_a_template_by_keyboard_is_the_filing_intended(qtbot, tmp_path, bench, lang):
    counts = bench.run("template-ferry", lang, tmp_path)
    assert counts.differences == []
    store = open_store(tmp_path)
    try:
        [filing] = store.list_filings()
        assert filing.state == "queued"
        doc = store.document(filing.lrn)
        assert validate_document(doc).valid
        with clock.using(clock.FixedClock(bench.START)):
            want = bench.intended("template-ferry")
        # what only this truck has, typed by the agent, each where it belongs
        items = doc.data["consignmentMasterLevel"]["consignmentHouseLevel"][0]["goodsItem"]
        assert [i["passiveBorderTransportMeans"][0]["identificationNumber"] for i in items] == ["AB12CDE", "AB12CDE"]
        assert doc.get("consignmentMasterLevel/transportDocumentMasterLevel/documentNumber") == "CMR-2611-004217"
        for when in ("estimatedDateAndTimeOfDeparture", "estimatedDateAndTimeOfArrival"):
            assert doc.data["activeBorderTransportMeans"][when] == want["activeBorderTransportMeans"][when]
        assert doc.data["documentIssueDate"] == want["documentIssueDate"]
        # and what the template brought is still the customer's
        assert doc.data["activeBorderTransportMeans"]["identificationNumber"] == "IMO9524231"
        assert doc.get("consignmentMasterLevel/consignee/name") == "Frais du Nord SAS"
        assert bench.compare(doc.data, want, doc.message_id) == []
    finally:
        store.close()
    assert counts.valid and counts.identical
