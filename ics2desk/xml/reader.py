"""XML -> model. Uses the message tables to decide which elements repeat."""
from __future__ import annotations

from lxml import etree

from ..errors import BadInputError
from ..hti.spec import ElementSpec, load_message, message_ids
from ..model import EnsDocument, Group
from .safe import parse_bytes


def message_id_of(root: etree._Element) -> str:
    mid = etree.QName(root).localname
    if mid not in message_ids():
        raise BadInputError(f"root element {mid!r} is not an ICS2 message this desk knows")
    return mid


def from_tree(root: etree._Element) -> EnsDocument:
    """Build the model from a parsed tree; unknown elements are left to the XSD to report."""
    mid = message_id_of(root)
    return EnsDocument(mid, _read(root, load_message(mid).root))


def _read(element: etree._Element, spec: ElementSpec) -> Group:
    group: Group = {}
    by_name = {c.name: c for c in spec.children}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = child.tag.rpartition("}")[2]
        cs = by_name.get(name)
        if cs is None:
            continue
        value = _read(child, cs) if cs.is_group else (child.text or "")
        if cs.repeats:
            group.setdefault(name, []).append(value)
        else:
            group.setdefault(name, value)  # a duplicate is an XSD error; keep the first
    return group


def from_bytes(data: bytes, source: str = "document") -> EnsDocument:
    return from_tree(parse_bytes(data, source).getroot())
