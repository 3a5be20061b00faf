"""The HTI rules (R30xx) and conditions (C30xx), one function each, named by ID.

A message is checked against the rules its tables cite (resources/hti/messages.json);
`ADVISORY` checks run as warnings elsewhere. R3003 (LRN unique per declarant) looks beyond
one document: across a batch in `batch.duplicate_lrns` (validate run, bulk import, booking
lists) and against every LRN ever stored in `Store.import_document`; R3024 (cannot be amended) needs the registered version and is
checked by `amendment.R3024`. `UNIVERSAL` rules (IMO/ENI identification, triggered by the
type of identification) run as errors on every message.
"""
from . import consignment, parties, transport, amendment  # noqa: F401  (registration)
from functools import lru_cache

from .base import ADVISORY, RULES, UNIVERSAL, Finding

__all__ = ["RULES", "ADVISORY", "Finding", "rules_for"]


@lru_cache(maxsize=None)
def rules_for(message_id: str) -> tuple[tuple[str, bool], ...]:
    """(rule ID, is_error) pairs to run on a message, in ID order."""
    from ..hti.spec import load_message

    cited = load_message(message_id).cited_ids
    out = [(rid, True) for rid in sorted(RULES) if rid in cited or rid in UNIVERSAL]
    out += [(rid, False) for rid in sorted(ADVISORY) if rid not in cited]
    return tuple(out)
