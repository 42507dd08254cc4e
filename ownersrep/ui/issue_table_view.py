"""The issue log's table view: column widths, a header menu to show or hide columns,
the title column taking the room the others leave, and selection by issue id."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from ownersrep.services.issue_service import IssueRow
from ownersrep.ui.issue_table_model import (
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
    HEADERS,
    SHOWN_HEADERS,
    IssueTableModel,
)

_COLUMN_SAMPLES = {
    COL_NUMBER: "ISS-0000",
    COL_TYPE: "Action item",
    COL_PRIORITY: "Critical",
    COL_STATUS: "In progress",
    COL_ASSIGNED_TO: "Northbridge Constr",
    COL_RAISED: "28 Sep 2026",
    COL_DUE: "28 Sep 2026",
    COL_AGE: "0000",
    COL_COST: "1,250,000.00",
    COL_SCHEDULE: "000",
    COL_INTERNAL: "Yes",
}
#: Shown through the header's context menu: the number's prefix already tells the type,
#: and the age tells how long ago it was raised. They leave the room to the title.
HIDDEN_BY_DEFAULT = (COL_TYPE, COL_RAISED)
#: The title takes the room the other columns leave, but never less than this.
TITLE_MIN_WIDTH = 220
_ALWAYS_SHOWN = (COL_NUMBER, COL_TITLE)


class IssueTableView(QTableView):
    """Rows are selected whole (several at once); sorting calls the model's Python sort."""

    def __init__(self, model: IssueTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issue_table")
        self.setModel(model)
        self._model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setSortingEnabled(True)
        self.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        self._size_columns()
        header = self.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu)

    # -- columns ---------------------------------------------------------------------------
    def set_column_visible(self, column: int, visible: bool) -> None:
        """Show or hide a column (Number and Title always stay)."""
        if column in _ALWAYS_SHOWN:
            return
        self.horizontalHeader().setSectionHidden(column, not visible)
        self._fit_title()

    def visible_columns(self) -> list[int]:
        """The shown columns, in the order they appear on screen."""
        header = self.horizontalHeader()
        logical = (header.logicalIndex(v) for v in range(header.count()))
        return [c for c in logical if not header.isSectionHidden(c)]

    # -- selection -------------------------------------------------------------------------
    def selected_rows(self) -> list[IssueRow]:
        picked = self.selectionModel().selectedRows()
        return [self._model.row_at(i.row()) for i in sorted(picked, key=lambda i: i.row())]

    def current_row(self) -> IssueRow | None:
        """The row with the focus if it is selected, else the first selected row."""
        index = self.currentIndex()
        if index.isValid() and self.selectionModel().isRowSelected(index.row()):
            return self._model.row_at(index.row())
        rows = self.selected_rows()
        return rows[0] if rows else None

    def select_issues(self, issue_ids: Sequence[int], current: int | None = None) -> bool:
        """Select the rows of these ids that are shown; True if any was."""
        where = {r.id: i for i, r in enumerate(self._model.rows())}
        rows = [where[i] for i in issue_ids if i in where]
        selection = QItemSelection()
        for row in rows:
            selection.select(self._model.index(row, 0), self._model.index(row, COLUMN_COUNT - 1))
        sm = self.selectionModel()
        sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if rows:
            focus = where.get(current, rows[0]) if current is not None else rows[0]
            index = self._model.index(focus, COL_NUMBER)
            sm.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(index)
        return bool(rows)

    # -- Qt overrides ----------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_title()

    # -- internals -------------------------------------------------------------------------
    def _size_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        heading = header.fontMetrics()
        strong = QFont(self.font())
        strong.setBold(True)  # overdue dates are bold, with an icon before them
        for col, sample in _COLUMN_SAMPLES.items():
            metrics = QFontMetrics(strong) if col == COL_DUE else self.fontMetrics()
            title = max(heading.horizontalAdvance(line) for line in SHOWN_HEADERS[col].split("\n"))
            width = max(metrics.horizontalAdvance(sample), title)
            icon = self.iconSize().width() if self.iconSize().isValid() else 16
            self.setColumnWidth(col, width + 20 + (icon + 4 if col == COL_DUE else 0))
        self.setColumnWidth(COL_TITLE, TITLE_MIN_WIDTH)
        wide = self.fontMetrics().horizontalAdvance("Northbridge Construction Ltd") + 20
        narrow = self.columnWidth(COL_ASSIGNED_TO)
        self._assigned_widths = (narrow, max(narrow, wide))
        for col in HIDDEN_BY_DEFAULT:
            header.setSectionHidden(col, True)

    def _fit_title(self) -> None:
        """Give the title the room left over; past a comfortable title width, let the
        assignee column grow to show whole names first."""
        header = self.horizontalHeader()
        flexible = (COL_TITLE, COL_ASSIGNED_TO)
        fixed = sum(
            header.sectionSize(c)
            for c in range(COLUMN_COUNT)
            if c not in flexible and not header.isSectionHidden(c)
        )
        room = self.viewport().width() - fixed
        if not header.isSectionHidden(COL_ASSIGNED_TO):
            assigned = min(self._assigned_widths[1], max(self._assigned_widths[0], room - 420))
            header.resizeSection(COL_ASSIGNED_TO, assigned)
            room -= assigned
        header.resizeSection(COL_TITLE, max(TITLE_MIN_WIDTH, room))

    def _on_header_context_menu(self, pos: QPoint) -> None:
        header = self.horizontalHeader()
        menu = QMenu(self)
        for col in range(COLUMN_COUNT):
            if col in _ALWAYS_SHOWN:
                continue
            action = menu.addAction(HEADERS[col])
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(lambda on, c=col: self.set_column_visible(c, on))
        menu.exec(header.mapToGlobal(pos))
        menu.deleteLater()


__all__ = ["HIDDEN_BY_DEFAULT", "TITLE_MIN_WIDTH", "IssueTableView"]
