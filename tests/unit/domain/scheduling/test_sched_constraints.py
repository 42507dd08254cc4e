"""Each constraint and the deadline, with the dates worked out by hand.

Standard calendar (Mon–Fri, 480 minutes a day), project start Monday 23 November 2026
08:00. SNET/FNET/MSO/MFO place a task; SNLT/FNLT and deadlines never move it but cap its
late dates, which shows as negative float."""

from __future__ import annotations

from ownersrep.domain.scheduling.model import ConstraintType
from tests.helpers.schedules import DAY, at, dates, link, run, task

C = ConstraintType


def test_start_no_earlier_than() -> None:
    # Alone, T1 would start Monday; SNET Wed 25 holds it to Wednesday.
    r = run([task(1, constraint=C.SNET, constraint_date=at(25))])
    assert dates(r, 1) == (at(25), at(25, 17), at(25), at(25, 17))


def test_start_no_earlier_than_a_saturday_starts_on_monday() -> None:
    r = run([task(1, constraint=C.SNET, constraint_date=at(28, 10))])
    assert dates(r, 1)[0] == at(30)


def test_start_no_earlier_than_gives_way_to_a_later_predecessor() -> None:
    # T1 runs Mon–Wed; T2's SNET Tue 24 is earlier than T1's finish: T2 starts Thu 26.
    t2 = task(2, constraint=C.SNET, constraint_date=at(24))
    r = run([task(1, 3), t2], [link(1, 2)])
    assert dates(r, 2)[0] == at(26)


def test_finish_no_earlier_than() -> None:
    # A one-day task that may not finish before Thu 26 17:00 runs on Thursday.
    r = run([task(1, constraint=C.FNET, constraint_date=at(26, 17))])
    assert dates(r, 1)[:2] == (at(26), at(26, 17))


def test_must_start_on_holds_against_its_links() -> None:
    # T1 runs Mon–Wed. T2 must start Tue 24 although T1 only ends Wed: it stays on
    # Tuesday. The conflict shows as negative float on T1: it must finish by T2's start,
    # Tue 08:00 (= Mon 17:00), two days before its early finish, so its late dates are
    # Thu 19 08:00 to Mon 23 17:00 and its total float is −2 days.
    t2 = task(2, constraint=C.MSO, constraint_date=at(24))
    r = run([task(1, 3), t2], [link(1, 2)])
    assert dates(r, 2) == (at(24), at(24, 17), at(24), at(24, 17))
    assert r.dates[2].total_float == 0
    assert dates(r, 1) == (at(23), at(25, 17), at(19), at(23, 17))
    assert r.dates[1].total_float == -2 * DAY
    assert r.dates[1].critical


def test_must_finish_on() -> None:
    # Must finish Fri 27 17:00: a two-day task runs Thu 26 – Fri 27, early and late.
    r = run([task(1, 2, constraint=C.MFO, constraint_date=at(27, 17))])
    assert dates(r, 1) == (at(26), at(27, 17), at(26), at(27, 17))


def test_start_no_later_than_makes_float_negative_without_moving_the_task() -> None:
    # T1 runs Mon–Wed, so T2 starts Thu 26 although it should start by Tue 24. It is not
    # moved; its late start is Tue 24 08:00 (late finish Tue 17:00), 2 days before its
    # early dates: float −2 days, and T1, which must finish before it, is −2 days too.
    t2 = task(2, constraint=C.SNLT, constraint_date=at(24))
    r = run([task(1, 3), t2], [link(1, 2)])
    assert dates(r, 2) == (at(26), at(26, 17), at(24), at(24, 17))
    assert r.dates[2].total_float == -2 * DAY
    assert r.dates[1].total_float == -2 * DAY
    assert r.dates[1].critical and r.dates[2].critical


def test_finish_no_later_than() -> None:
    # T2 (Thu 26) must finish by Wed 25 17:00: late finish Wednesday, float −1 day.
    t2 = task(2, constraint=C.FNLT, constraint_date=at(25, 17))
    r = run([task(1, 3), t2], [link(1, 2)])
    assert dates(r, 2) == (at(26), at(26, 17), at(25), at(25, 17))
    assert r.dates[2].total_float == -DAY


def test_a_deadline_shows_as_negative_float_not_as_a_moved_task() -> None:
    # The same as FNLT, through the deadline: T2 stays on Thursday, float −1 day.
    r = run([task(1, 3), task(2, deadline=at(25, 17))], [link(1, 2)])
    assert dates(r, 2) == (at(26), at(26, 17), at(25), at(25, 17))
    assert r.dates[2].total_float == -DAY
    assert r.project_finish == at(26, 17)


def test_a_deadline_later_than_the_finish_changes_nothing() -> None:
    r = run([task(1, 3), task(2, deadline=at(4, 17, month=12))], [link(1, 2)])
    assert r.dates[2].total_float == 0


def test_as_late_as_possible_takes_up_its_free_float() -> None:
    # T2 runs Mon–Wed and T3 follows it on Thursday. T1 (1 day) also precedes T3; as late
    # as possible it moves from Monday to Wednesday, the last day before T3, so that no
    # other task moves. Its float is then used up.
    t1 = task(1, constraint=C.ALAP)
    r = run([t1, task(2, 3), task(3)], [link(1, 3), link(2, 3)])
    assert dates(r, 1) == (at(25), at(25, 17), at(25), at(25, 17))
    assert r.dates[1].total_float == 0
    assert dates(r, 3)[0] == at(26)


def test_as_late_as_possible_without_successors_ends_with_the_project() -> None:
    # The project ends Fri 27 17:00 (T2, 5 days). T1 (1 day) moves to Friday.
    r = run([task(1, constraint=C.ALAP), task(2, 5)])
    assert dates(r, 1)[:2] == (at(27), at(27, 17))


def test_a_constraint_without_a_date_is_ignored_with_a_warning() -> None:
    r = run([task(1, constraint=C.SNET)])
    assert dates(r, 1)[0] == at(23)
    assert r.warnings == ("T1: SNET has no date; ignored",)


def test_a_later_finish_constraint_gives_every_task_float() -> None:
    # T1 is Monday; the backward pass starts from Wed 25 17:00: two days of float.
    r = run([task(1)], finish=at(25, 17))
    assert dates(r, 1) == (at(23), at(23, 17), at(25), at(25, 17))
    assert r.dates[1].total_float == 2 * DAY
    assert r.project_finish == at(23, 17)
