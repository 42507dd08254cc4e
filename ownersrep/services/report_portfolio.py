"""The portfolio report's summary lines: one per project with the overall RAG, CPI,
SPI, next milestone and open / overdue issues. The figures are the dashboard's (the same
health facts and functions as DashboardService), except that a project whose period is
closed shows the closed period's RAG, CPI and SPI, and an issued period its frozen
overrides, as the project's own sections do. Open and overdue issues count the items
the report lists (internal ones left out, ages at the status date)."""

from __future__ import annotations

from ownersrep.domain.health.rag import overall
from ownersrep.domain.issue_rules import is_overdue
from ownersrep.services.health_compute import next_milestone
from ownersrep.services.report_inputs import ProjectInputs
from ownersrep.services.report_summary import this_period_areas
from ownersrep.services.report_types import PortfolioLine


def portfolio_line(inp: ProjectInputs) -> PortfolioLine:
    areas = this_period_areas(inp)
    closed = inp.this_snapshot
    kpis = closed.kpis if closed is not None else inp.health.kpis
    milestone = next_milestone(inp.facts)
    as_of = inp.as_of
    active = [i for i in inp.issues if i.status.is_active]
    return PortfolioLine(
        project_id=inp.project_id,
        code=inp.head.code,
        name=inp.head.name,
        overall=overall(a.shown for a in areas),
        overall_overridden=any(a.is_overridden for a in areas),
        cpi=kpis.cpi,
        spi=kpis.spi,
        next_milestone=milestone[0] if milestone else "",
        next_milestone_on=milestone[1] if milestone else None,
        open_issues=len(active),
        overdue_issues=sum(is_overdue(i.status, i.due_on, as_of) for i in active),
    )
