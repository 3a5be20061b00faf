"""The truck's envelope on the desk: from the registered ENS to landing, through the durable queue."""
from __future__ import annotations

import base64

import httpx
import pytest

from ics2desk.checkdigits import make_mrn
from ics2desk.elo import Appairage, EloService, EloStore, Sync
from ics2desk.elo.auth import StaticTokenSource
from ics2desk.elo.client import EloClient
from ics2desk.elo.schemas import problems
from ics2desk.elo.simulator import EloSimulator
from ics2desk.errors import BadInputError, IllegalTransitionError
from ics2desk.samples import ferry_filing

MRN = make_mrn(26, "FR", "ENS0000077")
TRANSIT = make_mrn(26, "FR", "TRA0000001", interface="A", procedure="T")


def registered(service, lrn="TCO26112500001", mrn=MRN, auto=None):
    return service.on_ens_registered(lrn, mrn, ferry_filing(lrn), auto=auto)


def test_registered_ens_creates_the_envelope_with_token_pdf_and_state(elo_service):
    env = registered(elo_service)
    assert env.sync == Sync.QUEUED.value and env.truck == "AB12CDE" and env.mrns == [MRN]
    result = elo_service.drain()
    assert result.sent == [env.id]
    env = elo_service.store.get(env.id)
    assert env.statut == "FERMEE" and env.sync == Sync.IN_SYNC.value and env.jeton.startswith("EI")
    assert [(d.identifiant, d.etat) for d in env.declarations] == [(MRN, "CONFORME")]
    jeton, numero, pdf = elo_service.sheet_info("TCO26112500001")
    assert (jeton, numero) == (env.jeton, env.numero_dossier)
    assert pdf.startswith(b"%PDF")
    assert elo_service.sheet_info_for_truck("AB12CDE").jeton == jeton
    assert "FERMEE" in env.summary() and jeton in env.summary()


def test_one_click_mode_waits_for_the_agent(elo_service, elo_sim):
    env = registered(elo_service, auto=False)
    assert env.sync == Sync.DRAFT.value
    elo_service.add_mrn(env.id, TRANSIT)  # edits while still a draft: nothing queued
    assert elo_service.drain().sent == [] and elo_sim.state.requests == []
    elo_service.submit(env.id)
    elo_service.drain()
    env = elo_service.store.get(env.id)
    assert [d.type_declaration for d in env.declarations] == ["ENS", "TRANSIT"]
    assert elo_sim.state.requests[0][1]["identifiantsDeclaration"] == [MRN, TRANSIT]


def test_outage_keeps_the_request_queued_until_recovery(elo_service, elo_sim):
    elo_sim.state.outage = True
    env = registered(elo_service)
    result = elo_service.drain()
    assert result.waiting == [env.id] and result.sent == []
    env = elo_service.store.get(env.id)
    assert env.sync == Sync.QUEUED.value and "503" in env.last_error and "retry" in env.last_error
    assert len(elo_service.store.pending()) == 1 and env.numero_dossier is None
    elo_sim.state.outage = False
    assert elo_service.drain().sent == []  # not due yet: backoff
    elo_service.clock.t += 5
    assert elo_service.drain().sent == [env.id]
    env = elo_service.store.get(env.id)
    assert env.sync == Sync.IN_SYNC.value and env.statut == "FERMEE" and env.last_error is None
    assert elo_service.store.pending() == []


def test_stopped_service_then_restart_with_a_fresh_process_completes(data_dir):
    """The double is down (connection refused) and the desk restarts in between: nothing is lost."""
    sim = EloSimulator().start()
    port = sim.port
    sim.stop()
    StaticTokenSource.save("t")
    store = EloStore()
    from ics2desk.elo.settings import EloSettings

    EloSettings(base_url=f"http://127.0.0.1:{port}", timeout=2).save(store)
    service = EloService(store)
    env = registered(service)
    assert service.drain().waiting == [env.id]
    assert "unreachable" in store.get(env.id).last_error
    store.close()

    with EloSimulator(port=port) as sim2:
        service = EloService(EloStore(), clock=lambda: 10**12)  # a new process, much later
        assert service.drain().sent == [env.id]
        assert service.store.by_lrn("TCO26112500001").jeton
        assert len(sim2.state.envelopes) == 1


def test_a_lost_answer_is_retried_with_the_same_message_id_and_no_duplicate(elo_service, elo_sim):
    real = httpx.HTTPTransport()
    calls = []

    class LoseFirstAnswer(httpx.BaseTransport):
        def handle_request(self, request):
            response = real.handle_request(request)
            response.read()
            calls.append(request.headers["messageId"])
            if len(calls) == 1:
                raise httpx.ReadTimeout("answer lost", request=request)
            return response

    client = EloClient(elo_sim.url, StaticTokenSource(), transport=LoseFirstAnswer())
    env = registered(elo_service)
    assert elo_service.drain(client).waiting == [env.id]
    assert "did not answer in time" in elo_service.store.get(env.id).last_error
    elo_service.clock.t += 60
    assert elo_service.drain(client).sent == [env.id]
    assert calls[0] == calls[1] and len(elo_sim.state.envelopes) == 1


def test_agent_adds_and_removes_mrns_then_refresh_shows_validation(elo_service, elo_sim):
    env = registered(elo_service)
    elo_service.drain()
    with pytest.raises(BadInputError, match="check character"):
        elo_service.add_mrn(env.id, TRANSIT[:-1] + ("1" if TRANSIT[-1] != "1" else "2"))
    elo_service.add_mrn(env.id, TRANSIT.lower())
    elo_service.set_appairage(env.id, Appairage(flags={"estTIRATA": True}))
    elo_service.drain()
    env = elo_service.store.get(env.id)
    assert [(d.type_declaration, d.etat) for d in env.declarations] == [("ENS", "CONFORME"),
                                                                       ("TRANSIT", "EN_ATTENTE_VALIDATION")]
    assert env.appairage.flags["estTIRATA"] is True
    assert len(elo_sim.state.requests) == 2  # one create, one modify carrying both edits
    elo_service.refresh(env.id)
    elo_service.drain()
    env = elo_service.store.get(env.id)
    assert [d.etat for d in env.declarations] == ["CONFORME", "CONFORME"] and env.a_une_elo_valide
    elo_service.remove_mrn(env.id, TRANSIT)
    elo_service.drain()
    assert elo_service.store.get(env.id).mrns == [MRN]
    mod = [b for h, b in elo_sim.state.requests if h["messagecode"] == "ENV_MOD01"]
    assert mod[-1]["identifiantsDeclarationASupprimer"] == [TRANSIT]
    assert all(problems(h["messagecode"], b) == [] for h, b in elo_sim.state.requests)


def test_notifications_move_the_state_and_freeze_the_envelope(elo_service, elo_sim):
    env = registered(elo_service)
    elo_service.drain()
    env = elo_service.store.get(env.id)
    for event, state in (("APPAIRAGE", "APPAIREE"), ("EMBARQUEMENT", "EMBARQUEE"), ("DEBARQUEMENT", "DEBARQUEE")):
        note = elo_sim.state.event(env.numero_dossier)
        assert note["evenement"] == event
        assert elo_service.apply_notification(note).statut == state
    env = elo_service.store.get(env.id)
    assert {"dateAppairage", "dateEmbarquement", "dateDebarquement"} <= set(env.dates)
    with pytest.raises(IllegalTransitionError, match="only while it is FERMEE"):
        elo_service.add_mrn(env.id, TRANSIT)


def test_refusal_is_shown_on_the_envelope_and_dropped_from_the_queue(elo_service, elo_sim):
    env = registered(elo_service)
    elo_service.remove_mrn(env.id, MRN)  # a loaded truck with no declaration
    assert elo_service.drain().refused == [env.id]
    env = elo_service.store.get(env.id)
    assert env.sync == Sync.REFUSED.value
    assert env.last_error.startswith("French customs refused to create the ELO: Un camion plein doit référencer") and elo_service.store.pending() == []
    elo_service.add_mrn(env.id, MRN)  # the agent fixes it: a new creation is queued
    assert elo_service.drain().sent == [env.id]


def test_ics2_fallback_is_flagged(elo_service, elo_sim):
    elo_sim.state.ics2_fallback = True
    env = registered(elo_service)
    elo_service.drain()
    env = elo_service.store.get(env.id)
    assert env.procedure_secours_ics2 is True and "ICS2 fallback" in env.summary()
    assert env.declarations[0].etat == "A_VALIDER"


def test_re_registration_replaces_the_ens_mrn(elo_service, elo_sim):
    env = registered(elo_service)
    elo_service.drain()
    new = make_mrn(26, "FR", "ENS0000078")
    registered(elo_service, mrn=new)
    elo_service.drain()
    assert elo_service.store.get(env.id).server_mrns == [new]


def test_settings_are_persisted_and_secrets_stay_in_the_keyring(data_dir, memory_keyring):
    from ics2desk.elo.settings import EloSettings

    store = EloStore()
    EloSettings(base_url="https://elo.example", auth_mode="client_credentials", client_id="c1").save(store)
    StaticTokenSource.save("s3cr3t-Tok-998")
    again = EloSettings.load(EloStore())
    assert again.base_url == "https://elo.example" and again.client_id == "c1"
    files = [p for p in data_dir.iterdir() if p.name.endswith((".sqlite3", "-wal"))]
    assert files and not any(b"s3cr3t-Tok-998" in p.read_bytes() for p in files)
    assert memory_keyring.secrets[("ics2desk", "elo:token")] == "s3cr3t-Tok-998"


def test_stored_pdf_is_the_one_the_service_returned(elo_service, elo_sim):
    env = registered(elo_service)
    elo_service.drain()
    numero = elo_service.store.get(env.id).numero_dossier
    assert elo_service.sheet_info("TCO26112500001").pdf == base64.b64decode(elo_sim.state.envelopes[numero]["pdf"])


def test_envelopes_live_in_the_desk_store_and_printing_can_read_them(elo_service, data_dir):
    from ics2desk.elo import sheet_info_for
    from ics2desk.store import open_store

    env = registered(elo_service)
    elo_service.drain()
    main = open_store()
    try:
        shared = EloStore(main.conn)
        assert shared.by_lrn("TCO26112500001").jeton == elo_service.store.get(env.id).jeton
        shared.close()  # the Store's connection stays usable
        main.conn.execute("SELECT 1")
    finally:
        main.close()
    info = sheet_info_for("TCO26112500001")
    assert info.numero_dossier.startswith("B") and info.pdf.startswith(b"%PDF")
    assert sheet_info_for("NO-SUCH-LRN") is None


def test_demo_wiring_leaves_settings_and_keyring_alone(data_dir, memory_keyring):
    from ics2desk.elo.demo import demo_service, start_demo_simulator

    sim = start_demo_simulator()
    try:
        service = demo_service(sim)
        env = registered(service)
        service.drain()
        env = service.store.get(env.id)
        assert env.statut == "FERMEE" and env.jeton
        assert memory_keyring.secrets == {} and service.store.setting("settings") is None
        note = sim.state.event(env.numero_dossier)
        assert service.apply_notification(note).statut == "APPAIREE"
    finally:
        sim.stop()


def test_missing_token_keeps_the_request_until_the_agent_enters_it(elo_service, memory_keyring):
    memory_keyring.secrets.clear()
    env = registered(elo_service)
    assert elo_service.drain().waiting == [env.id]
    assert "paste the token" in elo_service.store.get(env.id).last_error
    StaticTokenSource.save("test-token")
    elo_service.clock.t += 5
    assert elo_service.drain().sent == [env.id]
