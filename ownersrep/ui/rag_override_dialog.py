"""Override a project's RAG status for one area, with the commentary that explains it, or
clear the override. The derived status and the KPIs behind it stay in view, so the rep
always sees what the figures say next to what they report.

Saving runs an undoable command; a refusal from the service ("Commentary: is required
…") is shown and the dialog stays open with what was typed.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.domain.health.rag import Area, MeasureRag, Rag
from ownersrep.services.health_types import ProjectHealth
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.health_commands import ClearRagOverrideCommand, SetRagOverrideCommand
from ownersrep.ui.rag_swatch import rag_html, rag_icon

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices

CHOICES = (Rag.GREEN, Rag.AMBER, Rag.RED)


def measure_line(m: MeasureRag) -> str:
    """One KPI against its band, as rich text: SPI 0.92 — amber (green ≥ 0.95, …)."""
    value = "no data" if m.value is None else f"{m.value:,}"
    sign = "≥" if m.measure.higher_is_better else "≤"
    bands = f"green {sign} {m.band.green}, amber {sign} {m.band.amber}"
    return f"{escape(m.measure.label)} {value} — {rag_html(m.rag)} <small>({bands})</small>"


class RagOverrideDialog(QDialog):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        project_id: int,
        area: Area | str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._bus = bus
        self.project_id = project_id
        self._health: ProjectHealth = services.health.status(project_id)
        name = services.projects.get(project_id).name
        self.setWindowTitle(f"Override status — {name}")

        self.area_combo = QComboBox()
        for a in Area:
            self.area_combo.addItem(a.label, a.value)
        self.derived_label = QLabel()
        self.derived_label.setTextFormat(Qt.TextFormat.RichText)
        self.derived_label.setWordWrap(True)
        self.current_label = QLabel()
        self.current_label.setTextFormat(Qt.TextFormat.RichText)
        self.current_label.setWordWrap(True)
        self.rag_combo = QComboBox()
        for rag in CHOICES:
            self.rag_combo.addItem(rag_icon(rag), rag.word, rag.value)
        self.commentary_edit = QPlainTextEdit()
        self.commentary_edit.setPlaceholderText(
            "Why the status differs from the derived one (required; it goes in the report)"
        )
        self.commentary_edit.setTabChangesFocus(True)
        self.commentary_edit.setMinimumHeight(90)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow("Project:", QLabel(f"<b>{escape(name)}</b>"))
        form.addRow("&Area:", self.area_combo)
        form.addRow("Derived status:", self.derived_label)
        form.addRow("Current override:", self.current_label)
        form.addRow("&Show as:", self.rag_combo)
        form.addRow("&Commentary:", self.commentary_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.clear_button = QPushButton("C&lear override")
        self.clear_button.setToolTip("Show the derived status again")
        self.buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.clear_button.clicked.connect(self._on_clear_clicked)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

        self.area_combo.currentIndexChanged.connect(self._on_area_changed)
        start = Area(area) if area is not None else self._first_area()
        self.area_combo.setCurrentIndex(self.area_combo.findData(start.value))
        self._on_area_changed()

    # -- public ------------------------------------------------------------------------
    def area(self) -> Area:
        return Area(self.area_combo.currentData())

    def accept(self) -> None:
        command = SetRagOverrideCommand(
            self._services.health,
            self._bus,
            self.project_id,
            self.area(),
            self.rag_combo.currentData(),
            self.commentary_edit.toPlainText(),
        )
        try:
            run_command(self._undo_stack, command)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            self.commentary_edit.setFocus()
            return
        super().accept()

    # -- helpers -----------------------------------------------------------------------
    def _first_area(self) -> Area:
        """An overridden area if there is one, else the worst derived one."""
        areas = self._health.areas
        overridden = [a for a in areas if a.is_overridden]
        if overridden:
            return overridden[0].area
        return max(areas, key=lambda a: a.derived.severity).area

    def _on_area_changed(self, _index: int = 0) -> None:
        status = self._health.area(self.area())
        reasons = "<br>".join(measure_line(m) for m in self._health.why(self.area()))
        self.derived_label.setText(
            f"<b>{rag_html(status.derived)}</b> at the status date "
            f"{self._health.as_of:%d %b %Y}<br>{reasons}"
        )
        override = self._services.health.overrides(self.project_id).get(self.area())
        if override is None:
            self.current_label.setText("None: the derived status is shown")
            self.rag_combo.setCurrentIndex(self._default_choice(status.derived))
            self.commentary_edit.clear()
        else:
            self.current_label.setText(
                f"{rag_html(override.rag)}, set on {override.set_on:%d %b %Y} by "
                f"{escape(override.set_by or 'unknown')}"
            )
            self.rag_combo.setCurrentIndex(self.rag_combo.findData(override.rag.value))
            self.commentary_edit.setPlainText(override.commentary)
        self.clear_button.setEnabled(override is not None)

    def _default_choice(self, derived: Rag) -> int:
        """The derived colour to start from (Amber when there is no data)."""
        index = self.rag_combo.findData(derived.value)
        if index < 0:
            return self.rag_combo.findData(Rag.AMBER.value)
        return index

    def _on_clear_clicked(self) -> None:
        command = ClearRagOverrideCommand(
            self._services.health, self._bus, self.project_id, self.area()
        )
        try:
            run_command(self._undo_stack, command)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            return
        super().accept()
