"""The risk register table: one row per risk, filtered and sorted in Python.

Filtering (status, text, heat-map cell) and sorting run on plain RiskRow tuples with
`sorted` and keys, then reset or re-lay the model: far faster than a proxy model on big
registers. A refresh that leaves the same rows in the same order updates them in place
(`dataChanged`); one that only reorders them keeps the selection (`layoutChanged`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from ownersrep.domain.enums import RiskStatus
from ownersrep.domain.risk_rules import IMPACT_LABELS, PROBABILITY_LABELS
from ownersrep.services.risk_service import RiskRow
from ownersrep.ui.risk_heat_map import (
    Cell,
    level_swatch,
)
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, OVERDUE_ROLE, SORT_ROLE

(
    COL_NUMBER,
    COL_TITLE,
    COL_CATEGORY,
    COL_PROBABILITY,
    COL_IMPACT,
    COL_SCORE,
    COL_RESPONSE,
    COL_OWNER,
    COL_STATUS,
    COL_REVIEW,
) = range(10)

HEADERS = (
    "Number",
    "Title",
    "Category",
    "P",
    "I",
    "Score",
    "Response",
    "Owner",
    "Status",
    "Review",
)
HEADER_TIPS = {
    COL_PROBABILITY: "Probability: 1 Rare … 5 Almost certain",
    COL_IMPACT: "Impact: 1 Negligible … 5 Severe",
    COL_SCORE: "Probability × impact: low 1–4, medium 5–12, high 15–25",
    COL_REVIEW: "Next review date; overdue reviews of risks not closed are marked",
}
ACTIVE_STATUSES = frozenset({RiskStatus.OPEN, RiskStatus.MONITORING, RiskStatus.OCCURRED})
ALL_STATUSES = frozenset(RiskStatus)
# The status filter's choices, default first.
STATUS_CHOICES: tuple[tuple[str, frozenset[RiskStatus]], ...] = (
    ("Not closed", ACTIVE_STATUSES),
    ("All statuses", ALL_STATUSES),
    *((s.label, frozenset({s})) for s in RiskStatus),
)
# Typical widest content per column, for the view's starting widths (Title stretches).
COLUMN_SAMPLES = {
    COL_NUMBER: "RSK-0000",
    COL_CATEGORY: "Organisational",
    COL_PROBABILITY: "P 5",
    COL_IMPACT: "I 5",
    COL_SCORE: "■ 25 Medium",
    COL_RESPONSE: "Mitigate  ",
    COL_OWNER: "Northbridge Consulting",
    COL_STATUS: "Monitoring",
    COL_REVIEW: "▲▲ 21 Nov 2026",  # room for the overdue icon
}
_CENTRED = {COL_PROBABILITY, COL_IMPACT}
_OVERDUE_INK = QColor("#c62828")
_STATUS_ORDER = {s: n for n, s in enumerate(RiskStatus)}
_ROW_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    SORT_ROLE,
    DTO_ROLE,
    OVERDUE_ROLE,
]

Index = QModelIndex | QPersistentModelIndex


def number_key(number: str) -> tuple[str, int, str]:
    """RSK-9 before RSK-10 before RSK-100."""
    match = re.match(r"^(.*?)(\d+)$", number)
    if match is None:
        return (number, 0, number)
    return (match.group(1), int(match.group(2)), number)


def _warning_icon() -> QIcon | None:
    """The style's warning sign (None without a widget application, e.g. headless)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    return app.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def status_filter_caption(statuses: frozenset[RiskStatus]) -> str:
    """ "not closed", "of any status" or "open or monitoring", after "12 risks"."""
    if statuses == ACTIVE_STATUSES:
        return "not closed"
    if statuses == ALL_STATUSES:
        return "of any status"
    return " or ".join(s.label.lower() for s in RiskStatus if s in statuses)


def format_date(value: date | None) -> str:
    return "" if value is None else value.strftime("%d %b %Y")


_SORT_KEYS: dict[int, Callable[[RiskRow], Any]] = {
    COL_NUMBER: lambda r: number_key(r.number),
    COL_TITLE: lambda r: r.title.casefold(),
    COL_CATEGORY: lambda r: r.category.label,
    COL_PROBABILITY: lambda r: r.probability,
    COL_IMPACT: lambda r: r.impact,
    COL_SCORE: lambda r: (r.score, r.probability),
    COL_RESPONSE: lambda r: r.response.label,
    COL_OWNER: lambda r: (r.owner_name == "", r.owner_name.casefold()),
    COL_STATUS: lambda r: _STATUS_ORDER[r.status],
    COL_REVIEW: lambda r: (r.review_on is None, r.review_on or date.min),
}


class RiskTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[RiskRow] = []
        self._rows: list[RiskRow] = []
        self._statuses: frozenset[RiskStatus] = ACTIVE_STATUSES
        self._search = ""
        self._cell: Cell | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- public API ------------------------------------------------------------------
    def set_rows(self, rows: Iterable[RiskRow]) -> None:
        """Replace the data (after a reload); filters and sort order stay."""
        self._all = list(rows)
        self._refilter()

    def set_filter(self, statuses: Iterable[RiskStatus], search: str) -> None:
        """Status filter and text search at once (one refilter)."""
        self._statuses = frozenset(statuses)
        self._search = search.strip().casefold()
        self._refilter()

    def set_status_filter(self, statuses: Iterable[RiskStatus]) -> None:
        self._statuses = frozenset(statuses)
        self._refilter()

    def set_search(self, text: str) -> None:
        self._search = text.strip().casefold()
        self._refilter()

    def set_cell_filter(self, cell: Cell | None) -> None:
        self._cell = cell
        self._refilter()

    def status_filter(self) -> frozenset[RiskStatus]:
        return self._statuses

    def cell_filter(self) -> Cell | None:
        return self._cell

    def all_rows(self) -> list[RiskRow]:
        return list(self._all)

    def population(self) -> list[RiskRow]:
        """The rows that pass the status filter alone (what the heat map counts)."""
        return [r for r in self._all if r.status in self._statuses]

    def row_at(self, row: int) -> RiskRow:
        return self._rows[row]

    def row_of_id(self, risk_id: int) -> int | None:
        for n, r in enumerate(self._rows):
            if r.id == risk_id:
                return n
        return None

    # -- Qt overrides ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _CENTRED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == ID_ROLE:
            return r.id
        if role == SORT_ROLE:
            return self._sort_value(r, col)
        if role == DTO_ROLE:
            return r
        if role == OVERDUE_ROLE:
            return r.review_overdue
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _CENTRED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_SCORE:
            return level_swatch(r.level)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_REVIEW and r.review_overdue:
            return _warning_icon()
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_REVIEW and r.review_overdue:
            return f"{format_date(r.review_on)}, review overdue"
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_REVIEW and r.review_overdue:
                return _OVERDUE_INK
            if r.status is RiskStatus.CLOSED:
                return QGuiApplication.palette().color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
        if role == Qt.ItemDataRole.FontRole and col == COL_REVIEW and r.review_overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column if column in _SORT_KEYS else -1
        self._sort_order = order
        self._relayout(self._sorted(self._rows))

    # -- display ---------------------------------------------------------------------
    @staticmethod
    def _display(r: RiskRow, col: int) -> str:
        if col == COL_NUMBER:
            return r.number
        if col == COL_TITLE:
            return r.title
        if col == COL_CATEGORY:
            return r.category.label
        if col == COL_PROBABILITY:
            return str(r.probability)
        if col == COL_IMPACT:
            return str(r.impact)
        if col == COL_SCORE:
            return f"{r.score} {r.level.value.capitalize()}"
        if col == COL_RESPONSE:
            return r.response.label
        if col == COL_OWNER:
            return r.owner_name
        if col == COL_STATUS:
            return r.status.label
        if col == COL_REVIEW:
            return format_date(r.review_on)
        return ""

    @staticmethod
    def _tooltip(r: RiskRow, col: int) -> str | None:
        if col == COL_TITLE:
            return r.title
        if col == COL_PROBABILITY:
            return f"Probability {r.probability}: {PROBABILITY_LABELS[r.probability]}"
        if col == COL_IMPACT:
            return f"Impact {r.impact}: {IMPACT_LABELS[r.impact]}"
        if col == COL_SCORE:
            return f"{r.level.value.capitalize()} risk: {r.probability} × {r.impact} = {r.score}"
        if col == COL_REVIEW and r.review_overdue:
            return f"Review was due on {format_date(r.review_on)}"
        return None

    @staticmethod
    def _sort_value(r: RiskRow, col: int) -> Any:
        if col == COL_NUMBER:
            return number_key(r.number)[1]
        if col == COL_REVIEW:
            return r.review_on.isoformat() if r.review_on else ""
        if col == COL_SCORE:
            return r.score
        if col in (COL_PROBABILITY, COL_IMPACT):
            return r.probability if col == COL_PROBABILITY else r.impact
        if col == COL_STATUS:
            return _STATUS_ORDER[r.status]
        return RiskTableModel._display(r, col).casefold()

    # -- filtering and ordering ------------------------------------------------------
    def _matches(self, r: RiskRow) -> bool:
        if r.status not in self._statuses:
            return False
        if self._cell is not None and (r.probability, r.impact) != self._cell:
            return False
        if self._search:
            hay = " ".join(
                (r.number, r.title, r.owner_name, r.category.label, r.response.label)
            ).casefold()
            return all(word in hay for word in self._search.split())
        return True

    def _sorted(self, rows: list[RiskRow]) -> list[RiskRow]:
        # Number order first, so that ties of any other key stay in number order.
        base = sorted(rows, key=_SORT_KEYS[COL_NUMBER])
        if self._sort_column < 0:
            return base
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(base, key=_SORT_KEYS[self._sort_column], reverse=descending)

    def _refilter(self) -> None:
        self._relayout(self._sorted([r for r in self._all if self._matches(r)]))

    def _relayout(self, new: list[RiskRow]) -> None:
        old_ids = [r.id for r in self._rows]
        new_ids = [r.id for r in new]
        if old_ids == new_ids:
            changed = [n for n, (a, b) in enumerate(zip(self._rows, new, strict=True)) if a != b]
            self._rows = new
            for n in changed:
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(HEADERS) - 1), _ROW_ROLES)
            return
        if sorted(old_ids) != sorted(new_ids):
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        # Same rows, new order: move persistent indexes (the view's selection) along.
        self.layoutAboutToBeChanged.emit()
        where = {rid: n for n, rid in enumerate(new_ids)}
        old_persistent = self.persistentIndexList()
        new_persistent = [
            self.index(where[old_ids[ix.row()]], ix.column()) for ix in old_persistent
        ]
        old_rows = self._rows
        self._rows = new
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()
        by_id = {r.id: r for r in old_rows}
        for n, r in enumerate(new):
            if by_id[r.id] != r:
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(HEADERS) - 1), _ROW_ROLES)
