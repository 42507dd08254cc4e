"""Schedule test helpers: where the shared schedule files live, and small engine inputs
built by hand.

The files sit beside the repository (`../shared/data/schedules`); CI has them. A test
that needs them calls `require_schedules()`, which skips with the reason when they are
missing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.cpm import schedule
from ownersrep.domain.scheduling.model import (
    CalendarSpec,
    Convention,
    LagUnit,
    SchedLink,
    SchedProject,
    SchedTask,
    ScheduleResult,
)

SCHEDULES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "schedules"


def require_schedules() -> Path:
    """The schedules folder, or a skip naming where it was looked for."""
    if not SCHEDULES.is_dir():
        pytest.skip(f"schedule files not found at {SCHEDULES}")
    return SCHEDULES


# -- small engine inputs by hand ---------------------------------------------------

DAY = 480  # working minutes in a day of the standard calendar
STANDARD = CalendarSpec(key="std", name="Standard")  # Mon–Fri 08:00–12:00, 13:00–17:00


def at(day: int, hour: int = 8, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    """A moment in the tests' weeks: at(23) is Monday 23 November 2026, 08:00."""
    return datetime(year, month, day, hour, minute)


def task(
    tid: int,
    days: float = 1,
    *,
    name: str | None = None,
    kind: TaskKind = TaskKind.TASK,
    **fields: object,
) -> SchedTask:
    """A task of `days` working days (480 minutes each) named T<id>."""
    return SchedTask(
        id=tid, name=name or f"T{tid}", kind=kind, duration=round(days * DAY), **fields
    )


def link(
    pred: int,
    succ: int,
    kind: LinkType = LinkType.FS,
    lag_days: float = 0,
    *,
    elapsed_minutes: int | None = None,
) -> SchedLink:
    if elapsed_minutes is not None:
        return SchedLink(pred, succ, kind, elapsed_minutes, LagUnit.ELAPSED)
    return SchedLink(pred, succ, kind, round(lag_days * DAY))


def run(
    tasks: list[SchedTask],
    links: list[SchedLink] = (),  # type: ignore[assignment]
    *,
    start: datetime | None = None,
    calendars: tuple[CalendarSpec, ...] = (STANDARD,),
    default: str = "std",
    status: datetime | None = None,
    convention: Convention = Convention.MS_PROJECT,
    finish: datetime | None = None,
) -> ScheduleResult:
    """Schedule from Monday 23 November 2026, 08:00, unless told otherwise."""
    return schedule(
        SchedProject(
            start=start or at(23),
            calendars=calendars,
            default_calendar=default,
            tasks=tuple(tasks),
            links=tuple(links),
            status_date=status,
            convention=convention,
            finish_constraint=finish,
        )
    )


def dates(result: ScheduleResult, tid: int) -> tuple[datetime, datetime, datetime, datetime]:
    d = result.dates[tid]
    return d.early_start, d.early_finish, d.late_start, d.late_finish
