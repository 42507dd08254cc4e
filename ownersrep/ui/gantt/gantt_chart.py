"""The Gantt chart beside the task tree: a scroll area that paints only what is visible.

Rows come from the tree: the chart shows the rows the QTreeView shows (expanded ones,
in order) at the same y, reading each row's TaskRow through DTO_ROLE, so the model may
be the TaskTreeModel or a proxy of it. The tree's vertical scroll bar drives the chart
(its own is hidden; the wheel over the chart scrolls the tree); the horizontal bar
scrolls through time. The time-scale header sits in the chart's top margin, as a tree's
header does: give it the tree header's height with `header().set_header_height(...)`.

The chart never changes data: drags end in `move_requested`, `finish_requested` or
`link_requested`, which the Schedule tab turns into undo commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QTreeView,
    QWidget,
)

from ownersrep.services.task_tree import LinkRow
from ownersrep.ui.gantt.gantt_colors import GanttColors
from ownersrep.ui.gantt.gantt_drag import DragMachine
from ownersrep.ui.gantt.gantt_header import GanttHeader
from ownersrep.ui.gantt.gantt_mouse import GanttMouse
from ownersrep.ui.gantt.gantt_painter import GanttPainter
from ownersrep.ui.gantt.gantt_state import ChartState
from ownersrep.ui.gantt.layout import LABEL_MODES
from ownersrep.ui.gantt.timescale import (
    ZOOM_LEVELS,
    TimeScale,
    clamp_zoom,
    fit_px_per_day,
    zoom_step,
)
from ownersrep.ui.gantt.tree_rows import TreeRows

PAD_BEFORE = 7  # days shown before the project's start
PAD_AFTER = 28  # and after its finish (room for labels)


class GanttChart(QAbstractScrollArea):
    move_requested = Signal(int, object)  # task id, new start (datetime.date)
    finish_requested = Signal(int, object)  # task id, new finish (datetime.date)
    link_requested = Signal(int, int)  # predecessor id, successor id (a FS link)
    task_activated = Signal(int)  # double-click on a bar
    zoom_changed = Signal()

    def __init__(self, tree: QTreeView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gantt_chart")
        self._tree = tree
        # The scale's origin is re-anchored as soon as there are rows or a range.
        self._state = ChartState(scale=TimeScale(date.today(), ZOOM_LEVELS["week"]))
        self._range: tuple[date, date] | None = None  # set_project_range
        self._drag = DragMachine()
        self._colors = GanttColors.from_palette(self.palette())

        tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(tree.frameShape())
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._header = GanttHeader(self)
        self._header.height_changed.connect(self._on_header_height_changed)
        self._header.wheel_turned.connect(self.wheelEvent)
        self.setViewportMargins(0, self._header.header_height(), 0, 0)

        self.horizontalScrollBar().valueChanged.connect(self._on_hbar_value_changed)
        self._rows = TreeRows(tree, self._state, self)
        self._rows.changed.connect(self.viewport().update)
        self._rows.rebuilt.connect(self._update_origin)
        self._mouse = GanttMouse(self, tree, self._rows, self._state, self._drag)

    # -- public API --------------------------------------------------------------------
    def header(self) -> GanttHeader:
        """The time-scale header; it already sits above the chart's rows."""
        return self._header

    def set_links(self, links: Sequence[LinkRow]) -> None:
        self._state.links = list(links)
        self._state.index_links()
        self.viewport().update()

    def set_calendar(self, is_working_day: Callable[[date], bool]) -> None:
        self._state.is_working_day = is_working_day
        self._sync_header()
        self.viewport().update()

    def set_dates(self, today: date, status_date: date | None) -> None:
        self._state.today, self._state.status_date = today, status_date
        self.viewport().update()

    def set_project_range(self, start: date | None, finish: date | None) -> None:
        self._range = (start, finish or start) if start is not None else None
        self._update_origin()

    def set_show_critical(self, on: bool) -> None:
        self._state.show_critical = on
        self.viewport().update()

    def set_show_baseline(self, on: bool) -> None:
        self._state.show_baseline = on
        self.viewport().update()

    def set_labels(self, mode: str) -> None:
        if mode not in LABEL_MODES:
            raise ValueError(f"label mode must be one of {LABEL_MODES}, not {mode!r}")
        self._state.labels = mode
        self.viewport().update()

    def set_tooltip_provider(self, provider: Callable[[int], str]) -> None:
        self._mouse.tooltip = provider

    def set_editable(self, on: bool) -> None:
        self._mouse.set_editable(on)

    def zoom_in(self) -> None:
        self._zoom_to(zoom_step(self._ppd, 1))

    def zoom_out(self) -> None:
        self._zoom_to(zoom_step(self._ppd, -1))

    def set_zoom(self, level: str) -> None:
        if level not in ZOOM_LEVELS:
            raise ValueError(f"zoom level must be one of {tuple(ZOOM_LEVELS)}, not {level!r}")
        self._zoom_to(ZOOM_LEVELS[level])

    def zoom_level(self) -> str:
        """The named level the current zoom falls in ("day" … "quarter")."""
        return self.scale().level()

    def px_per_day(self) -> float:
        return self._state.scale.px_per_day

    @property
    def _ppd(self) -> float:
        return self._state.scale.px_per_day

    def fit_project(self) -> None:
        start, finish = self._data_range()
        days = (finish - start).days + 1 + 4  # two days of air on each side
        self._zoom_to(fit_px_per_day(days, max(100, self.viewport().width())), anchor=None)
        self.scroll_to_date(start - timedelta(days=2), margin=0)

    def scroll_to_date(self, day: date, margin: float | None = None) -> None:
        """Scroll so that `day` shows near the left edge."""
        pad = 2 * self._ppd if margin is None else margin
        self.horizontalScrollBar().setValue(round(self.scale().date_to_x(day) - pad))

    def visible_date_range(self) -> tuple[date, date]:
        scale, x = self.scale(), self.horizontalScrollBar().value()
        return scale.x_to_date(x), scale.x_to_date(x + max(1, self.viewport().width()) - 1)

    # -- for the export and tests ------------------------------------------------------
    def scale(self) -> TimeScale:
        return self._state.scale

    def chart_state(self) -> ChartState:
        self._rows.ensure()
        return self._state

    def colors(self) -> GanttColors:
        return self._colors

    def x_offset(self) -> int:
        return self.horizontalScrollBar().value()

    def y_offset(self) -> float:
        """y of row 0's top in the viewport (from the tree)."""
        self._rows.ensure()
        return self._rows.y_offset()

    def bar_rect(self, task_id: int) -> QRectF:
        """A task's bar in viewport coordinates (empty if hidden or without dates)."""
        self._rows.ensure()
        row = self._state.row_of.get(task_id)
        bar = self._mouse.bar(row) if row is not None else None
        return QRectF(bar.x0, bar.y0, bar.x1 - bar.x0, bar.y1 - bar.y0) if bar else QRectF()

    def drag(self) -> DragMachine:
        return self._drag

    # -- time axis ---------------------------------------------------------------------
    def _data_range(self) -> tuple[date, date]:
        if self._range is not None and self._range[0] is not None:
            return self._range  # type: ignore[return-value]
        starts = [r.start for r in self._state.rows if r.start is not None]
        finishes = [r.finish or r.start for r in self._state.rows if r.start is not None]
        if not starts:
            today = self._state.today or date.today()
            return today, today + timedelta(days=30)
        return min(starts), max(finishes)  # type: ignore[type-var]

    def _update_origin(self) -> None:
        """Re-anchor the axis on the data range; keep the date at the left edge."""
        left = self.scale().x_to_date(self.horizontalScrollBar().value())
        start, _finish = self._data_range()
        self._state.scale = TimeScale(start - timedelta(days=PAD_BEFORE), self._ppd)
        self._update_hbar()
        self.horizontalScrollBar().setValue(round(self.scale().date_to_x(left)))
        self._sync_header()
        self.viewport().update()

    def _update_hbar(self) -> None:
        _start, finish = self._data_range()
        days = (finish - self.scale().origin).days + 1 + PAD_AFTER
        total = round(days * self._ppd)
        bar, width = self.horizontalScrollBar(), self.viewport().width()
        bar.setRange(0, max(0, total - width))
        bar.setPageStep(max(1, width))
        bar.setSingleStep(max(1, round(self._ppd * (7 if self._ppd < 3 else 1))))

    def _zoom_to(self, ppd: float, anchor: float | None = None) -> None:
        """Change px per day keeping the date under viewport x `anchor` (default: the
        middle) in place."""
        ppd = clamp_zoom(ppd)
        if ppd == self._ppd:
            return
        ax = self.viewport().width() / 2 if anchor is None else anchor
        days = (self.horizontalScrollBar().value() + ax) / self._ppd
        self._state.scale = TimeScale(self.scale().origin, ppd)
        self._update_hbar()
        self.horizontalScrollBar().setValue(round(days * ppd - ax))
        self._sync_header()
        self.viewport().update()
        self.zoom_changed.emit()

    def _sync_header(self) -> None:
        self._header.set_view(self.scale(), self.x_offset(), self._state.is_working_day)

    # -- slots -------------------------------------------------------------------------
    def _on_hbar_value_changed(self, _value: int) -> None:
        self._sync_header()
        self.viewport().update()

    def _on_header_height_changed(self, height: int) -> None:
        self.setViewportMargins(0, height, 0, 0)
        self._place_header()

    # -- Qt overrides ------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_header()
        self._update_hbar()
        self._sync_header()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._colors = GanttColors.from_palette(self.palette())
            self.viewport().update()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._rows.ensure()
        painter = QPainter(self.viewport())
        drawer = GanttPainter(self._colors, self.font())
        vp = self.viewport()
        drawer.paint(
            painter, self._state, self.x_offset(), self.y_offset(), vp.width(), vp.height()
        )
        if self._drag.dragging:
            drawer.paint_drag(
                painter,
                self._drag,
                self._state,
                self.x_offset(),
                self.y_offset(),
                self.palette(),
                QRectF(vp.rect()),
            )
        painter.end()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120 or delta.x() / 120
            anchor = event.position().x()
            if event.position().y() < 0 or self.sender() is self._header:
                anchor = min(max(0.0, anchor), float(self.viewport().width()))
            self._zoom_to(zoom_step(self._ppd, steps), anchor)
            event.accept()
            return
        horizontal = delta.x() != 0 and delta.y() == 0
        if horizontal or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar()
            amount = delta.x() or delta.y()
            bar.setValue(bar.value() - round(amount / 120 * 3 * bar.singleStep()))
        else:
            self._tree.verticalScrollBar().event(event)  # scroll the tree: we follow
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self._mouse.show_tooltip(event)
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._mouse.press(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._mouse.move(event.position(), event.buttons())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        self._mouse.release()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._mouse.double_click(event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._mouse.cancel():
            event.accept()
            return
        super().keyPressEvent(event)

    # -- helpers -----------------------------------------------------------------------
    def _place_header(self) -> None:
        vg = self.viewport().geometry()
        h = self._header.header_height()
        self._header.setGeometry(vg.left(), vg.top() - h, vg.width(), h)
