"""The dates of a recurring MS Project calendar exception (Project 2007 and later).

`<Exception><Type>`: 1 daily, 2 yearly on a day of a month, 3 yearly on the n-th weekday
of a month, 4 monthly on a day, 5 monthly on the n-th weekday, 6 weekly on days of the
week, 7 daily. `Period` is "every n days/weeks/months"; `Month` counts from 0 (January);
`MonthItem` 3..9 is Sunday..Saturday; `MonthPosition` 0..3 is first..fourth and 4 last;
`DaysOfWeek` is a bit set, Sunday = 1, Monday = 2, ... Saturday = 64.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

DAILY_TYPES = (1, 7)
YEARLY_ON_DAY = 2
YEARLY_BY_POSITION = 3
MONTHLY_ON_DAY = 4
MONTHLY_BY_POSITION = 5
WEEKLY = 6
KNOWN_TYPES = (1, 2, 3, 4, 5, 6, 7)

# MS Project's day bits, in Python's weekday order (Monday = 0).
_WEEKDAY_BITS = (0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x01)


@dataclass(frozen=True)
class Recurrence:
    type: int
    first: date
    last: date | None  # None: no end date in the file
    occurrences: int | None
    period: int = 1
    month: int | None = None  # 1..12
    month_day: int | None = None
    weekday: int | None = None  # Python weekday, Monday = 0
    position: int | None = None  # 1..4, or 5 for "last"
    weekday_bits: int = 0

    def describe(self) -> str:
        kinds = {
            1: "daily",
            2: "yearly",
            3: "yearly",
            4: "monthly",
            5: "monthly",
            6: "weekly",
            7: "daily",
        }
        return kinds.get(self.type, f"type {self.type}")


def month_item_weekday(month_item: int) -> int | None:
    """MonthItem 3..9 (Sunday..Saturday) as a Python weekday; None for the "day",
    "weekday" and "weekend day" items, which this reader does not expand."""
    if 3 <= month_item <= 9:
        return (month_item - 3 + 6) % 7
    return None


def occurrence_dates(rule: Recurrence, horizon: date, limit: int) -> tuple[list[date], bool]:
    """The dates the rule covers, from `first` to `last` (or `horizon` when it has no
    end), stopping after `occurrences`; the flag says whether `limit` cut it short."""
    end = min(rule.last, horizon) if rule.last is not None else horizon
    wanted = rule.occurrences if rule.occurrences else limit + 1
    dates: list[date] = []
    for day in _candidates(rule, end):
        if day < rule.first:
            continue
        if day > end:
            break
        dates.append(day)
        if len(dates) >= wanted or len(dates) > limit:
            break
    cut = len(dates) > limit
    return dates[:limit], cut


def _candidates(rule: Recurrence, end: date) -> Iterator[date]:
    period = max(rule.period, 1)
    if rule.type in DAILY_TYPES:
        day = rule.first
        while day <= end:
            yield day
            day += timedelta(days=period)
    elif rule.type == WEEKLY:
        week = rule.first - timedelta(days=rule.first.weekday())
        while week <= end:
            for offset in range(7):
                if rule.weekday_bits & _WEEKDAY_BITS[offset]:
                    yield week + timedelta(days=offset)
            week += timedelta(weeks=period)
    elif rule.type in (MONTHLY_ON_DAY, MONTHLY_BY_POSITION):
        year, month = rule.first.year, rule.first.month
        while date(year, month, 1) <= end:
            day = _day_in_month(rule, year, month)
            if day is not None:
                yield day
            month += period
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    elif rule.type in (YEARLY_ON_DAY, YEARLY_BY_POSITION) and rule.month:
        year = rule.first.year
        while year <= end.year:
            day = _day_in_month(rule, year, rule.month)
            if day is not None:
                yield day
            year += 1


def _day_in_month(rule: Recurrence, year: int, month: int) -> date | None:
    length = _cal.monthrange(year, month)[1]
    if rule.type in (MONTHLY_ON_DAY, YEARLY_ON_DAY):
        if not rule.month_day:
            return None
        return date(year, month, min(rule.month_day, length))
    if rule.weekday is None or not rule.position:
        return None
    days = [
        date(year, month, d)
        for d in range(1, length + 1)
        if date(year, month, d).weekday() == rule.weekday
    ]
    if rule.position >= 5:
        return days[-1]
    return days[rule.position - 1] if rule.position <= len(days) else None
