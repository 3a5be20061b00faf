"""The one interface every transport implements, and the failure it raises."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..errors import ComponentDownError
from ..failures import Component, FailureKind


class TransportFailure(ComponentDownError):
    """One exchange failed; `kind` says how, `component` which ICS2 component we blame.

    maybe_delivered: the message had fully left before the failure (no reply in time, a broken
    or refused reply, an HTTP error answer after the other side took the body), so ICS2 may have
    registered it: consult ICS2 (IE3Q05) before calling the item failed or filing it again as new.
    False only when the message cannot have arrived (never connected, refused before sending,
    credentials refused)."""

    def __init__(self, message: str, kind: FailureKind, component: Component | str, maybe_delivered: bool = False):
        super().__init__(message, component=Component(component).value, transient=kind.transient)
        self.kind = kind
        self.maybe_delivered = maybe_delivered


class ReplyTooLarge(TransportFailure):
    """The reply passed the size cap (settings.max_reply_mb) and was refused unread."""


class UnreadablePayload(bytes):
    """A polled message the transport could not read (fault, corrupt or oversize payload): its raw
    bytes (maybe empty) and why. The sender keeps it as an unmatched message and acknowledges it."""

    problem: str

    def __new__(cls, raw: bytes, problem: str):
        obj = super().__new__(cls, raw)
        obj.problem = problem
        return obj


class OutgoingPayload(bytes):
    """A queued message's bytes as the outbox hands them to the transport, with the ICS2 message
    version they were built with (the store records it), so the transport announces that version
    (Domibus: the eb:AgreementRef) even when the active schema set has moved on since queuing."""

    message_version: str | None

    def __new__(cls, raw: bytes, message_version: str | None):
        obj = super().__new__(cls, raw)
        obj.message_version = message_version
        return obj


@dataclass
class SendResult:
    transport_id: str | None  # AS4 / HTTP message id given by the other side
    replies: list[bytes] = field(default_factory=list)  # functional replies that came back at once
    held_by: str | None = None  # component that accepted the message and holds its reply


class Transport(Protocol):
    def send(self, message_type: str, xml: bytes, reference: str) -> SendResult:
        """Hand one business message over. Raises TransportFailure."""

    def poll(self) -> list[tuple[str, bytes]]:
        """Replies waiting for us as (transport id, XML). Raises TransportFailure."""

    def ack(self, ids: list[str]) -> None:
        """Tell the other side these replies are stored (they will not come again)."""

    def close(self) -> None: ...


def reply_cap(settings) -> int:
    """settings.max_reply_mb in bytes (at least 1 KB: a typo must not refuse every reply)."""
    return max(1024, int(float(settings.max_reply_mb) * 1024 * 1024))


def make_transport(settings) -> Transport:
    if settings.transport == "simulator":
        from .http_simulator import SimulatorTransport

        return SimulatorTransport(settings.simulator_url, timeout=settings.send_timeout_s,
                                  max_reply_bytes=reply_cap(settings))
    if settings.transport == "domibus":
        from .domibus import DomibusTransport

        return DomibusTransport.from_settings(settings)
    from ..errors import BadInputError

    raise BadInputError(f"unknown transport {settings.transport!r} in settings (simulator or domibus)")
