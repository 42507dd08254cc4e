"""The portfolio's one-page summary: every project with its status, CPI, SPI, next
milestone and open and overdue issues."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ownersrep.reports.owner_report import rag
from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.formats import day, idx
from ownersrep.reports.owner_report.tables import data_table, widths
from ownersrep.services.report_types import PortfolioReport


def portfolio_summary(ctx: Ctx, report: PortfolioReport) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading("Portfolio summary", absolute=True)]
    if not report.lines:
        return [*out, ctx.nothing()]
    red = sum(1 for line in report.lines if line.overall.value == "red")
    overdue = sum(line.overdue_issues for line in report.lines)
    out.append(
        ctx.para(
            f"{len(report.lines)} projects for {report.period_label}: {red} rated Red overall; "
            f"{overdue} overdue issues across the portfolio."
        )
    )
    rows, commands = [], {}
    for i, line in enumerate(report.lines):
        status = rag.word(line.overall) + (" (override)" if line.overall_overridden else "")
        rows.append(
            [
                line.code,
                line.name,
                status,
                idx(line.cpi),
                idx(line.spi),
                line.next_milestone or "–",
                day(line.next_milestone_on),
                str(line.open_issues),
                str(line.overdue_issues),
            ]
        )
        commands[i] = [("BACKGROUND", 2, 2, rag.tint(line.overall))]
    out += data_table(
        ["Code", "Project", "Status", "CPI", "SPI", "Next milestone", "Due", "Open", "Overdue"],
        rows,
        widths(ctx.width, 1.3, 4.0, 1.9, 1.0, 1.0, 3.4, 2.0, 1.1, 1.5),
        right=(3, 4, 7, 8),
        row_commands=commands,
    )
    return out
