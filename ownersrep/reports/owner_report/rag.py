"""RAG as a word on a tint: the word carries the meaning in black and white print, the
tint helps on screen and in colour."""

from __future__ import annotations

from reportlab.lib import colors

from ownersrep.domain.health.rag import Rag

WORDS = {Rag.GREEN: "Green", Rag.AMBER: "Amber", Rag.RED: "Red", Rag.NONE: "Not rated"}
TINTS = {
    Rag.GREEN: colors.HexColor("#c8e6c9"),
    Rag.AMBER: colors.HexColor("#ffe0b2"),
    Rag.RED: colors.HexColor("#f8c4c4"),
    Rag.NONE: colors.HexColor("#e8e8e8"),
}
# Trend of a status against the last period: a lower severity is better.
BETTER, WORSE, SAME = "↑", "↓", "→"


def word(rag: Rag | None) -> str:
    return WORDS[rag or Rag.NONE]


def tint(rag: Rag | None) -> colors.Color:
    return TINTS[rag or Rag.NONE]


def trend(this: Rag, last: Rag | None) -> str:
    """↑ better, ↓ worse, → the same, with its word; "" without a last period or when
    either period is not rated."""
    if last is None or this is Rag.NONE or last is Rag.NONE:
        return "–"
    if this.severity < last.severity:
        return f"{BETTER} better"
    if this.severity > last.severity:
        return f"{WORSE} worse"
    return f"{SAME} same"


def cell_commands(col: int, row: int, rag: Rag | None) -> list[tuple]:
    """Table style commands that tint one cell holding a RAG word."""
    return [("BACKGROUND", (col, row), (col, row), tint(rag))]


TINTS_INK = colors.HexColor("#8b1a1a")  # words that flag a problem (e.g. "Overdue")
