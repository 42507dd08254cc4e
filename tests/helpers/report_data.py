"""Hand-made ReportBundles for the owner-report tests: a rich clinic-sized project with
every section filled, an empty project, and a portfolio of n projects.

API (kept stable for other tests): sample_bundle(**overrides), sample_project(...),
empty_bundle(), portfolio_bundle(n_projects)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ownersrep.domain.cost.enums import BudgetLineKind, ChangeReason, ChangeStatus
from ownersrep.domain.cost.ledger import (
    CommitmentFigures,
    ContingencyFigures,
    LineFigures,
    sum_figures,
)
from ownersrep.domain.enums import IssueType
from ownersrep.domain.evm import EvmFigures
from ownersrep.domain.evm.s_curve import SCurve
from ownersrep.domain.health.rag import Area, Rag
from ownersrep.services.cost_types import BudgetLineRow, ChangeOrderDTO, CostLedger, StatusTotal
from ownersrep.services.report_types import (
    ALL_SECTIONS,
    Appendix,
    AuditLine,
    Branding,
    Cost,
    Cover,
    DecisionLine,
    GanttLine,
    IssueLine,
    Issues,
    KpiLine,
    Kpis,
    MilestoneLine,
    PageSize,
    PortfolioLine,
    PortfolioReport,
    ProjectReport,
    RagLine,
    ReportBundle,
    ReportChoices,
    RiskLine,
    Risks,
    Schedule,
    Summary,
    TaskLine,
    TextBlock,
    TextRun,
)

STATUS_DATE = date(2026, 11, 13)
REPORT_DATE = date(2026, 11, 20)
D = Decimal
CURRENCY = "USD"

# Key figures the tests look for.
ORIGINAL_BUDGET = D("12500000.00")
EAC = D("13110450.75")
CPI = D("0.94")
SPI = D("0.97")
PENDING_EXPOSURE = D("387500.00")


def _line(i: int, code: str, description: str, original: str, eac: str, **kw: Any) -> BudgetLineRow:
    o, e = D(original), D(eac)
    approved = D(kw.get("approved", "0"))
    revised = o + approved
    committed = D(kw.get("committed", "0"))
    certified = D(kw.get("certified", "0"))
    retainage = (certified * D("0.05")).quantize(D("0.01"))
    paid = certified - retainage
    return BudgetLineRow(
        original=o,
        approved=approved,
        revised=revised,
        committed=committed,
        uncommitted=revised - committed,
        exposure=D(kw.get("exposure", "0")),
        certified=certified,
        paid=paid,
        retainage=retainage,
        unpaid=D("0"),
        etc=e - certified,
        eac=e,
        vac_original=o - e,
        vac_revised=revised - e,
        id=i,
        code=code,
        description=description,
        group=kw.get("group", ""),
        kind=kw.get("kind", BudgetLineKind.COST),
        sort_order=i,
        etc_entered=False,
    )


def _ledger() -> CostLedger:
    lines = (
        _line(
            1,
            "01-000",
            "General requirements",
            "850000",
            "905000",
            committed="850000",
            certified="610000",
        ),
        _line(
            2,
            "03-300",
            "Cast-in-place concrete",
            "2150000",
            "2398000.75",
            approved="148000",
            committed="2298000",
            certified="1950000",
        ),
        _line(
            3,
            "05-100",
            "Structural steel",
            "1640000",
            "1702500",
            approved="62500",
            committed="1702500",
            certified="1200000",
        ),
        _line(
            4, "09-000", "Finishes", "2310000", "2360000", committed="1900000", certified="300000"
        ),
        _line(
            5,
            "22-000",
            "Plumbing and medical gases",
            "1480000",
            "1544950",
            approved="40000",
            committed="1500000",
            certified="410000",
        ),
        _line(6, "23-000", "HVAC", "1920000", "1950000", committed="1880000", certified="520000"),
        _line(
            7,
            "26-000",
            "Electrical",
            "1400000",
            "1500000",
            approved="60000",
            committed="1400000",
            certified="450000",
        ),
        _line(
            8,
            "99-000",
            "Owner's contingency",
            "750000",
            "750000",
            approved="-310500",
            kind=BudgetLineKind.CONTINGENCY,
        ),
    )
    totals = sum_figures(LineFigures, lines)
    totals = replace(totals, original=ORIGINAL_BUDGET, eac=EAC, vac_revised=totals.revised - EAC)
    return CostLedger(
        project_id=1,
        currency=CURRENCY,
        lines=lines,
        groups=(),
        line_totals=totals,
        commitments=(),
        commitment_totals=sum_figures(CommitmentFigures, []),
        contingency=ContingencyFigures(
            original=D("750000"),
            added=D("0"),
            drawn=D("310500"),
            remaining=D("439500.00"),
            pending_draws=D("120000"),
        ),
        change_log=tuple(
            StatusTotal(s, n, D(c))
            for s, n, c in (
                (ChangeStatus.POTENTIAL, 2, "142500"),
                (ChangeStatus.PENDING, 3, "245000"),
                (ChangeStatus.APPROVED, 6, "310500"),
                (ChangeStatus.REJECTED, 1, "45000"),
                (ChangeStatus.VOID, 0, "0"),
            )
        ),
    )


def _co(
    n: int, title: str, status: ChangeStatus, cost: str, days: int, when: date
) -> ChangeOrderDTO:
    approved = status is ChangeStatus.APPROVED
    return ChangeOrderDTO(
        id=n,
        project_id=1,
        number=f"CO-{n:03d}",
        title=title,
        description="",
        reason=ChangeReason.UNFORESEEN_CONDITION if n % 2 else ChangeReason.OWNER_REQUEST,
        status=status,
        commitment_id=None,
        commitment_number="",
        budget_line_id=2,
        budget_line_code="03-300",
        cost=D(cost),
        time_impact_days=days,
        submitted_on=when - timedelta(days=20),
        approved_on=when if approved else None,
        approved_by="J. Okafor" if approved else "",
        from_contingency=approved,
        contingency_line_id=8 if approved else None,
        contingency_line_code="99-000",
    )


def _s_curve() -> SCurve:
    start = date(2026, 1, 31)
    dates, pv, ev, ac = [], [], [], []
    for m in range(24):
        d = (start + timedelta(days=31 * m)).replace(day=28)
        dates.append(d)
        frac = D(m + 1) / 24
        planned = (ORIGINAL_BUDGET * frac * frac * (3 - 2 * frac)).quantize(D("0.01"))
        pv.append(planned)
        measured = d <= STATUS_DATE
        ev.append((planned * SPI).quantize(D("0.01")) if measured else None)
        ac.append((planned * SPI / CPI).quantize(D("0.01")) if measured else None)
    return SCurve(tuple(dates), tuple(pv), tuple(ev), tuple(ac))


def _cost() -> Cost:
    approved = (
        _co(
            7,
            "Rock excavation at the north footings",
            ChangeStatus.APPROVED,
            "48000",
            4,
            date(2026, 11, 4),
        ),
        _co(
            8,
            "Additional medical gas outlets in treatment rooms 4–9",
            ChangeStatus.APPROVED,
            "40000",
            0,
            date(2026, 11, 10),
        ),
    )
    pending = (
        _co(
            9,
            "Upgrade of the imaging suite shielding to the new vendor's requirement",
            ChangeStatus.PENDING,
            "185000",
            10,
            date(2026, 11, 12),
        ),
        _co(
            10,
            "Revised façade anchors after wind study",
            ChangeStatus.POTENTIAL,
            "142500",
            6,
            date(2026, 11, 1),
        ),
        _co(
            11,
            "Extra data outlets at reception",
            ChangeStatus.PENDING,
            "60000",
            0,
            date(2026, 10, 28),
        ),
    )
    evm = EvmFigures(bac=ORIGINAL_BUDGET, pv=D("6450000"), ev=D("6256500"), ac=D("6655851.06"))
    return Cost(CURRENCY, _ledger(), evm, _s_curve(), approved, pending, PENDING_EXPOSURE)


def _gantt(name_of_first: str) -> tuple[GanttLine, ...]:
    def g(
        wbs: str, name: str, level: int, s: date, f: date, shift: int = 0, **kw: Any
    ) -> GanttLine:
        return GanttLine(
            wbs=wbs,
            name=name,
            level=level,
            start=s + timedelta(days=shift),
            finish=f + timedelta(days=shift),
            baseline_start=s,
            baseline_finish=f,
            percent_complete=D(kw.get("done", 0)),
            is_summary=kw.get("summary", True),
            is_milestone=kw.get("milestone", False),
            critical=kw.get("critical", False),
        )

    y = date(2026, 1, 5)
    return (
        g("1", name_of_first, 0, y, date(2026, 5, 29), 0, done=100),
        g("1.1", "Schematic and design development", 1, y, date(2026, 3, 27), done=100),
        g(
            "1.2",
            "Permit set issued",
            1,
            date(2026, 5, 29),
            date(2026, 5, 29),
            summary=False,
            milestone=True,
        ),
        g("2", "Construction", 0, date(2026, 4, 6), date(2027, 8, 27), 9, done=42, critical=True),
        g(
            "2.1",
            "Substructure",
            1,
            date(2026, 4, 6),
            date(2026, 7, 31),
            9,
            done=100,
            critical=True,
        ),
        g(
            "2.2",
            "Superstructure",
            1,
            date(2026, 7, 20),
            date(2026, 12, 18),
            9,
            done=70,
            critical=True,
        ),
        g("2.3", "Envelope and roofing", 1, date(2026, 10, 5), date(2027, 3, 26), 9, done=15),
        g(
            "2.4",
            "MEP rough-in and finishes",
            1,
            date(2026, 11, 2),
            date(2027, 7, 30),
            9,
            done=5,
            critical=True,
        ),
        g(
            "2.5",
            "Building weathertight",
            1,
            date(2027, 3, 26),
            date(2027, 3, 26),
            9,
            summary=False,
            milestone=True,
            critical=True,
        ),
        g(
            "3",
            "Commissioning and handover",
            0,
            date(2027, 7, 5),
            date(2027, 9, 24),
            9,
            critical=True,
        ),
        g(
            "3.1",
            "Substantial completion",
            1,
            date(2027, 9, 24),
            date(2027, 9, 24),
            9,
            summary=False,
            milestone=True,
            critical=True,
        ),
    )


def _task(
    wbs: str, name: str, s: date, days: int, tf: int, done: int, who: str, crit: bool
) -> TaskLine:
    return TaskLine(wbs, name, s, s + timedelta(days=days), days, tf, D(done), who, crit)


def _schedule(long_name: str) -> Schedule:
    crit = (
        _task(
            "2.2.4",
            "Level 2 slab pour and cure",
            date(2026, 11, 9),
            12,
            0,
            40,
            "Northwind Builders",
            True,
        ),
        _task("2.2.5", "Roof steel erection", date(2026, 11, 23), 15, 0, 0, "Apex Steel", True),
        _task("2.4.1", long_name, date(2026, 12, 7), 40, 0, 0, "Δήμητρα Παπαδοπούλου", True),
    )
    ahead = (
        *crit[:2],
        _task(
            "2.3.2",
            "Curtain wall mock-up and test",
            date(2026, 11, 16),
            10,
            12,
            0,
            "Façades Ltd",
            False,
        ),
        _task("2.3.3", "Roof membrane, area A", date(2026, 12, 1), 8, 5, 0, "王建国", False),
    )
    ms = (
        MilestoneLine("1.2", "Permit set issued", date(2026, 5, 29), None, date(2026, 5, 29), 0),
        MilestoneLine("2.5", "Building weathertight", date(2027, 3, 26), date(2027, 4, 8), None, 9),
        MilestoneLine(
            "3.1", "Substantial completion", date(2027, 9, 24), date(2027, 10, 7), None, 9
        ),
    )
    return Schedule(
        status_date=STATUS_DATE,
        baseline_name="Contract baseline",
        contract_completion=date(2027, 9, 24),
        forecast_completion=date(2027, 10, 7),
        completion_variance_days=9,
        milestones=ms,
        gantt=_gantt("Design"),
        critical_path=crit,
        look_ahead_weeks=4,
        look_ahead=ahead,
    )


def issue(
    n: int, title: str, *, overdue: bool = False, closed: date | None = None, **kw: Any
) -> IssueLine:
    kind = kw.get("issue_type", IssueType.RFI if n % 5 == 0 else IssueType.ISSUE)
    prefix = {IssueType.RFI: "RFI", IssueType.DECISION: "DEC"}.get(kind, "ISS")
    raised = date(2026, 8, 1) + timedelta(days=n % 90)
    return IssueLine(
        number=f"{prefix}-{n:03d}",
        issue_type=kind,
        title=title,
        priority=kw.get("priority", "High" if n % 4 == 0 else "Medium"),
        status="Closed" if closed else "Open",
        owner=kw.get("owner", "M. Rossi"),
        raised_on=raised,
        due_on=kw.get("due_on", date(2026, 11, 6) if overdue else date(2026, 12, 4)),
        closed_on=closed,
        age_days=(STATUS_DATE - raised).days,
        overdue=overdue,
    )


def _issues() -> Issues:
    open_ = (
        issue(12, "Fire damper access panels missing on level 1 drawings", overdue=True),
        issue(
            15,
            "Confirm imaging room floor loading with equipment vendor",
            overdue=True,
            owner="Σοφία Κωνσταντίνου",
        ),
        issue(18, "Clarify acoustic rating of consultation room doors"),
        issue(21, "Nurse call system interface with the hospital network", owner="李明"),
        issue(24, "Parking layout revision requested by the municipality", owner="محمد العلي"),
    )
    closed = (issue(9, "Soil report addendum for the north footings", closed=date(2026, 11, 3)),)
    return Issues(open_, closed)


def risk(n: int, title: str, p: int, i: int, response: str = "Mitigate") -> RiskLine:
    score = p * i
    level = "High" if score >= 15 else "Medium" if score >= 5 else "Low"
    return RiskLine(
        number=f"R-{n:03d}",
        title=title,
        category="Construction",
        probability=p,
        impact=i,
        score=score,
        level=level,
        response=response,
        mitigation="Weekly look-ahead with the trade; early procurement of long-lead items.",
        owner="A. Novak",
        status="Open",
    )


def _risks() -> Risks:
    top = (
        risk(4, "Late delivery of the MRI shielding components", 4, 5),
        risk(2, "Labour shortage for MEP trades over the winter", 4, 4),
        risk(7, "Unforeseen ground conditions at the east wing", 3, 4, "Accept"),
        risk(1, "Utility connection delayed by the water authority", 2, 4, "Transfer"),
        risk(9, "Design changes from the clinical user group", 3, 2),
    )
    grid = [[0] * 5 for _ in range(5)]
    for r in top:
        grid[r.probability - 1][r.impact - 1] += 1
    grid[0][0] += 2
    return Risks(top, tuple(tuple(row) for row in grid))


def _kpis() -> Kpis:
    def k(
        key: str, label: str, area: Area, value: str, th: str, r: Rag | None, trend: tuple[str, ...]
    ) -> KpiLine:
        return KpiLine(key, label, area, value, th, r, trend)

    return Kpis(
        periods=("2026-08", "2026-09", "2026-10"),
        lines=(
            k(
                "spi",
                "Schedule performance index (SPI)",
                Area.SCHEDULE,
                "0.97",
                "green ≥ 0.95 · red < 0.90",
                Rag.GREEN,
                ("1.00", "0.99", "0.98"),
            ),
            k(
                "finish_variance_days",
                "Forecast finish variance (working days)",
                Area.SCHEDULE,
                "9",
                "green ≤ 5 · red > 15",
                Rag.AMBER,
                ("0", "3", "6"),
            ),
            k(
                "cpi",
                "Cost performance index (CPI)",
                Area.COST,
                "0.94",
                "green ≥ 0.95 · red < 0.90",
                Rag.AMBER,
                ("0.99", "0.97", "0.95"),
            ),
            k(
                "overdue_issues",
                "Overdue issues",
                Area.ISSUES,
                "2",
                "green ≤ 2 · red > 5",
                Rag.GREEN,
                ("1", "", "3"),
            ),
            k(
                "high_risks",
                "High risks",
                Area.RISK,
                "1",
                "green ≤ 1 · red > 3",
                Rag.GREEN,
                ("2", "2", "1"),
            ),
            k(
                "contingency_used",
                "Contingency used",
                Area.COST,
                "41 %",
                "reported, not judged",
                None,
                ("20 %", "31 %", "35 %"),
            ),
        ),
        from_snapshot=False,
    )


def _summary() -> Summary:
    p = TextBlock(
        "p",
        (
            TextRun("The structure is "),
            TextRun("70 % complete", bold=True),
            TextRun(" and the level 2 slab was poured on 11 November. Cost is "),
            TextRun("under pressure", italic=True),
            TextRun(" from rock excavation & the imaging suite <shielding>."),
        ),
    )
    li = (
        TextBlock("li", (TextRun("Weathertight forecast moved by 9 working days."),)),
        TextBlock(
            "li",
            (
                TextRun(
                    "Owner decision on the imaging vendor is needed by 4 December.", underline=True
                ),
            ),
        ),
    )
    areas = (
        RagLine(
            Area.SCHEDULE,
            Rag.AMBER,
            Rag.GREEN,
            Rag.AMBER,
            commentary="Weathertight milestone 9 days late.",
        ),
        RagLine(Area.COST, Rag.AMBER, Rag.AMBER, Rag.AMBER),
        RagLine(
            Area.ISSUES,
            Rag.GREEN,
            Rag.AMBER,
            Rag.AMBER,
            overridden=True,
            commentary="Both overdue items close next week.",
        ),
        RagLine(Area.RISK, Rag.GREEN, None, Rag.GREEN),
    )
    decisions = (
        DecisionLine(
            "DEC-031",
            "Select the imaging equipment vendor",
            "Clinic board",
            date(2026, 12, 4),
            False,
        ),
        DecisionLine(
            "DEC-027", "Approve the revised parking layout", "Owner's PM", date(2026, 11, 10), True
        ),
    )
    return Summary(
        narrative=(p, *li),
        overall=Rag.AMBER,
        overall_last=Rag.GREEN,
        areas=areas,
        achievements=("Level 2 slab poured on schedule.", "Permit for the imaging suite received."),
        decisions=decisions,
    )


def sample_project(
    *,
    project_id: int = 1,
    name: str = "Riverside Medical Clinic",
    code: str = "RMC-01",
    sections: tuple[Any, ...] = ALL_SECTIONS,
    long_name: str = "Install MEP rough-in for levels 1-2 including medical gases and nurse call",
) -> ProjectReport:
    cover = Cover(
        project_name=name,
        project_code=code,
        client_name="Riverside Health Trust",
        period="2026-11",
        period_label="November 2026",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        report_number=11,
        prepared_by="Elena Márquez",
        reviewed_by="Tom Becker",
        report_date=REPORT_DATE,
        status_date=STATUS_DATE,
    )
    issues = _issues()
    risks = _risks()
    return ProjectReport(
        project_id=project_id,
        currency=CURRENCY,
        choices=ReportChoices(sections=tuple(sections), look_ahead_weeks=4),
        cover=cover,
        summary=_summary(),
        schedule=_schedule(long_name),
        cost=_cost(),
        issues=issues,
        risks=risks,
        kpis=_kpis(),
        appendix=Appendix(
            issues=tuple(
                sorted((*issues.open, *issues.closed_this_period), key=lambda i: i.number)
            ),
            risks=risks.top,
            audit=(
                AuditLine("Task", "changed", 42, date(2026, 11, 13)),
                AuditLine("Issue", "created", 5, date(2026, 11, 12)),
                AuditLine("Change order", "changed", 3, date(2026, 11, 10)),
            ),
        ),
    )


def sample_bundle(**overrides: Any) -> ReportBundle:
    """The rich project bundle; keyword overrides replace ReportBundle fields (branding,
    project, page_size, warnings) or, for `sections`, the project's chosen sections."""
    sections = overrides.pop("sections", None)
    project = sample_project() if sections is None else sample_project(sections=tuple(sections))
    bundle = ReportBundle(
        branding=Branding(organisation="Harbour Owner's Representatives"),
        project=project,
        page_size=PageSize.A4,
    )
    return replace(bundle, **overrides)


def empty_bundle(**overrides: Any) -> ReportBundle:
    """A project with no tasks, issues, risks or costs: every section chosen and empty."""
    base = sample_project()
    project = replace(
        base,
        summary=Summary((), Rag.NONE, None, (), (), ()),
        schedule=Schedule(None, "", None, None, None, (), (), (), 4, ()),
        cost=Cost(CURRENCY, replace(_ledger(), lines=()), None, SCurve(), (), (), D("0")),
        issues=Issues((), ()),
        risks=Risks((), tuple(tuple(0 for _ in range(5)) for _ in range(5))),
        kpis=Kpis((), (), False),
        appendix=Appendix((), (), ()),
    )
    return replace(ReportBundle(branding=Branding(), project=project), **overrides)


def portfolio_bundle(n_projects: int = 20, **overrides: Any) -> ReportBundle:
    from ownersrep.services.report_types import DEFAULT_SECTIONS

    projects, lines = [], []
    for i in range(1, n_projects + 1):
        p = sample_project(
            project_id=i,
            name=f"Project {i:02d}: clinic wing",
            code=f"P-{i:02d}",
            sections=DEFAULT_SECTIONS,
        )
        projects.append(p)
        lines.append(
            PortfolioLine(
                project_id=i,
                code=f"P-{i:02d}",
                name=p.cover.project_name,
                overall=(Rag.GREEN, Rag.AMBER, Rag.RED)[i % 3],
                overall_overridden=i == 2,
                cpi=CPI,
                spi=SPI,
                next_milestone="Building weathertight",
                next_milestone_on=date(2027, 4, 8),
                open_issues=5,
                overdue_issues=2,
            )
        )
    report = PortfolioReport(
        title="Harbour Health Capital Programme",
        period="2026-11",
        period_label="November 2026",
        report_date=REPORT_DATE,
        lines=tuple(lines),
        projects=tuple(projects),
    )
    bundle = ReportBundle(
        branding=Branding(organisation="Harbour Owner's Representatives"), portfolio=report
    )
    return replace(bundle, **overrides)
