"""Working calendars: the work week, exceptions, recurring days and public holidays, and
the working-minute arithmetic under them. Dates worked out by hand; the standard
calendar is Mon–Fri 08:00–12:00, 13:00–17:00 (480 minutes a day)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.model import (
    CalendarSpec,
    ConstraintType,
    RecurringException,
    ScheduleError,
    WorkPeriod,
)
from tests.helpers.schedules import STANDARD, at, dates, run, task

SNET = ConstraintType.SNET


def calendar(**fields: object) -> CalendarSpec:
    return CalendarSpec(key="c", name="Site", **fields)  # type: ignore[arg-type]


def schedule_on(spec: CalendarSpec, days: float, start: datetime) -> tuple[datetime, ...]:
    t = task(1, days, constraint=SNET, constraint_date=start)
    return dates(run([t], calendars=(spec,), default="c"), 1)


# -- the engine on calendars ------------------------------------------------------------


def test_a_non_working_date_is_skipped() -> None:
    # Tuesday 24 is a day off: three days from Monday are Mon, Wed and Thu.
    spec = calendar(exceptions=((date(2026, 11, 24), ()),))
    assert schedule_on(spec, 3, at(23))[:2] == (at(23), at(26, 17))


def test_an_extra_working_day_with_its_own_hours() -> None:
    # Saturday 28 works 08:00–12:00. Two days (960 min) from Friday: Fri 480, Sat 240,
    # Mon 08:00–12:00 240: the task ends Mon 30 12:00.
    spec = calendar(exceptions=((date(2026, 11, 28), (WorkPeriod(480, 720),)),))
    assert schedule_on(spec, 2, at(27))[:2] == (at(27), at(30, 12))


def test_a_recurring_day_off() -> None:
    # 25 November is off every year: two days from Tuesday are Tue 24 and Thu 26.
    spec = calendar(recurring=(RecurringException(11, 25),))
    assert schedule_on(spec, 2, at(24))[:2] == (at(24), at(26, 17))


def test_a_recurring_day_off_starts_in_its_first_year() -> None:
    # From 2027 on only: in 2026 Wednesday 25 works, so the task ends Wed 25.
    spec = calendar(recurring=(RecurringException(11, 25, first_year=2027),))
    assert schedule_on(spec, 2, at(24))[:2] == (at(24), at(25, 17))


def test_a_recurring_working_day_on_a_weekend_works_a_normal_day() -> None:
    # Saturday 28 November works every year (the week's usual 08:00–17:00 day): two days
    # from Friday are Friday and Saturday.
    spec = calendar(recurring=(RecurringException(11, 28, working=True),))
    assert schedule_on(spec, 2, at(27))[:2] == (at(27), at(28, 17))


def test_public_holidays_of_a_country_and_region() -> None:
    # England, Christmas 2026: Fri 25 (Christmas Day) and Mon 28 (Boxing Day observed)
    # are off. Two days from Thu 24 December are Thu 24 and Tue 29.
    spec = calendar(country="GB", region="ENG")
    start = at(24, month=12)
    assert schedule_on(spec, 2, start)[:2] == (start, at(29, 17, month=12))


def test_an_explicit_working_exception_beats_a_public_holiday() -> None:
    spec = calendar(
        country="GB", region="ENG", exceptions=((date(2026, 12, 28), (WorkPeriod(480, 960),)),)
    )
    start = at(24, month=12)
    assert schedule_on(spec, 2, start)[:2] == (start, at(28, 16, month=12))


def test_an_unknown_country_is_refused_with_its_name() -> None:
    with pytest.raises(ScheduleError, match="XX"):
        schedule_on(calendar(country="XX"), 1, at(23))


def test_a_four_day_week_of_ten_hours() -> None:
    # Mon–Thu 07:00–17:00 (600 minutes). Two days (1200) from Thursday 26: Thursday and
    # Monday 30.
    ten = (WorkPeriod(7 * 60, 17 * 60),)
    spec = calendar(week=(ten, ten, ten, ten, (), (), ()), minutes_per_day=600)
    t = task(1, 1200 / 480, constraint=SNET, constraint_date=at(26, 7))
    r = run([t], calendars=(spec,), default="c")
    assert dates(r, 1)[:2] == (at(26, 7), at(30, 17))


def test_a_round_the_clock_day_ends_at_midnight() -> None:
    # 24 hours from Saturday 00:00 end at midnight, shown as Sunday 00:00.
    spec = calendar(week=((WorkPeriod(0, 1440),),) * 7, minutes_per_day=1440)
    assert schedule_on(spec, 3, at(28, 0))[:2] == (at(28, 0), at(29, 0))


def test_a_night_shift_across_midnight() -> None:
    # Works Mon 22:00–24:00 and Tue 00:00–06:00: 8 hours from Monday 22:00 end Tue 06:00.
    night = (WorkPeriod(22 * 60, 1440),)
    morning = (WorkPeriod(0, 6 * 60),)
    both = (WorkPeriod(0, 6 * 60), WorkPeriod(22 * 60, 1440))
    spec = calendar(week=(night, both, both, both, morning, (), ()))
    assert schedule_on(spec, 1, at(23, 22))[:2] == (at(23, 22), at(24, 6))


def test_a_calendar_without_working_time_is_refused() -> None:
    with pytest.raises(ScheduleError, match="no working time"):
        schedule_on(calendar(week=((),) * 7), 1, at(23))


# -- WorkCalendar arithmetic ------------------------------------------------------------


@pytest.fixture
def std() -> WorkCalendar:
    return WorkCalendar(STANDARD, date(2026, 11, 23))


def test_friday_evening_and_monday_morning_are_the_same_working_moment(
    std: WorkCalendar,
) -> None:
    friday = std.ordinal(at(27, 17))
    assert friday == std.ordinal(at(28, 12)) == std.ordinal(at(30, 8)) == 5 * 480
    assert std.start_datetime(friday) == at(30)  # how a start is shown
    assert std.finish_datetime(friday) == at(27, 17)  # how a finish is shown


def test_lunch_is_not_working_time(std: WorkCalendar) -> None:
    assert std.ordinal(at(23, 12)) == std.ordinal(at(23, 12, 30)) == 240
    assert std.start_datetime(240) == at(23, 13)
    assert std.finish_datetime(240) == at(23, 12)


def test_adding_and_counting_working_minutes(std: WorkCalendar) -> None:
    assert std.add_working(at(27, 15), 240) == at(30, 10)  # Fri 15–17, Mon 8–10
    assert std.add_working(at(30, 10), -240, as_finish=False) == at(27, 15)
    assert std.working_minutes_between(at(23), at(27, 17)) == 2400
    assert std.working_minutes_between(at(27, 17), at(23)) == -2400
    assert std.elapsed_minutes(at(27, 17), at(30)) == 63 * 60


def test_dates_before_the_origin_count_negative(std: WorkCalendar) -> None:
    # The Friday before the origin is one working day (480 minutes) back; a year back
    # extends the index in the other direction and comes back to the same date.
    assert std.ordinal(at(20)) == -480
    a_year_back = datetime(2025, 11, 24, 8)
    assert std.start_datetime(std.ordinal(a_year_back)) == a_year_back


def test_far_dates_extend_the_index(std: WorkCalendar) -> None:
    far = datetime(2040, 3, 5, 9, 30)  # a Monday
    assert std.start_datetime(std.ordinal(far)) == far


def test_working_days(std: WorkCalendar) -> None:
    assert std.is_working_day(date(2026, 11, 27))
    assert not std.is_working_day(date(2026, 11, 28))
    assert std.working_minutes_on(date(2026, 11, 27)) == 480
