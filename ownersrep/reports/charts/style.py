"""What every cost chart shares: the figure, the money axis, the "no data" face and the
print-safe styles (each series differs by hatching or line style as well as colour)."""

from __future__ import annotations

from decimal import Decimal

from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

NO_DATA = "No cost data"
INK = "#1f1f1f"
MUTED = "#6b6b6b"
GRID = "#d9d9d9"
FONT_SIZE = 8.5
TITLE_SIZE = 10

_UNITS = ((Decimal(1_000_000_000), "bn"), (Decimal(1_000_000), "M"), (Decimal(1_000), "k"))


def compact_money(amount: Decimal | float | int, currency: str = "") -> str:
    """12,345,678 → "12.3M", 350,000 → "350k", -4,200 → "−4.2k" (for axes and labels).

    Exact amounts belong in tables; a chart needs figures a reader takes in at a glance.
    """
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    sign = "−" if value < 0 else ""
    value = abs(value)
    text = f"{value:,.0f}"
    for unit, suffix in _UNITS:
        if value >= unit:
            scaled = value / unit
            digits = 0 if scaled >= 100 else 1
            text = f"{scaled:.{digits}f}".removesuffix(".0") + suffix
            break
    return f"{sign}{currency + ' ' if currency else ''}{text}"


def money_axis(axis: Axis) -> None:
    """Format an axis's tick labels as compact money (the axis label names the currency)."""
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: compact_money(value)))


def money_label(text: str, currency: str) -> str:
    """ "Cumulative cost (USD)", or the bare text without a currency."""
    return f"{text} ({currency})" if currency else text


def new_figure(figure: Figure | None, width: float, height: float) -> Figure:
    """A cleared figure to draw on: the one given (a canvas's), else a new one sized in
    inches. Constrained layout keeps labels inside the figure at any size."""
    if figure is None:
        return Figure(figsize=(width, height), layout="constrained")
    figure.clear()
    figure.set_layout_engine("constrained")
    return figure


def style_axes(ax: Axes) -> None:
    ax.tick_params(labelsize=FONT_SIZE, colors=INK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
    ax.set_axisbelow(True)


def show_no_data(ax: Axes, title: str, message: str = NO_DATA) -> None:
    """An empty chart: its title and a centred message, no axes (never a crash)."""
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left", color=INK)
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=TITLE_SIZE,
        color=MUTED,
    )


def as_float(amount: Decimal | None) -> float:
    """For plotting only (pixels, not money): None becomes a gap (NaN)."""
    return float("nan") if amount is None else float(amount)
