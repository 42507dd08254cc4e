"""The 5×5 risk heat map as a table: probability up the side (5 at the top), impact
along the bottom, the number of open risks in each cell on the tint of its level."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from ownersrep.domain.risk_rules import (
    IMPACT_LABELS,
    LEVEL_BANDS,
    PROBABILITY_LABELS,
    RiskLevel,
    risk_level,
)
from ownersrep.reports.owner_report.fonts import BOLD, REGULAR
from ownersrep.reports.owner_report.styles import INK, MUTED, styles

LEVEL_TINTS = {
    RiskLevel.LOW: colors.HexColor("#d7ecd8"),
    RiskLevel.MEDIUM: colors.HexColor("#ffe3b8"),
    RiskLevel.HIGH: colors.HexColor("#f6bcbc"),
}
CELL = 38.0


def heat_map_table(counts: Sequence[Sequence[int]]) -> Table:
    """counts[probability-1][impact-1] → a table with axis labels and a level key."""
    st = styles()
    small = ParagraphStyle("heat_label", parent=st.cell, fontSize=7, leading=8.5)
    rows: list[list[object]] = []
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 7, 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 0), (-1, -1), "CENTRE"),
    ]
    for r, probability in enumerate(range(5, 0, -1)):
        row: list[object] = [
            "Probability" if r == 2 else "",
            Paragraph(f"{probability} {PROBABILITY_LABELS[probability]}", small),
        ]
        for c, impact in enumerate(range(1, 6)):
            n = counts[probability - 1][impact - 1] if counts else 0
            row.append(str(n) if n else "")
            level = risk_level(probability * impact)
            cell = (c + 2, r)
            commands.append(("BACKGROUND", cell, cell, LEVEL_TINTS[level]))
            commands.append(("BOX", cell, cell, 0.8, colors.white))
            if n:
                commands.append(("FONT", cell, cell, BOLD, 11, 13))
        rows.append(row)
    centred = ParagraphStyle(
        "heat_impact", parent=st.cell, alignment=TA_CENTER, fontSize=7, leading=8.5
    )
    rows.append(["", ""] + [Paragraph(f"{i}<br/>{IMPACT_LABELS[i]}", centred) for i in range(1, 6)])
    rows.append(["", "", "Impact", "", "", "", ""])
    commands += [
        ("ALIGN", (2, 5), (-1, 6), "CENTRE"),
        ("SPAN", (2, 6), (6, 6)),
        ("FONT", (2, 6), (6, 6), BOLD, 7.5, 9),
        ("FONT", (0, 2), (0, 2), BOLD, 7.5, 9),
        ("TEXTCOLOR", (0, 5), (-1, -1), MUTED),
    ]
    heights = [CELL] * 5 + [None, None]
    return Table(
        rows,
        colWidths=[52, 62] + [CELL + 12] * 5,
        rowHeights=heights,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def level_key() -> Table:
    """Which tint is which level, in words (for black and white print)."""
    rows = [[f"{level.value.capitalize()}", f"score {LEVEL_BANDS[level]}"] for level in RiskLevel]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 7.5, 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]
    for i, level in enumerate(RiskLevel):
        commands.append(("BACKGROUND", (0, i), (0, i), LEVEL_TINTS[level]))
    return Table(rows, colWidths=[48, 60], style=TableStyle(commands), hAlign="LEFT")
