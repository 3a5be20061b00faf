"""SOAP 1.2 messages of the Domibus WS plugin (/domibus/services/wsplugin), built and read with
lxml, and validated against the plugin's own XSDs shipped in schemas/domibus/."""
from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ..errors import BadInputError
from ..paths import schema_path
from ..xml.safe import parse_bytes

SOAP = "http://www.w3.org/2003/05/soap-envelope"
WS = "http://eu.domibus.wsplugin/"
EB = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/"
CONTENT_TYPE = "application/soap+xml; charset=utf-8"
PAYLOAD_ID = "cid:message"
STATUSES = ("READY_TO_SEND", "READY_TO_PULL", "BEING_PULLED", "SEND_ENQUEUED", "SEND_IN_PROGRESS",
            "WAITING_FOR_RECEIPT", "ACKNOWLEDGED", "ACKNOWLEDGED_WITH_WARNING", "SEND_ATTEMPT_FAILED",
            "SEND_FAILURE", "NOT_FOUND", "WAITING_FOR_RETRY", "RECEIVED", "RECEIVED_WITH_WARNINGS", "DELETED",
            "DOWNLOADED")


@lru_cache(maxsize=1)
def plugin_schema() -> etree.XMLSchema:
    """One schema set over the envelope, the plugin body and the ebMS header (local files only)."""
    d = schema_path("domibus")
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="{(d / 'xml.xsd').as_uri()}"/>
      <xs:import namespace="http://www.w3.org/2005/05/xmlmime" schemaLocation="{(d / 'xmlmime.xsd').as_uri()}"/>
      <xs:import namespace="{SOAP}" schemaLocation="{(d / 'envelope.xsd').as_uri()}"/>
      <xs:import namespace="{WS}" schemaLocation="{(d / 'webservicePlugin-body.xsd').as_uri()}"/>
      <xs:import namespace="{EB}" schemaLocation="{(d / 'webservicePlugin-header.xsd').as_uri()}"/>
    </xs:schema>"""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))


def schema_problems(envelope: etree._Element) -> list[str]:
    """Validate the envelope, the ebMS header and every body element; [] when all are valid."""
    schema = plugin_schema()
    problems = []
    parts = [envelope]
    header = envelope.find(f"{{{SOAP}}}Header")
    if header is not None:
        parts += list(header)
    body = envelope.find(f"{{{SOAP}}}Body")
    if body is None:
        return ["the envelope has no soap:Body"]
    parts += list(body)
    for el in parts:
        doc = etree.ElementTree(etree.fromstring(etree.tostring(el)))
        if not schema.validate(doc):
            problems += [e.message for e in schema.error_log if e.message not in problems]
    return problems


def _envelope(body_child: etree._Element, header_child: etree._Element | None = None) -> bytes:
    env = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soap": SOAP, "ws": WS, "eb": EB})
    header = etree.SubElement(env, f"{{{SOAP}}}Header")
    if header_child is not None:
        header.append(header_child)
    etree.SubElement(env, f"{{{SOAP}}}Body").append(body_child)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def _ws(name: str, **attrs) -> etree._Element:
    return etree.Element(f"{{{WS}}}{name}", {k: v for k, v in attrs.items()}, nsmap={"ws": WS})


def _sub(parent, tag: str, text: str | None = None, ns: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}" if ns else tag, attrs)
    if text is not None:
        el.text = text
    return el


@dataclass
class PMode:
    """The ICS2 P-Mode values a submission must match (each one a setting)."""

    from_party_id: str
    from_party_type: str
    from_role: str
    to_party_id: str
    to_party_type: str
    to_role: str
    service: str
    service_type: str
    agreement_ref: str
    agreement_type: str = "ics2-interface-version"
    original_sender: str | None = None  # MessageProperties when the P-Mode's propertySet wants them
    final_recipient: str | None = None


def messaging(pmode: PMode, action: str, conversation_id: str | None = None, message_id: str | None = None,
              mime: str = "application/xml") -> etree._Element:
    m = etree.Element(f"{{{EB}}}Messaging", nsmap={"eb": EB})
    um = _sub(m, "UserMessage", ns=EB)
    if message_id:
        info = _sub(um, "MessageInfo", ns=EB)
        _sub(info, "MessageId", message_id, ns=EB)
    party = _sub(um, "PartyInfo", ns=EB)
    frm = _sub(party, "From", ns=EB)
    _sub(frm, "PartyId", pmode.from_party_id, ns=EB, type=pmode.from_party_type)
    _sub(frm, "Role", pmode.from_role, ns=EB)
    to = _sub(party, "To", ns=EB)
    _sub(to, "PartyId", pmode.to_party_id, ns=EB, type=pmode.to_party_type)
    _sub(to, "Role", pmode.to_role, ns=EB)
    collab = _sub(um, "CollaborationInfo", ns=EB)
    ref_attrs = {"type": pmode.agreement_type} if pmode.agreement_type else {}
    _sub(collab, "AgreementRef", pmode.agreement_ref, ns=EB, **ref_attrs)
    svc_attrs = {"type": pmode.service_type} if pmode.service_type else {}
    _sub(collab, "Service", pmode.service, ns=EB, **svc_attrs)
    _sub(collab, "Action", action, ns=EB)
    _sub(collab, "ConversationId", conversation_id or str(uuid.uuid4()), ns=EB)
    if pmode.original_sender or pmode.final_recipient:
        props = _sub(um, "MessageProperties", ns=EB)
        if pmode.original_sender:
            _sub(props, "Property", pmode.original_sender, ns=EB, name="originalSender")
        if pmode.final_recipient:
            _sub(props, "Property", pmode.final_recipient, ns=EB, name="finalRecipient")
    payload = _sub(um, "PayloadInfo", ns=EB)
    part = _sub(payload, "PartInfo", ns=EB, href=PAYLOAD_ID)
    pprops = _sub(part, "PartProperties", ns=EB)
    _sub(pprops, "Property", mime, ns=EB, name="MimeType")
    return m


def submit_request(pmode: PMode, action: str, xml: bytes, conversation_id: str | None = None) -> bytes:
    body = _ws("submitRequest")
    payload = _sub(body, "payload", payloadId=PAYLOAD_ID, contentType="application/xml")
    _sub(payload, "value", base64.b64encode(xml).decode("ascii"))
    return _envelope(body, messaging(pmode, action, conversation_id))


def list_pending_request(final_recipient: str | None = None) -> bytes:
    body = _ws("listPendingMessagesRequest")
    if final_recipient:
        _sub(body, "finalRecipient", final_recipient)
    return _envelope(body)


def retrieve_request(message_id: str, mark_as_downloaded: bool = False) -> bytes:
    body = _ws("retrieveMessageRequest", markAsDownloaded="true" if mark_as_downloaded else "false")
    _sub(body, "messageID", message_id)
    return _envelope(body)


def mark_downloaded_request(message_id: str) -> bytes:
    body = _ws("markMessageAsDownloadedRequest")
    _sub(body, "messageID", message_id)
    return _envelope(body)


def status_request(message_id: str, role: str = "SENDING") -> bytes:
    body = _ws("statusRequestWithAccessPointRole")
    _sub(body, "messageID", message_id)
    _sub(body, "accessPointRole", role)
    return _envelope(body)


def errors_request(message_id: str, role: str = "SENDING") -> bytes:
    body = _ws("getErrorsRequestWithAccessPointRole")
    _sub(body, "messageID", message_id)
    _sub(body, "accessPointRole", role)
    return _envelope(body)


class SoapFault(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code, self.message = code, message


def fault_envelope(code: str, message: str) -> bytes:
    env = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soap": SOAP, "ws": WS})
    body = _sub(env, "Body", ns=SOAP)
    fault = _sub(body, "Fault", ns=SOAP)
    c = _sub(fault, "Code", ns=SOAP)
    _sub(c, "Value", "soap:Receiver", ns=SOAP)
    r = _sub(fault, "Reason", ns=SOAP)
    _sub(r, "Text", message, ns=SOAP, **{"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    detail = _sub(fault, "Detail", ns=SOAP)
    fd = _sub(detail, "FaultDetail", ns=WS)
    _sub(fd, "code", code)
    _sub(fd, "message", message)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def read_envelope(data: bytes) -> tuple[etree._Element, etree._Element | None]:
    """(first body element, eb:Messaging header or None); SoapFault for a fault, BadInputError if unreadable."""
    root = parse_bytes(data, "SOAP response").getroot()
    if root.tag != f"{{{SOAP}}}Envelope":
        raise BadInputError(f"not a SOAP 1.2 envelope: {root.tag}")
    body = root.find(f"{{{SOAP}}}Body")
    if body is None or len(body) == 0:
        raise BadInputError("SOAP envelope without a body")
    first = body[0]
    if first.tag == f"{{{SOAP}}}Fault":
        code = first.findtext(f".//{{{WS}}}FaultDetail/code") or first.findtext(f"{{{SOAP}}}Code/{{{SOAP}}}Value") or "?"
        msg = first.findtext(f".//{{{WS}}}FaultDetail/message") or first.findtext(f".//{{{SOAP}}}Text") or ""
        raise SoapFault(code, msg)
    return first, root.find(f"{{{SOAP}}}Header/{{{EB}}}Messaging")
