"""Transport through the trader's AS4 access point: the Domibus WS plugin (SOAP 1.2).

submitMessage hands an ENS over (the functional reply comes later); replies are pulled with
listPendingMessages -> retrieveMessage(markAsDownloaded=false) -> markMessageAsDownloaded once
stored, so a crash between retrieve and store loses nothing. HTTP Basic credentials come from
the OS keyring only (service `ics2desk`); TLS verification stays on; a client certificate is
used when configured.
"""
from __future__ import annotations

import base64
import dataclasses
import zlib

import httpx

from ..errors import BadInputError
from ..failures import Component, FailureKind
from ..xml import schemaset
from . import domibus_soap as soap
from .base import ReplyTooLarge, SendResult, TransportFailure, UnreadablePayload, reply_cap
from .exchange import DEFAULT_MAX_REPLY_BYTES, NOT_TAKEN, Limits, exchange, make_client

AP = Component.SERVICE_PROVIDER  # the access point is the trader's (or its provider's) own gateway
#: WS plugin fault codes -> (kind, component); P-Mode/party/payload problems are permanent: fix settings
FAULTS = {
    "WS_PLUGIN:0002": (FailureKind.AUTH_REFUSED, AP),
    "WS_PLUGIN:0003": (FailureKind.REJECTED, AP),
    "WS_PLUGIN:0004": (FailureKind.REJECTED, AP),
    "WS_PLUGIN:0005": (FailureKind.REJECTED, AP),
    "WS_PLUGIN:0007": (FailureKind.REJECTED, AP),
    "WS_PLUGIN:0008": (FailureKind.REJECTED, AP),
    "WS_PLUGIN:0009": (FailureKind.REJECTED, AP),
}


#: the ICS2 message version whose eb:AgreementRef is the `agreement_ref` setting (the version of
#: the schema set ics2desk generates; settings.agreement_refs holds the others)
AGREEMENT_REF_SETTING_VERSION = "2"


def agreement_ref_for(settings, version: str) -> str | None:
    """The eb:AgreementRef announcing ICS2 message version `version`, None when nothing names one:
    settings.agreement_refs, then the agreement_ref setting for version 2, then the active schema
    set's own value for its version."""
    own = dict(settings.agreement_refs or {})
    if own.get(version):
        return str(own[version])
    if version == AGREEMENT_REF_SETTING_VERSION and settings.agreement_ref:
        return settings.agreement_ref
    if version == schemaset.message_version():
        return schemaset.agreement_ref()
    return None


class DomibusTransport:
    def __init__(self, url: str, pmode: soap.PMode, auth: tuple[str, str] | None = None, verify: bool = True,
                 cert: str | tuple[str, str] | None = None, timeout: float = 15.0,
                 client: httpx.Client | None = None, max_reply_bytes: int = DEFAULT_MAX_REPLY_BYTES,
                 agreement_refs=None):
        self.url = url
        self.pmode = pmode
        # message version -> eb:AgreementRef (a callable, e.g. agreement_ref_for bound to the
        # settings); None: every message goes with pmode.agreement_ref
        self.agreement_refs = agreement_refs
        # one deadline per SOAP call (connect + send + the whole reply) and a cap on the reply
        self.limits = Limits(float(timeout), int(max_reply_bytes))
        self.client = client or make_client(self.limits.deadline_s, auth=auth, verify=verify, cert=cert or None)

    @classmethod
    def from_settings(cls, settings) -> "DomibusTransport":
        from ..settings import domibus_password

        password = domibus_password(settings)
        if settings.domibus_username and password is None:
            raise BadInputError(f"no password in the keyring (service ics2desk) for Domibus user "
                                f"{settings.domibus_username}")
        pmode = soap.PMode(settings.from_party_id, settings.from_party_type, settings.from_role,
                           settings.to_party_id, settings.to_party_type, settings.to_role, settings.service,
                           settings.service_type, settings.agreement_ref,
                           # settings files written before agreement_type was a field kept it in extra
                           settings.extra.get("agreement_type", settings.agreement_type),
                           settings.extra.get("original_sender"), settings.extra.get("final_recipient"))
        cert = (settings.client_cert, settings.client_key) if settings.client_key else settings.client_cert or None
        return cls(settings.domibus_url, pmode,
                   (settings.domibus_username, password) if settings.domibus_username else None,
                   settings.tls_verify, cert, settings.send_timeout_s, max_reply_bytes=reply_cap(settings),
                   agreement_refs=lambda version: agreement_ref_for(settings, version))

    def pmode_for(self, xml: bytes) -> soap.PMode:
        """The P-Mode values for one message: its eb:AgreementRef names the ICS2 message version
        it was built with (carried by an outbox payload, else the active schema set's version).
        A version no setting names is refused for good: sending it under another version's
        AgreementRef would have the trader interface read it as that version."""
        if self.agreement_refs is None:
            return self.pmode
        version = getattr(xml, "message_version", None) or schemaset.message_version()
        ref = self.agreement_refs(version)
        if not ref:
            raise TransportFailure(f"no AS4 AgreementRef is known for ICS2 message version {version}: add it to "
                                   f"the settings (agreement_refs, e.g. {{\"{version}\": \"<value from the "
                                   f"ICD>\"}}) or to the schema set's schemaset.json", FailureKind.REJECTED,
                                   Component.OPERATOR_SYSTEM)
        return self.pmode if ref == self.pmode.agreement_ref else dataclasses.replace(self.pmode, agreement_ref=ref)

    def _call(self, envelope: bytes, submits: bool = False):
        """One SOAP call. submits: it hands an ENS over, so a failure after the envelope left may
        hide an accepted submission (maybe_delivered) unless the plugin's answer says it refused."""
        resp = exchange(self.client, "POST", self.url, self.limits, AP, content=envelope, carries_message=submits,
                        headers={"Content-Type": soap.CONTENT_TYPE}, peer="the access point")
        if resp.status_code in (401, 403):
            raise TransportFailure(f"access point refused the credentials (HTTP {resp.status_code})",
                                   FailureKind.AUTH_REFUSED, AP)
        try:
            return soap.read_envelope(resp.content)
        except soap.SoapFault as fault:
            kind, comp = FAULTS.get(fault.code, (FailureKind.GATEWAY_UNREACHABLE, AP))
            refused = fault.code in FAULTS or fault.code.startswith("EBMS_")  # the plugin says it did not take it
            if fault.code.startswith("EBMS_"):
                kind = FailureKind.REJECTED
            raise TransportFailure(f"access point fault {fault.code}: {fault.message}", kind, comp,
                                   maybe_delivered=submits and not refused) from None
        except BadInputError as exc:
            raise TransportFailure(f"access point answered HTTP {resp.status_code} without a usable SOAP "
                                   f"envelope: {exc}", FailureKind.GATEWAY_UNREACHABLE, AP,
                                   maybe_delivered=submits and resp.status_code not in NOT_TAKEN) from None

    def send(self, message_type: str, xml: bytes, reference: str) -> SendResult:
        body, _ = self._call(soap.submit_request(self.pmode_for(xml), message_type, xml), submits=True)
        ids = [e.text for e in body.findall("messageID") if e.text]
        if not ids:
            raise TransportFailure("submitMessage answered without a messageID", FailureKind.GATEWAY_UNREACHABLE, AP,
                                   maybe_delivered=True)
        return SendResult(ids[0], [])

    def status(self, message_id: str) -> str:
        body, _ = self._call(soap.status_request(message_id, "SENDING"))
        return (body.text or "").strip()

    def delivery_problem(self, message_id: str) -> TransportFailure | None:
        """What the access point says about a message it accepted: None while all is well.

        SEND_FAILURE: it gave up (the message never reached ICS2: send again, same LRN).
        SEND_ATTEMPT_FAILED / WAITING_FOR_RETRY: it cannot reach the EU side for now."""
        status = self.status(message_id)
        if status == "SEND_FAILURE":
            return TransportFailure(f"access point gave up sending {message_id} (SEND_FAILURE)",
                                    FailureKind.INTERFACE_ERROR, Component.EU_CONNECTION)
        if status in ("SEND_ATTEMPT_FAILED", "WAITING_FOR_RETRY"):
            return TransportFailure(f"access point cannot reach the EU side yet ({status})",
                                    FailureKind.INTERFACE_ERROR, Component.EU_CONNECTION)
        return None

    def poll(self) -> list[tuple[str, bytes]]:
        """Pending replies, one retrieveMessage each. A message that cannot be read (plugin fault,
        corrupt or oversize payload, no payload at all) comes back as an UnreadablePayload so the
        desk keeps it and acknowledges it: one bad message must not hide the ones behind it."""
        body, _ = self._call(soap.list_pending_request(self.pmode.final_recipient))
        out: list[tuple[str, bytes]] = []
        transient = 0
        for mid in dict.fromkeys(e.text for e in body.findall("messageID") if e.text):
            try:
                out.extend((mid, data) for data in self._retrieve(mid))
            except ReplyTooLarge as exc:  # refused unread: kept as a record, so it cannot block the others
                out.append((mid, UnreadablePayload(b"", f"retrieveMessage {mid}: {exc}")))
            except TransportFailure as exc:
                if exc.kind.transient:  # the access point itself is struggling: try it next poll
                    transient += 1
                    if transient >= 3:
                        break
                    continue
                out.append((mid, UnreadablePayload(b"", f"retrieveMessage {mid} failed: {exc}")))
        return out

    def _retrieve(self, mid: str) -> list[bytes]:
        resp, _header = self._call(soap.retrieve_request(mid, mark_as_downloaded=False))
        out: list[bytes] = []
        for el in list(resp.findall("bodyload")) + list(resp.findall("payload")):
            value = el.findtext("value") or ""
            try:
                data = base64.b64decode(value, validate=True)
            except ValueError:
                data = value.encode()
            if data[:2] == b"\x1f\x8b":  # a gzipped payload the access point did not unpack
                try:
                    data = _gunzip(data)
                except ValueError as exc:
                    data = UnreadablePayload(data[:MAX_KEPT], f"message {mid}: {exc}")
            elif len(data) > MAX_PAYLOAD:
                data = UnreadablePayload(data[:MAX_KEPT], f"message {mid}: payload larger than 50 MB")
            out.append(data)
        return out or [UnreadablePayload(b"", f"message {mid} has no payload")]

    def ack(self, ids: list[str]) -> None:
        """Each id on its own: one that fails does not keep the others pending."""
        failure = None
        for mid in dict.fromkeys(ids):
            try:
                self._call(soap.mark_downloaded_request(mid))
            except TransportFailure as exc:
                failure = exc
        if failure is not None:
            raise failure

    def close(self) -> None:
        self.client.close()


MAX_PAYLOAD = 50 * 1024 * 1024
MAX_KEPT = 1024 * 1024  # raw bytes of an unreadable payload kept for the record


def _gunzip(data: bytes) -> bytes:
    """Bounded: a compressed bomb is refused instead of filling memory. ValueError when unusable."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, MAX_PAYLOAD)
    except zlib.error as exc:
        raise ValueError(f"corrupt gzip payload: {exc}") from None
    if d.unconsumed_tail:
        raise ValueError("payload larger than 50 MB once unpacked")
    return out
