"""Gather the owner report of a project, or of the portfolio, for one reporting period:
plain frozen values (report_types) that the PDF builder prints without touching the
database. Each call reads in ONE session, so the whole report sees one state of the file.

Which section holds what, and the rules each follows, are in the `report_<section>`
modules; what every section reads is in `report_inputs`. Internal issue-log items are
never read, so they cannot appear anywhere in a report.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from ownersrep.db.models import PeriodSnapshot, Project, ReportPeriod, Setting
from ownersrep.domain.errors import NotFoundError
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.health_facts import ProjectFacts, load_facts
from ownersrep.services.report_appendix import appendix_of
from ownersrep.services.report_cost import cost_of
from ownersrep.services.report_cover import cover_of
from ownersrep.services.report_inputs import (
    ProjectHead,
    ProjectInputs,
    SharedInputs,
    project_heads,
)
from ownersrep.services.report_issues import issues_of
from ownersrep.services.report_kpis import kpis_of
from ownersrep.services.report_period import (
    Period,
    default_period_for,
    month_of,
    parse_period,
)
from ownersrep.services.report_period_service import (
    ENTITY_REPORT_PERIOD,
    default_record,
    freeze,
    record_row,
    to_record,
)
from ownersrep.services.report_portfolio import portfolio_line
from ownersrep.services.report_risks import risks_of
from ownersrep.services.report_schedule import schedule_of
from ownersrep.services.report_settings import clean_choices, load_branding, load_choices
from ownersrep.services.report_summary import summary_of
from ownersrep.services.report_types import (
    Branding,
    PageSize,
    PeriodRecord,
    PortfolioReport,
    ProjectReport,
    ReportBundle,
    ReportChoices,
    Section,
)

# What each project of a portfolio report holds unless told otherwise (no cover).
PORTFOLIO_SECTIONS: tuple[Section, ...] = (
    Section.SUMMARY,
    Section.SCHEDULE,
    Section.COST,
    Section.ISSUES,
    Section.RISKS,
)
_APPENDIX = (Section.APPENDIX_ISSUES, Section.APPENDIX_RISKS, Section.APPENDIX_AUDIT)
_WORKSPACE_NAME = "workspace_name"
_DEFAULT_TITLE = "Portfolio"


def build_project_report(inp: ProjectInputs, choices: ReportChoices) -> ProjectReport:
    """Every chosen section of one project (a section not chosen is None)."""
    chosen = set(choices.sections)
    return ProjectReport(
        project_id=inp.project_id,
        currency=inp.head.currency,
        choices=choices,
        cover=cover_of(inp),
        summary=summary_of(inp) if Section.SUMMARY in chosen else None,
        schedule=schedule_of(inp, choices.look_ahead_weeks) if Section.SCHEDULE in chosen else None,
        cost=cost_of(inp) if Section.COST in chosen else None,
        issues=issues_of(inp) if Section.ISSUES in chosen else None,
        risks=risks_of(inp) if Section.RISKS in chosen else None,
        kpis=kpis_of(inp) if Section.KPIS in chosen else None,
        appendix=appendix_of(inp, choices.sections) if chosen & set(_APPENDIX) else None,
    )


def _head(s: Session, project_id: int) -> ProjectHead:
    head = project_heads(s, [project_id]).get(project_id)
    if head is None:
        raise NotFoundError("project", project_id)
    return head


def _not_found_code(code: str) -> NotFoundError:
    err = NotFoundError("project", code)
    err.args = (f"No project with code '{code}'",)
    return err


class ReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- reports ---------------------------------------------------------------------
    def project_report(
        self, project_id: int, period: str, choices: ReportChoices | None = None
    ) -> ProjectReport:
        """One project's report for the month "YYYY-MM"; choices None = its saved ones."""
        month = parse_period(period)
        chosen = clean_choices(choices) if choices is not None else None
        with self._ctx.sessions() as s:
            return self._project(s, project_id, month, chosen)

    def portfolio_report(
        self,
        period: str,
        project_ids: Sequence[int] | None = None,
        sections: Sequence[Section] | None = None,
    ) -> PortfolioReport:
        """The summary line of every project (None: the whole portfolio, in portfolio
        order), then each project's chosen sections (default PORTFOLIO_SECTIONS)."""
        month = parse_period(period)
        wanted = clean_choices({"sections": tuple(sections)}).sections if sections else None
        with self._ctx.sessions() as s:
            return self._portfolio(s, month, project_ids, wanted)

    def bundle(
        self,
        project_id: int | None,
        period: str,
        *,
        portfolio: bool = False,
        choices: ReportChoices | None = None,
        page_size: PageSize = PageSize.A4,
    ) -> ReportBundle:
        """Everything the PDF builder needs, gathered in one session: the branding and
        the project's (or, with `portfolio`, the portfolio's) report. For a portfolio,
        `choices.sections` picks each project's sections and `project_id` is ignored."""
        month = parse_period(period)
        chosen = clean_choices(choices) if choices is not None else None
        with self._ctx.sessions() as s:
            branding = load_branding(s)
            warnings = list(branding.warnings)
            if portfolio:
                sections = chosen.sections if chosen is not None else None
                report = self._portfolio(s, month, None, sections)
                for line in report.projects:
                    if line.cover.status_date is None:
                        warnings.append(self._no_status_date(line.cover.project_name))
                return ReportBundle(branding, None, report, PageSize(page_size), tuple(warnings))
            if project_id is None:
                raise NotFoundError("project", project_id)
            project = self._project(s, project_id, month, chosen)
            if project.cover.status_date is None:
                warnings.append(self._no_status_date(project.cover.project_name))
            return ReportBundle(branding, project, None, PageSize(page_size), tuple(warnings))

    def branding(self) -> Branding:
        with self._ctx.sessions() as s:
            return load_branding(s)

    # -- periods ---------------------------------------------------------------------
    def project_by_code(self, code: str) -> int:
        """The project with this code (exact, else ignoring case), else with this exact
        name. NotFoundError "No project with code 'X'" otherwise."""
        text = (code or "").strip()
        with self._ctx.sessions() as s:
            for condition in (
                Project.code == text,
                func.lower(Project.code) == text.lower(),
                Project.name == text,
            ):
                found = s.scalars(select(Project.id).where(condition).order_by(Project.id)).first()
                if found is not None and text:
                    return found
        raise _not_found_code(text)

    def periods(self, project_id: int) -> list[str]:
        """Months with a stored report record or a closed snapshot, newest first, always
        with the month of the status date (today's without one)."""
        with self._ctx.sessions() as s:
            head = _head(s, project_id)
            query = union(
                select(ReportPeriod.period).where(ReportPeriod.project_id == project_id),
                select(PeriodSnapshot.period).where(PeriodSnapshot.project_id == project_id),
            )
            found = set(s.scalars(query))
        found.add(month_of(head.status_date or self._ctx.today()))
        return sorted(found, reverse=True)

    def default_period(self, project_id: int | None) -> str:
        """The month a report made now covers: the status date's month, or the month
        before when the status date is in the first 7 days of its month. For the
        portfolio (None), the latest status date of any project."""
        with self._ctx.sessions() as s:
            if project_id is None:
                as_of = s.scalar(select(func.max(Project.status_date)))
            else:
                as_of = _head(s, project_id).status_date
        return default_period_for(as_of or self._ctx.today())

    def mark_issued(self, project_id: int, period: str) -> Outcome[PeriodRecord]:
        """Record that the period's report was issued today (kept if already issued) and
        freeze the RAG overrides of this moment into the record (unless already frozen),
        so that a rebuilt report shows the statuses as issued."""
        month = parse_period(period)
        with self._ctx.sessions.begin() as s:
            head = _head(s, project_id)
            row = record_row(s, project_id, month.text)
            created = row is None
            if row is None:
                defaults = default_record(s, project_id, month.text)
                row = ReportPeriod(
                    project_id=project_id,
                    period=month.text,
                    report_number=defaults.report_number,
                    narrative_html="",
                    achievements="",
                    prepared_by="",
                    reviewed_by="",
                )
                s.add(row)
            if row.issued_on is None:
                row.issued_on = self._ctx.today()
            if row.frozen_overrides is None:
                inp = ProjectInputs(s, head, month, self._ctx.today())
                info = {a: (o.set_on, o.set_by) for a, o in inp.overrides.items()}
                row.frozen_overrides = freeze(inp.health.areas, info)
            s.flush()
            record = to_record(row)
            row_id = row.id
        return Outcome(
            record, Changes.of(ENTITY_REPORT_PERIOD, [row_id], project_id, structural=created)
        )

    # -- helpers ---------------------------------------------------------------------
    def _no_status_date(self, name: str) -> str:
        return f"{name}: no status date; figures are as of {self._ctx.today():%d %b %Y}"

    def _project(
        self, s: Session, project_id: int, month: Period, choices: ReportChoices | None
    ) -> ProjectReport:
        head = _head(s, project_id)
        chosen = choices if choices is not None else load_choices(s, project_id)
        inp = ProjectInputs(s, head, month, self._ctx.today())
        return build_project_report(inp, chosen)

    def _portfolio(
        self,
        s: Session,
        month: Period,
        project_ids: Sequence[int] | None,
        sections: Sequence[Section] | None,
    ) -> PortfolioReport:
        today = self._ctx.today()
        scope = None if project_ids is None else list(project_ids)
        facts: dict[int, ProjectFacts] = load_facts(s, scope, today)
        heads = project_heads(s, list(facts))
        shared = SharedInputs(s)
        chosen = tuple(sections) if sections is not None else PORTFOLIO_SECTIONS
        lines, projects = [], []
        for pid, project_facts in facts.items():
            inp = ProjectInputs(s, heads[pid], month, today, project_facts, shared)
            lines.append(portfolio_line(inp))
            weeks = load_choices(s, pid).look_ahead_weeks
            projects.append(build_project_report(inp, ReportChoices(chosen, weeks)))
        title = s.scalar(select(Setting.value).where(Setting.key == _WORKSPACE_NAME))
        return PortfolioReport(
            title=title or _DEFAULT_TITLE,
            period=month.text,
            period_label=month.label,
            report_date=today,
            lines=tuple(lines),
            projects=tuple(projects),
        )


__all__ = ["PORTFOLIO_SECTIONS", "ReportService", "build_project_report"]
