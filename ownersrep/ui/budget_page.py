"""The Cost tab's Budget page: the budget lines by group with their figures, and the
commands to add, edit and delete a line."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QMenu, QMessageBox, QVBoxLayout, QWidget

from ownersrep.domain.cost.amounts import ZERO
from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.services.cost_types import BudgetLineRow, CostLedger
from ownersrep.ui.budget_line_dialog import BudgetLineDialog
from ownersrep.ui.budget_line_table_model import (
    COL_DESCRIPTION,
    COLUMN_SAMPLES,
    HIDDEN_BY_DEFAULT,
    BudgetLineTableModel,
)
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.cost_commands import (
    AddBudgetLineCommand,
    DeleteBudgetLineCommand,
    EditBudgetLineCommand,
)
from ownersrep.ui.cost_page import CostPage
from ownersrep.ui.cost_table_view import CostTableView


class BudgetPage(CostPage):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, undo_stack, bus, parent)
        self._groups: list[str] = []
        self.add_button = self._button("&Add line…", "Add a budget line (Insert)")
        self.edit_button = self._button("&Edit…", "Edit the selected line (Enter, double-click)")
        self.delete_button = self._button("&Delete", "Delete the selected line (asks first)")
        self.caption = self._caption()
        tools = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            tools.addWidget(button)
        tools.addSpacing(16)
        tools.addWidget(self.caption, 1)

        self.model = BudgetLineTableModel(self)
        self.table = CostTableView(
            self.model, COLUMN_SAMPLES, COL_DESCRIPTION, self, hidden=HIDDEN_BY_DEFAULT
        )
        self.table.span_rows_with(self.model.group_rows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_line)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.add_requested.connect(self.add_line)
        self.table.edit_requested.connect(self.edit_selected)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # -- public --------------------------------------------------------------------------
    def show_ledger(self, ledger: CostLedger | None) -> None:
        selected = self.table.selected_id()
        self.model.set_ledger(ledger)
        self.table.select_id(selected)
        self._groups = [g.name for g in ledger.groups] if ledger else []
        self.add_button.setEnabled(self._project_id is not None)
        self._update_caption(ledger)
        self._update_buttons()

    def selected_line(self) -> BudgetLineRow | None:
        record = self.table.selected_record()
        return record if isinstance(record, BudgetLineRow) else None

    def add_line(self) -> None:
        if self._project_id is None:
            return
        project_id, lines = self._project_id, self._services.budget_lines
        tasks = self._services.issues.task_choices(project_id)
        self._add_through(
            self.table,
            lambda values: AddBudgetLineCommand(lines, self._bus, project_id, values),
            lambda save: BudgetLineDialog(self._groups, save, None, None, tasks, self),
        )

    def edit_selected(self) -> None:
        row = self.selected_line()
        if row is None:
            return
        try:
            line = self._services.budget_lines.get(row.id)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot edit", str(err))
            return

        lines = self._services.budget_lines
        save = self._edit_saver(
            lambda values: EditBudgetLineCommand(lines, self._bus, line.id, values, line.code)
        )
        derived = max(row.revised - row.certified, ZERO)
        tasks = self._services.issues.task_choices(line.project_id)
        self._exec(BudgetLineDialog(self._groups, save, line, derived, tasks, self))

    def delete_selected(self) -> None:
        row = self.selected_line()
        if row is None:
            return
        if not self._confirm_delete(
            "Delete budget line", f"budget line {row.code} “{row.description}”"
        ):
            return
        command = DeleteBudgetLineCommand(self._services.budget_lines, self._bus, row.id, row.code)
        self._run(command, "Cannot delete")

    # -- internals -----------------------------------------------------------------------
    def _update_caption(self, ledger: CostLedger | None) -> None:
        if ledger is None or not ledger.lines:
            self.caption.setText(
                "No budget yet. Add the project's budget lines (cost codes), grouped by CSI "
                "division or workstream, and a contingency line."
                if self._project_id is not None
                else ""
            )
            return
        count = len(ledger.lines)
        groups = [g for g in ledger.groups if g.name]
        parts = [f"{count} budget line{'s' if count != 1 else ''}"]
        if groups:
            parts[0] += f" in {len(groups)} group{'s' if len(groups) != 1 else ''}"
        parts.append(f"amounts in {ledger.currency}")
        self.caption.setText(" · ".join(parts))

    def _update_buttons(self, *_args: object) -> None:
        has_row = self.selected_line() is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    def _on_table_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and self.model.row_at(index.row()) is not None:
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction("Add line…", self.add_line).setEnabled(self._project_id is not None)
        has_row = self.selected_line() is not None
        menu.addAction("Edit…", self.edit_selected).setEnabled(has_row)
        menu.addAction("Delete", self.delete_selected).setEnabled(has_row)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()
