"""The base of the cost ledger's tables: rows of records, optional group rows and a
totals row, money right-aligned with format_money, sorting in Python.

Items are records (ROW), group headers with their subtotals (GROUP) and the totals row
(TOTAL). Sorting reorders the records between group and totals rows only, so a group
keeps its lines and the totals stay at the bottom. A refresh that keeps the same items
in the same order updates the changed rows in place (`dataChanged`), else the model is
reset. Subclasses give the columns (HEADERS, MONEY, ...) and `value(item, column)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette

from ownersrep.domain.money import format_money
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, KIND_ROLE, SORT_ROLE

ROW, GROUP, TOTAL = "row", "group", "total"
BAD_INK = QColor("#c62828")
WARN_INK = QColor("#a35200")

Index = QModelIndex | QPersistentModelIndex
_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    SORT_ROLE,
    DTO_ROLE,
]


@dataclass(frozen=True)
class CostItem:
    """One table row: a record (`key` its id), a group (its name) or the totals."""

    kind: str
    key: Hashable
    obj: Any


def format_value(value: Any, money: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_money(value) if money else f"{value:.1f} %"
    if isinstance(value, date):
        return value.strftime("%d %b %Y")
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    return str(value)


def number_key(number: str) -> tuple[str, int, str]:
    """CO-9 before CO-10 before CO-100."""
    match = re.match(r"^(.*?)(\d+)$", number)
    if match is None:
        return (number, 0, number)
    return (match.group(1), int(match.group(2)), number)


def _sort_key(value: Any) -> tuple[int, Any]:
    """Empty cells last in ascending order; text without regard to case."""
    if value is None or value == "":
        return (1, 0)
    if isinstance(value, str):
        return (0, value.casefold())
    if isinstance(value, Enum):
        return (0, str(value.value))
    return (0, value)


class CostTableModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()
    TIPS: ClassVar[dict[int, str]] = {}
    MONEY: frozenset[int] = frozenset()
    PERCENT: frozenset[int] = frozenset()
    NUMBERS: frozenset[int] = frozenset()  # right-aligned, not money
    NEGATIVE_IS_BAD: frozenset[int] = frozenset()  # shown in red below zero

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[CostItem] = []
        self._currency = ""
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- for subclasses ------------------------------------------------------------------
    def value(self, item: CostItem, column: int) -> Any:
        raise NotImplementedError

    def sort_value(self, item: CostItem, column: int) -> Any:
        return self.value(item, column)

    def tooltip(self, item: CostItem, column: int) -> str | None:
        value = self.value(item, column)
        if column in self.MONEY and isinstance(value, Decimal):
            title = self.HEADERS[column].replace("\n", " ")
            return f"{title}: {format_money(value, self._currency)}"
        return None

    def foreground(self, item: CostItem, column: int) -> QColor | None:
        value = self.value(item, column)
        if column in self.NEGATIVE_IS_BAD and isinstance(value, Decimal) and value < 0:
            return BAD_INK
        return None

    def set_items(self, items: Sequence[CostItem]) -> None:
        """Show these items (in their natural order, then sorted as the view asks)."""
        new = self._sorted(list(items))
        if [(i.kind, i.key) for i in new] == [(i.kind, i.key) for i in self._items]:
            changed = [n for n, (a, b) in enumerate(zip(self._items, new, strict=True)) if a != b]
            self._items = new
            last = self.columnCount() - 1
            for row in changed:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last), _ROLES)
            return
        self.beginResetModel()
        self._items = new
        self.endResetModel()

    # -- public --------------------------------------------------------------------------
    def set_currency(self, currency: str) -> None:
        self._currency = currency

    def currency(self) -> str:
        return self._currency

    def items(self) -> list[CostItem]:
        return list(self._items)

    def records(self) -> list[Any]:
        """The records shown, in the order shown (no group or totals rows)."""
        return [i.obj for i in self._items if i.kind == ROW]

    def item_at(self, row: int) -> CostItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_at(self, row: int) -> Any:
        """The record shown in this row, or None for a group or totals row."""
        item = self.item_at(row)
        return item.obj if item is not None and item.kind == ROW else None

    def row_of_id(self, row_id: int) -> int | None:
        return next(
            (n for n, i in enumerate(self._items) if i.kind == ROW and i.key == row_id), None
        )

    def total_row(self) -> int | None:
        return next((n for n, i in enumerate(self._items) if i.kind == TOTAL), None)

    def display(self, row: int, column: int) -> str:
        return str(self.data(self.index(row, column)) or "")

    # -- Qt overrides --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._items[index.row()].kind == ROW:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.TIPS.get(section, "")
            unit = (
                f"Amounts in {self._currency}." if section in self.MONEY and self._currency else ""
            )
            return " ".join(t for t in (tip, unit) if t) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return format_value(self.value(item, column), column in self.MONEY)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self.foreground(item, column)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and item.kind != ROW:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and item.kind != ROW:
            return _band_brush()
        if role == ID_ROLE:
            return item.key if item.kind == ROW else None
        if role == KIND_ROLE:
            return item.kind
        if role == SORT_ROLE:
            return _sort_key(self.sort_value(item, column))
        if role == DTO_ROLE:
            return item.obj
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._sort_order = order
        if not self._items:
            return
        self.layoutAboutToBeChanged.emit()
        keys = [
            (self._items[i.row()].kind, self._items[i.row()].key)
            for i in self.persistentIndexList()
        ]
        old = self.persistentIndexList()
        self._items = self._sorted(self._items)
        row_of = {(i.kind, i.key): n for n, i in enumerate(self._items)}
        for index, key in zip(old, keys, strict=True):
            self.changePersistentIndex(index, self.index(row_of[key], index.column()))
        self.layoutChanged.emit()

    # -- internals -----------------------------------------------------------------------
    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        if column in self.MONEY or column in self.NUMBERS or column in self.PERCENT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def _sorted(self, items: list[CostItem]) -> list[CostItem]:
        """Sort the records between group and totals rows (stable: ties keep order)."""
        column = self._sort_column
        if not 0 <= column < len(self.HEADERS):
            return items
        key: Callable[[CostItem], Any] = lambda i: _sort_key(self.sort_value(i, column))  # noqa: E731
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        out: list[CostItem] = []
        run: list[CostItem] = []
        for item in items:
            if item.kind == ROW:
                run.append(item)
                continue
            out.extend(sorted(run, key=key, reverse=reverse))
            run = []
            out.append(item)
        out.extend(sorted(run, key=key, reverse=reverse))
        return out


def _band_brush() -> QBrush:
    """Group and totals rows: a band a shade off the base, in light and dark palettes."""
    palette = QGuiApplication.palette()
    base = palette.color(QPalette.ColorRole.AlternateBase)
    return QBrush(base.darker(108) if base.lightness() > 128 else base.lighter(130))
