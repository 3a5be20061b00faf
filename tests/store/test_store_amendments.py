"""Amendments through the store: R3024 is enforced whoever queues them, and rail amends as IE3A51."""
from __future__ import annotations

from datetime import timedelta

import pytest

from ics2desk.errors import BadInputError
from ics2desk.outbox import Sender
from ics2desk.samples import departure_plus, ferry_filing, rail_filing
from ics2desk.settings import Settings
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import open_store
from ics2desk.transport.http_simulator import SimulatorTransport


@pytest.fixture
def sender(data_dir):
    settings = Settings(retry_base_s=0.02, retry_cap_s=0.1, send_timeout_s=0.5, poll_interval_s=0.05)
    with SimulatorServer(Ics2Simulator(assessment_delay_s=60), port=0) as sim:
        s = Sender(open_store(), SimulatorTransport(sim.url, timeout=0.5), settings)
        yield s
        s.close()


def registered(sender, doc):
    sender.store.import_document(doc)
    sender.store.queue(doc.lrn)
    sender.drain(until_empty=True, timeout=5)
    assert sender.store.get(doc.lrn).state == "registered"
    return sender.store.document(doc.lrn)


def test_changing_what_cannot_be_amended_is_refused_by_the_store(sender):
    doc = registered(sender, ferry_filing("AMD26112500001"))
    doc.data["customsOfficeOfFirstEntry"]["referenceNumber"] = "FR590002"
    with pytest.raises(BadInputError, match="R3024 /IE3A50/customsOfficeOfFirstEntry/referenceNumber"):
        sender.store.amend("AMD26112500001", doc)
    assert sender.store.get("AMD26112500001").state == "registered"  # nothing queued


def test_an_allowed_amendment_goes_through(sender):
    doc = registered(sender, ferry_filing("AMD26112500002"))
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = departure_plus(doc.data, timedelta(hours=3))
    sender.store.amend("AMD26112500002", doc)
    sender.drain(until_empty=True, timeout=5)
    sent = [m for m in sender.store.timeline("AMD26112500002") if m.direction == "out"]
    assert [m.message_type for m in sent] == ["IE3F50", "IE3A50"]
    assert sender.store.get("AMD26112500002").state == "registered"  # IE3N10 came back


def test_a_rail_filing_is_amended_with_ie3a51(sender):
    doc = registered(sender, rail_filing("AMD26112500003"))
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = departure_plus(doc.data, timedelta(hours=2))
    sender.store.amend("AMD26112500003", doc)
    sender.drain(until_empty=True, timeout=5)
    types = [(m.direction, m.message_type) for m in sender.store.timeline("AMD26112500003")]
    assert ("out", "IE3A51") in types and ("in", "IE3N10") in types
    assert sender.store.get("AMD26112500003").state == "registered"
