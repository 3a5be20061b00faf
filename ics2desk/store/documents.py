"""Building the trader-side messages the lifecycle needs (IE3A50 from a filing, IE3Q04, IE3Q05)."""
from __future__ import annotations

import copy
from datetime import datetime, timezone

from ..model import EnsDocument


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def amendment_from(doc: EnsDocument, mrn: str) -> EnsDocument:
    """An IE3A50 (full replacement dataset keyed by MRN) from an IE3F50-shaped document."""
    if doc.message_id == "IE3A50":
        out = doc.copy()
        out.data["MRN"] = mrn
        return out
    src = copy.deepcopy(doc.data)
    src.pop("LRN", None)
    data = {"documentIssueDate": utc_now(), "MRN": mrn}
    for key in ("SpecificCircumstanceIndicator", "reEntryIndicator", "representative",
                "activeBorderTransportMeans", "consignmentMasterLevel", "declarant", "customsOfficeOfFirstEntry"):
        if key in src:
            data[key] = src[key]
    return EnsDocument("IE3A50", data)


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
