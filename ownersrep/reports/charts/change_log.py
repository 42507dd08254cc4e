"""The change-order log by status: how many change orders, and their cost, per status
(potential and pending are the exposure; approved ones revised the budget)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ownersrep.reports.charts.style import (
    FONT_SIZE,
    GRID,
    INK,
    MUTED,
    NO_DATA,
    TITLE_SIZE,
    compact_money,
    money_axis,
    money_label,
    new_figure,
    show_no_data,
    style_axes,
)

TITLE = "Change orders by status"
COUNT_TITLE = "Number"
COST_TITLE = "Cost"
COUNT_LABEL = "Change orders"
COST_LABEL = "Cost"

# status value → (face, edge, hatch): told apart in grey by the hatching.
_LOOK = {
    "potential": ("#ffffff", "#6b6b6b", "...."),
    "pending": ("#fdd49e", "#b35806", "////"),
    "approved": ("#2b5d8a", "#2b5d8a", ""),
    "rejected": ("#ffffff", "#7f0000", "xxx"),
    "void": ("#f0f0f0", "#9e9e9e", ""),
}
_DEFAULT_LOOK = ("#d9d9d9", "#6b6b6b", "")


class StatusTotalLike(Protocol):
    """services.cost_types.StatusTotal: a status, its count and the sum of its cost."""

    @property
    def status(self) -> Any: ...
    @property
    def count(self) -> int: ...
    @property
    def cost(self) -> Decimal: ...


def status_label(status: Any) -> str:
    return str(getattr(status, "label", status)).capitalize()


def _look(status: Any) -> tuple[str, str, str]:
    return _LOOK.get(str(getattr(status, "value", status)), _DEFAULT_LOOK)


def _bars(ax: Axes, log: Sequence[StatusTotalLike], values: list[float], labels: list[str]) -> None:
    looks = [_look(t.status) for t in log]
    bars = ax.barh(
        range(len(log)),
        values,
        height=0.6,
        color=[face for face, _e, _h in looks],
        edgecolor=[edge for _f, edge, _h in looks],
        linewidth=0.8,
    )
    for bar, (_face, _edge, hatch) in zip(bars, looks, strict=True):
        bar.set_hatch(hatch)
    ax.bar_label(bars, labels=labels, padding=3, fontsize=FONT_SIZE, color=INK)
    ax.set_ylim(len(log) - 0.5, -0.5)
    ax.margins(x=0.25)
    ax.grid(True, axis="x", color=GRID, linewidth=0.6)
    ax.tick_params(axis="y", length=0)


def plot_change_orders_by_status(
    count_ax: Axes,
    cost_ax: Axes,
    change_log: Sequence[StatusTotalLike],
    *,
    currency: str = "",
    title: str = TITLE,
) -> None:
    """Counts on `count_ax`, costs on `cost_ax`, one bar per status in the log's order."""
    if not any(t.count for t in change_log):
        show_no_data(count_ax, title, NO_DATA)
        cost_ax.set_axis_off()
        return
    log = list(change_log)
    names = [status_label(t.status) for t in log]
    for ax in (count_ax, cost_ax):
        style_axes(ax)
    _bars(count_ax, log, [float(t.count) for t in log], [str(t.count) for t in log])
    count_ax.set_yticks(range(len(log)), names, fontsize=FONT_SIZE)
    count_ax.set_title(title, fontsize=TITLE_SIZE, loc="left", color=INK)
    count_ax.set_xlabel(COUNT_LABEL, fontsize=FONT_SIZE, color=INK)
    count_ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[attr-defined]
    count_ax.set_xlim(left=0)

    costs = [t.cost for t in log]
    _bars(
        cost_ax,
        log,
        [float(c) for c in costs],
        [compact_money(c) if t.count else "" for c, t in zip(costs, log, strict=True)],
    )
    cost_ax.axvline(0, color=MUTED, linewidth=0.8)
    money_axis(cost_ax.xaxis)
    cost_ax.set_xlabel(money_label(COST_LABEL, currency), fontsize=FONT_SIZE, color=INK)


def change_orders_by_status_figure(
    change_log: Sequence[StatusTotalLike],
    *,
    currency: str = "",
    title: str = TITLE,
    figure: Figure | None = None,
    size: tuple[float, float] = (7.5, 2.8),
) -> Figure:
    """Two panels side by side: how many change orders per status, and their cost."""
    fig = new_figure(figure, *size)
    count_ax, cost_ax = fig.subplots(1, 2, sharey=True, width_ratios=(2, 3))
    plot_change_orders_by_status(count_ax, cost_ax, change_log, currency=currency, title=title)
    return fig
