"""What drives each task: links of each type, constraints, the status date, summaries,
calendars, the driving path and the whole project's driving links.

The project starts Monday 23 November 2026 at 08:00 on the standard calendar
(Mon–Fri 08:00–12:00 and 13:00–17:00) unless a test says otherwise."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from ownersrep.domain.scheduling.cpm import schedule
from ownersrep.domain.scheduling.driver import Driver, lag_text
from ownersrep.domain.scheduling.drivers import drivers_of, driving_links, driving_path
from ownersrep.domain.scheduling.model import (
    STANDARD_DAY,
    CalendarSpec,
    ConstraintType,
    Convention,
    SchedLink,
    SchedProject,
    SchedTask,
    ScheduleResult,
)
from tests.helpers.schedules import DAY, STANDARD, LinkType, TaskKind, at, link, task

SEVEN_DAYS = CalendarSpec(key="7d", name="Seven days", week=(STANDARD_DAY,) * 7)


def project(
    tasks: list[SchedTask],
    links: list[SchedLink] = (),  # type: ignore[assignment]
    *,
    calendars: tuple[CalendarSpec, ...] = (STANDARD,),
    status: datetime | None = None,
    convention: Convention = Convention.MS_PROJECT,
) -> tuple[SchedProject, ScheduleResult]:
    p = SchedProject(
        start=at(23),
        calendars=calendars,
        default_calendar="std",
        tasks=tuple(tasks),
        links=tuple(links),
        status_date=status,
        convention=convention,
    )
    return p, schedule(p)


def only(p: SchedProject, r: ScheduleResult, tid: int) -> Driver:
    found = drivers_of(p, r, tid)
    assert len(found) == 1, found
    return found[0]


# -- each link type -----------------------------------------------------------------------


def test_finish_to_start_drives() -> None:
    p, r = project([task(1, 2), task(2, 3)], [link(1, 2)])
    d = only(p, r, 2)
    assert (d.kind, d.predecessor_id, d.link_type, d.lag) == ("link", 1, LinkType.FS, 0)
    assert d.text == "finish of T1 (FS)"
    assert d.sets == "start"
    assert driving_links(p, r) == {(1, 2)}


def test_finish_to_start_with_lag_drives_and_says_the_lag() -> None:
    p, r = project([task(1), task(2)], [link(1, 2, lag_days=2)])
    d = only(p, r, 2)
    assert d.text == "finish of T1 (FS +2d)"
    assert d.relation == "FS +2d"
    assert d.lag == 2 * DAY


def test_start_to_start_with_and_without_lag() -> None:
    p, r = project([task(1, 3), task(2)], [link(1, 2, LinkType.SS)])
    assert only(p, r, 2).text == "start of T1 (SS)"
    p, r = project([task(1, 3), task(2)], [link(1, 2, LinkType.SS, 1)])
    d = only(p, r, 2)
    assert (d.kind, d.link_type, d.text) == ("link", LinkType.SS, "start of T1 (SS +1d)")
    assert driving_links(p, r) == {(1, 2)}


def test_finish_to_finish_sets_the_finish() -> None:
    p, r = project([task(1, 3), task(2)], [link(1, 2, LinkType.FF)])
    d = only(p, r, 2)
    assert (d.text, d.sets) == ("finish of T1 (FF)", "finish")
    p, r = project([task(1, 3), task(2)], [link(1, 2, LinkType.FF, 1)])
    assert only(p, r, 2).text == "finish of T1 (FF +1d)"


def test_start_to_finish_sets_the_finish() -> None:
    # T1 may not start before Wed 25; T2 (2 days) must finish when T1 starts.
    t1 = task(1, 1, constraint=ConstraintType.SNET, constraint_date=at(25))
    p, r = project([t1, task(2, 2)], [link(1, 2, LinkType.SF)])
    d = only(p, r, 2)
    assert (d.kind, d.text, d.sets) == ("link", "start of T1 (SF)", "finish")
    p, r = project([t1, task(2, 1)], [link(1, 2, LinkType.SF, -1)])
    assert only(p, r, 2).text == "start of T1 (SF -1d)"


def test_an_elapsed_lag_is_written_in_elapsed_days() -> None:
    t1 = task(1, 1, constraint=ConstraintType.SNET, constraint_date=at(27))
    p, r = project([t1, task(2)], [link(1, 2, elapsed_minutes=2 * 1440)])
    # Friday's finish plus two elapsed days is Sunday 17:00: T2 starts Monday, driven.
    assert only(p, r, 2).text == "finish of T1 (FS +2ed)"


def test_lag_text() -> None:
    assert lag_text(0, 480) == ""
    assert lag_text(240, 480) == "+0.5d"
    assert lag_text(-480, 480) == "-1d"
    assert lag_text(180, 480) == "+3h"
    assert lag_text(1440, 480, elapsed=True) == "+1ed"
    assert lag_text(7, 480) == "+7min"


# -- which of several drives ----------------------------------------------------------------


def test_of_two_predecessors_only_the_later_drives() -> None:
    # T1 ends Monday, T2 ends Wednesday: T3 starts Thursday because of T2 alone.
    p, r = project([task(1, 1), task(2, 3), task(3)], [link(1, 3), link(2, 3)])
    d = only(p, r, 3)
    assert d.predecessor_id == 2
    assert driving_links(p, r) == {(2, 3)}


def test_two_predecessors_ending_together_both_drive() -> None:
    p, r = project([task(1, 2), task(2, 2), task(3)], [link(1, 3), link(2, 3)])
    assert [d.predecessor_id for d in drivers_of(p, r, 3)] == [1, 2]
    assert driving_links(p, r) == {(1, 3), (2, 3)}


# -- reasons that are not links ---------------------------------------------------------------


def test_a_constraint_drives_when_it_is_later_than_the_links() -> None:
    # T1 ends Monday; T2 may not start before Thursday 26.
    t2 = task(2, constraint=ConstraintType.SNET, constraint_date=at(26))
    p, r = project([task(1), t2], [link(1, 2)])
    d = only(p, r, 2)
    assert (d.kind, d.predecessor_id) == ("constraint", None)
    assert d.text == "start no earlier than 26 Nov 2026"
    assert driving_links(p, r) == set()


def test_a_finish_no_earlier_than_constraint_drives_the_finish() -> None:
    t1 = task(1, 2, constraint=ConstraintType.FNET, constraint_date=at(27, 17))
    p, r = project([t1])
    d = only(p, r, 1)
    assert (d.kind, d.sets) == ("constraint", "finish")
    assert d.text == "finish no earlier than 27 Nov 2026"


def test_a_must_start_on_constraint_drives_against_its_links() -> None:
    t2 = task(2, constraint=ConstraintType.MSO, constraint_date=at(24))
    p, r = project([task(1, 3), t2], [link(1, 2)])
    assert only(p, r, 2).text == "must start on 24 Nov 2026"
    assert driving_links(p, r) == set()


def test_the_status_date_drives_work_not_started() -> None:
    # The status date is Wed 25 08:00: T1 (no predecessors) cannot start before it.
    p, r = project([task(1)], status=at(25))
    d = only(p, r, 1)
    assert (d.kind, d.text) == ("status_date", "the status date 25 Nov 2026")


def test_the_status_date_drives_remaining_work() -> None:
    t1 = task(1, 4, actual_start=at(23), percent_complete=50)
    p, r = project([t1], status=at(26))
    kinds = [d.kind for d in drivers_of(p, r, 1)]
    assert kinds == ["status_date", "actual"]
    assert drivers_of(p, r, 1)[1].text == "its actual start 23 Nov 2026"


def test_a_link_drives_the_remaining_work_of_a_started_task() -> None:
    # T2 started out of sequence; its last day waits for T1 (Tue–Thu) and is Friday.
    t2 = task(2, 1, actual_start=at(23))
    p, r = project([task(1, 3), t2], [link(1, 2)], status=at(24))
    assert [d.kind for d in drivers_of(p, r, 2)] == ["link", "actual"]
    assert driving_links(p, r) == {(1, 2)}


def test_a_finished_task_is_driven_by_its_actual_dates() -> None:
    t1 = task(1, 2, actual_start=at(24), actual_finish=at(26, 17))
    p, r = project([task(0), t1], [link(0, 1)])
    d = only(p, r, 1)
    assert (d.kind, d.text) == ("actual", "its actual start 24 Nov 2026")
    assert driving_links(p, r) == set()


def test_the_project_start_drives_a_task_without_predecessors() -> None:
    p, r = project([task(1)])
    d = only(p, r, 1)
    assert (d.kind, d.text) == ("project_start", "the project start 23 Nov 2026")


# -- summaries ----------------------------------------------------------------------------


def test_a_link_into_a_summary_drives_its_children() -> None:
    # T1 runs Mon–Wed; summary S (10) follows it and holds its tasks 11 and 12.
    s = task(10, 0, name="Structure", kind=TaskKind.SUMMARY)
    kids = [task(11, 2, parent_id=10), task(12, 1, parent_id=10)]
    p, r = project([task(1, 3), s, *kids], [link(1, 10)])
    d = only(p, r, 11)
    assert (d.kind, d.predecessor_id) == ("summary_link", 1)
    assert d.text == "finish of T1 (FS), linked to its summary Structure"
    assert only(p, r, 10).kind == "link"  # the summary itself
    # The stored link drives the summary; no link into the children is invented.
    assert driving_links(p, r) == {(1, 10)}
    path = driving_path(p, r, 12)
    assert [tid for tid, _ in path] == [12, 1]


def test_a_summary_without_a_driving_link_starts_with_its_first_task() -> None:
    s = task(10, 0, name="Structure", kind=TaskKind.SUMMARY)
    kids = [task(11, 2, parent_id=10, name="Frame"), task(12, 1, parent_id=10)]
    p, r = project([task(1, 3), s, *kids], [link(1, 11), link(11, 12)])
    d = only(p, r, 10)
    assert (d.kind, d.predecessor_id) == ("link", 1)
    assert d.text == "finish of T1 (FS), via its first task Frame"


def test_a_summary_constraint_holds_its_children() -> None:
    s = task(10, 0, name="S", kind=TaskKind.SUMMARY, constraint=ConstraintType.SNET)
    s = SchedTask(**{**s.__dict__, "constraint_date": at(25)})
    p, r = project([s, task(11, 1, parent_id=10)])
    d = only(p, r, 11)
    assert d.text == "start no earlier than 25 Nov 2026 (set on its summary S)"


# -- calendars and conventions ------------------------------------------------------------


def test_a_link_across_two_calendars() -> None:
    # T1 (standard) is Friday 27, ending 17:00; T2 works seven days: one day of lag on
    # T2's calendar is Saturday, so T2 starts Sunday 29 — driven by T1.
    t1 = task(1, 1, constraint=ConstraintType.SNET, constraint_date=at(27))
    t2 = task(2, 1, calendar="7d")
    p, r = project([t1, t2], [link(1, 2, lag_days=1)], calendars=(STANDARD, SEVEN_DAYS))
    assert r.dates[2].early_start == at(29)
    assert only(p, r, 2).predecessor_id == 1
    assert driving_links(p, r) == {(1, 2)}
    # A standard-calendar task after T2 starts Monday 30: driven across calendars too.
    p, r = project(
        [t1, t2, task(3)], [link(1, 2, lag_days=1), link(2, 3)], calendars=(STANDARD, SEVEN_DAYS)
    )
    assert r.dates[3].early_start == at(30)
    assert driving_links(p, r) == {(1, 2), (2, 3)}


def test_p6_counts_the_lag_on_the_predecessors_calendar() -> None:
    # Under P6 one day of lag after Fri 17:00 on T1's calendar is Monday: T2 starts Tue 1
    # December. It is driven; MS Project's reading of the same lag would be Sunday.
    t1 = task(1, 1, constraint=ConstraintType.SNET, constraint_date=at(27))
    t2 = task(2, 1, calendar="7d")
    links = [link(1, 2, lag_days=1)]
    p, r = project([t1, t2], links, calendars=(STANDARD, SEVEN_DAYS), convention=Convention.P6)
    assert r.dates[2].early_start == at(1, month=12)
    assert only(p, r, 2).text == "finish of T1 (FS +1d)"
    assert driving_links(p, r) == {(1, 2)}


def test_p6_lag_is_written_in_the_predecessors_days() -> None:
    ten_hours = CalendarSpec(key="10h", name="Ten hours", minutes_per_day=600)
    t1 = task(1, 1, calendar="10h")
    p, r = project(
        [t1, task(2)],
        [SchedLink(1, 2, LinkType.FS, 600)],
        calendars=(STANDARD, ten_hours),
        convention=Convention.P6,
    )
    assert only(p, r, 2).relation == "FS +1d"


# -- the driving path ---------------------------------------------------------------------


def test_a_three_step_path_back_to_the_project_start() -> None:
    # T1 → T2 → T3, and a shorter T4 → T3 that does not drive.
    names = {1: "1.1 Excavate", 2: "1.2 Pour footings", 3: "1.3 Frame", 4: "2 Order"}
    p, r = project([task(1, 2), task(2, 3), task(3), task(4)], [link(1, 2), link(2, 3), link(4, 3)])
    path = driving_path(p, r, 3, label=names.__getitem__)
    assert [tid for tid, _ in path] == [3, 2, 1]
    assert path[0][1] is not None and path[0][1].text == "finish of 1.2 Pour footings (FS)"
    assert path[1][1] is not None and path[1][1].text == "finish of 1.1 Excavate (FS)"
    last = path[-1][1]
    assert last is not None and last.kind == "project_start"


def test_the_path_stops_at_a_constraint() -> None:
    t2 = task(2, constraint=ConstraintType.SNET, constraint_date=at(30))
    p, r = project([task(1), t2, task(3)], [link(1, 2), link(2, 3)])
    path = driving_path(p, r, 3)
    assert [(tid, d.kind if d else None) for tid, d in path] == [(3, "link"), (2, "constraint")]


def test_a_long_chain_completes() -> None:
    # 10,000 tasks in a chain, 20,000 links (each task also follows the one two back,
    # which never drives). Speed is measured by hand; here it must just work.
    n = 10_000
    tasks = [task(i) for i in range(n)]
    links = [link(i - 1, i) for i in range(1, n)] + [link(i - 2, i) for i in range(2, n)]
    p, r = project(tasks, links)
    found = driving_links(p, r)
    assert len(found) == n - 1
    assert (n - 3, n - 1) not in found
    path = driving_path(p, r, n - 1)
    assert len(path) == n
    assert path[-1][1] is not None and path[-1][1].kind == "project_start"


def test_as_late_as_possible_is_the_reason_when_it_moved() -> None:
    # T1 (1 day, ALAP) and T2 (3 days) both precede T3: T1 moves to Wednesday.
    t1 = task(1, 1, constraint=ConstraintType.ALAP)
    p, r = project([t1, task(2, 3), task(3)], [link(1, 3), link(2, 3)])
    assert r.dates[1].early_start == at(25)
    d = only(p, r, 1)
    assert (d.kind, d.text, d.sets) == ("constraint", "as late as possible", "finish")


def test_an_empty_summary_sits_at_the_project_start() -> None:
    p, r = project([task(1, 0, kind=TaskKind.SUMMARY)])
    assert only(p, r, 1).kind == "project_start"


def test_a_summary_starts_with_a_task_rather_than_an_empty_summary() -> None:
    kids = [task(2, 0, kind=TaskKind.SUMMARY, parent_id=1), task(3, 2, parent_id=1)]
    p, r = project([task(1, 0, kind=TaskKind.SUMMARY), *kids])
    assert only(p, r, 1).text == "the project start 23 Nov 2026, via its first task T3"


def test_p6_holds_a_finished_activity_behind_an_unfinished_predecessor() -> None:
    # T2 finished on Mon 23 out of sequence: T1 (3 days from the status date, Tue 24 to
    # Thu 26) should have come first. P6 keeps T2 in the network after T1, so T3 waits
    # for T1 too and starts Friday 27. The path runs T3 ← T2 ← T1 ← the status date.
    t2 = task(2, 1, actual_start=at(23), actual_finish=at(23, 17))
    links = [link(1, 2), link(2, 3)]
    p, r = project([task(1, 3), t2, task(3)], links, status=at(24), convention=Convention.P6)
    assert r.dates[3].early_start == at(27)
    assert [d.kind for d in drivers_of(p, r, 2)] == ["link", "actual"]
    assert driving_links(p, r) == {(1, 2), (2, 3)}
    path = driving_path(p, r, 3)
    assert [(tid, d.kind if d else None) for tid, d in path] == [
        (3, "link"),
        (2, "link"),
        (1, "status_date"),
    ]
    # Under MS Project's rule the finished task holds back nothing: T3 starts Tuesday,
    # at the status date (T2 ended Monday noon).
    t2 = task(2, 0.5, actual_start=at(23), actual_finish=at(23, 12))
    p, r = project([task(1, 3), t2, task(3)], links, status=at(24))
    assert r.dates[3].early_start == at(24)
    assert [d.kind for d in drivers_of(p, r, 2)] == ["actual"]
    assert [d.kind for d in drivers_of(p, r, 3)] == ["status_date"]


@pytest.mark.parametrize("seed", range(5))
def test_every_task_of_a_random_network_has_a_reason(seed: int) -> None:
    # Any mix of link types and lags on one calendar: a task that is not at the project
    # start is there because of a link, and that link imposes exactly its date.
    rng = random.Random(seed)
    tasks = [task(i, rng.randint(0, 4)) for i in range(60)]
    tasks = [t if t.duration else task(t.id, kind=TaskKind.MILESTONE) for t in tasks]
    links = []
    for s in range(1, 60):
        for p in rng.sample(range(s), min(s, rng.randint(0, 3))):
            links.append(link(p, s, rng.choice(list(LinkType)), rng.randint(-1, 3)))
    p, r = project(tasks, links)
    found = driving_links(p, r)
    for t in tasks:
        drivers = drivers_of(p, r, t.id)
        if r.dates[t.id].early_start == at(23):
            assert drivers[-1].kind in ("link", "project_start")
        else:
            assert drivers and all(d.kind == "link" for d in drivers), (t.id, drivers)
            assert {(d.predecessor_id, t.id) for d in drivers} <= found
