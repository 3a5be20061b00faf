"""Parsing untrusted XML: no entity expansion, no network, no DTD at all."""
from __future__ import annotations

from lxml import etree

from ..errors import BadInputError

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
    huge_tree=False, remove_comments=True, remove_pis=True,
)


def parse_bytes(data: bytes, source: str = "document") -> etree._ElementTree:
    """Parse XML bytes or raise BadInputError naming the problem and the line."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise BadInputError(f"{source} is not well-formed XML: {exc}") from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise BadInputError(f"{source}: a DOCTYPE/DTD is not allowed in ICS2 messages")
    return tree
