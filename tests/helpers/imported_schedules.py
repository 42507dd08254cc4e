"""Small schedules built by hand, as a reader would produce them: for import tests that
must not depend on a file (and for the cases no real file shows, like a loop)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.model import CalendarSpec, ConstraintType, LagUnit
from ownersrep.interchange.schedule_file import (
    ImportedBaseline,
    ImportedLink,
    ImportedSchedule,
    ImportedTask,
    SourceDates,
)

DAY = 480  # minutes of work in a standard 8-hour day
MON = datetime(2027, 3, 1, 8, 0)  # a Monday


def at(day: int, hour: int = 8) -> datetime:
    return datetime(2027, 3, day, hour, 0)


def clinic_schedule(path: str = "/contracts/riverside-clinic.xml") -> ImportedSchedule:
    """Riverside Clinic's enabling works: two summaries, four tasks, a milestone, three
    link types with lags, a second calendar, a baseline, one started task."""
    tasks = (
        ImportedTask("1", "Enabling works", None, TaskKind.SUMMARY, wbs="1"),
        ImportedTask(
            "2",
            "Site set-up and hoarding",
            "1",
            TaskKind.TASK,
            wbs="1.1",
            duration=3 * DAY,
            start=at(1),
            finish=at(3, 17),
            actual_start=at(1),
            percent_complete=40.0,
            remaining=2 * DAY,
            source=SourceDates(at(1), at(3, 17), at(1), at(3, 17), 0, 0, True),
            baselines=(ImportedBaseline(0, at(1), at(3, 17), 3 * DAY),),
        ),
        ImportedTask(
            "3",
            "Demolish existing car park",
            "1",
            TaskKind.TASK,
            wbs="1.2",
            duration=5 * DAY,
            constraint=ConstraintType.SNET,
            constraint_date=at(2),
            start=at(4),
            finish=at(10, 17),
            source=SourceDates(at(4), at(10, 17), at(4), at(10, 17), 0, 0, True),
            baselines=(ImportedBaseline(0, at(4), at(10, 17), 5 * DAY),),
        ),
        ImportedTask(
            "4",
            "Night-time utility diversions",
            "1",
            TaskKind.TASK,
            wbs="1.3",
            duration=DAY + 240,  # a day and a half: kept exactly in work_minutes
            calendar_key="night",
            start=at(4),
            finish=at(5, 12),
            source=SourceDates(at(4), at(5, 12), at(8), at(9, 12), 4 * DAY, 4 * DAY, False),
        ),
        ImportedTask("5", "Substructure", None, TaskKind.SUMMARY, wbs="2"),
        ImportedTask(
            "6",
            "Piling",
            "5",
            TaskKind.TASK,
            wbs="2.1",
            duration=10 * DAY,
            deadline=at(31, 17),
            start=at(11),
            finish=at(24, 17),
            source=SourceDates(at(11), at(24, 17), at(11), at(24, 17), 0, 0, True),
        ),
        ImportedTask(
            "7",
            "Substructure complete",
            "5",
            TaskKind.MILESTONE,
            wbs="2.2",
            start=at(26, 17),
            finish=at(26, 17),
            source=SourceDates(at(26, 17), at(26, 17), at(26, 17), at(26, 17), 0, 0, True),
        ),
    )
    links = (
        ImportedLink("2", "3", LinkType.FS),
        ImportedLink("2", "4", LinkType.SS, lag=2 * DAY),
        ImportedLink("3", "6", LinkType.FS),
        ImportedLink("6", "7", LinkType.FF, lag=2 * DAY),
        ImportedLink("4", "6", LinkType.FS, lag=36 * 60, lag_unit=LagUnit.ELAPSED),
    )
    return ImportedSchedule(
        path=path,
        format="mspdi",
        project_name="Riverside Clinic — enabling works",
        start=MON,
        status_date=at(2, 17),
        calendars=(
            CalendarSpec(key="standard", name="Standard"),
            CalendarSpec(key="night", name="Night shift", minutes_per_day=480),
        ),
        default_calendar="standard",
        tasks=tasks,
        links=links,
        warnings=("Task 4: the resource “Crane 2” is over-allocated (ignored).",),
        skipped=(("resource assignments", 6),),
        finish=at(26, 17),
    )


def with_loop(schedule: ImportedSchedule) -> ImportedSchedule:
    """The same schedule with a link back from piling to site set-up: a loop."""
    return replace(schedule, links=(*schedule.links, ImportedLink("6", "2", LinkType.FS)))
