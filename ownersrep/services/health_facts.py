"""The facts behind earned value and the KPIs, read for many projects at once inside the
caller's session: one grouped column select per table, whatever the number of projects
(the portfolio dashboard reads twenty projects with the same dozen queries as one).

What is read, per project:
- its status date (today when none), planned finish, code, name and currency;
- its tasks with the compared baseline's dates (see baseline_service), and whether a
  baseline is compared at all (without one, PV falls back to the current dates);
- its cost budget lines (not contingency: that is reserve, not planned work) with the
  revised budget, original + approved change orders;
- AC: certified pay applications whose period ends on or before the status date;
- the contingency budget (original + approved additions) and what approved change
  orders drew from it;
- open issues and risks that are not closed;
- whether its default calendar works a day (projects without calendars work Mon–Fri).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from ownersrep.db.models import (
    Baseline,
    BaselineTask,
    BudgetLine,
    Calendar,
    ChangeOrder,
    Commitment,
    PayApplication,
    Program,
    Project,
    Setting,
    Task,
)
from ownersrep.db.models import Issue as IssueRow
from ownersrep.db.models import Risk as RiskRow
from ownersrep.domain.cost.enums import BudgetLineKind, ChangeStatus
from ownersrep.domain.enums import IssueStatus, RiskStatus
from ownersrep.domain.evm import ZERO, IsWorking
from ownersrep.domain.health.kpis import IssueFacts, RiskFacts
from ownersrep.domain.scheduling.days import day_of_finish
from ownersrep.domain.scheduling.model import CalendarSpec
from ownersrep.services.baseline_service import COMPARED_PREFIX
from ownersrep.services.calendar_codec import calendar_spec
from ownersrep.services.health_calendar import STANDARD_DAYS, working_days_of

_APPROVED = ChangeStatus.APPROVED.value
_ACTIVE_ISSUES = [s.value for s in IssueStatus if s.is_active]


@dataclass(slots=True)
class TaskFacts:
    id: int
    parent_id: int | None
    kind: str
    name: str
    start: date | None
    finish: date | None
    duration_days: int
    percent: int
    actual_finish: datetime | None
    deadline: datetime | None
    in_baseline: bool = False
    base_start: date | None = None
    base_finish: date | None = None


@dataclass(frozen=True, slots=True)
class LineFacts:
    id: int
    task_id: int | None
    revised: Decimal


@dataclass(slots=True)
class ProjectFacts:
    project_id: int
    code: str
    name: str
    currency: str
    as_of: date
    planned_finish: date | None
    is_working: IsWorking
    has_baseline: bool = False
    tasks: list[TaskFacts] = field(default_factory=list)
    lines: list[LineFacts] = field(default_factory=list)
    ac: Decimal = ZERO
    contingency_budget: Decimal | None = None
    contingency_drawn: Decimal = ZERO
    issues: list[IssueFacts] = field(default_factory=list)
    risks: list[RiskFacts] = field(default_factory=list)


class _Days(dict[Any, Any]):
    """Convert each distinct stored value once; None stays None."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__({None: None})
        self._convert = convert

    def __missing__(self, value: Any) -> Any:
        out = self[value] = self._convert(value)
        return out


def _compared(s: Session, pids: Sequence[int]) -> dict[int, int]:
    """Project id → the id of the baseline it is compared against (only real ones)."""
    keys = [f"{COMPARED_PREFIX}{pid}" for pid in pids]
    named: dict[int, int] = {}
    for key, value in _rows(s, select(Setting.key, Setting.value).where(Setting.key.in_(keys))):
        if value.strip().isdigit():
            named[int(key.removeprefix(COMPARED_PREFIX))] = int(value)
    if not named:
        return {}
    query = select(Baseline.id, Baseline.project_id).where(Baseline.id.in_(named.values()))
    owners = {bid: owner for bid, owner in _rows(s, query)}
    return {pid: bid for pid, bid in named.items() if owners.get(bid) == pid}


def _calendars(s: Session, pids: Sequence[int], facts: dict[int, ProjectFacts]) -> None:
    columns = [c for c in Calendar.__table__.c if c.name != "project_id"]
    defaults: dict[int, CalendarSpec] = {}
    query = (
        select(Calendar.project_id, *columns)
        .where(Calendar.project_id.in_(pids))
        .order_by(Calendar.project_id, Calendar.is_default.desc(), Calendar.id)
    )
    for row in _rows(s, query):
        if row.project_id not in defaults:  # the default, else the first
            defaults[row.project_id] = calendar_spec(row._mapping)
    for pid, spec in defaults.items():
        facts[pid].is_working = working_days_of(spec, facts[pid].as_of)


def _rows(s: Session, query: Any) -> list[Any]:
    """All rows at once, straight off the connection (no ORM row handling)."""
    return s.connection().execute(query).all()


def _raw(column: Any) -> Any:
    """A date column read as its stored text (parsed once per distinct value below)."""
    return type_coerce(column, String).label(column.key)


def _parser(convert: Callable[[str], Any]) -> _Days:
    # A database that hands back date objects (not SQLite's text) passes them on.
    return _Days(lambda value: convert(value) if isinstance(value, str) else value)


def _baseline_dates(
    s: Session, baseline_ids: list[int], moment: _Days
) -> dict[int, tuple[date | None, date | None]]:
    """Task id → (start day, finish day) in the compared baselines: one range scan of
    baseline_task's primary key per baseline (a join probing every baseline for every
    task took four times as long)."""
    if not baseline_ids:
        return {}
    bt = BaselineTask
    query = select(bt.task_id, _raw(bt.start), _raw(bt.finish)).where(
        bt.baseline_id.in_(baseline_ids)
    )
    finishes: dict[tuple[Any, Any], date] = {}
    dates: dict[int, tuple[date | None, date | None]] = {}
    for tid, start_text, finish_text in _rows(s, query):
        started = moment[start_text]
        finish = None
        if finish_text is not None:
            key = (finish_text, start_text)
            finish = finishes.get(key)
            if finish is None:
                finish = finishes[key] = day_of_finish(moment[finish_text], started)
        dates[tid] = (started.date() if started is not None else None, finish)
    return dates


def _tasks(s: Session, pids: Sequence[int], facts: dict[int, ProjectFacts]) -> None:
    compared = _compared(s, pids)
    for pid in compared:
        facts[pid].has_baseline = True
    day = _parser(date.fromisoformat)
    moment = _parser(datetime.fromisoformat)
    saved = _baseline_dates(s, list(compared.values()), moment)
    query = (
        select(
            Task.project_id,
            Task.id,
            Task.parent_id,
            Task.kind,
            Task.name,
            _raw(Task.start),
            _raw(Task.finish),
            Task.duration_days,
            Task.percent_complete,
            _raw(Task.actual_finish),
            _raw(Task.deadline),
        )
        .where(Task.project_id.in_(pids))
        .order_by(Task.project_id, Task.id)
    )
    for pid, tid, parent, kind, name, start, finish, *rest in _rows(s, query):
        days, pct, done, deadline = rest
        task = TaskFacts(
            tid, parent, kind, name, day[start], day[finish], days, pct, moment[done],
            moment[deadline],
        )  # fmt: skip
        base = saved.get(tid)
        if base is not None:
            task.in_baseline = True
            task.base_start, task.base_finish = base
        facts[pid].tasks.append(task)


def _money(s: Session, query: Any) -> dict[Any, Decimal]:
    rows = _rows(s, query)
    return {key: amount for key, amount in rows if amount is not None}


def _lines(s: Session, pids: Sequence[int], facts: dict[int, ProjectFacts]) -> None:
    approved_changes = ChangeOrder.status == _APPROVED
    approved = _money(
        s,
        select(ChangeOrder.budget_line_id, func.sum(ChangeOrder.cost))
        .where(
            ChangeOrder.project_id.in_(pids),
            approved_changes,
            ChangeOrder.budget_line_id.is_not(None),
        )
        .group_by(ChangeOrder.budget_line_id),
    )
    query = (
        select(
            BudgetLine.project_id,
            BudgetLine.id,
            BudgetLine.task_id,
            BudgetLine.kind,
            BudgetLine.original,
        )
        .where(BudgetLine.project_id.in_(pids))
        .order_by(BudgetLine.project_id, BudgetLine.sort_order, BudgetLine.code)
    )
    contingency: defaultdict[int, Decimal] = defaultdict(lambda: ZERO)
    for pid, lid, task_id, kind, original in _rows(s, query):
        revised = original + approved.get(lid, ZERO)
        if kind == BudgetLineKind.CONTINGENCY.value:
            contingency[pid] += revised  # original + approved additions
        else:
            facts[pid].lines.append(LineFacts(lid, task_id, revised))
    drawn = _money(
        s,
        select(ChangeOrder.project_id, func.sum(ChangeOrder.cost))
        .where(
            ChangeOrder.project_id.in_(pids),
            approved_changes,
            ChangeOrder.from_contingency.is_(True),
            ChangeOrder.contingency_line_id.is_not(None),
        )
        .group_by(ChangeOrder.project_id),
    )
    for pid, available in contingency.items():
        facts[pid].contingency_budget = available
    for pid, amount in drawn.items():
        facts[pid].contingency_drawn = amount


def _actual_cost(
    s: Session, pids: Sequence[int], today: date, facts: dict[int, ProjectFacts]
) -> None:
    status_date = func.coalesce(Project.status_date, today)
    query = (
        select(Commitment.project_id, func.sum(PayApplication.certified))
        .join(Commitment, Commitment.id == PayApplication.commitment_id)
        .join(Project, Project.id == Commitment.project_id)
        .where(Commitment.project_id.in_(pids), PayApplication.period_end <= status_date)
        .group_by(Commitment.project_id)
    )
    for pid, amount in _money(s, query).items():
        facts[pid].ac = amount


def _issues_and_risks(s: Session, pids: Sequence[int], facts: dict[int, ProjectFacts]) -> None:
    issues = select(
        IssueRow.project_id, IssueRow.status, _raw(IssueRow.raised_on), _raw(IssueRow.due_on)
    ).where(IssueRow.project_id.in_(pids), IssueRow.status.in_(_ACTIVE_ISSUES))
    day = _parser(date.fromisoformat)
    statuses = {s.value: s for s in IssueStatus}
    for pid, status, raised, due in _rows(s, issues):
        facts[pid].issues.append(IssueFacts(statuses[status], day[raised], day[due]))
    risks = select(RiskRow.project_id, RiskRow.probability, RiskRow.impact, RiskRow.status).where(
        RiskRow.project_id.in_(pids), RiskRow.status != RiskStatus.CLOSED.value
    )
    for pid, probability, impact, status in _rows(s, risks):
        facts[pid].risks.append(RiskFacts(probability, impact, RiskStatus(status)))


def load_facts(
    s: Session, project_ids: Sequence[int] | None, today: date
) -> dict[int, ProjectFacts]:
    """The facts of these projects (None: every project), in portfolio order (as the
    portfolio page lists them). Ids of projects that do not exist are left out."""
    query = (
        select(
            Project.id,
            Project.code,
            Project.name,
            Project.currency,
            Project.status_date,
            Project.planned_finish,
        )
        .outerjoin(Program, Program.id == Project.program_id)
        .order_by(Program.sort_order, Project.sort_order, Project.name, Project.id)
    )
    if project_ids is not None:
        query = query.where(Project.id.in_(list(project_ids)))
    facts: dict[int, ProjectFacts] = {}
    for pid, code, name, currency, status_date, planned_finish in _rows(s, query):
        as_of = status_date or today
        facts[pid] = ProjectFacts(pid, code, name, currency, as_of, planned_finish, STANDARD_DAYS)
    pids = list(facts)
    if not pids:
        return facts
    _calendars(s, pids, facts)
    _tasks(s, pids, facts)
    _lines(s, pids, facts)
    _actual_cost(s, pids, today, facts)
    _issues_and_risks(s, pids, facts)
    return facts
