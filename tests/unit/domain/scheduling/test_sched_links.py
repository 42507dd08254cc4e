"""Each link type and lag kind, with the dates worked out by hand.

The project starts Monday 23 November 2026 at 08:00 on the standard calendar
(Mon–Fri 08:00–12:00 and 13:00–17:00, 480 minutes a day) unless a test says otherwise.
A finish is shown at the end of its working time (17:00), a start at the beginning of
the next (08:00)."""

from __future__ import annotations

from ownersrep.domain.scheduling.model import (
    STANDARD_DAY,
    CalendarSpec,
    ConstraintType,
    Convention,
    SchedLink,
    WorkPeriod,
)
from tests.helpers.schedules import DAY, STANDARD, LinkType, at, dates, link, run, task

SEVEN_DAYS = CalendarSpec(key="7d", name="Seven days", week=(STANDARD_DAY,) * 7)
ROUND_THE_CLOCK = CalendarSpec(
    key="24h", name="24 hours", week=((WorkPeriod(0, 1440),),) * 7, minutes_per_day=1440
)
SNET = ConstraintType.SNET


def test_finish_to_start() -> None:
    # T1: 2 days, Mon 23 and Tue 24. T2 (3 days) starts when T1 finishes: Wed 25 to Fri 27.
    r = run([task(1, 2), task(2, 3)], [link(1, 2)])
    assert dates(r, 1) == (at(23), at(24, 17), at(23), at(24, 17))
    assert dates(r, 2) == (at(25), at(27, 17), at(25), at(27, 17))
    assert r.project_finish == at(27, 17)
    assert all(r.dates[t].critical and r.dates[t].total_float == 0 for t in (1, 2))


def test_finish_to_start_with_lag() -> None:
    # T1 is Monday; two days of lag are Tue and Wed; T2 (1 day) is Thursday 26.
    r = run([task(1), task(2)], [link(1, 2, lag_days=2)])
    assert dates(r, 2)[:2] == (at(26), at(26, 17))


def test_finish_to_start_with_lead() -> None:
    # T1 runs Mon–Wed; a lead of one day starts T2 on T1's last day, Wed 25; 2 days → Thu 26.
    r = run([task(1, 3), task(2, 2)], [link(1, 2, lag_days=-1)])
    assert dates(r, 2)[:2] == (at(25), at(26, 17))


def test_half_a_day_of_lag_ends_at_lunch_and_the_successor_starts_after_it() -> None:
    # T1 is Monday. 240 working minutes of lag: Tue 08:00–12:00. T2 starts after lunch,
    # Tue 13:00, and its 480 minutes are Tue 13–17 and Wed 08–12: it finishes Wed 12:00.
    r = run([task(1), task(2)], [link(1, 2, lag_days=0.5)])
    assert dates(r, 2)[:2] == (at(24, 13), at(25, 12))


def test_start_to_start_with_lag() -> None:
    # T1 runs Mon–Wed. T2 starts one working day after T1 starts: Tue 24, for 1 day.
    # Late: the project ends Wed 17:00, so T2 may run as late as Wednesday (1 day float).
    r = run([task(1, 3), task(2, 1)], [link(1, 2, LinkType.SS, 1)])
    assert dates(r, 2) == (at(24), at(24, 17), at(25), at(25, 17))
    assert r.dates[2].total_float == DAY
    assert r.dates[1].total_float == 0


def test_finish_to_finish() -> None:
    # T2 (1 day) finishes when T1 (Mon–Wed) finishes: Wed 25, 08:00–17:00.
    r = run([task(1, 3), task(2, 1)], [link(1, 2, LinkType.FF)])
    assert dates(r, 2)[:2] == (at(25), at(25, 17))


def test_finish_to_finish_with_lag() -> None:
    # One day after T1's finish (Wed 17:00) is Thu 17:00: T2 is Thursday 26.
    r = run([task(1, 3), task(2, 1)], [link(1, 2, LinkType.FF, 1)])
    assert dates(r, 2)[:2] == (at(26), at(26, 17))


def test_start_to_finish() -> None:
    # T1 may not start before Wed 25. T2 (2 days) must finish by the time T1 starts: Wed
    # 08:00 is the same working moment as Tue 17:00, so T2 runs Mon 23 to Tue 24.
    # The project ends with T1 (Wed 17:00): T2 has one day of float, T1 none.
    t1 = task(1, 1, constraint=SNET, constraint_date=at(25))
    r = run([t1, task(2, 2)], [link(1, 2, LinkType.SF)])
    assert dates(r, 2) == (at(23), at(24, 17), at(24), at(25, 17))
    assert r.dates[2].total_float == DAY
    assert dates(r, 1) == (at(25), at(25, 17), at(25), at(25, 17))


def test_elapsed_lag_counts_nights() -> None:
    # T1 runs Mon–Thu and ends Thu 26 17:00. Twelve elapsed hours end Fri 05:00, so T2
    # starts Fri 27 08:00. The same twelve hours as working time (1.5 days) would run
    # through Friday and Monday morning: T2 would start Mon 30 13:00.
    elapsed = run([task(1, 4), task(2)], [link(1, 2, elapsed_minutes=12 * 60)])
    assert dates(elapsed, 2)[0] == at(27)
    working = run([task(1, 4), task(2)], [link(1, 2, lag_days=1.5)])
    assert dates(working, 2)[0] == at(30, 13)


def test_elapsed_lag_runs_over_the_weekend() -> None:
    # T1 is Friday 27 (ends 17:00). Two elapsed days end Sun 29 17:00: T2 starts Mon 30.
    t1 = task(1, 1, constraint=SNET, constraint_date=at(27))
    r = run([t1, task(2)], [link(1, 2, elapsed_minutes=2 * 1440)])
    assert dates(r, 2)[0] == at(30)


def test_negative_elapsed_lag() -> None:
    # T1 runs Mon–Wed (ends Wed 17:00); one elapsed day earlier is Tue 17:00, the same
    # working moment as Wed 08:00: T2 starts Wednesday 25.
    r = run([task(1, 3), task(2)], [link(1, 2, elapsed_minutes=-1440)])
    assert dates(r, 2)[0] == at(25)


def test_working_lag_is_counted_in_the_successors_calendar_for_ms_project() -> None:
    # T1 (standard) is Friday 27 and ends 17:00. T2 works every day 08:00–17:00. One day
    # of lag on T2's calendar is Saturday, so T2 starts Sunday 29.
    t1 = task(1, 1, constraint=SNET, constraint_date=at(27))
    t2 = task(2, 1, calendar="7d")
    r = run([t1, t2], [link(1, 2, lag_days=1)], calendars=(STANDARD, SEVEN_DAYS))
    assert dates(r, 2)[:2] == (at(29), at(29, 17))


def test_working_lag_is_counted_in_the_predecessors_calendar_for_p6() -> None:
    # The same link under P6's rule: one day on T1's calendar after Fri 17:00 is Monday,
    # ending Mon 30 17:00; T2 starts at its next working time, Tue 1 December 08:00.
    t1 = task(1, 1, constraint=SNET, constraint_date=at(27))
    t2 = task(2, 1, calendar="7d")
    r = run(
        [t1, t2],
        [link(1, 2, lag_days=1)],
        calendars=(STANDARD, SEVEN_DAYS),
        convention=Convention.P6,
    )
    assert dates(r, 2)[:2] == (at(1, month=12), at(1, 17, month=12))


def test_a_link_across_calendars_passes_through_the_clock() -> None:
    # T1 works round the clock: 36 hours from Fri 27 08:00 end Sat 28 20:00. T2 on the
    # standard calendar starts at its next working time, Mon 30 08:00. Late: T1 could end
    # as late as Mon 08:00 without delaying T2, which is 36 hours of T1's time; it would
    # then start 36 hours earlier, Sat 28 20:00.
    t1 = task(1, 36 * 60 / DAY, calendar="24h", constraint=SNET, constraint_date=at(27))
    r = run([t1, task(2)], [link(1, 2)], calendars=(STANDARD, ROUND_THE_CLOCK))
    assert dates(r, 1) == (at(27), at(28, 20), at(28, 20), at(30))
    assert r.dates[1].total_float == r.dates[1].free_float == 36 * 60
    assert dates(r, 2)[:2] == (at(30), at(30, 17))


def test_a_round_the_clock_successor_starts_the_evening_its_predecessor_ends() -> None:
    # T1 (standard) is Monday and ends 17:00; T2 works round the clock, so it starts then.
    r = run(
        [task(1), task(2, calendar="24h")],
        [link(1, 2)],
        calendars=(STANDARD, ROUND_THE_CLOCK),
    )
    assert dates(r, 2)[0] == at(23, 17)


def test_links_given_with_plain_strings_work_too() -> None:
    # A caller may pass the link type and lag unit as their stored strings. SS + 1 day
    # from Monday is Tuesday; FS + 24 elapsed hours from Mon 17:00 is Tue 17:00, whose
    # next working time is Wed 25 08:00.
    ss = SchedLink(1, 2, "SS", DAY, "working")  # type: ignore[arg-type]
    assert dates(run([task(1), task(2)], [ss]), 2)[0] == at(24)
    fs = SchedLink(1, 2, "FS", 1440, "elapsed")  # type: ignore[arg-type]
    assert dates(run([task(1), task(2)], [fs]), 2)[0] == at(25)
