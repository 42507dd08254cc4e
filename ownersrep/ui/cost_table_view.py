"""The table view every cost table uses: whole rows, one at a time, sorting by header
click (a third click returns to the ledger's own order), widths from sample text, group
rows whose name spans two columns, and Insert / Delete keys as requests."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTableView, QWidget

from ownersrep.ui.cost_table_model import CostTableModel


class CostTableView(QTableView):
    """Signals: `add_requested` (Insert), `delete_requested` (Delete), `edit_requested`
    (Enter or double-click on a record)."""

    add_requested = Signal()
    delete_requested = Signal()
    edit_requested = Signal()

    def __init__(
        self,
        model: CostTableModel,
        samples: Mapping[int, str],
        stretch: int | Sequence[int],
        parent: QWidget | None = None,
        hidden: Iterable[int] = (),
    ) -> None:
        super().__init__(parent)
        self._span_rows: Callable[[], list[int]] | None = None
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        header.setStretchLastSection(False)
        # Widths from sample text in bold (the totals row), or the header's longest line.
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            texts = [samples.get(column, ""), *title.split("\n")]
            header.resizeSection(column, max(map(metrics.horizontalAdvance, texts)) + 12)
        for column in hidden:
            header.hideSection(column)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu)
        self._stretch = [stretch] if isinstance(stretch, int) else list(stretch)
        self._stretch_base = {c: header.sectionSize(c) for c in self._stretch}
        self.setSortingEnabled(True)
        self.activated.connect(self._on_activated)
        self.installEventFilter(self)
        model.modelReset.connect(self._update_spans)
        model.layoutChanged.connect(self._update_spans)

    # -- public --------------------------------------------------------------------------
    def cost_model(self) -> CostTableModel:
        model = self.model()
        assert isinstance(model, CostTableModel)
        return model

    def span_rows_with(self, rows: Callable[[], list[int]]) -> None:
        """Rows whose first cell spans the first two columns (group names)."""
        self._span_rows = rows
        self._update_spans()

    def selected_record(self) -> Any:
        rows = self.selectionModel().selectedRows()
        return self.cost_model().row_at(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        record = self.selected_record()
        return None if record is None else int(record.id)

    def select_id(self, row_id: int | None) -> bool:
        row = None if row_id is None else self.cost_model().row_of_id(row_id)
        if row is None:
            return False
        index = self.cost_model().index(row, 0)
        self.selectRow(row)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def fill_width(self) -> None:
        """Give the spare width to the `stretch` column (the title or description; the
        first of them that is shown), never narrowing it below its starting width; a
        wide table scrolls instead."""
        header = self.horizontalHeader()
        shown = [c for c in self._stretch if not header.isSectionHidden(c)]
        if not shown:
            return
        target = shown[0]
        for column in shown[1:]:
            header.resizeSection(column, self._stretch_base[column])
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != target and not header.isSectionHidden(c)
        )
        spare = self.viewport().width() - others
        header.resizeSection(target, max(self._stretch_base[target], spare))

    # -- internals -----------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fill_width()

    def _update_spans(self) -> None:
        self.clearSpans()
        if self._span_rows is not None:
            for row in self._span_rows():
                self.setSpan(row, 0, 1, 2)

    def _on_header_context_menu(self, pos: QPoint) -> None:
        """Show or hide columns (the first always stays)."""
        header = self.horizontalHeader()
        model = self.cost_model()
        menu = QMenu(self)
        for column in range(1, model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal)).replace("\n", " ")
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(
                lambda on, c=column: header.showSection(c) if on else header.hideSection(c)
            )
        menu.exec(header.mapToGlobal(pos))
        menu.deleteLater()
        self.fill_width()

    def _on_activated(self, index: Any) -> None:
        if index.isValid() and self.cost_model().row_at(index.row()) is not None:
            self.selectRow(index.row())
            self.edit_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Delete):
                self.delete_requested.emit()
                return True
            if event.key() == Qt.Key.Key_Insert:
                self.add_requested.emit()
                return True
        return super().eventFilter(watched, event)
