"""The desk's workflows, without Qt: what an agent does to filings, in one object any front end
(the GUI, the CLI, a second desk, a test) drives the same way.

    desk = Desk(store, settings, user)      # one per thread: the store's connection is
    doc = desk.blank()                       # a new filing with the lodging profile
    lrn = desk.save(doc)                     # first save: an LRN with the settings' lrn_prefix
    desk.queue(lrn)                          # validated and queued in the outbox
    desk.allowed_actions(desk.store.get(lrn).state)
    desk.deadline(desk.store.get(lrn))       # the one lodging deadline (continuity.deadlines)

Every step is audited under `desk.user` (one name per session) and, once committed, emits a
`Changed` naming what changed to each of `desk.listeners`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from ..errors import BadInputError, KnownError, StoreUnavailableError
from ..model import EnsDocument
from . import actions
from .events import Changed, Listeners
from .profile import LodgingProfile

#: the outbox actions an agent takes on one queued item (Outbox tab, `ics2desk outbox`)
OUTBOX_ACTIONS = ("retry", "pause", "resume", "cancel")


class KeptOnDeskError(KnownError):
    """The agency database is out of reach: what the agent did is kept on this desk and written
    there exactly once when it is back (store/journal.py). Nothing is lost; nothing was sent."""

    def __init__(self, what: str, why: str):
        self.what = what
        super().__init__(f"{why}. Kept on this desk: {what}; it is written to the agency database once, as "
                         f"soon as it is back. Nothing was sent to customs")


class Desk:
    def __init__(self, store, settings=None, user: str | None = None,
                 profile: LodgingProfile | Callable[[], LodgingProfile | None] | None = None):
        """store: this thread's ics2desk.store.Store. settings: an ics2desk.settings.Settings, or
        None to read the data dir's settings.json at each step that needs it (a prefix changed in
        Settings applies to the next save). user: who the audit trail names (default: the store's
        user). profile: the lodging profile, or a callable that reads it when a filing starts."""
        self.store = store
        self._settings = settings
        self.user = user or store.user
        self.profile = profile
        self.listeners = Listeners()
        self._cutoffs = None

    # --- settings ----------------------------------------------------------------------------
    @property
    def settings(self):
        if self._settings is not None:
            return self._settings
        from ..settings import Settings

        return Settings.load(self.store.data_dir)

    @property
    def lrn_prefix(self) -> str:
        return self.settings.lrn_prefix

    def settings_changed(self, settings=None) -> Changed:
        """Settings or crossing presets were saved: the cut-offs (and, given, the settings) follow."""
        if settings is not None:
            self._settings = settings
        self._cutoffs = None
        return self.listeners.emit(Changed(settings=True))

    # --- starting a filing -------------------------------------------------------------------
    def lodging_profile(self) -> LodgingProfile | None:
        return self.profile() if callable(self.profile) else self.profile

    def with_profile(self, doc: EnsDocument) -> EnsDocument:
        """The lodging profile as the filing's declarant (or representative), if that party is
        still empty (see LodgingProfile.apply)."""
        profile = self.lodging_profile()
        return profile.apply(doc) if profile is not None else doc

    def blank(self, message_id: str = "IE3F50") -> EnsDocument:
        return self.with_profile(EnsDocument(message_id, {}))

    def copy_of(self, lrn: str) -> EnsDocument:
        """"New filing from this one": the filing's dataset without what belongs to one truck
        (plates of road means — a ferry's IMO stays —, CMR and house document numbers,
        containers, seals, times, LRN, MRN, issue date: ics2desk.templates.PER_TRUCK_PATHS)."""
        from .. import templates

        doc = self.store.document(lrn)
        return EnsDocument(doc.message_id, templates.clear_per_truck(doc.data))

    def from_template(self, template) -> EnsDocument:
        """A new filing from a template (its per-truck fields are empty already)."""
        return EnsDocument(template.message_id, template.new_filing())

    def templates(self) -> list:
        from .. import templates

        return templates.all_templates(self.store.data_dir)

    def save_template(self, name: str, doc: EnsDocument):
        """`doc`'s customer and route as a template named `name`, saved in the data dir."""
        from .. import templates

        if not name or not name.strip():
            raise BadInputError("a template needs a name (customer and route)")
        template = templates.from_filing(name, doc.message_id, doc.data)
        templates.save(template, self.store.data_dir)
        return template

    def suggested_template_name(self, doc: EnsDocument) -> str:
        from .. import templates

        return " ".join(x for x in (templates.suggested_customer(doc.data), templates.suggested_route(doc.data)) if x)

    # --- saving and sending ------------------------------------------------------------------
    def new_lrn(self, declarant: str) -> str:
        """An unused LRN for `declarant`, with the settings' prefix (as `ics2desk import --new-lrn`)."""
        return self.store.new_lrn(declarant, self.lrn_prefix)

    def save(self, doc: EnsDocument, lrn: str | None = None, expected_version: int | None = None) -> str:
        """Save `doc`: a new filing when `lrn` is None (keeping the LRN the agent typed, else one
        assigned with the settings' prefix), else a new version of filing `lrn`. The address
        book and goods catalogue learn from it. Returns the filing's LRN.

        expected_version: the version the agent opened; saved by someone else since, nothing is
        overwritten (store.EditConflictError). The agency database out of reach: the save is
        kept on this desk and written there once when it is back (KeptOnDeskError says so)."""
        from ..reuse import book

        try:
            if lrn is None:
                filing = self.store.import_document(doc, user=self.user, new_lrn=not doc.lrn,
                                                    lrn_prefix=self.lrn_prefix)
                lrn, created = filing.lrn, (filing.lrn,)
            else:
                self.store.save_version(lrn, doc, user=self.user, expected_version=expected_version)
                created = ()
        except StoreUnavailableError as exc:
            self._keep(exc, "import" if lrn is None else "save", lrn, doc, expected_version)
            raise  # not reached: _keep raises KeptOnDeskError
        book.remember(self.store.conn, doc)
        self.listeners.emit(Changed(lrns=(lrn,), created=created))
        return lrn

    def queue(self, lrn: str) -> int:
        """Validate and queue filing `lrn` for sending; returns its outbox item. The agency
        database out of reach: the request is kept on this desk (KeptOnDeskError)."""
        try:
            item = self.store.queue(lrn, user=self.user)
        except StoreUnavailableError as exc:
            self._keep(exc, "queue", lrn, None, None)
            raise
        self.listeners.emit(Changed(lrns=(lrn,), outbox=True))
        return item

    def _keep(self, exc: StoreUnavailableError, kind: str, lrn: str | None, doc: EnsDocument | None,
              expected_version: int | None) -> None:
        """Only an agency database out of reach is kept for later; a full local disk is not
        something a journal on the same disk could help with: the error goes on as it is."""
        if exc.reason != "unreachable":
            raise exc
        from ..store.journal import Journal
        from ..xml.writer import to_bytes

        entry = Journal(self.store.data_dir).keep(kind, self.user, lrn=lrn,
                                                  xml=to_bytes(doc) if doc is not None else None,
                                                  expected_version=expected_version,
                                                  new_lrn=doc is not None and not doc.lrn, lrn_prefix=self.lrn_prefix)
        raise KeptOnDeskError(entry.describe(), str(exc)) from exc

    def save_and_queue(self, doc: EnsDocument, lrn: str | None = None) -> str:
        lrn = self.save(doc, lrn)
        self.queue(lrn)
        return lrn

    def amend(self, lrn: str, doc: EnsDocument) -> int:
        """Queue the amendment (IE3A50) of registered filing `lrn`. An ENS lodged under an older
        message version raises LodgedUnderOlderVersionError: offer `refile`."""
        item = self.store.amend(lrn, doc, user=self.user)
        self.listeners.emit(Changed(lrns=(lrn,), outbox=True))
        return item

    def invalidate(self, lrn: str, reason: str) -> int:
        """Queue the invalidation (IE3Q04) of `lrn`, with the agent's reason in the audit trail,
        both or neither."""
        reason = " ".join((reason or "").split())
        if not reason:
            raise BadInputError(f"{lrn}: say why the ENS is invalidated (kept in its history)")
        with self.store.transaction():
            item = self.store.invalidate(lrn, user=self.user)
            self.store.note(lrn, "invalidate_reason", reason, user=self.user)
        self.listeners.emit(Changed(lrns=(lrn,), outbox=True))
        return item

    def refile(self, lrn: str) -> str:
        """Invalidate `lrn` and open a copy as a new draft under a new LRN (ics2desk.refile)."""
        from ..refile import refile

        new_lrn = refile(self.store, lrn, self.user, self.lrn_prefix)
        self.listeners.emit(Changed(lrns=(lrn, new_lrn), created=(new_lrn,), outbox=True))
        return new_lrn

    def answer_rfi(self, lrn: str, answer: EnsDocument) -> int:
        """Queue the answer (IE3R02) to customs' request for information on `lrn`."""
        item = self.store.answer_rfi(lrn, answer, user=self.user)
        self.listeners.emit(Changed(lrns=(lrn,), outbox=True))
        return item

    # --- the outbox --------------------------------------------------------------------------
    def outbox_action(self, action: str, item_id: int) -> None:
        """retry (due now) | pause | resume | cancel one outbox item, audited under the desk's user."""
        if action not in OUTBOX_ACTIONS:
            raise BadInputError(f"unknown outbox action {action!r} (one of {', '.join(OUTBOX_ACTIONS)})")
        step = {"retry": self.store.retry_now, "pause": self.store.pause, "resume": self.store.resume,
                "cancel": self.store.cancel}[action]
        step(item_id, user=self.user)
        lrn = self.store.outbox_item(item_id).lrn
        self.listeners.emit(Changed(lrns=(lrn,) if action == "cancel" else (), outbox=True))

    def elo_requests(self) -> list:
        """The requests waiting in the ELO queue (listed beside the outbox items)."""
        from ..elo.desk_link import waiting_requests

        return waiting_requests(self.store.conn)

    def retry_elo_request(self, queue_id: int) -> None:
        from ..elo.desk_link import retry_request

        retry_request(self.store.conn, queue_id)
        self.listeners.emit(Changed(elo=True))

    def adopt_elo(self, service, since: datetime | None = None) -> list[str]:
        """An ELO envelope for every ENS registered lately that has none (ics2desk.elo.desk_link)."""
        from ..elo.desk_link import adopt_registered

        adopted = adopt_registered(self.store, service, since)
        if adopted:
            self.listeners.emit(Changed(elo=True))
        return adopted

    # --- what a filing allows, and by when ---------------------------------------------------
    @staticmethod
    def allowed_actions(state: str | None) -> list[str]:
        """The desk actions the lifecycle table allows in `state` (ics2desk.desk.actions)."""
        return actions.allowed_actions(state)

    @property
    def cutoffs(self):
        """Lodging cut-offs: the data dir's crossing presets, then the settings' minutes."""
        if self._cutoffs is None:
            from ..continuity.adapters import cutoffs_from_settings

            self._cutoffs = cutoffs_from_settings(self.settings, self.store.data_dir)
        return self._cutoffs

    def deadline(self, filing) -> datetime | None:
        """The lodging deadline of a store row (ics2desk.store.Filing): the one rule,
        continuity.deadlines.Cutoffs.deadline, as the list, the panel, `status` and paper use it."""
        return self.cutoffs.deadline_of_filing(filing)

    def deadline_of_document(self, doc: EnsDocument) -> datetime | None:
        return self.cutoffs.deadline_of_document(doc)

    def cutoff_hours(self, filing) -> float:
        return self.cutoffs.for_filing(filing).total_seconds() / 3600

    # --- business continuity -----------------------------------------------------------------
    def continuity(self):
        """The continuity desk on this desk's store and settings (ics2desk.continuity.desk);
        pass `desk.user` as the user of its steps."""
        from ..continuity.desk import ContinuityDesk

        return ContinuityDesk.open(self.store, self.settings)
