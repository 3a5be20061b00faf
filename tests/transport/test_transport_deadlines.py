"""One deadline per exchange and a cap on reply size, in both transports, against real servers
(the simulator, the Domibus mock) behind a proxy that misbehaves: a dripped reply ends at the
deadline, a huge reply is refused without being read, and every failure after the message left
says the message may have arrived (maybe_delivered)."""
from __future__ import annotations

import socket
import time
import tracemalloc

import httpcore
import httpx
import pytest
from faultproxy import FaultProxy, body_contains, posts_to

from ics2desk.failures import Component, FailureKind
from ics2desk.samples import ferry_filing
from ics2desk.simulator.domibus_mock import DomibusMock
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.transport import domibus_soap as soap
from ics2desk.transport.base import ReplyTooLarge, TransportFailure, UnreadablePayload
from ics2desk.transport.domibus import DomibusTransport
from ics2desk.transport.exchange import DeadlineTransport
from ics2desk.transport.http_simulator import SimulatorTransport
from ics2desk.xml.writer import to_bytes

MB = 1024 * 1024


@pytest.fixture
def sim():
    with SimulatorServer(Ics2Simulator(assessment_delay_s=60), port=0) as server:
        yield server


def _filing(lrn: str) -> bytes:
    return to_bytes(ferry_filing(lrn))


def _send(url: str, lrn: str, timeout: float = 1.0, cap: int = 10 * MB) -> tuple[TransportFailure, float]:
    t = SimulatorTransport(url, timeout=timeout, max_reply_bytes=cap)
    start = time.monotonic()
    try:
        with pytest.raises(TransportFailure) as e:
            t.send("IE3F50", _filing(lrn), lrn)
    finally:
        t.close()
    return e.value, time.monotonic() - start


def test_the_pool_runs_on_the_deadline_socket_layer():
    """httpx has no public hook for the network backend: if an httpx upgrade renames the pool,
    this fails instead of the deadline silently going away."""
    pool = DeadlineTransport()._pool
    assert isinstance(pool, httpcore.ConnectionPool)
    assert type(pool._network_backend).__name__ == "_DeadlineBackend"


def test_a_dripped_reply_ends_at_the_deadline(sim):
    with FaultProxy(sim.url, "drip", when=posts_to("/ics2/messages")) as proxy:
        failure, elapsed = _send(proxy.url, "DRIP1", timeout=1.0)
        dripped = proxy.fault_bytes
    assert failure.kind is FailureKind.TIMEOUT and failure.component == Component.EU_CONNECTION.value
    assert "no complete reply within 1 s" in str(failure)
    # the simulator registered it before the proxy started dripping: the desk must not call it lost
    assert failure.maybe_delivered and "may have it" in str(failure)
    assert [lrn for lrn, _ in sim.sim.registration_log] == ["DRIP1"]
    assert elapsed < 3.0  # the deadline (1 s) plus scheduling slack ...
    assert dripped < proxy.full_reply_bytes / 10  # ... while the drip needed minutes to finish


def test_the_poll_is_bounded_too(sim):
    with FaultProxy(sim.url, "drip") as proxy:
        t = SimulatorTransport(proxy.url, timeout=0.5)
        start = time.monotonic()
        with pytest.raises(TransportFailure) as e:
            t.poll()
        elapsed = time.monotonic() - start
        t.close()
    assert e.value.kind is FailureKind.TIMEOUT and not e.value.maybe_delivered  # a poll delivers nothing
    assert elapsed < 2.5


@pytest.mark.parametrize("announce", [True, False], ids=["content-length", "chunked"])
def test_a_huge_reply_is_refused_without_reading_it(sim, announce):
    with FaultProxy(sim.url, "huge", when=posts_to("/ics2/messages"), announce=announce) as proxy:
        tracemalloc.start()
        try:
            failure, _ = _send(proxy.url, f"HUGE{int(announce)}", timeout=20, cap=1 * MB)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        offered = proxy.fault_bytes
    assert isinstance(failure, ReplyTooLarge) and failure.kind is FailureKind.INTERFACE_ERROR
    assert "reply larger than 1 MB refused" in str(failure) and failure.maybe_delivered
    assert failure.component == Component.EU_CONNECTION.value
    assert peak < 6 * MB  # the 100 MB were never held
    assert offered < 50 * MB  # nor read: the connection was dropped at the cap


def test_a_reply_cut_mid_body_is_a_broken_connection_that_may_have_delivered(sim):
    with FaultProxy(sim.url, "cut", when=posts_to("/ics2/messages")) as proxy:
        failure, _ = _send(proxy.url, "CUT1", timeout=5)
    assert failure.kind is FailureKind.INTERFACE_ERROR and failure.transient
    assert "broken" in str(failure) and failure.maybe_delivered


@pytest.mark.parametrize("status,kind", [(400, FailureKind.REJECTED), (500, FailureKind.INTERFACE_ERROR)])
def test_an_http_error_after_the_message_was_taken_may_have_delivered(sim, status, kind):
    """The proxy forwarded the filing (the simulator registered it), then answered an error: a 400
    here must not read as a clean, final refusal."""
    with FaultProxy(sim.url, "status", when=posts_to("/ics2/messages"), status=status) as proxy:
        failure, _ = _send(proxy.url, f"ST{status}", timeout=5)
    assert failure.kind is kind and failure.maybe_delivered
    assert [lrn for lrn, _ in sim.sim.registration_log] == [f"ST{status}"]


def test_an_outage_answer_is_not_maybe_delivered(sim):
    """503: the server says it cannot handle the request now (the simulator's outage drill)."""
    sim.set_outage("eu_connection", "503")
    failure, _ = _send(sim.url, "OUT503")
    assert failure.kind is FailureKind.INTERFACE_ERROR and not failure.maybe_delivered
    assert sim.sim.registration_log == []


def test_a_garbled_reply_is_handed_back_as_is(sim):
    """The transport cannot judge XML: it returns the bytes, the sender quarantines them."""
    with FaultProxy(sim.url, "garble", when=posts_to("/ics2/messages")) as proxy:
        t = SimulatorTransport(proxy.url, timeout=5)
        res = t.send("IE3F50", _filing("GARB1"), "GARB1")
        t.close()
    assert res.replies and not res.replies[0].startswith(b"<")


def test_nothing_sent_is_not_maybe_delivered():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    failure, _ = _send(f"http://127.0.0.1:{port}", "NONE1")
    assert failure.kind is FailureKind.INTERFACE_ERROR and not failure.maybe_delivered
    assert "refused the connection" in str(failure)


def test_credentials_refused_is_not_maybe_delivered():
    client = httpx.Client(transport=httpx.MockTransport(lambda req: httpx.Response(401, text="who?")))
    with pytest.raises(TransportFailure) as e:
        SimulatorTransport("http://sim", client=client).send("IE3F50", b"<x/>", "L1")
    assert e.value.kind is FailureKind.AUTH_REFUSED and not e.value.maybe_delivered


def test_a_compressed_reply_is_unpacked_within_the_cap():
    import gzip

    bomb = gzip.compress(b"\0" * (20 * MB))
    client = httpx.Client(transport=httpx.MockTransport(lambda req: httpx.Response(
        200, content=bomb, headers={"Content-Encoding": "gzip"})))
    with pytest.raises(ReplyTooLarge, match="once unpacked|larger than 1 MB"):
        SimulatorTransport("http://sim", client=client, max_reply_bytes=1 * MB).send("IE3F50", b"<x/>", "L1")


# --- Domibus -----------------------------------------------------------------------------
@pytest.fixture
def ap():
    from test_transport_domibus import PASSWORD, _settings

    s = _settings("")
    pmode = soap.PMode(s.from_party_id, s.from_party_type, s.from_role, s.to_party_id, s.to_party_type, s.to_role,
                       s.service, s.service_type, s.agreement_ref)
    mock = DomibusMock(Ics2Simulator(assessment_delay_s=0), pmode, credentials=("calais", PASSWORD))
    yield mock, pmode, ("calais", PASSWORD)
    mock.close()


def _domibus(url: str, ap, timeout: float = 1.0, cap: int = 10 * MB) -> DomibusTransport:
    mock, pmode, auth = ap
    return DomibusTransport(f"{url}/domibus/services/wsplugin", pmode, auth, timeout=timeout, max_reply_bytes=cap)


def test_a_dripped_submit_at_the_access_point_ends_at_the_deadline(ap):
    mock = ap[0]
    with FaultProxy(f"http://127.0.0.1:{mock.port}", "drip", when=body_contains(b"submitRequest")) as proxy:
        t = _domibus(proxy.url, ap, timeout=1.0)
        start = time.monotonic()
        with pytest.raises(TransportFailure) as e:
            t.send("IE3F50", _filing("DDRIP1"), "DDRIP1")
        elapsed = time.monotonic() - start
        t.close()
    assert e.value.kind is FailureKind.TIMEOUT and e.value.component == Component.SERVICE_PROVIDER.value
    assert "no complete reply within 1 s from the access point" in str(e.value) and e.value.maybe_delivered
    assert elapsed < 3.0 and mock.requests.count("submitRequest") == 1


def test_a_refusing_plugin_fault_is_not_maybe_delivered(ap):
    mock, pmode, _ = ap
    t = DomibusTransport(f"http://127.0.0.1:{mock.port}/domibus/services/wsplugin", pmode, ("calais", "wrong"),
                         timeout=2)
    with pytest.raises(TransportFailure) as e:
        t.send("IE3F50", _filing("DAUTH1"), "DAUTH1")
    t.close()
    assert e.value.kind is FailureKind.AUTH_REFUSED and not e.value.maybe_delivered


def test_a_garbled_submit_answer_may_have_delivered(ap):
    mock = ap[0]
    with FaultProxy(f"http://127.0.0.1:{mock.port}", "garble", when=body_contains(b"submitRequest")) as proxy:
        t = _domibus(proxy.url, ap, timeout=5)
        with pytest.raises(TransportFailure) as e:
            t.send("IE3F50", _filing("DGARB1"), "DGARB1")
        t.close()
    assert e.value.kind is FailureKind.GATEWAY_UNREACHABLE and e.value.maybe_delivered


def test_an_oversize_message_at_the_access_point_does_not_block_the_others(ap):
    """retrieveMessage of one message answers 100 MB: it is refused unread and kept as an
    unreadable record; the other pending message still comes through."""
    mock = ap[0]
    mock.inbox["big@sti-taxud"] = ("IE3R01", b"<IE3R01/>")
    mock.inbox["ok@sti-taxud"] = ("IE3R01", b"<IE3R01><LRN>X</LRN></IE3R01>")
    with FaultProxy(f"http://127.0.0.1:{mock.port}", "huge", announce=False,
                    when=lambda m, p, b: b"retrieveMessageRequest" in b and b"big@sti-taxud" in b) as proxy:
        t = _domibus(proxy.url, ap, timeout=10, cap=1 * MB)
        got = dict(t.poll())
        t.close()
    assert isinstance(got["big@sti-taxud"], UnreadablePayload)
    assert "reply larger than 1 MB refused" in got["big@sti-taxud"].problem
    assert got["ok@sti-taxud"] == b"<IE3R01><LRN>X</LRN></IE3R01>"
