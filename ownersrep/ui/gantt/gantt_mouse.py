"""The pointer on the Gantt chart: hit tests, drags, the cursor and tooltips.

A press on a bar selects its row in the tree and starts a `DragMachine` gesture (move,
change the finish, or draw a link to another bar); the release ends in the chart's
`move_requested`, `finish_requested` or `link_requested`. A double click on a bar emits
`task_activated`. The chart's Qt event handlers hand their events here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QToolTip, QTreeView

from ownersrep.domain.enums import TaskKind
from ownersrep.ui.gantt.gantt_drag import DragMachine, DragResult, Gesture
from ownersrep.ui.gantt.gantt_state import ChartState
from ownersrep.ui.gantt.layout import BarGeometry, Hit, bar_geometry, hit_test, row_at, tooltip_text
from ownersrep.ui.gantt.tree_rows import TreeRows

if TYPE_CHECKING:
    from ownersrep.ui.gantt.gantt_chart import GanttChart


class GanttMouse:
    def __init__(
        self,
        chart: GanttChart,
        tree: QTreeView,
        rows: TreeRows,
        state: ChartState,
        drag: DragMachine,
    ) -> None:
        self._chart = chart
        self._tree = tree
        self._rows = rows
        self._state = state
        self._drag = drag
        self._editable = True
        self.tooltip: Callable[[int], str] | None = None  # task id → tooltip text

    def set_editable(self, on: bool) -> None:
        self._editable = on
        if not on:
            self._drag.cancel()
            self._chart.viewport().unsetCursor()

    # -- events (viewport coordinates) -------------------------------------------------
    def press(self, pos: QPointF) -> None:
        """The left button went down."""
        row, bar, hit = self.hit_at(pos.x(), pos.y())
        self._select_row_at(pos.y())
        if row is not None and bar is not None and hit is not Hit.NONE and self._editable:
            dto = self._state.rows[row]
            self._drag.press(
                dto.id,
                dto.kind,
                hit,
                pos.x(),
                pos.y(),
                dto.start,
                dto.finish,
                self._chart.scale(),
                self._state.row_height,
            )

    def move(self, pos: QPointF, buttons: Qt.MouseButton) -> None:
        if self._drag.pressed and buttons & Qt.MouseButton.LeftButton:
            row, _bar, hit = self.hit_at(pos.x(), pos.y())
            target = self._state.rows[row].id if row is not None and hit is not Hit.NONE else None
            self._drag.move(pos.x(), pos.y(), target)
            self._chart.viewport().update()
            return
        self._update_cursor(pos.x(), pos.y())

    def release(self) -> None:
        """The left button went up."""
        was_dragging = self._drag.dragging
        result = self._drag.release()
        if was_dragging:
            self._chart.viewport().update()
        if result is not None:
            self._emit(result)

    def double_click(self, pos: QPointF) -> None:
        row, _bar, hit = self.hit_at(pos.x(), pos.y())
        if row is not None and hit is not Hit.NONE:
            self._chart.task_activated.emit(self._state.rows[row].id)

    def cancel(self) -> bool:
        """Escape: drop the gesture under way, if any (True when there was one)."""
        if not self._drag.pressed:
            return False
        self._drag.cancel()
        self._chart.viewport().update()
        return True

    def show_tooltip(self, event: QEvent) -> None:
        pos = event.pos()  # type: ignore[attr-defined]
        row, _bar, hit = self.hit_at(pos.x(), pos.y())
        if row is None or hit is Hit.NONE:
            QToolTip.hideText()
            return
        dto = self._state.rows[row]
        text = self.tooltip(dto.id) if self.tooltip is not None else tooltip_text(dto)
        QToolTip.showText(event.globalPos(), text, self._chart.viewport())  # type: ignore[attr-defined]

    # -- hit tests ---------------------------------------------------------------------
    def bar(self, row: int) -> BarGeometry | None:
        """The bar of visible row `row`, in viewport coordinates."""
        state, chart = self._state, self._chart
        top = chart.y_offset() + row * state.row_height
        return bar_geometry(
            state.rows[row],
            chart.scale(),
            chart.x_offset(),
            top,
            state.row_height,
            state.show_baseline,
        )

    def hit_at(self, x: float, y: float) -> tuple[int | None, BarGeometry | None, Hit]:
        self._rows.ensure()
        state = self._state
        row = row_at(y, self._chart.y_offset(), state.row_height, len(state.rows))
        if row is None:
            return None, None, Hit.NONE
        bar = self.bar(row)
        return row, bar, hit_test(bar, x, y) if bar is not None else Hit.NONE

    # -- helpers -----------------------------------------------------------------------
    def _select_row_at(self, y: float) -> None:
        index = self._rows.index_at(y)
        selection = self._tree.selectionModel()
        if index.isValid() and selection is not None:
            flags = selection.SelectionFlag
            selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)

    def _update_cursor(self, x: float, y: float) -> None:
        row, _bar, hit = self.hit_at(x, y)
        movable = (
            self._editable
            and row is not None
            and self._state.rows[row].kind is not (TaskKind.SUMMARY)
        )
        viewport = self._chart.viewport()
        if movable and hit is Hit.END:
            viewport.setCursor(Qt.CursorShape.SizeHorCursor)
        elif movable and hit is Hit.BODY:
            viewport.setCursor(Qt.CursorShape.SizeAllCursor)
        else:
            viewport.unsetCursor()

    def _emit(self, result: DragResult) -> None:
        chart = self._chart
        if result.gesture is Gesture.MOVE:
            chart.move_requested.emit(result.task_id, result.start)
        elif result.gesture is Gesture.RESIZE:
            chart.finish_requested.emit(result.task_id, result.finish)
        elif result.gesture is Gesture.LINK and result.target_id is not None:
            chart.link_requested.emit(result.task_id, result.target_id)
