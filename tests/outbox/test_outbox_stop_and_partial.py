"""Quitting mid-outage and a failure while recording outcomes: the outbox stays truthful."""
from __future__ import annotations

import threading
import time

import pytest

from ics2desk.outbox import Sender
from ics2desk.samples import ferry_filing
from ics2desk.settings import Settings
from ics2desk.store import open_store
from ics2desk.transport.base import SendResult


class SlowTransport:
    """Each send takes `delay` seconds (a hanging gateway); `on_send` runs after each one."""

    def __init__(self, delay: float = 0.0, on_send=None):
        self.delay, self.on_send, self.sent = delay, on_send, []

    def send(self, message_type, xml, reference):
        time.sleep(self.delay)
        self.sent.append(reference)
        if self.on_send:
            self.on_send()
        return SendResult(f"t-{reference}", [])

    def poll(self):
        return []

    def ack(self, ids):
        pass

    def close(self):
        pass


def _queue(store, *lrns):
    for lrn in lrns:
        store.import_document(ferry_filing(lrn))
        store.queue(lrn)


def test_stop_is_honoured_between_sends(data_dir):
    stop = threading.Event()
    t = SlowTransport(delay=0.05, on_send=stop.set)  # the user quits during the first send
    s = Sender(open_store(), t, Settings(send_concurrency=1, retry_base_s=60, retry_cap_s=60))
    _queue(s.store, *(f"STOP{i}" for i in range(6)))
    started = time.monotonic()
    res = s.drain(until_empty=True, timeout=10, stop=stop)
    assert time.monotonic() - started < 1.0
    assert t.sent == ["STOP0"] and res.sent == 1
    states = sorted(i.state for i in s.store.outbox_items())
    assert states == ["awaiting_reply"] + ["pending"] * 5  # nothing left claimed: sent at the next start
    s.close()


def test_a_failure_while_recording_keeps_the_other_outcomes(data_dir, monkeypatch):
    s = Sender(open_store(), SlowTransport(), Settings(send_concurrency=3, retry_base_s=60, retry_cap_s=60))
    _queue(s.store, "PART1", "PART2", "PART3")
    real = s.store.record_sent

    def record_sent(item, *args):
        if item.lrn == "PART2":
            raise RuntimeError("disk full")
        return real(item, *args)

    monkeypatch.setattr(s.store, "record_sent", record_sent)
    with pytest.raises(RuntimeError):
        s.send_due()
    items = {i.lrn: i for i in s.store.outbox_items()}
    assert items["PART1"].state == items["PART3"].state == "awaiting_reply"
    assert [m.message_type for m in s.store.timeline("PART1")] == ["IE3F50"]
    # the one whose outcome is unknown is neither lost nor stuck 'sending': re-sent, reconciling
    assert items["PART2"].state == "pending" and items["PART2"].reconcile
    s.close()
