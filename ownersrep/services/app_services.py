"""Every service of one open workspace, built once by the composition root (or a test)."""

from __future__ import annotations

from ownersrep.services.baseline_service import BaselineService
from ownersrep.services.budget_line_service import BudgetLineService
from ownersrep.services.change_order_service import ChangeOrderService
from ownersrep.services.commitment_service import CommitmentService
from ownersrep.services.context import ServiceContext
from ownersrep.services.cost_service import CostService
from ownersrep.services.dashboard_service import DashboardService
from ownersrep.services.evm_service import EvmService
from ownersrep.services.health_service import HealthService
from ownersrep.services.issue_service import IssueService
from ownersrep.services.party_service import PartyService
from ownersrep.services.pay_application_service import PayApplicationService
from ownersrep.services.portfolio_service import PortfolioService
from ownersrep.services.portfolio_summary import PortfolioSummaryService
from ownersrep.services.priority_service import PriorityService
from ownersrep.services.project_service import ProjectService
from ownersrep.services.report_period_service import ReportPeriodService
from ownersrep.services.report_service import ReportService
from ownersrep.services.report_settings import ReportSettingsService
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
        self.cost = CostService(ctx)
        self.budget_lines = BudgetLineService(ctx)
        self.commitments = CommitmentService(ctx)
        self.change_orders = ChangeOrderService(ctx)
        self.pay_applications = PayApplicationService(ctx)
        self.evm = EvmService(ctx)
        self.health = HealthService(ctx)
        self.dashboard = DashboardService(ctx)
        self.priorities = PriorityService(ctx)
        self.reports = ReportService(ctx)
        self.report_periods = ReportPeriodService(ctx)
        self.report_settings = ReportSettingsService(ctx)
