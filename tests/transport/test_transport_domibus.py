"""The Domibus WS-plugin client against a local mock that validates every request against the
plugin's XSDs and forwards to the ICS2 simulator."""
from __future__ import annotations

import socket

import pytest

from ics2desk.failures import Component, FailureKind
from ics2desk.outbox import Sender
from ics2desk.samples import ferry_filing
from ics2desk.settings import Settings, set_domibus_password
from ics2desk.simulator.domibus_mock import DomibusMock
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.store import open_store
from ics2desk.transport import domibus_soap as soap
from ics2desk.transport.base import make_transport

PASSWORD = "Plugin-User-Pa55"


def _settings(url: str, **kw) -> Settings:
    base = dict(transport="domibus", domibus_url=url, domibus_username="calais", tls_verify=True,
                from_party_id="NL812345678",
                from_party_type="urn:oasis:names:tc:ebcore:partyid-type:unregistered:eu-customs:EORI",
                to_party_type="urn:oasis:names:tc:ebcore:partyid-type:unregistered:eu-customs:auth",
                service_type="eu-customs-service-type", retry_base_s=0.02, retry_cap_s=0.1, send_timeout_s=2,
                poll_interval_s=0.05)
    base.update(kw)
    return Settings(**base)


@pytest.fixture
def mock():
    sim = Ics2Simulator(assessment_delay_s=0)
    s = _settings("")
    pmode = soap.PMode(s.from_party_id, s.from_party_type, s.from_role, s.to_party_id, s.to_party_type, s.to_role,
                       s.service, s.service_type, s.agreement_ref)
    m = DomibusMock(sim, pmode, credentials=("calais", PASSWORD))
    yield m
    m.close()


def _sender(data_dir, settings: Settings) -> Sender:
    set_domibus_password(settings, PASSWORD)
    store = open_store()
    return Sender(store, make_transport(settings), settings)


def test_filing_through_the_access_point_gets_its_mrn(data_dir, mock):
    sender = _sender(data_dir, _settings(mock.url))
    sender.store.import_document(ferry_filing("DOM1"))
    sender.store.queue("DOM1")
    res = sender.drain(until_empty=True, timeout=5)
    assert res.open_items == 0
    f = sender.store.get("DOM1")
    assert f.state in ("registered", "assessment_complete") and f.mrn == mock.sim.registration_log[0][1]
    assert mock.invalid_requests == []
    assert {"submitRequest", "listPendingMessagesRequest", "retrieveMessageRequest",
            "markMessageAsDownloadedRequest"} <= set(mock.requests)
    out = sender.store.timeline("DOM1")[0]
    assert out.transport_id.endswith("@domibus.mock") and mock.status[out.transport_id] == "ACKNOWLEDGED"
    sender.close()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes()


def test_wrong_password_is_an_auth_failure_on_our_access_point(data_dir, mock, memory_keyring):
    settings = _settings(mock.url)
    sender = _sender(data_dir, settings)
    sender.transport.client.auth = ("calais", "wrong")
    sender.store.import_document(ferry_filing("DOM2"))
    sender.store.queue("DOM2")
    sender.drain()
    (item,) = sender.store.outbox_items()
    assert (item.state, item.last_kind, item.last_component) == (
        "pending", FailureKind.AUTH_REFUSED.value, Component.SERVICE_PROVIDER.value)
    assert "WS_PLUGIN:0002" in item.last_error
    sender.close()


def test_pmode_mismatch_stops_permanently(data_dir, mock):
    sender = _sender(data_dir, _settings(mock.url, service="eu.customs.ics2"))
    sender.store.import_document(ferry_filing("DOM3"))
    sender.store.queue("DOM3")
    sender.drain()
    (item,) = sender.store.outbox_items()
    assert item.state == "failed" and "WS_PLUGIN:0003" in item.last_error
    assert mock.invalid_requests == []  # schema-valid, just the wrong values
    sender.close()


def test_unreachable_access_point(data_dir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sender = _sender(data_dir, _settings(f"http://127.0.0.1:{port}/domibus/services/wsplugin"))
    sender.store.import_document(ferry_filing("DOM4"))
    sender.store.queue("DOM4")
    sender.drain()
    (item,) = sender.store.outbox_items()
    assert (item.last_kind, item.last_component) == (FailureKind.GATEWAY_UNREACHABLE.value,
                                                     Component.SERVICE_PROVIDER.value)
    sender.close()


def test_eu_outage_behind_the_access_point_then_recovery(data_dir, mock):
    sender = _sender(data_dir, _settings(mock.url))
    mock.sim.set_outage("eu_connection", "503")
    sender.store.import_document(ferry_filing("DOM5"))
    sender.store.queue("DOM5")
    sender.drain(until_empty=True, timeout=0.3)
    assert sender.store.get("DOM5").state == "sent"  # the access point holds it
    assert list(mock.status.values()) == ["WAITING_FOR_RETRY"]
    # the access point's status says which component is down
    (item,) = sender.store.outbox_items()
    assert (item.state, item.last_kind, item.last_component) == (
        "awaiting_reply", FailureKind.INTERFACE_ERROR.value, Component.EU_CONNECTION.value)
    mock.sim.recover()
    sender.drain(until_empty=True, timeout=5)
    assert sender.store.get("DOM5").state in ("registered", "assessment_complete")
    assert len(mock.sim.registration_log) == 1
    sender.close()


def test_missing_keyring_password_is_a_clear_error(data_dir):
    from ics2desk.errors import BadInputError

    with pytest.raises(BadInputError, match="keyring"):
        make_transport(_settings("https://ap.example/domibus/services/wsplugin", domibus_username="nobody"))


def test_mock_refuses_a_request_that_breaks_the_plugin_schema(mock):
    import base64

    import httpx

    bad = soap._envelope(soap._ws("retrieveMessageRequest"))  # messageID missing
    auth = {"Authorization": "Basic " + base64.b64encode(f"calais:{PASSWORD}".encode()).decode()}
    r = httpx.post(mock.url, content=bad, headers={"Content-Type": soap.CONTENT_TYPE, **auth})
    with pytest.raises(soap.SoapFault) as e:
        soap.read_envelope(r.content)
    assert e.value.code == "WS_PLUGIN:0007" and "messageID" in e.value.message
    assert len(mock.invalid_requests) == 1
    assert httpx.get(mock.url).status_code == 405


def test_a_message_the_access_point_gave_up_on_is_sent_again(data_dir, mock):
    sender = _sender(data_dir, _settings(mock.url))
    mock.sim.set_outage("eu_connection", "503")
    sender.store.import_document(ferry_filing("DOM6"))
    sender.store.queue("DOM6")
    sender.drain()
    (mid,) = mock.status
    mock.status[mid] = "SEND_FAILURE"
    mock.retry.clear()
    mock.sim.recover()
    import time

    time.sleep(0.06)
    sender.drain(until_empty=True, timeout=5)
    assert sender.store.get("DOM6").state in ("registered", "assessment_complete")
    assert len(mock.sim.registration_log) == 1
    # the item may have reached ICS2: asked first (IE3Q05), then sent again under the same LRN
    assert [m.message_type for m in sender.store.timeline("DOM6") if m.direction == "out"] == [
        "IE3F50", "IE3Q05", "IE3F50"]
    sender.close()


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402


@hsettings(max_examples=80, deadline=None)
@given(st.one_of(st.binary(max_size=300),
                 st.text(max_size=200).map(lambda t: (
                     f'<soap:Envelope xmlns:soap="{soap.SOAP}"><soap:Body>{t}</soap:Body></soap:Envelope>').encode()),
                 st.sampled_from([b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
                                  b"<soap:Envelope xmlns:soap='http://www.w3.org/2003/05/soap-envelope'/>"])))
def test_garbage_from_the_access_point_is_a_transport_failure(payload):
    import httpx

    from ics2desk.transport.base import TransportFailure
    from ics2desk.transport.domibus import DomibusTransport

    client = httpx.Client(transport=httpx.MockTransport(lambda req: httpx.Response(200, content=payload)))
    t = DomibusTransport("http://ap/domibus/services/wsplugin", soap.PMode(*["x"] * 9), client=client)
    try:
        t.poll()
    except TransportFailure as exc:
        assert "root:" not in str(exc)  # nothing was resolved
