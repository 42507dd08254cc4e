"""The WBS of one project as an editable tree: WBS, name, kind, dates, duration, percent,
predecessors and responsible party.

The model never writes. `setData` emits `edit_requested(task_id, field, value)`; the
schedule tab turns it into an undo command, and the change comes back through the bus
as fresh rows (`set_rows`), or, after a reschedule, as just the rows that changed
(`patch_rows`). Rows whose shape is unchanged are updated in place, so open editors,
selection and expansion survive ordinary edits.

Sorting (`sort`, called by the view's header) reorders the children of every parent and
keeps the tree's shape: a task stays under its summary, WBS ascending is tree order. The
chosen sort survives reloads, patches and the filter. Internal ids of the indexes are
task ids; the filter keeps the matching rows and their ancestors (for context). What
each cell shows lives in task_tree_cells, the tree arithmetic in task_tree_shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ownersrep.domain.enums import TaskKind
from ownersrep.services.task_service import TaskRow
from ownersrep.ui import task_tree_cells as cells
from ownersrep.ui import task_tree_shape as shapes
from ownersrep.ui.task_tree_cells import milestone_icon

# A row's fields as one tuple, built in C: comparing two rows' tuples is what the
# dataclass's __eq__ does, several times faster (a drag compares thousands of rows).
_row_values = attrgetter(*(f.name for f in fields(TaskRow)))

__all__ = ["TaskTreeModel", "milestone_icon"]  # the icon: for the toolbar

Index = QModelIndex | QPersistentModelIndex
ItemFlag = Qt.ItemFlag
_TOP = QModelIndex()  # the default parent (read-only)
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ASCENDING = Qt.SortOrder.AscendingOrder
_BASE, _EDITABLE = ItemFlag.ItemIsEnabled | ItemFlag.ItemIsSelectable, ItemFlag.ItemIsEditable
_LEAF = ItemFlag.ItemNeverHasChildren
# (editable, leaf) → flags, made once: enum arithmetic is slow in Python.
FLAGS = {
    (False, False): _BASE,
    (True, False): _BASE | _EDITABLE,
    (False, True): _BASE | _LEAF,
    (True, True): _BASE | _EDITABLE | _LEAF,
}


class TaskTreeModel(QAbstractItemModel):
    COL_WBS = 0
    COL_NAME = 1
    COL_KIND = 2
    COL_START = 3
    COL_DURATION = 4
    COL_FINISH = 5
    COL_PERCENT = 6
    COL_PREDECESSORS = 7
    COL_RESPONSIBLE = 8
    COL_FLOAT = 9
    COL_VARIANCE = 10
    COL_BASELINE_FINISH = 11
    COL_ACTUAL_START = 12
    COL_ACTUAL_FINISH = 13
    COL_CONSTRAINT = 14
    HEADERS = (
        "WBS",
        "Name",
        "Kind",
        "Start",
        "Duration (d)",
        "Finish",
        "% complete",
        "Predecessors",
        "Responsible",
        "Total float (d)",
        "Finish var. (d)",
        "Baseline finish",
        "Actual start",
        "Actual finish",
        "Constraint",
    )
    # What each column shows, edits and sorts by (see task_tree_cells).
    CELLS = cells.COLUMN_CELLS
    # Shown until the user chooses otherwise from the header's menu.
    HIDDEN_BY_DEFAULT = frozenset(
        {COL_KIND, COL_BASELINE_FINISH, COL_ACTUAL_START, COL_ACTUAL_FINISH, COL_CONSTRAINT}
    )
    # The service field each editable column writes ("predecessors" is its own command).
    FIELDS: ClassVar[dict[int, str]] = {
        COL_NAME: "name",
        COL_START: "start",
        COL_DURATION: "duration_days",
        COL_FINISH: "finish",
        COL_PERCENT: "percent_complete",
        COL_PREDECESSORS: "predecessors",
        COL_RESPONSIBLE: "responsible_id",
        COL_ACTUAL_START: "actual_start",
        COL_ACTUAL_FINISH: "actual_finish",
    }
    ROLLED_UP_COLUMNS = frozenset(
        {COL_START, COL_DURATION, COL_FINISH, COL_PERCENT, COL_ACTUAL_START, COL_ACTUAL_FINISH}
    )
    NUMBER_COLUMNS = frozenset({COL_DURATION, COL_PERCENT, COL_FLOAT, COL_VARIANCE})
    DATE_COLUMNS = frozenset({COL_START, COL_FINISH, COL_ACTUAL_START, COL_ACTUAL_FINISH})

    edit_requested = Signal(int, str, object)  # task id, field, new value

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[TaskRow] = []  # every task, tree order
        self._at: dict[int, int] = {}  # task id → place in _all
        self._rows: dict[int, TaskRow] = {}  # the shown tasks
        self._shape: shapes.Children = {None: []}  # shown children, tree order
        self._children: shapes.Children = {None: []}  # shown children, shown (sorted) order
        self._parent: dict[int, int | None] = {}
        self._position: dict[int, int] = {}  # row number among the shown siblings
        self._filter = ""
        self._sort_column = self.COL_WBS
        self._sort_order = ASCENDING

    # -- public ------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[TaskRow]) -> bool:
        """Show these rows (tree order). Returns True if the model was reset (the shape
        changed), False if rows were updated in place (and re-sorted if need be)."""
        self._all = list(rows)
        self._at = {r.id: n for n, r in enumerate(self._all)}
        return self._rebuild()

    def patch_rows(self, rows: Iterable[TaskRow]) -> None:
        """Replace the rows of these tasks (a reschedule's result) without a reset. Ids
        the model does not hold are ignored; a patch may not move a task to another
        parent (ValueError: use set_rows). Costs O(len(rows)) unless a sort other than
        WBS ascending is active and a row moves, which re-sorts with a layout change."""
        at, all_rows = self._at, self._all
        fresh = [(at[r.id], r) for r in rows if r.id in at]
        for n, r in fresh:
            if all_rows[n].parent_id != r.parent_id:
                raise ValueError(f"patch_rows cannot move task {r.id} to another parent")
        shown, changed, wbs_changed = self._rows, [], False
        for n, r in fresh:
            all_rows[n] = r
            old = shown.get(r.id)
            if old is not None and (  # what a reschedule changes first, then the rest
                old.total_float_days != r.total_float_days
                or old.start != r.start
                or old.finish != r.finish
                or _row_values(old) != _row_values(r)
            ):
                shown[r.id] = r
                changed.append(r.id)
                if not wbs_changed:  # `cells.wbs_cell_changed`, spelled out: thousands
                    wbs_changed = old.wbs != r.wbs or old.kind is not r.kind
        self._emit_changed(changed, wbs_changed)
        if changed and self.is_sorted():
            self._resort({self._parent[i] for i in changed})

    def sort(self, column: int, order: Qt.SortOrder = ASCENDING) -> None:
        """Order the children of every parent by this column (ties keep WBS order); the
        tree keeps its shape. WBS ascending (or column -1) is plain tree order."""
        if not 0 <= column < len(self.HEADERS):
            column, order = self.COL_WBS, ASCENDING
        self._sort_column, self._sort_order = column, Qt.SortOrder(order)
        self._resort(self._shape.keys())

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def is_sorted(self) -> bool:
        """True when the rows are shown in another order than the tree's."""
        return not (self._sort_column == self.COL_WBS and self._sort_order == ASCENDING)

    def set_filter(self, text: str) -> bool:
        """Keep rows whose name contains `text` or whose WBS is `text` or under it,
        with their ancestors. Returns True if the model was reset."""
        text = text.strip().casefold()
        if text == self._filter:
            return False
        self._filter = text
        return self._rebuild()

    def filter_text(self) -> str:
        return self._filter

    def row_for(self, task_id: int) -> TaskRow | None:
        return self._rows.get(task_id)

    def row_at(self, index: Index) -> TaskRow | None:
        """What DTO_ROLE gives, without a trip through Qt (the chart reads every row)."""
        return self._rows.get(index.internalId()) if index.isValid() else None

    def ancestor_ids(self, task_id: int) -> list[int]:
        """The shown parents of a task, nearest first."""
        chain: list[int] = []
        parent = self._parent.get(task_id)
        while parent is not None:
            chain.append(parent)
            parent = self._parent.get(parent)
        return chain

    def task_id(self, index: Index) -> int | None:
        return index.internalId() if index.isValid() else None

    def index_of(self, task_id: int, column: int = 0) -> QModelIndex:
        if task_id not in self._rows:
            return QModelIndex()
        return self.createIndex(self._position[task_id], column, task_id)

    def total_count(self) -> int:
        """How many tasks the project has, shown or filtered out."""
        return len(self._all)

    def visible_ids(self) -> list[int]:
        """Ids of the rows shown, in the shown (sorted) order, parents before children."""
        return shapes.preorder(self._children)

    def tree_ids(self) -> list[int]:
        """Ids of the rows shown, in tree (WBS) order whatever the sort."""
        return [r.id for r in self._all if r.id in self._rows]

    def parent_ids(self) -> list[int]:
        """Ids of the shown rows that have shown children."""
        return [k for k, v in self._children.items() if k is not None and v]

    # -- Qt overrides: shape -----------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _TOP) -> QModelIndex:
        # No hasIndex(): views call this per row, and it costs two more Python calls.
        if parent.isValid():
            kids = self._children.get(parent.internalId()) if parent.column() == 0 else None
        else:
            kids = self._children[None]
        if not kids or not 0 <= row < len(kids) or not 0 <= column < len(self.HEADERS):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: Index = _TOP) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent_id = self._parent.get(index.internalId())
        if parent_id is None:
            return QModelIndex()
        return self.createIndex(self._position[parent_id], 0, parent_id)

    def rowCount(self, parent: Index = _TOP) -> int:
        if parent.column() > 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else None, ()))

    def columnCount(self, parent: Index = _TOP) -> int:
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMBER_COLUMNS:
            return ALIGN_RIGHT
        return None

    # -- Qt overrides: data ------------------------------------------------------------
    def data(self, index: Index, role: int = cells.DISPLAY_ROLE) -> Any:
        row = self._rows.get(index.internalId()) if index.isValid() else None
        if row is None:
            return None
        if role == cells.DTO_ROLE:  # first: the chart reads it for every shown row
            return row
        col = index.column()
        if role == cells.DISPLAY_ROLE:
            return cells.DISPLAY[self.CELLS[col]](row)
        if role == cells.ALIGN_ROLE:
            return ALIGN_RIGHT if col in self.NUMBER_COLUMNS else None
        rolled = row.rolled_up and col in self.ROLLED_UP_COLUMNS
        return cells.role_data(row, self.CELLS[col], role, rolled)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return ItemFlag.NoItemFlags
        task_id = index.internalId()
        # A leaf says so: expandAll() then stores only the parents as expanded (else a
        # persistent index per row, which every sort has to move).
        leaf = task_id not in self._children
        col = index.column()
        if col not in self.FIELDS:  # the tree's layout asks column 0 of every row
            return FLAGS[False, leaf]
        row = self._rows.get(task_id)
        return FLAGS[row is not None and self._editable(row, col), leaf]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the change (see the module doc); the model itself stays as it is."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows.get(index.internalId())
        col = index.column()
        if row is None or not self._editable(row, col):
            return False
        cell = self.CELLS[col]
        new = cells.to_field_value(cell, value)
        if new == cells.to_field_value(cell, cells.edit_value(row, cell)):
            return False
        self.edit_requested.emit(row.id, self.FIELDS[col], new)
        return True

    # -- helpers -----------------------------------------------------------------------
    def _rebuild(self) -> bool:
        rows = self._all
        if self._filter:
            keep = shapes.matching_ids(rows, self._filter)
            rows = [r for r in rows if r.id in keep]
        shape, parent = shapes.tree_shape(rows)
        new_rows = {r.id: r for r in rows}
        if shape == self._shape:
            old = self._rows
            changed = [i for i, r in new_rows.items() if _row_values(old[i]) != _row_values(r)]
            self._rows = new_rows
            self._emit_changed(
                changed, any(cells.wbs_cell_changed(old[i], new_rows[i]) for i in changed)
            )
            if changed and self.is_sorted():
                self._resort({parent[i] for i in changed})
            return False
        children = shapes.sort_children(shape, self._sort_key(new_rows), self._descending())
        self.beginResetModel()
        self._rows, self._shape, self._children = new_rows, shape, children
        self._parent, self._position = parent, shapes.positions(children)
        self.endResetModel()
        return True

    def _emit_changed(self, ids: Sequence[int], wbs_changed: bool) -> None:
        """One dataChanged per parent over the span of its changed rows: a reschedule
        can touch thousands of rows, and a signal per row costs a view update each.
        The spans leave out the WBS column unless it changed: for a range that starts at
        column 0, QTreeView asks every row below it (children included) whether it has
        children, two Python calls a row."""
        if not ids:
            return
        first, last = (0 if wbs_changed else 1), len(self.HEADERS) - 1
        children = self._children
        for key, (lo, hi) in shapes.change_spans(ids, self._position, self._parent).items():
            kids = children[key]
            self.dataChanged.emit(
                self.createIndex(lo, first, kids[lo]), self.createIndex(hi, last, kids[hi])
            )

    def _resort(self, parents: Iterable[int | None]) -> bool:
        """Put the children of these parents in the chosen order; if any moved, one
        layout change with the persistent indexes (selection, current, expansion) moved
        along. Returns True if anything moved."""
        key, descending = self._sort_key(self._rows), self._descending()
        moved: shapes.Children = {}
        for p in parents:
            kids = shapes.ordered(self._shape[p], key, descending)
            if kids != self._children[p]:
                moved[p] = kids
        if not moved:
            return False
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        self._children.update(moved)
        position = self._position
        for kids in moved.values():
            position.update(zip(kids, range(len(kids)), strict=True))
        after = [
            self.createIndex(position[i.internalId()], i.column(), i.internalId())
            if i.isValid()
            else QModelIndex()
            for i in before
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
        return True

    def _sort_key(self, rows: dict[int, TaskRow]) -> shapes.Key | None:
        """Task id → the sort column's value; None for tree order (the WBS column)."""
        if self._sort_column == self.COL_WBS:
            return None
        value = cells.SORT_KEYS[self.CELLS[self._sort_column]]
        return lambda task_id: value(rows[task_id])

    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _editable(self, row: TaskRow, col: int) -> bool:
        if col not in self.FIELDS:
            return False
        if row.rolled_up and col in self.ROLLED_UP_COLUMNS:
            return False
        milestone = row.kind is TaskKind.MILESTONE
        return not (milestone and col in (self.COL_DURATION, self.COL_FINISH))
