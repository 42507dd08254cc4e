"""Drawing the Gantt chart on any QPainter.

Used by the widget's paintEvent and by the export (PNG through a QImage, PDF through a
QPdfWriter, so the PDF stays vector). Only what falls inside the given area is drawn:
rows from `visible_rows`, days from the visible x range, arrows from the `LinkIndex`
(`gantt_link_painter`). What to draw is a `ChartState` (`gantt_state`), in `GanttColors`
(`gantt_colors`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)

from ownersrep.domain.enums import TaskKind
from ownersrep.ui.gantt.gantt_colors import GanttColors
from ownersrep.ui.gantt.gantt_drag import DragMachine, Gesture
from ownersrep.ui.gantt.gantt_link_painter import paint_links
from ownersrep.ui.gantt.gantt_state import ChartState
from ownersrep.ui.gantt.layout import (
    BarGeometry,
    bar_geometry,
    label_text,
    nonworking_spans,
    visible_rows,
)
from ownersrep.ui.gantt.timescale import TimeScale, ticks


class GanttPainter:
    def __init__(self, colors: GanttColors, font: QFont) -> None:
        self.colors = colors
        self.font = font

    # -- the chart ---------------------------------------------------------------------
    def paint(
        self,
        p: QPainter,
        state: ChartState,
        x_offset: float,
        y_offset: float,
        width: int,
        height: int,
    ) -> None:
        """Draw the part of the chart in (0, 0, width, height): x_offset is the scale x at
        the left edge, y_offset the y of row 0's top (<= 0 when scrolled)."""
        c, scale, h = self.colors, state.scale, state.row_height
        p.fillRect(QRectF(0, 0, width, height), c.base)
        if state.is_working_day is not None:
            for a, b in nonworking_spans(scale, x_offset, x_offset + width, state.is_working_day):
                p.fillRect(QRectF(a - x_offset, 0, b - a, height), c.nonwork)
        top_unit = scale.tiers()[0]
        for tick in ticks(scale, top_unit, x_offset, x_offset + width):
            p.fillRect(QRectF(round(tick.x0 - x_offset), 0, 1, height), c.grid)
        rows = visible_rows(y_offset, height, h, len(state.rows))
        for r in rows:
            p.fillRect(QRectF(0, round(y_offset + (r + 1) * h) - 1, width, 1), c.grid)
        if state.selected:
            for r in rows:
                if state.rows[r].id in state.selected:
                    p.fillRect(QRectF(0, y_offset + r * h, width, h - 1), c.highlight)
        self._paint_day_line(p, state.today, scale, x_offset, height, c.today, dashed=True)
        self._paint_day_line(p, state.status_date, scale, x_offset, height, c.status)
        bars = {
            r: bar_geometry(
                state.rows[r], scale, x_offset, y_offset + r * h, h, state.show_baseline
            )
            for r in rows
        }
        if state.show_baseline:
            p.setPen(Qt.PenStyle.NoPen)
            for bar in bars.values():
                if bar is not None and bar.baseline is not None:
                    bx0, bx1, by0, by1 = bar.baseline
                    p.fillRect(QRectF(bx0, by0, max(1.0, bx1 - bx0), by1 - by0), c.baseline)
        paint_links(p, c, state, rows, bars, x_offset, y_offset, width)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for r, bar in bars.items():
            if bar is not None and bar.x1 >= -2 and bar.x0 <= width + 2:
                self.paint_bar(p, bar, state.show_critical and state.rows[r].critical)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if state.labels != "none":
            self._paint_labels(p, state, bars, width)

    def paint_bar(self, p: QPainter, bar: BarGeometry, critical: bool, ghost: bool = False) -> None:
        c = self.colors
        body = c.critical if critical else c.bar
        done = c.critical_done if critical else c.bar_done
        if ghost:
            body, done = QColor(body), QColor(done)
            body.setAlpha(90)
            done.setAlpha(90)
        if bar.kind is TaskKind.MILESTONE:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(done)
            cx, cy, half = bar.centre_x, bar.mid_y, (bar.x1 - bar.x0) / 2
            p.drawPolygon(
                QPolygonF(
                    [
                        QPointF(cx, cy - half),
                        QPointF(cx + half, cy),
                        QPointF(cx, cy + half),
                        QPointF(cx - half, cy),
                    ]
                )
            )
            return
        if bar.kind is TaskKind.SUMMARY:
            x0, x1, y0, t = round(bar.x0), round(bar.x1), round(bar.y0), bar.thick
            cap = min(t + 2, max(1.0, (x1 - x0) / 2))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(done if ghost else c.summary)
            p.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x0, y0),
                        QPointF(x1, y0),
                        QPointF(x1, bar.y1),
                        QPointF(x1 - cap, y0 + t),
                        QPointF(x0 + cap, y0 + t),
                        QPointF(x0, bar.y1),
                    ]
                )
            )
            return
        x0, x1 = round(bar.x0), round(bar.x1)
        rect = QRectF(x0, round(bar.y0), max(1, x1 - x0), round(bar.y1) - round(bar.y0))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(body)
        radius = 2.0 if rect.width() > 4 else 0.0
        p.drawRoundedRect(rect, radius, radius)
        if bar.progress_x > x0:
            done_rect = QRectF(rect)
            done_rect.setRight(min(rect.right(), round(bar.progress_x)))
            path = QPainterPath()
            path.addRoundedRect(rect, radius, radius)
            clip = QPainterPath()
            clip.addRect(done_rect)
            p.fillPath(path.intersected(clip), QBrush(done))
        if ghost:
            pen = QPen(done, 1, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect, radius, radius)

    def paint_drag(
        self,
        p: QPainter,
        drag: DragMachine,
        state: ChartState,
        x_offset: float,
        y_offset: float,
        palette: QPalette,
        view: QRectF,
    ) -> None:
        """Feedback while dragging: the ghost bar at the new dates, or a rubber band
        from the pressed bar to the pointer; and a small tip with the dates or target."""
        row = state.row_of.get(drag.task_id) if drag.task_id is not None else None
        if row is None:
            return
        dto = state.rows[row]
        target_name = None
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if drag.gesture is Gesture.LINK:
            p.setPen(QPen(self.colors.text, 1.5, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(*drag.press_pos), QPointF(*drag.pos))
            target_row = state.row_of.get(drag.target_id) if drag.target_id else None
            if target_row is not None:
                target_name = state.rows[target_row].name
        else:
            ghost = replace(dto, start=drag.ghost_start, finish=drag.ghost_finish)
            top = y_offset + row * state.row_height
            bar = bar_geometry(
                ghost, state.scale, x_offset, top, state.row_height, state.show_baseline
            )
            if bar is not None:
                self.paint_bar(p, bar, state.show_critical and dto.critical, ghost=True)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        text = drag.tip_text(target_name)
        if not text:
            return
        metrics = QFontMetricsF(self.font)
        x, y = drag.pos
        rect = QRectF(
            0, 0, round(metrics.horizontalAdvance(text)) + 12, round(metrics.height()) + 6
        )
        rect.moveTopLeft(QPointF(round(x) + 14, round(y) + 16))
        if rect.right() > view.right():
            rect.moveRight(round(x) - 8)
        if rect.bottom() > view.bottom():
            rect.moveBottom(round(y) - 8)
        p.setFont(self.font)
        p.setPen(QPen(palette.color(QPalette.ColorRole.ToolTipText), 1))
        p.setBrush(palette.color(QPalette.ColorRole.ToolTipBase))
        p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    # -- helpers -----------------------------------------------------------------------
    @staticmethod
    def _paint_day_line(
        p: QPainter,
        day: date | None,
        scale: TimeScale,
        x_offset: float,
        height: int,
        colour: QColor,
        dashed: bool = False,
    ) -> None:
        if day is None:
            return
        x = round(scale.date_to_x(day) + scale.px_per_day / 2 - x_offset) + 0.5
        pen = QPen(colour, 1.5)
        if dashed:
            pen.setStyle(Qt.PenStyle.CustomDashLine)
            pen.setDashPattern([4, 3])
        p.setPen(pen)
        p.drawLine(QLineF(x, 0, x, height))

    def _paint_labels(
        self, p: QPainter, state: ChartState, bars: dict[int, BarGeometry | None], width: int
    ) -> None:
        p.setFont(self.font)
        p.setPen(self.colors.text)
        h = state.row_height
        for r, bar in bars.items():
            if bar is None or bar.x1 > width:
                continue
            text = label_text(state.rows[r], state.labels)
            if text:
                top = bar.y0 if bar.kind is TaskKind.SUMMARY else bar.mid_y - h / 2
                rect = QRectF(bar.x1 + 5, top, max(0.0, width - bar.x1 - 5), h)
                if bar.kind is TaskKind.SUMMARY:
                    rect.moveTop(bar.y0 + bar.thick - h / 2 - 1)
                p.drawText(
                    rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
                )
