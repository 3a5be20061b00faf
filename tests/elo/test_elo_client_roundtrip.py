"""The ELO client against the local test double: the three operations, headers, schemas, errors."""
from __future__ import annotations

import re

import httpx
import pytest

from ics2desk.checkdigits import make_mrn
from ics2desk.elo.auth import ClientCredentialsTokenSource, StaticTokenSource
from ics2desk.elo.client import EloClient
from ics2desk.elo.envelope import Appairage
from ics2desk.elo.errors import EloAuthRefused, EloNotConfigured, EloProtocolError, EloRefused, EloUnavailable
from ics2desk.elo.schemas import problems
from ics2desk.errors import BadInputError

ENS = make_mrn(26, "FR", "ENS0000001")  # interface C: the double types it ENS
IMPORT = make_mrn(26, "FR", "IMP0000001", interface="A", procedure="J")
JETON = re.compile(r"^E(I|E)[0-9]{14}[0-9]{4}[A-Z0-9]$")
DOSSIER = re.compile(r"^B[0-9]{14}[0-9]{4}[A-Z0-9]$")


def appairage(**kw):
    return Appairage(**kw).to_api()


def test_create_modify_retrieve_round_trip(elo_client, elo_sim):
    env = elo_client.create(appairage(), [ENS])
    assert JETON.match(env["jeton"]) and env["jeton"].startswith("EI")  # IMPORT crossing
    assert DOSSIER.match(env["numeroDossier"])
    assert env["statut"] == "FERMEE"
    assert [(d["identifiant"], d["typeDeclaration"], d["informationsValidation"]["etat"])
            for d in env["declarations"]] == [(ENS, "ENS", "CONFORME")]
    numero = env["numeroDossier"]

    env = elo_client.modify(numero, appairage(flags={"estSPS": True}), add=[IMPORT])
    assert [d["typeDeclaration"] for d in env["declarations"]] == ["ENS", "IMPORT"]
    assert env["declarations"][1]["informationsValidation"]["etat"] == "EN_ATTENTE_VALIDATION"
    assert env["informationsAppairage"]["estSPS"] is True

    env = elo_client.retrieve(numero)
    assert env["numeroDossier"] == numero and env["jeton"].startswith("EI")
    assert {d["informationsValidation"]["etat"] for d in env["declarations"]} == {"CONFORME"}
    assert env["aUneELOValide"] is True and env["pdf"]

    env = elo_client.modify(numero, appairage(), remove=[IMPORT])
    assert [d["identifiant"] for d in env["declarations"]] == [ENS]


def test_every_request_sent_follows_the_schemas_and_carries_the_headers(elo_client, elo_sim):
    numero = elo_client.create(appairage(), [ENS])["numeroDossier"]
    elo_client.modify(numero, appairage(plein=False), remove=[ENS])
    elo_client.retrieve(numero)
    received = elo_sim.state.requests
    assert [h["messagecode"] for h, _ in received] == ["ENV_CRE01", "ENV_MOD01", "ENV_REC01"]
    for headers, body in received:
        assert problems(headers["messagecode"], body) == []
        assert headers["authorization"] == "Bearer test-token"
        for h in ("functionalid", "messageid", "correlationid"):
            assert headers[h]
    create_h = received[0][0]
    assert create_h["functionalid"] == create_h["correlationid"]  # creation: no envelope number yet
    assert all(h["functionalid"] == numero for h, _ in received[1:])
    assert len({h["messageid"] for h, _ in received}) == 3


def test_an_invalid_request_is_not_sent(elo_client, elo_sim):
    with pytest.raises(BadInputError, match="numeroDossier"):
        elo_client.retrieve("B2026-bad")
    bad = appairage()
    bad["typeCamion"] = "SEMI"
    with pytest.raises(BadInputError, match="SEMI"):
        elo_client.create(bad, [ENS])
    assert elo_sim.state.requests == []


def test_refusals_become_clear_messages(elo_client, elo_sim):
    numero = elo_client.create(appairage(), [ENS])["numeroDossier"]
    elo_sim.state.event(numero, "APPAIRAGE")
    with pytest.raises(EloRefused) as e:
        elo_client.modify(numero, appairage(), add=[IMPORT])
    msg = str(e.value)
    assert msg.startswith(f"French customs refused to modify the ELO (file {numero}):")
    assert "FERMEE" in msg and "[FONC-ERR-005]" in msg
    assert e.value.statut == "FONC-ERR-005"

    unknown = "B202604201200000001Z"
    with pytest.raises(EloRefused, match=f"retrieve the ELO \\(file {unknown}\\).*inconnue"):
        elo_client.retrieve(unknown)
    with pytest.raises(EloRefused, match="plein doit référencer au moins une déclaration"):
        elo_client.create(appairage(), [])


def test_non_conforming_and_duplicate_declarations_are_reported(elo_client):
    bad = ENS[:-1] + ("0" if ENS[-1] != "0" else "1")
    env = elo_client.create(appairage(), [ENS, ENS, bad])
    states = [(d["typeDeclaration"], d["informationsValidation"]["etat"]) for d in env["declarations"]]
    assert states == [("ENS", "CONFORME"), ("DOUBLON", "DOUBLON"), ("NON_CONFORME", "NON_CONFORME")]
    assert "check character" in env["declarations"][2]["informationsValidation"]["message"]
    other = elo_client.create(appairage(), [ENS])  # already in a live envelope
    assert other["declarations"][0]["informationsValidation"]["etat"] == "DOUBLON"


def test_outage_and_bad_token_and_stopped_service(elo_client, elo_sim):
    elo_sim.state.outage = True
    with pytest.raises(EloUnavailable, match="HTTP 503"):
        elo_client.create(appairage(), [ENS])
    elo_sim.state.outage = False
    elo_sim.state.token = "the-right-one"
    with pytest.raises(EloAuthRefused, match="renew the token"):
        elo_client.create(appairage(), [ENS])
    elo_sim.stop()
    with pytest.raises(EloUnavailable, match="unreachable"):
        elo_client.retrieve("B202604201200000001Z")


def test_an_answer_off_the_published_schema_is_not_trusted():
    def handler(request):
        return httpx.Response(200, json={"enveloppe": {"numeroDossier": "B1", "jeton": "nope", "statut": "FERMEE"}})

    StaticTokenSource.save("t")
    with EloClient("http://elo.invalid", StaticTokenSource(), transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(EloProtocolError, match="does not follow the published schema.*jeton"):
            client.retrieve("B202604201200000001Z")


def test_missing_settings_say_what_to_fill_in():
    with pytest.raises(EloNotConfigured, match="paste the token"):
        StaticTokenSource().token()
    with pytest.raises(EloNotConfigured, match="service address"):
        EloClient("", StaticTokenSource())


def test_client_credentials_token_source_uses_the_keyring_secret(elo_sim, memory_keyring):
    elo_sim.state.token = "issued-token"
    ClientCredentialsTokenSource.save_secret("agency-42", "s3cret")
    assert memory_keyring.secrets[("ics2desk", "elo:client-secret:agency-42")] == "s3cret"
    with EloClient(elo_sim.url, ClientCredentialsTokenSource(elo_sim.url + "/token", "agency-42")) as client:
        env = client.create(appairage(), [ENS])
    assert env["statut"] == "FERMEE"
    assert elo_sim.state.requests[0][0]["authorization"] == "Bearer issued-token"
