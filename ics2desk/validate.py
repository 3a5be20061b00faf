"""Validate a filing: XSD (lxml, fast) for structure, formats and code lists, then every HTI
rule and condition the message's tables cite. Each finding names a rule ID ('XSD' for the
schema), the element's XPath and a message in English and French."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .hti.spec import load_message, message_ids
from .model import EnsDocument
from .rules import RULES, Finding, rules_for
from .rules.amendment import R3024
from .xml import reader, schemaset, writer
from .xml.safe import parse_bytes


@dataclass
class Report:
    source: str
    message_id: str | None
    findings: list[Finding] = field(default_factory=list)
    xml: bytes | None = None  # the serialised filing, when validated from the model

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "error"]

    @property
    def valid(self) -> bool:
        return not self.errors


def check_rules(doc: EnsDocument, registered: EnsDocument | None = None) -> list[Finding]:
    """Run the rules cited by the document's message (errors) and the advisory checks (warnings)."""
    out: list[Finding] = []
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
        en = _clean(err.message)
        fr = _french(en)
        missing = _missing_element(en, hit)
        if missing:
            path, en, fr = missing
        out.append(Finding("XSD", path, en, fr))
    return out


_EXPECTED = re.compile(r"^Element '([^']+)': (This element is not expected|Missing child element\(s\))\. "
                       r"Expected is \( ?([\w.-]+) ?\)\.?$")


def _missing_element(message: str, hit: etree._Element | None):
    """Point 'expected X' errors at the missing element itself, so they land on its form field."""
    m = _EXPECTED.match(message)
    if not m or hit is None:
        return None
    found, kind, expected = m.groups()
    parent = hit if kind.startswith("Missing") else hit.getparent()
    if parent is None or any(etree.QName(c).localname == expected for c in parent if isinstance(c.tag, str)):
        return None
    where = etree.QName(parent).localname
    path = f"{element_xpath(parent)}/{expected}"
    return (path, f"'{expected}' is missing in '{where}'", f"'{expected}' manque dans '{where}'")


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
    report = Report(doc.lrn or doc.mrn or "filing", doc.message_id, xml=xml)
    report.findings.extend(check_schema(root))
    report.findings.extend(check_rules(doc, registered))
    return report


_NS = re.compile(r"\{[^}]*\}")


_SET = re.compile(r"is not an element of the set \{?.*?\}?\s*\.$")


def _clean(message: str) -> str:
    return _SET.sub("is not in the code list.", _NS.sub("", message).strip())


_FR = [
    (re.compile(r"^Element '([^']+)': This element is not expected\. Expected is (?:one of )?\( ?(.+?) ?\)\.?$"),
     r"Élément '\1' inattendu ; attendu : \2"),
    (re.compile(r"^Element '([^']+)': This element is not expected\.?$"), r"Élément '\1' inattendu"),
    (re.compile(r"^Element '([^']+)': Missing child element\(s\)\. Expected is (?:one of )?\( ?(.+?) ?\)\.?$"),
     r"Élément(s) manquant(s) dans '\1' ; attendu : \2"),
    (re.compile(r"^Element '([^']+)': \[facet 'maxLength'\] The value has a length of '(\d+)'; this exceeds the "
                r"allowed maximum length of '(\d+)'\.?$"), r"'\1' : longueur \2, maximum \3"),
    (re.compile(r"^Element '([^']+)': \[facet 'minLength'\].*$"), r"'\1' : valeur vide ou trop courte"),
    (re.compile(r"^Element '([^']+)': \[facet 'enumeration'\] The value '([^']*)' is not (?:an element of the set|in the code list).*$"),
     r"'\1' : la valeur '\2' n'est pas dans la liste de codes"),
    (re.compile(r"^Element '([^']+)': \[facet 'pattern'\] The value '([^']*)' is not accepted by the pattern.*$"),
     r"'\1' : la valeur '\2' n'a pas le format attendu"),
    (re.compile(r"^Element '([^']+)': \[facet '(\w+)'\] The value '([^']*)'.*$"),
     r"'\1' : la valeur '\3' dépasse la limite (\2)"),
    (re.compile(r"^Element '([^']+)': '([^']*)' is not a valid value of the (?:local )?atomic type.*$"),
     r"'\1' : la valeur '\2' n'est pas valide pour ce format"),
    (re.compile(r"^Element '([^']+)': No matching global declaration available for the validation root\.?$"),
     r"Élément racine '\1' inconnu du schéma"),
]


def _french(en: str) -> str:
    for pattern, repl in _FR:
        if pattern.match(en):
            return pattern.sub(repl, en)
    return f"Structure ou format invalide : {en}"
