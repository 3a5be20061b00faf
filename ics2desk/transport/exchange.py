"""One HTTP exchange under one deadline and one size cap, for every transport.

httpx's timeouts bound each socket operation, not the exchange: a reply dripped one byte a
second never trips them, and `response.content` reads whatever size comes. Here:

- the deadline (monotonic) covers connect + send + the whole reply. It is enforced in the
  socket layer (a network backend that gives every read and write at most the time left, so a
  dripped status line or header counts too) and again between body chunks (for any other
  httpx transport, e.g. a mock);
- the reply is streamed and refused as soon as it passes the cap (or announces more in
  Content-Length), so memory stays bounded whatever the other side sends;
- whether the request body had been fully sent before a failure is recorded (httpcore's trace
  hook): after that point the other side may have the message (`maybe_delivered`).
"""
from __future__ import annotations

import ssl
import time
import zlib
from contextvars import ContextVar
from dataclasses import dataclass

import httpcore
import httpx

from ..failures import Component, FailureKind
from .base import ReplyTooLarge, TransportFailure

DEFAULT_MAX_REPLY_BYTES = 10 * 1024 * 1024
CHUNK = 64 * 1024
#: end of the exchange running in this thread (monotonic), read by the socket layer
_DEADLINE: ContextVar[float | None] = ContextVar("ics2desk_exchange_deadline", default=None)
#: answers that say the message was not taken, so nothing can have been registered: credentials,
#: size, rate, and 503 (RFC 9110: the server cannot handle the request now; a proxy whose
#: upstream failed mid-request answers 502 or 504, and those stay maybe-delivered)
NOT_TAKEN = frozenset({401, 403, 407, 413, 429, 503})


@dataclass(frozen=True)
class Limits:
    deadline_s: float
    max_bytes: int = DEFAULT_MAX_REPLY_BYTES


@dataclass
class Reply:
    status_code: int
    headers: httpx.Headers
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


def seconds(s: float) -> str:
    return f"{s:g}"


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.3g} MB"


# --- the socket layer ---------------------------------------------------------------------
def _time_left(timeout: float | None, on_expiry: type[Exception]) -> float | None:
    """The timeout a socket operation may use: never beyond the exchange deadline."""
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise on_expiry("the exchange deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        # in slices: a peer that reads our request slowly must not stretch one write past the deadline
        for i in range(0, len(buffer), CHUNK):
            self._inner.write(buffer[i:i + CHUNK], _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname,
                                                     _time_left(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self):
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return _DeadlineStream(self._inner.connect_tcp(host, port, _time_left(timeout, httpcore.ConnectTimeout),
                                                       local_address, socket_options))

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        return _DeadlineStream(self._inner.connect_unix_socket(path, _time_left(timeout, httpcore.ConnectTimeout),
                                                               socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def ssl_context(verify=True, cert=None) -> ssl.SSLContext:
    """httpx's context for `verify`, with the client certificate (PEM path, or (cert, key))
    loaded here: httpx 0.28 deprecates its own `cert` argument."""
    ctx = verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=verify)
    if cert:
        ctx.load_cert_chain(*((cert,) if isinstance(cert, str) else cert))
    return ctx


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport on our socket layer. httpx has no public hook for httpcore's network
    backend, so its connection pool is rebuilt with ours (httpx's defaults); a test pins it."""

    def __init__(self, verify=True, cert=None):
        ctx = ssl_context(verify, cert)
        super().__init__(verify=ctx)
        self._pool.close()  # never used: no connection yet
        self._pool = httpcore.ConnectionPool(ssl_context=ctx, max_connections=100, max_keepalive_connections=20,
                                             keepalive_expiry=5.0, network_backend=_DeadlineBackend())


def make_client(deadline_s: float, **kw) -> httpx.Client:
    """A client whose per-operation timeouts never exceed the exchange deadline."""
    verify, cert = kw.pop("verify", True), kw.pop("cert", None)
    return httpx.Client(timeout=httpx.Timeout(deadline_s, connect=min(deadline_s, 5.0)),
                        transport=DeadlineTransport(verify=verify, cert=cert), **kw)


# --- one exchange -------------------------------------------------------------------------
class _Progress:
    """httpcore's trace hook: notes when the whole request body has left."""

    def __init__(self):
        self.body_sent = False

    def __call__(self, event: str, info: dict) -> None:
        if event.endswith("send_request_body.complete"):
            self.body_sent = True


def exchange(client: httpx.Client, method: str, url: str, limits: Limits, blame: Component, *,
             content: bytes | None = None, json=None, headers: dict | None = None,
             carries_message: bool = False, peer: str | None = None) -> Reply:
    """Send one request and read its whole reply within `limits`; TransportFailure (blamed on
    `blame`) when the connection fails, the deadline passes or the reply is too large.
    carries_message: the request hands a business message over (so a failure after it left
    may hide a delivery: maybe_delivered); polls and acknowledgements do not. peer: how the
    messages name the other side (default: the blamed component)."""
    progress = _Progress()
    peer = peer or blame.value
    end = time.monotonic() + limits.deadline_s
    token = _DEADLINE.set(end)
    try:
        with client.stream(method, url, content=content, json=json,
                           headers={"Accept-Encoding": "identity", **(headers or {})},
                           extensions={"trace": progress}) as resp:
            body = _read_body(resp, end, limits, blame, peer)
            return Reply(resp.status_code, resp.headers, body)
    except TransportFailure as failure:
        raise _noting_progress(failure, carries_message and progress.body_sent) from None
    except httpx.HTTPError as exc:
        raise _noting_progress(_network_failure(exc, limits, blame, peer), carries_message and progress.body_sent) from None
    finally:
        _DEADLINE.reset(token)


def _too_large(limits: Limits, blame: Component, peer: str, detail: str = "") -> ReplyTooLarge:
    return ReplyTooLarge(f"reply larger than {megabytes(limits.max_bytes)} refused{detail} (from {peer}; "
                         f"the limit is max_reply_mb in settings)", FailureKind.INTERFACE_ERROR, blame)


def _late(limits: Limits, blame: Component, peer: str) -> TransportFailure:
    return TransportFailure(f"no complete reply within {seconds(limits.deadline_s)} s from {peer}",
                            FailureKind.TIMEOUT, blame)


def _read_body(resp: httpx.Response, end: float, limits: Limits, blame: Component, peer: str) -> bytes:
    announced = resp.headers.get("Content-Length", "")
    if announced.isdigit() and int(announced) > limits.max_bytes:
        raise _too_large(limits, blame, peer, f" (it announced {megabytes(int(announced))})")
    if resp.is_stream_consumed:  # a reply built in memory (httpx.MockTransport): nothing left to stream
        if len(resp.content) > limits.max_bytes:
            raise _too_large(limits, blame, peer)
        return resp.content
    body = bytearray()
    for chunk in resp.iter_raw():  # as received: no re-chunking that would wait for 64 KB
        if time.monotonic() > end:
            raise _late(limits, blame, peer)
        body += chunk
        if len(body) > limits.max_bytes:
            raise _too_large(limits, blame, peer)
    return _decoded(bytes(body), resp.headers.get("Content-Encoding", "identity"), limits, blame, peer)


def _decoded(body: bytes, encoding: str, limits: Limits, blame: Component, peer: str) -> bytes:
    """We ask for identity; a server that compresses anyway is unpacked within the same cap."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise TransportFailure(f"reply in an unsupported encoding ({encoding}) from {peer}",
                               FailureKind.INTERFACE_ERROR, blame)
    d = zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limits.max_bytes + 1)
    except zlib.error as exc:
        raise TransportFailure(f"corrupt {encoding} reply from {peer}: {exc}",
                               FailureKind.INTERFACE_ERROR, blame) from None
    if len(out) > limits.max_bytes or d.unconsumed_tail:
        raise _too_large(limits, blame, peer, " once unpacked")
    return out


def _network_failure(exc: httpx.HTTPError, limits: Limits, blame: Component, peer: str) -> TransportFailure:
    """An httpx error during the exchange, in words, blamed on the hop we talk to."""
    if isinstance(exc, httpx.ConnectTimeout):
        return TransportFailure(f"could not connect to {peer} within {seconds(limits.deadline_s)} s",
                                FailureKind.TIMEOUT, blame)
    if isinstance(exc, httpx.TimeoutException):
        return _late(limits, blame, peer)
    if isinstance(exc, httpx.ConnectError):
        kind = FailureKind.GATEWAY_UNREACHABLE if blame is Component.SERVICE_PROVIDER else FailureKind.INTERFACE_ERROR
        return TransportFailure(f"{peer} refused the connection or is unreachable: {exc}", kind, blame)
    # reset, closed mid-reply, not HTTP at all
    return TransportFailure(f"connection to {peer} broken: {type(exc).__name__}: {exc}",
                            FailureKind.INTERFACE_ERROR, blame)


def _noting_progress(failure: TransportFailure, body_sent: bool) -> TransportFailure:
    """Once the whole request had left, the other side may have registered it: say so (flag and
    words), so the sender asks ICS2 before believing the failure."""
    failure.maybe_delivered = body_sent
    if body_sent and failure.args and "may have it" not in str(failure):
        failure.args = (f"{failure.args[0]} (the message had been sent: ICS2 may have it)",) + failure.args[1:]
    return failure
