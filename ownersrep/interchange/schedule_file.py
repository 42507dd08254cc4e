"""A schedule as read from a contractor's file, before it is mapped into a workspace.

The MS Project (MSPDI) and Primavera (XER) readers both produce an `ImportedSchedule`;
the import service maps it into a project in one transaction, and the compare tool
schedules it with our engine and checks it against the file's own dates. Durations and
lags are working minutes of the task's (or successor's) calendar, as in the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.errors import OwnersRepError
from ownersrep.domain.scheduling.model import CalendarSpec, ConstraintType, LagUnit


class ScheduleFileError(OwnersRepError):
    """A file that cannot be imported. The message names the file, the table or element,
    and the row or line, so the user can find the problem."""

    def __init__(self, path: str, where: str, problem: str) -> None:
        super().__init__(f"{path}: {where}: {problem}")
        self.path = path
        self.where = where
        self.problem = problem


@dataclass(frozen=True)
class SourceDates:
    """What the source scheduler itself computed for a task."""

    early_start: datetime | None = None
    early_finish: datetime | None = None
    late_start: datetime | None = None
    late_finish: datetime | None = None
    total_float: int | None = None  # working minutes of the task's calendar
    free_float: int | None = None
    critical: bool | None = None


@dataclass(frozen=True)
class ImportedBaseline:
    number: int  # MS Project's Baseline 0..10; P6: 0
    start: datetime | None
    finish: datetime | None
    work_minutes: int | None


@dataclass(frozen=True)
class ImportedTask:
    key: str  # unique within the file: MSPDI UID, XER task_id, or "wbs:<id>" for P6 WBS
    name: str
    parent_key: str | None  # the summary (MSPDI) or WBS node (XER) above it
    kind: TaskKind
    wbs: str = ""  # the file's own WBS / outline code, for display and messages
    duration: int = 0  # working minutes
    calendar_key: str | None = None  # None: the project's default calendar
    constraint: ConstraintType = ConstraintType.ASAP
    constraint_date: datetime | None = None
    deadline: datetime | None = None
    start: datetime | None = None  # as scheduled in the file
    finish: datetime | None = None
    actual_start: datetime | None = None
    actual_finish: datetime | None = None
    percent_complete: float = 0.0
    remaining: int | None = None  # working minutes
    manual: bool = False  # MS Project "manually scheduled": dates typed, not computed
    source: SourceDates = field(default_factory=SourceDates)
    baselines: tuple[ImportedBaseline, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class ImportedLink:
    predecessor_key: str
    successor_key: str
    type: LinkType = LinkType.FS
    lag: int = 0  # minutes
    lag_unit: LagUnit = LagUnit.WORKING


@dataclass(frozen=True)
class ImportedSchedule:
    """Tasks are in outline order (parents before children, siblings in file order)."""

    path: str
    format: str  # "mspdi" or "xer"
    project_name: str
    start: datetime
    status_date: datetime | None
    calendars: tuple[CalendarSpec, ...]
    default_calendar: str
    tasks: tuple[ImportedTask, ...]
    links: tuple[ImportedLink, ...]
    warnings: tuple[str, ...] = ()
    skipped: tuple[tuple[str, int], ...] = ()  # ("resource assignments", 42), ...
    finish: datetime | None = None  # the file's project finish, if it states one

    @property
    def date_range(self) -> tuple[datetime | None, datetime | None]:
        starts = [t.start for t in self.tasks if t.start is not None]
        finishes = [t.finish for t in self.tasks if t.finish is not None]
        return (min(starts, default=None), max(finishes, default=None))
