"""The contacts of one party (name, title, e-mail, phone), edited inline.

The model never writes data itself: an edit is handed to the `commit` callable (the
dialog runs an undo command there); the new value arrives back through `set_contacts`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ownersrep.services.party_service import ContactDTO
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
CommitEdit = Callable[[int, Mapping[str, str]], bool]


class ContactTableModel(QAbstractTableModel):
    COL_NAME = 0
    COL_TITLE = 1
    COL_EMAIL = 2
    COL_PHONE = 3
    HEADERS = ("Name", "Title", "E-mail", "Phone")
    FIELDS = ("name", "title", "email", "phone")

    def __init__(self, commit: CommitEdit | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ContactDTO] = []
        self._commit = commit

    # -- public API ------------------------------------------------------------------
    def set_contacts(self, contacts: Sequence[ContactDTO]) -> None:
        """Show these rows: in place if the same rows, a layout change if only their
        order changed (selection and open editors survive), else a reset."""
        new = list(contacts)
        old_ids = [c.id for c in self._rows]
        new_ids = [c.id for c in new]
        if old_ids == new_ids:
            changed = [r for r, (a, b) in enumerate(zip(self._rows, new, strict=True)) if a != b]
            self._rows = new
            for row in changed:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        elif sorted(old_ids) == sorted(new_ids):
            self.layoutAboutToBeChanged.emit()
            kept = [(i, self._rows[i.row()].id) for i in self.persistentIndexList()]
            self._rows = new
            row_of = {c.id: r for r, c in enumerate(new)}
            for index, cid in kept:
                self.changePersistentIndex(index, self.index(row_of[cid], index.column()))
            self.layoutChanged.emit()
        else:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()

    def contact_at(self, row: int) -> ContactDTO | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, contact_id: int) -> int:
        return next((r for r, c in enumerate(self._rows) if c.id == contact_id), -1)

    # -- Qt overrides ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self._rows[index.row()]
        value = getattr(contact, self.FIELDS[index.column()])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return value or None
        if role == SORT_ROLE:
            return value.casefold()
        if role == ID_ROLE:
            return contact.id
        if role == DTO_ROLE:
            return contact
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._commit is None:
            return False
        contact = self._rows[index.row()]
        field = self.FIELDS[index.column()]
        text = "" if value is None else str(value)
        if text.strip() == getattr(contact, field):
            return False
        return self._commit(contact.id, {field: text})

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
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self._commit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags
