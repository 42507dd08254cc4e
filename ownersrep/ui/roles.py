"""Custom item-data roles, shared by every model and view."""

from __future__ import annotations

from PySide6.QtCore import Qt

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's database id (int)
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts correctly (dates, numbers)
KIND_ROLE = Qt.ItemDataRole.UserRole + 3  # tree nodes: "portfolio", "program", "project", "task"
DTO_ROLE = Qt.ItemDataRole.UserRole + 4  # the whole row DTO (frozen dataclass)
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 5  # bool: an issue row is overdue
