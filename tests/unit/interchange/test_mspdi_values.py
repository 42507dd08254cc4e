"""MSPDI value formats: xsd durations, link lags, times of day, format codes."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ownersrep.domain.scheduling.model import CalendarSpec, LagUnit, RecurringException
from ownersrep.interchange.mspdi_calendars import working_minutes_between
from ownersrep.interchange.mspdi_recurrence import Recurrence, occurrence_dates
from ownersrep.interchange.mspdi_values import (
    duration_format,
    parse_datetime,
    parse_duration_minutes,
    parse_lag,
    parse_time_of_day,
    tenths_to_minutes,
)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("PT16H0M0S", 960),
        ("PT0H0M0S", 0),
        ("PT8H30M0S", 510),
        ("PT57H8M24S", 3428.4),
        ("PT1.5H", 90),
        ("-PT8H0M0S", -480),
        ("P1DT2H", 26 * 60),  # a day in xsd is 24 hours
        ("PT0.5S", 0.5 / 60),
        (" PT4H ", 240),
    ],
)
def test_durations(text: str, minutes: float) -> None:
    assert parse_duration_minutes(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["", "P", "PT", "8 days", "PT8X", "P1M", "P2Y", "PT-8H"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration_minutes(text)


@pytest.mark.parametrize(
    ("link_lag", "lag_format", "value", "unit", "percent", "label"),
    [
        ("4800", "7", 480, LagUnit.WORKING, False, "d"),  # 1 day
        ("-4800", "7", -480, LagUnit.WORKING, False, "d"),  # a lead
        ("4800", "5", 480, LagUnit.WORKING, False, "h"),
        ("14400", "8", 1440, LagUnit.ELAPSED, False, "ed"),  # 1 elapsed day
        ("600", "6", 60, LagUnit.ELAPSED, False, "eh"),
        ("24000", "9", 2400, LagUnit.WORKING, False, "w"),
        ("6000", "39", 600, LagUnit.WORKING, False, "d?"),  # estimated days
        ("14400", "40", 1440, LagUnit.ELAPSED, False, "ed?"),
        ("50", "19", 50, LagUnit.WORKING, True, "%"),
        ("25", "20", 25, LagUnit.ELAPSED, True, "e%"),
        ("0", None, 0, LagUnit.WORKING, False, ""),
        (None, None, 0, LagUnit.WORKING, False, ""),
        ("5", "7", 0.5, LagUnit.WORKING, False, "d"),  # half a minute
    ],
)
def test_lags(link_lag, lag_format, value, unit, percent, label) -> None:
    lag = parse_lag(link_lag, lag_format)
    assert (lag.value, lag.unit, lag.percent, lag.label) == (value, unit, percent, label)


def test_lag_description_uses_the_file_unit() -> None:
    assert parse_lag("9600", "7").describe(480) == "2d"
    assert parse_lag("14400", "8").describe(480) == "1ed"
    assert parse_lag("50", "19").describe(480) == "50%"


def test_bad_lag() -> None:
    with pytest.raises(ValueError):
        parse_lag("one day", "7")


def test_duration_formats() -> None:
    assert duration_format(7).label == "d" and not duration_format(7).elapsed
    assert duration_format(8).elapsed and duration_format(44).elapsed  # 44: "emo?"
    assert duration_format(44).label == "emo?"
    assert duration_format(53).label == "" and not duration_format(53).elapsed
    assert duration_format(None).label == ""


def test_times_of_day() -> None:
    assert parse_time_of_day("08:00:00") == 480
    assert parse_time_of_day("00:00:00") == 0
    assert parse_time_of_day("00:00:00", end=True) == 1440  # midnight ending a day
    assert parse_time_of_day("24:00:00", end=True) == 1440
    assert parse_time_of_day("17:30") == 1050
    with pytest.raises(ValueError):
        parse_time_of_day("25:00:00")
    with pytest.raises(ValueError):
        parse_time_of_day("noon")


def test_slack_and_dates() -> None:
    assert tenths_to_minutes("240000") == 24000
    assert tenths_to_minutes("-4800") == -480
    assert parse_datetime("2003-01-07T08:00:00") == datetime(2003, 1, 7, 8)
    assert parse_datetime("2003-01-07T08:00:00+02:00") == datetime(2003, 1, 7, 8)
    with pytest.raises(ValueError):
        parse_datetime("07/01/2003")


def test_recurrence_stops_at_occurrences_and_limit() -> None:
    daily = Recurrence(type=1, first=date(2024, 1, 1), last=None, occurrences=None, period=7)
    dates, cut = occurrence_dates(daily, horizon=date(2030, 1, 1), limit=10)
    assert len(dates) == 10 and cut
    assert dates[1] == date(2024, 1, 8)
    yearly = Recurrence(
        type=3, first=date(2024, 1, 1), last=None, occurrences=3, month=11, weekday=3, position=4
    )  # the fourth Thursday of November
    dates, cut = occurrence_dates(yearly, horizon=date(2030, 1, 1), limit=10)
    assert dates == [date(2024, 11, 28), date(2025, 11, 27), date(2026, 11, 26)] and not cut
    monthly = Recurrence(
        type=4, first=date(2024, 1, 31), last=date(2024, 4, 30), occurrences=None, month_day=31
    )
    assert occurrence_dates(monthly, date(2030, 1, 1), 10)[0] == [
        date(2024, 1, 31),
        date(2024, 2, 29),  # the last day of a shorter month
        date(2024, 3, 31),
        date(2024, 4, 30),
    ]


def test_working_minutes_between() -> None:
    spec = CalendarSpec(
        key="1",
        name="Standard",
        exceptions=((date(2024, 1, 9), ()),),
        recurring=(RecurringException(month=1, day=10),),
    )
    monday = datetime(2024, 1, 8, 8)
    assert working_minutes_between(spec, monday, datetime(2024, 1, 8, 17)) == 480
    assert working_minutes_between(spec, monday, datetime(2024, 1, 8, 12, 30)) == 240
    # Tuesday is an exception, Wednesday a yearly holiday.
    assert working_minutes_between(spec, monday, datetime(2024, 1, 11, 17)) == 960
    assert working_minutes_between(spec, monday, monday) == 0
