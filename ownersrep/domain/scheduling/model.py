"""Input and output of the scheduling engine.

Time is counted in **working minutes** of a calendar: durations and working-day lags are
whole minutes of work (a day of an 8-hour calendar is 480), so sub-day durations from MS
Project and 10-hour P6 days are exact, and the engine's hot loop stays on integers.
Dates in and out are `datetime` (wall-clock, no time zone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.errors import OwnersRepError

MINUTES_PER_HOUR = 60


class ConstraintType(StrEnum):
    ASAP = "asap"  # as soon as possible (the default)
    ALAP = "alap"  # as late as possible
    SNET = "snet"  # start no earlier than
    SNLT = "snlt"  # start no later than
    FNET = "fnet"  # finish no earlier than
    FNLT = "fnlt"  # finish no later than
    MSO = "mso"  # must start on
    MFO = "mfo"  # must finish on

    @property
    def needs_date(self) -> bool:
        return self not in (ConstraintType.ASAP, ConstraintType.ALAP)

    @property
    def label(self) -> str:
        return CONSTRAINT_LABELS[self]


CONSTRAINT_LABELS = {
    ConstraintType.ASAP: "As soon as possible",
    ConstraintType.ALAP: "As late as possible",
    ConstraintType.SNET: "Start no earlier than",
    ConstraintType.SNLT: "Start no later than",
    ConstraintType.FNET: "Finish no earlier than",
    ConstraintType.FNLT: "Finish no later than",
    ConstraintType.MSO: "Must start on",
    ConstraintType.MFO: "Must finish on",
}


class Convention(StrEnum):
    """Whose rule the engine follows where MS Project and Primavera P6 differ.

    - Working lag: MS Project counts it in the successor's calendar, P6 (by default) in
      the predecessor's.
    - A started task: MS Project reports its actual start as both its early and its
      late start; P6 reports the remaining work's dates, early start where the rest
      resumes (the status date or later) and late start at the late finish less the
      remaining duration.
    """

    MS_PROJECT = "ms_project"
    P6 = "p6"


class LagUnit(StrEnum):
    WORKING = "working"  # working minutes of the successor's calendar (P6: predecessor's)
    ELAPSED = "elapsed"  # calendar minutes (24 × 7)


@dataclass(frozen=True)
class WorkPeriod:
    """Working time within one day, in minutes after midnight: [start, end)."""

    start: int
    end: int


STANDARD_DAY = (WorkPeriod(8 * 60, 12 * 60), WorkPeriod(13 * 60, 17 * 60))


@dataclass(frozen=True)
class RecurringException:
    """A yearly non-working (or working) day, e.g. 25 December, from `first_year` on."""

    month: int
    day: int
    working: bool = False
    first_year: int | None = None
    last_year: int | None = None


@dataclass(frozen=True)
class CalendarSpec:
    """A working calendar.

    `week` gives the working periods for Monday..Sunday (index 0..6); an empty tuple is a
    non-working day. `exceptions` override single dates: an empty tuple makes the date
    non-working, periods make it working with those hours. Public holidays come from the
    `holidays` package when `country` is set (subdivision `region`)."""

    key: str
    name: str
    week: tuple[tuple[WorkPeriod, ...], ...] = (
        STANDARD_DAY,
        STANDARD_DAY,
        STANDARD_DAY,
        STANDARD_DAY,
        STANDARD_DAY,
        (),
        (),
    )
    exceptions: tuple[tuple[date, tuple[WorkPeriod, ...]], ...] = ()
    recurring: tuple[RecurringException, ...] = ()
    country: str | None = None
    region: str | None = None
    minutes_per_day: int = 480  # how a "day" of duration converts to working minutes


@dataclass(frozen=True)
class SchedTask:
    """One activity. `duration` is working minutes in the task's calendar (0 for a
    milestone). Summary tasks take no duration of their own: they roll up children."""

    id: int
    name: str
    kind: TaskKind = TaskKind.TASK
    parent_id: int | None = None
    duration: int = 0
    calendar: str | None = None  # None: the project's default calendar
    constraint: ConstraintType = ConstraintType.ASAP
    constraint_date: datetime | None = None
    deadline: datetime | None = None
    actual_start: datetime | None = None
    actual_finish: datetime | None = None
    percent_complete: float = 0.0  # 0..100, of duration
    remaining: int | None = None  # working minutes left; None: from percent complete


@dataclass(frozen=True)
class SchedLink:
    predecessor: int
    successor: int
    type: LinkType = LinkType.FS
    lag: int = 0  # minutes: working minutes of the successor's calendar, or elapsed
    lag_unit: LagUnit = LagUnit.WORKING


@dataclass(frozen=True)
class SchedProject:
    start: datetime
    calendars: tuple[CalendarSpec, ...]
    default_calendar: str
    tasks: tuple[SchedTask, ...]
    links: tuple[SchedLink, ...]
    status_date: datetime | None = None  # data date: unfinished work is not before it
    finish_constraint: datetime | None = None  # backward pass from here if later
    convention: Convention = Convention.MS_PROJECT


@dataclass(frozen=True, slots=True)
class TaskDates:
    early_start: datetime
    early_finish: datetime
    late_start: datetime
    late_finish: datetime
    total_float: int  # working minutes of the task's calendar; negative when late
    free_float: int
    critical: bool


@dataclass(frozen=True)
class ScheduleResult:
    dates: dict[int, TaskDates]
    project_start: datetime
    project_finish: datetime
    warnings: tuple[str, ...] = field(default=())


class ScheduleError(OwnersRepError):
    """The network cannot be scheduled: a loop, a link to a missing task, an unknown
    calendar. The message names the tasks."""
