"""Reusing the last run's network and shared calendars gives the very results of a
fresh run: an edit of a few tasks' own fields (duration, constraint, progress) runs on
the network built before; anything that changes the network's shape builds it again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from ownersrep.domain.scheduling.calendar import WorkCalendar, shared_calendar
from ownersrep.domain.scheduling.cpm import schedule, schedule_with
from ownersrep.domain.scheduling.model import (
    CalendarSpec,
    ConstraintType,
    RecurringException,
    SchedProject,
    WorkPeriod,
)
from tests.helpers.schedules import STANDARD, TaskKind, at, link, task

NIGHTS = CalendarSpec(
    key="nights",
    name="Nights",
    week=((WorkPeriod(20 * 60, 24 * 60),),) * 5 + ((), ()),
    exceptions=((date(2026, 11, 25), ()),),
)


def _project(**changes: object) -> SchedProject:
    tasks = (
        task(10, 0, kind=TaskKind.SUMMARY, name="S10"),
        task(1, 2, parent_id=10),
        task(2, 3, parent_id=10, calendar="nights"),
        task(3, 1, kind=TaskKind.MILESTONE),
        task(4, 4),
        task(5, 2, constraint=ConstraintType.ALAP),
    )
    project = SchedProject(
        start=at(23),
        calendars=(STANDARD, NIGHTS),
        default_calendar="std",
        tasks=tasks,
        links=(link(1, 2), link(10, 3), link(4, 5, lag_days=1), link(2, 4)),
    )
    return replace(project, **changes)


def _edit(project: SchedProject, tid: int, **fields: object) -> SchedProject:
    tasks = tuple(replace(t, **fields) if t.id == tid else t for t in project.tasks)
    return replace(project, tasks=tasks)


def test_an_edit_of_own_fields_reuses_the_network_with_the_same_results() -> None:
    first = _project()
    _, net = schedule_with(first)
    edits = [
        {"duration": 5 * 480},
        {"constraint": ConstraintType.MSO, "constraint_date": at(30)},
        {"actual_start": at(23), "percent_complete": 50.0},
        {"kind": TaskKind.MILESTONE, "duration": 0},
    ]
    for fields in edits:
        edited = _edit(first, 4, **fields)
        assert net.for_project(edited) is not None
        reused, again = schedule_with(edited, net)
        assert reused == schedule(edited)
        # The pinned or progressed task of one run leaves no mark on the next.
        back, _ = schedule_with(first, again)
        assert back == schedule(first)


def test_a_change_of_shape_builds_the_network_again() -> None:
    first = _project()
    _, net = schedule_with(first)
    changed = [
        replace(first, links=first.links[:-1]),
        replace(first, links=tuple(list(first.links))),  # equal, but not the very tuple
        _edit(first, 4, parent_id=10),
        _edit(first, 4, calendar="nights"),
        _edit(first, 4, kind=TaskKind.SUMMARY),
        replace(first, tasks=(*first.tasks[:-1], task(6, 2)), links=first.links[:2]),
        replace(first, start=at(24)),
        replace(first, default_calendar="nights"),
    ]
    for project in changed:
        assert net.for_project(project) is None
        result, _ = schedule_with(project, net)
        assert result == schedule(project)
    # Another task in the place of one (the links, the very tuple, would then be wrong).
    assert net.for_project(replace(first, tasks=(*first.tasks[:-1], task(6, 2)))) is None


def test_the_same_spec_and_origin_share_one_calendar() -> None:
    a = shared_calendar(STANDARD, date(2026, 11, 23))
    assert shared_calendar(replace(STANDARD), date(2026, 11, 23)) is a
    assert shared_calendar(STANDARD, date(2026, 11, 24)) is not a


def test_ordinals_match_ordinal_and_are_remembered() -> None:
    spec = replace(
        NIGHTS, key="nights2", recurring=(RecurringException(12, 25),)
    )  # a holiday each 25 December too
    shared = shared_calendar(spec, date(2026, 11, 23))
    fresh = WorkCalendar(spec, date(2026, 11, 23))
    moments = [datetime(2026, 11, 23) + timedelta(minutes=37 * k) for k in range(-2000, 4000, 7)]
    assert shared.ordinals(moments) == [fresh.ordinal(m) for m in moments]
    assert shared.ordinals(moments[::-1]) == [fresh.ordinal(m) for m in moments[::-1]]
