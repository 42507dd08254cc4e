"""An imported schedule as the engine's input: `to_sched_project(schedule)`.

Used by the import (to schedule a file before it is written) and by the compare tool.
Task keys become engine ids 1..n in file order; the caller gets the key → id map back.

- The convention follows the file: P6 rules for XER, MS Project's for MSPDI (lags in
  the predecessor's or the successor's calendar; the late start of a started task).
- A manually scheduled task (MS Project) keeps its typed dates: it is pinned to its
  start (must start on) with the duration its typed start and finish span, so links do
  not move it but it still drives its successors.
- A task not yet started whose own start and finish in the file span a different
  amount of working time on its calendar than its duration says is scheduled with the
  span, and a note says so. That happens when the source scheduler measured the task
  on its resources' calendars (MS Project: a task without a task calendar works when
  its resources do) or split it; OwnersRep has neither, and the file's span is what
  the contractor's schedule shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.model import (
    ConstraintType,
    Convention,
    SchedLink,
    SchedProject,
    SchedTask,
    ScheduleError,
)
from ownersrep.interchange.schedule_file import ImportedSchedule, ImportedTask


@dataclass(frozen=True)
class EngineInput:
    project: SchedProject
    ids: dict[str, int]  # task key → engine id
    notes: tuple[str, ...]  # durations taken from the file's span, and why
    span_keys: frozenset[str]  # tasks scheduled with their span, not their duration


def convention_of(schedule: ImportedSchedule) -> Convention:
    return Convention.P6 if schedule.format == "xer" else Convention.MS_PROJECT


def _days(minutes: int, per_day: int) -> str:
    return f"{minutes / per_day:.4g} d"


def file_span(task: ImportedTask, cal: WorkCalendar) -> int | None:
    """Working minutes between the task's own start and finish in the file, if stated."""
    if task.start is None or task.finish is None or task.finish < task.start:
        return None
    return cal.working_minutes_between(task.start, task.finish)


def _not_started(task: ImportedTask) -> bool:
    return task.actual_start is None and task.actual_finish is None and not task.percent_complete


def map_schedule(schedule: ImportedSchedule) -> EngineInput:
    """The engine's project for `schedule`, with the notes on what was adjusted."""
    ids = {task.key: n for n, task in enumerate(schedule.tasks, start=1)}
    origin = schedule.start.date()
    specs = {spec.key: spec for spec in schedule.calendars}
    calendars: dict[str, WorkCalendar] = {}

    def calendar_of(task: ImportedTask) -> WorkCalendar | None:
        key = task.calendar_key or schedule.default_calendar
        if key not in calendars and key in specs:
            calendars[key] = WorkCalendar(specs[key], origin)
        return calendars.get(key)

    notes: list[str] = []
    spans: set[str] = set()
    tasks = []
    for task in schedule.tasks:
        fields: dict = {
            "id": ids[task.key],
            "name": task.name,
            "kind": task.kind,
            "parent_id": ids.get(task.parent_key) if task.parent_key is not None else None,
            "duration": task.duration,
            "calendar": task.calendar_key,
            "constraint": task.constraint,
            "constraint_date": task.constraint_date,
            "deadline": task.deadline,
            "actual_start": task.actual_start,
            "actual_finish": task.actual_finish,
            "percent_complete": task.percent_complete,
            "remaining": task.remaining,
        }
        cal = calendar_of(task) if task.start is not None and task.finish is not None else None
        span = file_span(task, cal) if cal is not None else None
        if task.manual and _not_started(task):
            if task.start is not None:
                fields["constraint"] = ConstraintType.MSO
                fields["constraint_date"] = task.start
            if span is not None:
                fields["duration"] = span
        elif (
            span is not None
            and cal is not None
            and task.kind is TaskKind.TASK
            and _not_started(task)
            and span != task.duration
        ):
            fields["duration"] = span
            spans.add(task.key)
            per_day = cal.minutes_per_day
            notes.append(
                f"{task.name}: scheduled over the {_days(span, per_day)} its dates in the file "
                f"span on its calendar, not its duration of {_days(task.duration, per_day)} "
                "(the file's scheduler used resource calendars or a split)"
            )
        tasks.append(SchedTask(**fields))
    missing = [
        f"{link.predecessor_key} → {link.successor_key}"
        for link in schedule.links
        if link.predecessor_key not in ids or link.successor_key not in ids
    ]
    if missing:
        raise ScheduleError("Links to tasks that are not in the file: " + ", ".join(missing))
    links = tuple(
        SchedLink(
            predecessor=ids[link.predecessor_key],
            successor=ids[link.successor_key],
            type=link.type,
            lag=link.lag,
            lag_unit=link.lag_unit,
        )
        for link in schedule.links
    )
    project = SchedProject(
        start=schedule.start,
        calendars=schedule.calendars,
        default_calendar=schedule.default_calendar,
        tasks=tuple(tasks),
        links=links,
        status_date=schedule.status_date,
        convention=convention_of(schedule),
    )
    return EngineInput(project, ids, tuple(notes), frozenset(spans))


def to_sched_project(schedule: ImportedSchedule) -> tuple[SchedProject, dict[str, int]]:
    """The engine's project for `schedule`, and the engine id of each task key."""
    mapped = map_schedule(schedule)
    return mapped.project, mapped.ids
