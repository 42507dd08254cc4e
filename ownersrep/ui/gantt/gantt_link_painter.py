"""Drawing the dependency arrows of the Gantt chart: only those the `LinkIndex` finds
crossing the visible rows, routed by `link_routes`, critical ones in their own colour."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from ownersrep.domain.enums import TaskKind
from ownersrep.ui.gantt.gantt_colors import GanttColors
from ownersrep.ui.gantt.gantt_state import ChartState
from ownersrep.ui.gantt.layout import BarGeometry, bar_geometry
from ownersrep.ui.gantt.link_routes import STUB, Anchor, head_direction, route

ARROW = 4.0  # half width of an arrow head


def paint_links(
    p: QPainter,
    colors: GanttColors,
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
    c = colors
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
            else anchors.setdefault(ra, _anchor(state, ra, bars, xo, yo))
        )
        b = (
            anchors[rb]
            if rb in anchors
            else anchors.setdefault(rb, _anchor(state, rb, bars, xo, yo))
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
        heads[hot].append(_head(pts))
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    for hot, colour in enumerate((c.link, c.link_critical)):
        p.setBrush(colour)
        for polygon in heads[hot]:
            p.drawPolygon(polygon)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def _anchor(
    state: ChartState, r: int, bars: dict[int, BarGeometry | None], xo: float, yo: float
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
