"""A baseline's rows from the current schedule, and the schedule's finish variance
against a baseline: the hot part of `BaselineService`, run inside its session.

Both read up to 10,000 tasks, so they take Core rows off the connection and read
stored dates as raw text, parsing each distinct day once. Summary tasks are rolled up
from the tasks under them (earliest start, latest finish), as the schedule shows them,
whether or not a summary's own row holds dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, and_, select, type_coerce
from sqlalchemy.orm import Session

from ownersrep.db.models import BaselineTask, Calendar, Task
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.days import (
    day_of_finish,
    day_of_start,
    finish_moment,
    start_moment,
)
from ownersrep.services.baseline_types import BaselineDates
from ownersrep.services.schedule_calendar import project_work_calendar

STANDARD_MINUTES_PER_DAY = 480


def _rolled(rows: Sequence[tuple[int, int | None, Any]], latest: bool) -> dict[int, Any]:
    """Task id → value (a date), where a task with children takes its children's
    latest value (`latest`, finishes) or earliest (starts). Rows are (id, parent, value)."""
    values = {tid: value for tid, _parent, value in rows}
    parent_of = {tid: parent for tid, parent, _value in rows if parent is not None}
    summaries = set(parent_of.values())
    if not summaries:
        return values
    span: dict[int, Any] = dict.fromkeys(summaries)

    def fold(parent: int, value: Any) -> None:
        if value is not None:
            now = span[parent]
            if now is None or (value > now if latest else value < now):
                span[parent] = value

    for tid, parent, value in rows:
        if parent is not None and tid not in summaries:
            fold(parent, value)

    def depth(tid: int | None) -> int:
        n = 0
        while (tid := parent_of.get(tid)) is not None:  # type: ignore[arg-type]
            n += 1
        return n

    for sid in sorted(summaries, key=depth, reverse=True):  # children before parents
        values[sid] = span[sid]
        parent = parent_of.get(sid)
        if parent is not None:
            fold(parent, span[sid])
    return values


class _Memo(dict[Any, Any]):
    """Convert each distinct value once (many tasks share a day); None stays None."""

    def __init__(self, convert: Any) -> None:
        super().__init__({None: None})
        self._convert = convert

    def __missing__(self, value: Any) -> Any:
        out = self[value] = self._convert(value)
        return out


class _Parsed(_Memo):
    """Stored dates read as raw text (SQLite), which skips the per-row conversion,
    parsed once per distinct value; a database that hands back dates passes them on."""

    def __missing__(self, value: Any) -> Any:
        out = self[value] = self._convert(value) if isinstance(value, str) else value
        return out


def _raw(column: Any) -> Any:
    return type_coerce(column, String).label(column.key)


def _finish_faces(value: str | datetime) -> tuple[datetime, date, date | None]:
    """A stored finish → (instant, its day, the day before if it falls on midnight):
    `day_of_finish` split so that each distinct finish is worked out once."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    on_midnight = day_of_finish(moment)
    return moment, moment.date(), on_midnight if on_midnight != moment.date() else None


class _DayCounter:
    """Working-minute ordinals of day boundaries on the project's default calendar,
    each day looked up once. The calendar is built on first use, so a baseline whose
    finishes all match the schedule's never builds it."""

    def __init__(self, s: Session, project_id: int) -> None:
        self._s, self._project_id = s, project_id
        self._cal: WorkCalendar | None = None
        self._ends: dict[date, int] = {}

    def calendar(self, near: date) -> WorkCalendar:
        if self._cal is None:  # counting from a day in use keeps the day index short
            self._cal = project_work_calendar(self._s, self._project_id, near)
        return self._cal

    def end_of(self, day: date) -> int:
        ordinal = self._ends.get(day)
        if ordinal is None:
            ordinal = self._ends[day] = self.calendar(day).ordinal(finish_moment(day))
        return ordinal

    def variance_days(self, baseline: date, current: date) -> float:
        """Working days from the end of `baseline` to the end of `current`, to 0.1."""
        minutes = self.end_of(current) - self.end_of(baseline)
        return round(minutes / self.calendar(current).minutes_per_day, 1) or 0.0  # no -0.0

    def span_minutes(self, start: date, finish: date) -> int:
        """Working minutes from the start of `start` to the end of `finish`."""
        end = self.end_of(finish)
        return max(0, end - self.calendar(start).ordinal(start_moment(start)))


def _minutes_per_day(s: Session, project_id: int) -> tuple[dict[int, int], int]:
    """Minutes in a day of duration, per calendar id, and the project default's."""
    rows = s.execute(
        select(Calendar.id, Calendar.is_default, Calendar.minutes_per_day)
        .where(Calendar.project_id == project_id)
        .order_by(Calendar.id)
    ).all()
    per = {r.id: r.minutes_per_day or STANDARD_MINUTES_PER_DAY for r in rows}
    default = next((per[r.id] for r in rows if r.is_default), None)
    if default is None:
        default = per[rows[0].id] if rows else STANDARD_MINUTES_PER_DAY
    return per, default


def copy_rows(s: Session, project_id: int, baseline_id: int) -> list[dict[str, Any]]:
    """One baseline_task row per task of the project, from its current dates."""
    rows = (
        s.connection()
        .execute(
            select(
                Task.id,
                Task.parent_id,
                Task.start,
                Task.finish,
                Task.work_minutes,
                Task.duration_days,
                Task.calendar_id,
            ).where(Task.project_id == project_id)
        )
        .all()
    )
    starts = _rolled([(r[0], r[1], r[2]) for r in rows], latest=False)
    finishes = _rolled([(r[0], r[1], r[3]) for r in rows], latest=True)
    parents = {r[1] for r in rows}
    per_calendar, per_day = _minutes_per_day(s, project_id)
    counter = _DayCounter(s, project_id)
    start_at, finish_at = _Memo(start_moment), _Memo(finish_moment)
    out = []
    for tid, _parent, _start, _finish, minutes, days, calendar_id in rows:
        start, finish = starts[tid], finishes[tid]
        if tid in parents:  # a summary spans its tasks on the calendar
            work = None if start is None or finish is None else counter.span_minutes(start, finish)
        elif minutes is not None:
            work = minutes
        else:
            work = days * per_calendar.get(calendar_id or -1, per_day)
        out.append(
            {
                "baseline_id": baseline_id,
                "task_id": tid,
                "start": start_at[start],
                "finish": finish_at[finish],
                "work_minutes": work,
            }
        )
    return out


def baseline_task_dates(s: Session, project_id: int, baseline_id: int) -> dict[int, BaselineDates]:
    """One query for the tasks and their baseline rows; the dates read as raw text."""
    rows = (
        s.connection()
        .execute(
            select(
                Task.id,
                Task.parent_id,
                _raw(Task.finish),
                BaselineTask.task_id,
                _raw(BaselineTask.start),
                _raw(BaselineTask.finish),
            )
            .select_from(Task)
            .outerjoin(
                BaselineTask,
                and_(BaselineTask.task_id == Task.id, BaselineTask.baseline_id == baseline_id),
            )
            .where(Task.project_id == project_id)
        )
        .all()
    )
    day = _Parsed(date.fromisoformat)
    current = _rolled([(r[0], r[1], day[r[2]]) for r in rows], latest=True)
    start_day = _Parsed(lambda text: day_of_start(datetime.fromisoformat(text)))
    faces = _Memo(_finish_faces)
    counter = _DayCounter(s, project_id)
    out: dict[int, BaselineDates] = {}
    for tid, _parent, _finish, saved, start_text, finish_text in rows:
        if saved is None:
            continue  # added since the baseline was saved
        finish = None
        if finish_text is not None:
            _moment, finish, before = faces[finish_text]
            if before is not None and (start_text is None or finish_text > start_text):
                finish = before  # a finish at midnight ends the day before
        now = current[tid]
        if finish is None or now is None:
            variance = None
        elif finish == now:
            variance = 0.0
        else:
            variance = counter.variance_days(finish, now)
        out[tid] = BaselineDates(start_day[start_text], finish, variance)
    return out
