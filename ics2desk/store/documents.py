"""Building the trader-side messages the lifecycle needs (IE3A50 from a filing, IE3Q04, IE3Q05)."""
from __future__ import annotations

from .. import clock
from ..amend import AMENDMENT_OF, make_amendment
from ..model import EnsDocument


def utc_now() -> str:
    return clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")


def amendment_from(doc: EnsDocument, mrn: str) -> EnsDocument:
    """The amendment (IE3A50 for road, IE3A51 for rail: full replacement keyed by MRN) of a filing."""
    if doc.message_id in AMENDMENT_OF.values():
        out = doc.copy()
        out.data["MRN"] = mrn
        return out
    return make_amendment(doc, mrn)


def invalidation(mrn: str, declarant: str, representative: str | None = None) -> EnsDocument:
    data = {"documentIssueDate": utc_now(), "MRN": mrn}
    if representative:
        data["representative"] = {"identificationNumber": representative}
    data["declarant"] = {"identificationNumber": declarant}
    return EnsDocument("IE3Q04", data)


def consultation(lrn: str, requester: str) -> EnsDocument:
    """IE3Q05 asking what ICS2 holds for our LRN (used to recover an MRN after a crash)."""
    return EnsDocument("IE3Q05", {"dataRequest": "0", "functionalReference": lrn,
                                  "requester": {"identificationNumber": requester}})
