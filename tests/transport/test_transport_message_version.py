"""The access point is told the ICS2 message version of each message: the eb:AgreementRef of the
version it was built with (ICD v3.30 §5.7), from the settings or the schema set, also for a
message queued before the desk switched to a newer set."""
from __future__ import annotations

import json

import pytest
from test_transport_domibus import _settings as domibus_settings
from v3set import V2_AGREEMENT_REF, V3_AGREEMENT_REF, renamed_schema_set

from ics2desk.outbox import Sender
from ics2desk.samples import ferry_filing
from ics2desk.settings import Settings, set_domibus_password
from ics2desk.simulator.domibus_mock import DomibusMock
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.store import open_store
from ics2desk.transport import domibus_soap as soap
from ics2desk.transport.base import make_transport
from ics2desk.transport.domibus import agreement_ref_for

PASSWORD = "Plugin-User-Pa55"


def _settings(url: str, **kw) -> Settings:
    return domibus_settings(url, **kw)  # the Domibus tests' P-Mode values


@pytest.fixture
def mock():
    """An access point in a version transition: P-Mode legs for version 2 and version 3."""
    s = _settings("")
    pmode = soap.PMode(s.from_party_id, s.from_party_type, s.from_role, s.to_party_id, s.to_party_type, s.to_role,
                       s.service, s.service_type, s.agreement_ref)
    m = DomibusMock(Ics2Simulator(assessment_delay_s=60), pmode, credentials=("calais", PASSWORD),
                    agreement_refs=(V3_AGREEMENT_REF,))
    yield m
    m.close()


@pytest.fixture
def v3(tmp_path, monkeypatch):
    folder = renamed_schema_set(tmp_path / "official-v3")
    return lambda: monkeypatch.setenv("ICS2DESK_SCHEMA_DIR", str(folder))


def _sender(settings: Settings) -> Sender:
    set_domibus_password(settings, PASSWORD)
    return Sender(open_store(), make_transport(settings), settings)


def test_each_message_goes_with_the_agreement_ref_of_its_own_version(data_dir, mock, v3):
    sender = _sender(_settings(mock.url))
    try:
        sender.store.import_document(ferry_filing("AGR26112500001"))
        sender.store.queue("AGR26112500001")  # queued as version 2, not sent yet
        v3()
        sender.store.import_document(ferry_filing("AGR26112500002"))
        sender.store.queue("AGR26112500002")  # built as version 3
        sender.send_due()
        assert mock.invalid_requests == []
        sent = sorted((xml.split(b"<LRN>")[1][:14].decode(), ref) for _, ref, xml in mock.submitted)
        assert sent == [("AGR26112500001", V2_AGREEMENT_REF), ("AGR26112500002", V3_AGREEMENT_REF)]
        versions = {lrn: [m.message_version for m in sender.store.timeline(lrn) if m.direction == "out"]
                    for lrn in ("AGR26112500001", "AGR26112500002")}
        assert versions == {"AGR26112500001": ["2"], "AGR26112500002": ["3"]}
    finally:
        sender.close()


def test_the_settings_name_the_agreement_ref_of_a_version(data_dir, mock, tmp_path, monkeypatch):
    """A v3 package whose schemaset.json names no AgreementRef: the office sets it in Settings."""
    folder = renamed_schema_set(tmp_path / "v3-no-ref", agreement_ref=None)
    monkeypatch.setenv("ICS2DESK_SCHEMA_DIR", str(folder))
    s = _settings(mock.url, agreement_refs={"3": V3_AGREEMENT_REF})
    assert agreement_ref_for(s, "3") == V3_AGREEMENT_REF and agreement_ref_for(s, "2") == V2_AGREEMENT_REF
    sender = _sender(s)
    try:
        sender.store.import_document(ferry_filing("AGR26112500003"))
        sender.store.queue("AGR26112500003")
        sender.send_due()
        assert [ref for _, ref, _ in mock.submitted] == [V3_AGREEMENT_REF]
    finally:
        sender.close()


def test_a_version_nobody_names_an_agreement_ref_for_is_not_sent(data_dir, mock, tmp_path, monkeypatch):
    folder = renamed_schema_set(tmp_path / "v3-no-ref", agreement_ref=None)
    monkeypatch.setenv("ICS2DESK_SCHEMA_DIR", str(folder))
    sender = _sender(_settings(mock.url))
    try:
        sender.store.import_document(ferry_filing("AGR26112500004"))
        sender.store.queue("AGR26112500004")
        sender.send_due()
        (item,) = sender.store.outbox_items()
        assert item.state == "failed" and mock.submitted == []
        assert "no AS4 AgreementRef is known for ICS2 message version 3" in item.last_error
        assert "agreement_refs" in item.last_error
    finally:
        sender.close()


def test_the_settings_file_keeps_the_new_fields(data_dir):
    s = _settings("https://ap.example/domibus/services/wsplugin", agreement_refs={"3": V3_AGREEMENT_REF})
    s.save(data_dir)
    raw = json.loads((data_dir / "settings.json").read_text())
    assert raw["agreement_refs"] == {"3": V3_AGREEMENT_REF} and raw["agreement_type"] == "ics2-interface-version"
    again = Settings.load(data_dir)
    assert again.agreement_refs == {"3": V3_AGREEMENT_REF}
