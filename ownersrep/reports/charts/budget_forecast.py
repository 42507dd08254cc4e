"""Budget against forecast by line: original budget, revised budget and estimate at
completion side by side for every budget line, as horizontal bars (readable with thirty
lines: give the figure `budget_vs_forecast_height(n)` inches)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ownersrep.reports.charts.style import (
    FONT_SIZE,
    GRID,
    INK,
    TITLE_SIZE,
    compact_money,
    money_axis,
    money_label,
    new_figure,
    show_no_data,
    style_axes,
)

TITLE = "Budget and forecast by line"
ORIGINAL_LABEL = "Original budget"
REVISED_LABEL = "Revised budget"
EAC_LABEL = "Forecast (EAC)"
X_LABEL = "Amount"
OVERRUN_INK = "#a11d1d"

# (attribute, label, face, edge, hatch): white hatched, light and dark read apart in grey.
_BARS = (
    ("original", ORIGINAL_LABEL, "#ffffff", "#4d4d4d", "////"),
    ("revised", REVISED_LABEL, "#9ecae1", "#2b5d8a", ""),
    ("eac", EAC_LABEL, "#08306b", "#08306b", ""),
)
_BAR = 0.27  # of a line's band of 1.0
_LABEL_CHARS = 30
_INCHES_PER_LINE = 0.3
WIDE_INCHES = 6.0  # from this width the legend lies in one row


class BudgetLineLike(Protocol):
    """services.cost_types.BudgetLineRow, or anything with these attributes."""

    @property
    def code(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def original(self) -> Decimal: ...
    @property
    def revised(self) -> Decimal: ...
    @property
    def eac(self) -> Decimal: ...


def budget_vs_forecast_height(line_count: int) -> float:
    """Inches of figure height that keep each line's three bars and label readable."""
    return max(2.6, _INCHES_PER_LINE * line_count + 1.3)


def line_label(line: BudgetLineLike) -> str:
    text = f"{line.code}  {line.description}".strip()
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def plot_budget_vs_forecast(
    ax: Axes,
    lines: Sequence[BudgetLineLike],
    *,
    currency: str = "",
    title: str = TITLE,
    legend: bool = True,
) -> None:
    """Three bars per line, first line at the top; a line forecast to overrun its revised
    budget is marked with the overrun ("+120k") beside its EAC bar. With `legend`, the
    title and legend sit above the axes (else the caller places them, as the figure
    does, centred on the whole figure)."""
    if not lines:
        show_no_data(ax, title)
        return
    style_axes(ax)
    n = len(lines)
    offsets = (-_BAR, 0.0, _BAR)
    for (attr, label, face, edge, hatch), offset in zip(_BARS, offsets, strict=True):
        ax.barh(
            [i + offset for i in range(n)],
            [float(getattr(line, attr)) for line in lines],
            height=_BAR,
            label=label,
            color=face,
            edgecolor=edge,
            hatch=hatch,
            linewidth=0.7,
        )
    for i, line in enumerate(lines):
        over = line.eac - line.revised
        if over > 0:
            ax.annotate(
                f"+{compact_money(over)}",
                xy=(float(line.eac), i + _BAR),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=FONT_SIZE - 1,
                fontweight="bold",
                color=OVERRUN_INK,
            )
    ax.set_yticks(range(n), [line_label(line) for line in lines], fontsize=FONT_SIZE)
    ax.set_ylim(n - 0.5, -0.5)  # first line on top
    ax.margins(x=0.08)
    ax.set_xlim(left=min(0.0, *(float(line.eac) for line in lines)))
    money_axis(ax.xaxis)
    ax.grid(True, axis="x", color=GRID, linewidth=0.6)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(money_label(X_LABEL, currency), fontsize=FONT_SIZE, color=INK)
    if legend:
        # The legend sits on top of the axes, the title above it (pad in points).
        ax.set_title(title, fontsize=TITLE_SIZE, loc="left", color=INK, pad=22)
        ax.legend(
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncols=3,
            fontsize=FONT_SIZE,
            frameon=False,
            borderaxespad=0.2,
        )


def budget_vs_forecast_figure(
    lines: Sequence[BudgetLineLike],
    *,
    currency: str = "",
    title: str = TITLE,
    figure: Figure | None = None,
    width: float = 7.5,
) -> Figure:
    """The chart as a figure whose height grows with the number of lines. The title and
    legend belong to the figure, so that a narrow figure (long line labels leave the bars
    little width) still shows them whole."""
    fig = new_figure(figure, width, budget_vs_forecast_height(len(lines)))
    ax = fig.add_subplot()
    if not lines:
        show_no_data(ax, title)
        return fig
    plot_budget_vs_forecast(ax, lines, currency=currency, title=title, legend=False)
    # The title heads the legend, above the chart: in one row on a wide figure, stacked
    # on a narrow one (a canvas beside other charts).
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(
        handles,
        labels,
        loc="outside upper left",
        ncols=3 if fig.get_figwidth() >= WIDE_INCHES else 1,
        fontsize=FONT_SIZE,
        frameon=False,
        title=title,
        title_fontproperties={"size": TITLE_SIZE},
        alignment="left",
    )
    return fig
