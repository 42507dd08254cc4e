"""The issue log as a flat table. Rows arrive filtered and sorted (see `issue_filter`);
the model only shows them. Sorting through the header sorts the rows in Python."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from ownersrep.domain.money import format_money
from ownersrep.services.issue_service import IssueRow
from ownersrep.ui.issue_filter import (
    COL_AGE,
    COL_ASSIGNED_TO,
    COL_COST,
    COL_DUE,
    COL_INTERNAL,
    COL_NUMBER,
    COL_PRIORITY,
    COL_RAISED,
    COL_SCHEDULE,
    COL_STATUS,
    COL_TITLE,
    COL_TYPE,
    COLUMN_COUNT,
    SortOrder,
    sort_rows,
)
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, OVERDUE_ROLE, SORT_ROLE

HEADERS = (
    "Number",
    "Type",
    "Title",
    "Priority",
    "Status",
    "Assigned to",
    "Raised",
    "Due",
    "Age (days)",
    "Cost impact",
    "Schedule impact (d)",
    "Internal",
)
#: Headers as the table shows them: the long ones on two lines, to keep columns narrow.
SHOWN_HEADERS = tuple(
    {
        "Assigned to": "Assigned\nto",
        "Age (days)": "Age\n(days)",
        "Cost impact": "Cost\nimpact",
        "Schedule impact (d)": "Schedule\nimpact (d)",
    }.get(h, h)
    for h in HEADERS
)
HEADER_TIPS = {
    COL_AGE: "Days open: to the closed date once closed, else to today",
    COL_SCHEDULE: "Schedule impact in calendar days (negative when time is saved)",
    COL_INTERNAL: "Internal records never appear in client reports",
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_NUMERIC = frozenset({COL_AGE, COL_COST, COL_SCHEDULE})
_Index = QModelIndex | QPersistentModelIndex


def _day(value: date | None) -> str:
    return "" if value is None else value.strftime("%d %b %Y")


def export_value(row: IssueRow, col: int) -> object:
    """A cell as plain data for export: dates, Decimals and ints stay typed."""
    if col == COL_NUMBER:
        return row.number
    if col == COL_TYPE:
        return row.issue_type.label
    if col == COL_TITLE:
        return row.title
    if col == COL_PRIORITY:
        return row.priority.label
    if col == COL_STATUS:
        return row.status.label
    if col == COL_ASSIGNED_TO:
        return row.assigned_to
    if col == COL_RAISED:
        return row.raised_on
    if col == COL_DUE:
        return row.due_on
    if col == COL_AGE:
        return row.age_days
    if col == COL_COST:
        return row.cost_impact
    if col == COL_SCHEDULE:
        return row.schedule_impact_days
    return "Yes" if row.internal else ""


def display_text(row: IssueRow, col: int) -> str:
    value = export_value(row, col)
    if value is None:
        return ""
    if isinstance(value, date):
        return _day(value)
    if isinstance(value, Decimal):
        return format_money(value)
    return str(value)


def _sort_value(row: IssueRow, col: int) -> Any:
    if col == COL_PRIORITY:
        return row.priority.rank
    if col == COL_STATUS:
        return list(type(row.status)).index(row.status)
    if col in (COL_RAISED, COL_DUE):
        value = export_value(row, col)
        return value.toordinal() if isinstance(value, date) else None
    if col == COL_COST:
        return None if row.cost_impact is None else float(row.cost_impact)
    if col == COL_INTERNAL:
        return row.internal
    return export_value(row, col)


_WARNING_ICON: QIcon | None = None


def _warning_icon() -> QIcon:
    """A small red disc with an exclamation mark, drawn once (no image file needed)."""
    global _WARNING_ICON
    if _WARNING_ICON is None:
        pix = QPixmap(32, 32)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#d32f2f"))
        p.drawEllipse(QRectF(2, 2, 28, 28))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(22)
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(QRectF(0, 0, 32, 32), Qt.AlignmentFlag.AlignCenter, "!")
        p.end()
        _WARNING_ICON = QIcon(pix)
    return _WARNING_ICON


_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_ID, _OVERDUE, _SORT, _DTO = (int(r) for r in (ID_ROLE, OVERDUE_ROLE, SORT_ROLE, DTO_ROLE))
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ALIGNMENTS = tuple(_RIGHT if c in _NUMERIC else _LEFT for c in range(COLUMN_COUNT))


class _Look:
    """Brushes and fonts for the marking, chosen for the palette in use when built (a
    translucent tint reads on light and dark palettes alike)."""

    def __init__(self) -> None:
        palette = QGuiApplication.palette()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        self.tint = QBrush(QColor(255, 70, 70, 44) if dark else QColor(220, 40, 40, 30))
        self.red = QBrush(QColor("#ff8a80") if dark else QColor("#c62828"))
        self.muted = palette.brush(QPalette.ColorRole.PlaceholderText)
        self.bold = QFont()
        self.bold.setBold(True)


class IssueTableModel(QAbstractTableModel):
    """Read-only rows of `IssueRow`. Edits go through undo commands, never `setData`.

    `data()` is called for every visible cell and role on each paint, so it compares
    plain ints and returns prebuilt brushes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[IssueRow] = []
        self._sort_column = COL_NUMBER
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._look: _Look | None = None

    # -- public API ------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[IssueRow]) -> None:
        """Show these rows, already filtered and sorted."""
        self.beginResetModel()
        self._rows = list(rows)
        self._look = None  # rebuilt on the next paint, for the palette then in use
        self.endResetModel()

    def rows(self) -> list[IssueRow]:
        """The rows in display order (a copy)."""
        return list(self._rows)

    def row_at(self, row: int) -> IssueRow:
        return self._rows[row]

    def row_of_id(self, issue_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == issue_id:
                return i
        return None

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> SortOrder:
        return SortOrder(self._sort_order.value)

    # -- Qt overrides ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return SHOWN_HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in _NUMERIC else _LEFT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        r = index.row()
        if r < 0 or r >= len(self._rows):
            return None
        row = self._rows[r]
        col = index.column()
        role = int(role)
        if role == _DISPLAY:
            return display_text(row, col)
        if role == _ALIGN:
            return _ALIGNMENTS[col]
        if role == _BACKGROUND:
            return self._style().tint if row.overdue else None
        if role == _FOREGROUND:
            if row.overdue and col == COL_DUE:
                return self._style().red
            return None if row.status.is_active else self._style().muted
        if col == COL_DUE and row.overdue:
            if role == _FONT:
                return self._style().bold
            if role == _DECORATION:
                return _warning_icon()
        if role == _TOOLTIP:
            return self._tooltip(row, col)
        if role == _ID:
            return row.id
        if role == _OVERDUE:
            return row.overdue
        if role == _SORT:
            return _sort_value(row, col)
        if role == _DTO:
            return row
        return None

    def _style(self) -> _Look:
        if self._look is None:
            self._look = _Look()
        return self._look

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the shown rows in Python, keeping persistent indexes (the selection)."""
        self._sort_column = column
        self._sort_order = order
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self._rows[i.row()].id for i in old_persistent]
        by_number = sort_rows(self._rows, COL_NUMBER)  # ties then keep number order
        self._rows = sort_rows(by_number, column, SortOrder(order.value))
        where = {r.id: i for i, r in enumerate(self._rows)}
        new_persistent = [
            self.index(where[iid], old.column())
            for iid, old in zip(old_ids, old_persistent, strict=True)
        ]
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _tooltip(row: IssueRow, col: int) -> str | None:
        if col == COL_DUE and row.overdue and row.due_on is not None:
            return f"Overdue: was due {_day(row.due_on)}"
        if col in (COL_TITLE, COL_NUMBER):
            return f"{row.number} · {row.title}"
        if col == COL_INTERNAL and row.internal:
            return "Internal: never shown in client reports"
        if col == COL_ASSIGNED_TO and row.raised_by:
            return f"Assigned to: {row.assigned_to or 'nobody'}\nRaised by: {row.raised_by}"
        return None


__all__ = [
    "COLUMN_COUNT",
    "COL_AGE",
    "COL_ASSIGNED_TO",
    "COL_COST",
    "COL_DUE",
    "COL_INTERNAL",
    "COL_NUMBER",
    "COL_PRIORITY",
    "COL_RAISED",
    "COL_SCHEDULE",
    "COL_STATUS",
    "COL_TITLE",
    "COL_TYPE",
    "HEADERS",
    "SHOWN_HEADERS",
    "IssueTableModel",
    "display_text",
    "export_value",
]
