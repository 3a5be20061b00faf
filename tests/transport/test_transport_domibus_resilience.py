"""Domibus: replies arrive only by polling. A duplicate-LRN recovery must finish on the polled
IE3R08, and one unreadable message at the access point must not hide the replies behind it."""
from __future__ import annotations

import gzip

from test_transport_domibus import _sender, _settings, mock  # noqa: F401  (the fixture)

from ics2desk.samples import ferry_filing
from ics2desk.simulator import domibus_mock
from ics2desk.transport import domibus_soap as soap


def test_duplicate_lrn_over_domibus_recovers_the_mrn(data_dir, mock):  # noqa: F811
    sender = _sender(data_dir, _settings(mock.url))
    st = sender.store
    st.import_document(ferry_filing("DDUP1"))
    st.queue("DDUP1")
    mock.sim.receive(st.versions("DDUP1")[0].xml)  # the first send reached ICS2; the desk crashed before recording
    res = sender.drain(until_empty=True, timeout=5)
    f = st.get("DDUP1")
    assert res.open_items == 0 and not res.timed_out
    # the assessment (IE3N03) that came before the MRN was known is held, then applied
    assert f.state in ("registered", "assessment_complete") and [(f.lrn, f.mrn)] == mock.sim.registration_log
    assert [i.state for i in st.outbox_items()] == ["done"]
    exchange = [m.message_type for m in st.timeline("DDUP1") if m.message_type != "IE3N03"]
    assert exchange == ["IE3F50", "IE3N01", "IE3Q05", "IE3R08"]
    sender.close()


def test_polled_recovery_that_cannot_reach_ics2_sends_the_filing_again(data_dir, mock):  # noqa: F811
    """The IE3N01 came by polling (no outbox item of its own); the IE3Q05 fails: the filing's
    waiting item goes back to pending instead of waiting for a reply that will never come."""
    sender = _sender(data_dir, _settings(mock.url, retry_base_s=60, retry_cap_s=60))
    st = sender.store
    st.import_document(ferry_filing("DDUP2"))
    st.queue("DDUP2")
    mock.sim.receive(st.versions("DDUP2")[0].xml)
    sender.send_due()
    mock.status.clear()
    real_send = sender.transport.send

    def q05_refused(message_type, xml, reference):
        if message_type == "IE3Q05":
            from ics2desk.failures import Component, FailureKind
            from ics2desk.transport.base import TransportFailure

            raise TransportFailure("access point unreachable", FailureKind.GATEWAY_UNREACHABLE,
                                   Component.SERVICE_PROVIDER)
        return real_send(message_type, xml, reference)

    sender.transport.send = q05_refused
    sender.poll_replies()
    (item,) = st.outbox_items()
    assert item.state == "pending" and item.reconcile and "MRN recovery failed" in item.last_error
    sender.close()


def test_one_unreadable_message_does_not_block_the_others(data_dir, mock, monkeypatch):  # noqa: F811
    mock.inbox["gzip@sti-taxud"] = ("IE3R01", b"\x1f\x8bnot-really-gzip")
    mock.inbox["bomb@sti-taxud"] = ("IE3R01", gzip.compress(b"\0" * (51 * 1024 * 1024)))
    mock.inbox["gone@sti-taxud"] = ("IE3R01", b"")
    mock.inbox["empty@sti-taxud"] = ("IE3R01", b"")
    real_retrieve = mock._retrieve

    def retrieve(body):
        mid = body.findtext("messageID")
        if mid == "gone@sti-taxud":
            return 500, soap.fault_envelope("WS_PLUGIN:0009", f"No message with id [{mid}] pending")
        if mid == "empty@sti-taxud":
            return 200, domibus_mock._response("retrieveMessageResponse", [])
        return real_retrieve(body)

    monkeypatch.setattr(mock, "_retrieve", retrieve)
    sender = _sender(data_dir, _settings(mock.url))
    sender.store.import_document(ferry_filing("POIS1"))
    sender.store.queue("POIS1")
    sender.drain(until_empty=True, timeout=5)
    f = sender.store.get("POIS1")
    assert f.state in ("registered", "assessment_complete") and f.mrn == mock.sim.registration_log[0][1]
    assert mock.inbox == {}  # every message acknowledged, the unreadable ones too
    kept = [m.problem for m in sender.store.quarantined()[0]]  # each kept with why, for the helpdesk
    assert any("gzip@sti-taxud" in d and "corrupt gzip" in d for d in kept), kept
    assert any("bomb@sti-taxud" in d and "50 MB" in d for d in kept), kept
    assert any("gone@sti-taxud" in d and "WS_PLUGIN:0009" in d for d in kept), kept
    assert any("empty@sti-taxud" in d and "no payload" in d for d in kept), kept
    sender.close()
