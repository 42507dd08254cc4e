"""A working calendar (`CalendarSpec`) to and from the `calendar` row's columns.

The week, the date exceptions and the recurring days are stored as compact JSON, so a
calendar is read and written whole:

- `week_json`: seven lists (Monday..Sunday) of `[start, end]` minute pairs, e.g.
  `[[[480, 720], [780, 1020]], ..., [], []]`; an empty list is a day off.
- `exceptions_json`: `[["2026-12-25", []], ["2026-12-27", [[480, 720]]]]`: the date and
  its working periods (none: a day off).
- `recurring_json`: `[{"month": 12, "day": 25}, {"month": 7, "day": 4, "working": true,
  "first_year": 2020, "last_year": 2030}]`; fields at their default are left out.

Decoding checks the shapes and raises `ValidationError("Calendar “name”", ...)` for a
value that is not a calendar, rather than failing later inside the scheduler.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from ownersrep.domain.errors import ValidationError
from ownersrep.domain.scheduling.model import CalendarSpec, RecurringException, WorkPeriod

MINUTES_PER_DAY_MAX = 24 * 60

_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class _BadColumnError(Exception):
    """A shape problem found while decoding; turned into a ValidationError."""


# -- encoding -------------------------------------------------------------------------
def _periods(periods: tuple[WorkPeriod, ...]) -> list[list[int]]:
    return [[p.start, p.end] for p in periods]


def encode_week(week: tuple[tuple[WorkPeriod, ...], ...]) -> str:
    return _DUMPS([_periods(day) for day in week])


def encode_exceptions(exceptions: tuple[tuple[date, tuple[WorkPeriod, ...]], ...]) -> str:
    return _DUMPS([[day.isoformat(), _periods(periods)] for day, periods in exceptions])


def encode_recurring(recurring: tuple[RecurringException, ...]) -> str:
    items = []
    for r in recurring:
        item: dict[str, Any] = {"month": r.month, "day": r.day}
        if r.working:
            item["working"] = True
        if r.first_year is not None:
            item["first_year"] = r.first_year
        if r.last_year is not None:
            item["last_year"] = r.last_year
        items.append(item)
    return _DUMPS(items)


def calendar_columns(spec: CalendarSpec) -> dict[str, Any]:
    """The calendar row's values for `spec` (all but id, project_id and is_default)."""
    return {
        "key": spec.key,
        "name": spec.name,
        "minutes_per_day": spec.minutes_per_day,
        "week_json": encode_week(spec.week),
        "exceptions_json": encode_exceptions(spec.exceptions),
        "recurring_json": encode_recurring(spec.recurring),
        "country": spec.country,
        "region": spec.region,
    }


# -- decoding -------------------------------------------------------------------------
def _int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadColumnError(f"{what} is not a whole number: {value!r}")
    return value


def _decode_periods(value: object, what: str) -> tuple[WorkPeriod, ...]:
    if not isinstance(value, list):
        raise _BadColumnError(f"{what} is not a list of periods")
    periods = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2:
            raise _BadColumnError(f"{what}: {item!r} is not a [start, end] pair")
        start, end = _int(item[0], what), _int(item[1], what)
        if not 0 <= start < end <= MINUTES_PER_DAY_MAX:
            raise _BadColumnError(f"{what}: [{start}, {end}] is not a period within one day")
        periods.append(WorkPeriod(start, end))
    return tuple(periods)


def _load(text: str | None, what: str) -> Any:
    try:
        return json.loads(text or "[]")
    except ValueError as exc:
        raise _BadColumnError(f"{what} is not valid JSON ({exc.msg})") from None


def decode_week(text: str) -> tuple[tuple[WorkPeriod, ...], ...]:
    days = _load(text, "the week")
    if not isinstance(days, list) or len(days) != 7:
        raise _BadColumnError("the week does not have seven days")
    names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    return tuple(_decode_periods(day, name) for day, name in zip(days, names, strict=True))


def decode_exceptions(text: str | None) -> tuple[tuple[date, tuple[WorkPeriod, ...]], ...]:
    items = _load(text, "the exceptions")
    if not isinstance(items, list):
        raise _BadColumnError("the exceptions are not a list")
    out = []
    for item in items:
        if not isinstance(item, list) or len(item) != 2 or not isinstance(item[0], str):
            raise _BadColumnError(f"exception {item!r} is not a [date, periods] pair")
        try:
            day = date.fromisoformat(item[0])
        except ValueError:
            raise _BadColumnError(f"exception date “{item[0]}” is not a date") from None
        out.append((day, _decode_periods(item[1], f"exception {item[0]}")))
    return tuple(out)


def decode_recurring(text: str | None) -> tuple[RecurringException, ...]:
    items = _load(text, "the recurring days")
    if not isinstance(items, list):
        raise _BadColumnError("the recurring days are not a list")
    out = []
    for item in items:
        if not isinstance(item, dict) or "month" not in item or "day" not in item:
            raise _BadColumnError(f"recurring day {item!r} has no month and day")
        month, day = _int(item["month"], "month"), _int(item["day"], "day")
        try:
            date(2000, month, day)  # a leap year: 29 February is a valid recurring day
        except ValueError:
            raise _BadColumnError(f"recurring day {day}/{month} is not a day of the year") from None
        first, last = item.get("first_year"), item.get("last_year")
        out.append(
            RecurringException(
                month=month,
                day=day,
                working=bool(item.get("working", False)),
                first_year=None if first is None else _int(first, "first year"),
                last_year=None if last is None else _int(last, "last year"),
            )
        )
    return tuple(out)


def calendar_spec(values: Mapping[str, Any]) -> CalendarSpec:
    """A CalendarSpec from a calendar row's values (a dict, a Core row's `_mapping`, or
    `{c: getattr(row, c)}`). Raises ValidationError naming the calendar."""
    name = str(values.get("name") or values.get("key") or "")
    try:
        minutes = _int(values.get("minutes_per_day", 480), "minutes per day")
        if not 0 < minutes <= MINUTES_PER_DAY_MAX:
            raise _BadColumnError(
                f"{minutes} minutes per day is not between 1 and {MINUTES_PER_DAY_MAX}"
            )
        return CalendarSpec(
            key=str(values["key"]),
            name=name,
            week=decode_week(values["week_json"]),
            exceptions=decode_exceptions(values.get("exceptions_json")),
            recurring=decode_recurring(values.get("recurring_json")),
            country=values.get("country"),
            region=values.get("region"),
            minutes_per_day=minutes,
        )
    except _BadColumnError as exc:
        raise ValidationError(f"Calendar “{name}”", str(exc)) from None
