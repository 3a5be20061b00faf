"""ELO follows the ENS: an ENS that gets a Do Not Load or is invalidated leaves its envelope through
ENV_MOD01 while French customs accept changes; otherwise the envelope says what the agent must do.
Everything against the ELO test double, and the sweep against the desk's real store."""
from __future__ import annotations

import pytest

from ics2desk.checkdigits import make_mrn
from ics2desk.elo import EloStore, StopStatus, Sync
from ics2desk.elo.service import EloService, stopped_ens_sweep
from ics2desk.errors import BadInputError
from ics2desk.samples import ferry_filing
from ics2desk.simulator import replies as ics2
from ics2desk.store import open_store
from ics2desk.store.lifecycle import Boarding

MRN = make_mrn(26, "FR", "ENS0000091")
TRANSIT = make_mrn(26, "FR", "TRA0000009", interface="A", procedure="T")
LRN = "TCO26112500091"


def created(service, transit: bool = False):
    env = service.on_ens_registered(LRN, MRN, ferry_filing(LRN))
    if transit:
        env.other_mrns.append(TRANSIT)
        service.store.save(env)
    service.drain()
    return service.store.get(env.id)


def sim_mrns(elo_sim, env) -> list[str]:
    return [d["identifiant"] for d in elo_sim.state.envelopes[env.numero_dossier]["declarations"]]


def status(service, env_id) -> StopStatus:
    (stop,) = service.stops(service.store.get(env_id))
    return stop.status


def test_do_not_load_takes_the_ens_out_of_the_envelope_at_french_customs(elo_service, elo_sim):
    env = created(elo_service, transit=True)
    assert sim_mrns(elo_sim, env) == [MRN, TRANSIT]
    elo_service.on_ens_stopped(LRN, Boarding.DO_NOT_LOAD)
    assert status(elo_service, env.id) is StopStatus.REMOVING
    assert elo_service.drain().sent == [env.id]
    mod = [b for h, b in elo_sim.state.requests if h["messagecode"] == "ENV_MOD01"]
    assert mod[-1]["identifiantsDeclarationASupprimer"] == [MRN] and mod[-1]["identifiantsDeclarationAAjouter"] == []
    assert sim_mrns(elo_sim, env) == [TRANSIT]
    env = elo_service.store.get(env.id)
    assert env.server_mrns == [TRANSIT] and env.sync == Sync.IN_SYNC.value
    (stop,) = elo_service.stops(env)
    assert (stop.mrn, stop.lrn, stop.verdict, stop.status) == (MRN, LRN, "do_not_load", StopStatus.REMOVED)
    # told twice (e.g. the sweep after a restart): nothing more is sent
    elo_service.on_ens_stopped(LRN, "do_not_load")
    assert elo_service.store.pending() == [] and len(mod) == 1


def test_when_french_customs_refuse_the_change_the_envelope_is_flagged_for_the_agent(elo_service, elo_sim):
    """The ENS was the truck's only declaration: a loaded truck cannot be left with none (FONC-ERR-002)."""
    env = created(elo_service)
    elo_service.on_ens_stopped(LRN, Boarding.INVALIDATED)
    assert elo_service.drain().refused == [env.id]
    env = elo_service.store.get(env.id)
    assert env.sync == Sync.REFUSED.value and "FONC-ERR-002" in env.last_error
    assert MRN in env.server_mrns and sim_mrns(elo_sim, env) == [MRN]  # still held at French customs
    assert status(elo_service, env.id) is StopStatus.MANUAL
    elo_service.refresh(env.id)  # a later refresh brings the service's copy: still held, still flagged
    elo_service.drain()
    assert status(elo_service, env.id) is StopStatus.MANUAL


def test_a_paired_envelope_cannot_change_so_nothing_is_sent_and_it_is_flagged(elo_service, elo_sim):
    env = created(elo_service, transit=True)
    elo_service.apply_notification(elo_sim.state.event(env.numero_dossier))  # check-in: APPAIREE
    before = len(elo_sim.state.requests)
    elo_service.on_ens_stopped(LRN, Boarding.DO_NOT_LOAD)
    assert elo_service.store.pending() == [] and elo_service.drain().sent == []
    assert len(elo_sim.state.requests) == before
    assert status(elo_service, env.id) is StopStatus.MANUAL


def test_an_envelope_never_sent_is_not_created_for_a_stopped_ens(elo_service, elo_sim):
    env = elo_service.on_ens_registered(LRN, MRN, ferry_filing(LRN))  # creation queued, not yet sent
    elo_service.on_ens_stopped(LRN, Boarding.DO_NOT_LOAD)
    env = elo_service.store.get(env.id)
    assert env.mrns == [] and env.sync == Sync.DRAFT.value and elo_service.store.pending() == []
    assert elo_service.drain().sent == [] and elo_sim.state.requests == []
    assert status(elo_service, env.id) is StopStatus.WITHHELD


def test_a_creation_already_on_the_wire_is_followed_by_the_removal(elo_service, elo_sim):
    elo_sim.state.outage = True
    env = elo_service.on_ens_registered(LRN, MRN, ferry_filing(LRN))
    elo_service.add_mrn(env.id, TRANSIT)
    assert elo_service.drain().waiting == [env.id]  # ENV_CRE01 frozen with the ENS in it
    elo_service.on_ens_stopped(LRN, Boarding.DO_NOT_LOAD)
    assert status(elo_service, env.id) is StopStatus.REMOVING
    elo_sim.state.outage = False
    elo_service.clock.t += 5
    elo_service.drain()  # the creation, as frozen
    elo_service.drain()  # then the modification taking the ENS out
    env = elo_service.store.get(env.id)
    assert sim_mrns(elo_sim, env) == [TRANSIT] and status(elo_service, env.id) is StopStatus.REMOVED


def test_a_stopped_mrn_cannot_come_back(elo_service):
    env = created(elo_service, transit=True)
    elo_service.on_ens_stopped(LRN, Boarding.DO_NOT_LOAD)
    with pytest.raises(BadInputError, match="may not board"):
        elo_service.add_mrn(env.id, MRN)
    elo_service.on_ens_registered(LRN, MRN, ferry_filing(LRN))  # a late duplicate registration
    assert MRN not in elo_service.store.get(env.id).mrns
    with pytest.raises(BadInputError, match="does not take an ENS out"):
        elo_service.on_ens_stopped(LRN, Boarding.NOT_REGISTERED)


# --- the sweep the ELO worker runs, on the desk's store -------------------------------------------
def registered_with_envelope(store, service, lrn, mrn):
    doc = ferry_filing(lrn)
    store.import_document(doc, user="agent")
    store.queue(lrn, user="agent")
    store.apply_reply(ics2.registered(lrn, mrn, doc))
    env = service.on_ens_registered(lrn, mrn, doc)
    service.add_mrn(env.id, make_mrn(26, "FR", "TRA" + lrn[-7:], interface="A", procedure="T"))
    service.drain()
    return doc


def test_sweep_finds_do_not_load_and_invalidation_and_handles_each_once(elo_sim, elo_service, data_dir):
    store = open_store()
    try:
        service = EloService(EloStore(store.conn), clock=elo_service.clock)
        dnl, inv, fine = (make_mrn(26, "FR", f"SWEEP00000{i}") for i in (1, 2, 3))
        doc = registered_with_envelope(store, service, "SWP26112500001", dnl)
        registered_with_envelope(store, service, "SWP26112500002", inv)
        registered_with_envelope(store, service, "SWP26112500003", fine)
        assert stopped_ens_sweep(store, service) == []  # nothing stopped yet

        store.apply_reply(ics2.do_not_load(dnl, doc))
        store.invalidate("SWP26112500002", user="agent")  # invalidating already stops the truck
        assert sorted(stopped_ens_sweep(store, service)) == ["SWP26112500001", "SWP26112500002"]
        service.drain()
        assert stopped_ens_sweep(store, service) == []  # handled: not again
        by_lrn = {lrn: service.store.by_lrn(lrn) for lrn in ("SWP26112500001", "SWP26112500002", "SWP26112500003")}
        assert [s.status for s in service.stops(by_lrn["SWP26112500001"])] == [StopStatus.REMOVED]
        assert [s.verdict for s in service.stops(by_lrn["SWP26112500002"])] == ["invalidated"]
        assert dnl not in sim_mrns(elo_sim, by_lrn["SWP26112500001"])
        assert inv not in sim_mrns(elo_sim, by_lrn["SWP26112500002"])
        assert sim_mrns(elo_sim, by_lrn["SWP26112500003"])[0] == fine and service.stops(by_lrn["SWP26112500003"]) == []
        # a Do Not Load after the invalidation is the stronger word: the record says so
        store.apply_reply(ics2.do_not_load(inv, ferry_filing("SWP26112500002")))
        assert stopped_ens_sweep(store, service) == ["SWP26112500002"]
        assert [s.verdict for s in service.stops(service.store.by_lrn("SWP26112500002"))] == ["do_not_load"]
    finally:
        store.close()


def test_sweep_looks_back_only_as_far_as_asked(elo_sim, elo_service, data_dir):
    from datetime import datetime, timezone

    store = open_store()
    try:
        service = EloService(EloStore(store.conn), clock=elo_service.clock)
        mrn = make_mrn(26, "FR", "SWEEP000009")
        doc = registered_with_envelope(store, service, "SWP26112500009", mrn)
        store.apply_reply(ics2.do_not_load(mrn, doc))
        assert stopped_ens_sweep(store, service, since=datetime(2999, 1, 1, tzinfo=timezone.utc)) == []
        assert stopped_ens_sweep(store, service) == ["SWP26112500009"]
    finally:
        store.close()


def test_an_ens_amended_back_to_registered_after_a_do_not_load_gets_no_envelope(elo_service, data_dir):
    from ics2desk.elo.desk_link import adopt_registered

    store = open_store()
    try:
        service = EloService(EloStore(store.conn), clock=elo_service.clock)
        lrn, mrn = "SWP26112500021", make_mrn(26, "FR", "SWEEP000021")
        doc = ferry_filing(lrn)
        store.import_document(doc, user="agent")
        store.queue(lrn, user="agent")
        store.apply_reply(ics2.registered(lrn, mrn, doc))
        store.apply_reply(ics2.do_not_load(mrn, doc))
        store.amend(lrn, store.document(lrn), user="agent")
        store.apply_reply(ics2.amendment_accepted(mrn, doc))
        assert store.get(lrn).state == "registered" and store.get(lrn).boarding is Boarding.DO_NOT_LOAD
        assert adopt_registered(store, service) == [] and service.store.by_lrn(lrn) is None
    finally:
        store.close()
