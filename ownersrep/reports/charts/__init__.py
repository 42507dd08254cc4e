"""Cost charts as pure functions: plain data in, a matplotlib Figure out.

No Qt and no pyplot here: each `*_figure` function builds (or redraws) a
`matplotlib.figure.Figure`, which the Cost tab shows through FigureCanvasQTAgg and the
owner report renders with Agg. Each chart survives black-and-white printing: the series
differ by line style, marker or hatching and carry labels, not only colour."""

from ownersrep.reports.charts.budget_forecast import (
    WIDE_INCHES,
    BudgetLineLike,
    budget_vs_forecast_figure,
    budget_vs_forecast_height,
    plot_budget_vs_forecast,
)
from ownersrep.reports.charts.change_log import (
    StatusTotalLike,
    change_orders_by_status_figure,
    plot_change_orders_by_status,
)
from ownersrep.reports.charts.s_curve import SCurveLike, plot_s_curve, s_curve_figure
from ownersrep.reports.charts.style import NO_DATA, compact_money

__all__ = [
    "NO_DATA",
    "WIDE_INCHES",
    "BudgetLineLike",
    "SCurveLike",
    "StatusTotalLike",
    "budget_vs_forecast_figure",
    "budget_vs_forecast_height",
    "change_orders_by_status_figure",
    "compact_money",
    "plot_budget_vs_forecast",
    "plot_change_orders_by_status",
    "plot_s_curve",
    "s_curve_figure",
]
