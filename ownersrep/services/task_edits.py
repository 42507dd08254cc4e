"""What an edit of a task's schedule fields stores.

The engine computes start and finish; the user sets what drives them. So an edit is
translated, the way MS Project does it, into the stored inputs:

- a typed start becomes a start-no-earlier-than constraint (on a started task it moves
  the actual start; on a manual task it is simply the start);
- a typed finish becomes the duration from the task's start, in working days of its
  calendar (on a finished task it moves the actual finish);
- % complete above 0 records the actual start at the scheduled start, 100 % the actual
  finish at the scheduled finish, and 0 % clears both;
- an actual finish makes the task 100 % complete; clearing the actual start clears the
  progress.

`plan_edit` returns the stored columns to set; the caller keeps their old values for
undo (`TaskService.set_stored_fields`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from ownersrep.db.models import Task
from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.days import day_of_finish, finish_moment, start_moment
from ownersrep.domain.scheduling.model import ConstraintType

# Columns an undo may set back verbatim.
STORED_FIELDS = (
    "name",
    "kind",
    "start",
    "finish",
    "duration_days",
    "work_minutes",
    "percent_complete",
    "responsible_id",
    "notes",
    "constraint_type",
    "constraint_date",
    "deadline",
    "actual_start",
    "actual_finish",
    "remaining_minutes",
)
_FINISH_CONSTRAINTS = {ConstraintType.FNET, ConstraintType.FNLT, ConstraintType.MFO}


def apply_fields(t: Task, new: Mapping[str, Any], *, stored_only: bool = False) -> dict[str, Any]:
    """Set the columns that differ; return their old values (what an undo sets back)."""
    if stored_only:
        unknown = set(new) - set(STORED_FIELDS)
        if unknown:
            raise ValidationError(", ".join(sorted(unknown)), "is not a stored task field")
    old = {k: getattr(t, k) for k, v in new.items() if getattr(t, k) != v}
    for key in old:
        setattr(t, key, new[key])
    return old


def _d(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else "—"


def plan_edit(
    t: Task, clean: Mapping[str, Any], cal: WorkCalendar, has_children: bool
) -> dict[str, Any]:
    """The stored columns (and values) that carry out `clean` (validated user fields)."""
    new: dict[str, Any] = {}
    for key in ("name", "responsible_id", "notes"):
        if key in clean:
            new[key] = clean[key]
    kind: TaskKind = clean.get("kind", TaskKind(t.kind))
    if "kind" in clean:
        new["kind"] = kind.value
        if kind is TaskKind.MILESTONE:
            new["duration_days"], new["work_minutes"] = 0, None
        elif t.kind == TaskKind.MILESTONE.value and "duration_days" not in clean:
            new["duration_days"] = max(t.duration_days, 1)
    if has_children:
        return new
    started = t.actual_start is not None
    if "start" in clean:
        _plan_start(t, clean["start"], kind, started, new)
    if "duration_days" in clean:
        days = clean["duration_days"]
        if kind is TaskKind.MILESTONE and days:
            raise ValidationError("Duration", "a milestone lasts 0 days; make it a task first")
        if kind is TaskKind.TASK and days == 0:
            raise ValidationError("Duration", "a task lasts at least 1 working day (a milestone 0)")
        new["duration_days"], new["work_minutes"] = days, None
    if "finish" in clean:
        _plan_finish(t, clean["finish"], clean.get("start", t.start), kind, cal, new)
    if "constraint_type" in clean or "constraint_date" in clean:
        _plan_constraint(t, clean, new)
    if "deadline" in clean:
        new["deadline"] = None if clean["deadline"] is None else finish_moment(clean["deadline"])
    _plan_progress(t, clean, kind, new)
    return new


def _plan_start(t: Task, start: date | None, kind: TaskKind, started: bool, new: dict) -> None:
    if started:
        if start is None:
            raise ValidationError("Start", "a started task keeps its actual start")
        new["actual_start"] = start_moment(start)
        return
    if t.manual:
        new["start"] = start
        if start is not None and t.finish is not None and t.finish < start:
            new["finish"] = start
        return
    if start is None:
        new["constraint_type"], new["constraint_date"] = ConstraintType.ASAP.value, None
    else:
        new["constraint_type"] = ConstraintType.SNET.value
        new["constraint_date"] = start_moment(start)
    if kind is TaskKind.MILESTONE:
        new["duration_days"], new["work_minutes"] = 0, None


def _plan_finish(
    t: Task, finish: date | None, start: date | None, kind: TaskKind, cal: WorkCalendar, new: dict
) -> None:
    if finish is None:
        raise ValidationError("Finish", "is required (clear the start instead)")
    if t.actual_finish is not None:
        if t.actual_start is not None and finish_moment(finish) < t.actual_start:
            raise ValidationError(
                "Finish", f"is before the actual start ({_d(t.actual_start.date())})"
            )
        new["actual_finish"] = finish_moment(finish)
        return
    if kind is TaskKind.MILESTONE:
        _plan_start(t, finish, kind, t.actual_start is not None, new)
        return
    if start is None:
        raise ValidationError("Finish", "needs a start to count the duration from")
    if finish < start:
        raise ValidationError("Finish", f"is before the start ({_d(start)})")
    if t.manual:
        new["finish"] = finish
    minutes = cal.working_minutes_between(start_moment(start), finish_moment(finish))
    if minutes <= 0:
        raise ValidationError("Finish", f"there is no working day from {_d(start)} to {_d(finish)}")
    new["duration_days"] = math.ceil(minutes / cal.minutes_per_day)
    new["work_minutes"] = None if minutes % cal.minutes_per_day == 0 else minutes


def _plan_constraint(t: Task, clean: Mapping[str, Any], new: dict) -> None:
    ctype = ConstraintType(clean.get("constraint_type", t.constraint_type))
    if not ctype.needs_date:
        new["constraint_type"], new["constraint_date"] = ctype.value, None
        return
    if "constraint_date" in clean:
        day = clean["constraint_date"]
    elif t.constraint_date is not None:
        day = (
            day_of_finish(t.constraint_date)
            if ConstraintType(t.constraint_type) in _FINISH_CONSTRAINTS
            else t.constraint_date.date()
        )
    else:
        day = t.finish if ctype in _FINISH_CONSTRAINTS else t.start
    if day is None:
        raise ValidationError("Constraint date", f"is needed for “{ctype.label}”")
    moment = finish_moment(day) if ctype in _FINISH_CONSTRAINTS else start_moment(day)
    new["constraint_type"], new["constraint_date"] = ctype.value, moment


def _plan_progress(t: Task, clean: Mapping[str, Any], kind: TaskKind, new: dict) -> None:
    actual_start = new.get("actual_start", t.actual_start)
    if "percent_complete" in clean:
        pct = clean["percent_complete"]
        new["percent_complete"], new["remaining_minutes"] = pct, None
        if pct == 0 and "actual_start" not in clean:
            new["actual_start"] = new["actual_finish"] = None
        elif actual_start is None and "actual_start" not in clean:
            if t.start is None:
                raise ValidationError("% complete", "the task has no start to record")
            new["actual_start"] = start_moment(t.start)
        if pct == 100 and t.actual_finish is None and "actual_finish" not in clean:
            finish = t.start if kind is TaskKind.MILESTONE else t.finish
            if finish is not None:
                new["actual_finish"] = (
                    start_moment(finish) if kind is TaskKind.MILESTONE else finish_moment(finish)
                )
        elif pct < 100 and t.actual_finish is not None and "actual_finish" not in clean:
            new["actual_finish"] = None
    if "actual_start" in clean:
        day = clean["actual_start"]
        if day is None:
            new["actual_start"] = new["actual_finish"] = None
            new["percent_complete"], new["remaining_minutes"] = 0, None
        else:
            new["actual_start"] = start_moment(day)
    if "actual_finish" in clean:
        day = clean["actual_finish"]
        if day is None:
            new["actual_finish"] = None
            if new.get("percent_complete", t.percent_complete) == 100:
                new["percent_complete"] = 99
        else:
            begun = new.get("actual_start", t.actual_start)
            if begun is None:
                begun = new["actual_start"] = start_moment(t.start or day)
            moment = start_moment(day) if kind is TaskKind.MILESTONE else finish_moment(day)
            if moment < begun:
                raise ValidationError(
                    "Actual finish", f"is before the actual start ({_d(begun.date())})"
                )
            new["actual_finish"] = moment
            new["percent_complete"], new["remaining_minutes"] = 100, None
