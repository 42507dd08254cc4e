"""A project as stored, read as the scheduling engine's input (`SchedProject`).

Engine task ids are the database task ids. What the engine takes is what the user (or
the schedule file) set: durations, links and lags, calendars, constraints, deadlines,
actuals and progress. A task's stored start and finish are the engine's answer, except
for a manual task (MS Project's manually scheduled), whose typed dates hold it: it is
pinned to its start (must start on) for the working time its dates span.

Read with column selects, not ORM entities: a 10,000-task project is read on every edit.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, NamedTuple

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

_TASK_COLUMNS = (  # read as tuples: the positions below name them
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
_ID, _PARENT, _NAME, _START, _FINISH, _CAL, _CTYPE, _CDATE, _ACT_START = 0, 1, 2, 4, 5, 8, 9, 10, 12
_TF, _FF, _CRIT = 17, 18, 19


class StoredResult(NamedTuple):
    """What the last run wrote for a task: start, finish, total and free float, critical.
    (A tuple: a reschedule makes one per changed task, thousands per drag.)"""

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
    project_id: int = 0
    # What a patch (`patch_schedule`) needs to read a few rows again as `load_schedule`
    # would: the calendar key of each calendar id, the default key, and the parents.
    calendar_keys: dict[int, str] = field(default_factory=dict)
    default_key: str = ""
    parents: frozenset[int] = frozenset()
    planned_start: date | None = None
    position: dict[int, int] = field(default_factory=dict)  # task id → index in tasks

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
    days = [r[_START] for r in rows if r[_START] is not None]
    days += [m.date() for r in rows for m in (r[_CDATE], r[_ACT_START]) if m]
    return min(days, default=today)


class _Reader:
    """Turns task rows (tuples in `_TASK_COLUMNS` order) into the engine's tasks."""

    def __init__(
        self,
        specs: dict[str, CalendarSpec],
        calendar_keys: dict[int, str],
        default_key: str,
        parents: frozenset[int] | set[int],
        native: bool,
        start_day: date,
    ) -> None:
        self.specs, self.calendar_keys, self.default_key = specs, calendar_keys, default_key
        self.parents, self.native, self.start_day = parents, native, start_day
        self._work_cals: dict[str, WorkCalendar] = {}

    def work_calendar(self, key: str) -> WorkCalendar:
        found = self._work_cals.get(key)
        if found is None:
            found = self._work_cals[key] = WorkCalendar(self.specs[key], self.start_day)
        return found

    def key_of(self, r: Sequence[Any]) -> str:
        return self.calendar_keys.get(r[_CAL], self.default_key)

    def task(self, r: Sequence[Any], key: str) -> tuple[SchedTask, bool]:
        """The engine's task for a row, and whether its typed dates stand (manual)."""
        (tid, parent_id, name, kind_text, start, finish, duration_days, work_minutes) = r[:8]
        (ctype, cdate, deadline, act_start, act_finish, percent, remaining, is_manual) = r[
            _CTYPE:_TF
        ]
        per_day = self.specs[key].minutes_per_day or 480
        kind = _KINDS.get(kind_text, TaskKind.TASK)
        if tid in self.parents:
            kind = TaskKind.SUMMARY
        elif kind is TaskKind.SUMMARY:
            kind = TaskKind.TASK
        duration = work_minutes if work_minutes is not None else duration_days * per_day
        constraint = _CONSTRAINTS.get(ctype, ConstraintType.ASAP)
        if kind is TaskKind.SUMMARY and self.native:
            # A task that became a summary keeps its constraint for an undo, but its
            # dates now roll up from its children: the constraint no longer holds them.
            constraint, cdate = ConstraintType.ASAP, None
        manual = bool(is_manual) and kind is not TaskKind.SUMMARY and start is not None
        if manual and act_start is None and act_finish is None and not percent:
            constraint, cdate = ConstraintType.MSO, start_moment(start)
            if finish is not None and kind is TaskKind.TASK:
                span = self.work_calendar(key).working_minutes_between(
                    start_moment(start), finish_moment(finish)
                )
                duration = max(span, 0)
        task = SchedTask(
            id=tid,
            name=name,
            kind=kind,
            parent_id=parent_id,
            duration=0 if kind is not TaskKind.TASK else max(duration, 0),
            calendar=None if key == self.default_key else key,
            constraint=constraint,
            constraint_date=cdate,
            deadline=deadline,
            actual_start=act_start,
            actual_finish=act_finish,
            percent_complete=float(percent or 0),
            remaining=remaining,
        )
        return task, manual


def _stored(r: Sequence[Any]) -> StoredResult:
    return StoredResult(r[_START], r[_FINISH], r[_TF], r[_FF], bool(r[_CRIT]))


def load_schedule(s: Session, project_id: int, today: date) -> LoadedSchedule:
    project = s.get(Project, project_id)
    if project is None:
        raise NotFoundError("project", project_id)
    by_id, default_key = project_calendars(s, project_id)
    specs = {spec.key: spec for spec in by_id.values()}
    calendar_keys = {cid: spec.key for cid, spec in by_id.items()}
    # Plain tuples: attribute access on 10,000 Rows costs more than the query.
    rows = [
        tuple(r) for r in s.execute(select(*_TASK_COLUMNS).where(Task.project_id == project_id))
    ]
    parents = frozenset(r[_PARENT] for r in rows if r[_PARENT] is not None)
    start_day = project.planned_start or _earliest_day(rows, today)
    reader = _Reader(
        specs, calendar_keys, default_key, parents, project.source_format is None, start_day
    )
    tasks: list[SchedTask] = []
    calendar_of: dict[int, str] = {}
    manual: set[int] = set()
    for r in rows:
        key = calendar_of[r[_ID]] = reader.key_of(r)
        task, is_manual = reader.task(r, key)
        tasks.append(task)
        if is_manual:
            manual.add(task.id)
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
    return LoadedSchedule(
        sched,
        specs,
        calendar_of,
        frozenset(manual),
        {r[_ID]: _stored(r) for r in rows},
        {r[_ID]: r[_NAME] for r in rows},
        link_state,
        project_id,
        calendar_keys,
        default_key,
        parents,
        project.planned_start,
        {t.id: n for n, t in enumerate(tasks)},
    )


def patch_schedule(
    s: Session, loaded: LoadedSchedule, touched: Collection[int]
) -> LoadedSchedule | None:
    """`loaded` with the rows of `touched` read again: what `load_schedule` would return
    after an edit of those tasks' own fields, for a fraction of the cost. None when the
    edit reached further than the rows (the tree, a calendar, the project's start, a
    lag's calendar): then the caller loads the whole project."""
    project = s.get(Project, loaded.project_id)
    if project is None or project.planned_start is None:
        return None
    if project.planned_start != loaded.planned_start:
        return None
    rows = [tuple(r) for r in s.execute(select(*_TASK_COLUMNS).where(Task.id.in_(list(touched))))]
    if len(rows) != len(touched):
        return None
    sched = loaded.project
    reader = _Reader(
        loaded.specs,
        loaded.calendar_keys,
        loaded.default_key,
        loaded.parents,
        project.source_format is None,
        loaded.planned_start,
    )
    tasks = list(sched.tasks)
    manual, stored, names = set(loaded.manual), dict(loaded.stored), dict(loaded.names)
    for r in rows:
        tid = r[_ID]
        at = loaded.position.get(tid)
        key = reader.key_of(r)
        if at is None or tasks[at].parent_id != r[_PARENT] or key != loaded.calendar_of[tid]:
            return None
        task, is_manual = reader.task(r, key)
        tasks[at] = task
        (manual.add if is_manual else manual.discard)(tid)
        stored[tid], names[tid] = _stored(r), r[_NAME]
    return replace(
        loaded,
        project=replace(sched, tasks=tuple(tasks), status_date=data_date(project)),
        manual=frozenset(manual),
        stored=stored,
        names=names,
    )


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
