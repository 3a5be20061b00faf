"""Model -> XML, in table order, deterministic (same data, same bytes)."""
from __future__ import annotations

from lxml import etree

from ..hti.spec import ElementSpec
from ..model import EnsDocument, Group
from . import schemaset


def to_tree(doc: EnsDocument) -> etree._Element:
    ns = schemaset.namespace()
    spec = doc.spec
    root = etree.Element(f"{{{ns}}}{doc.message_id}", nsmap={None: ns})
    _fill(root, doc.data, spec.root, f"{{{ns}}}")
    return root


def _fill(parent: etree._Element, group: Group, spec: ElementSpec, qual: str) -> None:
    sub = etree.SubElement
    for child in spec.children:
        value = group.get(child.name)
        if value is None:
            continue
        values = value if isinstance(value, list) else (value,)
        tag = qual + child.name
        if child.is_group:
            for v in values:
                _fill(sub(parent, tag), v, child, qual)
        else:
            for v in values:
                sub(parent, tag).text = str(v)


def to_bytes(doc: EnsDocument, pretty: bool = True) -> bytes:
    return etree.tostring(to_tree(doc), xml_declaration=True, encoding="UTF-8", pretty_print=pretty)
