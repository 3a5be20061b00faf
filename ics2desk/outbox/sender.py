"""Drains the outbox: claim, send, record, apply replies; retries and crash reconciliation."""
from __future__ import annotations

import os
import random
import socket
import sqlite3
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from .. import errors
from ..errors import BadInputError
from ..failures import Component, FailureKind
from ..replies import Rejected, parse_reply
from ..settings import Settings
from ..store import Store, open_store
from ..store.documents import consultation
from ..store.records import OutboxItem
from ..store.store import reply_mrn_from_r08
from ..transport.base import (
    SendResult,
    Transport,
    TransportFailure,
    UnreadablePayload,
    make_transport,
)
from ..xml.writer import to_bytes

FILINGS = ("IE3F50", "IE3F51")
CONSULTABLE = FILINGS + ("IE3Q04",)  # what an IE3Q05 consultation can tell the outcome of
AWAITING_MRN = ("queued", "sent")  # filing states in which a consultation result can stand in for IE3R01
_LIVE_SENDERS: set[str] = set()  # sender ids alive in this process
#: the store itself failing (disk full, I/O): nothing can be kept, so nothing may be acknowledged
STORE_FAILURES: tuple[type[BaseException], ...] = (sqlite3.Error,) + tuple(
    t for t in (getattr(errors, "StoreUnavailableError", None),) if t is not None)


#: why the desk consults ICS2 (IE3Q05) about one of its filings
DUPLICATE, OVERDUE, MAYBE_DELIVERED = "duplicate", "overdue", "maybe_delivered"
#: an item taken back from a sender that stopped mid-send (crashed, or another desk whose lease ran
#: out): ICS2 is asked first, it is sent again only when ICS2 holds nothing for its LRN
RECLAIMED = "reclaimed"
RECLAIM_EVERY_S = 15.0  # how often a running sender looks for items whose lease ran out


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Capped exponential backoff with jitter: in [d/2, d], d = min(cap, base * 2^(attempt-1))."""
    d = min(cap, base * (2 ** max(0, attempt - 1)))
    return d * (0.5 + 0.5 * (rng or random).random())


def is_alive(owner: str) -> bool:
    """Whether the sender that marked an item 'sending' may still be working on it."""
    try:
        host, pid, sid = owner.split(":", 2)
        pid_n = int(pid)
    except ValueError:
        return False
    if host != socket.gethostname():
        return True  # another machine: we cannot tell, leave it
    if pid_n == os.getpid():
        return sid in _LIVE_SENDERS
    try:
        os.kill(pid_n, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class DrainResult:
    sent: int = 0
    failed_attempts: int = 0
    replies: int = 0
    open_items: int = 0
    timed_out: bool = False


class Sender:
    def __init__(self, store: Store, transport: Transport, settings: Settings | None = None,
                 rng: random.Random | None = None):
        self.store, self.transport = store, transport
        self.settings = settings or Settings()
        self.rng = rng or random.Random()
        self.sid = uuid.uuid4().hex[:8]
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{self.sid}"
        _LIVE_SENDERS.add(self.sid)
        self._last_poll = 0.0
        self._pool: ThreadPoolExecutor | None = None
        self._last_status_check = 0.0
        self._consulted_at: dict[int, float] = {}  # outbox item id -> when we last asked ICS2 about it
        self._refused: dict[int, tuple] = {}  # item id -> a refusal (4xx) waiting for the consultation's word
        self._last_reclaim = time.monotonic()

    @classmethod
    def open(cls, data_dir=None, settings: Settings | None = None) -> "Sender":
        store = open_store(data_dir)
        settings = settings or Settings.load(store.data_dir)
        return cls(store, make_transport(settings), settings)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        _LIVE_SENDERS.discard(self.sid)
        self.transport.close()
        self.store.close()

    # --- the loop ------------------------------------------------------------------------
    def drain(self, until_empty: bool = False, timeout: float | None = None,
              stop: threading.Event | None = None) -> DrainResult:
        """Send what is due. until_empty: keep going (retrying, polling) until nothing is open."""
        result = DrainResult()
        start = time.monotonic()
        deadline = None if timeout is None else start + timeout
        self.reconcile()
        self._drain_loop(result, until_empty, start, timeout, deadline, stop)
        result.open_items = self.store.open_count()
        return result

    def _drain_loop(self, result: DrainResult, until_empty: bool, start: float, timeout: float | None,
                    deadline: float | None, stop: threading.Event | None) -> None:
        while True:
            n = self.send_due(result, deadline=deadline, stop=stop)
            if stop is not None and stop.is_set():
                break  # quitting: what is left waits for the next start
            if n == 0 or time.monotonic() - self._last_poll > self.settings.poll_interval_s:
                result.replies += self.poll_replies()
            self.check_overdue(stop)
            result.open_items = self.store.open_count()
            if result.open_items == 0 or not until_empty:
                break  # without until_empty: one pass over what is due now
            if stop is not None and stop.is_set():
                break
            if timeout is not None and time.monotonic() - start >= timeout:
                result.timed_out = True
                break
            if n == 0:
                due = self.store.next_due_at()
                wait = 0.1 if due is None else max(0.0, min(0.1, due - time.time()))
                if stop is not None:
                    stop.wait(wait)
                else:
                    time.sleep(wait)

    def reconcile(self) -> list[int]:
        """At every start: items a dead sender left mid-send go back to be reconciled, and
        notifications held for an MRN that a filing knows by now reach it."""
        ids = self.store.reclaim_orphans(is_alive)
        self.store.rematch_held()
        return ids

    def send_due(self, result: DrainResult | None = None, batch: int = 50, deadline: float | None = None,
                 stop: threading.Event | None = None) -> int:
        """One pass: each due item at most once (a quick retry waits for the next pass).

        Items are claimed settings.send_concurrency at a time (claim commits before any byte
        leaves) and sent in parallel; `stop` is checked between rounds, so quitting waits for at
        most one round of sends. Each outcome is recorded here, in this thread, in its own
        transaction: the database is only touched by the thread that owns this Sender, and an
        error on one item does not roll back what was recorded for the others."""
        done, seen = 0, set()
        k = max(1, int(self.settings.send_concurrency))
        if time.monotonic() - self._last_reclaim >= RECLAIM_EVERY_S:  # another desk may have stopped mid-send
            self._last_reclaim = time.monotonic()
            self.store.reclaim_orphans(is_alive)
        while done < batch and (deadline is None or time.monotonic() < deadline):
            if stop is not None and stop.is_set():
                break
            claimed = self.store.claim_due(self.owner, limit=min(k, batch - done), exclude=seen)
            if not claimed:
                break
            seen.update(c[0].id for c in claimed)
            claimed = self._consult_first(claimed, deadline, stop)
            if not claimed:
                continue
            if k == 1 or len(claimed) == 1:
                outcomes = [(c, self._transmit(c[0], c[2])) for c in claimed]
            else:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(k, thread_name_prefix="ics2desk-send")
                futures = {self._pool.submit(self._transmit, c[0], c[2]): c for c in claimed}
                outcomes = [(futures[f], f.result()) for f in as_completed(futures)]
            # outcomes are recorded after the network waits so the write lock is never held across
            # I/O; recoveries talk to ICS2 afterwards
            recover: list[tuple[str, OutboxItem, str]] = []
            error: Exception | None = None
            for (item, attempt_id, xml), outcome in outcomes:
                try:
                    with self.store.transaction():
                        ok = self._record(item, attempt_id, xml, outcome, recover)
                except Exception as exc:  # noqa: BLE001  record the others; this one is reconciled later
                    error = error or exc
                    self._release(item, exc)
                    continue
                done += 1
                if result is not None:
                    if ok:
                        result.sent += 1
                    else:
                        result.failed_attempts += 1
            if error is not None:
                raise error
            for lrn, item, reason in recover:
                if (stop is not None and stop.is_set()) or (deadline is not None and time.monotonic() >= deadline):
                    break  # the item was requeued for reconciliation: recovered on the next pass
                self._recover(lrn, item, reason)
        return done

    def _consult_first(self, claimed: list, deadline: float | None, stop: threading.Event | None) -> list:
        """Items taken back from a sender that stopped mid-send may have reached ICS2: ask
        (IE3Q05) before sending any of them again. Returns the items to send now."""
        send = []
        for item, attempt_id, xml in claimed:
            f = self.store.find(item.lrn)
            if not (item.reconcile and item.message_type in FILINGS and f is not None and not f.mrn
                    and f.state in AWAITING_MRN and self._consult_due(item)):
                send.append((item, attempt_id, xml))
                continue
            self.store.record_failure(item, attempt_id, FailureKind.TIMEOUT, Component.OPERATOR_SYSTEM.value,
                                      "taken back from a sender that stopped mid-send: asking ICS2 (IE3Q05) "
                                      "before sending it again", time.time())
            if (stop is not None and stop.is_set()) or (deadline is not None and time.monotonic() >= deadline):
                continue  # still flagged: consulted on the next pass
            self._recover(item.lrn, item, RECLAIMED)
        return send

    def _release(self, item: OutboxItem, exc: Exception) -> None:
        """An item whose outcome could not be recorded goes back to pending, flagged for
        reconciliation (it may have reached ICS2), instead of staying claimed by a live sender."""
        try:
            self.store.requeue(item, FailureKind.INTERFACE_ERROR, Component.OPERATOR_SYSTEM.value,
                               f"outcome not recorded: {type(exc).__name__}: {exc}", self._retry_at(item.attempts))
        except Exception:  # noqa: BLE001, S110  the store itself is failing: reclaimed at the next start
            pass

    def _transmit(self, item: OutboxItem, xml: bytes) -> SendResult | TransportFailure:
        """Network only (may run in a pool thread): no database access here."""
        try:
            return self.transport.send(item.message_type, xml, item.lrn)
        except TransportFailure as f:
            return f
        except Exception as exc:  # a transport bug must not leave the item claimed forever
            return TransportFailure(f"unexpected transport error: {type(exc).__name__}: {exc}",
                                    FailureKind.INTERFACE_ERROR, Component.OPERATOR_SYSTEM)

    def _retry_at(self, attempts: int) -> float:
        return time.time() + backoff_delay(attempts, self.settings.retry_base_s, self.settings.retry_cap_s, self.rng)

    def _fail(self, item: OutboxItem, attempt_id: int, f: TransportFailure) -> None:
        permanent = not f.kind.transient or item.attempts >= self.settings.max_attempts
        self.store.record_failure(item, attempt_id, f.kind, f.component, str(f),
                                  None if permanent else self._retry_at(item.attempts))

    def _record(self, item: OutboxItem, attempt_id: int, xml: bytes, res: SendResult | TransportFailure,
                recover: list[tuple[str, OutboxItem, str]]) -> bool:
        if isinstance(res, TransportFailure):
            if getattr(res, "maybe_delivered", False) and item.message_type in CONSULTABLE:
                # the access point may have taken it (a 4xx/timeout after the body left): never call
                # it failed, nor send it blindly again, before asking ICS2 what it holds
                # not failed yet, whatever the status said: only the consultation may settle it
                # (a refusal stands once ICS2 is seen to hold nothing; until then it is retried)
                last = item.attempts >= self.settings.max_attempts
                self.store.record_failure(item, attempt_id, res.kind, res.component,
                                          f"{res} — outcome unknown, consulting ICS2",
                                          None if last else self._retry_at(item.attempts))
                self.store.flag_reconcile(item)
                if not res.kind.transient:
                    self._refused[item.id] = (res.kind, res.component, str(res))
                recover.append((item.lrn, item, MAYBE_DELIVERED))
                return False
            self._fail(item, attempt_id, res)
            return False
        # 'sent' and the replies that came back with it commit together: a crash in between
        # would otherwise leave an item waiting for a reply that already came
        with self.store.transaction():
            self.store.record_sent(item, attempt_id, xml, res.transport_id)
            if res.held_by:
                self.store.note_missing_reply(item, FailureKind.NO_FUNCTIONAL_REPLY, res.held_by,
                                              f"accepted; {res.held_by} holds the reply until it recovers")
            for reply in res.replies:
                lrn = self._apply(reply, None, item, res.transport_id)
                if lrn:
                    recover.append((lrn, item, DUPLICATE))
        return True

    def _apply(self, xml: bytes, transport_id: str | None, item: OutboxItem | None = None,
               correlation: str | None = None) -> str | None:
        """Store one reply and apply it; returns an LRN whose MRN must be recovered (duplicate LRN).

        No reply can stop the desk: anything that cannot be read or applied is quarantined with
        its raw bytes (and so may be acknowledged), and the next one is handled. Only a failing
        store (disk full, I/O) propagates: then nothing is acknowledged and ICS2 delivers again."""
        if isinstance(xml, UnreadablePayload):  # the transport could not read it: keep what we have
            self.store.record_unmatched(bytes(xml), "unreadable", transport_id, xml.problem)
            return None
        try:
            reply = parse_reply(xml, "reply")
        except BadInputError as exc:
            self._quarantine(xml, transport_id, str(exc), item)
            return None
        except Exception as exc:  # noqa: BLE001  a parser bug must not become a poison message
            self._quarantine(xml, transport_id, f"internal error reading the reply: {type(exc).__name__}: {exc}", item)
            return None
        try:
            return self._apply_parsed(reply, xml, transport_id, item, correlation)
        except STORE_FAILURES:
            raise
        except Exception as exc:  # noqa: BLE001  keep it, say so, go on with the next one
            self._quarantine(xml, transport_id, f"{reply.message_id} could not be applied: "
                                                f"{type(exc).__name__}: {exc}", item, mtype=reply.message_id)
            return None

    def _quarantine(self, xml: bytes, transport_id: str | None, problem: str, item: OutboxItem | None,
                    mtype: str = "unreadable") -> None:
        self.store.record_unmatched(xml, mtype, transport_id, problem)
        if item is not None:  # its outcome is unknown: ask again later, reconciling
            self.store.requeue(item, FailureKind.INTERFACE_ERROR, Component.EU_CONNECTION.value,
                               f"unreadable reply: {problem}", self._retry_at(item.attempts))

    def _apply_parsed(self, reply, xml: bytes, transport_id: str | None, item: OutboxItem | None,
                      correlation: str | None) -> str | None:
        dup = isinstance(reply, Rejected) and reply.duplicate_lrn
        filing = self.store.find(reply.lrn, reply.mrn)
        lost_reply = (dup and filing is not None and filing.message_type in FILINGS and not filing.mrn) or (
            isinstance(reply, Rejected) and reply.message_id == "IE3N01" and item is not None and item.reconcile
            and item.message_type == "IE3Q04" and filing is not None)
        if lost_reply:
            # a re-send after a crash: our LRN is already registered (or the ENS already invalidated).
            # Ask ICS2 what it holds (IE3Q05) instead of filing again or believing the refusal.
            with self.store.transaction():
                self.store.apply_reply(xml, transport_id, correlation, transition=False, parsed=reply)
                if item is not None:  # until the MRN is recovered, the item stays to be reconciled
                    self.store.requeue(item, FailureKind.REJECTED, Component.COMMON_REPOSITORY.value,
                                       "LRN already registered: recovering its MRN", self._retry_at(item.attempts))
            return filing.lrn
        if reply.message_id == "IE3R08" and self._consulted(filing):
            # the answer to our IE3Q05 came later (Domibus: by polling): it stands in for the lost IE3R01
            if reply_mrn_from_r08(reply):
                self.store.apply_reply(xml, transport_id, correlation, recovered_mrn_for=filing.lrn, parsed=reply)
            else:
                self.store.apply_reply(xml, transport_id, correlation, transition=False, parsed=reply)
                self._requeue_open(filing.lrn, FailureKind.REJECTED, Component.COMMON_REPOSITORY.value,
                                   "LRN reported as duplicate but the consultation found no ENS")
            return None
        try:
            self.store.apply_reply(xml, transport_id, correlation, parsed=reply)
        except BadInputError as exc:
            self.store.record_unmatched(xml, reply.message_id, transport_id, str(exc))
        return None

    def _consulted(self, filing) -> bool:
        """Whether this filing awaits the answer to an IE3Q05 we sent (still no MRN, and no IE3R08
        received since the last consultation)."""
        if filing is None or filing.mrn or filing.state not in AWAITING_MRN or filing.message_type not in FILINGS:
            return False
        for m in reversed(self.store.timeline(filing.lrn)):
            if m.message_type == "IE3Q05" and m.direction == "out":
                return True
            if m.message_type == "IE3R08" and m.direction == "in":
                return False
        return False

    def _requeue_open(self, lrn: str, kind: FailureKind, component: str, error: str) -> None:
        """Send the filing's item waiting for a reply again (reconciling): used when the recovery
        started from a polled reply, which has no item of its own, cannot finish."""
        for open_item in self.store.outbox_items(["awaiting_reply"], lrn=lrn):
            if open_item.message_type in FILINGS:
                self.store.requeue(open_item, kind, component, error, self._retry_at(open_item.attempts))

    def _recover(self, lrn: str, item: OutboxItem | None, reason: str = "duplicate") -> None:
        """Ask ICS2 what it holds for `lrn` (IE3Q05) and apply the answer (IE3R08).

        reason: DUPLICATE (our re-send was refused as a duplicate LRN: the first one got through),
        OVERDUE (no functional reply in time) or MAYBE_DELIVERED (the transport failed after the
        access point may have taken the message)."""
        f = self.store.get(lrn)
        requester = self.settings.requester_eori or f.declarant or ""
        q05 = to_bytes(consultation(lrn, requester))
        try:
            res = self.transport.send("IE3Q05", q05, lrn)
        except TransportFailure as exc:
            if reason == OVERDUE:
                self.store.note_missing_reply(item, exc.kind, exc.component, f"consultation (IE3Q05) failed: {exc}")
            elif item is not None:
                self.store.requeue(item, exc.kind, exc.component, f"MRN recovery failed: {exc}",
                                   self._retry_at(item.attempts))
            else:
                self._requeue_open(lrn, exc.kind, exc.component, f"MRN recovery failed: {exc}")
            return
        self.store.log_outgoing(lrn, "IE3Q05", q05, res.transport_id)
        for xml in res.replies:
            try:
                reply = parse_reply(xml, "consultation result")
            except BadInputError as exc:
                self.store.record_unmatched(xml, "unreadable", None, str(exc))
                continue
            if reply.message_id == "IE3R08" and reply_mrn_from_r08(reply):
                self.store.apply_reply(xml, None, res.transport_id, recovered_mrn_for=lrn, parsed=reply)
                return
            self.store.apply_reply(xml, None, res.transport_id, transition=False, parsed=reply)
        if not res.replies:
            return  # an asynchronous transport (Domibus): the IE3R08 comes by polling, see _apply
        if reason == RECLAIMED:
            # ICS2 holds nothing for this LRN: the stopped sender's message never arrived; send it now
            self.store.note(lrn, "consulted", "IE3Q05 for an item taken back mid-send: ICS2 holds no ENS for "
                                              "this LRN; sending it")
            if item is not None:
                self.store.clear_reconcile(item)
            return
        if reason == MAYBE_DELIVERED:
            # ICS2 holds nothing for this LRN: a refusal now stands (failed, for the agent to look
            # at); a transient failure is retried as scheduled
            self.store.note(lrn, "consulted", "IE3Q05 after a failed send: ICS2 holds no ENS for this LRN")
            refused = self._refused.pop(item.id, None) if item is not None else None
            if refused is not None:
                kind, component, error = refused
                self.store.give_up(item, kind, component, f"{error} — ICS2 holds no ENS for this LRN: refused")
            return
        why = {DUPLICATE: "LRN reported as duplicate but the consultation found no ENS",
               OVERDUE: "no reply, and the consultation found no ENS: sending it again"}[reason]
        if item is not None:
            self.store.requeue(item, FailureKind.REJECTED if reason == DUPLICATE else FailureKind.NO_FUNCTIONAL_REPLY,
                               Component.COMMON_REPOSITORY.value, why, self._retry_at(item.attempts))
        else:
            self._requeue_open(lrn, FailureKind.REJECTED, Component.COMMON_REPOSITORY.value, why)

    def poll_replies(self) -> int:
        """Fetch what ICS2 has for us; acknowledge each message only once it is stored (applied
        or quarantined). A store failure stops here: what was not stored is delivered again."""
        self._last_poll = time.monotonic()
        try:
            items = self.transport.poll()
        except TransportFailure:
            return 0  # sends record failures; polling again later is enough
        stored: list[str] = []
        try:
            for tid, xml in items:
                lrn = self._apply(xml, tid)
                stored.append(tid)
                if lrn:
                    self._recover(lrn, None)
        finally:
            if stored:
                try:
                    self.transport.ack(stored)
                except TransportFailure:
                    pass  # delivered again later; the store applies each message id once
        return len(stored)

    def check_overdue(self, stop: threading.Event | None = None) -> None:
        limit = time.time() - self.settings.reply_timeout_s
        awaiting = self.store.awaiting_since()
        if awaiting and time.monotonic() - self._last_status_check > self.settings.poll_interval_s:
            self._last_status_check = time.monotonic()
            self._ask_access_point(awaiting, stop=stop)
        for item, sent_at in awaiting:
            if not sent_at or sent_at >= limit:
                continue
            if item.last_kind != FailureKind.NO_FUNCTIONAL_REPLY.value:
                self.store.note_missing_reply(item, FailureKind.NO_FUNCTIONAL_REPLY, Component.COMMON_REPOSITORY.value,
                                              f"no functional reply after {self.settings.reply_timeout_s:.0f} s")
            if item.message_type in CONSULTABLE and not (stop is not None and stop.is_set()) and self._consult_due(item):
                # ICS2 said nothing: ask it what it holds for our LRN (IE3Q05) rather than wait;
                # again every reply timeout while it stays silent
                self._recover(item.lrn, item, reason=OVERDUE)

    def _consult_due(self, item: OutboxItem) -> bool:
        now = time.monotonic()
        last = self._consulted_at.get(item.id)
        if last is not None and now - last < max(self.settings.reply_timeout_s, self.settings.poll_interval_s):
            return False
        self._consulted_at[item.id] = now
        return True

    def _ask_access_point(self, awaiting: list[tuple[OutboxItem, float]], limit: int = 50,
                          stop: threading.Event | None = None) -> None:
        """Transports that can tell what became of an accepted message (Domibus) are asked, so a
        stuck delivery is blamed on the right component, and a message it gave up on is sent again."""
        probe = getattr(self.transport, "delivery_problem", None)
        if probe is None:
            return
        for item, _ in awaiting[:limit]:
            if stop is not None and stop.is_set():
                return
            tid = self.store.sent_transport_id(item)
            if not tid:
                continue
            try:
                problem = probe(tid)
            except TransportFailure as exc:
                problem = exc
            if problem is None:
                continue
            if "SEND_FAILURE" in str(problem):
                self.store.requeue(item, problem.kind, problem.component, str(problem), self._retry_at(item.attempts))
            elif item.last_error != str(problem):
                self.store.note_missing_reply(item, problem.kind, problem.component, str(problem))
