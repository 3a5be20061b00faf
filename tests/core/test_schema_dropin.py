"""Dropping in another schema set the documented way (schemas/README.md): a renamed copy of ours —
other file names, another namespace, message version 3 — behind ICS2DESK_SCHEMA_DIR. Validation,
the XML written and read, the rules and the replies follow it; nothing else has to change."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from v3set import V3_NAMESPACE, renamed_schema_set

from ics2desk import samples
from ics2desk.validate import validate_bytes, validate_document
from ics2desk.xml import schemaset
from ics2desk.xml.writer import to_bytes

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.xml"))
OUR_NAMESPACE = "urn:wco:datamodel:WCO:CIS:1"


@pytest.fixture
def v3(tmp_path, monkeypatch):
    folder = renamed_schema_set(tmp_path / "official-v3")
    monkeypatch.setenv("ICS2DESK_SCHEMA_DIR", str(folder))
    return folder


def test_the_copy_really_is_renamed(v3):
    names = {p.name for p in v3.iterdir()}
    assert "IE3F50.xsd" not in names and "ics2-types.xsd" not in names and "ENS_IE3F50_v3.xsd" in names
    assert OUR_NAMESPACE not in (v3 / "ENS_IE3F50_v3.xsd").read_text()
    assert (schemaset.namespace(), schemaset.message_version()) == (V3_NAMESPACE, "3")


def test_filings_are_written_and_validated_in_the_new_set(v3):
    doc = samples.ferry_filing()
    report = validate_document(doc)
    assert report.valid, [(f.rule, f.path, f.en) for f in report.findings]
    assert f'xmlns="{V3_NAMESPACE}"'.encode() in report.xml
    assert validate_bytes(to_bytes(doc)).valid


def test_the_rules_are_unchanged(v3):
    doc = samples.ferry_filing()
    doc.data["activeBorderTransportMeans"]["estimatedDateAndTimeOfArrival"] = samples.departure_plus(
        doc.data, timedelta(hours=-1))
    assert [(f.rule, f.path) for f in validate_document(doc).errors] == [
        ("R3053", "/IE3F50/activeBorderTransportMeans/estimatedDateAndTimeOfArrival")]


def test_a_file_in_the_old_namespace_is_refused_with_a_clear_finding(v3):
    report = validate_bytes(EXAMPLES[0].read_bytes(), EXAMPLES[0].name)
    ((rule, message),) = [(f.rule, f.en) for f in report.errors]
    assert rule == "XSD" and OUR_NAMESPACE in message and V3_NAMESPACE in message


def test_the_command_line_follows_the_environment_variable(v3, tmp_path):
    moved = []
    for example in EXAMPLES:
        target = tmp_path / example.name
        target.write_text(example.read_text().replace(OUR_NAMESPACE, V3_NAMESPACE))
        moved.append(str(target))
    env = dict(os.environ, ICS2DESK_SCHEMA_DIR=str(v3))
    res = subprocess.run([sys.executable, "-m", "ics2desk.cli", "validate", "--json", *moved],
                         capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stdout + res.stderr
    assert all(r["valid"] for r in json.loads(res.stdout))


def test_replies_of_the_new_set_are_read(v3):
    from ics2desk.replies import parse_reply
    from ics2desk.simulator.engine import Ics2Simulator

    _, (r01,) = Ics2Simulator().receive(to_bytes(samples.ferry_filing("DROPIN0000001")))
    assert V3_NAMESPACE.encode() in r01
    reply = parse_reply(r01)
    assert reply.message_id == "IE3R01" and reply.schema_problems == [] and reply.lrn == "DROPIN0000001"
