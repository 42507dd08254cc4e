"""The Risks tab: the 5×5 heat map above the register table.

Clicking a heat-map cell shows only that cell's risks; clicking it again, Escape on the
map or "Show all" clears that. The heat map counts the risks that pass the status filter
(by default every risk that is not closed); the text search narrows the table only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.domain.risk_rules import IMPACT_LABELS, PROBABILITY_LABELS, SCALE, RiskLevel
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.risk_service import RiskRow
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.risk_commands import AddRiskCommand, DeleteRiskCommand, EditRiskCommand
from ownersrep.ui.risk_dialog import RiskDialog
from ownersrep.ui.risk_heat_map import (
    Cell,
    RiskHeatMap,
    legend_html,
)
from ownersrep.ui.risk_table_model import (
    COL_NUMBER,
    COL_SCORE,
    COL_TITLE,
    COLUMN_SAMPLES,
    STATUS_CHOICES,
    RiskTableModel,
    status_filter_caption,
)


def _risks(n: int) -> str:
    return f"{n} risk{'s' if n != 1 else ''}"


class RisksTab(QWidget):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._stack = undo_stack
        self._bus = bus
        self._project_id: int | None = None
        self._stale = False

        # -- tool row --------------------------------------------------------------------
        self.add_button = self._button("&Add risk…", "Add a risk to the register (Insert)")
        self.edit_button = self._button("Ed&it…", "Edit the selected risk (Enter, double-click)")
        self.delete_button = self._button("&Delete", "Delete the selected risk (asks first)")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("risk_search")
        self.search_edit.setPlaceholderText("Search number, title, owner…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.search_edit.setToolTip(
            "Every word must occur in the number, title, owner, category or response (Ctrl+F)"
        )
        clear = QAction("Clear search", self.search_edit)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.search_edit.clear)
        self.search_edit.addAction(clear)
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Status filter")
        for text, statuses in STATUS_CHOICES:
            self.status_combo.addItem(text, statuses)
        status_label = QLabel("&Status:", self)
        status_label.setBuddy(self.status_combo)
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        tools = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.delete_button):
            tools.addWidget(w)
        tools.addSpacing(16)
        tools.addWidget(self.search_edit, 3)
        for w in (status_label, self.status_combo):
            tools.addWidget(w)
        tools.addStretch(1)
        tools.addWidget(self.count_label)

        # -- table -----------------------------------------------------------------------
        self.model = RiskTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_SCORE, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(36)
        for col, sample in COLUMN_SAMPLES.items():
            header.resizeSection(col, self.table.fontMetrics().horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)

        # -- heat map strip, above the table -------------------------------------------
        self.heat_map = RiskHeatMap(self)
        self.heat_title = QLabel("Risk heat map", self)
        font = self.heat_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heat_title.setFont(font)
        self.summary_label = QLabel(self)  # rich text, detected from its tags
        self.legend = QLabel(legend_html(), self)
        self.filter_label = QLabel(self)
        self.filter_label.setWordWrap(True)
        self.show_all_button = QPushButton("Sho&w all", self)
        self.show_all_button.setToolTip("Clear the heat-map filter (or click the cell again)")
        side = QVBoxLayout()
        side.setSpacing(8)
        for w in (self.heat_title, self.summary_label, self.legend, self.filter_label):
            side.addWidget(w)
        side.addWidget(self.show_all_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        strip = QWidget(self)
        strip_layout = QHBoxLayout(strip)
        strip_layout.setContentsMargins(0, 4, 0, 4)
        strip_layout.addWidget(self.heat_map)
        strip_layout.addSpacing(16)
        strip_layout.addLayout(side, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(strip)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)

        # -- wiring ----------------------------------------------------------------------
        self.add_button.clicked.connect(self.add_risk)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.search_edit.textChanged.connect(self._on_filter_changed)
        self.status_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.heat_map.cell_clicked.connect(self.set_cell_filter)
        self.show_all_button.clicked.connect(self.clear_cell_filter)
        bus.changed.connect(self._on_bus_changed)
        self.set_project(None)

    # -- public API ------------------------------------------------------------------
    def set_project(self, project_id: int | None) -> None:
        if project_id != self._project_id:
            self.search_edit.clear()
            self._set_cell(None)
        self._project_id = project_id
        enabled = project_id is not None
        for w in (self.add_button, self.search_edit, self.status_combo, self.heat_map):
            w.setEnabled(enabled)
        self.reload()

    def project_id(self) -> int | None:
        return self._project_id

    def reload(self) -> None:
        self._stale = False
        selected = self.selected_id()
        pid = self._project_id
        self.model.set_rows([] if pid is None else self._services.risks.list_risks(pid))
        self._after_filter(selected)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def selected_row(self) -> RiskRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return None if row is None else row.id

    def select_risk(self, risk_id: int) -> bool:
        row = self.model.row_of_id(risk_id)
        if row is None:
            return False
        index = self.model.index(row, COL_NUMBER)
        self.table.selectRow(row)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def add_risk(self) -> None:
        if self._project_id is None:
            return
        project_id = self._project_id
        added: list[AddRiskCommand] = []

        def save(values: dict[str, Any]) -> None:
            cmd = AddRiskCommand(self._services.risks, self._bus, project_id, values)
            run_command(self._stack, cmd)
            added.append(cmd)

        self._open_dialog(save, None)
        if added and added[0].risk_id is not None:
            self._reveal(added[0].risk_id)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            risk = self._services.risks.get(row.id)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot edit", str(err))
            self.reload()
            return

        def save(values: dict[str, Any]) -> None:
            if values:  # nothing changed: nothing to undo
                cmd = EditRiskCommand(self._services.risks, self._bus, risk.id, values, risk.number)
                run_command(self._stack, cmd)

        self._open_dialog(save, risk)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete risk",
            f"Delete {row.number} “{row.title}”?\n\nEdit › Undo brings it back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        next_row = self.table.currentIndex().row()
        cmd = DeleteRiskCommand(self._services.risks, self._bus, row.id, row.number)
        try:
            run_command(self._stack, cmd)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot delete", str(err))
            self.reload()
            return
        if self.model.rowCount():
            self.table.selectRow(min(next_row, self.model.rowCount() - 1))

    def set_cell_filter(self, cell: Cell | None) -> None:
        """Show only the risks of one heat-map cell (None: all of them)."""
        selected = self.selected_id()
        self._set_cell(cell)
        self._after_filter(selected)

    def clear_cell_filter(self) -> None:
        self.set_cell_filter(None)

    # -- internals -------------------------------------------------------------------
    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        return button

    def _open_dialog(self, save: Any, risk: Any) -> None:
        parties = self._services.parties.list_parties()
        dialog = RiskDialog(parties, save, self._services.ctx.today(), risk, self)
        dialog.exec()
        dialog.deleteLater()

    def _reveal(self, risk_id: int) -> None:
        """Select a risk, clearing the filters that hide it if need be."""
        if self.select_risk(risk_id):
            return
        self.search_edit.clear()
        self.set_cell_filter(None)
        if not self.select_risk(risk_id):
            self.status_combo.setCurrentIndex(self.status_combo.findText("All statuses"))
            self.select_risk(risk_id)

    def _set_cell(self, cell: Cell | None) -> None:
        self.heat_map.set_selected(cell)
        self.model.set_cell_filter(cell)

    def _after_filter(self, keep_id: int | None) -> None:
        if keep_id is not None and self.selected_id() != keep_id:
            self.select_risk(keep_id)
        self._update_heat_map()
        self._update_labels()
        self._update_buttons()

    def _update_heat_map(self) -> None:
        numbers: list[list[list[str]]] = [[[] for _ in SCALE] for _ in SCALE]
        for r in sorted(self.model.population(), key=lambda r: r.id):
            numbers[r.probability - 1][r.impact - 1].append(r.number)
        self.heat_map.set_counts([[len(c) for c in row] for row in numbers], numbers)

    def _update_labels(self) -> None:
        population = self.model.population()
        total = len(self.model.all_rows())
        shown = self.model.rowCount()
        count = _risks(total) if shown == total else f"{shown} of {total} risks"
        self.count_label.setText("" if self._project_id is None else count)
        by_level = {lv: sum(1 for r in population if r.level is lv) for lv in RiskLevel}
        overdue = sum(1 for r in population if r.review_overdue)
        caption = status_filter_caption(self.model.status_filter())
        self.summary_label.setText(
            f"<b>{_risks(len(population))}</b> {caption}: "
            + ", ".join(f"<b>{by_level[lv]}</b> {lv.value}" for lv in reversed(RiskLevel))
            + (f"<br><b>{overdue}</b> overdue for review" if overdue else "")
        )
        cell = self.model.cell_filter()
        if cell is None:
            self.filter_label.setText("Click a cell to list only its risks.")
        else:
            p, i = cell
            self.filter_label.setText(
                f"Showing {_risks(shown)} at probability {p} "
                f"({PROBABILITY_LABELS[p].lower()}) × impact {i} ({IMPACT_LABELS[i].lower()})."
            )
        self.show_all_button.setEnabled(cell is not None)

    def _update_buttons(self, *_args: object) -> None:
        has_row = self.selected_row() is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    # -- slots -----------------------------------------------------------------------
    def _on_filter_changed(self, *_args: object) -> None:
        selected = self.selected_id()
        self.model.set_filter(self.status_combo.currentData(), self.search_edit.text())
        self._after_filter(selected)

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.edit_selected()

    def _on_bus_changed(self, changes: Changes) -> None:
        if self._project_id is None:
            return
        if changes.touches("risk", self._project_id) or "party" in changes.entities:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # refreshed when shown again

    # -- Qt overrides ----------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Delete and Insert on the table (a main window's Delete action takes it first).
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Delete):
                self.delete_selected()
                return True
            if event.key() == Qt.Key.Key_Insert:
                self.add_risk()
                return True
        return super().eventFilter(watched, event)


__all__ = ["RisksTab"]
