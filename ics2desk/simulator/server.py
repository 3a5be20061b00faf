"""HTTP face of the simulator, bound to 127.0.0.1.

Traffic port (default 8765):
  POST /ics2/messages        one XML message -> 200 + reply XML (header X-Message-Id) | 202 held
                             (X-ICS2-Held-By) | 400 not acceptable | 502/503 (X-ICS2-Component)
  GET  /ics2/replies         JSON {"replies": [{"id", "xml" (base64)}]} not yet acknowledged
  POST /ics2/replies/ack     JSON {"ids": [...]}
Admin (same routes on the traffic port and on the admin port, default port + 1, which keeps
answering while the traffic port refuses connections):
  GET  /admin/state          outages, registration count and log
  POST /admin/outage         JSON {"component": "...", "mode": "none|refuse|503|hang|hold"}
  POST /admin/recover        every component back up
"""
from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..errors import KnownError
from .engine import Held, Ics2Simulator, Outage

MAX_BODY = 20 * 1024 * 1024
HANG_MAX_S = 120.0


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, addr, handler, owner: "SimulatorServer", traffic: bool):
        self.owner, self.traffic = owner, traffic
        super().__init__(addr, handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # one write per response and no Nagle: otherwise delayed ACKs add ~40 ms per exchange
    wbufsize = -1
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, *args):  # quiet: drills read the CLI, not the access log
        pass

    def _send(self, code: int, body: bytes = b"", ctype: str = "text/plain; charset=utf-8", **headers) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, code: int, obj) -> None:
        self._send(code, json.dumps(obj).encode(), "application/json")

    def _body(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        if n > MAX_BODY:
            raise KnownError("message too large")
        return self.rfile.read(n) if n else b""

    @property
    def sim(self) -> Ics2Simulator:
        return self.server.owner.sim

    def do_GET(self):
        if self.path.startswith("/admin/state"):
            return self._json(200, self.sim.snapshot())
        if self.path.startswith("/ics2/replies") and self.server.traffic:
            if self._outage_answer(polling=True):
                return
            items = self.sim.pending()
            return self._json(200, {"replies": [{"id": i, "xml": base64.b64encode(x).decode()} for i, x in items]})
        self._send(404, b"not found")

    def do_POST(self):
        try:
            body = self._body()
        except KnownError as exc:
            return self._send(413, str(exc).encode())
        if self.path.startswith("/admin/"):
            return self._admin(body)
        if not self.server.traffic:
            return self._send(404, b"not found")
        if self.path.startswith("/ics2/replies/ack"):
            try:
                ids = json.loads(body or b"{}").get("ids", [])
            except ValueError:
                return self._send(400, b"ack needs JSON {\"ids\": [...]}")
            self.sim.acknowledge([str(i) for i in ids])
            return self._json(200, {"acknowledged": len(ids)})
        if not self.path.startswith("/ics2/messages"):
            return self._send(404, b"not found")
        if self._outage_answer():
            return
        try:
            mid, out = self.sim.receive(body)
        except Outage:
            self._outage_answer()
            return
        except Held as held:
            return self._send(202, b"", X_Message_Id=held.message_id, X_ICS2_Held_By=held.component)
        except KnownError as exc:
            return self._send(400, str(exc).encode())
        self._send(200, b"".join(out[:1]), "application/xml", X_Message_Id=mid)

    def _outage_answer(self, polling: bool = False) -> bool:
        """Answer as the broken component would; True when the request was handled that way."""
        outages = self.sim.outages
        for comp in (("eu_connection",) if polling else ("eu_connection", "common_repository")):
            mode = outages.get(comp, "none")
            if mode in ("503", "refuse"):
                code = 503 if mode == "503" or comp == "eu_connection" else 502
                self._send(code, f"{comp} unavailable".encode(), X_ICS2_Component=comp)
                return True
            if mode == "hang":
                end = time.time() + HANG_MAX_S
                while time.time() < end and self.sim.outages.get(comp) == "hang":
                    time.sleep(0.05)
                self.close_connection = True  # never answer: the client times out
                return True
        return False

    def _admin(self, body: bytes) -> None:
        try:
            req = json.loads(body or b"{}")
            if self.path.startswith("/admin/outage"):
                self.server.owner.set_outage(str(req.get("component")), str(req.get("mode")))
            elif self.path.startswith("/admin/recover"):
                self.server.owner.recover()
            else:
                return self._send(404, b"not found")
        except (ValueError, KnownError) as exc:
            return self._send(400, str(exc).encode())
        self._json(200, self.sim.snapshot())


class SimulatorServer:
    """Runs the traffic and admin servers in background threads (tests, CLI)."""

    def __init__(self, sim: Ics2Simulator | None = None, port: int = 8765, admin_port: int | None = None,
                 host: str = "127.0.0.1"):
        self.sim = sim or Ics2Simulator()
        self.host = host
        self._lock = threading.Lock()
        self.traffic: _Server | None = None
        self._start_traffic(port)
        self.port = self.traffic.server_address[1]
        self.admin = _Server((host, (port + 1 if port else 0) if admin_port is None else admin_port), _Handler,
                             self, False)
        self.admin_port = self.admin.server_address[1]
        threading.Thread(target=self.admin.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def admin_url(self) -> str:
        return f"http://{self.host}:{self.admin_port}"

    def _start_traffic(self, port: int) -> None:
        self.traffic = _Server((self.host, port), _Handler, self, True)
        threading.Thread(target=self.traffic.serve_forever, args=(0.05,), daemon=True).start()

    def _stop_traffic(self) -> None:
        if self.traffic is not None:
            self.traffic.shutdown()
            self.traffic.server_close()
            self.traffic = None

    def set_outage(self, component: str, mode: str) -> None:
        with self._lock:
            self.sim.set_outage(component, mode)
            refusing = self.sim.outages["eu_connection"] == "refuse"
            if refusing and self.traffic is not None:
                self._stop_traffic()  # connections are now refused at TCP level
            elif not refusing and self.traffic is None:
                self._start_traffic(self.port)

    def recover(self) -> None:
        for comp in list(self.sim.outages):
            self.set_outage(comp, "none")

    def close(self) -> None:
        self.sim.recover()
        self._stop_traffic()
        self.admin.shutdown()
        self.admin.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
