"""Transport to the built-in simulator over HTTP (httpx, keep-alive). Each exchange has one
deadline (`timeout`: connect + send + the whole reply) and a reply size cap (see exchange.py)."""
from __future__ import annotations

import base64
import json

import httpx

from ..failures import Component, FailureKind
from .base import SendResult, TransportFailure
from .exchange import DEFAULT_MAX_REPLY_BYTES, NOT_TAKEN, Limits, Reply, exchange, make_client


def classify_status(resp: Reply | httpx.Response, first_hop: Component) -> TransportFailure:
    """An HTTP error answer. Unless it says the message was not taken (credentials, size, rate),
    the other side had the whole body: it may have registered the filing (maybe_delivered)."""
    comp = resp.headers.get("X-ICS2-Component") or first_hop.value
    try:
        comp = Component(comp)
    except ValueError:
        comp = first_hop
    text = resp.text[:300]
    taken = resp.status_code not in NOT_TAKEN
    if resp.status_code in (401, 403):
        return TransportFailure(f"HTTP {resp.status_code}: {text}", FailureKind.AUTH_REFUSED, Component.EU_CONNECTION)
    if resp.status_code >= 500 or resp.status_code == 429:
        return TransportFailure(f"HTTP {resp.status_code} from {comp.value}: {text}", FailureKind.INTERFACE_ERROR,
                                comp, maybe_delivered=taken)
    # a refusal in HTTP, not an IE3N99: it may come after ICS2 registered the filing, so it is
    # permanent only once ICS2 is consulted (maybe_delivered)
    return TransportFailure(f"refused the message (HTTP {resp.status_code}): {text}", FailureKind.REJECTED, comp,
                            maybe_delivered=taken)


class SimulatorTransport:
    first_hop = Component.EU_CONNECTION  # the simulator plays the EU trader interface directly

    def __init__(self, base_url: str, timeout: float = 15.0, client: httpx.Client | None = None,
                 max_reply_bytes: int = DEFAULT_MAX_REPLY_BYTES):
        self.base_url = base_url.rstrip("/")
        self.limits = Limits(float(timeout), int(max_reply_bytes))
        self.client = client or make_client(self.limits.deadline_s)

    def _exchange(self, method: str, path: str, **kw) -> Reply:
        return exchange(self.client, method, f"{self.base_url}{path}", self.limits, self.first_hop, **kw)

    def send(self, message_type: str, xml: bytes, reference: str) -> SendResult:
        resp = self._exchange("POST", "/ics2/messages", content=xml, carries_message=True,
                              headers={"Content-Type": "application/xml", "X-Message-Type": message_type,
                                       "X-Reference": reference})
        if resp.status_code == 202:
            return SendResult(resp.headers.get("X-Message-Id"), [], resp.headers.get("X-ICS2-Held-By"))
        if resp.status_code != 200:
            raise classify_status(resp, self.first_hop)
        return SendResult(resp.headers.get("X-Message-Id"), [resp.content] if resp.content else [])

    def poll(self) -> list[tuple[str, bytes]]:
        resp = self._exchange("GET", "/ics2/replies")
        if resp.status_code != 200:
            raise classify_status(resp, self.first_hop)
        try:
            return [(str(r["id"]), base64.b64decode(r["xml"])) for r in json.loads(resp.content).get("replies", [])]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise TransportFailure(f"unreadable reply list: {exc}", FailureKind.INTERFACE_ERROR, self.first_hop) from None

    def ack(self, ids: list[str]) -> None:
        if not ids:
            return
        self._exchange("POST", "/ics2/replies/ack", json={"ids": ids})

    def close(self) -> None:
        self.client.close()
