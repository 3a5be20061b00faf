"""Replies from ICS2 parsed into typed objects.

IE3R01 registered (MRN) | IE3N99 errors | IE3N01 lifecycle error | IE3N02 not complete |
IE3N03 assessment complete | IE3N10 amendment accepted | IE3Q01 Do Not Load |
IE3Q02 request for information | IE3R07 invalidation accepted | IE3R08 consultation result.

Every reply is XSD-checked (lxml) after a safe parse; one that fails its schema is still
read when its key fields are there, and the schema findings travel with it so the desk can
show them instead of losing the message.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import codelists
from .errors import BadInputError
from .model import EnsDocument, spec_path_of
from .validate import check_schema
from .xml import reader
from .xml.safe import parse_bytes

REPLY_TYPES = ("IE3R01", "IE3N99", "IE3N01", "IE3N02", "IE3N03", "IE3N10", "IE3Q01", "IE3Q02",
               "IE3R07", "IE3R08")


@dataclass
class Reply:
    message_id: str
    document: EnsDocument
    schema_problems: list[str] = field(default_factory=list)

    @property
    def lrn(self) -> str | None:
        return self.document.data.get("LRN") or self.document.data.get("functionalReference")

    @property
    def mrn(self) -> str | None:
        return self.document.data.get("MRN")

    @property
    def date(self) -> str | None:
        d = self.document.data
        return (d.get("registrationDate") or d.get("notificationDate") or d.get("documentIssueDate")
                or d.get("invalidationDate") or next((v for k, v in d.items() if k.endswith("Date")), None))


@dataclass
class Registered(Reply):
    """IE3R01: the ENS is registered and has an MRN."""


@dataclass
class ReplyError:
    code: str  # CL723
    pointer: str | None  # customs' XPath to the element
    description: str = ""
    technical: str = ""

    @property
    def field_path(self) -> str | None:
        """The table path (no indices) the pointer designates, to land the error on a form field."""
        return spec_path_of(self.pointer) if self.pointer else None

    def code_text(self, lang: str = "en") -> str:
        return codelists.description("CL723", self.code, lang) or ("erreur" if lang == "fr" else "error")

    def message(self, lang: str = "en") -> str:
        """Customs' own description when given (in their words), else the CL723 meaning."""
        return self.description or self.code_text(lang)


@dataclass
class Rejected(Reply):
    """IE3N99 (syntax/semantic errors) or IE3N01 (lifecycle error, e.g. duplicate LRN)."""

    errors: list[ReplyError] = field(default_factory=list)

    @property
    def duplicate_lrn(self) -> bool:
        return any(e.code == "94" for e in self.errors)


@dataclass
class DoNotLoad(Reply):
    """IE3Q01: the goods must not be loaded. Blocking for the agent."""

    containers: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


@dataclass
class InformationRequest(Reply):
    """IE3Q02: customs ask for information (answered with IE3R02)."""

    references: list[str] = field(default_factory=list)
    request_types: list[str] = field(default_factory=list)


@dataclass
class Notification(Reply):
    """IE3N02 / IE3N03 / IE3N10 / IE3R07 / IE3R08: a lifecycle event without extra structure."""


def parse_reply(data: bytes, source: str = "reply", check: bool = True) -> Reply:
    """Parse one reply message; BadInputError when it is not XML or not a known reply.

    `check=False` skips the XSD check, for replies the store received and checked already.
    """
    root = parse_bytes(data, source).getroot()
    doc = reader.from_tree(root)
    if doc.message_id not in REPLY_TYPES:
        raise BadInputError(f"{source}: {doc.message_id} is not a reply this desk handles")
    problems = [f"{f.path}: {f.en}" for f in check_schema(root)] if check else []
    mid, d = doc.message_id, doc.data
    if mid == "IE3R01":
        return Registered(mid, doc, problems)
    if mid in ("IE3N99", "IE3N01"):
        errors = [ReplyError(code=e.get("validationCode", ""), pointer=(e.get("pointer") or {}).get("messageElementPath"),
                             description=e.get("description", ""), technical=e.get("technicalErrorMessage", ""))
                  for e in d.get("error", [])]
        return Rejected(mid, doc, problems, errors)
    if mid == "IE3Q01":
        details = d.get("doNotLoadDetails", {})
        return DoNotLoad(mid, doc, problems,
                         [t.get("containerIdentificationNumber", "") for t in details.get("transportEquipment", [])],
                         [details["transportDocument"]["documentNumber"]] if details.get("transportDocument") else [])
    if mid == "IE3Q02":
        reqs = d.get("referralRequestDetails", [])
        return InformationRequest(mid, doc, problems, [r.get("referralRequestReference", "") for r in reqs],
                                  [r.get("requestType", "") for r in reqs])
    return Notification(mid, doc, problems)


_EVENTS = {
    "IE3R01": ("registered", "enregistrée"), "IE3N99": ("rejected", "rejetée"),
    "IE3N01": ("refused (lifecycle)", "refusée (cycle de vie)"), "IE3N02": ("ENS not complete", "ENS incomplète"),
    "IE3N03": ("assessment complete", "analyse terminée"), "IE3N10": ("amendment accepted", "rectification acceptée"),
    "IE3Q01": ("DO NOT LOAD", "NE PAS CHARGER"), "IE3Q02": ("request for information", "demande d'informations"),
    "IE3R07": ("invalidation accepted", "invalidation acceptée"), "IE3R08": ("consultation result", "résultat de consultation"),
}


def describe(xml: bytes, lang: str = "en") -> str:
    """One line an agent reads instead of the XML: what customs said, with the MRN or errors."""
    fr = lang == "fr"
    try:
        reply = parse_reply(xml, check=False)  # shown from the store: checked when it arrived
    except BadInputError:
        return ""
    words = _EVENTS.get(reply.message_id, (reply.message_id, reply.message_id))[1 if fr else 0]
    if isinstance(reply, Rejected):
        first = reply.errors[0] if reply.errors else None
        where = f" — {first.field_path.rsplit('/', 1)[-1]}" if first and first.field_path else ""
        more = len(reply.errors) - 1
        extra = (f" (+{more} autre(s))" if fr else f" (+{more} more)") if more > 0 else ""
        return f"{words}: {first.message(lang) if first else ''}{where}{extra}"
    if isinstance(reply, DoNotLoad):
        things = ", ".join(reply.containers + reply.documents)
        return f"{words}{': ' + things if things else ''}"
    if isinstance(reply, InformationRequest):
        return f"{words}: {', '.join(reply.references)}"
    return f"{words}{' — MRN ' + reply.mrn if reply.mrn else ''}"
