"""The S-curve: cumulative planned value, earned value and actual cost over time, with
the status date marked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from ownersrep.reports.charts.style import (
    FONT_SIZE,
    GRID,
    INK,
    MUTED,
    TITLE_SIZE,
    as_float,
    compact_money,
    money_axis,
    money_label,
    new_figure,
    show_no_data,
    style_axes,
)

TITLE = "Cost S-curve"
PV_LABEL = "Planned value (PV)"
EV_LABEL = "Earned value (EV)"
AC_LABEL = "Actual cost (AC)"
STATUS_LABEL = "Status date"
X_LABEL = "Period end"
Y_LABEL = "Cumulative cost"

# (label, colour, line style, marker): tell apart in grey by the dashes and markers.
_SERIES = (
    ("pv", PV_LABEL, "#1f4e79", "-", None),
    ("ev", EV_LABEL, "#2e7d32", "--", "o"),
    ("ac", AC_LABEL, "#b23b3b", ":", "s"),
)
_MAX_MARKERS = 24


class SCurveLike(Protocol):
    """domain.evm.SCurve: aligned cumulative series (EV and AC None where unmeasured)."""

    @property
    def dates(self) -> Sequence[date]: ...
    @property
    def pv(self) -> Sequence[Decimal]: ...
    @property
    def ev(self) -> Sequence[Decimal | None]: ...
    @property
    def ac(self) -> Sequence[Decimal | None]: ...


def _measured(values: Sequence[Decimal | None]) -> list[float]:
    """EV or AC as drawn: a value carried forward between two measurements is a gap, so
    the line runs straight from one measured change to the next (PV is drawn as is)."""
    out: list[float] = []
    last_index = max((i for i, v in enumerate(values) if v is not None), default=-1)
    previous: Decimal | None = None
    for i, value in enumerate(values):
        keep = value is not None and (value != previous or i == last_index)
        out.append(as_float(value) if keep else float("nan"))
        if value is not None:
            previous = value
    return out


def _has_data(curve: SCurveLike) -> bool:
    if not curve.dates:
        return False
    values = [*curve.pv, *curve.ev, *curve.ac]
    return any(v is not None and v != 0 for v in values)


def _last(dates: Sequence[date], values: Sequence[Decimal | None]) -> tuple[date, Decimal] | None:
    for day, value in zip(reversed(dates), reversed(values), strict=True):
        if value is not None:
            return day, value
    return None


def _label_ends(ax: Axes, ends: dict[str, tuple[date, Decimal]]) -> None:
    """ "EV 10.6M" and "AC 11.2M" at the last measured points, the higher one above."""
    colours = {attr: colour for attr, _l, colour, _s, _m in _SERIES}
    higher = max(ends, key=lambda attr: ends[attr][1], default=None)
    for attr, (day, value) in ends.items():
        above = attr == higher
        ax.annotate(
            f"{attr.upper()} {compact_money(value)}",
            xy=(day, float(value)),
            xytext=(5, 3 if above else -3),
            textcoords="offset points",
            va="bottom" if above else "top",
            fontsize=FONT_SIZE - 0.5,
            color=colours[attr],
        )


def plot_s_curve(
    ax: Axes,
    curve: SCurveLike,
    *,
    status_date: date | None = None,
    currency: str = "",
    title: str = TITLE,
) -> None:
    """Draw the curve on `ax`; "No cost data" when there is nothing to draw."""
    if not _has_data(curve):
        show_no_data(ax, title)
        return
    style_axes(ax)
    dates = list(curve.dates)
    every = max(1, len(dates) // _MAX_MARKERS)
    ends: dict[str, tuple[date, Decimal]] = {}
    for attr, label, colour, style, marker in _SERIES:
        values: Sequence[Decimal | None] = getattr(curve, attr)
        if all(v is None for v in values):
            continue
        ys = [as_float(v) for v in values] if attr == "pv" else _measured(values)
        keep = [(d, y) for d, y in zip(dates, ys, strict=True) if y == y or attr == "pv"]
        ax.plot(
            [d for d, _y in keep],
            [y for _d, y in keep],
            label=label,
            color=colour,
            linestyle=style,
            linewidth=2.0 if attr == "pv" else 1.8,
            marker=marker,
            markersize=3.5,
            markevery=every,
        )
        last = _last(dates, values)
        if last is not None and attr != "pv":
            ends[attr] = last
    _label_ends(ax, ends)
    if status_date is not None:
        ax.axvline(status_date, color=MUTED, linestyle="-.", linewidth=1.0, label=STATUS_LABEL)
        ax.annotate(
            f"{status_date:%d %b %Y}",
            xy=(status_date, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-4, -4),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=FONT_SIZE - 0.5,
            color=MUTED,
        )
    locator = AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    money_axis(ax.yaxis)
    ax.set_ylim(bottom=0)
    ax.grid(True, color=GRID, linewidth=0.6)
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left", color=INK)
    ax.set_xlabel(X_LABEL, fontsize=FONT_SIZE, color=INK)
    ax.set_ylabel(money_label(Y_LABEL, currency), fontsize=FONT_SIZE, color=INK)
    ax.legend(loc="upper left", fontsize=FONT_SIZE, frameon=False)


def s_curve_figure(
    curve: SCurveLike,
    *,
    status_date: date | None = None,
    currency: str = "",
    title: str = TITLE,
    figure: Figure | None = None,
    size: tuple[float, float] = (7.5, 4.2),
) -> Figure:
    """The S-curve as a figure (drawn into `figure` when given, e.g. a canvas's)."""
    fig = new_figure(figure, *size)
    plot_s_curve(fig.add_subplot(), curve, status_date=status_date, currency=currency, title=title)
    return fig
