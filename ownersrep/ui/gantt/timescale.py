"""The Gantt chart's time axis: dates to x and back, zoom, and the two-tier scale.

Pure (no Qt). x is measured in pixels from the start (midnight) of `origin`; a day
covers [date_to_x(d), date_to_x(d + 1 day)). Zoom is a continuous px-per-day between
MIN_PX_PER_DAY and MAX_PX_PER_DAY; the tiers of the header follow it:

    px per day   top tier   bottom tier   named level
    >= 12        week       day           "day"
    >= 3         month      week          "week"
    >= 0.9       quarter    month         "month"
    below        year       quarter       "quarter"

Ticks are generated for a visible x range only, so their cost does not depend on how
long the project is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

DAY = timedelta(days=1)
MIN_PX_PER_DAY = 0.3
MAX_PX_PER_DAY = 60.0
ZOOM_FACTOR = 1.25  # one Ctrl+wheel notch or one zoom button press

# Named zoom levels (toolbar, `GanttChart.set_zoom`) and their px per day.
ZOOM_LEVELS: dict[str, float] = {"day": 24.0, "week": 6.0, "month": 1.5, "quarter": 0.5}
# (lowest px per day, top unit, bottom unit, level name), widest first.
_BANDS: tuple[tuple[float, str, str, str], ...] = (
    (12.0, "week", "day", "day"),
    (3.0, "month", "week", "week"),
    (0.9, "quarter", "month", "month"),
    (0.0, "year", "quarter", "quarter"),
)
UNITS = ("day", "week", "month", "quarter", "year")


def clamp_zoom(px_per_day: float) -> float:
    return min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, px_per_day))


def tiers_for(px_per_day: float) -> tuple[str, str]:
    """(top unit, bottom unit) of the header at this zoom."""
    for lowest, top, bottom, _level in _BANDS:
        if px_per_day >= lowest:
            return top, bottom
    raise AssertionError("unreachable")  # pragma: no cover


def level_for(px_per_day: float) -> str:
    """The named zoom level whose band holds this zoom."""
    for lowest, _top, _bottom, level in _BANDS:
        if px_per_day >= lowest:
            return level
    raise AssertionError("unreachable")  # pragma: no cover


def zoom_step(px_per_day: float, steps: float) -> float:
    """Zoom in (steps > 0) or out by ZOOM_FACTOR per step, clamped."""
    return clamp_zoom(px_per_day * ZOOM_FACTOR**steps)


@dataclass(frozen=True, slots=True)
class TimeScale:
    origin: date
    px_per_day: float

    def date_to_x(self, day: date) -> float:
        """x of the start of `day`."""
        return (day.toordinal() - self.origin.toordinal()) * self.px_per_day

    def x_to_date(self, x: float) -> date:
        """The whole day that contains x (snapped down to the day)."""
        return date.fromordinal(self.origin.toordinal() + math.floor(x / self.px_per_day))

    def days_for(self, dx: float) -> int:
        """A horizontal drag of dx pixels as a whole number of days (rounded)."""
        return round(dx / self.px_per_day)

    def span_x(self, start: date, finish: date) -> tuple[float, float]:
        """x from the start of `start` to the end of `finish` (finish is inclusive)."""
        return self.date_to_x(start), self.date_to_x(finish) + self.px_per_day

    def tiers(self) -> tuple[str, str]:
        return tiers_for(self.px_per_day)

    def level(self) -> str:
        return level_for(self.px_per_day)


# -- periods -------------------------------------------------------------------------------
def period_start(unit: str, day: date) -> date:
    """The first day of the period of `unit` that holds `day` (weeks start on Monday)."""
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if unit == "year":
        return date(day.year, 1, 1)
    raise ValueError(f"unknown time unit {unit!r}")


def next_period(unit: str, start: date) -> date:
    """The first day of the period after the one starting on `start`."""
    if unit == "day":
        return start + DAY
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "year":
        return date(start.year + 1, 1, 1)
    months = 1 if unit == "month" else 3
    if unit not in ("month", "quarter"):
        raise ValueError(f"unknown time unit {unit!r}")
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def label_candidates(unit: str, start: date) -> tuple[str, ...]:
    """Labels of one period, longest first."""
    if unit == "day":
        return (f"{start:%a} {start.day}", str(start.day), f"{start:%a}"[0])
    if unit == "week":
        week = start.isocalendar().week
        return (
            f"W{week}  {start.day} {start:%b} {start.year}",
            f"W{week}  {start.day} {start:%b}",
            f"{start.day} {start:%b}",
            f"W{week}",
            str(week),
        )
    if unit == "month":
        return (f"{start:%B %Y}", f"{start:%b %Y}", f"{start:%b}", f"{start:%b}"[0])
    if unit == "quarter":
        quarter = (start.month - 1) // 3 + 1
        return (f"Q{quarter} {start.year}", f"Q{quarter}")
    if unit == "year":
        return (str(start.year), f"’{start.year % 100:02d}")
    raise ValueError(f"unknown time unit {unit!r}")


TextWidth = Callable[[str], float]


def approx_width(char_px: float = 7.0) -> TextWidth:
    """A text width estimate for when no font is at hand (tests, layout guesses)."""
    return lambda text: len(text) * char_px


def fit_label(unit: str, start: date, width: float, text_width: TextWidth, pad: float = 6) -> str:
    """The longest label of the period that fits in `width` pixels ("" if none does)."""
    for text in label_candidates(unit, start):
        if text_width(text) + pad <= width:
            return text
    return ""


@dataclass(frozen=True, slots=True)
class Tick:
    """One period of a tier: its first day, x range and label."""

    start: date
    x0: float
    x1: float
    label: str


def ticks(
    scale: TimeScale,
    unit: str,
    x0: float,
    x1: float,
    text_width: TextWidth | None = None,
    pad: float = 6,
) -> list[Tick]:
    """The periods of `unit` that overlap [x0, x1), labelled in one format: the longest
    that fits every visible period (so "2 Nov" is not followed by "W47"). Only the
    visible range is walked."""
    measure = text_width or approx_width()
    day = period_start(unit, scale.x_to_date(x0))
    cells: list[tuple[date, float, float]] = []
    while True:
        nxt = next_period(unit, day)
        a, b = scale.date_to_x(day), scale.date_to_x(nxt)
        if a >= x1:
            break
        cells.append((day, a, b))
        day = nxt
    if not cells:
        return []
    labels = [label_candidates(unit, start) for start, _a, _b in cells]
    chosen: list[str] = [""] * len(cells)
    for choice in range(len(labels[0])):
        if all(
            measure(texts[choice]) + pad <= b - a
            for texts, (_d, a, b) in zip(labels, cells, strict=True)
        ):
            chosen = [texts[choice] for texts in labels]
            break
    return [Tick(start, a, b, text) for (start, a, b), text in zip(cells, chosen, strict=True)]


def fit_px_per_day(days: int, width: float) -> float:
    """The zoom that shows `days` days in `width` pixels (clamped)."""
    return clamp_zoom(width / max(1, days))
