"""What a reschedule changed in each task, as the task table shows it: dates, the
duration of a summary, float in working days and the critical flag.

After a drag thousands of rows may shift; a view updates them from this instead of
reading the whole WBS again. The values come from the last run kept in memory when it
is current, else from the stored rows.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import Calendar, Task
from ownersrep.domain.workdays import workdays_between
from ownersrep.services.schedule_calendar import default_minutes_per_day
from ownersrep.services.schedule_input import LoadedSchedule, StoredResult
from ownersrep.services.schedule_memo import ScheduleMemo

# Above this many ids, one read of the project beats an IN list.
_FEW = 500


class ScheduledDates(NamedTuple):  # a tuple: one per moved task, thousands per drag
    start: date | None
    finish: date | None
    duration_days: int | None  # a summary's span in working days; None: unchanged
    total_float_days: float | None
    free_float_days: float | None
    critical: bool


def scheduled_dates(
    s: Session, memo: ScheduleMemo, project_id: int, ids: Collection[int]
) -> dict[int, ScheduledDates]:
    found = memo.get(project_id)
    if found is not None:
        return _from_memo(found.loaded, ids)
    query = (
        select(
            Task.id,
            Task.start,
            Task.finish,
            Task.total_float,
            Task.free_float,
            Task.critical,
            Calendar.minutes_per_day,
        )
        .outerjoin(Calendar, Calendar.id == Task.calendar_id)
        .where(Task.project_id == project_id)
    )
    if len(ids) <= _FEW:
        query = query.where(Task.id.in_(list(ids)))
    parents = set(
        s.scalars(select(Task.parent_id).where(Task.project_id == project_id).distinct()).all()
    )
    default = default_minutes_per_day(s, project_id)
    wanted = set(ids)
    return {
        tid: _dates(StoredResult(start, finish, tf, ff, bool(crit)), mpd or default, tid in parents)
        for tid, start, finish, tf, ff, crit, mpd in s.execute(query)
        if tid in wanted
    }


def _in_days(minutes: int | None, known: dict[int, float], per_day: int) -> float | None:
    """Float in working days, as `_dates` rounds it, remembered in `known`."""
    if minutes is None:
        return None
    days = known.get(minutes)
    if days is None:
        days = known[minutes] = round(minutes / per_day, 2)
    return days


def _from_memo(loaded: LoadedSchedule, ids: Collection[int]) -> dict[int, ScheduledDates]:
    """`_dates` of each task, from the run kept in memory (thousands after a drag: the
    common case, a task without children, is spelled out here)."""
    stored, parents, calendar_of = loaded.stored, loaded.parents, loaded.calendar_of
    per_day = {key: spec.minutes_per_day or 480 for key, spec in loaded.specs.items()}
    # Thousands of tasks share a few hundred float values: each is turned into days
    # (`round(minutes / per_day, 2)`, as `_dates`) once per calendar.
    in_days: dict[str, dict[int, float]] = {key: {} for key in per_day}
    new = tuple.__new__  # ScheduledDates(...) without its Python-level __new__
    out: dict[int, ScheduledDates] = {}
    for tid in ids:
        r = stored.get(tid)
        if r is None:
            continue
        key = calendar_of[tid]
        if tid in parents:
            out[tid] = _dates(r, per_day[key], True)
            continue
        start, finish, tf, ff, critical = r
        known, per = in_days[key], per_day[key]
        tf_days, ff_days = _in_days(tf, known, per), _in_days(ff, known, per)
        out[tid] = new(ScheduledDates, (start, finish, None, tf_days, ff_days, critical))
    return out


def _dates(r: StoredResult, per_day: int, summary: bool) -> ScheduledDates:
    duration = None
    if summary:  # as `task_tree.build_rows` rolls it up
        duration = workdays_between(r.start, r.finish) if r.start and r.finish else 0
    return ScheduledDates(
        r.start,
        r.finish,
        duration,
        None if r.total_float is None else round(r.total_float / per_day, 2),
        None if r.free_float is None else round(r.free_float / per_day, 2),
        r.critical,
    )
