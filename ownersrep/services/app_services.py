"""Every service of one open workspace, built once by the composition root (or a test)."""

from __future__ import annotations

from ownersrep.services.baseline_service import BaselineService
from ownersrep.services.context import ServiceContext
from ownersrep.services.issue_service import IssueService
from ownersrep.services.party_service import PartyService
from ownersrep.services.portfolio_service import PortfolioService
from ownersrep.services.portfolio_summary import PortfolioSummaryService
from ownersrep.services.project_service import ProjectService
from ownersrep.services.risk_service import RiskService
from ownersrep.services.schedule_service import ScheduleService
from ownersrep.services.task_service import TaskService
from ownersrep.services.workspace_info import WorkspaceInfoService


class AppServices:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.parties = PartyService(ctx)
        self.projects = ProjectService(ctx)
        self.portfolio = PortfolioService(ctx)
        self.tasks = TaskService(ctx)
        self.issues = IssueService(ctx)
        self.risks = RiskService(ctx)
        self.baselines = BaselineService(ctx)
        self.schedule = ScheduleService(ctx)
        self.summary = PortfolioSummaryService(ctx)
        self.info = WorkspaceInfoService(ctx)
