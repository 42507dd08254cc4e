"""The prioritisation ratings: one row per project, one column per criterion (1–5) and
its weighted score. Editing a rating asks for the change (`rating_requested`); the
dialog runs the undo command and the model shows the stored result when told."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ownersrep.domain.health.scoring import Criterion
from ownersrep.services.health_types import PriorityItem
from ownersrep.ui.roles import ID_ROLE, SORT_ROLE

COL_PROJECT = 0
Index = QModelIndex | QPersistentModelIndex
_MISSING = QColor(200, 40, 40)


def header_text(criterion: Criterion) -> str:
    return f"{criterion.label}\n{criterion.weight} %"


def header_tip(criterion: Criterion) -> str:
    sense = (
        "a high rating lowers the score (5 = very risky or resource-hungry)"
        if criterion.inverted
        else "a high rating raises the score"
    )
    return f"{criterion.label}: weight {criterion.weight} %, rated 1 to 5; {sense}"


class PriorityRatingModel(QAbstractTableModel):
    rating_requested = Signal(int, str, object)  # project id, criterion key, 1–5 or None

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._criteria: tuple[Criterion, ...] = ()
        self._items: list[PriorityItem] = []
        self._scores: dict[int, Decimal | None] = {}

    # -- data --------------------------------------------------------------------------
    def set_data(
        self,
        criteria: Sequence[Criterion],
        items: Sequence[PriorityItem],
        scores: Mapping[int, Decimal | None],
    ) -> None:
        self.beginResetModel()
        self._criteria = tuple(criteria)
        self._items = list(items)
        self._scores = dict(scores)
        self.endResetModel()

    def item_at(self, row: int) -> PriorityItem:
        return self._items[row]

    def criterion_at(self, column: int) -> Criterion | None:
        if 1 <= column <= len(self._criteria):
            return self._criteria[column - 1]
        return None

    def score_column(self) -> int:
        return len(self._criteria) + 1

    # -- Qt overrides ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._criteria) + 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        criterion = self.criterion_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == COL_PROJECT:
                return "Project"
            return header_text(criterion) if criterion else "Score"
        if role == Qt.ItemDataRole.ToolTipRole:
            if criterion is not None:
                return header_tip(criterion)
            if section == self.score_column():
                return "Weighted score 0–100 (all 1s score 0, all 5s score 100)"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        col = index.column()
        criterion = self.criterion_at(col)
        if role == ID_ROLE:
            return item.project_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SORT_ROLE):
            if col == COL_PROJECT:
                return item.name
            if criterion is not None:
                rating = item.ratings.get(criterion.key)
                if role == Qt.ItemDataRole.EditRole:
                    return rating if rating is not None else 0  # 0: not rated
                if role == SORT_ROLE:
                    return rating
                return "" if rating is None else str(rating)
            score = self._scores.get(item.project_id)
            if role == SORT_ROLE:
                return score
            return "—" if score is None else str(score)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != COL_PROJECT:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if criterion is not None and criterion.key not in item.ratings:
                return f"{item.name}: not rated on {criterion.label} yet"
            if col == self.score_column() and item.missing:
                return "No score until every criterion is rated: " + ", ".join(item.missing)
        unrated = criterion is not None and criterion.key not in item.ratings
        if role == Qt.ItemDataRole.BackgroundRole and unrated:
            return QBrush(QColor(_MISSING.red(), _MISSING.green(), _MISSING.blue(), 28))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if self.criterion_at(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the new rating (1–5; 0, None or "" clears); the model stays as it is."""
        criterion = self.criterion_at(index.column()) if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or criterion is None:
            return False
        item = self._items[index.row()]
        if isinstance(value, bool):
            return False
        if value is None or value == 0 or (isinstance(value, str) and not value.strip()):
            new: int | str | None = None  # cleared
        elif isinstance(value, int):
            new = value
        else:
            new = str(value).strip()  # the service says what is wrong with "six"
        if new == item.ratings.get(criterion.key):
            return False
        self.rating_requested.emit(item.project_id, criterion.key, new)
        return True
