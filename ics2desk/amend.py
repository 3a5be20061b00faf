"""Build an amendment (IE3A50/IE3A51) from a registered filing: same dataset, keyed by MRN.

An amendment is a full replacement; the rows its table marks R3024 must not change
(rules.amendment.R3024 checks that against the registered version).
"""
from __future__ import annotations

import copy
from datetime import datetime

from . import clock
from .hti.spec import ElementSpec, load_message
from .model import EnsDocument, Group

AMENDMENT_OF = {"IE3F50": "IE3A50", "IE3F51": "IE3A51"}


def keep_known(group: Group, spec: ElementSpec) -> Group:
    """Keep only the elements the target message's table has (e.g. drop F50's LRN)."""
    out: Group = {}
    for child in spec.children:
        if child.name not in group:
            continue
        value = group[child.name]
        if child.is_group:
            if isinstance(value, list):
                out[child.name] = [keep_known(v, child) for v in value]
            else:
                out[child.name] = keep_known(value, child)
        else:
            out[child.name] = value
    return out


def make_amendment(filing: EnsDocument, mrn: str, issued: datetime | None = None) -> EnsDocument:
    target = AMENDMENT_OF.get(filing.message_id)
    if target is None:
        raise ValueError(f"{filing.message_id} has no amendment message")
    data = copy.deepcopy(filing.data)
    when = (issued or clock.now()).strftime("%Y-%m-%dT%H:%M:%SZ")
    data["documentIssueDate"] = when
    data["MRN"] = mrn
    return EnsDocument(target, keep_known(data, load_message(target).root))
