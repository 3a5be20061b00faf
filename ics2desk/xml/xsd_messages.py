"""Turn libxml2's XSD messages into what an agent can act on, in English and French.

libxml2 says "[facet 'pattern'] The value '12345' is not accepted by the pattern '[0-9]'"
(it even drops the {1,4} of the pattern); the agent needs "Number of seals: '12345' is not
up to 4 digits". The element's table row gives the label and the format hint.
"""
from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from ..hti.spec import ElementSpec, label, load_message, message_ids

_NS = re.compile(r"\{[^}]*\}")
_ELEMENT = re.compile(r"^Element '([^']+)': (.*)$", re.S)
_EXPECTED = re.compile(r"^(This element is not expected|Missing child element\(s\))\. "
                       r"Expected is (?:one of )?\( ?([^)]+?) ?\)\.?$")
_UNEXPECTED = re.compile(r"^This element is not expected\.?$")
_FACET = re.compile(r"^\[facet '(\w+)'\] The value '([^']*)'")
_LENGTH = re.compile(r"^\[facet '(maxLength|minLength|length)'\] The value has a length of '(\d+)'; "
                     r"this (?:exceeds|underruns|differs from) the allowed (?:maximum |minimum )?length of '(\d+)'")
_ATOMIC = re.compile(r"^'([^']*)' is not a valid value of the (?:local )?(?:atomic|union) type")
_ROOT = re.compile(r"^No matching global declaration available for the validation root")


def _spec_of(el: etree._Element | None) -> ElementSpec | None:
    if el is None:
        return None
    names = []
    node = el
    while node is not None:
        names.append(etree.QName(node).localname)
        node = node.getparent()
    names.reverse()
    if names[0] not in message_ids():
        return None
    return load_message(names[0]).by_path.get("/".join(names[1:]))


def _hint(spec: ElementSpec | None, shape_only: bool = False) -> tuple[str, str]:
    if spec is None or spec.format is None:
        return "", ""
    f = spec.format
    if spec.codelist and not shape_only:
        return f"a code of {spec.codelist}", f"un code de la liste {spec.codelist}"
    if f.kind == "timestamp":
        return "a UTC date-time like 2026-11-26T10:30:00Z", "une date-heure UTC comme 2026-11-26T10:30:00Z"
    if f.is_decimal:
        ints = f.max_length - f.fraction_digits
        return (f"a number of up to {ints} digits with up to {f.fraction_digits} decimals, '.' as decimal sign",
                f"un nombre d'au plus {ints} chiffres et {f.fraction_digits} décimales, avec un point décimal")
    en_what, fr_what = {"an": ("characters", "caractères"), "a": ("letters", "lettres"),
                        "n": ("digits", "chiffres")}[f.kind]
    if f.min_length == f.max_length:
        return f"exactly {f.max_length} {en_what}", f"exactement {f.max_length} {fr_what}"
    return f"1 to {f.max_length} {en_what}", f"de 1 à {f.max_length} {fr_what}"


def explain(message: str, hit: etree._Element | None, path: str,
            xpath_of: Callable[[etree._Element], str]) -> tuple[str, str, str]:
    """(path, English, French) for one libxml2 XSD error about element `hit`."""
    text = _NS.sub("", message).strip()
    m = _ELEMENT.match(text)
    if not m:
        return path, text, f"Structure ou format invalide : {text}"
    name, detail = m.groups()
    spec = _spec_of(hit)
    en_label = label(spec) if spec else name
    fr_label = label(spec, "fr") if spec else name

    if _ROOT.match(detail):
        return path, f"'{name}' is not a message this schema set knows", f"'{name}' n'est pas un message connu du schéma"

    expected = _EXPECTED.match(detail)
    if expected and hit is not None:
        kind, names = expected.groups()
        wanted = [n.strip() for n in names.split(",")]
        parent = hit if kind.startswith("Missing") else hit.getparent()
        if parent is not None and len(wanted) == 1:
            want = wanted[0]
            present = [c for c in parent if isinstance(c.tag, str) and etree.QName(c).localname == want]
            where = etree.QName(parent).localname
            parent_spec = _spec_of(parent)
            want_spec = next((c for c in parent_spec.children if c.name == want), None) if parent_spec else None
            en_want = label(want_spec) if want_spec else want
            fr_want = label(want_spec, "fr") if want_spec else want
            if not present:
                return (f"{xpath_of(parent)}/{want}", f"{en_want} ('{want}') is missing in '{where}'",
                        f"{fr_want} ('{want}') manque dans '{where}'")
            if want_spec is not None and len(present) < want_spec.min:
                return (xpath_of(present[-1]),
                        f"'{want}' needs at least {want_spec.min} occurrences in '{where}', there are {len(present)}",
                        f"'{want}' doit figurer au moins {want_spec.min} fois dans '{where}', il y en a {len(present)}")
        return (path, f"'{name}' is not expected here; expected: {', '.join(wanted)}",
                f"'{name}' n'est pas attendu ici ; attendu : {', '.join(wanted)}")
    if _UNEXPECTED.match(detail):
        return (path, f"'{name}' is not expected here (unknown, repeated too often or out of order)",
                f"'{name}' n'est pas attendu ici (inconnu, trop répété ou mal placé)")

    length = _LENGTH.match(detail)
    if length:
        _, actual, allowed = length.groups()
        if actual == "0":
            return path, f"{en_label} is empty", f"{fr_label} est vide"
        en_hint, fr_hint = _hint(spec, shape_only=True)
        return (path, f"{en_label}: {actual} characters, the format allows {en_hint or allowed}",
                f"{fr_label} : {actual} caractères, le format permet {fr_hint or allowed}")
    facet = _FACET.match(detail)
    atomic = _ATOMIC.match(detail)
    if facet or atomic:
        value = facet.group(2) if facet else atomic.group(1)
        en_hint, fr_hint = _hint(spec)
        if facet and facet.group(1) == "enumeration":
            cl = spec.codelist if spec and spec.codelist else ""
            return (path, f"{en_label}: '{value}' is not in the code list {cl}".rstrip(),
                    f"{fr_label} : '{value}' n'est pas dans la liste de codes {cl}".rstrip())
        if not value:
            return path, f"{en_label} is empty: expected {en_hint}", f"{fr_label} est vide : attendu {fr_hint}"
        return (path, f"{en_label}: '{value}' is not {en_hint}" if en_hint else f"{en_label}: '{value}' is not valid",
                f"{fr_label} : '{value}' n'est pas {fr_hint}" if fr_hint else f"{fr_label} : '{value}' n'est pas valide")
    return path, f"{name}: {detail}", f"{name} : structure ou format invalide ({detail})"
