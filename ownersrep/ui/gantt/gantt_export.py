"""Export the Gantt chart as PNG or PDF: the visible part, or the whole project.

Each sheet has the task names (WBS and indented name) in a left column, the two-tier
time scale on top and the chart, drawn by the same `GanttPainter` as the screen. The PDF
goes through QPdfWriter, so bars, arrows and text stay vector (and searchable); A3
landscape pages repeat the names column and the time scale, and carry a title and a
footer with the dates shown and the page number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from PySide6.QtWidgets import QApplication

from ownersrep.domain.enums import TaskKind
from ownersrep.ui.gantt.gantt_colors import GanttColors
from ownersrep.ui.gantt.gantt_header import paint_header
from ownersrep.ui.gantt.gantt_painter import GanttPainter
from ownersrep.ui.gantt.gantt_state import ChartState
from ownersrep.ui.gantt.layout import visible_rows
from ownersrep.ui.gantt.timescale import MIN_PX_PER_DAY, TimeScale, clamp_zoom

if TYPE_CHECKING:
    from ownersrep.ui.gantt.gantt_chart import GanttChart

NAMES_WIDTH = 300  # the task-name column
PRINT_ROW_HEIGHT = 20
HEADER_HEIGHT = 36
MAX_PNG_SIDE = 30_000  # larger images are scaled down to this
PDF_DPI = 96  # one drawing unit = one screen pixel at 100 %
TITLE_HEIGHT = 34
FOOTER_HEIGHT = 22
READABLE_PX_PER_DAY = 0.9  # a whole project PDF is fitted to the page down to this zoom


@dataclass(frozen=True)
class Sheet:
    """One rectangle of the chart: rows [r0, r1) and scale x [x0, x1); row 0's top is at
    `y_offset` (so the first row may be cut, as on screen) and rows fill `height`."""

    r0: int
    r1: int
    x0: float
    x1: float
    y_offset: float
    height: float

    def size(self) -> QSizeF:
        return QSizeF(NAMES_WIDTH + self.x1 - self.x0, HEADER_HEIGHT + self.height)


def _rows_sheet(r0: int, r1: int, x0: float, x1: float, row_height: int) -> Sheet:
    return Sheet(r0, r1, x0, x1, -r0 * row_height, (r1 - r0) * row_height)


def export_png(chart: GanttChart, path: str | Path, whole: bool) -> Path:
    """Write the visible part (whole=False) or the whole project as one PNG."""
    path = Path(path)
    state, sheet = _prepare(chart, whole)
    size = sheet.size()
    factor = min(1.0, MAX_PNG_SIDE / max(size.width(), size.height()))
    image = QImage(
        max(1, math.ceil(size.width() * factor)),
        max(1, math.ceil(size.height() * factor)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(_colors().base)
    painter = QPainter(image)
    painter.scale(factor, factor)
    _paint_sheet(painter, chart, state, sheet)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"Cannot write {path}")
    return path


def export_pdf(
    chart: GanttChart, path: str | Path, whole: bool, title: str = "Gantt chart"
) -> Path:
    """Write a vector PDF on A3 landscape pages: the visible part scaled onto one page,
    or the whole project over as many pages as it needs (rows down, time across)."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("OwnersRep")
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A3),
            QPageLayout.Orientation.Landscape,
            QMarginsF(10, 10, 10, 10),
            QPageLayout.Unit.Millimeter,
        )
    )
    page = writer.pageLayout().paintRectPixels(PDF_DPI)
    state, full = _prepare(chart, whole, page.width())
    body = QRectF(0, TITLE_HEIGHT, page.width(), page.height() - TITLE_HEIGHT - FOOTER_HEIGHT)
    h = state.row_height
    if whole:
        rows_per_page = max(1, int((body.height() - HEADER_HEIGHT) // h))
        span = body.width() - NAMES_WIDTH
        sheets = [
            _rows_sheet(r, min(full.r1, r + rows_per_page), x, min(full.x1, x + span), h)
            for r in range(full.r0, max(full.r1, full.r0 + 1), rows_per_page)
            for x in _steps(full.x0, full.x1, span)
        ]
    else:
        sheets = [full]
    first, last = state.scale.x_to_date(full.x0), state.scale.x_to_date(full.x1 - 1)
    painter = QPainter(writer)
    for n, sheet in enumerate(sheets, 1):
        if n > 1:
            writer.newPage()
        _paint_title(painter, chart, title, page.width())
        size = sheet.size()
        factor = min(1.0, body.width() / size.width(), body.height() / size.height())
        painter.save()
        painter.translate(body.topLeft())
        painter.scale(factor, factor)
        _paint_sheet(painter, chart, state, sheet)
        painter.restore()
        footer = (
            f"{first:%d %b %Y} – {last:%d %b %Y}"
            f"   ·   exported {(state.today or date.today()):%d %b %Y}"
            f"   ·   page {n} of {len(sheets)}"
        )
        _paint_text(
            painter,
            chart,
            QRectF(0, page.height() - FOOTER_HEIGHT, page.width(), FOOTER_HEIGHT),
            footer,
            Qt.AlignmentFlag.AlignRight,
        )
    painter.end()
    return path


# -- helpers -------------------------------------------------------------------------------
def _steps(x0: float, x1: float, span: float) -> list[float]:
    out, x = [], x0
    while x < x1 or not out:
        out.append(x)
        x += span
    return out


def _prepare(
    chart: GanttChart, whole: bool, page_width: float | None = None
) -> tuple[ChartState, Sheet]:
    """The state to draw (rows at print height for a whole export) and its extent. A
    whole project is fitted to `page_width` when that keeps months readable."""
    state = chart.chart_state()
    if not whole:
        vp = chart.viewport()
        rows = visible_rows(chart.y_offset(), vp.height(), state.row_height, len(state.rows))
        x = chart.x_offset()
        # The visible rows, as seen: the first may be cut by the scroll position.
        height = min(vp.height(), rows.stop * state.row_height + chart.y_offset())
        sheet = Sheet(rows.start, rows.stop, x, x + vp.width(), chart.y_offset(), height)
        return replace(state, selected=frozenset()), sheet
    state = replace(state, row_height=max(PRINT_ROW_HEIGHT, state.row_height), selected=frozenset())
    dated = [r for r in state.rows if r.start is not None]
    if dated:
        start = min(r.start for r in dated) - timedelta(days=3)  # type: ignore[operator]
        finish = max((r.finish or r.start) for r in dated) + timedelta(days=14)  # type: ignore[type-var,operator]
    else:
        start = state.today or date.today()
        finish = start + timedelta(days=30)
    days = (finish - start).days + 1
    if page_width is not None:
        ppd = clamp_zoom(max(READABLE_PX_PER_DAY, (page_width - NAMES_WIDTH) / days))
    else:  # the chart's zoom, unless the image would be more than 8,000 px wide
        ppd = clamp_zoom(min(state.scale.px_per_day, max(MIN_PX_PER_DAY, 8000 / days)))
    state.scale = TimeScale(start, ppd)
    return state, _rows_sheet(0, len(state.rows), 0.0, days * ppd, state.row_height)


def _paint_sheet(p: QPainter, chart: GanttChart, state: ChartState, sheet: Sheet) -> None:
    colors = _colors()
    drawer = GanttPainter(colors, chart.font())
    width, height, y_offset = sheet.x1 - sheet.x0, sheet.height, sheet.y_offset
    p.save()
    p.translate(NAMES_WIDTH, 0)
    p.setClipRect(QRectF(0, 0, width, HEADER_HEIGHT))
    paint_header(
        colors,
        chart.font(),
        p,
        state.scale,
        sheet.x0,
        math.ceil(width),
        HEADER_HEIGHT,
        state.is_working_day,
    )
    p.translate(0, HEADER_HEIGHT)
    p.setClipRect(QRectF(0, 0, width, height))
    drawer.paint(p, state, sheet.x0, y_offset, math.ceil(width), math.ceil(height))
    p.restore()
    _paint_names(p, chart, state, sheet, y_offset, colors)


def _paint_names(
    p: QPainter,
    chart: GanttChart,
    state: ChartState,
    sheet: Sheet,
    y_offset: float,
    colors: GanttColors,
) -> None:
    h, height = state.row_height, sheet.height
    p.save()
    p.fillRect(QRectF(0, 0, NAMES_WIDTH, HEADER_HEIGHT), colors.header)
    p.setPen(colors.header_text)
    p.setFont(chart.font())
    middle = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    p.drawText(QRectF(6, 0, 60, HEADER_HEIGHT), middle, "WBS")
    p.drawText(QRectF(70, 0, NAMES_WIDTH - 70, HEADER_HEIGHT), middle, "Task")
    p.translate(0, HEADER_HEIGHT)
    p.setClipRect(QRectF(0, 0, NAMES_WIDTH, height))
    p.fillRect(QRectF(0, 0, NAMES_WIDTH, height), colors.base)
    bold = QFont(chart.font())
    bold.setBold(True)
    for r in range(sheet.r0, sheet.r1):
        row = state.rows[r]
        top = y_offset + r * h
        p.setPen(QPen(colors.grid, 0))
        p.drawLine(
            QRectF(0, top + h - 0.5, NAMES_WIDTH, 0).topLeft(),
            QRectF(NAMES_WIDTH, top + h - 0.5, 0, 0).topLeft(),
        )
        p.setPen(colors.text)
        p.setFont(bold if row.kind is TaskKind.SUMMARY else chart.font())
        p.drawText(QRectF(6, top, 60, h), middle, row.wbs)
        indent = 70 + 12 * row.depth
        name = p.fontMetrics().elidedText(
            row.name, Qt.TextElideMode.ElideRight, NAMES_WIDTH - indent - 6
        )
        p.drawText(QRectF(indent, top, NAMES_WIDTH - indent - 4, h), middle, name)
    p.restore()
    p.setPen(QPen(colors.header_line, 1))
    p.drawLine(
        QRectF(NAMES_WIDTH - 0.5, 0, 0, 0).topLeft(),
        QRectF(NAMES_WIDTH - 0.5, HEADER_HEIGHT + height, 0, 0).topLeft(),
    )


def _colors() -> GanttColors:
    """Exports are documents: always in the style's light palette."""
    return GanttColors.from_palette(QApplication.style().standardPalette())


def _paint_title(p: QPainter, chart: GanttChart, title: str, width: float) -> None:
    font = QFont(chart.font())
    font.setPointSizeF(font.pointSizeF() * 1.4 if font.pointSizeF() > 0 else 14)
    font.setBold(True)
    p.save()
    p.setFont(font)
    p.setPen(_colors().text)
    p.drawText(
        QRectF(0, 0, width, TITLE_HEIGHT - 6),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        title,
    )
    p.restore()


def _paint_text(
    p: QPainter, chart: GanttChart, rect: QRectF, text: str, align: Qt.AlignmentFlag
) -> None:
    p.save()
    p.setFont(chart.font())
    p.setPen(_colors().text)
    p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)
    p.restore()
