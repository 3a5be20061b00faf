"""Model -> XML, in table order, deterministic (same data, same bytes).

Serialising is on the hot path (validate+serialize of a 1,000-item truck), so the text is
built directly from precomputed tags rather than through lxml element objects (~3x faster);
`to_tree` parses that text back with lxml's C parser when a tree is needed.
"""
from __future__ import annotations

from functools import lru_cache

from lxml import etree

from ..errors import BadInputError
from ..hti.spec import ElementSpec, load_message
from ..model import EnsDocument, Group
from . import schemaset

# Our own output only: still no entities/network, but no need for the untrusted-input checks.
_OWN_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:  # keep carriage returns through a parse round trip
        text = text.replace("\r", "&#13;")
    return text


@lru_cache(maxsize=None)
def _plan(message_id: str, pretty: bool):
    """Per group: (name, is_group, repeats, open tag, close tag, child plan) for each child."""

    def build(spec: ElementSpec, depth: int):
        pad = ("\n" + "  " * depth) if pretty else ""
        return tuple(
            (c.name, c.is_group, c.repeats, f"{pad}<{c.name}>", f"{pad}</{c.name}>" if c.is_group else f"</{c.name}>",
             build(c, depth + 1) if c.is_group else None)
            for c in spec.children
        )

    return build(load_message(message_id).root, 1)


def _emit(out: list, group: Group, plan) -> None:
    append = out.append
    for name, is_group, repeats, open_tag, close_tag, sub in plan:
        value = group.get(name)
        if value is None:
            continue
        for v in (value if repeats else (value,)):
            append(open_tag)
            if is_group:
                _emit(out, v, sub)
            else:
                append(_escape(str(v)))
            append(close_tag)


def to_bytes(doc: EnsDocument, pretty: bool = True) -> bytes:
    ns = schemaset.namespace()
    mid = doc.message_id
    out = [f'<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<{mid} xmlns="{ns}">']
    _emit(out, doc.data, _plan(mid, pretty))
    out.append(f"\n</{mid}>\n" if pretty else f"</{mid}>")
    return "".join(out).encode("utf-8")


def to_tree(doc: EnsDocument) -> etree._Element:
    return parse_own(to_bytes(doc, pretty=False))


def parse_own(xml: bytes) -> etree._Element:
    """Parse text this module wrote (for XSD validation)."""
    try:
        return etree.fromstring(xml, _OWN_PARSER)
    except etree.XMLSyntaxError as exc:  # e.g. a control character typed into a field
        raise BadInputError(f"a value contains characters XML cannot carry: {exc}") from None
