"""The simulator answers like ICS2: schema-valid replies, well-formed MRNs, N99 pointers, N01."""
from __future__ import annotations

import httpx
import pytest

from ics2desk.checkdigits import mrn_problem
from ics2desk.replies import Rejected, parse_reply
from ics2desk.samples import ferry_filing
from ics2desk.simulator.engine import Held, Ics2Simulator, Outage
from ics2desk.simulator.server import SimulatorServer
from ics2desk.xml.writer import to_bytes


def test_registration_reply_is_schema_valid_with_checked_mrn():
    sim = Ics2Simulator()
    _, (r01,) = sim.receive(to_bytes(ferry_filing("SIM1")))
    reply = parse_reply(r01)
    assert reply.message_id == "IE3R01" and reply.schema_problems == []
    assert mrn_problem(reply.mrn) is None and reply.lrn == "SIM1"
    assert sim.registration_log == [("SIM1", reply.mrn)]


def test_errors_come_with_pointers_and_duplicates_with_ie3n01():
    sim = Ics2Simulator()
    doc = ferry_filing("SIM2")
    del doc.data["declarant"]
    _, (n99,) = sim.receive(to_bytes(doc))
    reply = parse_reply(n99)
    assert isinstance(reply, Rejected) and reply.schema_problems == []
    assert "/IE3F50/declarant" in [e.pointer for e in reply.errors]
    sim.receive(to_bytes(ferry_filing("SIM3")))
    _, (n01,) = sim.receive(to_bytes(ferry_filing("SIM3")))
    dup = parse_reply(n01)
    assert dup.message_id == "IE3N01" and dup.duplicate_lrn and dup.schema_problems == []
    assert len(sim.registration_log) == 1


def test_later_notifications_are_valid_and_scheduled():
    sim = Ics2Simulator(assessment_delay_s=0)
    sim.receive(to_bytes(ferry_filing("SIM4")))
    (tid, n03), = sim.pending()
    assert parse_reply(n03).message_id == "IE3N03" and parse_reply(n03).schema_problems == []
    sim.acknowledge([tid])
    assert sim.pending() == []


def test_outage_modes_at_the_door():
    sim = Ics2Simulator()
    sim.set_outage("common_repository", "503")
    with pytest.raises(Outage):
        sim.receive(to_bytes(ferry_filing("SIM5")))
    sim.set_outage("common_repository", "hold")
    with pytest.raises(Held):
        sim.receive(to_bytes(ferry_filing("SIM5")))
    assert sim.registration_log == []
    sim.recover()
    assert [lrn for lrn, _ in sim.registration_log] == ["SIM5"]


def test_admin_endpoint_switches_outages_and_refuse_closes_the_port():
    with SimulatorServer(port=0) as server:
        r = httpx.post(f"{server.admin_url}/admin/outage", json={"component": "eu_connection", "mode": "refuse"})
        assert r.status_code == 200 and r.json()["outages"]["eu_connection"] == "refuse"
        with pytest.raises(httpx.ConnectError):
            httpx.post(f"{server.url}/ics2/messages", content=b"<x/>", timeout=1)
        httpx.post(f"{server.admin_url}/admin/recover")
        r = httpx.post(f"{server.url}/ics2/messages", content=to_bytes(ferry_filing("SIM6")), timeout=5)
        assert r.status_code == 200 and b"IE3R01" in r.content
        assert httpx.get(f"{server.admin_url}/admin/state").json()["registrations"] == 1
        bad = httpx.post(f"{server.admin_url}/admin/outage", json={"component": "moon", "mode": "503"})
        assert bad.status_code == 400


def test_hostile_xml_sent_to_the_simulator_is_refused_not_resolved(tmp_path):
    secret = tmp_path / "s.txt"
    secret.write_text("SIM-SECRET")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
           f'<IE3F50><LRN>&x;</LRN></IE3F50>').encode()
    with SimulatorServer(port=0) as server:
        r = httpx.post(f"{server.url}/ics2/messages", content=xxe, timeout=5)
        assert r.status_code == 400 and b"SIM-SECRET" not in r.content
        r = httpx.post(f"{server.url}/ics2/messages", content=b"\x00garbage", timeout=5)
        assert r.status_code == 400
        assert server.sim.registration_log == []
