"""Invalidate and re-file, as one guided action (Qt-free; the GUI and `ics2desk refile LRN` call it).

When a registered ENS can no longer be amended — typically because it was lodged under an older
ICS2 message version than the one the desk now files (store.amend raises
errors.LodgedUnderOlderVersionError) — the agent's way out is to withdraw it and lodge it again:

- the invalidation (IE3Q04) of the old ENS is queued in the outbox, and
- a new draft filing is created under a NEW LRN, copied from the old filing's latest dataset
  (an amendment in the dataset is turned back into a filing), with today's issue date;

both in one transaction, both audited, each audit line naming the other LRN. The new draft is
built with the active schema set (its message version is recorded); the agent checks it and
submits it like any draft. Nothing is sent here.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from . import clock
from .amend import AMENDMENT_OF, keep_known
from .errors import IllegalTransitionError
from .hti.spec import load_message
from .model import EnsDocument

FILING_OF = {amendment: filing for filing, amendment in AMENDMENT_OF.items()}


@dataclass(frozen=True)
class Refiled:
    old_lrn: str
    new_lrn: str
    invalidation_item: int  # the outbox item of the IE3Q04
    copied_version: int  # the old filing's version the new draft was copied from
    lodged_version: str | None  # ICS2 message version the old ENS was lodged with
    message_version: str  # ICS2 message version of the new draft


def filing_from(doc: EnsDocument) -> EnsDocument:
    """A new ENS filing (IE3F50/IE3F51) with the dataset of `doc` (a filing or an amendment):
    no MRN, no LRN (the store gives one), issued now."""
    target = FILING_OF.get(doc.message_id, doc.message_id)
    if target not in AMENDMENT_OF:
        raise ValueError(f"{doc.message_id} is not an ENS filing or amendment")
    data = keep_known(copy.deepcopy(doc.data), load_message(target).root)
    data.pop("LRN", None)
    data["documentIssueDate"] = clock.stamp()
    return EnsDocument(target, data)


def refile(store, lrn: str, user: str | None = None, lrn_prefix: str | None = None) -> str:
    """Queue the invalidation of `lrn`'s ENS and open a copy as a new draft; returns the new LRN."""
    return refile_details(store, lrn, user, lrn_prefix).new_lrn


def refile_details(store, lrn: str, user: str | None = None, lrn_prefix: str | None = None) -> Refiled:
    """`refile`, returning what was done (for the confirmation the agent sees)."""
    from .settings import Settings
    from .xml import schemaset

    user = user or store.user
    prefix = lrn_prefix or Settings.load(store.data_dir).lrn_prefix
    with store.transaction():
        old = store.get(lrn)
        if old.do_not_load_at:
            raise IllegalTransitionError(
                f"{lrn}: customs ordered Do Not Load on this ENS; it is not re-filed under a new LRN. "
                f"Contact the customs office of first entry")
        copied = store.versions(lrn)
        number = max((v.number for v in copied if v.message_type in FILING_OF or v.message_type in AMENDMENT_OF),
                     default=0)
        dataset = store.document(lrn)  # the latest filing or amendment dataset
        lodged = store.lodged_version(lrn)
        item = store.invalidate(lrn, user)  # refuses (IllegalTransitionError) when the state does not allow it
        new = store.import_document(filing_from(dataset), user=user, new_lrn=True, lrn_prefix=prefix)
        active = schemaset.message_version()
        store.note(lrn, "refile", f"re-filed as {new.lrn}: invalidation IE3Q04 queued (outbox item {item}); "
                                  f"ENS lodged under ICS2 message version {lodged}, the desk files {active}", user)
        store.note(new.lrn, "refile", f"re-filing of {lrn} (MRN {old.mrn}, invalidation outbox item {item}), "
                                      f"copied from its version {number}; built as ICS2 message version {active}",
                   user)
    return Refiled(lrn, new.lrn, item, number, lodged, active)
