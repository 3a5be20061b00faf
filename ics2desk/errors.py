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


class IllegalTransitionError(KnownError):
    """A lifecycle step that the filing's current state does not allow."""


class BugError(Exception):
    """An internal inconsistency: a bug in ics2desk, never the user's fault."""
