"""What the rep writes for one project and period, printed in the owner report: the
narrative (rich text), the key achievements (one per line), who prepared and reviewed
the report, and its number. Saved as one undo command, only when something changed.

Signals:
    saved(): the record was written (Save, or `save()` called before a build).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.services.report_types import PeriodRecord
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.report_commands import SavePeriodRecordCommand
from ownersrep.ui.form_widgets import buddy, text_box
from ownersrep.ui.narrative_editor import NarrativeEditor


class PeriodRecordPanel(QGroupBox):
    saved = Signal()

    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("This period's record", parent)
        self._services = services
        self._stack = undo_stack
        self._bus = bus
        self._record: PeriodRecord | None = None

        self.narrative = NarrativeEditor(self)
        self.achievements = text_box("", 4, "One achievement per line", grows=True)
        self.achievements.setObjectName("achievements")
        line = self.achievements.fontMetrics().lineSpacing()
        self.achievements.setMaximumHeight(line * 7 + 12)
        self.prepared_by = QLineEdit(self)
        self.prepared_by.setObjectName("prepared_by")
        self.reviewed_by = QLineEdit(self)
        self.reviewed_by.setObjectName("reviewed_by")
        self.report_number = QSpinBox(self)
        self.report_number.setObjectName("report_number")
        self.report_number.setRange(1, 9999)
        self.report_number.setMaximumWidth(90)
        self.issued_label = QLabel(self)
        self.issued_label.setObjectName("issued_label")
        self.issued_label.setStyleSheet("color: palette(placeholder-text);")
        self.save_button = QPushButton("&Save record", self)
        self.save_button.setToolTip("Save the narrative and the details of this period now")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.save_button.setEnabled(False)

        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(buddy("&Narrative:", self.narrative.edit))
        form.addRow(self.narrative)
        form.addRow(buddy("Key &achievements:", self.achievements))
        form.addRow(self.achievements)
        form.addRow("&Prepared by:", self.prepared_by)
        form.addRow("Re&viewed by:", self.reviewed_by)
        form.addRow("Report &number:", self.report_number)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        form.addRow(self.issued_label, buttons)

        self.narrative.changed.connect(self._on_edited)
        self.achievements.textChanged.connect(self._on_edited)
        for edit in (self.prepared_by, self.reviewed_by):
            edit.textEdited.connect(self._on_edited)
        self.report_number.valueChanged.connect(self._on_edited)

    # -- public ----------------------------------------------------------------------
    def load(self, project_id: int, period: str) -> None:
        """Show the stored record of the project's period (or the one a new period
        starts with)."""
        record = self._services.report_periods.get(project_id, period)
        self._record = record
        self.setTitle(f"Record of {period}")
        self.narrative.set_html(record.narrative_html)
        self.achievements.setPlainText("\n".join(record.achievements))
        self.prepared_by.setText(record.prepared_by)
        self.reviewed_by.setText(record.reviewed_by)
        self.report_number.blockSignals(True)
        self.report_number.setValue(record.report_number)
        self.report_number.blockSignals(False)
        self.issued_label.setText(
            f"Issued {record.issued_on:%d %b %Y}" if record.issued_on else "Not issued yet"
        )
        self.narrative.set_modified(False)
        self._on_edited()

    def record(self) -> PeriodRecord | None:
        return self._record

    def values(self) -> dict[str, Any]:
        """What is typed, in the form `ReportPeriodService.save` takes."""
        return {
            "narrative_html": self.narrative.html(),
            "achievements": _lines(self.achievements.toPlainText()),
            "prepared_by": self.prepared_by.text().strip(),
            "reviewed_by": self.reviewed_by.text().strip(),
            "report_number": self.report_number.value(),
        }

    def is_dirty(self) -> bool:
        record = self._record
        if record is None:
            return False
        values = self.values()
        return (
            self.narrative.is_modified()
            or values["achievements"] != tuple(record.achievements)
            or values["prepared_by"] != record.prepared_by
            or values["reviewed_by"] != record.reviewed_by
            or values["report_number"] != record.report_number
        )

    def save(self) -> bool:
        """Save the record as one undo command if it changed. A refusal is shown and
        False returned; nothing is pushed then."""
        record = self._record
        if record is None or not self.is_dirty():
            return True
        command = SavePeriodRecordCommand(
            self._services, self._bus, record.project_id, record.period, self.values()
        )
        try:
            run_command(self._stack, command)
        except OwnersRepError as exc:
            QMessageBox.warning(self, "Cannot save", str(exc))
            return False
        self.load(record.project_id, record.period)
        self.saved.emit()
        return True

    # -- slots -----------------------------------------------------------------------
    def _on_save_clicked(self) -> None:
        self.save()

    def _on_edited(self, *_args: object) -> None:
        self.save_button.setEnabled(self.is_dirty())


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())
