"""A project's working calendars, as the engine's `CalendarSpec`s and `WorkCalendar`s.

A project imported from a schedule file has its own calendars (one of them the default);
a project started in OwnersRep has none yet and works Monday to Friday, 08:00–17:00 with
an hour's lunch (`STANDARD`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import Calendar, Task
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.model import CalendarSpec
from ownersrep.services.calendar_codec import calendar_spec

STANDARD_KEY = "standard"
STANDARD = CalendarSpec(key=STANDARD_KEY, name="Standard (Mon–Fri, 8 h)")

_COLUMNS = (
    Calendar.id,
    Calendar.key,
    Calendar.name,
    Calendar.is_default,
    Calendar.minutes_per_day,
    Calendar.week_json,
    Calendar.exceptions_json,
    Calendar.recurring_json,
    Calendar.country,
    Calendar.region,
)


def project_calendars(s: Session, project_id: int) -> tuple[dict[int, CalendarSpec], str]:
    """The project's calendars by row id, and the key of its default calendar. A
    project without calendars gets the standard one (under id 0)."""
    rows = s.execute(
        select(*_COLUMNS).where(Calendar.project_id == project_id).order_by(Calendar.id)
    ).all()
    if not rows:
        return {0: STANDARD}, STANDARD_KEY
    specs = {row.id: calendar_spec(row._mapping) for row in rows}
    default = next((row.key for row in rows if row.is_default), rows[0].key)
    return specs, default


def project_work_calendar(s: Session, project_id: int, origin: date) -> WorkCalendar:
    """The project's default calendar, counting from `origin`."""
    specs, default = project_calendars(s, project_id)
    spec = next(sp for sp in specs.values() if sp.key == default)
    return WorkCalendar(spec, origin)


def task_calendar(s: Session, task: Task, origin: date) -> WorkCalendar:
    """The calendar a task works on: its own, else its project's default."""
    if task.calendar_id is not None:
        row = s.execute(select(*_COLUMNS).where(Calendar.id == task.calendar_id)).first()
        if row is not None:
            return WorkCalendar(calendar_spec(row._mapping), origin)
    return project_work_calendar(s, task.project_id, origin)


def default_minutes_per_day(s: Session, project_id: int) -> int:
    """Minutes in a working day of the project's default calendar (480 for 8 hours)."""
    value = s.scalar(
        select(Calendar.minutes_per_day)
        .where(Calendar.project_id == project_id)
        .order_by(Calendar.is_default.desc(), Calendar.id)
        .limit(1)
    )
    return value or STANDARD.minutes_per_day
