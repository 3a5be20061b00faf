"""The continuity workflow on the desk's store, without the panel or its thread: failed attempts
raise a suspicion; recovery flags the fallback filings and makes the waiting queue due now (by
hand, or at once with auto-recover on a sign of life); the agent closes the incident."""
from __future__ import annotations

import time

from ics2desk import clock, samples
from ics2desk.checkdigits import make_mrn
from ics2desk.failures import Component, FailureKind
from ics2desk.simulator import replies as sim_replies

CR = Component.COMMON_REPOSITORY


def failing_queue(desk, store, n=3):
    """n queued filings, each refused once by the Common Repository; the next try in 10 minutes."""
    lrns = [desk.save(samples.ferry_filing(f"BCP2611250000{i}")) for i in range(1, n + 1)]
    for lrn in lrns:
        desk.queue(lrn)
    for item, attempt, _xml in store.claim_due("test", limit=n):
        store.record_failure(item, attempt, FailureKind.INTERFACE_ERROR, CR.value, "HTTP 503", time.time() + 600)
    return lrns


def due_now(store) -> list[bool]:
    return [i.next_attempt_at is not None and i.next_attempt_at <= time.time()
            for i in store.outbox_items(states=["pending"])]


def test_failures_suspect_recovery_makes_the_queue_due_and_the_agent_closes(desk, store):
    failing_queue(desk, store)
    continuity = desk.continuity()
    now = clock.now()
    snap = continuity.refresh_from_store(now, desk.user)
    assert snap.new == [CR] and not snap.incidents  # a suspicion, no incident until the agent says so
    assert due_now(store) == [False] * 3
    continuity.confirm(CR, desk.user, now)
    snap = continuity.refresh_from_store(now, desk.user)
    assert set(snap.incidents) == {CR} and {a.state for a in snap.affected} == {"queued"}
    continuity.recover(CR, desk.user, now)
    assert due_now(store) == [True] * 3
    assert continuity.board.status(CR).state.value == "recovering"
    summary = continuity.close_incident(CR, desk.user, now, force=True)
    assert summary is not None and continuity.incidents.active_for(CR) is None
    assert not continuity.board.status(CR).down
    assert continuity.close_incident(CR, desk.user, now) is None  # nothing open any more


def test_auto_recover_starts_recovery_on_a_sign_of_life_and_says_so(desk, store):
    failing_queue(desk, store)
    continuity = desk.continuity()
    assert continuity.refresh_from_store(clock.now(), desk.user).new == [CR]
    continuity.confirm(CR, desk.user, clock.now())
    lrn = desk.save(samples.shuttle_filing("BCP26112500009"))
    desk.queue(lrn)
    (item, attempt, _xml), = [c for c in store.claim_due("test", limit=5) if c[0].lrn == lrn]
    store.record_sent(item, attempt, b"<IE3F50/>", "tid-ok")  # handed over: a sign of life...
    store.apply_reply(sim_replies.registered(lrn, make_mrn(26, "FR", "SIGNOFLIFE1"), store.document(lrn)),
                      "tid-r01-ok")  # ...and the Common Repository answered
    offered = continuity.refresh_from_store(clock.now(), desk.user)
    assert offered.suggested == [CR] and offered.recovered == [] and due_now(store) == [False] * 3
    snap = continuity.refresh_from_store(clock.now(), desk.user, auto_recover=True)
    assert snap.recovered == [CR] and snap.suggested == [] and due_now(store) == [True] * 3
    retries = [a for a in store.audit_trail() if a["action"] == "retry_now"]
    assert len(retries) == 3 and {a["user"] for a in retries} == {desk.user}
