"""The fiche réflexe as data: every step traceable to a public document, versions, import."""
from __future__ import annotations

import copy
import json

import pytest

from ics2desk.continuity.playbook import PHASES, Library, load_playbook, parse_playbook, schema
from ics2desk.errors import BadInputError
from ics2desk.failures import Component
from ics2desk.paths import resource_path

SHIPPED = resource_path("playbook", "fiche-reflexe-v1.json")


@pytest.fixture
def raw():
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def test_shipped_playbook_covers_every_component_and_phase_in_both_languages():
    pb = load_playbook(SHIPPED)
    for component in Component:
        for phase in PHASES:
            steps = pb.section(component, phase)
            assert steps, (component, phase)
            for step in steps:
                assert step.text("fr") and step.text("en") and step.text("fr") != step.text("en")
                assert step.sources and all(s.date and s.issuer for s in step.sources)


def test_contacts_named_in_the_brief_are_in_the_playbook():
    pb = load_playbook(SHIPPED)
    channels = [c.channel("en") for c in pb.contacts.values()]
    assert any("fr-ics2@douane.finances.gouv.fr" in c for c in channels)
    roles = " ".join(c.role("en") for c in pb.contacts.values())
    assert "National Service Desk" in roles and "EDI provider" in roles


def test_unconfirmed_step_is_shown_as_to_confirm():
    pb = load_playbook(SHIPPED)
    step = pb.step("eu.i-cert")
    assert not step.confirmed
    assert step.display("en").endswith("[to confirm with the official fiche réflexe]")
    assert step.display("fr").endswith("[à confirmer avec la fiche réflexe officielle]")
    assert pb.step("cr.s-noreply").display("en") == pb.step("cr.s-noreply").text("en")


def test_sources_cite_the_public_documents_with_their_dates():
    pb = load_playbook(SHIPPED)
    dates = {s.date for s in pb.sources.values()}
    assert {"2025-10-13", "2026-04-11", "2024-07-02", "2025-12-02"} <= dates
    assert pb.step("cr.s-noreply").sources[0].label("en").startswith("Douane NL, ")


@pytest.mark.parametrize("breakage, message", [
    (lambda d: d["components"]["common_repository"]["immediate"][0].pop("sources"), "'sources' is required"),
    (lambda d: d["components"]["eu_connection"]["recovery"][0].update(sources=[]), "at least 1 item"),
    (lambda d: d["components"]["national_system"]["symptoms"][0].update(sources=["a-rumour"]),
     "unknown source 'a-rumour'"),
    (lambda d: d["components"]["operator_system"]["fallback"][0].pop("confirmed"), "'confirmed' is required"),
    (lambda d: d["components"]["service_provider"]["contact"][0]["text"].pop("fr"), "'fr' is required"),
    (lambda d: d["sources"]["nl-2024-07-02"].pop("date"), "'date' is required"),
    (lambda d: d["components"].pop("common_repository"), "missing common_repository"),
    (lambda d: d["components"]["eu_connection"]["pending"].append(
        copy.deepcopy(d["components"]["eu_connection"]["pending"][0])), "step id used twice"),
])
def test_a_step_without_a_traceable_source_does_not_load(raw, breakage, message):
    breakage(raw)
    with pytest.raises(BadInputError, match=message):
        parse_playbook(raw)


def test_schema_file_is_standard_json_schema(raw):
    import jsonschema  # a declared dependency of the desk: its absence must fail, not skip

    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(raw, schema())
    del raw["components"]["eu_connection"]["symptoms"][0]["sources"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(raw, schema())


def test_import_official_fiche_as_new_version_in_force(raw, tmp_path):
    lib = Library(tmp_path / "data")
    assert lib.in_force().version == "1"
    raw["version"] = "2"
    raw["issued"] = "2026-12-01"
    step = raw["components"]["eu_connection"]["immediate"][2]
    step.update(confirmed=True, sources=["dgddi-fiche"])
    raw["sources"]["dgddi-fiche"] = {"document": {"fr": "Fiche réflexe (officielle)", "en": "Fiche réflexe (official)"},
                                     "issuer": "DGDDI", "date": "2025-10-13", "public": False}
    official = tmp_path / "official.json"
    official.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")

    pb = lib.import_file(official)

    assert pb.version == "2" and Library(tmp_path / "data").in_force().version == "2"
    assert Library(tmp_path / "data").in_force().step("eu.i-cert").confirmed
    assert [v.version for v in lib.versions()] == ["1", "2"]
    with pytest.raises(BadInputError, match="already exists"):
        lib.import_file(official)
    lib.set_in_force("1")
    assert Library(tmp_path / "data").in_force().version == "1"


def test_import_refuses_a_broken_fiche_and_keeps_the_version_in_force(raw, tmp_path):
    lib = Library(tmp_path / "data")
    raw["version"] = "2"
    del raw["components"]["eu_connection"]["symptoms"][0]["sources"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(BadInputError, match="not a valid playbook"):
        lib.import_file(bad)
    (tmp_path / "notjson.json").write_text("{", encoding="utf-8")
    with pytest.raises(BadInputError, match="not JSON"):
        lib.import_file(tmp_path / "notjson.json")
    assert lib.in_force().version == "1"
