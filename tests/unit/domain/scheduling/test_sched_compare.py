"""An imported schedule as the engine's input (`interchange.to_engine`) and the check of
our dates against the file's own (`interchange.compare`), on schedules built by hand.

Standard calendar (Mon–Fri 08:00–12:00, 13:00–17:00), project start Monday 23 November
2026 08:00."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ownersrep.domain.scheduling.model import (
    ConstraintType,
    Convention,
    LagUnit,
    ScheduleError,
)
from ownersrep.interchange.compare import compare, main
from ownersrep.interchange.schedule_file import (
    ImportedLink,
    ImportedSchedule,
    ImportedTask,
    SourceDates,
)
from ownersrep.interchange.to_engine import map_schedule, to_sched_project
from tests.helpers.schedules import DAY, STANDARD, LinkType, TaskKind, at


def imported(key: str, days: float, start, finish, source=None, **fields) -> ImportedTask:
    return ImportedTask(
        key=key,
        name=f"Task {key}",
        parent_key=fields.pop("parent_key", None),
        kind=fields.pop("kind", TaskKind.TASK),
        duration=round(days * DAY),
        start=start,
        finish=finish,
        source=source or SourceDates(),
        **fields,
    )


def theirs(es, ef, ls, lf, tf, critical) -> SourceDates:
    return SourceDates(es, ef, ls, lf, tf, None, critical)


def schedule_of(tasks, links=(), fmt="mspdi") -> ImportedSchedule:
    return ImportedSchedule(
        path=f"/files/plan.{'xml' if fmt == 'mspdi' else 'xer'}",
        format=fmt,
        project_name="Plan",
        start=at(23),
        status_date=None,
        calendars=(STANDARD,),
        default_calendar="std",
        tasks=tuple(tasks),
        links=tuple(links),
    )


# A (Mon) → B (Tue); C (Mon) alone, with 1 day of float. What MS Project would say.
A = imported("a", 1, at(23), at(23, 17), theirs(at(23), at(23, 17), at(23), at(23, 17), 0, True))
B = imported("b", 1, at(24), at(24, 17), theirs(at(24), at(24, 17), at(24), at(24, 17), 0, True))
C = imported("c", 1, at(23), at(23, 17), theirs(at(23), at(23, 17), at(24), at(24, 17), DAY, False))
A_TO_B = ImportedLink("a", "b")


# -- to_engine ---------------------------------------------------------------------------


def test_keys_become_ids_in_file_order_and_the_format_picks_the_convention() -> None:
    project, ids = to_sched_project(schedule_of([A, B, C], [A_TO_B]))
    assert ids == {"a": 1, "b": 2, "c": 3}
    assert [(link.predecessor, link.successor) for link in project.links] == [(1, 2)]
    assert project.convention == Convention.MS_PROJECT
    p6, _ = to_sched_project(schedule_of([A], fmt="xer"))
    assert p6.convention == Convention.P6


def test_parents_calendars_and_lags_carry_over() -> None:
    s = imported("s", 0, None, None, kind=TaskKind.SUMMARY)
    child = imported("k", 2, None, None, parent_key="s", calendar_key="std")
    lag = ImportedLink("s", "k", LinkType.SS, 90, LagUnit.ELAPSED)
    project, ids = to_sched_project(schedule_of([s, child, A], [lag]))
    assert project.tasks[1].parent_id == ids["s"] and project.tasks[1].calendar == "std"
    assert project.links[0].lag == 90 and project.links[0].lag_unit == LagUnit.ELAPSED


def test_links_to_keys_not_in_the_file_are_refused_by_name() -> None:
    with pytest.raises(ScheduleError, match="a → zz"):
        to_sched_project(schedule_of([A], [ImportedLink("a", "zz")]))


def test_a_manual_task_keeps_its_typed_dates() -> None:
    # B is typed on Thu 26 – Fri 27 (2 days) although its duration says 1 and A would
    # let it start Tuesday: it is pinned where it was typed.
    b = imported("b", 1, at(26), at(27, 17), manual=True)
    project, _ = to_sched_project(schedule_of([A, b], [A_TO_B]))
    pinned = project.tasks[1]
    assert (pinned.constraint, pinned.constraint_date, pinned.duration) == (
        ConstraintType.MSO,
        at(26),
        2 * DAY,
    )


def test_a_task_whose_dates_span_more_than_its_duration_is_scheduled_over_the_span() -> None:
    # Its duration says 2 days, but the file has it Mon 23 – Wed 25 (3 days on its
    # calendar): resources set it. It is scheduled over 3 days, with a note.
    wide = imported("w", 2, at(23), at(25, 17))
    mapped = map_schedule(schedule_of([wide]))
    assert mapped.project.tasks[0].duration == 3 * DAY
    assert mapped.span_keys == {"w"}
    assert mapped.notes == (
        "Task w: scheduled over the 3 d its dates in the file span on its calendar, not its "
        "duration of 2 d (the file's scheduler used resource calendars or a split)",
    )


def test_started_tasks_and_milestones_keep_their_durations() -> None:
    started = imported("s", 2, at(23), at(25, 17), actual_start=at(23), percent_complete=10)
    milestone = imported("m", 0, at(23), at(24, 17), kind=TaskKind.MILESTONE)
    mapped = map_schedule(schedule_of([started, milestone]))
    assert [t.duration for t in mapped.project.tasks] == [2 * DAY, 0]
    assert mapped.notes == ()


# -- compare -----------------------------------------------------------------------------


def test_a_schedule_that_matches() -> None:
    report = compare(schedule_of([A, B, C], [A_TO_B]))
    assert report.share == 1.0
    assert report.summary() == (
        "plan.xml: 3/3 tasks match (100.0%)  ES 3 EF 3 LS 3 LF 3 TF 3 critical 3"
    )


def test_dates_are_compared_as_working_time_not_as_wall_clock() -> None:
    # The file shows A's finish as Tue 08:00, the same working moment as Mon 17:00.
    a = replace(A, source=replace(A.source, early_finish=at(24), late_finish=at(24)))
    assert compare(schedule_of([a, B, C], [A_TO_B])).share == 1.0


def test_a_difference_is_listed_with_ours_theirs_and_why() -> None:
    # The file says C finishes late on Wed 25 (2 days of float) though nothing follows it
    # and the project ends Tuesday: the file's own late dates are inconsistent.
    c = replace(C, source=replace(C.source, late_start=at(25), late_finish=at(25, 17)))
    report = compare(schedule_of([A, B, c], [A_TO_B]))
    assert report.matched == 2
    [wrong] = [t for t in report.tasks if not t.matches]
    assert [(m.field, m.ours, m.theirs) for m in wrong.mismatches] == [
        ("LS", "24 Nov 2026 08:00", "25 Nov 2026 08:00"),
        ("LF", "24 Nov 2026 17:00", "25 Nov 2026 17:00"),
    ]
    assert wrong.reason == (
        "the file's own late finish (25 Nov 2026 17:00) is 8 working hours later than its "
        "own links, constraints and project finish give (24 Nov 2026 17:00)"
    )
    assert report.lines()[1:4] == [
        "  Task c [c] LS: ours 24 Nov 2026 08:00, theirs 25 Nov 2026 08:00",
        "  Task c [c] LF: ours 24 Nov 2026 17:00, theirs 25 Nov 2026 17:00",
        f"      why: {wrong.reason}",
    ]


def test_a_manual_task_that_differs_says_so_and_its_successor_follows_it() -> None:
    # A is typed a day late (Tue 24) while the file's own dates put it on Monday; B follows.
    a = replace(A, manual=True, start=at(24), finish=at(24, 17))
    report = compare(schedule_of([a, B, C], [A_TO_B]))
    reasons = {t.key: t.reason for t in report.tasks if not t.matches}
    assert reasons["a"] == "manually scheduled in the file: its dates were typed, not computed"
    assert reasons["b"].startswith("follows Task a, which differs")


def test_tasks_without_computed_dates_are_listed_apart() -> None:
    bare = imported("x", 1, at(23), at(23, 17))
    report = compare(schedule_of([A, bare]))
    assert report.compared == 1
    assert report.not_compared == (("x", "Task x", "the file gives no computed dates for it"),)


def test_finished_p6_activities_are_not_compared() -> None:
    done = imported(
        "d",
        1,
        at(23),
        at(23, 17),
        theirs(at(25), at(25), at(25), at(25), None, False),
        actual_start=at(23),
        actual_finish=at(23, 17),
        percent_complete=100,
    )
    report = compare(replace(schedule_of([done], fmt="xer"), status_date=at(25)))
    assert report.compared == 0
    assert report.not_compared[0][2].startswith("finished: P6 keeps only remaining dates")


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.xml"
    assert main([str(missing)]) == 2
    assert "none.xml" in capsys.readouterr().err
