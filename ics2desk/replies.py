"""Replies from ICS2 parsed into typed objects.

IE3R01 registered (MRN) | IE3N99 errors | IE3N01 lifecycle error | IE3N02 not complete |
IE3N03 assessment complete | IE3N10 amendment accepted | IE3Q01 Do Not Load |
IE3Q02 request for information | IE3R07 invalidation accepted | IE3R08 consultation result.

Every reply is XSD-checked (lxml) after a safe parse; one that fails its schema is still
read when its key fields are there, and the schema findings travel with it so the desk can
show them instead of losing the message.

No reply can stop the desk: `parse_reply` raises `BadInputError` and nothing else, whatever
the bytes, and `describe` never raises. The line between the two outcomes:

- BadInputError (the sender keeps the bytes as "unreadable" and retries the send it answered):
  not well-formed XML (including bytes that are not in their declared encoding, a text node
  over libxml2's 10 MB limit, nesting deeper than 256), any DOCTYPE (so no entity is ever
  expanded), or a root element that is not one of REPLY_TYPES.
- Otherwise the reply is read into its class, whatever is missing, repeated, empty or out of
  place: a missing or empty field is None (or an empty list), and the schema findings say
  what is wrong. The store matches a reply on its LRN or MRN and keeps one it cannot match
  as unmatched, so a reply without them is kept, never applied to the wrong filing:

  IE3R01  no MRN: `mrn` is None; the store refuses to register with it (audit
          "reply_refused"). No LRN either: unmatched.
  IE3N99  no functionalReference (optional in the table): `lrn` None, unmatched. An error
          without validationCode keeps its description with code ""; no error at all is
          still a rejection, with `errors` empty.
  IE3N01  no LRN and no MRN: unmatched; errors as for IE3N99.
  IE3Q01  no MRN: `mrn` None, unmatched (an IE3Q01 carries no LRN). A transportDocument
          without documentNumber, or equipment without container number, is left out of
          `documents` / `containers`; missing doNotLoadDetails gives both empty.
  IE3Q02  no MRN: unmatched. A request without reference or type gives "" at its place, so
          `references[i]` and `request_types[i]` still describe the same request.
  IE3N02, IE3N03, IE3N10, IE3R07: no MRN: unmatched.
  IE3R08  no functionalReference: `lrn` None; no ENSEntity: the consultation found nothing.

The reader shapes the data by the HTI tables (a repeating element is a list, a single one a
dict, a leaf a string), but the accessors below accept either shape and treat any other
value as absent, so a document built by hand or by a future reader cannot crash them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from . import codelists
from .errors import BadInputError
from .model import EnsDocument, spec_path_of
from .validate import check_schema
from .xml import reader, schemaset
from .xml.safe import parse_bytes

REPLY_TYPES = ("IE3R01", "IE3N99", "IE3N01", "IE3N02", "IE3N03", "IE3N10", "IE3Q01", "IE3Q02",
               "IE3R07", "IE3R08")


def _groups(value: object) -> list[dict]:
    """The occurrences of a group: one dict or a list of them; anything else counts as none."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def _group(value: object) -> dict:
    """A group that should occur once: its first occurrence, {} when there is none."""
    groups = _groups(value)
    return groups[0] if groups else {}


def _text(value: object) -> str | None:
    """A leaf's text, None when absent or empty; the first occurrence when repeated."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) and value else None


@dataclass
class Reply:
    message_id: str
    document: EnsDocument
    schema_problems: list[str] = field(default_factory=list)

    @property
    def lrn(self) -> str | None:
        d = self.document.data
        return _text(d.get("LRN")) or _text(d.get("functionalReference"))

    @property
    def mrn(self) -> str | None:
        return _text(self.document.data.get("MRN"))

    @property
    def date(self) -> str | None:
        d = self.document.data
        named = [d.get(k) for k in ("registrationDate", "notificationDate", "documentIssueDate", "invalidationDate")]
        return next((t for t in map(_text, named + [v for k, v in d.items() if k.endswith("Date")]) if t), None)


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
    See the module docstring for what a reply missing its key fields gives.
    """
    root = parse_bytes(data, source).getroot()
    mid = etree.QName(root).localname
    _check_type(mid, source)  # before reading: the reader knows filings too, and refuses the rest
    doc = reader.from_tree(root)
    return reply_of(doc, _schema_problems(root, mid) if check else [], source)


def _check_type(mid: str, source: str) -> None:
    if mid not in REPLY_TYPES:
        raise BadInputError(f"{source}: {mid[:80]!r} is not a reply this desk handles "
                            f"(expected one of {', '.join(REPLY_TYPES)})")


def reply_of(doc: EnsDocument, problems: list[str] | None = None, source: str = "reply") -> Reply:
    """The typed reply for a document already read (shape-tolerant, see the module docstring)."""
    _check_type(doc.message_id, source)
    mid, d, problems = doc.message_id, doc.data, list(problems or [])
    if mid == "IE3R01":
        return Registered(mid, doc, problems)
    if mid in ("IE3N99", "IE3N01"):
        return Rejected(mid, doc, problems, [_reply_error(e) for e in _groups(d.get("error"))])
    if mid == "IE3Q01":
        details = _group(d.get("doNotLoadDetails"))
        return DoNotLoad(mid, doc, problems, _texts(details.get("transportEquipment"), "containerIdentificationNumber"),
                         _texts(details.get("transportDocument"), "documentNumber"))
    if mid == "IE3Q02":
        requests = _groups(d.get("referralRequestDetails"))
        # parallel lists: a request missing a field keeps its place with ""
        return InformationRequest(mid, doc, problems,
                                  [_text(r.get("referralRequestReference")) or "" for r in requests],
                                  [_text(r.get("requestType")) or "" for r in requests])
    return Notification(mid, doc, problems)


def _reply_error(e: dict) -> ReplyError:
    return ReplyError(code=_text(e.get("validationCode")) or "",
                      pointer=_text(_group(e.get("pointer")).get("messageElementPath")),
                      description=_text(e.get("description")) or "",
                      technical=_text(e.get("technicalErrorMessage")) or "")


def _texts(groups: object, leaf: str) -> list[str]:
    """The non-empty values of `leaf` in each occurrence of a group."""
    return [t for t in (_text(g.get(leaf)) for g in _groups(groups)) if t]


#: Explaining one XSD finding rebuilds the XPath of the element from its siblings, so the cost
#: grows as findings x elements: 4,000 findings in a 170 kB reply took 35 s, long enough for a
#: broken reply to hold the sender. Past this budget the findings are listed raw, and counted.
_EXPLAIN_BUDGET = 200_000
_RAW_LISTED = 20
_NS = re.compile(r"\{[^}]*\}")


def _schema_problems(root: etree._Element, mid: str) -> list[str]:
    """The XSD findings in the desk's words, or raw and counted when explaining them costs too much."""
    schema = schemaset.schema(mid)
    if schema.validate(root):
        return []
    log = list(schema.error_log)  # copied now: the schema object is shared, its log is the last run's
    if len(log) * sum(1 for _ in root.iter()) <= _EXPLAIN_BUDGET:
        return [f"{f.path}: {f.en}" for f in check_schema(root)]
    listed = [f"line {e.line}: {_NS.sub('', e.message)}" for e in log[:_RAW_LISTED]]
    return listed + [f"/{mid}: {len(log) - len(listed)} more schema problems not listed"]


_EVENTS = {
    "IE3R01": ("registered", "enregistrée"), "IE3N99": ("rejected", "rejetée"),
    "IE3N01": ("refused (lifecycle)", "refusée (cycle de vie)"), "IE3N02": ("ENS not complete", "ENS incomplète"),
    "IE3N03": ("assessment complete", "analyse terminée"), "IE3N10": ("amendment accepted", "rectification acceptée"),
    "IE3Q01": ("DO NOT LOAD", "NE PAS CHARGER"), "IE3Q02": ("request for information", "demande d'informations"),
    "IE3R07": ("invalidation accepted", "invalidation acceptée"), "IE3R08": ("consultation result", "résultat de consultation"),
}
#: a timeline line, not a page: a Do Not Load may list 9,999 containers, an MRN may be 10 MB of junk
_LINE_MAX = 700


def describe(xml: bytes, lang: str = "en") -> str:
    """One line an agent reads instead of the XML: what customs said, with the MRN or errors.

    "" for bytes that are not a reply (see parse_reply); never raises.
    """
    try:
        reply = parse_reply(xml, check=False)  # shown from the store: checked when it arrived
    except BadInputError:
        return ""
    line = " ".join(_sentence(reply, lang == "fr").split())  # one line, whatever the texts hold
    return line if len(line) <= _LINE_MAX else line[:_LINE_MAX - 1] + "…"


def _sentence(reply: Reply, fr: bool) -> str:
    words = _EVENTS.get(reply.message_id, (reply.message_id, reply.message_id))[1 if fr else 0]
    if isinstance(reply, Rejected):
        if not reply.errors:
            return words
        first, more = reply.errors[0], len(reply.errors) - 1
        where = f" — {first.field_path.rsplit('/', 1)[-1]}" if first.field_path else ""
        extra = (f" (+{more} autre(s))" if fr else f" (+{more} more)") if more > 0 else ""
        return f"{words}: {first.message('fr' if fr else 'en')}{where}{extra}"
    if isinstance(reply, DoNotLoad):
        things = ", ".join(reply.containers + reply.documents)
        return f"{words}{': ' + things if things else ''}"
    if isinstance(reply, InformationRequest):
        references = ", ".join(r for r in reply.references if r)
        return f"{words}{': ' + references if references else ''}"
    return f"{words}{' — MRN ' + reply.mrn if reply.mrn else ''}"
