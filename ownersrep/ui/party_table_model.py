"""The list of parties (name, role) on the left of the Parties dialog."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ownersrep.services.party_service import PartyRef
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


class PartyTableModel(QAbstractTableModel):
    """Read-only rows of `PartyRef`, in the order given (the service sorts by name).
    Editing happens in the dialog's form, through undo commands."""

    COL_NAME = 0
    COL_ROLE = 1
    HEADERS = ("Name", "Role")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PartyRef] = []

    # -- public API ------------------------------------------------------------------
    def set_parties(self, parties: Sequence[PartyRef]) -> None:
        """Show these rows. Same rows with new values update in place; a new order of
        the same rows is a layout change (selection survives); else a reset."""
        new = list(parties)
        old_ids = [p.id for p in self._rows]
        new_ids = [p.id for p in new]
        if old_ids == new_ids:
            changed = [r for r, (a, b) in enumerate(zip(self._rows, new, strict=True)) if a != b]
            self._rows = new
            for row in changed:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        elif sorted(old_ids) == sorted(new_ids):
            self.layoutAboutToBeChanged.emit()
            persistent = self.persistentIndexList()
            kept = [(i, self._rows[i.row()].id) for i in persistent]
            self._rows = new
            row_of = {p.id: r for r, p in enumerate(new)}
            for index, pid in kept:
                self.changePersistentIndex(index, self.index(row_of[pid], index.column()))
            self.layoutChanged.emit()
        else:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()

    def party_at(self, row: int) -> PartyRef | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, party_id: int) -> int:
        """The row showing this party, or -1."""
        return next((r for r, p in enumerate(self._rows) if p.id == party_id), -1)

    def names(self) -> set[str]:
        return {p.name for p in self._rows}

    # -- Qt overrides ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        party = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return party.name if col == self.COL_NAME else party.role.label
        if role == SORT_ROLE:
            return party.name.casefold() if col == self.COL_NAME else party.role.value
        if role == ID_ROLE:
            return party.id
        if role == DTO_ROLE:
            return party
        return None

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

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
