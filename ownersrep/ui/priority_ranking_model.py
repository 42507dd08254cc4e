"""The ranked list of projects: position, score and what is still missing (read only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ownersrep.domain.health.scoring import Ranked
from ownersrep.services.health_types import PriorityItem
from ownersrep.ui.roles import ID_ROLE, SORT_ROLE

COL_POSITION, COL_PROJECT, COL_SCORE, COL_MISSING = range(4)
HEADERS = ("#", "Project", "Score", "Not rated on")
Index = QModelIndex | QPersistentModelIndex


class PriorityRankingModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Ranked[PriorityItem]] = []

    def set_rows(self, rows: Sequence[Ranked[PriorityItem]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Ranked[PriorityItem]:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ranked = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return ranked.item.project_id
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            sort = role == SORT_ROLE
            if col == COL_POSITION:
                return ranked.position if sort else str(ranked.position or "—")
            if col == COL_PROJECT:
                return ranked.item.name
            if col == COL_SCORE:
                if sort:
                    return ranked.score
                return "—" if ranked.score is None else str(ranked.score)
            return ", ".join(ranked.item.missing)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_POSITION, COL_SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
