"""The Gantt chart's two-tier time scale, shown above the chart's rows.

The chart owns it and places it in its top viewport margin (as QTreeView places its
header), so the rows below start exactly where the tree's rows start once both headers
have the same height: `set_header_height(tree.header().height())`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QLineF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ownersrep.ui.gantt.gantt_colors import GanttColors
from ownersrep.ui.gantt.gantt_state import WorkingDay
from ownersrep.ui.gantt.timescale import TimeScale, ticks


class GanttHeader(QWidget):
    height_changed = Signal(int)
    wheel_turned = Signal(QWheelEvent)  # the chart zooms or scrolls with it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = TimeScale(date(2000, 1, 1), 6.0)
        self._x_offset = 0.0
        self._is_working_day: Callable[[date], bool] | None = None
        self._height = self.preferred_height()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._height)
        self.setObjectName("gantt_header")

    # -- public ------------------------------------------------------------------------
    def set_header_height(self, height: int) -> None:
        """Make the scale this tall (e.g. the tree's header height, so rows line up)."""
        height = max(16, int(height))
        if height == self._height:
            return
        self._height = height
        self.setFixedHeight(height)
        self.height_changed.emit(height)
        self.update()

    def header_height(self) -> int:
        return self._height

    def preferred_height(self) -> int:
        """The height two tiers of text need with the current font (the tree's header
        should be at least this tall: both then take the larger of the two)."""
        return max(32, self.fontMetrics().height() * 2 + 8)

    def set_view(
        self,
        scale: TimeScale,
        x_offset: float,
        is_working_day: Callable[[date], bool] | None,
    ) -> None:
        """What to show: called by the chart whenever it zooms or scrolls."""
        self._scale, self._x_offset, self._is_working_day = scale, x_offset, is_working_day
        self.update()

    # -- Qt overrides ------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(400, self._height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colors = GanttColors.from_palette(self.palette())
        paint_header(
            colors,
            self.font(),
            painter,
            self._scale,
            self._x_offset,
            self.width(),
            self.height(),
            self._is_working_day,
        )
        painter.end()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.wheel_turned.emit(event)


def paint_header(
    colors: GanttColors,
    font: QFont,
    p: QPainter,
    scale: TimeScale,
    x_offset: float,
    width: int,
    height: int,
    is_working_day: WorkingDay | None = None,
) -> None:
    """The two tiers in (0, 0, width, height): the top one's labels stick to the left
    edge while their period is in view, the bottom one's are centred."""
    c = colors
    p.fillRect(QRectF(0, 0, width, height), c.header)
    p.setFont(font)
    metrics = QFontMetricsF(font)
    measure = metrics.horizontalAdvance
    top_unit, bottom_unit = scale.tiers()
    mid = height // 2
    left_align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    centre = int(Qt.AlignmentFlag.AlignCenter)
    bottom_ticks = ticks(scale, bottom_unit, x_offset, x_offset + width, measure, 6)
    if bottom_unit == "day" and is_working_day is not None:
        for tick in bottom_ticks:
            if not is_working_day(tick.start):
                p.fillRect(
                    QRectF(tick.x0 - x_offset, mid, tick.x1 - tick.x0, height - mid),
                    c.header_weekend,
                )
    p.setPen(QPen(c.header_line, 0))
    p.drawLine(QLineF(0, mid + 0.5, width, mid + 0.5))
    p.drawLine(QLineF(0, height - 0.5, width, height - 0.5))
    for tick in bottom_ticks:
        x = round(tick.x0 - x_offset) + 0.5
        p.setPen(QPen(c.header_line, 0))
        p.drawLine(QLineF(x, mid, x, height))
        if tick.label:
            p.setPen(c.header_text)
            rect = QRectF(tick.x0 - x_offset, mid, tick.x1 - tick.x0, height - mid)
            p.drawText(rect, centre, tick.label)
    for tick in ticks(scale, top_unit, x_offset, x_offset + width, measure, 8):
        x = round(tick.x0 - x_offset) + 0.5
        p.setPen(QPen(c.header_line, 0))
        p.drawLine(QLineF(x, 0, x, mid))
        if tick.label:
            p.setPen(c.header_text)
            # Sticky: the label stays at the left edge while its period is in view, and
            # is left out when too little of the period shows for it to fit whole.
            a, b = max(tick.x0 - x_offset, 0.0), tick.x1 - x_offset
            if b - a >= measure(tick.label) + 8:
                p.drawText(QRectF(a + 4, 0, b - a - 4, mid), left_align, tick.label)
