"""What the owner report prints: plain frozen values gathered by ReportService for one
period, and the choices that shape the document.

The PDF builder (`ownersrep.reports.owner_report`) reads only these, never the database,
so a report can be built in a worker thread or a batch job from data gathered once, and
tests can hand the builder data made by hand.

Text is plain text (the builder escapes it) except the narrative, which arrives as
blocks of styled runs. Money is Decimal in the project's currency; dates are `date`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from ownersrep.domain.enums import IssueType
from ownersrep.domain.evm import EvmFigures
from ownersrep.domain.evm.s_curve import SCurve
from ownersrep.domain.health.rag import Area, Rag
from ownersrep.domain.rich_text import TextBlock, TextRun
from ownersrep.services.cost_types import ChangeOrderDTO, CostLedger


class Section(StrEnum):
    """The report's sections, in print order. Each can be switched off."""

    COVER = "cover"
    SUMMARY = "summary"
    SCHEDULE = "schedule"
    COST = "cost"
    ISSUES = "issues"
    RISKS = "risks"
    KPIS = "kpis"
    APPENDIX_ISSUES = "appendix_issues"  # the full issue list (optional)
    APPENDIX_RISKS = "appendix_risks"  # the full risk register (optional)
    APPENDIX_AUDIT = "appendix_audit"  # the audit summary of the period (optional)

    @property
    def label(self) -> str:
        return _SECTION_LABELS[self]


_SECTION_LABELS = {
    Section.COVER: "Cover",
    Section.SUMMARY: "Executive summary",
    Section.SCHEDULE: "Schedule",
    Section.COST: "Cost",
    Section.ISSUES: "Issues and RFIs",
    Section.RISKS: "Risks",
    Section.KPIS: "Key performance indicators",
    Section.APPENDIX_ISSUES: "Appendix: issue log",
    Section.APPENDIX_RISKS: "Appendix: risk register",
    Section.APPENDIX_AUDIT: "Appendix: changes this period",
}

ALL_SECTIONS: tuple[Section, ...] = tuple(Section)
# What a new project's report holds until the rep chooses otherwise: no appendices.
DEFAULT_SECTIONS: tuple[Section, ...] = (
    Section.COVER,
    Section.SUMMARY,
    Section.SCHEDULE,
    Section.COST,
    Section.ISSUES,
    Section.RISKS,
    Section.KPIS,
)
LOOK_AHEAD_WEEKS = (2, 3, 4, 5, 6)


class PageSize(StrEnum):
    A4 = "A4"
    LETTER = "Letter"


@dataclass(frozen=True)
class ReportChoices:
    """Per project, saved: which sections print and how far the look-ahead reaches."""

    sections: tuple[Section, ...] = DEFAULT_SECTIONS
    look_ahead_weeks: int = 4


@dataclass(frozen=True)
class Branding:
    """Per workspace, saved: logos (file paths), who we are, and the marking on every
    page. `warnings` names logo files that could not be read; the report builds without
    them and says so to the user."""

    organisation: str = ""
    client_logo: Path | None = None
    our_logo: Path | None = None
    confidentiality: str = "Confidential: prepared for the owner"
    warnings: tuple[str, ...] = ()


# -- the period record: what the rep writes for a period, stored with it ---------------


@dataclass(frozen=True)
class PeriodRecord:
    """The rep's words for one project and period, kept so the report can be rebuilt
    identically: narrative (sanitised HTML subset: p, br, b, i, u, ul/ol, li),
    achievements (one per line), who prepared and reviewed it, its number and date, and
    the RAG overrides as they stood when the report was issued (empty until then)."""

    project_id: int
    period: str  # "2026-10"
    report_number: int
    narrative_html: str = ""
    achievements: tuple[str, ...] = ()
    prepared_by: str = ""
    reviewed_by: str = ""
    issued_on: date | None = None
    frozen_overrides: tuple[RagLine, ...] = ()


# -- the sections -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cover:
    project_name: str
    project_code: str
    client_name: str
    period: str  # "2026-10"
    period_label: str  # "October 2026"
    period_start: date
    period_end: date
    report_number: int
    prepared_by: str
    reviewed_by: str
    report_date: date
    status_date: date | None


@dataclass(frozen=True)
class RagLine:
    """One area's status this period against last period. `last` is None when no earlier
    period was closed. `overridden`: the rep set `this` by hand (commentary says why);
    `derived` is what the thresholds give."""

    area: Area
    this: Rag
    last: Rag | None
    derived: Rag
    overridden: bool = False
    commentary: str = ""


@dataclass(frozen=True)
class DecisionLine:
    """An open decision item the owner must take in the next 30 days (or overdue)."""

    number: str
    title: str
    owner: str
    due_on: date | None
    overdue: bool


@dataclass(frozen=True)
class Summary:
    narrative: tuple[TextBlock, ...]
    overall: Rag
    overall_last: Rag | None
    areas: tuple[RagLine, ...]  # one per Area, in Area order
    achievements: tuple[str, ...]
    decisions: tuple[DecisionLine, ...]  # due soonest first


@dataclass(frozen=True)
class MilestoneLine:
    wbs: str
    name: str
    baseline: date | None
    forecast: date | None  # the scheduled finish when not finished
    actual: date | None
    variance_days: int | None  # working days, positive = late against the baseline


@dataclass(frozen=True)
class GanttLine:
    """A row of the summary-level chart: summaries to `level` 2 and every milestone."""

    wbs: str
    name: str
    level: int  # 0 for top-level elements
    start: date | None
    finish: date | None
    baseline_start: date | None
    baseline_finish: date | None
    percent_complete: Decimal
    is_summary: bool
    is_milestone: bool
    critical: bool


@dataclass(frozen=True)
class TaskLine:
    """A task of the critical path list or of the look-ahead."""

    wbs: str
    name: str
    start: date | None
    finish: date | None
    duration_days: int | None
    total_float_days: int | None
    percent_complete: Decimal
    responsible: str
    critical: bool


@dataclass(frozen=True)
class Schedule:
    status_date: date | None
    baseline_name: str  # "" when no baseline is compared
    contract_completion: date | None  # the compared baseline's (or planned) finish
    forecast_completion: date | None
    completion_variance_days: int | None  # working days, positive = late
    milestones: tuple[MilestoneLine, ...]
    gantt: tuple[GanttLine, ...]
    critical_path: tuple[TaskLine, ...]
    look_ahead_weeks: int
    look_ahead: tuple[TaskLine, ...]  # starting or finishing from status date to +weeks


@dataclass(frozen=True)
class Cost:
    currency: str
    ledger: CostLedger
    evm: EvmFigures | None
    s_curve: SCurve
    approved_this_period: tuple[ChangeOrderDTO, ...]
    pending: tuple[ChangeOrderDTO, ...]  # pending and potential, largest exposure first
    pending_exposure: Decimal


@dataclass(frozen=True)
class IssueLine:
    number: str
    issue_type: IssueType
    title: str
    priority: str  # label
    status: str  # label
    owner: str
    raised_on: date
    due_on: date | None
    closed_on: date | None
    age_days: int
    overdue: bool


@dataclass(frozen=True)
class Issues:
    open: tuple[IssueLine, ...]  # overdue first, then by due date; never internal items
    closed_this_period: tuple[IssueLine, ...]


@dataclass(frozen=True)
class RiskLine:
    number: str
    title: str
    category: str  # label
    probability: int
    impact: int
    score: int
    level: str  # label: "High", ...
    response: str  # label
    mitigation: str
    owner: str
    status: str  # label


@dataclass(frozen=True)
class Risks:
    top: tuple[RiskLine, ...]  # open risks by score, highest first (at most 10)
    heat_map: tuple[tuple[int, ...], ...]  # [probability-1][impact-1] counts of open risks


@dataclass(frozen=True)
class KpiLine:
    """One KPI: its value this period, the thresholds in words, its RAG, and its values
    in earlier closed periods (oldest first, matching Kpis.periods; "" for none)."""

    key: str
    label: str
    area: Area
    value: str
    thresholds: str  # "green ≥ 0.95 · red < 0.90"
    rag: Rag | None
    trend: tuple[str, ...]


@dataclass(frozen=True)
class Kpis:
    periods: tuple[str, ...]  # earlier closed periods shown, oldest first (at most 6)
    lines: tuple[KpiLine, ...]
    from_snapshot: bool  # figures are this period's stored snapshot, not live ones


@dataclass(frozen=True)
class AuditLine:
    """Changes of the period summed per kind of record and action."""

    entity: str  # "Task", "Issue", ...
    action: str  # "created", "changed", "deleted"
    count: int
    last_on: date


@dataclass(frozen=True)
class Appendix:
    issues: tuple[IssueLine, ...]  # every item not internal, by number
    risks: tuple[RiskLine, ...]  # the whole register, by number
    audit: tuple[AuditLine, ...]
    # Which records the audit summary counts (not every kind of record names its project).
    audit_scope: str = ""


@dataclass(frozen=True)
class ProjectReport:
    """Everything one project's report prints. A section left out of `choices` may be
    None; a chosen section is always present, even when it has nothing to say."""

    project_id: int
    currency: str
    choices: ReportChoices
    cover: Cover
    summary: Summary | None = None
    schedule: Schedule | None = None
    cost: Cost | None = None
    issues: Issues | None = None
    risks: Risks | None = None
    kpis: Kpis | None = None
    appendix: Appendix | None = None


@dataclass(frozen=True)
class PortfolioLine:
    project_id: int
    code: str
    name: str
    overall: Rag
    overall_overridden: bool
    cpi: Decimal | None
    spi: Decimal | None
    next_milestone: str
    next_milestone_on: date | None
    open_issues: int
    overdue_issues: int


@dataclass(frozen=True)
class PortfolioReport:
    title: str  # the portfolio's (workspace's) name
    period: str
    period_label: str
    report_date: date
    lines: tuple[PortfolioLine, ...]  # one per project, in tree order
    projects: tuple[ProjectReport, ...]  # one section per project (chosen sections)


@dataclass(frozen=True)
class ReportBundle:
    """What the builder is given: one project's report or the portfolio's, the branding,
    and the print settings."""

    branding: Branding
    project: ProjectReport | None = None
    portfolio: PortfolioReport | None = None
    page_size: PageSize = PageSize.A4
    warnings: tuple[str, ...] = field(default=())


__all__ = [
    "ALL_SECTIONS",
    "DEFAULT_SECTIONS",
    "LOOK_AHEAD_WEEKS",
    "Appendix",
    "AuditLine",
    "Branding",
    "Cost",
    "Cover",
    "DecisionLine",
    "GanttLine",
    "IssueLine",
    "Issues",
    "KpiLine",
    "Kpis",
    "MilestoneLine",
    "PageSize",
    "PeriodRecord",
    "PortfolioLine",
    "PortfolioReport",
    "ProjectReport",
    "RagLine",
    "ReportBundle",
    "ReportChoices",
    "RiskLine",
    "Risks",
    "Schedule",
    "Section",
    "Summary",
    "TaskLine",
    "TextBlock",
    "TextRun",
]
