"""The vocabulary shared by the outbox (which sees failures) and the continuity panel (which
infers which ICS2 component is down from them). Qt-free."""
from __future__ import annotations

from enum import Enum


class FailureKind(str, Enum):
    """What went wrong on one attempt to send or to get a reply."""

    GATEWAY_UNREACHABLE = "gateway_unreachable"  # own access point / EDI provider: connection refused, DNS, TLS
    INTERFACE_ERROR = "interface_error"  # EU trader interface (STI/TAPAS) refused or answered 5xx / SOAP fault
    AUTH_REFUSED = "auth_refused"  # authentication or signature refused (UUM&DS)
    TIMEOUT = "timeout"  # the exchange did not complete in time
    NO_FUNCTIONAL_REPLY = "no_functional_reply"  # sent, but no IE3R01/IE3N99 within the set time (CR / national)
    REJECTED = "rejected"  # a functional rejection (IE3N99/IE3N01): permanent, the data must change

    @property
    def transient(self) -> bool:
        return self is not FailureKind.REJECTED


class Component(str, Enum):
    """The ICS2 components of the DGDDI note of 13 October 2025 (fiche réflexe)."""

    EU_CONNECTION = "eu_connection"  # TAPAS, UUM&DS, STI/STP
    COMMON_REPOSITORY = "common_repository"  # central EU ICS2 base (CR)
    NATIONAL_SYSTEM = "national_system"  # the Member State's ICS2 (France)
    OPERATOR_SYSTEM = "operator_system"  # this desk and the operator's own IT
    SERVICE_PROVIDER = "service_provider"  # EDI / IT service provider, access point host
