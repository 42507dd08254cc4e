"""KPIs from plain facts. Status date Friday 20 Nov 2026."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ownersrep.domain.enums import IssueStatus, RiskStatus
from ownersrep.domain.evm import EvmFigures
from ownersrep.domain.health.kpis import (
    IssueFacts,
    MilestoneFacts,
    ProjectKpis,
    RiskFacts,
    build_kpis,
    finish_variance_days,
)

D = Decimal
TODAY = date(2026, 11, 20)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def test_kpis_from_facts() -> None:
    evm = EvmFigures(bac=D("100000"), pv=D("50000"), ev=D("40000"), ac=D("50000"))
    kpis = build_kpis(
        today=TODAY,
        evm=evm,
        baseline_finish=date(2027, 3, 1),
        forecast_finish=date(2027, 3, 15),
        milestones=[
            MilestoneFacts(ago(10)),  # passed unfinished: missed
            MilestoneFacts(ago(30), finished_on=ago(25)),  # finished 5 days late: missed
            MilestoneFacts(ago(40), finished_on=ago(41)),  # early: kept
            MilestoneFacts(TODAY),  # due today: not missed yet
            MilestoneFacts(TODAY + timedelta(days=30)),  # future
        ],
        contingency_budget=D("250000"),
        contingency_drawn=D("60000"),
        issues=[
            IssueFacts(IssueStatus.OPEN, ago(10), due_on=ago(1)),  # overdue
            IssueFacts(IssueStatus.IN_PROGRESS, ago(20), due_on=TODAY),  # due today: not yet
            IssueFacts(IssueStatus.OPEN, ago(60)),  # no due date
            IssueFacts(IssueStatus.CLOSED, ago(300), due_on=ago(200)),  # closed: ignored
        ],
        risks=[
            RiskFacts(5, 3, RiskStatus.OPEN),  # 15: high
            RiskFacts(5, 5, RiskStatus.OCCURRED),  # 25: high, not closed
            RiskFacts(4, 4, RiskStatus.CLOSED),  # 16 but closed
            RiskFacts(3, 4, RiskStatus.MONITORING),  # 12: medium
        ],
    )
    assert kpis == ProjectKpis(
        spi=D("0.80"),  # 40,000 ÷ 50,000
        finish_variance_days=14,  # 1 Mar → 15 Mar 2027
        milestones_missed=2,
        cpi=D("0.80"),
        vac=D("-25000.00"),  # 100,000 − 125,000
        vac_percent=D("-25.0"),
        contingency_used_percent=D("24.0"),  # 60,000 ÷ 250,000
        open_issues=3,
        overdue_issues=1,
        average_issue_age_days=D("30.0"),  # (10 + 20 + 60) ÷ 3
        high_risks=2,
    )
    assert kpis.value("cpi") == D("0.80")


def test_no_data_is_none_not_zero() -> None:
    kpis = build_kpis(today=TODAY)
    assert kpis == ProjectKpis()
    assert (kpis.spi, kpis.cpi, kpis.vac, kpis.finish_variance_days) == (None,) * 4
    assert kpis.average_issue_age_days is None  # no open issues
    assert kpis.contingency_used_percent is None  # no contingency line


def test_contingency_of_zero_has_no_percentage() -> None:
    kpis = build_kpis(today=TODAY, contingency_budget=D("0"), contingency_drawn=D("0"))
    assert kpis.contingency_used_percent is None


def test_average_age_rounds_to_one_place() -> None:
    # (1 + 2 + 2) ÷ 3 = 1.666… → 1.7
    issues = [IssueFacts(IssueStatus.OPEN, ago(n)) for n in (1, 2, 2)]
    assert build_kpis(today=TODAY, issues=issues).average_issue_age_days == D("1.7")


def test_finish_variance() -> None:
    assert finish_variance_days(date(2027, 3, 1), date(2027, 2, 26)) == -3  # early
    assert finish_variance_days(None, date(2027, 2, 26)) is None
    assert finish_variance_days(date(2027, 3, 1), None) is None
