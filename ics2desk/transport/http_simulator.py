"""Transport to the built-in simulator over HTTP (httpx, keep-alive)."""
from __future__ import annotations

import base64

import httpx

from ..failures import Component, FailureKind
from .base import SendResult, TransportFailure


def classify(exc: Exception, first_hop: Component) -> TransportFailure:
    """Map an httpx exception to a failure blamed on the first hop we talk to."""
    if isinstance(exc, httpx.TimeoutException):
        return TransportFailure(f"no answer in time ({type(exc).__name__})", FailureKind.TIMEOUT, first_hop)
    if isinstance(exc, httpx.ConnectError):
        kind = FailureKind.GATEWAY_UNREACHABLE if first_hop is Component.SERVICE_PROVIDER else FailureKind.INTERFACE_ERROR
        return TransportFailure(f"connection refused or unreachable: {exc}", kind, first_hop)
    return TransportFailure(f"connection broken: {type(exc).__name__}: {exc}", FailureKind.INTERFACE_ERROR, first_hop)


def classify_status(resp: httpx.Response, first_hop: Component) -> TransportFailure:
    comp = resp.headers.get("X-ICS2-Component") or first_hop.value
    try:
        comp = Component(comp)
    except ValueError:
        comp = first_hop
    text = resp.text[:300]
    if resp.status_code in (401, 403):
        return TransportFailure(f"HTTP {resp.status_code}: {text}", FailureKind.AUTH_REFUSED, Component.EU_CONNECTION)
    if resp.status_code >= 500 or resp.status_code == 429:
        return TransportFailure(f"HTTP {resp.status_code} from {comp.value}: {text}", FailureKind.INTERFACE_ERROR, comp)
    return TransportFailure(f"refused the message (HTTP {resp.status_code}): {text}", FailureKind.REJECTED, comp)


class SimulatorTransport:
    first_hop = Component.EU_CONNECTION  # the simulator plays the EU trader interface directly

    def __init__(self, base_url: str, timeout: float = 15.0, client: httpx.Client | None = None):
        self.base_url = base_url.rstrip("/")
        self.client = client or httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)))

    def send(self, message_type: str, xml: bytes, reference: str) -> SendResult:
        try:
            resp = self.client.post(f"{self.base_url}/ics2/messages", content=xml,
                                    headers={"Content-Type": "application/xml", "X-Message-Type": message_type,
                                             "X-Reference": reference})
        except httpx.HTTPError as exc:
            raise classify(exc, self.first_hop) from None
        if resp.status_code == 202:
            return SendResult(resp.headers.get("X-Message-Id"), [], resp.headers.get("X-ICS2-Held-By"))
        if resp.status_code != 200:
            raise classify_status(resp, self.first_hop)
        return SendResult(resp.headers.get("X-Message-Id"), [resp.content] if resp.content else [])

    def poll(self) -> list[tuple[str, bytes]]:
        try:
            resp = self.client.get(f"{self.base_url}/ics2/replies")
        except httpx.HTTPError as exc:
            raise classify(exc, self.first_hop) from None
        if resp.status_code != 200:
            raise classify_status(resp, self.first_hop)
        try:
            return [(str(r["id"]), base64.b64decode(r["xml"])) for r in resp.json().get("replies", [])]
        except (ValueError, KeyError, TypeError) as exc:
            raise TransportFailure(f"unreadable reply list: {exc}", FailureKind.INTERFACE_ERROR, self.first_hop) from None

    def ack(self, ids: list[str]) -> None:
        if not ids:
            return
        try:
            self.client.post(f"{self.base_url}/ics2/replies/ack", json={"ids": ids})
        except httpx.HTTPError as exc:
            raise classify(exc, self.first_hop) from None

    def close(self) -> None:
        self.client.close()
