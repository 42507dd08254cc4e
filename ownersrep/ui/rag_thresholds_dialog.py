"""The workspace's RAG thresholds: for each KPI the bound of Green and the bound of Amber.

Each row says which way the measure runs ("at or above" for SPI, CPI and VAC %, "at or
below" for the counts and days), so that the two numbers read as a sentence. The service
validates (an Amber bound better than Green, a fraction where a count is meant, ...); a
refusal is shown and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.domain.health.thresholds import MEASURES, Measure, Thresholds

Submit = Callable[[Mapping[str, Any]], None]


class RagThresholdsDialog(QDialog):
    def __init__(self, current: Thresholds, submit: Submit, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("RAG thresholds")
        self._submit = submit
        self.edits: dict[tuple[str, str], QLineEdit] = {}
        intro = QLabel(
            "How each measure turns into a status, for every project of this workspace. "
            "A value exactly on a bound takes the better colour.",
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for col, title in enumerate(("Measure", "", "Green", "Amber", "otherwise")):
            head = QLabel(f"<b>{title}</b>", self)
            grid.addWidget(head, 0, col)
        for row, measure in enumerate(MEASURES, start=1):
            band = current.band(measure.key)
            name = QLabel(measure.label, self)
            name.setToolTip(measure.help)
            grid.addWidget(name, row, 0)
            grid.addWidget(QLabel(_direction(measure), self), row, 1)
            for col, (side, value) in enumerate((("green", band.green), ("amber", band.amber))):
                edit = QLineEdit(str(value), self)
                edit.setObjectName(f"{measure.key}_{side}")
                edit.setMaximumWidth(90)
                edit.setToolTip(measure.help)
                grid.addWidget(edit, row, 2 + col)
                self.edits[measure.key, side] = edit
            grid.addWidget(QLabel("Red", self), row, 4)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            parent=self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def values(self) -> dict[str, dict[str, str]]:
        """What is typed, in `Thresholds.to_dict` form."""
        return {
            m.key: {side: self.edits[m.key, side].text().strip() for side in ("green", "amber")}
            for m in MEASURES
        }

    def restore_defaults(self) -> None:
        for key, band in Thresholds().to_dict().items():
            for side, value in band.items():
                self.edits[key, side].setText(value)

    def accept(self) -> None:
        try:
            self._submit(self.values())
        except OwnersRepError as exc:
            QMessageBox.warning(self, "Cannot save", str(exc))
            return
        super().accept()


def _direction(measure: Measure) -> str:
    return "at or above" if measure.higher_is_better else "at or below"
