"""Cell editors of the schedule table: a date with a calendar popup, a whole number in a
spin box (duration, percent) and a party combo. Each hands the model a plain Python
value (date | None, int, party id | None); the model turns it into an edit request."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ownersrep.services.party_service import PartyRef
from ownersrep.ui.dates import DATE_FORMAT

Index = QModelIndex | QPersistentModelIndex
EDIT = Qt.ItemDataRole.EditRole

# The date editor shows this, its minimum, as "no date": choosing it clears the cell.
NO_DATE = QDate(1900, 1, 1)
MAX_DATE = QDate(2199, 12, 31)


class DateDelegate(QStyledItemDelegate):
    """A QDateEdit with a calendar popup, in the views' "21 Nov 2026" format. An empty
    cell opens on `fallback_column`'s date (finish opens on the start), else on `today()`
    (the workspace's clock, so that tests can fix it)."""

    def __init__(
        self,
        fallback_column: int | None = None,
        today: Callable[[], date] = date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fallback_column = fallback_column
        self._today = today

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat(DATE_FORMAT)
        editor.setDateRange(NO_DATE, MAX_DATE)
        editor.setSpecialValueText("(no date)")
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(EDIT)
        if not (isinstance(value, QDate) and value.isValid()) and self._fallback_column is not None:
            value = index.siblingAtColumn(self._fallback_column).data(EDIT)
        if not (isinstance(value, QDate) and value.isValid()):
            value = QDate(self._today())
        editor.setDate(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        editor.interpretText()
        chosen = editor.date()
        model.setData(index, None if chosen == NO_DATE else chosen.toPython(), EDIT)


class SpinBoxDelegate(QStyledItemDelegate):
    """A whole number between `minimum` and `maximum`, with an optional suffix."""

    def __init__(self, minimum: int, maximum: int, suffix: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self._range = (minimum, maximum)
        self._suffix = suffix

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(*self._range)
        editor.setSuffix(self._suffix)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QSpinBox)
        value = index.data(EDIT)
        editor.setValue(value if isinstance(value, int) else 0)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), EDIT)


class PartyDelegate(QStyledItemDelegate):
    """A combo of the workspace's parties, plus "(none)". `parties` is asked each time an
    editor opens, so the list is always the current one."""

    NONE_TEXT = "(none)"

    def __init__(self, parties: Callable[[], Sequence[PartyRef]], parent: Any = None) -> None:
        super().__init__(parent)
        self._parties = parties

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        editor.addItem(self.NONE_TEXT, None)
        for party in self._parties():
            editor.addItem(party.name, party.id)
        editor.setMaxVisibleItems(20)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        party_id = index.data(EDIT)
        at = editor.findData(party_id) if party_id is not None else 0
        editor.setCurrentIndex(max(at, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), EDIT)
