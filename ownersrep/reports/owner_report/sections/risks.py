"""Risks: the top risks by score with response and owner, and the 5×5 heat map."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.heat_map import LEVEL_TINTS, heat_map_table, level_key
from ownersrep.reports.owner_report.tables import data_table, widths
from ownersrep.services.report_types import RiskLine, Risks

_LEVELS = {"high": "High", "medium": "Medium", "low": "Low"}


def risk_table(ctx: Ctx, lines: Sequence[RiskLine], with_status: bool = False) -> list[Flowable]:
    rows, commands = [], {}
    for i, r in enumerate(lines):
        row = [
            r.number,
            r.title,
            f"{r.probability}×{r.impact} = {r.score}",
            r.level,
            r.response,
            r.mitigation or "–",
            r.owner or "–",
        ]
        if with_status:
            row.append(r.status)
        rows.append(row)
        for level, tint in LEVEL_TINTS.items():
            if r.level.lower() == level.value:
                commands[i] = [("BACKGROUND", 3, 3, tint)]
    header = ["No.", "Risk", "P × I", "Level", "Response", "Mitigation", "Owner"]
    weights = [1.5, 3.5, 1.6, 1.3, 1.6, 5.4, 2.2]
    if with_status:
        header.append("Status")
        weights.append(1.6)
    return data_table(header, rows, widths(ctx.width, *weights), row_commands=commands)


def risks_section(ctx: Ctx, risks: Risks | None) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading("Risks")]
    if risks is None:
        return [*out, ctx.nothing()]
    out.append(ctx.heading("Top risks", 1))
    out += risk_table(ctx, risks.top) if risks.top else [ctx.nothing()]
    out.append(ctx.heading("Heat map of open risks", 1))
    total = sum(sum(row) for row in risks.heat_map)
    out.append(ctx.para(f"{total} open risks by probability and impact.", "body"))
    side = Table(
        [[heat_map_table(risks.heat_map), level_key()]],
        colWidths=[360, ctx.width - 360],
        style=TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        ),
        hAlign="LEFT",
    )
    out += [side, Spacer(1, 4)]
    return out
