"""A flat table of DTO rows that have an `id`, refreshed without losing the selection.

Shared by the small list models (parties, contacts): subclasses give HEADERS and
`data()`; this class keeps the rows and replaces them in the least disruptive way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class HasId(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=HasId)


class IdRowTableModel(QAbstractTableModel, Generic[R]):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def replace_rows(self, rows: Sequence[R]) -> None:
        """Show these rows: in place if they are the same rows, a layout change if only
        their order changed (selection and open editors survive), else a reset."""
        new = list(rows)
        old_ids = [r.id for r in self._rows]
        new_ids = [r.id for r in new]
        if old_ids == new_ids:
            changed = [i for i, (a, b) in enumerate(zip(self._rows, new, strict=True)) if a != b]
            self._rows = new
            last = len(self.HEADERS) - 1
            for row in changed:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        elif sorted(old_ids) == sorted(new_ids):
            self.layoutAboutToBeChanged.emit()
            kept = [(i, self._rows[i.row()].id) for i in self.persistentIndexList()]
            self._rows = new
            row_of = {r.id: n for n, r in enumerate(new)}
            for index, rid in kept:
                self.changePersistentIndex(index, self.index(row_of[rid], index.column()))
            self.layoutChanged.emit()
        else:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int:
        """The row showing this id, or -1."""
        return next((n for n, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None
