"""The base of the Cost tab's pages (budget, commitments and payments, change orders):
their collaborators, tool buttons, and the one way to run an undo command and show a
refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QWidget

from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand, run_command
from ownersrep.ui.commands.cost_commands import AddRowCommand
from ownersrep.ui.cost_table_view import CostTableView

Values = dict[str, Any]
Save = Callable[[Values], None]


class CostPage(QWidget):
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
        self._currency = ""

    def set_project(self, project_id: int | None, currency: str) -> None:
        self._project_id = project_id
        self._currency = currency

    def delete_selected(self) -> None:
        raise NotImplementedError

    # -- helpers for subclasses ----------------------------------------------------------
    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        return button

    def _caption(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        return label

    def _run(self, command: ServiceCommand, title: str) -> bool:
        """Run and push the command; a refusal is shown and nothing is pushed."""
        try:
            run_command(self._stack, command)
        except OwnersRepError as err:
            QMessageBox.warning(self, title, str(err))
            return False
        return True

    def _run_or_raise(self, command: ServiceCommand) -> None:
        """For dialogs: a refusal propagates, so the dialog shows it and stays open."""
        run_command(self._stack, command)

    def _confirm_delete(self, title: str, what: str, extra: str = "") -> bool:
        text = f"Delete {what}?"
        if extra:
            text += f"\n\n{extra}"
        text += "\n\nEdit › Undo brings it back."
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _exec(self, dialog: QDialog) -> None:
        """Run a modal dialog, then let Qt delete it."""
        dialog.exec()
        dialog.deleteLater()

    def _add_through(
        self,
        table: CostTableView,
        command: Callable[[Values], AddRowCommand],
        dialog: Callable[[Save], QDialog],
    ) -> None:
        """Open the dialog that adds a row: each save runs `command(values)` (a refusal
        stays in the dialog), and the row added is selected afterwards."""
        added: list[AddRowCommand] = []

        def save(values: Values) -> None:
            made = command(values)
            self._run_or_raise(made)
            added.append(made)

        self._exec(dialog(save))
        if added:
            table.select_id(added[0].row_id)

    def _edit_saver(self, command: Callable[[Values], ServiceCommand]) -> Save:
        """The save of an edit dialog: runs `command(values)` unless nothing changed
        (nothing to undo); a refusal stays in the dialog."""

        def save(values: Values) -> None:
            if values:
                self._run_or_raise(command(values))

        return save
