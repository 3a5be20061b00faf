"""The access point password lives only in the keyring: never in the database, the settings
file, the logs or any export."""
from __future__ import annotations

import json
import logging

import pytest

from ics2desk.cli import main
from ics2desk.errors import BadInputError
from ics2desk.samples import ferry_filing
from ics2desk.settings import Settings, domibus_password, set_domibus_password
from ics2desk.simulator.engine import Ics2Simulator
from ics2desk.simulator.server import SimulatorServer
from ics2desk.store import open_store

SECRET = "S3cr3t-Domibus-Pa55!"


def test_secret_never_lands_on_disk_or_in_output(data_dir, memory_keyring, capsys, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    with SimulatorServer(Ics2Simulator(assessment_delay_s=60), port=0) as server:
        s = Settings(simulator_url=server.url, domibus_username="calais-agent")
        s.save(data_dir)
        set_domibus_password(s, SECRET)
        assert domibus_password(Settings.load(data_dir)) == SECRET
        assert memory_keyring.secrets == {("ics2desk", "calais-agent"): SECRET}
        xml = tmp_path / "f.xml"
        from ics2desk.xml.writer import to_bytes

        xml.write_bytes(to_bytes(ferry_filing("SEC1")))
        assert main(["import", str(xml)]) == 0
        assert main(["submit", "SEC1"]) == 0
        assert main(["outbox", "drain", "--until-empty", "--timeout", "5"]) == 0
        assert main(["status", "SEC1", "--json"]) == 0
        assert main(["outbox", "list", "--all", "--json"]) == 0
        with open_store() as store:
            json.dumps(store.audit_trail())
    out = capsys.readouterr()
    assert SECRET not in out.out + out.err
    assert SECRET not in caplog.text
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), f"secret found in {path.name}"


def test_settings_refuse_to_save_a_secret(data_dir):
    with pytest.raises(BadInputError, match="keyring"):
        Settings(extra={"domibus_password": SECRET}).save(data_dir)
    assert not (data_dir / "settings.json").exists()
