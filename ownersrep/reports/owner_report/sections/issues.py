"""Issues and RFIs: open items, overdue first, with age, owner and due date; items
closed this period apart."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from ownersrep.reports.owner_report import rag
from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.fonts import BOLD
from ownersrep.reports.owner_report.formats import day
from ownersrep.reports.owner_report.styles import OVERDUE_FILL
from ownersrep.reports.owner_report.tables import data_table, widths
from ownersrep.services.report_types import IssueLine, Issues


def open_table(ctx: Ctx, lines: Sequence[IssueLine]) -> list[Flowable]:
    rows, commands = [], {}
    for i, line in enumerate(lines):
        rows.append(
            [
                line.number,
                line.issue_type.label,
                line.title,
                line.priority,
                line.owner or "–",
                day(line.due_on),
                f"{line.age_days} d",
                "Overdue" if line.overdue else "",
            ]
        )
        if line.overdue:
            commands[i] = [
                ("BACKGROUND", 0, -1, OVERDUE_FILL),
                ("FONT", 7, 7, BOLD, 8),
                ("TEXTCOLOR", 7, 7, rag.TINTS_INK),
            ]
    return data_table(
        ["No.", "Type", "Title", "Priority", "Owner", "Due", "Age", ""],
        rows,
        widths(ctx.width, 1.6, 1.7, 5.4, 1.5, 2.3, 1.9, 1.0, 1.5),
        right=(6,),
        row_commands=commands,
    )


def full_table(ctx: Ctx, lines: Sequence[IssueLine]) -> list[Flowable]:
    rows = [
        [
            line.number,
            line.issue_type.label,
            line.title,
            line.status,
            line.owner or "–",
            day(line.raised_on),
            day(line.due_on),
            day(line.closed_on),
        ]
        for line in lines
    ]
    return data_table(
        ["No.", "Type", "Title", "Status", "Owner", "Raised", "Due", "Closed"],
        rows,
        widths(ctx.width, 1.6, 1.7, 4.8, 1.6, 2.1, 1.9, 1.9, 1.9),
    )


def issues_section(ctx: Ctx, issues: Issues | None) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading("Issues and RFIs")]
    if issues is None:
        return [*out, ctx.nothing()]
    overdue = sum(1 for i in issues.open if i.overdue)
    out.append(ctx.heading("Open items", 1))
    if issues.open:
        out.append(
            ctx.para(
                f"{len(issues.open)} items are open, {overdue} of them overdue (listed first)."
            )
        )
        out += open_table(ctx, issues.open)
    else:
        out.append(ctx.nothing())
    out.append(ctx.heading("Closed this period", 1))
    out += (
        full_table(ctx, issues.closed_this_period) if issues.closed_this_period else [ctx.nothing()]
    )
    return out
