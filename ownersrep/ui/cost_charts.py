"""The Cost tab's charts: the S-curve and the change log by status on the left, budget
against forecast by line on the right (scrolling when there are many lines). The
figures come from ownersrep.reports.charts, the same functions the owner report uses;
this panel only embeds them with FigureCanvasQTAgg and redraws them."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from datetime import date

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from ownersrep.domain.evm import SCurve
from ownersrep.reports.charts import (
    WIDE_INCHES,
    budget_vs_forecast_figure,
    budget_vs_forecast_height,
    change_orders_by_status_figure,
    s_curve_figure,
)
from ownersrep.services.cost_types import BudgetLineRow, CostLedger


class _Canvas(FigureCanvasQTAgg):
    """A canvas that draws quietly while its widget is still too small to lay the figure
    out (before the first resize): matplotlib warns then, and the next paint is right."""

    def draw(self) -> None:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
            super().draw()


def _canvas(parent: QWidget) -> FigureCanvasQTAgg:
    canvas = _Canvas(Figure(layout="constrained"))
    canvas.setParent(parent)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    canvas.setMinimumSize(320, 200)
    return canvas


class CostCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.s_curve_canvas = _canvas(self)
        self.change_log_canvas = _canvas(self)
        self.budget_canvas = _canvas(self)
        self.budget_canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.s_curve_canvas)
        left.addWidget(self.change_log_canvas)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        self.budget_scroll = QScrollArea(self)
        self.budget_scroll.setWidgetResizable(True)
        self.budget_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.budget_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.budget_scroll.setWidget(self.budget_canvas)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.budget_scroll)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.splitter)
        self._budget_args: tuple[Sequence[BudgetLineRow], str] = ((), "")
        self._budget_wide: bool | None = None
        self.budget_canvas.installEventFilter(self)

    # -- public --------------------------------------------------------------------------
    def show_data(
        self,
        ledger: CostLedger | None,
        curve: SCurve,
        status_date: date | None,
        currency: str,
    ) -> None:
        """Redraw the three charts from plain data."""
        s_curve_figure(
            curve, status_date=status_date, currency=currency, figure=self.s_curve_canvas.figure
        )
        change_orders_by_status_figure(
            ledger.change_log if ledger else (),
            currency=currency,
            figure=self.change_log_canvas.figure,
        )
        self._budget_args = (ledger.lines if ledger else (), currency)
        self._draw_budget(self.budget_canvas.width())
        for canvas in (self.s_curve_canvas, self.change_log_canvas):
            canvas.draw_idle()

    def _draw_budget(self, width_px: int) -> None:
        """Draw the budget chart for a canvas `width_px` wide (its legend lies in one row
        or stacks, see budget_vs_forecast_figure), as tall as its lines need."""
        lines, currency = self._budget_args
        canvas = self.budget_canvas
        dpi = canvas.figure.dpi / canvas.devicePixelRatioF()  # logical pixels per inch
        canvas.figure.set_figwidth(max(width_px, 1) / dpi)
        self._budget_wide = width_px / dpi >= WIDE_INCHES
        budget_vs_forecast_figure(lines, currency=currency, figure=canvas.figure)
        canvas.setMinimumHeight(int(budget_vs_forecast_height(len(lines)) * dpi))
        canvas.draw_idle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Redraw the budget chart when its width crosses the one-row-legend threshold.
        if watched is self.budget_canvas and event.type() == QEvent.Type.Resize:
            assert isinstance(event, QResizeEvent)
            dpi = self.budget_canvas.figure.dpi / self.budget_canvas.devicePixelRatioF()
            wide = event.size().width() / dpi >= WIDE_INCHES
            if self._budget_wide is not None and wide != self._budget_wide:
                self._draw_budget(event.size().width())
        return super().eventFilter(watched, event)

    def figures(self) -> tuple[Figure, Figure, Figure]:
        """The S-curve, change log and budget figures (for tests and saving)."""
        return (
            self.s_curve_canvas.figure,
            self.change_log_canvas.figure,
            self.budget_canvas.figure,
        )
