"""Every transport failure maps to a FailureKind and a blamed component."""
from __future__ import annotations

import socket

import httpx
import pytest

from ics2desk.failures import Component, FailureKind
from ics2desk.transport.base import TransportFailure
from ics2desk.transport.http_simulator import SimulatorTransport


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_refused_connection_is_an_interface_error_on_the_eu_side():
    t = SimulatorTransport(f"http://127.0.0.1:{_free_port()}", timeout=1)
    with pytest.raises(TransportFailure) as e:
        t.send("IE3F50", b"<x/>", "L1")
    assert e.value.kind is FailureKind.INTERFACE_ERROR and e.value.component == Component.EU_CONNECTION.value
    assert e.value.transient


@pytest.mark.parametrize("status,headers,kind,component,transient,maybe_delivered", [
    (503, {"X-ICS2-Component": "common_repository"}, FailureKind.INTERFACE_ERROR, "common_repository", True, False),
    (500, {}, FailureKind.INTERFACE_ERROR, "eu_connection", True, True),
    (502, {}, FailureKind.INTERFACE_ERROR, "eu_connection", True, True),
    (401, {}, FailureKind.AUTH_REFUSED, "eu_connection", True, False),
    # an HTTP refusal is final only once ICS2 is consulted: it may come after the filing was registered
    (400, {}, FailureKind.REJECTED, "eu_connection", False, True),
])
def test_http_status_mapping(status, headers, kind, component, transient, maybe_delivered):
    client = httpx.Client(transport=httpx.MockTransport(lambda req: httpx.Response(status, headers=headers,
                                                                                    text="nope")))
    t = SimulatorTransport("http://sim", client=client)
    with pytest.raises(TransportFailure) as e:
        t.send("IE3F50", b"<x/>", "L1")
    assert (e.value.kind, e.value.component, e.value.transient) == (kind, component, transient)
    assert e.value.maybe_delivered is maybe_delivered


def test_timeout_is_a_timeout():
    def hang(req):
        raise httpx.ReadTimeout("slow", request=req)

    t = SimulatorTransport("http://sim", client=httpx.Client(transport=httpx.MockTransport(hang)))
    with pytest.raises(TransportFailure) as e:
        t.send("IE3F50", b"<x/>", "L1")
    assert e.value.kind is FailureKind.TIMEOUT
