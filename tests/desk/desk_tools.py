"""Helpers for the desk tests (imported by name, like tests/printing/printing_tools.py)."""
from __future__ import annotations

from types import SimpleNamespace

from ics2desk import samples
from ics2desk.checkdigits import make_mrn
from ics2desk.simulator import replies as sim_replies

AGENT = "marie.durand"  # not the login name of whoever runs the tests: the desk's user must win


def registered(store, lrn: str, serial: str = "DESK0000001"):
    """A filing another process lodged and customs registered (the desk did none of it)."""
    doc = samples.ferry_filing(lrn)
    store.import_document(doc, user="cli")
    store.queue(lrn, user="cli")
    mrn = make_mrn(26, "FR", serial)
    store.apply_reply(sim_replies.registered(lrn, mrn, doc), f"tid-r01-{lrn}")
    return SimpleNamespace(doc=doc, mrn=mrn)
