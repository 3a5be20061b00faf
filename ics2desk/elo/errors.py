"""What can go wrong talking to the ELO service, in the desk's error vocabulary (errors.py):
a refusal the agent must act on (KnownError) versus the service being out of reach
(ComponentDownError, transient: the request stays queued)."""
from __future__ import annotations

from ..errors import BadInputError, ComponentDownError, KnownError
from ..failures import FailureKind

COMPONENT = "elo"  # DGDDI's ELO service, through the GUN2 ESB

OPERATION_NAMES = {"ENV_CRE01": "create the ELO", "ENV_MOD01": "modify the ELO", "ENV_REC01": "retrieve the ELO"}


class EloRefused(KnownError):
    """The service answered 400 with `informationsErreur`: the data or the state must change."""

    failure_kind = FailureKind.REJECTED

    def __init__(self, message_code: str, statut: str, libelle: str, numero_dossier: str | None = None):
        what = OPERATION_NAMES.get(message_code, message_code)
        ref = f" (file {numero_dossier})" if numero_dossier else ""
        super().__init__(f"French customs refused to {what}{ref}: {libelle or 'no reason given'} [{statut or '?'}]")
        self.message_code = message_code
        self.statut = statut
        self.libelle = libelle
        self.numero_dossier = numero_dossier


class EloUnavailable(ComponentDownError):
    """No usable answer: connection refused, timeout, 5xx. The request is kept and retried."""

    def __init__(self, message: str, failure_kind: FailureKind = FailureKind.INTERFACE_ERROR):
        super().__init__(message, component=COMPONENT, transient=True)
        self.failure_kind = failure_kind


class EloAuthRefused(ComponentDownError):
    """The authentication server or the API refused our credentials (401/403). Kept queued:
    it completes once the agent fixes the token or the client secret in the settings."""

    failure_kind = FailureKind.AUTH_REFUSED

    def __init__(self, message: str):
        super().__init__(message, component=COMPONENT, transient=True)


class EloProtocolError(KnownError):
    """The service answered something that is not the documented message (schema violation)."""

    failure_kind = FailureKind.INTERFACE_ERROR


class EloNotConfigured(BadInputError):
    """No endpoint or no credentials yet: the settings must be filled in."""
