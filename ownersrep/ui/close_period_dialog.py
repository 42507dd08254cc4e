"""Close a reporting period: store the project's KPIs and RAG statuses as they stand, for
trends and "this period against last" in the owner report.

The dialog shows exactly what will be stored before the rep confirms. Closing runs an
undoable command (undo reopens the period); a refusal ("Period: 2026-11 was already
closed …") is shown and the dialog stays open.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.domain.health.kpis import ProjectKpis
from ownersrep.domain.health.thresholds import MEASURE_BY_KEY
from ownersrep.domain.money import format_money
from ownersrep.services.health_types import ProjectHealth
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.health_commands import ClosePeriodCommand
from ownersrep.ui.rag_swatch import rag_html, status_text

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices

# The KPIs in the order a report reads them, with the labels of those not thresholded.
KPI_ORDER = (
    "spi",
    "finish_variance_days",
    "milestones_missed",
    "cpi",
    "vac",
    "vac_percent",
    "contingency_used_percent",
    "open_issues",
    "overdue_issues",
    "average_issue_age_days",
    "high_risks",
)
_OTHER_LABELS = {
    "vac": "VAC",
    "contingency_used_percent": "Contingency used %",
    "open_issues": "Open issues",
}


def kpi_label(key: str) -> str:
    measure = MEASURE_BY_KEY.get(key)
    return measure.label if measure is not None else _OTHER_LABELS.get(key, key)


def kpi_text(key: str, value: Decimal | int | None) -> str:
    """A KPI as the rep reads it: "0.96", "−606,761.69", "4.5 %", "12", or "—"."""
    if value is None:
        return "—"
    if key == "vac":
        return format_money(Decimal(value))
    if key.endswith("percent"):
        return f"{value} %"
    return f"{value:,}" if isinstance(value, int) else str(value)


def stored_html(health: ProjectHealth) -> str:
    """The statuses and KPIs closing the period would store, as a two-column table."""
    rows = [("Overall", rag_html(health.overall))]
    for status in health.areas:
        text = rag_html(status.shown, status_text(status))
        if status.is_overridden:
            text += f" <small>(derived {escape(status.derived.word)})</small>"
        rows.append((status.area.label, text))
    kpis: ProjectKpis = health.kpis
    rows += [(kpi_label(k), escape(kpi_text(k, kpis.value(k)))) for k in KPI_ORDER]
    cells = "".join(
        f"<tr><td style='padding-right:16px'>{escape(label)}</td><td>{value}</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='2'>{cells}</table>"


class ClosePeriodDialog(QDialog):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        project_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._bus = bus
        self.project_id = project_id
        name = services.projects.get(project_id).name
        health = services.health.status(project_id)
        closed = services.health.snapshots(project_id)
        self.setWindowTitle(f"Close the period — {name}")

        intro = QLabel(
            "Closing a reporting period stores the project's KPIs and RAG statuses as they "
            "stand now, with every override and its commentary, so that the owner report "
            "can show trends and this period against last. Undo reopens the period."
        )
        intro.setWordWrap(True)
        self.period_edit = QLineEdit(services.health.period_of(project_id))
        self.period_edit.setPlaceholderText("YYYY-MM")
        self.period_edit.setInputMask("9999-99")
        self.period_edit.setMaximumWidth(110)
        self.stored_label = QLabel(stored_html(health))
        self.stored_label.setTextFormat(Qt.TextFormat.RichText)
        previous = ", ".join(f"{s.period} (closed {s.closed_on:%d %b %Y})" for s in closed[:4])
        self.closed_label = QLabel(previous or "None yet")
        self.closed_label.setWordWrap(True)
        self._closed = {s.period for s in closed}
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.period_edit.textChanged.connect(self._on_period_changed)
        self._on_period_changed()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow("Project:", QLabel(f"<b>{escape(name)}</b>"))
        form.addRow("&Period:", self.period_edit)
        form.addRow("", self.note_label)
        form.addRow("Status date:", QLabel(f"{health.as_of:%d %b %Y}"))
        form.addRow("Stored:", self.stored_label)
        form.addRow("Closed before:", self.closed_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Close period")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def period(self) -> str:
        text = self.period_edit.text()
        return "" if text == "-" else text

    def _on_period_changed(self, _text: str = "") -> None:
        closed = self.period() in self._closed
        self.note_label.setText(
            f"{self.period()} is closed already: choose another month, or reopen it first "
            "(undo its close)."
            if closed
            else ""
        )
        self.note_label.setVisible(closed)

    def accept(self) -> None:
        command = ClosePeriodCommand(
            self._services.health, self._bus, self.project_id, self.period()
        )
        try:
            run_command(self._undo_stack, command)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            self.period_edit.setFocus()
            return
        super().accept()
