"""Drawing the Gantt chart and its time-scale header on any QPainter.

Used by the widget's paintEvent and by the export (PNG through a QImage, PDF through a
QPdfWriter, so the PDF stays vector). Only what falls inside the given area is drawn:
rows from `visible_rows`, days from the visible x range, arrows from the `LinkIndex`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
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
from ownersrep.services.task_service import TaskRow
from ownersrep.services.task_tree import LinkRow
from ownersrep.ui.gantt.gantt_drag import DragMachine, Gesture
from ownersrep.ui.gantt.layout import (
    BarGeometry,
    bar_geometry,
    label_text,
    nonworking_spans,
    visible_rows,
)
from ownersrep.ui.gantt.link_routes import STUB, Anchor, LinkIndex, head_direction, route
from ownersrep.ui.gantt.timescale import TimeScale, ticks

WorkingDay = Callable[[date], bool]
ARROW = 4.0  # half width of an arrow head


@dataclass(frozen=True)
class GanttColors:
    base: QColor
    text: QColor
    grid: QColor
    nonwork: QColor
    bar: QColor
    bar_done: QColor
    critical: QColor
    critical_done: QColor
    summary: QColor
    baseline: QColor
    link: QColor
    link_critical: QColor
    today: QColor
    status: QColor
    highlight: QColor
    header: QColor
    header_text: QColor
    header_line: QColor
    header_weekend: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> GanttColors:
        role = QPalette.ColorRole
        base = palette.color(role.Base)
        dark = base.lightness() < 128
        text = palette.color(role.Text)
        grid = _mix(base, text, 0.12)  # opaque: much faster to fill than a translucent one
        highlight = QColor(palette.color(role.Highlight))
        highlight.setAlpha(70 if dark else 55)
        button = palette.color(role.Button)
        header_line = _mix(button, palette.color(role.ButtonText), 0.25)
        return cls(
            base=base,
            text=text,
            grid=grid,
            nonwork=base.lighter(135) if dark else base.darker(107),
            bar=QColor("#5b93d3" if dark else "#5a8fd0"),
            bar_done=QColor("#2c5f9e" if dark else "#1f4f86"),
            critical=QColor("#e5716b" if dark else "#e2625b"),
            critical_done=QColor("#b02e27" if dark else "#a8261f"),
            summary=QColor(text),
            baseline=QColor("#8c8c8c" if dark else "#a6a6a6"),
            link=QColor("#9a9a9a" if dark else "#7d7d7d"),
            link_critical=QColor("#e5716b" if dark else "#d0433c"),
            today=QColor("#f0932b" if dark else "#e67e22"),
            status=QColor("#3fbf73" if dark else "#2e9d5b"),
            highlight=highlight,
            header=button,
            header_text=palette.color(role.ButtonText),
            header_line=header_line,
            header_weekend=button.lighter(125) if dark else button.darker(108),
        )


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended towards b by t (0..1), opaque."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


@dataclass
class ChartState:
    """Everything the drawing needs, whoever draws (widget or export)."""

    rows: Sequence[TaskRow] = ()  # the visible rows of the tree, in order
    row_of: dict[int, int] = field(default_factory=dict)  # task id → row number
    links: Sequence[LinkRow] = ()
    link_index: LinkIndex = field(default_factory=lambda: LinkIndex([]))
    link_numbers: Sequence[int] = ()  # link_index number → position in `links`
    links_stale: bool = False  # link_index is out of date (see ensure_link_index)
    scale: TimeScale = field(default_factory=lambda: TimeScale(date(2000, 1, 1), 6.0))
    row_height: int = 24
    is_working_day: WorkingDay | None = None
    today: date | None = None
    status_date: date | None = None
    show_critical: bool = False
    show_baseline: bool = False
    labels: str = "none"
    selected: frozenset[int] = frozenset()  # task ids

    def index_links(self) -> None:
        """The links or the rows changed: index the links again before the next paint
        (set_links and a rows rebuild often come together; index once)."""
        self.links_stale = True

    def ensure_link_index(self) -> None:
        """Build the link index for the current rows (links between shown rows)."""
        if not self.links_stale:
            return
        self.links_stale = False
        spans: list[tuple[int, int]] = []
        numbers: list[int] = []
        row_of = self.row_of
        for n, link in enumerate(self.links):
            a, b = row_of.get(link.predecessor_id), row_of.get(link.successor_id)
            if a is not None and b is not None and a != b:
                spans.append((a, b))
                numbers.append(n)
        self.link_index = LinkIndex(spans)
        self.link_numbers = numbers


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
        self._paint_links(p, state, rows, bars, x_offset, y_offset, width)
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

    def _anchor(
        self, state: ChartState, r: int, bars: dict[int, BarGeometry | None], xo: float, yo: float
    ) -> Anchor | None:
        h = state.row_height
        top = yo + r * h
        bar = (
            bars[r]
            if r in bars
            else bar_geometry(state.rows[r], state.scale, xo, top, h, state.show_baseline)
        )
        if bar is None:
            return None
        if bar.kind is TaskKind.SUMMARY:
            return Anchor(bar.x0, bar.x1, bar.y0 + bar.thick / 2, bar.y0, bar.y1, top, top + h)
        return Anchor(bar.x0, bar.x1, bar.mid_y, bar.y0, bar.y1, top, top + h)

    def _paint_links(
        self,
        p: QPainter,
        state: ChartState,
        rows: range,
        bars: dict[int, BarGeometry | None],
        xo: float,
        yo: float,
        width: float,
    ) -> None:
        state.ensure_link_index()
        if not rows or not len(state.link_index):
            return
        c = self.colors
        heads: tuple[list[QPolygonF], list[QPolygonF]] = ([], [])  # normal, critical
        pens = (QPen(c.link, 1), QPen(c.link_critical, 1.2))
        anchors: dict[int, Anchor | None] = {}
        rows_, links, numbers, row_of = state.rows, state.links, state.link_numbers, state.row_of
        pen = -1
        stub = min(STUB, max(3.0, 2 * state.scale.px_per_day))  # shorter when zoomed out
        for number in state.link_index.query(rows.start, rows.stop - 1):
            link = links[numbers[number]]
            ra, rb = row_of[link.predecessor_id], row_of[link.successor_id]
            a = (
                anchors[ra]
                if ra in anchors
                else anchors.setdefault(ra, self._anchor(state, ra, bars, xo, yo))
            )
            b = (
                anchors[rb]
                if rb in anchors
                else anchors.setdefault(rb, self._anchor(state, rb, bars, xo, yo))
            )
            if a is None or b is None:
                continue
            if max(a.x1, b.x1) + STUB < 0 or min(a.x0, b.x0) - STUB > width:
                continue  # wholly left or right of the view
            pts = route(link.link_type, a, b, stub)
            hot = int(state.show_critical and rows_[ra].critical and rows_[rb].critical)
            if hot != pen:
                p.setPen(pens[hot])
                pen = hot
            p.drawPolyline(QPolygonF([QPointF(round(x) + 0.5, round(y) + 0.5) for x, y in pts]))
            heads[hot].append(self._head(pts))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        for hot, colour in enumerate((c.link, c.link_critical)):
            p.setBrush(colour)
            for polygon in heads[hot]:
                p.drawPolygon(polygon)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    @staticmethod
    def _head(pts: tuple[tuple[float, float], ...]) -> QPolygonF:
        dx, dy = head_direction(pts)
        x, y = round(pts[-1][0]) + 0.5, round(pts[-1][1]) + 0.5
        back, side = 2 * ARROW, ARROW
        return QPolygonF(
            [
                QPointF(x, y),
                QPointF(x - dx * back - dy * side, y - dy * back - dx * side),
                QPointF(x - dx * back + dy * side, y - dy * back + dx * side),
            ]
        )

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
