"""The summary-level Gantt chart as vector graphics: a month scale, a bar per summary
with its baseline bar beneath, diamonds for milestones, the critical path in red (and
outlined, for black and white print), the status-date line; split into drawings of
ROWS rows so a long chart runs over pages, each part with its own time scale."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ownersrep.reports.owner_report.fonts import BOLD, FALLBACK, REGULAR
from ownersrep.reports.owner_report.styles import ACCENT, CRITICAL, INK, MUTED, RULE
from ownersrep.reports.owner_report.text import fit, runs
from ownersrep.services.report_types import GanttLine

ROWS = 30
ROW_H = 14.0
SCALE_H = 26.0
LEGEND_H = 20.0
LABEL_SHARE = 0.36
FONT_SIZE = 7.0

BAR = colors.HexColor("#4f7cb8")
BAR_DONE = colors.HexColor("#1f4e79")
SUMMARY = colors.HexColor("#3c3c3c")
BASELINE = colors.HexColor("#a9a9a9")
GRID = colors.HexColor("#e3e6ea")
STRIPE = colors.HexColor("#f6f7f9")


def _label(x: float, y: float, text: str, font: str, size: float, max_w: float) -> Group:
    """A line of text as Strings, one per font run (CJK in the fallback face)."""
    group = Group()
    shown = fit(text, font, size, max_w)
    for f, chunk in runs(shown, font):
        face = FALLBACK if f == FALLBACK else font
        group.add(String(x, y, chunk, fontName=face, fontSize=size, fillColor=INK))
        x += stringWidth(chunk, face, size)
    return group


def _month_starts(first: date, last: date) -> list[date]:
    out, d = [], first.replace(day=1)
    while d <= last:
        out.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    out.append(d)
    return out


def _span(lines: Sequence[GanttLine], status_date: date | None) -> tuple[date, date] | None:
    days = [
        d
        for g in lines
        for d in (g.start, g.finish, g.baseline_start, g.baseline_finish)
        if d is not None
    ]
    if status_date is not None:
        days.append(status_date)
    if not days:
        return None
    return min(days), max(days)


class _Scale:
    def __init__(self, first: date, last: date, x0: float, x1: float) -> None:
        self.months = _month_starts(first, last)
        self.start, self.end = self.months[0], self.months[-1]
        self.x0, self.x1 = x0, x1
        self.per_day = (x1 - x0) / max((self.end - self.start).days, 1)

    def x(self, d: date) -> float:
        return self.x0 + (d - self.start).days * self.per_day


def _scale_header(drawing: Drawing, scale: _Scale, top: float, bottom: float) -> None:
    months = scale.months[:-1]
    n = len(months)
    step = 1 if n <= 18 else 3 if n <= 48 else 12
    year_y, month_y = top - 9, top - 20
    for i, m in enumerate(months):
        x = scale.x(m)
        is_year = m.month == 1 or i == 0
        drawing.add(Line(x, bottom, x, top - 12, strokeColor=GRID, strokeWidth=0.5))
        if is_year:
            drawing.add(Line(x, bottom, x, top, strokeColor=RULE, strokeWidth=0.6))
            drawing.add(
                String(x + 2, year_y, str(m.year), fontName=BOLD, fontSize=FONT_SIZE, fillColor=INK)
            )
        if (m.month - 1) % step == 0:
            label = f"{m:%b}" if step < 12 else ""
            width = scale.x(scale.months[i + 1]) - x
            if step == 1 and width < 16:
                label = label[:1]
            if label:
                drawing.add(
                    String(
                        x + 2,
                        month_y,
                        label,
                        fontName=REGULAR,
                        fontSize=FONT_SIZE - 0.5,
                        fillColor=MUTED,
                    )
                )
    drawing.add(Line(scale.x0, top - 24, scale.x1, top - 24, strokeColor=INK, strokeWidth=0.6))


def _diamond(
    x: float, y: float, r: float, fill: colors.Color | None, stroke: colors.Color
) -> Polygon:
    return Polygon(
        [x, y + r, x + r, y, x, y - r, x - r, y],
        fillColor=fill,
        strokeColor=stroke,
        strokeWidth=0.6,
    )


def _row(drawing: Drawing, g: GanttLine, scale: _Scale, y: float, label_w: float) -> None:
    mid = y + ROW_H / 2
    indent = 7.0 * min(g.level, 4)
    font = BOLD if g.is_summary and g.level == 0 else REGULAR
    text = f"{g.wbs}  {g.name}" if g.wbs else g.name
    drawing.add(_label(2 + indent, mid - 2.5, text, font, FONT_SIZE, label_w - indent - 6))
    stroke = INK if g.critical else None
    if g.is_milestone:
        if g.baseline_finish is not None:
            drawing.add(_diamond(scale.x(g.baseline_finish), mid - 2.5, 3.0, None, BASELINE))
        at = g.finish or g.start
        if at is not None:
            fill = CRITICAL if g.critical else INK
            drawing.add(_diamond(scale.x(at), mid + 1, 4.2, fill, INK))
        return
    if g.baseline_start is not None and g.baseline_finish is not None:
        x0, x1 = scale.x(g.baseline_start), scale.x(g.baseline_finish + timedelta(days=1))
        drawing.add(Rect(x0, mid - 5.5, max(x1 - x0, 1), 2.6, fillColor=BASELINE, strokeColor=None))
    if g.start is None or g.finish is None:
        return
    x0, x1 = scale.x(g.start), scale.x(g.finish + timedelta(days=1))
    w = max(x1 - x0, 1.5)
    if g.is_summary:
        fill = CRITICAL if g.critical else SUMMARY
        drawing.add(Rect(x0, mid - 1.5, w, 5, fillColor=fill, strokeColor=stroke, strokeWidth=0.5))
        for x in (x0, x0 + w):  # the summary's end caps
            drawing.add(
                Polygon(
                    [x - 2.2, mid - 1.5, x + 2.2, mid - 1.5, x, mid - 4],
                    fillColor=fill,
                    strokeColor=None,
                )
            )
    else:
        fill = CRITICAL if g.critical else BAR
        drawing.add(Rect(x0, mid - 2, w, 7, fillColor=fill, strokeColor=stroke, strokeWidth=0.5))
        done = float(g.percent_complete) / 100
        if done > 0:
            drawing.add(
                Rect(x0, mid + 0.5, w * min(done, 1.0), 2, fillColor=BAR_DONE, strokeColor=None)
            )


def _legend(drawing: Drawing, y: float) -> None:
    x = 2.0
    size = FONT_SIZE

    def text(label: str) -> None:
        nonlocal x
        drawing.add(String(x, y, label, fontName=REGULAR, fontSize=size, fillColor=INK))
        x += stringWidth(label, REGULAR, size) + 14

    drawing.add(Rect(x, y, 14, 5, fillColor=SUMMARY, strokeColor=None))
    x += 18
    text("Summary (current)")
    drawing.add(Rect(x, y + 1, 14, 2.6, fillColor=BASELINE, strokeColor=None))
    x += 18
    text("Baseline")
    drawing.add(Rect(x, y, 14, 5, fillColor=CRITICAL, strokeColor=INK, strokeWidth=0.5))
    x += 18
    text("Critical path (red, outlined)")
    drawing.add(_diamond(x + 4, y + 2.5, 4, INK, INK))
    x += 12
    text("Milestone")
    drawing.add(Line(x, y - 2, x, y + 7, strokeColor=ACCENT, strokeWidth=1, strokeDashArray=[3, 2]))
    x += 6
    text("Status date")


def gantt_drawings(
    lines: Sequence[GanttLine], status_date: date | None, width: float, rows: int = ROWS
) -> list[Drawing]:
    """One drawing per `rows` lines; the last carries the legend. Empty when no line
    has dates."""
    span = _span(lines, status_date)
    if span is None:
        return []
    label_w = width * LABEL_SHARE
    out: list[Drawing] = []
    for first in range(0, len(lines), rows):
        part = lines[first : first + rows]
        last_part = first + rows >= len(lines)
        height = SCALE_H + ROW_H * len(part) + (LEGEND_H if last_part else 0)
        drawing = Drawing(width, height)
        scale = _Scale(span[0], span[1], label_w, width - 4)
        body_top = height - SCALE_H
        body_bottom = body_top - ROW_H * len(part)
        for i in range(len(part)):
            if i % 2:
                y = body_top - ROW_H * (i + 1)
                drawing.add(Rect(0, y, width, ROW_H, fillColor=STRIPE, strokeColor=None))
        _scale_header(drawing, scale, height, body_bottom)
        for i, g in enumerate(part):
            _row(drawing, g, scale, body_top - ROW_H * (i + 1), label_w)
        if status_date is not None:
            x = scale.x(status_date)
            drawing.add(
                Line(
                    x,
                    body_bottom,
                    x,
                    body_top,
                    strokeColor=ACCENT,
                    strokeWidth=1,
                    strokeDashArray=[3, 2],
                )
            )
        drawing.add(Line(0, body_bottom, width, body_bottom, strokeColor=RULE, strokeWidth=0.5))
        if last_part:
            _legend(drawing, body_bottom - 13)
        out.append(drawing)
    return out
