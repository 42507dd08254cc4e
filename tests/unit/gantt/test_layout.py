"""Rows, bar geometry, hit testing, non-working day shading and labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from ownersrep.domain.enums import TaskKind
from ownersrep.ui.gantt.layout import (
    Hit,
    bar_geometry,
    hit_test,
    label_text,
    nonworking_spans,
    row_at,
    row_top,
    visible_rows,
)
from ownersrep.ui.gantt.timescale import TimeScale

ORIGIN = date(2026, 11, 2)  # a Monday
H = 24


@dataclass(frozen=True)
class Row:
    kind: TaskKind = TaskKind.TASK
    start: date | None = date(2026, 11, 4)
    finish: date | None = date(2026, 11, 6)
    percent_complete: int = 50
    baseline_start: date | None = None
    baseline_finish: date | None = None
    name: str = "Pour slab"
    total_float_days: float | None = 2.0


def test_rows_are_uniform_and_visible_range_is_clipped() -> None:
    assert row_top(0, H, -10) == -10
    assert row_top(3, H, -10) == 62
    assert visible_rows(0, 100, H, 1000) == range(0, 5)  # 0..95 plus a part of row 4
    assert visible_rows(-30, 100, H, 1000) == range(1, 6)
    assert visible_rows(-24 * 998, 100, H, 1000) == range(998, 1000)
    assert visible_rows(0, 100, H, 0) == range(0)
    assert row_at(30, -30, H, 1000) == 2
    assert row_at(5, 0, H, 0) is None
    assert row_at(-1, 0, H, 10) is None


def test_task_bar_covers_whole_days_with_its_progress() -> None:
    scale = TimeScale(ORIGIN, 10.0)
    bar = bar_geometry(Row(), scale, x_offset=5, top=48, row_height=H)
    assert bar is not None
    assert (bar.x0, bar.x1) == (15, 45)  # 4..6 Nov inclusive, 5 px scrolled
    assert bar.progress_x == 30
    assert 48 < bar.y0 < bar.y1 < 48 + H
    assert bar.baseline is None


def test_no_bar_without_dates() -> None:
    assert bar_geometry(Row(start=None), TimeScale(ORIGIN, 10.0), 0, 0, H) is None


def test_milestone_is_a_diamond_centred_on_its_day() -> None:
    scale = TimeScale(ORIGIN, 10.0)
    bar = bar_geometry(Row(kind=TaskKind.MILESTONE, finish=None), scale, 0, 0, H)
    assert bar is not None
    assert bar.centre_x == 25
    assert bar.x1 - bar.x0 == pytest.approx(bar.y1 - bar.y0)


def test_summary_is_a_bracket() -> None:
    scale = TimeScale(ORIGIN, 10.0)
    bar = bar_geometry(Row(kind=TaskKind.SUMMARY), scale, 0, 0, H, show_baseline=True)
    assert bar is not None
    assert bar.thick >= 3 and bar.y0 + bar.thick < bar.y1
    assert bar.baseline is None  # summaries get no baseline bar


def test_baseline_sits_under_the_bar() -> None:
    scale = TimeScale(ORIGIN, 10.0)
    row = Row(baseline_start=date(2026, 11, 2), baseline_finish=date(2026, 11, 3))
    bar = bar_geometry(row, scale, 0, 0, H, show_baseline=True)
    assert bar is not None and bar.baseline is not None
    bx0, bx1, by0, by1 = bar.baseline
    assert (bx0, bx1) == (0, 20)
    assert by0 >= bar.y1 and by1 <= H
    hidden = bar_geometry(row, scale, 0, 0, H, show_baseline=False)
    assert hidden is not None and hidden.baseline is None


def test_hit_test_body_end_and_nothing() -> None:
    scale = TimeScale(ORIGIN, 20.0)
    bar = bar_geometry(Row(), scale, 0, 0, H)
    assert bar is not None  # x 40..100
    mid = bar.mid_y
    assert hit_test(bar, 60, mid) is Hit.BODY
    assert hit_test(bar, 98, mid) is Hit.END
    assert hit_test(bar, 103, mid) is Hit.END
    assert hit_test(bar, 110, mid) is Hit.NONE
    assert hit_test(bar, 60, bar.y1 + 10) is Hit.NONE
    milestone = bar_geometry(Row(kind=TaskKind.MILESTONE), scale, 0, 0, H)
    assert milestone is not None
    assert hit_test(milestone, milestone.x1 - 1, milestone.mid_y) is Hit.BODY  # never END
    summary = bar_geometry(Row(kind=TaskKind.SUMMARY), scale, 0, 0, H)
    assert summary is not None
    assert hit_test(summary, summary.x1 - 1, summary.y0 + 1) is Hit.BODY


def test_thin_bars_are_widened_for_the_mouse() -> None:
    scale = TimeScale(ORIGIN, 1.0)
    bar = bar_geometry(Row(finish=date(2026, 11, 4)), scale, 0, 0, H)  # 1 px wide
    assert bar is not None
    assert hit_test(bar, bar.centre_x - 3.5, bar.mid_y) is Hit.BODY


def test_nonworking_spans_merge_weekends_and_skip_thin_days() -> None:
    scale = TimeScale(ORIGIN, 10.0)

    def weekday(day: date) -> bool:
        return day.weekday() < 5

    spans = nonworking_spans(scale, 0, 10 * 14, weekday)
    assert spans == [(50, 70), (120, 140)]  # Sat-Sun 7-8 Nov, 14-15 Nov
    # A holiday next to the weekend joins it.
    spans = nonworking_spans(scale, 0, 10 * 14, lambda d: weekday(d) and d != date(2026, 11, 9))
    assert spans[0] == (50, 80)
    assert nonworking_spans(TimeScale(ORIGIN, 2.5), 0, 1000, weekday) == []


def test_labels() -> None:
    assert label_text(Row(), "name") == "Pour slab"
    assert label_text(Row(), "dates") == "4 Nov – 6 Nov"
    assert label_text(Row(kind=TaskKind.MILESTONE), "dates") == "4 Nov"
    assert label_text(Row(), "float") == "TF 2d"
    assert label_text(Row(total_float_days=None), "float") == ""
    assert label_text(Row(), "none") == ""
