"""Monday–Friday working-day arithmetic: a 1-day task finishes the day it starts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ownersrep.domain.workdays import add_workdays, is_workday, next_workday, workdays_between

MON = date(2026, 11, 23)  # a Monday
FRI = date(2026, 11, 27)
SAT = date(2026, 11, 28)
SUN = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("start", "n", "finish"),
    [
        (MON, 0, MON),  # a milestone
        (MON, 1, MON),  # 1 day finishes on its start day
        (MON, 5, FRI),
        (MON, 6, date(2026, 11, 30)),  # over the weekend to the next Monday
        (date(2026, 11, 26), 3, date(2026, 11, 30)),  # Thu, Fri, Mon
        (FRI, 1, FRI),
        (FRI, 2, date(2026, 11, 30)),
        (MON, 10, date(2026, 12, 4)),
        (MON, 11, date(2026, 12, 7)),
        (SAT, 1, date(2026, 11, 30)),  # a weekend start begins on Monday
        (SUN, 5, date(2026, 12, 4)),
        (SAT, 0, SAT),  # a milestone stays where it was put
        (date(2026, 12, 21), 10, date(2027, 1, 1)),  # across the year end (no holidays yet)
    ],
)
def test_add_workdays(start: date, n: int, finish: date) -> None:
    assert add_workdays(start, n) == finish


def test_add_workdays_refuses_a_negative_duration() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_workdays(MON, -1)


@pytest.mark.parametrize(
    ("start", "finish", "days"),
    [
        (MON, MON, 1),
        (MON, FRI, 5),
        (MON, SUN, 5),
        (FRI, date(2026, 11, 30), 2),
        (SAT, SUN, 0),
        (SAT, date(2026, 11, 30), 1),
        (MON, date(2026, 12, 4), 10),
        (FRI, MON, 0),  # finish before start
        (MON, date(2027, 11, 22), 261),  # a year of weekdays
    ],
)
def test_workdays_between(start: date, finish: date, days: int) -> None:
    assert workdays_between(start, finish) == days


def test_round_trip_for_every_weekday_and_many_durations() -> None:
    # The two functions agree with a plain day-by-day count everywhere.
    for offset in range(14):
        start = MON + timedelta(days=offset)
        for n in range(1, 40):
            finish = add_workdays(start, n)
            assert is_workday(finish)
            assert workdays_between(start, finish) == n
            counted = sum(
                1 for i in range((finish - start).days + 1) if (start + timedelta(i)).weekday() < 5
            )
            assert counted == n


def test_is_workday_and_next_workday() -> None:
    assert is_workday(FRI) and not is_workday(SAT) and not is_workday(SUN)
    assert next_workday(FRI) == FRI
    assert next_workday(SAT) == date(2026, 11, 30)
    assert next_workday(SUN) == date(2026, 11, 30)
