"""The contacts of one party (name, title, e-mail, phone), edited inline.

The model never writes data itself: an edit is handed to the `commit` callable (the
dialog runs an undo command there); the new value arrives back through `set_contacts`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ownersrep.services.party_service import ContactDTO
from ownersrep.ui.id_row_table_model import IdRowTableModel
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
CommitEdit = Callable[[int, Mapping[str, str]], bool]


class ContactTableModel(IdRowTableModel[ContactDTO]):
    COL_NAME = 0
    COL_TITLE = 1
    COL_EMAIL = 2
    COL_PHONE = 3
    HEADERS = ("Name", "Title", "E-mail", "Phone")
    FIELDS = ("name", "title", "email", "phone")

    def __init__(self, commit: CommitEdit | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._commit = commit

    # -- public API ------------------------------------------------------------------
    def set_contacts(self, contacts: Sequence[ContactDTO]) -> None:
        self.replace_rows(contacts)

    def contact_at(self, row: int) -> ContactDTO | None:
        return self.row_at(row)

    # -- Qt overrides ----------------------------------------------------------------
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
