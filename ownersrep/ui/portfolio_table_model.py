"""The portfolio page's table: one row per project with today's counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ownersrep.services.portfolio_summary import ProjectSummaryRow
from ownersrep.ui.roles import ID_ROLE, SORT_ROLE

COL_NAME, COL_PROGRAM, COL_KIND, COL_STATUS, COL_CLIENT = range(5)
COL_START, COL_FINISH, COL_STATUS_DATE, COL_TASKS = range(5, 9)
COL_OPEN_ISSUES, COL_OVERDUE, COL_OPEN_RISKS, COL_HIGH_RISKS = range(9, 13)

HEADERS = (
    "Project",
    "Program",
    "Kind",
    "Status",
    "Client",
    "Planned start",
    "Planned finish",
    "Status date",
    "Tasks",
    "Open issues",
    "Overdue",
    "Open risks",
    "High risks",
)
_NUMERIC = {COL_TASKS, COL_OPEN_ISSUES, COL_OVERDUE, COL_OPEN_RISKS, COL_HIGH_RISKS}
_WARN = QColor(200, 40, 40)

Index = QModelIndex | QPersistentModelIndex


class PortfolioTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ProjectSummaryRow] = []

    def set_rows(self, rows: list[ProjectSummaryRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> ProjectSummaryRow:
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
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            value = self._value(r, col)
            return value.isoformat() if hasattr(value, "isoformat") else value
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (
            (col == COL_OVERDUE and r.overdue_issues) or (col == COL_HIGH_RISKS and r.high_risks)
        ):
            return QBrush(_WARN)
        return None

    @staticmethod
    def _value(r: ProjectSummaryRow, col: int) -> Any:
        return (
            r.name,
            r.program,
            r.kind.label,
            r.status.label,
            r.client,
            r.planned_start,
            r.planned_finish,
            r.status_date,
            r.tasks,
            r.open_issues,
            r.overdue_issues,
            r.open_risks,
            r.high_risks,
        )[col]

    def _display(self, r: ProjectSummaryRow, col: int) -> str:
        value = self._value(r, col)
        if value is None:
            return ""
        if hasattr(value, "strftime"):
            return value.strftime("%d %b %Y")
        return f"{value:,}" if isinstance(value, int) else str(value)
