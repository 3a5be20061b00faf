"""ics2desk.outbox: the sender that drains the store's transactional outbox.

    from ics2desk.outbox import Sender
    sender = Sender.open(data_dir=None)   # opens its own Store + transport: call in the thread that uses it
    sender.drain(until_empty=True, timeout=60, stop=threading.Event())   # -> DrainResult
    sender.close()

Transient failures retry with capped exponential backoff and jitter; permanent ones stop the
item as 'failed'. Items found mid-send after a crash are re-sent with the same LRN; a
duplicate-LRN answer triggers an IE3Q05 consultation that recovers the MRN.
"""
from .sender import DrainResult, Sender, backoff_delay

__all__ = ["DrainResult", "Sender", "backoff_delay"]
