"""The columns of the schedule table: their widths, their cell editors, and the header
menu that shows or hides them (WBS and Name always stay)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QStyledItemDelegate, QTreeView, QWidget

from ownersrep.services.party_service import PartyRef
from ownersrep.ui.task_delegates import DateDelegate, PartyDelegate, SpinBoxDelegate
from ownersrep.ui.task_tree_model import TaskTreeModel

M = TaskTreeModel

COLUMN_WIDTHS = {
    M.COL_WBS: 64,
    M.COL_NAME: 330,
    M.COL_KIND: 84,
    M.COL_START: 104,
    M.COL_DURATION: 92,
    M.COL_FINISH: 104,
    M.COL_PERCENT: 92,
    M.COL_PREDECESSORS: 110,
    M.COL_RESPONSIBLE: 150,
    M.COL_FLOAT: 96,
    M.COL_VARIANCE: 96,
    M.COL_BASELINE_FINISH: 104,
    M.COL_ACTUAL_START: 104,
    M.COL_ACTUAL_FINISH: 104,
    M.COL_CONSTRAINT: 200,
}


def set_up_columns(
    view: QTreeView,
    today: Callable[[], date],
    parties: Callable[[], list[PartyRef]],
    parent: QWidget,
) -> tuple[QStyledItemDelegate, ...]:
    """Size the columns and give the editable ones their editors. Returns the delegates:
    the view does not own them, so the caller keeps them."""
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionsMovable(False)
    for col, width in COLUMN_WIDTHS.items():
        header.resizeSection(col, width)
    header.setSectionResizeMode(M.COL_NAME, QHeaderView.ResizeMode.Interactive)
    delegates = (
        DateDelegate(None, today, parent),
        DateDelegate(M.COL_START, today, parent),
        SpinBoxDelegate(0, 9999, "", parent),
        SpinBoxDelegate(0, 100, "%", parent),
        PartyDelegate(parties, parent),
    )
    for col, delegate in zip(
        (M.COL_START, M.COL_FINISH, M.COL_DURATION, M.COL_PERCENT, M.COL_RESPONSIBLE),
        delegates,
        strict=True,
    ):
        view.setItemDelegateForColumn(col, delegate)
    for col in (M.COL_ACTUAL_START, M.COL_ACTUAL_FINISH):
        view.setItemDelegateForColumn(col, delegates[0])
    return delegates


def hide_default_columns(view: QTreeView) -> None:
    """Hide the columns a new table does not show; the header's menu shows them."""
    header = view.header()
    for col in M.HIDDEN_BY_DEFAULT:
        header.setSectionHidden(col, True)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)


def show_column_menu(view: QTreeView, pos: QPoint, parent: QWidget) -> None:
    """Show or hide columns (WBS and Name always stay); `pos` is in header coordinates."""
    header = view.header()
    menu = QMenu(parent)
    for col, title in enumerate(M.HEADERS):
        if col in (M.COL_WBS, M.COL_NAME):
            continue
        action = menu.addAction(title)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(col))
        action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
    menu.exec(header.mapToGlobal(pos))
