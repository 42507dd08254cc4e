"""Progress against a status date: actual dates, percent complete, remaining duration and
retained logic. Standard calendar (Mon–Fri, 480 minutes a day), project start Monday 23
November 2026 08:00; dates worked out by hand."""

from __future__ import annotations

from ownersrep.domain.scheduling.model import Convention
from tests.helpers.schedules import DAY, at, dates, link, run, task


def test_a_finished_task_keeps_its_actual_dates() -> None:
    # Planned for 2 days, T1 actually ran Mon 23 08:00 to Wed 25 17:00. Its successor
    # starts Thu 26. A finished task has no float and is never critical.
    t1 = task(1, 2, actual_start=at(23), actual_finish=at(25, 17), percent_complete=100)
    r = run([t1, task(2)], [link(1, 2)])
    assert dates(r, 1) == (at(23), at(25, 17), at(23), at(25, 17))
    assert r.dates[1].total_float == 0
    assert not r.dates[1].critical
    assert dates(r, 2)[:2] == (at(26), at(26, 17))


def test_an_actual_finish_without_an_actual_start_counts_back_the_duration() -> None:
    t1 = task(1, 2, actual_finish=at(25, 17))
    assert dates(run([t1]), 1)[:2] == (at(24), at(25, 17))


def test_remaining_work_resumes_at_the_status_date() -> None:
    # T1: 4 days, started Mon 23, 50% done, so 2 days remain. The status date is Thu 26
    # 08:00: the remaining two days are Thursday and Friday; T1 ends Fri 27 17:00.
    t1 = task(1, 4, actual_start=at(23), percent_complete=50)
    r = run([t1], status=at(26))
    assert dates(r, 1)[:2] == (at(23), at(27, 17))


def test_without_a_status_date_a_started_task_runs_on_from_its_start() -> None:
    # The same task with no status date: 4 days from Monday, ending Thu 26.
    t1 = task(1, 4, actual_start=at(23), percent_complete=50)
    assert dates(run([t1]), 1)[:2] == (at(23), at(26, 17))


def test_remaining_duration_wins_over_percent_complete() -> None:
    # One day remains (whatever the percent says): Thursday 26 from the status date.
    t1 = task(1, 4, actual_start=at(23), percent_complete=50, remaining=DAY)
    r = run([t1], status=at(26))
    assert dates(r, 1)[:2] == (at(23), at(26, 17))


def test_work_not_started_is_not_scheduled_before_the_status_date() -> None:
    # Status date Wed 25 12:00 (lunch): the next working minute is 13:00, and a day of
    # work from there ends Thu 26 12:00.
    r = run([task(1)], status=at(25, 12))
    assert dates(r, 1)[:2] == (at(25, 13), at(26, 12))


def test_retained_logic_holds_remaining_work_behind_an_unfinished_predecessor() -> None:
    # T2 started out of sequence on Mon 23 although T1 must finish first. The status date
    # is Tue 24 08:00: T1 (3 days, not started) runs Tue–Thu; the day T2 has left waits
    # for it and is Friday 27. T2's start stays its actual start.
    t2 = task(2, 1, actual_start=at(23))
    r = run([task(1, 3), t2], [link(1, 2)], status=at(24))
    assert dates(r, 1)[:2] == (at(24), at(26, 17))
    assert dates(r, 2)[:2] == (at(23), at(27, 17))


def test_a_started_task_under_ms_project_reports_its_actual_start() -> None:
    # T1 as in test_remaining_work_resumes_at_the_status_date ends the project (Fri 27).
    t1 = task(1, 4, actual_start=at(23), percent_complete=50)
    r = run([t1], status=at(26))
    assert dates(r, 1) == (at(23), at(27, 17), at(23), at(27, 17))
    assert r.dates[1].total_float == 0


def test_a_started_task_under_p6_reports_the_remaining_works_dates() -> None:
    # P6 states a started activity's remaining dates: early start where the rest resumes
    # (the status date, Thu 26 08:00), late start = late finish Fri 27 17:00 less the 2
    # remaining days = Thu 26 08:00.
    t1 = task(1, 4, actual_start=at(23), percent_complete=50)
    r = run([t1], status=at(26), convention=Convention.P6)
    assert dates(r, 1) == (at(26), at(27, 17), at(26), at(27, 17))


def test_a_started_task_with_nothing_left_ends_at_the_status_date() -> None:
    # Started Mon 23, 100% done but no actual finish: what is left (nothing) is at the
    # status date, Wed 25 08:00, whatever its planned duration.
    t1 = task(1, 400, actual_start=at(23), percent_complete=100)
    r = run([t1, task(2)], [link(1, 2)], status=at(25))
    assert dates(r, 1)[1] == at(24, 17)  # Wed 08:00 as a finish: Tue 17:00
    assert dates(r, 2)[0] == at(25)


def test_a_started_task_with_float() -> None:
    # T1 (Mon–Tue remaining from the status date Mon 23) runs beside T2 (5 days, to Fri
    # 27): T1 ends Tue 24 17:00 with 3 days of float, reported as late finish − finish.
    t1 = task(1, 2, actual_start=at(23))
    r = run([t1, task(2, 5)], status=at(23))
    assert dates(r, 1)[1] == at(24, 17)
    assert r.dates[1].total_float == 3 * DAY
    assert not r.dates[1].critical


def test_a_finished_successor_holds_back_no_predecessor() -> None:
    # T2 is done (Mon 23); T1 is its predecessor but not started. T1's late dates come
    # from the project finish (T1 itself ends Wed 25), not from T2's past dates.
    t2 = task(2, 1, actual_start=at(23), actual_finish=at(23, 17))
    r = run([task(1, 3), t2], [link(1, 2)])
    assert r.dates[1].total_float == 0
    assert dates(r, 1)[3] == at(25, 17)


def test_a_task_marked_complete_without_dates_is_done_where_it_was_scheduled() -> None:
    r = run([task(1, 2, percent_complete=100), task(2)], [link(1, 2)])
    assert dates(r, 1)[:2] == (at(23), at(24, 17))
    assert not r.dates[1].critical
    assert dates(r, 2)[0] == at(25)


def test_actual_finish_before_actual_start_is_warned_about() -> None:
    t1 = task(1, actual_start=at(25), actual_finish=at(24, 17))
    r = run([t1])
    assert r.warnings == ("T1: actual finish is before actual start",)


def test_remaining_work_may_exceed_the_plan() -> None:
    # Planned 1 day, started Mon 23, 3 days still to go from the status date Tue 24:
    # Tue, Wed, Thu — it ends Thu 26 17:00.
    t1 = task(1, 1, actual_start=at(23), remaining=3 * DAY)
    assert dates(run([t1], status=at(24)), 1)[:2] == (at(23), at(26, 17))
