"""The time axis: dates to x and back, zoom bands, ticks and their labels."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ownersrep.ui.gantt.timescale import (
    MAX_PX_PER_DAY,
    MIN_PX_PER_DAY,
    ZOOM_LEVELS,
    TimeScale,
    approx_width,
    fit_label,
    fit_px_per_day,
    level_for,
    next_period,
    period_start,
    ticks,
    tiers_for,
    zoom_step,
)

ORIGIN = date(2026, 11, 2)  # a Monday


def test_date_to_x_and_back_snaps_to_whole_days() -> None:
    scale = TimeScale(ORIGIN, 20.0)
    assert scale.date_to_x(ORIGIN) == 0
    assert scale.date_to_x(date(2026, 11, 5)) == 60
    assert scale.date_to_x(date(2026, 10, 31)) == -40
    assert scale.x_to_date(0) == ORIGIN
    assert scale.x_to_date(19.9) == ORIGIN
    assert scale.x_to_date(20) == date(2026, 11, 3)
    assert scale.x_to_date(-0.5) == date(2026, 11, 1)
    for offset in range(-400, 400, 37):
        day = ORIGIN + timedelta(days=offset)
        assert scale.x_to_date(scale.date_to_x(day) + 10) == day


def test_days_for_rounds_a_drag_to_whole_days() -> None:
    scale = TimeScale(ORIGIN, 10.0)
    assert scale.days_for(4.9) == 0
    assert scale.days_for(5.1) == 1
    assert scale.days_for(-26) == -3
    assert scale.span_x(ORIGIN, ORIGIN) == (0, 10)  # a one-day task is one day wide


def test_zoom_steps_by_a_factor_and_is_clamped() -> None:
    assert zoom_step(10.0, 1) == pytest.approx(12.5)
    assert zoom_step(10.0, -1) == pytest.approx(8.0)
    assert zoom_step(59.0, 3) == MAX_PX_PER_DAY
    assert zoom_step(0.31, -3) == MIN_PX_PER_DAY
    # Continuous: about 21 notches span the whole range.
    ppd, steps = MIN_PX_PER_DAY, 0
    while ppd < MAX_PX_PER_DAY:
        ppd, steps = zoom_step(ppd, 1), steps + 1
    assert 20 <= steps <= 26


@pytest.mark.parametrize(
    ("ppd", "tiers", "level"),
    [
        (60.0, ("week", "day"), "day"),
        (12.0, ("week", "day"), "day"),
        (11.9, ("month", "week"), "week"),
        (3.0, ("month", "week"), "week"),
        (2.0, ("quarter", "month"), "month"),
        (0.5, ("year", "quarter"), "quarter"),
        (0.3, ("year", "quarter"), "quarter"),
    ],
)
def test_tiers_follow_px_per_day(ppd: float, tiers: tuple[str, str], level: str) -> None:
    assert tiers_for(ppd) == tiers
    assert level_for(ppd) == level


def test_named_levels_sit_in_their_own_band() -> None:
    for name, ppd in ZOOM_LEVELS.items():
        assert level_for(ppd) == name


@pytest.mark.parametrize(
    ("unit", "day", "start", "after"),
    [
        ("day", date(2026, 11, 5), date(2026, 11, 5), date(2026, 11, 6)),
        ("week", date(2026, 11, 5), date(2026, 11, 2), date(2026, 11, 9)),
        ("month", date(2026, 11, 5), date(2026, 11, 1), date(2026, 12, 1)),
        ("month", date(2026, 12, 31), date(2026, 12, 1), date(2027, 1, 1)),
        ("quarter", date(2026, 11, 5), date(2026, 10, 1), date(2027, 1, 1)),
        ("quarter", date(2026, 2, 28), date(2026, 1, 1), date(2026, 4, 1)),
        ("year", date(2026, 11, 5), date(2026, 1, 1), date(2027, 1, 1)),
    ],
)
def test_periods(unit: str, day: date, start: date, after: date) -> None:
    assert period_start(unit, day) == start
    assert next_period(unit, start) == after


def test_labels_fit_the_cell_width() -> None:
    width = approx_width(7)
    monday = date(2026, 11, 2)
    assert fit_label("day", date(2026, 11, 3), 60, width) == "Tue 3"
    assert fit_label("day", date(2026, 11, 3), 24, width) == "3"
    assert fit_label("day", date(2026, 11, 3), 3, width) == ""
    assert fit_label("week", monday, 200, width) == "W45  2 Nov 2026"
    assert fit_label("week", monday, 42, width) == "2 Nov"
    assert fit_label("week", monday, 30, width) == "W45"
    assert fit_label("month", date(2026, 11, 1), 200, width) == "November 2026"
    assert fit_label("month", date(2026, 11, 1), 70, width) == "Nov 2026"
    assert fit_label("month", date(2026, 11, 1), 45, width) == "Nov"
    assert fit_label("quarter", date(2026, 10, 1), 80, width) == "Q4 2026"
    assert fit_label("quarter", date(2026, 10, 1), 25, width) == "Q4"
    assert fit_label("year", date(2026, 1, 1), 40, width) == "2026"


def test_ticks_cover_only_the_visible_range() -> None:
    scale = TimeScale(ORIGIN, 24.0)
    days = ticks(scale, "day", 10, 10 + 24 * 7)  # from inside Mon 2 Nov, 7 days wide
    assert [t.start for t in days][:2] == [date(2026, 11, 2), date(2026, 11, 3)]
    assert len(days) == 8  # the partly visible first day and seven more
    assert days[1].x0 == 24 and days[1].x1 == 48 and days[1].label == "3"
    weeks = ticks(scale, "week", 0, 24 * 14)
    assert [(t.start, t.label) for t in weeks] == [
        (date(2026, 11, 2), "W45  2 Nov 2026"),
        (date(2026, 11, 9), "W46  9 Nov 2026"),
    ]


def test_tick_cost_does_not_depend_on_the_project_length() -> None:
    """Far from the origin (a 30-year project) the same viewport gives the same count."""
    near = TimeScale(ORIGIN, 0.5)
    far_x = near.date_to_x(date(2056, 1, 1))
    far = ticks(near, "quarter", far_x, far_x + 1600)
    assert far[0].start == date(2056, 1, 1)
    assert abs(len(far) - len(ticks(near, "quarter", 0, 1600))) <= 1


def test_month_labels_at_month_zoom() -> None:
    scale = TimeScale(date(2026, 1, 1), ZOOM_LEVELS["month"])
    labels = [t.label for t in ticks(scale, "month", 0, 365 * 1.5)]
    assert labels[:3] == ["Jan", "Feb", "Mar"]
    assert [t.label for t in ticks(scale, "quarter", 0, 200)][:2] == ["Q1 2026", "Q2 2026"]


def test_fit_px_per_day() -> None:
    assert fit_px_per_day(100, 1000) == 10
    assert fit_px_per_day(100_000, 1000) == MIN_PX_PER_DAY
    assert fit_px_per_day(0, 1000) == MAX_PX_PER_DAY
