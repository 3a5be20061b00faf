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


#: what an amendment changes by itself: not the agent's change, not in the preview
_NOT_A_CHANGE = ("documentIssueDate", "MRN", "LRN")


def _leaves(node, path: str, out: dict[str, str]) -> dict[str, str]:
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, list):
                for i, item in enumerate(v, 1):
                    _leaves(item, f"{path}/{k}[{i}]", out)
            else:
                _leaves(v, f"{path}/{k}", out)
    elif node not in (None, ""):
        out[path] = str(node)
    return out


def changes(before: Group, after: Group, message_id: str) -> list[tuple[str, str, str]]:
    """What an amendment changes, value by value, in the order of the dataset: (XPath as the
    form names it, '/IE3F50/.../goodsItem[2]/weight/grossMass'; the registered value or "";
    the amended value or ""). The issue date, MRN and LRN the desk sets are left out."""
    root = f"/{message_id}"
    old, new = _leaves(before, root, {}), _leaves(after, root, {})
    skip = {f"{root}/{name}" for name in _NOT_A_CHANGE}
    paths = list(dict.fromkeys([*old, *new]))
    return [(p, old.get(p, ""), new.get(p, "")) for p in paths
            if p not in skip and old.get(p, "") != new.get(p, "")]
