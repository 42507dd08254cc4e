"""The 5×5 probability × impact heat map of the risk register.

Probability runs up the vertical axis (5 at the top), impact along the horizontal one.
Each cell shows how many risks sit in it and is coloured by its risk level. Clicking a
cell, or pressing Enter or Space on the focused one, selects it (the register then shows
only that cell); doing so again clears the selection.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ownersrep.domain.risk_rules import (
    IMPACT_LABELS,
    LEVEL_BANDS,
    PROBABILITY_LABELS,
    SCALE,
    RiskLevel,
    risk_level,
    risk_score,
)

Cell = tuple[int, int]  # (probability, impact), each 1-5


# Per level: the cell fill in a light palette (soft enough for dark text), in a dark one
# (deep enough for light text), and the strong swatch for small marks (table, legend).
_TONES = {
    RiskLevel.LOW: (QColor("#9fd3a0"), QColor("#2f6b3c"), QColor("#3a9a4a")),
    RiskLevel.MEDIUM: (QColor("#f5c96a"), QColor("#87621c"), QColor("#e0a02a")),
    RiskLevel.HIGH: (QColor("#ec8a80"), QColor("#8d322c"), QColor("#d2453b")),
}
_N = len(SCALE)
_GAP = 3
_MAX_TOOLTIP_NUMBERS = 15


def level_swatch(level: RiskLevel) -> QColor:
    """The strong tone of a level, for small marks on any background."""
    return QColor(_TONES[level][2])


def legend_html() -> str:
    """The three bands with their swatches, for a rich-text label."""
    return "&nbsp;&nbsp;&nbsp;".join(
        f'<span style="color:{level_swatch(lv).name()}">■</span> {lv.value.capitalize()} '
        f"{LEVEL_BANDS[lv]}"
        for lv in RiskLevel
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def cell_description(cell: Cell) -> str:
    p, i = cell
    score = risk_score(p, i)
    return (
        f"Probability {p} ({PROBABILITY_LABELS[p]}) × Impact {i} ({IMPACT_LABELS[i]}): "
        f"score {score}, {risk_level(score).value}"
    )


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved towards `b` by t (0 = a, 1 = b)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def _text_on(fill: QColor) -> QColor:
    luminance = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF()
    return QColor("#1b1b1b") if luminance > 0.5 else QColor("#f6f6f6")


class RiskHeatMap(QWidget):
    """Signal `cell_clicked(object)`: the selected `(probability, impact)`, or None when
    the selection was cleared. Not emitted by `set_selected()`."""

    cell_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: list[list[int]] = [[0] * _N for _ in SCALE]
        self._numbers: list[list[list[str]]] = [[[] for _ in SCALE] for _ in SCALE]
        self._selected: Cell | None = None
        self._focus_cell: Cell = (3, 3)
        self._hover: Cell | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Risk heat map")
        self._update_accessible_description()

    # -- public API ------------------------------------------------------------------
    def set_counts(
        self,
        counts: Sequence[Sequence[int]],
        numbers: Sequence[Sequence[Sequence[str]]] | None = None,
    ) -> None:
        """Counts per cell, `counts[probability - 1][impact - 1]`; optionally the risk
        numbers of each cell (same shape), listed in the cell's tooltip."""
        if len(counts) != _N or any(len(row) != _N for row in counts):
            raise ValueError("the heat map takes 5 rows of 5 counts")
        self._counts = [list(row) for row in counts]
        if numbers is None:
            self._numbers = [[[] for _ in SCALE] for _ in SCALE]
        else:
            self._numbers = [[list(cell) for cell in row] for row in numbers]
        self._update_accessible_description()
        self.update()

    def counts(self) -> list[list[int]]:
        return [list(row) for row in self._counts]

    def set_selected(self, cell: Cell | None) -> None:
        if cell is not None:
            self._check(cell)
            self._focus_cell = cell
        if cell != self._selected:
            self._selected = cell
            self._update_accessible_description()
            self.update()

    def selected(self) -> Cell | None:
        return self._selected

    def focused_cell(self) -> Cell:
        return self._focus_cell

    def cell_rect(self, cell: Cell) -> QRect:
        """Where a cell is painted, in widget coordinates."""
        self._check(cell)
        p, i = cell
        grid = self._grid_rect()
        cw, ch = grid.width() / _N, grid.height() / _N
        x = grid.left() + (i - 1) * cw
        y = grid.top() + (_N - p) * ch
        return QRectF(x, y, cw, ch).adjusted(_GAP, _GAP, -_GAP, -_GAP).toRect()

    def cell_at(self, pos: QPoint) -> Cell | None:
        grid = self._grid_rect()
        if not grid.contains(pos):
            return None
        i = min(_N, int((pos.x() - grid.left()) * _N / grid.width()) + 1)
        p = min(_N, _N - int((pos.y() - grid.top()) * _N / grid.height()))
        return (max(1, p), i)

    def tooltip_for(self, cell: Cell) -> str:
        p, i = cell
        numbers = self._numbers[p - 1][i - 1]
        count = self._counts[p - 1][i - 1]
        lines = [cell_description(cell), f"{count or 'No'} risk{'s' if count != 1 else ''}"]
        if count and numbers:
            more = len(numbers) - _MAX_TOOLTIP_NUMBERS
            shown = ", ".join(numbers[:_MAX_TOOLTIP_NUMBERS])
            lines.append(shown + (f" and {more} more" if more > 0 else ""))
        action = "clear the filter" if cell == self._selected else "show only these risks"
        lines.append(f"Click to {action}")
        return "\n".join(lines)

    # -- sizes -----------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        widest = max(self.fontMetrics().horizontalAdvance(t) for t in IMPACT_LABELS.values())
        return self._size_for_cell(max(64, widest + 12), 52)

    def minimumSizeHint(self) -> QSize:
        return self._size_for_cell(44, 36)

    def _size_for_cell(self, width: int, height: int) -> QSize:
        left, top, right, bottom = self._margins()
        return QSize(left + right + width * _N, top + bottom + height * _N)

    def _margins(self) -> tuple[int, int, int, int]:
        fm = self.fontMetrics()
        bold = QFontMetrics(self._bold_font())
        label_w = max(
            bold.horizontalAdvance(f"{p}") + 6 + fm.horizontalAdvance(PROBABILITY_LABELS[p])
            for p in SCALE
        )
        left = fm.height() + 10 + label_w + 8  # rotated axis title, labels, gap
        bottom = 6 + bold.height() + fm.height() + 6 + fm.height() + 4
        return left, 6, 6, bottom

    def _grid_rect(self) -> QRect:
        left, top, right, bottom = self._margins()
        avail_w = max(0, self.width() - left - right)
        avail_h = max(0, self.height() - top - bottom)
        # Cells may be wider than tall (room for the impact names), never the reverse,
        # and never so wide that the map looks stretched.
        ch = max(1, avail_h // _N)
        cw = max(1, min(avail_w // _N, int(ch * 1.8)))
        ch = min(ch, cw)
        # Centre the grid across, keep it at the top (the axis labels stay close).
        return QRect(left + (avail_w - cw * _N) // 2, top, cw * _N, ch * _N)

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        count_font = self._bold_font()
        count_font.setPointSizeF(self.font().pointSizeF() * 1.35)
        painter.setFont(count_font)
        for p in SCALE:
            for i in SCALE:
                rect, fill = self.cell_rect((p, i)), self._fill_of((p, i))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRoundedRect(rect, 4, 4)
                ink = _text_on(fill)
                count = self._counts[p - 1][i - 1]
                if count == 0:
                    ink.setAlphaF(0.45)
                painter.setPen(ink)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        self._paint_axes(painter, self.palette().color(QPalette.ColorRole.WindowText))
        self._paint_marks(painter, self.palette())
        painter.end()

    def _paint_axes(self, painter: QPainter, text: QColor) -> None:
        grid = self._grid_rect()
        cw, ch = grid.width() / _N, grid.height() / _N
        fm = self.fontMetrics()
        bold = self._bold_font()
        bold_fm = QFontMetrics(bold)
        painter.setPen(text)
        # Probability labels, right-aligned to the left of each row: "5  Almost certain".
        for p in SCALE:
            row_top = grid.top() + (_N - p) * ch
            right = grid.left() - 8
            name = PROBABILITY_LABELS[p]
            name_w = fm.horizontalAdvance(name)
            y = int(row_top + (ch + fm.ascent() - fm.descent()) / 2)
            painter.setFont(self.font())
            painter.drawText(right - name_w, y, name)
            painter.setFont(bold)
            num = str(p)
            painter.drawText(right - name_w - 6 - bold_fm.horizontalAdvance(num), y, num)
        # Impact labels under each column: the number, then the name (elided to fit).
        for i in SCALE:
            col = QRect(int(grid.left() + (i - 1) * cw), grid.bottom() + 6, int(cw), 0)
            painter.setFont(bold)
            painter.drawText(
                QRect(col.left(), col.top(), col.width(), bold_fm.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                str(i),
            )
            painter.setFont(self.font())
            name = fm.elidedText(IMPACT_LABELS[i], Qt.TextElideMode.ElideRight, col.width())
            painter.drawText(
                QRect(col.left(), col.top() + bold_fm.height(), col.width(), fm.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                name,
            )
        # Axis titles.
        painter.setFont(bold)
        title_top = grid.bottom() + 6 + bold_fm.height() + fm.height() + 6
        painter.drawText(
            QRect(grid.left(), title_top, grid.width(), bold_fm.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            "Impact →",
        )
        painter.save()
        painter.translate(4, grid.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRect(-grid.height() // 2, 0, grid.height(), bold_fm.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            "Probability →",
        )
        painter.restore()

    def _paint_marks(self, painter: QPainter, pal: QPalette) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._hover is not None and self._hover != self._selected:
            hover = QColor(pal.color(QPalette.ColorRole.WindowText))
            hover.setAlphaF(0.35)
            painter.setPen(QPen(hover, 1.5))
            painter.drawRoundedRect(self.cell_rect(self._hover).adjusted(1, 1, -1, -1), 4, 4)
        if self._selected is not None:
            rect = self.cell_rect(self._selected)
            # A thick highlight ring just outside the cell, with a base-coloured ring
            # inside it, so that it reads on any of the three fills.
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 3.5))
            painter.drawRoundedRect(QRectF(rect).adjusted(-1.5, -1.5, 1.5, 1.5), 5, 5)
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1.5))
            painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 3, 3)
        if self.hasFocus():
            rect = self.cell_rect(self._focus_cell).adjusted(5, 5, -5, -5)
            pen = QPen(_text_on(self._fill_of(self._focus_cell)), 1.2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRoundedRect(rect, 2, 2)

    def _fill_of(self, cell: Cell) -> QColor:
        pal = self.palette()
        fill = _TONES[risk_level(risk_score(*cell))][1 if is_dark(pal) else 0]
        if self._counts[cell[0] - 1][cell[1] - 1] == 0:  # empty cells recede
            fill = _blend(fill, pal.color(QPalette.ColorRole.Window), 0.55)
        return fill

    # -- interaction -----------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton or cell is None:
            super().mousePressEvent(event)
            return
        self._focus_cell = cell
        self._toggle(cell)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell != self._hover:
            self._hover = cell
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if cell else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        p, i = self._focus_cell
        key = event.key()
        moves = {
            Qt.Key.Key_Up: (1, 0),
            Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
        }
        if key in moves:
            dp, di = moves[key]
            self._focus_cell = (min(_N, max(1, p + dp)), min(_N, max(1, i + di)))
            self._update_accessible_description()
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._toggle(self._focus_cell)
        elif key == Qt.Key.Key_Escape and self._selected is not None:
            self._toggle(self._selected)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()  # show or hide the focused cell's dashed frame
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(cell), self)
            return True
        return super().event(event)

    def _toggle(self, cell: Cell) -> None:
        self._selected = None if cell == self._selected else cell
        self._update_accessible_description()
        self.update()
        self.cell_clicked.emit(self._selected)

    def _update_accessible_description(self) -> None:
        p, i = self._focus_cell
        state = "selected" if self._focus_cell == self._selected else "not selected"
        self.setAccessibleDescription(
            f"{cell_description(self._focus_cell)}; {self._counts[p - 1][i - 1]} risks; {state}"
        )

    @staticmethod
    def _check(cell: Cell) -> None:
        p, i = cell
        if p not in SCALE or i not in SCALE:
            raise ValueError(f"no cell at probability {p}, impact {i}")
