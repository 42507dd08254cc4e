"""The report's typography and colours, defined once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ownersrep.reports.owner_report.fonts import BOLD, ITALIC, REGULAR, register_fonts

INK = colors.HexColor("#1f1f1f")
MUTED = colors.HexColor("#5f6368")
ACCENT = colors.HexColor("#1f4e79")  # headings, rules
RULE = colors.HexColor("#b0b7c0")
HEADER_FILL = colors.HexColor("#dde4ec")  # table header rows
STRIPE = colors.HexColor("#f5f7f9")
OVERDUE_FILL = colors.HexColor("#fbe9e7")
CRITICAL = colors.HexColor("#b71c1c")

BODY_SIZE = 9.5
CELL_SIZE = 8
CELL_LEADING = 10


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    bullet: ParagraphStyle
    note: ParagraphStyle  # muted, small: "Nothing to report this period."
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    head_cell: ParagraphStyle
    cover_title: ParagraphStyle
    cover_sub: ParagraphStyle
    cover_label: ParagraphStyle
    cover_value: ParagraphStyle
    caption: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=BODY_SIZE, leading=13.5, textColor=INK, spaceAfter=5
    )
    cell = ParagraphStyle(
        "cell", fontName=REGULAR, fontSize=CELL_SIZE, leading=CELL_LEADING, textColor=INK
    )
    return Styles(
        body=body,
        bullet=ParagraphStyle("bullet", parent=body, spaceAfter=2),
        note=ParagraphStyle("note", parent=body, fontName=ITALIC, textColor=MUTED, fontSize=9),
        h1=ParagraphStyle(
            "h1",
            fontName=BOLD,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceBefore=0,
            spaceAfter=8,
        ),
        h2=ParagraphStyle(
            "h2",
            fontName=BOLD,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        h3=ParagraphStyle(
            "h3",
            fontName=BOLD,
            fontSize=10,
            leading=13,
            textColor=INK,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        head_cell=ParagraphStyle("head_cell", parent=cell, fontName=BOLD, alignment=TA_LEFT),
        cover_title=ParagraphStyle(
            "cover_title", fontName=BOLD, fontSize=26, leading=32, textColor=ACCENT
        ),
        cover_sub=ParagraphStyle(
            "cover_sub", fontName=REGULAR, fontSize=14, leading=19, textColor=INK
        ),
        cover_label=ParagraphStyle(
            "cover_label", fontName=REGULAR, fontSize=9, leading=12, textColor=MUTED
        ),
        cover_value=ParagraphStyle(
            "cover_value", fontName=REGULAR, fontSize=10.5, leading=14, textColor=INK
        ),
        caption=ParagraphStyle(
            "caption",
            fontName=ITALIC,
            fontSize=8,
            leading=10,
            textColor=MUTED,
            alignment=TA_CENTER,
            spaceAfter=6,
        ),
    )
