"""Validate a filing: XSD (lxml, fast) for structure, formats and code lists, then every HTI
rule and condition the message's tables cite. Each finding names a rule ID ('XSD' for the
schema), the element's XPath and a message in English and French."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from . import codelists
from .hti.spec import label, load_message, message_ids
from .model import EnsDocument
from .rules import RULES, Finding, rules_for
from .rules.amendment import R3024
from .rules.batch import duplicate_lrns  # noqa: F401  (R3003 across a batch; re-exported for callers)
from .xml import reader, schemaset, writer
from .xml.safe import parse_bytes
from .xml.xsd_messages import explain


@dataclass
class Report:
    source: str
    message_id: str | None
    findings: list[Finding] = field(default_factory=list)
    xml: bytes | None = None  # the serialised filing, when validated from the model
    document: EnsDocument | None = None  # the filing as read (None when the message is unknown)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "error"]

    @property
    def valid(self) -> bool:
        return not self.errors


def check_values(doc: EnsDocument, already: set[str]) -> list[Finding]:
    """Every value against its format and closed code list, element by element.

    libxml2 stops checking a group's content at its first structural error (a missing LRN hides
    a malformed arrival time after it), so when the XSD failed this lists the values it could
    not reach. Only run then: on an XSD-valid document every value was checked already.
    """
    out: list[Finding] = []
    for el in _leaf_elements(doc.message_id):
        for inst in doc.instances(el.path):
            if inst.xpath in already or not isinstance(inst.value, str) or not inst.value:
                continue
            value = inst.value
            if el.codelist and codelists.is_closed(el.codelist) and el.name != "SpecificCircumstanceIndicator":
                if value not in codelists.codes(el.codelist):
                    out.append(Finding("XSD", inst.xpath, f"{label(el)}: '{value}' is not in the code list {el.codelist}",
                                       f"{label(el, 'fr')} : '{value}' n'est pas dans la liste de codes {el.codelist}"))
                continue
            problem = el.format.problem(value) if el.format else None
            if problem:
                out.append(Finding("XSD", inst.xpath, f"{label(el)}: '{value}' — {problem} ({el.format.text})",
                                   f"{label(el, 'fr')} : '{value}' — format attendu {el.format.text}"))
    return out


@lru_cache(maxsize=None)
def _leaf_elements(message_id: str):
    return tuple(e for e in load_message(message_id).iter_elements() if not e.is_group)


def check_partial_codelists(doc: EnsDocument) -> list[Finding]:
    """Code lists published only in CS/RD2, which the XSD checks for format alone.

    UN/LOCODE: in a country whose list we ship in full, an unknown code is an error (reported
    as 'XSD', like every code-list error); elsewhere it cannot be judged. Customs offices: the
    shipped list is a starter the office extends, so an unknown office is a warning.
    """
    out: list[Finding] = []
    for el in _partial_codelist_elements(doc.message_id):
        known = codelists.codes(el.codelist)
        for inst in doc.instances(el.path):
            value = inst.value or ""
            if value in known:
                continue
            if el.codelist == "CL244" and value[:2] in codelists.locode_complete_countries():
                out.append(Finding("XSD", inst.xpath, f"'{value}' is not a UN/LOCODE of {value[:2]}",
                                   f"'{value}' n'est pas un UN/LOCODE de {value[:2]}"))
            elif el.codelist == "CL141":
                out.append(Finding("XSD", inst.xpath,
                                   f"'{value}' is not in the office's list of customs offices: check it, then add it "
                                   f"in Settings if it is right",
                                   f"'{value}' ne figure pas dans la liste des bureaux de douane : vérifiez-le puis "
                                   f"ajoutez-le dans les paramètres s'il est correct", "warning"))
    return out


@lru_cache(maxsize=None)
def _partial_codelist_elements(message_id: str):
    return tuple(e for e in load_message(message_id).iter_elements() if e.codelist in ("CL244", "CL141"))


def check_rules(doc: EnsDocument, registered: EnsDocument | None = None) -> list[Finding]:
    """Run the rules cited by the document's message (errors) and the advisory checks (warnings)."""
    out: list[Finding] = check_partial_codelists(doc)
    for rule_id, is_error in rules_for(doc.message_id):
        for f in RULES[rule_id](doc):
            if not is_error and f.severity == "error":
                f = Finding(f.rule, f.path, f.en, f.fr, "warning")
            out.append(f)
    if registered is not None and doc.message_id[3] == "A":
        out.extend(R3024(doc, registered))
    return out


def check_schema(root: etree._Element) -> list[Finding]:
    """XSD findings for a parsed message, each pointing at the offending element."""
    mid = etree.QName(root).localname
    if mid not in message_ids():
        return [Finding("XSD", f"/{mid}", f"Unknown message {mid!r}", f"Message inconnu {mid!r}")]
    ns = etree.QName(root).namespace
    if ns != schemaset.namespace():
        return [Finding("XSD", f"/{mid}",
                        f"Namespace {ns!r} is not the payload namespace {schemaset.namespace()!r}",
                        f"L'espace de noms {ns!r} n'est pas celui attendu {schemaset.namespace()!r}")]
    schema = schemaset.schema(mid)
    if schema.validate(root):
        return []
    tree = root.getroottree()
    out = []
    for err in schema.error_log:
        path = f"/{mid}"
        hit = None
        try:
            hits = tree.xpath(err.path) if err.path else []
            if hits:
                hit = hits[0]
                path = element_xpath(hit)
        except etree.XPathError:
            pass
        path, en, fr = explain(err.message, hit, path, element_xpath)
        out.append(Finding("XSD", path, en, fr))
    return out


def element_xpath(el: etree._Element) -> str:
    """Canonical XPath of an element: local names, [n] on elements that may repeat."""
    chain = []
    node = el
    while node is not None:
        chain.append(node)
        node = node.getparent()
    chain.reverse()
    root = chain[0]
    mid = etree.QName(root).localname
    steps = [mid]
    spec_path = ""
    spec = load_message(mid) if mid in message_ids() else None
    for node in chain[1:]:
        name = etree.QName(node).localname
        spec_path = f"{spec_path}/{name}" if spec_path else name
        same = [s for s in node.getparent() if isinstance(s.tag, str) and etree.QName(s).localname == name]
        repeats = spec.by_path[spec_path].repeats if spec and spec_path in spec.by_path else len(same) > 1
        steps.append(f"{name}[{same.index(node) + 1}]" if repeats else name)
    return "/" + "/".join(steps)


def validate_tree(root: etree._Element, source: str = "document",
                  registered: EnsDocument | None = None) -> Report:
    mid = etree.QName(root).localname
    report = Report(source, mid if mid in message_ids() else None)
    report.findings.extend(check_schema(root))
    if report.message_id:
        doc = reader.from_tree(root)
        report.document = doc
        if report.findings:
            report.findings.extend(check_values(doc, {f.path for f in report.findings}))
        try:
            report.findings.extend(check_rules(doc, registered))
        except (TypeError, AttributeError, KeyError, ValueError):
            # Rules assume the structure the XSD guarantees; when the XSD already failed,
            # its findings say what to fix and a rule tripping over the same defect adds nothing.
            if report.valid:
                raise
    return report


def validate_bytes(data: bytes, source: str = "document", registered: EnsDocument | None = None) -> Report:
    """Validate XML bytes; raises BadInputError when they are not (safe, well-formed) XML."""
    return validate_tree(parse_bytes(data, source).getroot(), source, registered)


def validate_document(doc: EnsDocument, registered: EnsDocument | None = None) -> Report:
    """Validate the model as it would be sent: serialize, XSD-check, run the rules.

    The compact serialisation is kept on the report (`xml`), ready to queue or send.
    """
    xml = writer.to_bytes(doc, pretty=False)
    root = writer.parse_own(xml)
    report = Report(doc.lrn or doc.mrn or "filing", doc.message_id, xml=xml, document=doc)
    report.findings.extend(check_schema(root))
    if report.findings:
        report.findings.extend(check_values(doc, {f.path for f in report.findings}))
    report.findings.extend(check_rules(doc, registered))
    return report
