"""The base of the Cost tab's pages (budget, commitments and payments, change orders):
their collaborators, tool buttons, and the one way to run an undo command and show a
refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand, run_command


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
