"""The Cost tab's Commitments page: contracts and purchase orders above, and below them
the pay applications of the selected commitment (of every commitment when none is
selected), each table with its own add, edit and delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.cost.enums import BudgetLineKind
from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.services.cost_types import CommitmentRow, CostLedger, PayApplicationDTO
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.cost_commands import (
    AddCommitmentCommand,
    AddPayApplicationCommand,
    DeleteCommitmentCommand,
    DeletePayApplicationCommand,
    EditCommitmentCommand,
    EditPayApplicationCommand,
)
from ownersrep.ui.commitment_dialog import CommitmentDialog
from ownersrep.ui.commitment_table_model import (
    COL_TITLE,
    HIDDEN_BY_DEFAULT,
    CommitmentTableModel,
)
from ownersrep.ui.commitment_table_model import COLUMN_SAMPLES as COMMITMENT_SAMPLES
from ownersrep.ui.cost_page import CostPage
from ownersrep.ui.cost_table_view import CostTableView
from ownersrep.ui.pay_application_dialog import PayApplicationDialog
from ownersrep.ui.pay_application_table_model import (
    COL_COMMITMENT,
    COL_PARTY,
    PayApplicationTableModel,
)
from ownersrep.ui.pay_application_table_model import COLUMN_SAMPLES as PAY_SAMPLES


class CommitmentsPage(CostPage):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, undo_stack, bus, parent)
        self._ledger: CostLedger | None = None

        # -- commitments ---------------------------------------------------------------------
        self.add_button = self._button("&Add commitment…", "Add a contract or purchase order")
        self.edit_button = self._button("&Edit…", "Edit the selected commitment")
        self.delete_button = self._button(
            "&Delete", "Delete the selected commitment with its pay applications (asks first)"
        )
        self.caption = self._caption()
        self.model = CommitmentTableModel(self)
        self.table = CostTableView(
            self.model, COMMITMENT_SAMPLES, COL_TITLE, self, hidden=HIDDEN_BY_DEFAULT
        )

        # -- pay applications ----------------------------------------------------------------
        self.pay_title = QLabel(self)
        font = self.pay_title.font()
        font.setBold(True)
        self.pay_title.setFont(font)
        self.add_pay_button = self._button(
            "Add &pay application…", "Record a pay application for the selected commitment"
        )
        self.edit_pay_button = self._button("Edi&t…", "Edit the selected pay application")
        self.delete_pay_button = self._button("De&lete", "Delete the selected pay application")
        self.show_all_button = self._button(
            "Show &all", "Show the pay applications of every commitment"
        )
        self.pay_caption = self._caption()
        self.pay_model = PayApplicationTableModel(self)
        self.pay_table = CostTableView(self.pay_model, PAY_SAMPLES, COL_PARTY, self)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 6, 0, 0)
        top_layout.addLayout(
            self._row(self.add_button, self.edit_button, self.delete_button, self.caption)
        )
        top_layout.addWidget(self.table, 1)
        # Room for a few commitments and the totals row before the splitter takes over.
        rows = self.table.verticalHeader().defaultSectionSize() * 6
        self.table.setMinimumHeight(rows + self.table.horizontalHeader().sizeHint().height() + 24)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        bottom_layout.addWidget(self.pay_title)
        bottom_layout.addLayout(
            self._row(
                self.add_pay_button,
                self.edit_pay_button,
                self.delete_pay_button,
                self.show_all_button,
                self.pay_caption,
            )
        )
        bottom_layout.addWidget(self.pay_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        # A handful of commitments above, their many monthly applications below.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.add_button.clicked.connect(self.add_commitment)
        self.edit_button.clicked.connect(self.edit_selected_commitment)
        self.delete_button.clicked.connect(self.delete_selected_commitment)
        self.table.add_requested.connect(self.add_commitment)
        self.table.edit_requested.connect(self.edit_selected_commitment)
        self.table.delete_requested.connect(self.delete_selected_commitment)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.add_pay_button.clicked.connect(self.add_pay_application)
        self.edit_pay_button.clicked.connect(self.edit_selected_pay_application)
        self.delete_pay_button.clicked.connect(self.delete_selected_pay_application)
        self.show_all_button.clicked.connect(self.table.clearSelection)
        self.pay_table.add_requested.connect(self.add_pay_application)
        self.pay_table.edit_requested.connect(self.edit_selected_pay_application)
        self.pay_table.delete_requested.connect(self.delete_selected_pay_application)
        self.pay_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.pay_model.modelReset.connect(self._update_buttons)
        self._on_table_selection_changed()

    # -- public --------------------------------------------------------------------------
    def show_data(self, ledger: CostLedger | None, pays: list[PayApplicationDTO]) -> None:
        self._ledger = ledger
        selected = self.table.selected_id()
        selected_pay = self.pay_table.selected_id()
        self.model.set_ledger(ledger)
        self.pay_model.set_pay_applications(pays, ledger.currency if ledger else "")
        if not self.table.select_id(selected):
            self.table.clearSelection()
        self._on_table_selection_changed()
        self.pay_table.select_id(selected_pay)
        self._update_buttons()

    def selected_commitment(self) -> CommitmentRow | None:
        record = self.table.selected_record()
        return record if isinstance(record, CommitmentRow) else None

    def selected_pay_application(self) -> PayApplicationDTO | None:
        record = self.pay_table.selected_record()
        return record if isinstance(record, PayApplicationDTO) else None

    def delete_selected(self) -> None:
        """The main window's Delete: the pay application if that table has the focus."""
        if self.pay_table.hasFocus() and self.selected_pay_application() is not None:
            self.delete_selected_pay_application()
        else:
            self.delete_selected_commitment()

    # -- commitments ---------------------------------------------------------------------
    def add_commitment(self) -> None:
        if self._project_id is None:
            return
        project_id = self._project_id
        lines = self._cost_lines()
        if not lines:
            QMessageBox.information(
                self, "Add commitment", "Add the budget lines first: a commitment draws on them."
            )
            return
        service = self._services.commitments
        parties = self._services.parties.list_parties()
        self._add_through(
            self.table,
            lambda values: AddCommitmentCommand(service, self._bus, project_id, values),
            lambda save: CommitmentDialog(parties, lines, save, None, self),
        )

    def edit_selected_commitment(self) -> None:
        row = self.selected_commitment()
        if row is None:
            return
        try:
            commitment = self._services.commitments.get(row.id)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot edit", str(err))
            return

        service = self._services.commitments
        save = self._edit_saver(
            lambda values: EditCommitmentCommand(service, self._bus, row.id, values, row.number)
        )
        parties = self._services.parties.list_parties()
        self._exec(CommitmentDialog(parties, self._cost_lines(), save, commitment, self))

    def delete_selected_commitment(self) -> None:
        row = self.selected_commitment()
        if row is None:
            return
        pays = sum(1 for p in self.pay_model.records() if p.commitment_id == row.id)
        extra = f"Its {pays} pay application{'s' if pays != 1 else ''} go with it." if pays else ""
        if not self._confirm_delete("Delete commitment", f"{row.number} “{row.title}”", extra):
            return
        command = DeleteCommitmentCommand(self._services.commitments, self._bus, row.id, row.number)
        self._run(command, "Cannot delete")

    # -- pay applications ----------------------------------------------------------------
    def add_pay_application(self) -> None:
        commitments = list(self._ledger.commitments) if self._ledger else []
        if not commitments:
            QMessageBox.information(
                self, "Add pay application", "Add a commitment first: pay applications bill one."
            )
            return
        selected = self.selected_commitment()
        payments = self._services.pay_applications

        def command(values: dict[str, Any]) -> AddPayApplicationCommand:
            fields = dict(values)
            commitment_id = fields.pop("commitment_id")
            return AddPayApplicationCommand(payments, self._bus, commitment_id, fields)

        default = selected.id if selected else commitments[0].id
        today = self._services.ctx.today()
        self._add_through(
            self.pay_table,
            command,
            lambda save: PayApplicationDialog(commitments, save, today, None, default, self),
        )

    def edit_selected_pay_application(self) -> None:
        pay = self.selected_pay_application()
        if pay is None or self._ledger is None:
            return

        label = f"{pay.commitment_number} #{pay.number}"
        payments = self._services.pay_applications
        save = self._edit_saver(
            lambda values: EditPayApplicationCommand(payments, self._bus, pay.id, values, label)
        )
        today = self._services.ctx.today()
        self._exec(PayApplicationDialog(self._ledger.commitments, save, today, pay, None, self))

    def delete_selected_pay_application(self) -> None:
        pay = self.selected_pay_application()
        if pay is None:
            return
        label = f"{pay.commitment_number} #{pay.number}"
        what = f"pay application {label} for {pay.period_end:%d %b %Y}"
        if not self._confirm_delete("Delete pay application", what):
            return
        payments = self._services.pay_applications
        self._run(DeletePayApplicationCommand(payments, self._bus, pay.id, label), "Cannot delete")

    # -- internals -----------------------------------------------------------------------
    def _row(self, *widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in widgets[:-1]:
            row.addWidget(widget)
        row.addSpacing(16)
        row.addWidget(widgets[-1], 1)
        return row

    def _cost_lines(self) -> list[Any]:
        if self._project_id is None:
            return []
        lines = self._services.budget_lines.list_lines(self._project_id)
        return [line for line in lines if line.kind is BudgetLineKind.COST]

    def _on_table_selection_changed(self, *_args: object) -> None:
        row = self.selected_commitment()
        self.pay_model.set_commitment_filter(None if row is None else row.id)
        # One commitment's applications need not repeat its number and party.
        for column in (COL_COMMITMENT, COL_PARTY):
            self.pay_table.setColumnHidden(column, row is not None)
        self.pay_table.fill_width()
        if row is None:
            self.pay_title.setText("Pay applications of every commitment")
        else:
            party = f" — {row.party_name}" if row.party_name else ""
            self.pay_title.setText(f"Pay applications of {row.number} {row.title}{party}")
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        has_project = self._project_id is not None
        row = self.selected_commitment()
        self.add_button.setEnabled(has_project)
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.add_pay_button.setEnabled(has_project and bool(self.model.records()))
        has_pay = self.selected_pay_application() is not None
        self.edit_pay_button.setEnabled(has_pay)
        self.delete_pay_button.setEnabled(has_pay)
        self.show_all_button.setEnabled(row is not None)
        count = len(self.model.records())
        currency = self._ledger.currency if self._ledger else ""
        self.caption.setText(
            f"{count} commitment{'s' if count != 1 else ''} · amounts in {currency}"
            if count
            else ("No contracts or purchase orders yet." if has_project else "")
        )
        shown, every = len(self.pay_model.records()), self.pay_model.all_count()
        self.pay_caption.setText(
            f"{shown} of {every} pay applications"
            if shown != every
            else f"{every} pay applications"
        )

    def _on_table_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and self.model.row_at(index.row()) is not None:
            self.table.selectRow(index.row())
        has_row = self.selected_commitment() is not None
        menu = QMenu(self)
        menu.addAction("Add commitment…", self.add_commitment)
        menu.addAction("Edit…", self.edit_selected_commitment).setEnabled(has_row)
        menu.addAction("Add pay application…", self.add_pay_application).setEnabled(has_row)
        menu.addSeparator()
        menu.addAction("Delete", self.delete_selected_commitment).setEnabled(has_row)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()
