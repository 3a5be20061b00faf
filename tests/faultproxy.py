"""A fault-injecting HTTP/1.1 proxy for tests, on 127.0.0.1 (a free port), in front of a real
server (the simulator, the Domibus mock).

It forwards each request upstream first (so the other side really has the message), then
answers the client as the fault says:

  none     the upstream reply, as is
  drip     the upstream reply, status line included, one byte every `drip_s` seconds
  huge     200 with `huge_bytes` of generated body, streamed (Content-Length, or chunked with
           announce=False); never held in memory
  garble   the upstream reply with its body bytes scrambled (same length)
  cut      the upstream reply's head and half its body, then the connection is closed
  status   `status` (e.g. 400, 500) with a short body, the upstream reply thrown away

`when(method, path, body)` chooses the requests the fault applies to (default: all); the
others pass through. Counters let a test assert what the client actually received.
Importable from any test (tests/ is on sys.path through the rootdir conftest).
"""
from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
              "transfer-encoding", "upgrade", "content-length", "host"}
FAULTS = ("none", "drip", "huge", "garble", "cut", "status")


def posts_to(path: str) -> Callable[[str, str, bytes], bool]:
    return lambda method, p, body: method == "POST" and p.startswith(path)


def body_contains(needle: bytes) -> Callable[[str, str, bytes], bool]:
    return lambda method, p, body: needle in body


class FaultProxy:
    def __init__(self, upstream_url: str, fault: str = "none", *, when: Callable[[str, str, bytes], bool] | None = None,
                 drip_s: float = 1.0, huge_bytes: int = 100 * 1024 * 1024, announce: bool = True, status: int = 500):
        parts = urlsplit(upstream_url)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.stopping = threading.Event()
        self.faulted = threading.Event()  # set once a fault started on some request
        self.lock = threading.Lock()
        self.forwarded: list[tuple[str, str]] = []  # (method, path) that reached upstream
        self.fault_bytes = 0  # bytes written to clients in faulted answers
        self.full_reply_bytes = 0  # size of the last upstream reply a fault applied to (head + body)
        self.set_fault(fault, when=when, drip_s=drip_s, huge_bytes=huge_bytes, announce=announce, status=status)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def set_fault(self, fault: str, *, when=None, drip_s: float = 1.0, huge_bytes: int = 100 * 1024 * 1024,
                  announce: bool = True, status: int = 500) -> None:
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r} ({', '.join(FAULTS)})")
        self.fault, self.when, self.drip_s = fault, when or (lambda m, p, b: True), drip_s
        self.huge_bytes, self.announce, self.status = huge_bytes, announce, status

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def count(self, n: int) -> None:
        with self.lock:
            self.fault_bytes += n

    def close(self) -> None:
        self.stopping.set()  # drips and huge bodies stop at their next step
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _head(status: int, reason: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _handler(proxy: FaultProxy):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            self._proxy()

        def do_POST(self):
            self._proxy()

        def _proxy(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, reason, headers, data = self._forward(body)
            fault = proxy.fault if proxy.when(self.command, self.path, body) else "none"
            if fault != "none":
                proxy.faulted.set()
            try:
                getattr(self, f"_answer_{fault}")(status, reason, headers, data)
            except OSError:  # the client gave up (its deadline): that is the point
                self.close_connection = True

        def _forward(self, body: bytes):
            conn = http.client.HTTPConnection(*proxy.upstream, timeout=30)
            try:
                conn.request(self.command, self.path, body=body,
                             headers={k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP})
                resp = conn.getresponse()
                data = resp.read()
                headers = [(k, v) for k, v in resp.getheaders() if k.lower() not in HOP_BY_HOP]
                with proxy.lock:
                    proxy.forwarded.append((self.command, self.path))
                return resp.status, resp.reason, headers, data
            finally:
                conn.close()

        def _write(self, data: bytes) -> None:
            self.wfile.write(data)
            proxy.count(len(data))

        def _answer_none(self, status, reason, headers, data):
            self.wfile.write(_head(status, reason, headers + [("Content-Length", str(len(data)))]) + data)

        def _answer_drip(self, status, reason, headers, data):
            raw = _head(status, reason, headers + [("Content-Length", str(len(data)))]) + data
            proxy.full_reply_bytes = len(raw)
            self.close_connection = True
            for i in range(len(raw)):
                if proxy.stopping.is_set():
                    return
                self._write(raw[i:i + 1])
                self.wfile.flush()
                proxy.stopping.wait(proxy.drip_s)

        def _answer_huge(self, status, reason, headers, data):
            self.close_connection = True
            n = proxy.huge_bytes
            framing = [("Content-Length", str(n))] if proxy.announce else [("Transfer-Encoding", "chunked")]
            self._write(_head(200, "OK", [("Content-Type", "application/xml")] + framing))
            block = b"<x>" + b"A" * (64 * 1024 - 7) + b"</x>"
            sent = 0
            while sent < n and not proxy.stopping.is_set():
                piece = block[:n - sent]
                self._write(piece if proxy.announce else b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
            if not proxy.announce:
                self._write(b"0\r\n\r\n")

        def _answer_garble(self, status, reason, headers, data):
            scrambled = bytes(b ^ 0x5A for b in data)
            self._write(_head(status, reason, headers + [("Content-Length", str(len(data)))]) + scrambled)

        def _answer_cut(self, status, reason, headers, data):
            self.close_connection = True
            proxy.full_reply_bytes = len(data)
            self._write(_head(status, reason, headers + [("Content-Length", str(len(data)))]) + data[:len(data) // 2])
            self.wfile.flush()
            self.connection.shutdown(2)  # SHUT_RDWR: the client sees the reply end mid-body

        def _answer_status(self, status, reason, headers, data):
            text = f"proxy answers {proxy.status} after forwarding".encode()
            self._write(_head(proxy.status, "Fault", [("Content-Type", "text/plain"),
                                                      ("Content-Length", str(len(text)))]) + text)

    return Handler
