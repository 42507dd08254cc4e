"""The list of parties (name, role) on the left of the Parties dialog."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ownersrep.services.party_service import PartyRef
from ownersrep.ui.id_row_table_model import IdRowTableModel
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


class PartyTableModel(IdRowTableModel[PartyRef]):
    """Read-only rows of `PartyRef`, in the order given (the service sorts by name).
    Editing happens in the dialog's form, through undo commands."""

    COL_NAME = 0
    COL_ROLE = 1
    HEADERS = ("Name", "Role")

    # -- public API ------------------------------------------------------------------
    def set_parties(self, parties: Sequence[PartyRef]) -> None:
        self.replace_rows(parties)

    def party_at(self, row: int) -> PartyRef | None:
        return self.row_at(row)

    def names(self) -> set[str]:
        return {p.name for p in self._rows}

    # -- Qt overrides ----------------------------------------------------------------
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

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
