"""The Cost tab's Change orders page: the change log with each status in words, the
pending exposure, and the owner's decisions (submit, approve, reject, void) offered only
where the change order's status allows them, as buttons and in the context menu."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QMessageBox, QVBoxLayout, QWidget

from ownersrep.domain.cost.amounts import total
from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.domain.errors import OwnersRepError
from ownersrep.domain.money import format_money
from ownersrep.services.app_services import AppServices
from ownersrep.services.cost_types import ChangeOrderDTO, CostLedger
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.change_order_dialog import ChangeOrderDialog
from ownersrep.ui.change_order_table_model import (
    COL_TITLE,
    COLUMN_SAMPLES,
    HIDDEN_BY_DEFAULT,
    ChangeOrderTableModel,
)
from ownersrep.ui.change_status_dialog import ChangeStatusDialog
from ownersrep.ui.commands.cost_commands import (
    STATUS_VERBS,
    AddChangeOrderCommand,
    DeleteChangeOrderCommand,
    EditChangeOrderCommand,
    SetChangeOrderStatusCommand,
)
from ownersrep.ui.cost_page import CostPage
from ownersrep.ui.cost_table_model import WARN_INK
from ownersrep.ui.cost_table_view import CostTableView

DECISIONS = (ChangeStatus.PENDING, ChangeStatus.APPROVED, ChangeStatus.REJECTED, ChangeStatus.VOID)


class ChangeOrdersPage(CostPage):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, undo_stack, bus, parent)
        self._ledger: CostLedger | None = None
        self.add_button = self._button("&New change order…", "Record a potential change (Insert)")
        self.edit_button = self._button("&Edit…", "Edit the selected change order")
        self.delete_button = self._button(
            "&Delete", "Delete the selected change order unless approved (asks first)"
        )
        self.status_buttons = {
            status: self._button(
                f"{STATUS_VERBS[status]}…", f"{STATUS_VERBS[status]} the selected change order"
            )
            for status in DECISIONS
        }
        self.caption = self._caption()
        tools = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            tools.addWidget(button)
        tools.addSpacing(16)
        for button in self.status_buttons.values():
            tools.addWidget(button)
        tools.addSpacing(16)
        tools.addWidget(self.caption, 1)

        self.model = ChangeOrderTableModel(self)
        self.table = CostTableView(
            self.model, COLUMN_SAMPLES, COL_TITLE, self, hidden=HIDDEN_BY_DEFAULT
        )
        self.log_label = QLabel(self)
        self.log_label.setTextFormat(Qt.TextFormat.RichText)
        self.log_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.log_label)

        self.add_button.clicked.connect(self.add_change_order)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for status, button in self.status_buttons.items():
            button.clicked.connect(lambda _c=False, s=status: self.set_selected_status(s))
        self.table.add_requested.connect(self.add_change_order)
        self.table.edit_requested.connect(self.edit_selected)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # -- public --------------------------------------------------------------------------
    def show_data(self, ledger: CostLedger | None, changes: list[ChangeOrderDTO]) -> None:
        self._ledger = ledger
        selected = self.table.selected_id()
        self.model.set_changes(changes, ledger.currency if ledger else "")
        self.table.select_id(selected)
        self._update_log(ledger)
        self._update_buttons()

    def selected_change(self) -> ChangeOrderDTO | None:
        record = self.table.selected_record()
        return record if isinstance(record, ChangeOrderDTO) else None

    def add_change_order(self) -> None:
        if self._project_id is None:
            return
        project_id, service = self._project_id, self._services.change_orders
        commitments, lines = self._choices(project_id)
        self._add_through(
            self.table,
            lambda values: AddChangeOrderCommand(service, self._bus, project_id, values),
            lambda save: ChangeOrderDialog(commitments, lines, save, None, self),
        )

    def edit_selected(self) -> None:
        row = self.selected_change()
        if row is None or self._project_id is None:
            return
        try:
            change = self._services.change_orders.get(row.id)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot edit", str(err))
            return

        service = self._services.change_orders
        save = self._edit_saver(
            lambda values: EditChangeOrderCommand(service, self._bus, row.id, values, row.number)
        )
        commitments, lines = self._choices(self._project_id)
        self._exec(ChangeOrderDialog(commitments, lines, save, change, self))

    def set_selected_status(self, status: ChangeStatus) -> None:
        row = self.selected_change()
        if row is None or status not in row.next_statuses:
            return

        def save(on: Any, by: Any) -> None:
            command = SetChangeOrderStatusCommand(
                self._services.change_orders, self._bus, row.id, status, on=on, by=by,
                label=row.number,
            )  # fmt: skip
            self._run_or_raise(command)

        today = self._services.ctx.today()
        self._exec(ChangeStatusDialog(row, status, today, save, self._currency, self))

    def delete_selected(self) -> None:
        row = self.selected_change()
        if row is None:
            return
        if not self._confirm_delete(
            "Delete change order", f"{row.number} “{row.title}”", "Its number is not reused."
        ):
            return
        service = self._services.change_orders
        self._run(DeleteChangeOrderCommand(service, self._bus, row.id, row.number), "Cannot delete")

    # -- internals -----------------------------------------------------------------------
    def _choices(self, project_id: int) -> tuple[list[Any], list[Any]]:
        return (
            self._services.commitments.list_commitments(project_id),
            self._services.budget_lines.list_lines(project_id),
        )

    def _update_log(self, ledger: CostLedger | None) -> None:
        if ledger is None or not any(t.count for t in ledger.change_log):
            self.log_label.setText("")
            self.caption.setText("No change orders yet." if self._project_id is not None else "")
            return
        parts = [
            f"{t.status.label} <b>{t.count}</b> · {format_money(t.cost)}"
            for t in ledger.change_log
            if t.count
        ]
        exposure = total(t.cost for t in ledger.change_log if t.status.is_exposure)
        self.log_label.setText(
            "By status: " + " &nbsp;│&nbsp; ".join(parts)
            + f" &nbsp;&nbsp; <span style='color:{WARN_INK.name()}'>Pending exposure "
            f"(potential + pending): <b>{format_money(exposure, ledger.currency)}</b></span>"
        )  # fmt: skip
        count = sum(t.count for t in ledger.change_log)
        self.caption.setText(
            f"{count} change order{'s' if count != 1 else ''} · amounts in {ledger.currency}"
        )

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected_change()
        self.add_button.setEnabled(self._project_id is not None)
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None and row.status is not ChangeStatus.APPROVED)
        allowed = row.next_statuses if row is not None else []
        for status, button in self.status_buttons.items():
            button.setEnabled(status in allowed)

    def context_menu(self) -> QMenu:
        """The table's context menu for the selected change order: edit, the statuses it
        may move to, delete."""
        row = self.selected_change()
        menu = QMenu(self)
        menu.addAction("New change order…", self.add_change_order)
        menu.addAction("Edit…", self.edit_selected).setEnabled(row is not None)
        if row is not None and row.next_statuses:
            menu.addSeparator()
            for status in row.next_statuses:
                menu.addAction(
                    f"{STATUS_VERBS[status]}…", lambda s=status: self.set_selected_status(s)
                )
        menu.addSeparator()
        menu.addAction("Delete", self.delete_selected).setEnabled(
            row is not None and row.status is not ChangeStatus.APPROVED
        )
        return menu

    def _on_table_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and self.model.row_at(index.row()) is not None:
            self.table.selectRow(index.row())
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()
