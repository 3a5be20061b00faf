"""Paragraph and table styles, all in the embedded font."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from . import fonts

GRID = colors.Color(0.7, 0.7, 0.7)
HEAD_BG = colors.Color(0.88, 0.9, 0.94)
ZEBRA = colors.Color(0.965, 0.965, 0.965)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=8.5, leading=10.5)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=9.6),
        "key": ParagraphStyle("key", parent=base, fontName=fonts.BOLD, textColor=colors.Color(0.3, 0.3, 0.3)),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=15, leading=19, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=fonts.BOLD, fontSize=11, leading=14,
                             spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=base, fontName=fonts.BOLD, fontSize=9.5, leading=12,
                             spaceBefore=6, spaceAfter=2),
        "warn": ParagraphStyle("warn", parent=base, fontName=fonts.BOLD, fontSize=10, leading=13,
                               textColor=colors.Color(0.78, 0.05, 0.05)),
        "big": ParagraphStyle("big", parent=base, fontName=fonts.BOLD, fontSize=16, leading=20),
        "sheetval": ParagraphStyle("sheetval", parent=base, fontName=fonts.BOLD, fontSize=11, leading=13),
        "bigkey": ParagraphStyle("bigkey", parent=base, fontSize=10, leading=13,
                                 textColor=colors.Color(0.3, 0.3, 0.3)),
    }


def grid_table(header_rows: int = 1, zebra: bool = True) -> list:
    cmds = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8),
        ("FONT", (0, 0), (-1, header_rows - 1), fonts.BOLD, 8),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    return cmds


def key_value_style() -> TableStyle:
    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ])
