"""Key performance indicators of one project, built from plain facts.

The facts come from the services (column selects), the EVM figures from
ownersrep.domain.evm. Every KPI that cannot be worked is None ("no data"), never zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ownersrep.domain.enums import IssueStatus, RiskStatus
from ownersrep.domain.evm import PERCENT_PLACES, EvmFigures, percent
from ownersrep.domain.issue_rules import age_days, is_overdue
from ownersrep.domain.risk_rules import RiskLevel, risk_level, risk_score


@dataclass(frozen=True, slots=True)
class ProjectKpis:
    """The KPIs of one project at its status date (field names match health.MEASURES).

    Schedule: spi (EV ÷ PV, 2 places), finish_variance_days (forecast − baseline finish in
    calendar days, positive = late), milestones_missed.
    Cost: cpi (EV ÷ AC, 2 places), vac (BAC − EAC, money), vac_percent (VAC ÷ BAC × 100,
    1 place), contingency_used_percent (drawn ÷ contingency budget × 100, 1 place).
    Issues: open_issues, overdue_issues, average_issue_age_days (of the open ones, 1 place).
    Risks: high_risks (not closed, score ≥ 15).
    """

    spi: Decimal | None = None
    finish_variance_days: int | None = None
    milestones_missed: int = 0
    cpi: Decimal | None = None
    vac: Decimal | None = None
    vac_percent: Decimal | None = None
    contingency_used_percent: Decimal | None = None
    open_issues: int = 0
    overdue_issues: int = 0
    average_issue_age_days: Decimal | None = None
    high_risks: int = 0

    def value(self, key: str) -> Decimal | int | None:
        """A KPI by its field name (the Measure key)."""
        return getattr(self, key)


@dataclass(frozen=True, slots=True)
class MilestoneFacts:
    due_on: date  # the baseline (or contract) date
    finished_on: date | None = None

    def is_missed(self, today: date) -> bool:
        """Finished after its date, or its date has passed unfinished (a milestone due
        today is not missed yet)."""
        if self.finished_on is not None:
            return self.finished_on > self.due_on
        return self.due_on < today


@dataclass(frozen=True, slots=True)
class IssueFacts:
    status: IssueStatus
    raised_on: date
    due_on: date | None = None


@dataclass(frozen=True, slots=True)
class RiskFacts:
    probability: int
    impact: int
    status: RiskStatus

    @property
    def is_high(self) -> bool:
        return self.status is not RiskStatus.CLOSED and (
            risk_level(risk_score(self.probability, self.impact)) is RiskLevel.HIGH
        )


def finish_variance_days(baseline_finish: date | None, forecast_finish: date | None) -> int | None:
    """Calendar days the forecast finish lies after the baseline finish; None without both."""
    if baseline_finish is None or forecast_finish is None:
        return None
    return (forecast_finish - baseline_finish).days


def build_kpis(
    *,
    today: date,
    evm: EvmFigures | None = None,
    baseline_finish: date | None = None,
    forecast_finish: date | None = None,
    milestones: Iterable[MilestoneFacts] = (),
    contingency_budget: Decimal | None = None,
    contingency_drawn: Decimal = Decimal(0),
    issues: Iterable[IssueFacts] = (),
    risks: Iterable[RiskFacts] = (),
) -> ProjectKpis:
    """Work out every KPI from plain facts. `today` is the status date."""
    open_ages = []
    overdue = 0
    for issue in issues:
        if not issue.status.is_active:
            continue
        open_ages.append(age_days(issue.raised_on, None, today))
        overdue += is_overdue(issue.status, issue.due_on, today)
    average_age = (
        (Decimal(sum(open_ages)) / len(open_ages)).quantize(PERCENT_PLACES, ROUND_HALF_UP)
        if open_ages
        else None
    )
    contingency_used = (
        percent(contingency_drawn, contingency_budget) if contingency_budget is not None else None
    )
    return ProjectKpis(
        spi=evm.spi if evm else None,
        finish_variance_days=finish_variance_days(baseline_finish, forecast_finish),
        milestones_missed=sum(m.is_missed(today) for m in milestones),
        cpi=evm.cpi if evm else None,
        vac=evm.vac if evm else None,
        vac_percent=evm.vac_percent if evm else None,
        contingency_used_percent=contingency_used,
        open_issues=len(open_ages),
        overdue_issues=overdue,
        average_issue_age_days=average_age,
        high_risks=sum(risk.is_high for risk in risks),
    )
