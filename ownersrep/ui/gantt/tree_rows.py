"""The rows the tree shows, as the Gantt chart needs them.

Keeps, in a ChartState, the TaskRows of the tree's visible (expanded) rows in order, the
map task id → visible row number, the row height and the selected ids. The list is
rebuilt only when the visible rows change (model reset, rows inserted/removed/moved,
layout change, expand/collapse) by walking `indexBelow`, never on a paint; dataChanged
updates rows in place. The tree's model may be a proxy: only QAbstractItemModel API and
DTO_ROLE are used, except where the model offers faster look-ups (TaskTreeModel does):
`row_at(index)` reads a row five times faster than DTO_ROLE through Qt, and with
`row_for(task_id)` many changed rows (a reschedule patches thousands) are read again once
by id at the next `ensure()` instead of index by index.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPoint, Signal
from PySide6.QtWidgets import QTreeView

from ownersrep.services.task_service import TaskRow
from ownersrep.ui.gantt.gantt_state import ChartState
from ownersrep.ui.roles import DTO_ROLE

FEW_ROWS = 64  # more rows changed than this between two ensure()s: re-read all by id


class TreeRows(QObject):
    changed = Signal()  # something shown changed: repaint
    rebuilt = Signal()  # the visible rows were read again (the date range may differ)

    def __init__(self, tree: QTreeView, state: ChartState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tree = tree
        self._state = state
        self._dirty = True
        self._refresh = False  # the rows are the right ones, their values may be old
        self._patched = 0  # rows reported changed since the last ensure()
        self._model: QAbstractItemModel | None = None
        self._selection: QObject | None = None
        tree.expanded.connect(self._on_rows_changed)
        tree.collapsed.connect(self._on_rows_changed)
        tree.verticalScrollBar().valueChanged.connect(self._on_tree_scrolled)
        tree.verticalScrollBar().rangeChanged.connect(self._on_rows_changed)
        tree.viewport().installEventFilter(self)
        self._connect()

    # -- public ------------------------------------------------------------------------
    def ensure(self) -> None:
        """Read the visible rows again if they changed since the last time."""
        tree = self._tree
        if tree.model() is not self._model or tree.selectionModel() is not self._selection:
            self._connect()
        self._patched = 0
        if not self._dirty and not self._stale():
            if self._refresh:
                self._refresh_rows()
            return
        rows: list[TaskRow] = []
        model = tree.model()
        root = tree.rootIndex()
        if model is not None and model.rowCount(root) > 0:
            index = model.index(0, 0, root)
            below, row_at = tree.indexBelow, _row_reader(model)
            while index.isValid():
                rows.append(row_at(index))
                index = below(index)
        # Only now: the first indexBelow() runs the tree's pending layout (after a reset
        # and expand), whose new scroll range says "rows changed" (they are read here).
        self._dirty = self._refresh = False
        state = self._state
        state.rows = rows
        state.row_of = {r.id: n for n, r in enumerate(rows)}
        state.index_links()
        state.row_height = self._row_height()
        self._update_selected()
        self.rebuilt.emit()

    def mark_dirty(self) -> None:
        self._dirty = True

    def y_offset(self) -> float:
        """y of row 0's top in the tree's viewport (the chart's rows use the same y)."""
        first = self._tree.indexAt(QPoint(0, 0))
        rect = self._tree.visualRect(first)
        row = self._row_of_index(first)
        if row is None or not rect.isValid():
            return float(-self._tree.verticalScrollBar().value())
        return float(rect.top() - row * self._state.row_height)

    def index_at(self, y: float) -> QModelIndex:
        """The tree's index on the row at viewport y (the rows line up)."""
        return self._tree.indexAt(QPoint(1, round(y)))

    # -- Qt overrides ------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # expandAll() and friends send no signal: a repaint of the tree tells, and a
        # cheap look at its first row tells whether the rows changed.
        if event.type() == QEvent.Type.Paint and not self._dirty and self._stale():
            self._dirty = True
            self.changed.emit()
        return False

    # -- slots -------------------------------------------------------------------------
    def _on_rows_changed(self, *_args: object) -> None:
        self._dirty = True
        self.changed.emit()

    def _on_tree_scrolled(self, _value: int) -> None:
        self.changed.emit()

    def _on_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, *_roles: object
    ) -> None:
        model = top_left.model()
        self._patched += bottom_right.row() - top_left.row() + 1
        if self._dirty or self._refresh:
            pass  # all read again at the next ensure()
        elif self._patched > FEW_ROWS and hasattr(model, "row_for"):
            self._refresh = True
        else:
            parent, rows, row_of = top_left.parent(), self._state.rows, self._state.row_of
            row_at = _row_reader(model)
            for n in range(top_left.row(), bottom_right.row() + 1):
                dto = row_at(model.index(n, 0, parent))
                at = row_of.get(dto.id) if dto is not None else None
                if at is not None:
                    rows[at] = dto  # type: ignore[index]
        self.changed.emit()

    def _on_selection_changed(self, *_args: object) -> None:
        self._update_selected()
        self.changed.emit()

    # -- helpers -----------------------------------------------------------------------
    def _connect(self) -> None:
        model = self._tree.model()
        if model is not self._model:
            if self._model is not None:
                for signal in _shape_signals(self._model):
                    signal.disconnect(self._on_rows_changed)
                self._model.dataChanged.disconnect(self._on_data_changed)
            self._model = model
            if model is not None:
                for signal in _shape_signals(model):
                    signal.connect(self._on_rows_changed)
                model.dataChanged.connect(self._on_data_changed)
        selection = self._tree.selectionModel()
        if selection is not self._selection:
            if selection is not None:
                selection.selectionChanged.connect(self._on_selection_changed)
            self._selection = selection
        self._dirty = True

    def _stale(self) -> bool:
        """Does the tree's first visible row still sit where our rows put it?"""
        first = self._tree.indexAt(QPoint(0, 0))
        if not first.isValid():
            model = self._tree.model()
            return bool(self._state.rows) and (model is None or model.rowCount() == 0)
        row = self._row_of_index(first)
        if row is None:
            return True
        h = self._state.row_height
        rect = self._tree.visualRect(first)
        return rect.height() != h or rect.top() - row * h != -self._tree.verticalScrollBar().value()

    def _refresh_rows(self) -> None:
        """The rows again by id, from the model's own look-up (see the module doc)."""
        self._refresh = False
        row_for = self._model.row_for  # type: ignore[union-attr]
        self._state.rows = [row_for(r.id) or r for r in self._state.rows]

    def _row_height(self) -> int:
        model = self._tree.model()
        if self._state.rows and model is not None:
            index = model.index(0, 0, self._tree.rootIndex())
            height = self._tree.visualRect(index).height() or self._tree.sizeHintForRow(0)
            if height > 0:
                return height
        return max(18, self._tree.fontMetrics().height() + 8)

    def _row_of_index(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        dto = index.data(DTO_ROLE)
        return self._state.row_of.get(dto.id) if dto is not None else None

    def _update_selected(self) -> None:
        selection = self._tree.selectionModel()
        ids: set[int] = set()
        if selection is not None:
            for index in selection.selectedRows(0):
                dto = index.data(DTO_ROLE)
                if dto is not None:
                    ids.add(dto.id)
        self._state.selected = frozenset(ids)


def _row_reader(model: QAbstractItemModel) -> Callable[[QModelIndex], TaskRow | None]:
    """The model's own `row_at`, else DTO_ROLE (a proxy, say)."""
    row_at = getattr(model, "row_at", None)
    return row_at if callable(row_at) else lambda index: index.data(DTO_ROLE)


def _shape_signals(model: QAbstractItemModel) -> list:  # type: ignore[type-arg]
    return [
        model.modelReset,
        model.rowsInserted,
        model.rowsRemoved,
        model.rowsMoved,
        model.layoutChanged,
    ]
