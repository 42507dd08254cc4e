"""Working-day arithmetic on a plain Monday–Friday week.

A stand-in until project calendars (holidays, custom weeks) arrive with the scheduling
engine. Durations count working days inclusively: a 1-day task finishes on the day it
starts, a 5-day task that starts on a Monday finishes on the Friday.
"""

from __future__ import annotations

from datetime import date, timedelta

_WEEK = 5  # working days per week
_SATURDAY = 5


def is_workday(day: date) -> bool:
    return day.weekday() < _SATURDAY


def next_workday(day: date) -> date:
    """`day` itself if it is a working day, else the Monday after it."""
    weekday = day.weekday()
    return day if weekday < _SATURDAY else day + timedelta(days=7 - weekday)


def add_workdays(start: date, n: int) -> date:
    """The finish of a task of `n` working days that starts on `start`.

    n == 0 (a milestone) finishes on `start`. A start on a weekend begins on the
    following Monday, so the result is always a working day for n >= 1."""
    if n < 0:
        raise ValueError(f"a duration cannot be negative ({n})")
    if n == 0:
        return start
    day = next_workday(start)
    weeks, rest = divmod(n - 1, _WEEK)
    day += timedelta(weeks=weeks)
    if day.weekday() + rest >= _SATURDAY:
        rest += 2  # step over the weekend
    return day + timedelta(days=rest)


def workdays_between(start: date, finish: date) -> int:
    """How many working days lie from `start` to `finish`, both included (0 if the
    finish is before the start)."""
    if finish < start:
        return 0
    weeks, rest = divmod((finish - start).days + 1, 7)
    first = start.weekday()
    return weeks * _WEEK + sum(1 for i in range(rest) if (first + i) % 7 < _SATURDAY)
