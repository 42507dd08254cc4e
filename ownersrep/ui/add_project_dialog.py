"""A small dialog for a new project: its name and kind. OK runs the undoable add."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ownersrep.domain.enums import ProjectKind
from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.tree_commands import AddProjectCommand

KIND_HINTS = {
    ProjectKind.CONSTRUCTION: "Construction project (site, contractors, pay applications)",
    ProjectKind.INTERNAL: "Internal project (IT, relocation, organisational change)",
}


class AddProjectDialog(QDialog):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        program_id: int | None,
        program_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        self._services, self._stack, self._bus = services, undo_stack, bus
        self._program_id = program_id
        self.project_id: int | None = None

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. Riverside Medical Clinic")
        self.name_edit.setMaxLength(200)
        self.name_edit.setMinimumWidth(320)
        self.kind_combo = QComboBox()
        for kind in ProjectKind:
            self.kind_combo.addItem(KIND_HINTS.get(kind, kind.label), kind)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Kind:", self.kind_combo)
        form.addRow("Program:", QLabel(program_name))
        form.addRow(buttons)

    def kind(self) -> ProjectKind:
        return ProjectKind(self.kind_combo.currentData())

    def accept(self) -> None:
        command = AddProjectCommand(
            self._services, self._bus, self.name_edit.text(), self.kind(), self._program_id
        )
        try:
            run_command(self._stack, command)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            self.name_edit.setFocus()
            return
        self.project_id = command.project_id
        super().accept()
