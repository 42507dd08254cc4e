"""A project as stored, read as the scheduling engine's input (`SchedProject`).

Engine task ids are the database task ids. What the engine takes is what the user (or
the schedule file) set: durations, links and lags, calendars, constraints, deadlines,
actuals and progress. A task's stored start and finish are the engine's answer, except
for a manual task (MS Project's manually scheduled), whose typed dates hold it: it is
pinned to its start (must start on) for the working time its dates span.

Read with column selects, not ORM entities: a 10,000-task project is read on every edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import Project, Task, TaskLink
from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.errors import NotFoundError
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.days import finish_moment, start_moment
from ownersrep.domain.scheduling.model import (
    CalendarSpec,
    ConstraintType,
    Convention,
    LagUnit,
    SchedLink,
    SchedProject,
    SchedTask,
)
from ownersrep.services.schedule_calendar import project_calendars

MINUTES_PER_ELAPSED_DAY = 24 * 60

_KINDS = {k.value: k for k in TaskKind}
_CONSTRAINTS = {c.value: c for c in ConstraintType}
_LINK_TYPES = {t.value: t for t in LinkType}

_TASK_COLUMNS = (
    Task.id,
    Task.parent_id,
    Task.name,
    Task.kind,
    Task.start,
    Task.finish,
    Task.duration_days,
    Task.work_minutes,
    Task.calendar_id,
    Task.constraint_type,
    Task.constraint_date,
    Task.deadline,
    Task.actual_start,
    Task.actual_finish,
    Task.percent_complete,
    Task.remaining_minutes,
    Task.manual,
    Task.total_float,
    Task.free_float,
    Task.critical,
)


@dataclass(frozen=True)
class StoredResult:
    """What the last run wrote for a task: start, finish, total and free float, critical."""

    start: date | None
    finish: date | None
    total_float: int | None
    free_float: int | None
    critical: bool


@dataclass(frozen=True)
class LoadedSchedule:
    project: SchedProject
    specs: dict[str, CalendarSpec]  # by key
    calendar_of: dict[int, str]  # task id → calendar key
    manual: frozenset[int]  # tasks whose typed dates stand
    stored: dict[int, StoredResult]
    names: dict[int, str]
    # (link id, stored driving flag) in the order of `project.links`: what a write-back
    # compares the engine's answer with.
    link_state: tuple[tuple[int, bool], ...] = ()

    def minutes_per_day(self, task_id: int) -> int:
        return self.specs[self.calendar_of[task_id]].minutes_per_day or 480


def data_date(project: Project) -> datetime | None:
    """The instant before which no unfinished work is scheduled."""
    if project.data_date is not None:
        return project.data_date
    return None if project.status_date is None else finish_moment(project.status_date)


def _earliest_day(rows: list, today: date) -> date:
    """A start for a project that has none: its earliest date of any kind (not only the
    stored starts, which follow the last run and would let the start creep later)."""
    days = [r.start for r in rows if r.start is not None]
    days += [m.date() for r in rows for m in (r.constraint_date, r.actual_start) if m]
    return min(days, default=today)


def load_schedule(s: Session, project_id: int, today: date) -> LoadedSchedule:
    project = s.get(Project, project_id)
    if project is None:
        raise NotFoundError("project", project_id)
    by_id, default_key = project_calendars(s, project_id)
    specs = {spec.key: spec for spec in by_id.values()}
    rows = s.execute(select(*_TASK_COLUMNS).where(Task.project_id == project_id)).all()
    parents = {r.parent_id for r in rows if r.parent_id is not None}
    native = project.source_format is None
    work_cals: dict[str, WorkCalendar] = {}
    start_day = project.planned_start or _earliest_day(rows, today)

    def work_calendar(key: str) -> WorkCalendar:
        if key not in work_cals:
            work_cals[key] = WorkCalendar(specs[key], start_day)
        return work_cals[key]

    tasks: list[SchedTask] = []
    calendar_of: dict[int, str] = {}
    manual: set[int] = set()
    stored: dict[int, StoredResult] = {}
    names: dict[int, str] = {}
    for r in rows:
        key = by_id[r.calendar_id].key if r.calendar_id in by_id else default_key
        calendar_of[r.id] = key
        names[r.id] = r.name
        stored[r.id] = StoredResult(r.start, r.finish, r.total_float, r.free_float, r.critical)
        per_day = specs[key].minutes_per_day or 480
        kind = _KINDS.get(r.kind, TaskKind.TASK)
        if r.id in parents:
            kind = TaskKind.SUMMARY
        elif kind is TaskKind.SUMMARY:
            kind = TaskKind.TASK
        duration = r.work_minutes if r.work_minutes is not None else r.duration_days * per_day
        constraint = _CONSTRAINTS.get(r.constraint_type, ConstraintType.ASAP)
        constraint_date = r.constraint_date
        if kind is TaskKind.SUMMARY and native:
            # A task that became a summary keeps its constraint for an undo, but its
            # dates now roll up from its children: the constraint no longer holds them.
            constraint, constraint_date = ConstraintType.ASAP, None
        not_started = r.actual_start is None and r.actual_finish is None and not r.percent_complete
        if r.manual and kind is not TaskKind.SUMMARY and r.start is not None:
            manual.add(r.id)
            if not_started:
                constraint, constraint_date = ConstraintType.MSO, start_moment(r.start)
                if r.finish is not None and kind is TaskKind.TASK:
                    span = work_calendar(key).working_minutes_between(
                        start_moment(r.start), finish_moment(r.finish)
                    )
                    duration = max(span, 0)
        tasks.append(
            SchedTask(
                id=r.id,
                name=r.name,
                kind=kind,
                parent_id=r.parent_id,
                duration=0 if kind is not TaskKind.TASK else max(duration, 0),
                calendar=None if key == default_key else key,
                constraint=constraint,
                constraint_date=constraint_date,
                deadline=r.deadline,
                actual_start=r.actual_start,
                actual_finish=r.actual_finish,
                percent_complete=float(r.percent_complete or 0),
                remaining=r.remaining_minutes,
            )
        )
    links, link_state = _links(s, project_id, calendar_of, specs, project.source_format == "xer")
    sched = SchedProject(
        start=start_moment(start_day),
        calendars=tuple(specs.values()),
        default_calendar=default_key,
        tasks=tuple(tasks),
        links=links,
        status_date=data_date(project),
        convention=Convention.P6 if project.source_format == "xer" else Convention.MS_PROJECT,
    )
    return LoadedSchedule(sched, specs, calendar_of, frozenset(manual), stored, names, link_state)


def _links(
    s: Session,
    project_id: int,
    calendar_of: dict[int, str],
    specs: dict[str, CalendarSpec],
    p6: bool,
) -> tuple[tuple[SchedLink, ...], tuple[tuple[int, bool], ...]]:
    rows = s.execute(
        select(
            TaskLink.id,
            TaskLink.driving,
            TaskLink.predecessor_id,
            TaskLink.successor_id,
            TaskLink.link_type,
            TaskLink.lag_days,
            TaskLink.lag_minutes,
            TaskLink.lag_elapsed,
        )
        .where(TaskLink.project_id == project_id)
        .order_by(TaskLink.id)
    ).all()
    links = []
    for _id, _driving, pred, succ, kind, lag_days, lag_minutes, elapsed in rows:
        if lag_minutes is not None:
            lag = lag_minutes
        elif elapsed:
            lag = lag_days * MINUTES_PER_ELAPSED_DAY
        else:
            # A working lag counts in the successor's calendar (MS Project) or in the
            # predecessor's (P6), as the engine does.
            spec = specs.get(calendar_of.get(pred if p6 else succ, ""))
            lag = lag_days * ((spec.minutes_per_day if spec else 0) or 480)
        links.append(
            SchedLink(
                predecessor=pred,
                successor=succ,
                type=_LINK_TYPES.get(kind, LinkType.FS),
                lag=lag,
                lag_unit=LagUnit.ELAPSED if elapsed else LagUnit.WORKING,
            )
        )
    return tuple(links), tuple((r[0], bool(r[1])) for r in rows)
