"""Schedule-wide use cases: the status date, progress up to it, the links as the Gantt
draws them, the calendar, and why a task is where it is.

Task edits live in `TaskService`; both reschedule inside their transaction
(`schedule_run.reschedule`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.bulk import read_all
from ownersrep.db.models import Project, Task, TaskLink
from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.cpm import schedule
from ownersrep.domain.scheduling.days import (
    day_of_finish,
    day_of_start,
    finish_moment,
    start_moment,
)
from ownersrep.services.changes import Changes, Outcome, rescheduled
from ownersrep.services.context import ServiceContext
from ownersrep.services.schedule_calendar import project_work_calendar
from ownersrep.services.schedule_dates import ScheduledDates, scheduled_dates
from ownersrep.services.schedule_explain import PathStep, explain
from ownersrep.services.schedule_input import load_schedule
from ownersrep.services.schedule_run import reschedule
from ownersrep.services.task_edits import apply_fields
from ownersrep.services.task_queries import shape_query, subtree_ids
from ownersrep.services.task_tree import LinkRow, outline


@dataclass(frozen=True)
class ScheduleInfo:
    project_id: int
    status_date: date | None
    scheduled_at: datetime | None
    imported_from: str | None  # "mspdi" / "xer", None when made here


class ScheduleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def info(self, project_id: int) -> ScheduleInfo:
        with self._ctx.sessions() as s:
            p = self._project(s, project_id)
            return ScheduleInfo(p.id, p.status_date, p.scheduled_at, p.source_format)

    def list_links(self, project_id: int) -> list[LinkRow]:
        with self._ctx.sessions() as s:
            rows = read_all(
                s,
                select(
                    TaskLink.id,
                    TaskLink.predecessor_id,
                    TaskLink.successor_id,
                    TaskLink.link_type,
                    TaskLink.lag_days,
                    TaskLink.driving,
                )
                .where(TaskLink.project_id == project_id)
                .order_by(TaskLink.id),
            )
        return _link_rows(rows)

    def incoming_links(self, task_id: int) -> list[LinkRow]:
        """The links into one task (for a tooltip: which of them drive it)."""
        with self._ctx.sessions() as s:
            rows = s.execute(
                select(
                    TaskLink.id,
                    TaskLink.predecessor_id,
                    TaskLink.successor_id,
                    TaskLink.link_type,
                    TaskLink.lag_days,
                    TaskLink.driving,
                )
                .where(TaskLink.successor_id == task_id)
                .order_by(TaskLink.id)
            ).all()
        return _link_rows(rows)

    def dates_of(self, project_id: int, task_ids: Collection[int]) -> dict[int, ScheduledDates]:
        """What the engine set for these tasks, as the task table shows it."""
        with self._ctx.sessions() as s:
            return scheduled_dates(s, self._ctx.schedule_memo, project_id, task_ids)

    def calendar(self, project_id: int, origin: date | None = None) -> WorkCalendar:
        """The project's default working calendar (for shading non-working days)."""
        with self._ctx.sessions() as s:
            return project_work_calendar(s, project_id, origin or self._ctx.today())

    def explain(self, task_id: int) -> list[PathStep]:
        """The driving path of a task: what sets its date, back to where it comes from."""
        with self._ctx.sessions() as s:
            t = s.get(Task, task_id)
            if t is None:
                raise NotFoundError("task", task_id)
            loaded = load_schedule(s, t.project_id, self._ctx.today())
            shape = outline(s.execute(shape_query(t.project_id)))
        result = schedule(loaded.project)
        return explain(
            loaded.project,
            result,
            task_id,
            shape.wbs,
            days=lambda tid, minutes: round(minutes / loaded.minutes_per_day(tid), 2),
            names=loaded.names,
        )

    # -- edits -----------------------------------------------------------------------
    def ensure_scheduled(self, project_id: int) -> Changes:
        """Schedule a project the engine has never run on (made before schema 0003)."""
        with self._ctx.sessions() as s:
            if self._project(s, project_id).scheduled_at is not None:
                return Changes()
        return self.reschedule(project_id)

    def reschedule(self, project_id: int) -> Changes:
        with self._ctx.sessions.begin() as s:
            self._project(s, project_id)
            changed = self._run(s, project_id)
        return rescheduled(changed, project_id)

    def set_status_date(
        self, project_id: int, day: date | None
    ) -> Outcome[tuple[date | None, datetime | None]]:
        """Set the status (data) date: unfinished work is scheduled after it. Returns
        the old (status date, data date) for `restore_status_date`."""
        with self._ctx.sessions.begin() as s:
            p = self._project(s, project_id)
            old = (p.status_date, p.data_date)
            p.status_date, p.data_date = day, None
            changed = self._run(s, project_id)
        changes = Changes.of("project", [project_id], project_id)
        return Outcome(old, changes | rescheduled(changed, project_id))

    def restore_status_date(
        self, project_id: int, old: tuple[date | None, datetime | None]
    ) -> Changes:
        with self._ctx.sessions.begin() as s:
            p = self._project(s, project_id)
            p.status_date, p.data_date = old
            changed = self._run(s, project_id)
        return Changes.of("project", [project_id], project_id) | rescheduled(changed, project_id)

    def mark_on_schedule(self, task_ids: Sequence[int]) -> Outcome[dict[int, dict[str, Any]]]:
        """Record progress as planned up to the status date on these tasks (and the tasks
        under any summary among them): finished if they finish by it, started and that
        far along if they start by it. Returns the old progress fields per task."""
        with self._ctx.sessions.begin() as s:
            tasks = self._leaves(s, task_ids)
            if not tasks:
                return Outcome({}, Changes())
            project_id = tasks[0].project_id
            p = self._project(s, project_id)
            if p.status_date is None:
                raise ValidationError("Status date", "set the status date first")
            cal = project_work_calendar(s, project_id, p.planned_start or p.status_date)
            planned = _planned_days(s, project_id, self._ctx.today())
            old: dict[int, dict[str, Any]] = {}
            for t in tasks:
                new = _on_schedule(t, planned.get(t.id, (t.start, t.finish)), p.status_date, cal)
                before = apply_fields(t, new)
                if before:
                    old[t.id] = before
            changed = self._run(s, project_id, list(old)) if old else ()
        return Outcome(old, Changes.of("task", old, project_id) | rescheduled(changed, project_id))

    def set_stored_fields(self, values: Mapping[int, Mapping[str, Any]]) -> Outcome[dict]:
        """Put stored task fields back (undo of `mark_on_schedule`); returns the values
        they had, per task."""
        if not values:
            return Outcome({}, Changes())
        with self._ctx.sessions.begin() as s:
            old: dict[int, dict[str, Any]] = {}
            project_id = None
            for task_id, fields in values.items():
                t = s.get(Task, task_id)
                if t is None:
                    raise NotFoundError("task", task_id)
                project_id = t.project_id
                old[task_id] = apply_fields(t, fields, stored_only=True)
            assert project_id is not None
            changed = self._run(s, project_id, list(old))
        return Outcome(old, Changes.of("task", old, project_id) | rescheduled(changed, project_id))

    # -- helpers ---------------------------------------------------------------------
    def _run(
        self, s: Session, project_id: int, touched: Sequence[int] | None = None
    ) -> frozenset[int]:
        """Reschedule; `touched`: tasks of an edit that changed only their own fields."""
        ctx = self._ctx
        return reschedule(s, project_id, ctx.today(), ctx.schedule_memo, touched).changed

    @staticmethod
    def _project(s: Session, project_id: int) -> Project:
        p = s.get(Project, project_id)
        if p is None:
            raise NotFoundError("project", project_id)
        return p

    @staticmethod
    def _leaves(s: Session, task_ids: Sequence[int]) -> list[Task]:
        ids: set[int] = set()
        for task_id in task_ids:
            ids.update(s.scalars(subtree_ids(task_id)))
        parents = set(s.scalars(select(Task.parent_id).where(Task.parent_id.in_(ids))))
        found = s.scalars(select(Task).where(Task.id.in_(ids - parents)).order_by(Task.id))
        tasks = list(found)
        if len({t.project_id for t in tasks}) > 1:
            raise ValidationError("Tasks", "belong to more than one project")
        return tasks


def _planned_days(s: Session, project_id: int, today: date) -> dict[int, tuple[date, date]]:
    """Each task's dates as planned: scheduled without the status date, which would have
    moved all unfinished work after it."""
    loaded = load_schedule(s, project_id, today)
    result = schedule(replace(loaded.project, status_date=None))
    return {
        tid: (day_of_start(d.early_start), day_of_finish(d.early_finish, d.early_start))
        for tid, d in result.dates.items()
    }


def _on_schedule(
    t: Task, planned: tuple[date | None, date | None], status: date, cal: WorkCalendar
) -> dict[str, Any]:
    """The progress fields of a task that went as planned up to the status date."""
    start, finish = planned
    if start is None or finish is None or start > status or t.actual_finish is not None:
        return {}
    begun = t.actual_start or start_moment(start)
    if t.kind == TaskKind.MILESTONE.value or finish <= status:
        end = begun if t.kind == TaskKind.MILESTONE.value else finish_moment(finish)
        return {
            "actual_start": begun,
            "actual_finish": end,
            "percent_complete": 100,
            "remaining_minutes": None,
        }
    total = cal.working_minutes_between(start_moment(start), finish_moment(finish))
    done = cal.working_minutes_between(start_moment(start), finish_moment(status))
    percent = min(99, max(t.percent_complete, round(100 * done / total) if total > 0 else 0))
    return {"actual_start": begun, "percent_complete": percent, "remaining_minutes": None}


__all__ = ["ScheduleInfo", "ScheduleService"]


_LINK_TYPES = {t.value: t for t in LinkType}


def _link_rows(rows: Iterable[Sequence[Any]]) -> list[LinkRow]:
    # tuple.__new__: LinkRow(...) without the Python-level __new__ (20,000 links).
    new, kinds, fs = tuple.__new__, _LINK_TYPES.get, LinkType.FS
    return [new(LinkRow, (i, p, q, kinds(k, fs), lag, bool(d))) for i, p, q, k, lag, d in rows]
