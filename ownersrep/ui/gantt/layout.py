"""Where things go in the Gantt chart: rows, bars, hit areas, non-working days, labels.

Pure (no Qt). Rows have one uniform height (the tree's); row r's top is
`offset + r * row_height` where `offset` (<= 0 when scrolled) comes from the tree. x is in
viewport pixels: `scale.date_to_x(day) - x_offset`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from ownersrep.domain.enums import TaskKind
from ownersrep.ui.gantt.timescale import DAY, TimeScale

HANDLE_PX = 5.0  # how close to a bar's right end a press resizes it
MIN_HIT_PX = 8.0  # narrow bars are this wide for the mouse
MIN_SHADED_DAY_PX = 3.0  # non-working days narrower than this are not shaded


class BarRow(Protocol):
    """What a bar needs of a row (TaskRow has all of it)."""

    @property
    def kind(self) -> TaskKind: ...
    @property
    def start(self) -> date | None: ...
    @property
    def finish(self) -> date | None: ...
    @property
    def percent_complete(self) -> int: ...
    @property
    def baseline_start(self) -> date | None: ...
    @property
    def baseline_finish(self) -> date | None: ...


class Hit(StrEnum):
    NONE = "none"
    BODY = "body"  # move, or link when dragged onto another row
    END = "end"  # the right-end handle: resize (tasks only)


# -- rows ----------------------------------------------------------------------------------
def row_top(row: int, row_height: int, offset: float) -> float:
    return offset + row * row_height


def visible_rows(offset: float, viewport_height: int, row_height: int, row_count: int) -> range:
    """Rows that show at least one pixel in a viewport of this height."""
    if row_height <= 0 or row_count <= 0 or viewport_height <= 0:
        return range(0)
    first = max(0, math.floor(-offset / row_height))
    last = min(row_count - 1, math.floor((viewport_height - 1 - offset) / row_height))
    return range(first, last + 1) if last >= first else range(0)


def row_at(y: float, offset: float, row_height: int, row_count: int) -> int | None:
    """The row under viewport y, or None below the last row (or above the first)."""
    if row_height <= 0:
        return None
    row = math.floor((y - offset) / row_height)
    return row if 0 <= row < row_count else None


# -- bars ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BarGeometry:
    """A bar in viewport pixels. For a milestone x0..x1 is the diamond's width; for a
    summary y0..y0+thick is the bracket's bar and y1 the tips of its end caps."""

    kind: TaskKind
    x0: float
    x1: float
    y0: float
    y1: float
    progress_x: float  # where the completed part ends (x0 when nothing is done)
    thick: float = 0.0  # summaries only
    baseline: tuple[float, float, float, float] | None = None  # x0, x1, y0, y1

    @property
    def mid_y(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2


def bar_geometry(
    row: BarRow,
    scale: TimeScale,
    x_offset: float,
    top: float,
    row_height: int,
    show_baseline: bool = False,
) -> BarGeometry | None:
    """The bar of a row whose top is at `top`, or None if it has no dates."""
    start, finish = row.start, row.finish
    if start is None:
        return None
    h = row_height
    if finish is None or finish < start:
        finish = start
    a = scale.date_to_x(start) - x_offset
    b = scale.date_to_x(finish) + scale.px_per_day - x_offset
    baseline = None
    if show_baseline and row.baseline_start is not None and row.kind is not TaskKind.SUMMARY:
        b_start = row.baseline_start
        b_finish = row.baseline_finish or b_start
        if row.kind is TaskKind.MILESTONE:
            centre = scale.date_to_x(b_start) + scale.px_per_day / 2 - x_offset
            half = max(2.0, h * 0.12)
            baseline = (centre - half, centre + half, top + h * 0.70, top + h * 0.86)
        else:
            baseline = (
                scale.date_to_x(b_start) - x_offset,
                scale.date_to_x(max(b_finish, b_start)) + scale.px_per_day - x_offset,
                top + h * 0.72,
                top + h * 0.84,
            )
    if row.kind is TaskKind.MILESTONE:
        centre = a + scale.px_per_day / 2
        mid = top + (h * 0.45 if baseline else h * 0.5)
        half = max(4.0, h * 0.27)
        x0, x1, y0, y1 = centre - half, centre + half, mid - half, mid + half
        return BarGeometry(row.kind, x0, x1, y0, y1, centre, baseline=baseline)
    if row.kind is TaskKind.SUMMARY:
        y0 = top + h * 0.28
        thick = max(3.0, round(h * 0.16))
        return BarGeometry(row.kind, a, b, y0, top + h * 0.70, b, thick=thick)
    y0 = top + h * 0.22
    y1 = top + (h * 0.66 if baseline else h * 0.76)
    done = min(100, max(0, row.percent_complete)) / 100
    return BarGeometry(row.kind, a, b, y0, y1, a + (b - a) * done, baseline=baseline)


def hit_test(bar: BarGeometry, x: float, y: float, handle_px: float = HANDLE_PX) -> Hit:
    """What a press at (x, y) would grab of this bar."""
    if not bar.y0 - 3 <= y <= bar.y1 + 3:
        return Hit.NONE
    x0, x1 = bar.x0, bar.x1
    if x1 - x0 < MIN_HIT_PX:  # too thin to aim at: widen around the centre
        c = bar.centre_x
        x0, x1 = c - MIN_HIT_PX / 2, c + MIN_HIT_PX / 2
    if bar.kind is TaskKind.TASK and abs(x - bar.x1) <= handle_px and x >= bar.centre_x:
        return Hit.END
    if x0 - 1 <= x <= x1 + 1:
        return Hit.BODY
    return Hit.NONE


# -- calendar shading ----------------------------------------------------------------------
def nonworking_spans(
    scale: TimeScale,
    x0: float,
    x1: float,
    is_working_day: Callable[[date], bool],
    min_day_px: float = MIN_SHADED_DAY_PX,
) -> list[tuple[float, float]]:
    """x spans (scale coordinates) of runs of non-working days overlapping [x0, x1);
    nothing when a day is narrower than `min_day_px`."""
    if scale.px_per_day < min_day_px or x1 <= x0:
        return []
    day, last = scale.x_to_date(x0), scale.x_to_date(x1)
    spans: list[tuple[float, float]] = []
    run_start: date | None = None
    while day <= last:
        if not is_working_day(day):
            if run_start is None:
                run_start = day
        elif run_start is not None:
            spans.append((scale.date_to_x(run_start), scale.date_to_x(day)))
            run_start = None
        day += DAY
    if run_start is not None:
        spans.append((scale.date_to_x(run_start), scale.date_to_x(day)))
    return spans


# -- labels --------------------------------------------------------------------------------
LABEL_MODES = ("none", "name", "dates", "float")


class LabelRow(BarRow, Protocol):
    @property
    def name(self) -> str: ...
    @property
    def total_float_days(self) -> float | None: ...


def _short(day: date) -> str:
    return f"{day.day} {day:%b}"


def label_text(row: LabelRow, mode: str) -> str:
    """The text beside a bar for a label mode ("none", "name", "dates", "float")."""
    if mode == "name":
        return row.name
    if mode == "dates" and row.start is not None:
        if row.kind is TaskKind.MILESTONE or row.finish in (None, row.start):
            return _short(row.start)
        return f"{_short(row.start)} – {_short(row.finish)}"  # type: ignore[arg-type]
    if mode == "float" and row.total_float_days is not None:
        return f"TF {row.total_float_days:g}d"
    return ""


def tooltip_text(row: LabelRow) -> str:
    """Name, dates and float: a bar's tooltip when the tab gives no provider."""
    lines = [row.name]
    if row.start is not None:
        if row.kind is TaskKind.MILESTONE or row.finish in (None, row.start):
            lines.append(f"{row.start:%d %b %Y}")
        else:
            lines.append(f"{row.start:%d %b %Y} – {row.finish:%d %b %Y}")  # type: ignore[str-format]
    if row.total_float_days is not None:
        lines.append(f"Total float: {row.total_float_days:g} d")
    return "\n".join(lines)
