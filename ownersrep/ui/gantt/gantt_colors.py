"""The Gantt chart's colours, taken from the widget's palette (light or dark)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


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
