"""Summaries, milestones, floats and the critical path; and the networks the engine
refuses. Standard calendar (Mon–Fri, 480 minutes a day), project start Monday 23
November 2026 08:00; dates worked out by hand."""

from __future__ import annotations

import pytest

from ownersrep.domain.scheduling.model import ConstraintType, SchedLink, ScheduleError
from tests.helpers.schedules import DAY, STANDARD, LinkType, TaskKind, at, dates, link, run, task

SUMMARY, MILESTONE = TaskKind.SUMMARY, TaskKind.MILESTONE


def summary(tid: int, **fields: object):
    return task(tid, 0, kind=SUMMARY, name=f"S{tid}", **fields)


def test_a_summary_rolls_up_its_children() -> None:
    # S10 holds T1 (Mon–Tue) and T2 (Wed–Fri, after T1): S10 runs Mon 23 to Fri 27.
    # T3 outside it takes one day, Monday, and has 4 days of float.
    r = run(
        [summary(10), task(1, 2, parent_id=10), task(2, 3, parent_id=10), task(3)],
        [link(1, 2)],
    )
    assert dates(r, 10) == (at(23), at(27, 17), at(23), at(27, 17))
    assert r.dates[10].critical
    assert r.dates[3].total_float == 4 * DAY


def test_a_summary_with_float() -> None:
    # S10 holds T1 (Mon) and T2 (Mon–Tue); T3 runs Mon–Fri alone. S10's late dates roll
    # up from its children: late start Thu 26 (T2), late finish Fri 27; float 3 days.
    tasks = [summary(10), task(1, 1, parent_id=10), task(2, 2, parent_id=10), task(3, 5)]
    r = run(tasks)
    assert dates(r, 10) == (at(23), at(24, 17), at(26), at(27, 17))
    assert r.dates[10].total_float == 3 * DAY
    assert not r.dates[10].critical


def test_a_link_into_a_summary_holds_back_all_its_children() -> None:
    # P (Mon–Tue) precedes S10; its children have no links of their own but start Wed 25.
    tasks = [task(1, 2), summary(10), task(2, 1, parent_id=10), task(3, 2, parent_id=10)]
    r = run(tasks, [link(1, 10)])
    assert dates(r, 2)[0] == dates(r, 3)[0] == at(25)
    assert dates(r, 10)[:2] == (at(25), at(26, 17))
    # Late: T1 must finish before the summary's earliest late start, its children's.
    assert r.dates[1].total_float == 0


def test_a_link_out_of_a_summary_waits_for_its_last_child() -> None:
    # S10 holds T1 (Mon) and T2 (Mon–Wed); X follows S10 and starts Thu 26. T1 may slip
    # to Wednesday: 2 days of float, taken from the summary's successor.
    tasks = [summary(10), task(1, 1, parent_id=10), task(2, 3, parent_id=10), task(4)]
    r = run(tasks, [link(10, 4)])
    assert dates(r, 4)[0] == at(26)
    assert r.dates[1].total_float == 2 * DAY
    assert r.dates[1].free_float == 2 * DAY
    assert r.dates[2].critical


def test_start_to_start_from_a_summary_follows_its_earliest_child() -> None:
    # S10's children start Tue 24 (SNET) and Wed 25; X starts with the summary, Tuesday.
    t1 = task(1, 1, parent_id=10, constraint=ConstraintType.SNET, constraint_date=at(24))
    t2 = task(2, 1, parent_id=10, constraint=ConstraintType.SNET, constraint_date=at(25))
    r = run([summary(10), t1, t2, task(4)], [link(10, 4, LinkType.SS)])
    assert dates(r, 4)[0] == at(24)


def test_nested_summaries() -> None:
    # S10 ⊃ S11 ⊃ T1 (Mon–Tue); S10 also holds T2 (Mon–Thu). Links into S10 reach T1.
    tasks = [
        task(5, 1),
        summary(10),
        summary(11, parent_id=10),
        task(1, 2, parent_id=11),
        task(2, 4, parent_id=10),
    ]
    r = run(tasks, [link(5, 10)])
    assert dates(r, 1)[:2] == (at(24), at(25, 17))
    assert dates(r, 11)[:2] == (at(24), at(25, 17))
    assert dates(r, 10)[:2] == (at(24), at(27, 17))


def test_a_start_ceiling_on_a_summary_reaches_its_grandchildren_as_a_start_ceiling() -> None:
    # S10 must start by Tue 24 (SNLT); it holds S11, which holds T1 (2 days, Mon–Tue).
    # T1 may start as late as Tuesday, so finish Wed 25: 1 day of float. T5 (Mon–Fri)
    # sets the project finish.
    s10 = summary(10, constraint=ConstraintType.SNLT, constraint_date=at(24))
    tasks = [s10, summary(11, parent_id=10), task(1, 2, parent_id=11), task(5, 5)]
    r = run(tasks)
    assert dates(r, 1) == (at(23), at(24, 17), at(24), at(25, 17))
    assert r.dates[1].total_float == DAY


def test_a_summary_without_children_sits_at_the_project_start() -> None:
    r = run([summary(10), task(1, 2)])
    assert dates(r, 10)[:2] == (at(23), at(23))


def test_a_milestone_takes_no_time_and_shows_where_its_predecessor_ends() -> None:
    # M2 follows T1 (Monday): it is at Mon 17:00, the end of T1, not Tue 08:00. A
    # milestone at the project start shows 08:00. A duration given to a milestone is
    # ignored.
    m2 = task(2, 3, kind=MILESTONE)
    m3 = task(3, 0, kind=MILESTONE)
    r = run([task(1), m2, m3], [link(1, 2)])
    assert dates(r, 2) == (at(23, 17), at(23, 17), at(23, 17), at(23, 17))
    assert r.dates[2].critical
    assert dates(r, 3)[:2] == (at(23), at(23))
    assert r.dates[3].total_float == DAY


def test_free_float_and_total_float() -> None:
    # T1 (Mon) and T2 (Mon–Wed) both precede T3 (Thu 26), which ends the project. T1 can
    # slip 2 days before it delays T3 (free float) or the project (total float). T4 (Mon)
    # precedes T5 (Tue): T5 can slip 2 days to the project finish; T4 has no free float
    # (T5 starts right after it) but shares T5's 2 days of total float.
    tasks = [task(1), task(2, 3), task(3), task(4), task(5)]
    r = run(tasks, [link(1, 3), link(2, 3), link(4, 5)])
    assert (r.dates[1].free_float, r.dates[1].total_float) == (2 * DAY, 2 * DAY)
    assert (r.dates[4].free_float, r.dates[4].total_float) == (0, 2 * DAY)
    assert (r.dates[5].free_float, r.dates[5].total_float) == (2 * DAY, 2 * DAY)
    assert [t for t, d in r.dates.items() if d.critical] == [2, 3]


def test_free_float_through_a_lagged_start_to_start_link() -> None:
    # T2 starts 1 day after T1 starts (SS+1) and also waits for T3 (Mon–Wed): it starts
    # Thu 26. T1's free float is T2's start less the lag less T1's start:
    # Thu 08:00 − 1 day − Mon 08:00 = 2 days.
    tasks = [task(1, 1), task(2, 1), task(3, 3)]
    r = run(tasks, [link(1, 2, LinkType.SS, 1), link(3, 2)])
    assert dates(r, 2)[0] == at(26)
    assert r.dates[1].free_float == 2 * DAY


# -- refused networks -------------------------------------------------------------------


def test_a_loop_is_refused_naming_its_tasks() -> None:
    with pytest.raises(ScheduleError) as err:
        run([task(1), task(2), task(3), task(4)], [link(4, 1), link(1, 2), link(2, 3), link(3, 1)])
    assert str(err.value) == "The links form a loop: T1 → T2 → T3 → T1"


def test_a_task_linked_to_itself_is_a_loop() -> None:
    with pytest.raises(ScheduleError, match="loop: T1 → T1"):
        run([task(1)], [link(1, 1)])


def test_a_summary_linked_to_its_own_child_is_a_loop() -> None:
    with pytest.raises(ScheduleError, match="loop") as err:
        run([summary(10), task(1, parent_id=10)], [link(10, 1)])
    assert "S10" in str(err.value) and "T1" in str(err.value)


def test_links_to_missing_tasks_are_reported_not_dropped() -> None:
    with pytest.raises(ScheduleError) as err:
        run([task(1), task(2)], [link(1, 2), SchedLink(1, 99), SchedLink(98, 2)])
    assert str(err.value) == (
        "Links to tasks that do not exist: T1 → missing task #99; missing task #98 → T2"
    )


def test_an_unknown_calendar_is_refused() -> None:
    with pytest.raises(ScheduleError, match=r"Unknown calendar 'night'.*T1"):
        run([task(1, calendar="night")], calendars=(STANDARD,))


def test_two_tasks_with_one_id_are_refused() -> None:
    with pytest.raises(ScheduleError, match="Two tasks have the id 1"):
        run([task(1), task(1, name="Again")])


def test_a_missing_summary_is_refused() -> None:
    with pytest.raises(ScheduleError, match="T1 \\(parent #7\\)"):
        run([task(1, parent_id=7)])


def test_a_task_with_subtasks_is_scheduled_as_a_summary() -> None:
    r = run([task(10, 5), task(1, 2, parent_id=10)])
    assert dates(r, 10)[:2] == (at(23), at(24, 17))
    assert r.warnings == ("T10 has subtasks, so it is scheduled as a summary",)
