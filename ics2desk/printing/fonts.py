"""The embedded TrueType family used by every PDF: Bitstream Vera, shipped inside reportlab.

Embedding a TTF (rather than the PDF base-14 Helvetica) makes the output identical on every
machine and viewer; Vera covers Latin-1 (all French accents) and a few more letters. Letters it
lacks (e.g. Polish ą, Romanian ș in a haulier's name) are folded to their base letter by
`printable` so they print as 'a'/'s' instead of an empty box.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "ICS2Sans"
BOLD = "ICS2Sans-Bold"
ITALIC = "ICS2Sans-Italic"
BOLD_ITALIC = "ICS2Sans-BoldItalic"

# Typographic characters the font lacks or poppler shows as a box, with the nearest one it has.
_SUBSTITUTES = {"\u2192": "->", "\u202f": " ", "\u00a0": " ", "\u2009": " "}


_FILES = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf", ITALIC: "VeraIt.ttf", BOLD_ITALIC: "VeraBI.ttf"}


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register the family once per process; returns the code points the font can draw."""
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, file))  # reportlab finds Vera*.ttf in its own fonts dir
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    # Substituted characters count as missing, so printable() always replaces them.
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph) - {ord(k) for k in _SUBSTITUTES}


def printable(text: object) -> str:
    """`text` as str with every character the font cannot draw replaced by a drawable one."""
    s = "" if text is None else str(text)
    covered = register()
    if all(ord(c) in covered for c in s):
        return s
    return "".join(c if ord(c) in covered else _fold(c, covered) for c in s)


def _fold(c: str, covered: frozenset[int]) -> str:
    if c in _SUBSTITUTES:
        return _SUBSTITUTES[c]
    if unicodedata.category(c).startswith("Z"):
        return " "
    base = "".join(b for b in unicodedata.normalize("NFKD", c) if not unicodedata.combining(b))
    if base and all(ord(b) in covered for b in base):
        return base
    return "?"
