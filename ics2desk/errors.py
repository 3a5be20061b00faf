"""Typed errors: what the user can fix (KnownError) versus what is our bug (BugError).

The GUI and CLI show a KnownError's message as is; a BugError gets a traceback and a
request to report it.
"""


class KnownError(Exception):
    """A problem the user can act on: bad data, unreadable file, component down."""


class BadInputError(KnownError):
    """The input (file, field, XML) is not acceptable; the message says why."""


class ComponentDownError(KnownError):
    """A component (gateway, access point, ICS2 side) cannot be reached or refused the exchange."""

    def __init__(self, message: str, component: str = "unknown", transient: bool = True):
        super().__init__(message)
        self.component = component
        self.transient = transient


class StoreUnavailableError(KnownError):
    """The desk's local store (SQLite in the data dir) cannot be read or written right now: disk
    full, I/O error, read-only, locked by another process for too long, damaged. The message names
    the data dir and what to do; `reason` is one of full | io | readonly | locked | cantopen | corrupt.
    Raised when connecting and at a transaction boundary (after the rollback), so the last
    committed state is intact."""

    def __init__(self, message: str, data_dir: str = "", reason: str = "io"):
        super().__init__(message)
        self.data_dir = data_dir
        self.reason = reason


class PermissionDeniedError(KnownError):
    """The signed-in agent's role may not do this: the agency database refused it (grants or
    row-level security), whatever the desk's buttons showed. `role`: clerk | declarant | admin."""

    def __init__(self, message: str, user: str = "", role: str = ""):
        super().__init__(message)
        self.user, self.role = user, role


class SignInError(KnownError):
    """The agency database refused the agent's sign-in (no password given, a wrong one, a
    disabled agent): not an outage; the agent can act on it."""


class IllegalTransitionError(KnownError):
    """A lifecycle step that the filing's current state does not allow."""


class LodgedUnderOlderVersionError(IllegalTransitionError):
    """An amendment refused because the registered ENS was lodged under an older ICS2 message
    version than the one the desk now files (ICS2 release 3.1: an ENS lodged under version 2
    cannot be amended once version 3 is in force). The way out is one guided action:
    `remedy` = "refile" — invalidate the ENS and lodge it again under a new LRN
    (ics2desk.refile.refile, `ics2desk refile LRN`)."""

    remedy = "refile"

    def __init__(self, lrn: str, lodged: str, active: str):
        self.lrn, self.lodged, self.active = lrn, lodged, active
        self.en = (f"{lrn} cannot be amended: its ENS was lodged under ICS2 message version {lodged} and the desk "
                   f"now files version {active}. ICS2 no longer accepts amendments to an ENS lodged under an "
                   f"earlier version: invalidate it and lodge it again as a new ENS (Re-file: one step that queues "
                   f"the invalidation and opens a copy under a new LRN; command line: ics2desk refile {lrn})")
        self.fr = (f"{lrn} ne peut pas être modifiée : son ENS a été déposée en version {lodged} des messages ICS2 "
                   f"et le poste dépose désormais en version {active}. ICS2 n'accepte plus de modification d'une "
                   f"ENS déposée dans une version antérieure : il faut l'invalider et la déposer à nouveau "
                   f"(Redéposer : une seule étape qui met l'invalidation en file d'envoi et ouvre une copie sous un "
                   f"nouveau LRN ; en ligne de commande : ics2desk refile {lrn})")
        super().__init__(self.en)

    def message(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en


class BugError(Exception):
    """An internal inconsistency: a bug in ics2desk, never the user's fault."""
