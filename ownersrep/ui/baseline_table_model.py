"""The baselines of one project (name, when saved, tasks, which one is compared), for
the Baselines dialog."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ownersrep.services.baseline_types import BaselineRef
from ownersrep.ui.id_row_table_model import IdRowTableModel
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

COMPARED_TEXT = "✓ Compared"
IMPORTED_TEXT = "From imported file"


class BaselineTableModel(IdRowTableModel[BaselineRef]):
    """Read-only rows of `BaselineRef` in the service's order (by number, then name).
    The compared baseline is marked in its own column and shown in bold."""

    COL_NAME = 0
    COL_SAVED = 1
    COL_TASKS = 2
    COL_COMPARED = 3
    HEADERS = ("Name", "Saved", "Tasks", "Comparison")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)

    # -- public API ------------------------------------------------------------------
    def set_baselines(self, baselines: Sequence[BaselineRef]) -> None:
        self.replace_rows(baselines)

    def baseline_at(self, row: int) -> BaselineRef | None:
        return self.row_at(row)

    def compared(self) -> BaselineRef | None:
        return next((b for b in self._rows if b.compared), None)

    # -- Qt overrides ----------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(b, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(b, col)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if b.compared else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_TASKS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return self._sort_key(b, col)
        if role == ID_ROLE:
            return b.id
        if role == DTO_ROLE:
            return b
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # -- cells -----------------------------------------------------------------------
    def _text(self, b: BaselineRef, col: int) -> str:
        if col == self.COL_NAME:
            return b.name
        if col == self.COL_SAVED:
            return IMPORTED_TEXT if b.saved_at is None else f"{b.saved_at:%d %b %Y %H:%M}"
        if col == self.COL_TASKS:
            return f"{b.task_count:,}"
        return COMPARED_TEXT if b.compared else ""

    def _tooltip(self, b: BaselineRef, col: int) -> str:
        if col == self.COL_SAVED and b.saved_at is None:
            return f"Came with the imported schedule file (its baseline {b.number})"
        if col == self.COL_COMPARED and b.compared:
            return "The schedule shows each task's finish variance against this baseline"
        return self._text(b, col)

    def _sort_key(self, b: BaselineRef, col: int) -> Any:
        if col == self.COL_NAME:
            return b.name.casefold()
        if col == self.COL_SAVED:
            return "" if b.saved_at is None else b.saved_at.isoformat()
        if col == self.COL_TASKS:
            return b.task_count
        return int(b.compared)
