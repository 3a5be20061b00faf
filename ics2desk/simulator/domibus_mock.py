"""A local stand-in for a Domibus access point's WS plugin at /domibus/services/wsplugin,
wired to the ICS2 simulator engine: what is submitted reaches the simulator, its replies come
back as pending messages. Every request is validated against the plugin's own XSDs; an
invalid one gets fault WS_PLUGIN:0007 and is counted in `invalid_requests`.

Like the plugin: SOAP 1.2, HTTP Basic auth (fault WS_PLUGIN:0002), P-Mode check on submit
(WS_PLUGIN:0003), unknown ids (WS_PLUGIN:0009), GET answers 405. While the EU side is down
the access point keeps the message (WAITING_FOR_RETRY) and forwards it on later calls.
"""
from __future__ import annotations

import base64
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from lxml import etree

from ..errors import KnownError
from ..transport import domibus_soap as soap
from ..xml.safe import parse_bytes
from .engine import Held, Ics2Simulator, Outage

PATH = "/domibus/services/wsplugin"


class DomibusMock:
    def __init__(self, sim: Ics2Simulator, pmode: soap.PMode, credentials: tuple[str, str] | None = None,
                 port: int = 0, agreement_refs: tuple[str, ...] = ()):
        self.sim, self.pmode, self.credentials = sim, pmode, credentials
        # the AgreementRefs with a P-Mode leg: pmode's, plus (during a version transition, when the
        # trader interface takes two message versions) those given here
        self.accepted_agreement_refs = {pmode.agreement_ref, *agreement_refs}
        self.submitted: list[tuple[str, str, bytes]] = []  # (action, AgreementRef, payload) per accepted submit
        self.lock = threading.RLock()
        self.status: dict[str, str] = {}  # our message id -> messageStatus
        self.retry: list[tuple[str, bytes]] = []  # submitted, EU side not reachable yet
        self.inbox: dict[str, tuple[str, bytes]] = {}  # pending received: id -> (action, xml)
        self.requests: list[str] = []  # operation names, in order
        self.invalid_requests: list[str] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PATH}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- the plugin operations ---------------------------------------------------------------
    def handle(self, data: bytes, auth: str | None) -> tuple[int, bytes]:
        if self.credentials:
            expected = "Basic " + base64.b64encode(":".join(self.credentials).encode()).decode()
            if auth != expected:
                return 500, soap.fault_envelope("WS_PLUGIN:0002", "There is no valid authentication in this request "
                                                                  "and unsecure login is not allowed.")
        try:
            env = parse_bytes(data, "SOAP request").getroot()
        except KnownError as exc:
            self.invalid_requests.append(str(exc))
            return 500, soap.fault_envelope("WS_PLUGIN:0007", str(exc))
        problems = soap.schema_problems(env)
        if problems:
            self.invalid_requests.append("; ".join(problems))
            return 500, soap.fault_envelope("WS_PLUGIN:0007", "; ".join(problems)[:1000])
        body = env.find(f"{{{soap.SOAP}}}Body")[0]
        op = etree.QName(body).localname
        self.requests.append(op)
        header = env.find(f"{{{soap.SOAP}}}Header/{{{soap.EB}}}Messaging")
        with self.lock:
            self._pump()
            if op == "submitRequest":
                return self._submit(body, header)
            if op == "listPendingMessagesRequest":
                return 200, _response("listPendingMessagesResponse", [("messageID", i) for i in self.inbox])
            if op == "retrieveMessageRequest":
                return self._retrieve(body)
            if op == "markMessageAsDownloadedRequest":
                mid = body.findtext("messageID") or ""
                if mid not in self.inbox:
                    return 500, soap.fault_envelope("WS_PLUGIN:0009", f"No message with id [{mid}] pending")
                del self.inbox[mid]
                self.status[mid] = "DOWNLOADED"
                return 200, _response("markMessageAsDownloadedResponse", [("messageID", mid)])
            if op in ("statusRequestWithAccessPointRole", "statusRequest"):
                el = etree.Element(f"{{{soap.WS}}}getStatusResponse", nsmap={"ws": soap.WS})
                el.text = self.status.get(body.findtext("messageID") or "", "NOT_FOUND")
                return 200, soap._envelope(el)
            if op in ("getErrorsRequestWithAccessPointRole", "getErrorsRequest"):
                return 200, _response("getMessageErrorsResponse", [])
        return 500, soap.fault_envelope("WS_PLUGIN:0001", f"operation {op} not supported by this mock")

    def _submit(self, body, header) -> tuple[int, bytes]:
        um = header.find(f"{{{soap.EB}}}UserMessage") if header is not None else None
        if um is None:
            return 500, soap.fault_envelope("WS_PLUGIN:0007", "submitMessage needs an eb:Messaging/UserMessage header")
        f = lambda path: um.findtext(path, namespaces={"eb": soap.EB})  # noqa: E731
        p = self.pmode
        wanted = {"eb:PartyInfo/eb:From/eb:PartyId": p.from_party_id, "eb:PartyInfo/eb:From/eb:Role": p.from_role,
                  "eb:PartyInfo/eb:To/eb:PartyId": p.to_party_id, "eb:PartyInfo/eb:To/eb:Role": p.to_role,
                  "eb:CollaborationInfo/eb:Service": p.service}
        wrong = [f"{k.split(':')[-1]}={f(k)!r}" for k, v in wanted.items() if f(k) != v]
        agreement = f("eb:CollaborationInfo/eb:AgreementRef")
        if agreement not in self.accepted_agreement_refs:
            wrong.append(f"AgreementRef={agreement!r}")
        if wrong:
            return 500, soap.fault_envelope("WS_PLUGIN:0003", f"No P-Mode leg matches ({', '.join(wrong)})")
        payloads = body.findall("payload")
        if len(payloads) != 1 or payloads[0].get("payloadId") != soap.PAYLOAD_ID:
            return 500, soap.fault_envelope("WS_PLUGIN:0005", "exactly one payload cid:message expected")
        xml = base64.b64decode(payloads[0].findtext("value") or "")
        self.submitted.append((f("eb:CollaborationInfo/eb:Action") or "", agreement or "", xml))
        mid = f"{uuid.uuid4()}@domibus.mock"
        self.status[mid] = "SEND_ENQUEUED"
        self._forward(mid, xml)
        return 200, _response("submitResponse", [("messageID", mid)])

    def _forward(self, mid: str, xml: bytes) -> None:
        try:
            _, replies = self.sim.receive(xml)
        except Outage:
            self.status[mid] = "WAITING_FOR_RETRY"
            self.retry.append((mid, xml))
            return
        except Held:
            self.status[mid] = "ACKNOWLEDGED"
            return
        except KnownError:
            self.status[mid] = "SEND_FAILURE"
            return
        self.status[mid] = "ACKNOWLEDGED"
        for r in replies:
            self._deliver(r)

    def _deliver(self, xml: bytes) -> None:
        root = parse_bytes(xml, "reply").getroot()
        self.inbox[f"{uuid.uuid4()}@sti-taxud"] = (etree.QName(root).localname, xml)

    def _pump(self) -> None:
        """Retry what waits for the EU side, and pull the simulator's later replies into the inbox."""
        retry, self.retry = self.retry, []
        for mid, xml in retry:
            self._forward(mid, xml)
        items = self.sim.pending()
        for _, xml in items:
            self._deliver(xml)
        self.sim.acknowledge([i for i, _ in items])

    def _retrieve(self, body) -> tuple[int, bytes]:
        mid = body.findtext("messageID") or ""
        if mid not in self.inbox:
            return 500, soap.fault_envelope("WS_PLUGIN:0009", f"No message with id [{mid}] pending")
        action, xml = self.inbox[mid]
        if body.get("markAsDownloaded", "true") == "true":
            del self.inbox[mid]
            self.status[mid] = "DOWNLOADED"
        p = self.pmode
        back = soap.PMode(p.to_party_id, p.to_party_type, p.to_role, p.from_party_id, p.from_party_type, p.from_role,
                          "eu_ics2_c2t", p.service_type, p.agreement_ref, p.agreement_type)
        resp = etree.Element(f"{{{soap.WS}}}retrieveMessageResponse", nsmap={"ws": soap.WS})
        payload = etree.SubElement(resp, "payload", payloadId=soap.PAYLOAD_ID)
        etree.SubElement(payload, "value").text = base64.b64encode(xml).decode()
        return 200, soap._envelope(resp, soap.messaging(back, action, message_id=mid))


def _response(name: str, children: list[tuple[str, str]]) -> bytes:
    el = etree.Element(f"{{{soap.WS}}}{name}", nsmap={"ws": soap.WS})
    for tag, text in children:
        etree.SubElement(el, tag).text = text
    return soap._envelope(el)


def _handler(mock: DomibusMock):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = -1
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def _send(self, code: int, body: bytes, ctype: str = soap.CONTENT_TYPE, **headers):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            self._send(405, b"", "text/plain", Allow="POST")

        def do_POST(self):
            if self.path.split("?")[0] != PATH:
                return self._send(404, b"", "text/plain")
            n = int(self.headers.get("Content-Length") or 0)
            code, body = mock.handle(self.rfile.read(n), self.headers.get("Authorization"))
            self._send(code, body)

    return Handler
