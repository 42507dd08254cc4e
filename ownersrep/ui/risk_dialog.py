"""Add or edit one risk. The dialog only collects values: `save(values)` (given by the
caller) runs the undo command, and a refusal from the service is shown while the dialog
stays open with what the user typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.enums import RiskCategory, RiskResponse, RiskStatus
from ownersrep.domain.errors import OwnersRepError
from ownersrep.domain.risk_rules import (
    IMPACT_LABELS,
    PROBABILITY_LABELS,
    SCALE,
    risk_level,
    risk_score,
)
from ownersrep.services.party_service import PartyRef
from ownersrep.services.risk_service import RiskDTO
from ownersrep.ui.dates import DATE_FORMAT, to_date, to_qdate
from ownersrep.ui.form_widgets import text_box
from ownersrep.ui.risk_heat_map import level_swatch

Save = Callable[[dict[str, Any]], object]


def _enum_combo(enum: type[StrEnum], current: StrEnum) -> QComboBox:
    combo = QComboBox()
    for member in enum:
        combo.addItem(member.label, member.value)  # type: ignore[attr-defined]
    combo.setCurrentIndex(max(0, combo.findData(current.value)))
    return combo


def _scale_combo(labels: Mapping[int, str], current: int) -> QComboBox:
    combo = QComboBox()
    for n in SCALE:
        combo.addItem(f"{n} – {labels[n]}", n)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class RiskDialog(QDialog):
    """`RiskDialog(parties, save, today, risk=None)`: a new risk when `risk` is None."""

    def __init__(
        self,
        parties: Sequence[PartyRef],
        save: Save,
        today: date,
        risk: RiskDTO | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._risk = risk
        self.setWindowTitle(f"Edit risk {risk.number}" if risk else "New risk")
        self.setMinimumWidth(560)

        self.title = QLineEdit(risk.title if risk else "")
        self.title.setPlaceholderText("What might happen, in a few words")
        self.category = _enum_combo(
            RiskCategory, risk.category if risk else RiskCategory.CONSTRUCTION
        )
        self.cause = text_box(risk.cause if risk else "", 2, "Why it might happen")
        self.effect = text_box(
            risk.effect if risk else "", 2, "What it would do to cost, time or quality"
        )
        self.probability = _scale_combo(PROBABILITY_LABELS, risk.probability if risk else 3)
        self.impact = _scale_combo(IMPACT_LABELS, risk.impact if risk else 3)
        self.score = QLabel()
        self.score.setTextFormat(Qt.TextFormat.RichText)
        self.response = _enum_combo(RiskResponse, risk.response if risk else RiskResponse.MITIGATE)
        self.mitigation = text_box(
            risk.mitigation if risk else "", 3, "Actions that reduce the probability or impact"
        )
        self.owner = QComboBox()
        self.owner.addItem("— No owner —", None)
        for party in parties:
            self.owner.addItem(party.name, party.id)
        owner_id = risk.owner_id if risk else None
        self.owner.setCurrentIndex(max(0, self.owner.findData(owner_id)))
        self.status = _enum_combo(RiskStatus, risk.status if risk else RiskStatus.OPEN)
        self.raised_on = QDateEdit(to_qdate(risk.raised_on if risk else today))
        self.raised_on.setCalendarPopup(True)
        self.raised_on.setDisplayFormat(DATE_FORMAT)
        self.has_review = QCheckBox("Due on")
        self.review_on = QDateEdit()
        self.review_on.setCalendarPopup(True)
        self.review_on.setDisplayFormat(DATE_FORMAT)
        review = risk.review_on if risk else None
        self.has_review.setChecked(review is not None)
        self.review_on.setDate(to_qdate(review or today))
        self.review_on.setEnabled(review is not None)
        self.has_review.toggled.connect(self.review_on.setEnabled)

        review_row = QHBoxLayout()
        review_row.addWidget(self.has_review)
        review_row.addWidget(self.review_on, 1)
        scale_row = QHBoxLayout()
        scale_row.addWidget(self.probability, 1)
        impact_label = QLabel("&Impact:")
        impact_label.setBuddy(self.impact)
        scale_row.addWidget(impact_label)
        scale_row.addWidget(self.impact, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        number = QLabel(risk.number if risk else "Assigned when saved")
        number.setEnabled(risk is not None)
        form.addRow("Number:", number)
        form.addRow("&Title:", self.title)
        form.addRow("&Category:", self.category)
        form.addRow("Ca&use:", self.cause)
        form.addRow("&Effect:", self.effect)
        probability_label = QLabel("&Probability:")
        probability_label.setBuddy(self.probability)
        form.addRow(probability_label, scale_row)
        form.addRow("Score:", self.score)
        form.addRow("&Response:", self.response)
        form.addRow("&Mitigation:", self.mitigation)
        form.addRow("&Owner:", self.owner)
        form.addRow("&Status:", self.status)
        form.addRow("R&aised on:", self.raised_on)
        review_label = QLabel("Re&view:")
        review_label.setBuddy(self.has_review)
        form.addRow(review_label, review_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.probability.currentIndexChanged.connect(self._update_score)
        self.impact.currentIndexChanged.connect(self._update_score)
        self._update_score()
        self.title.setFocus()

    # -- values ----------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Every editable field, as the service takes them."""
        return {
            "title": self.title.text(),
            "category": self.category.currentData(),
            "cause": self.cause.toPlainText(),
            "effect": self.effect.toPlainText(),
            "probability": self.probability.currentData(),
            "impact": self.impact.currentData(),
            "response": self.response.currentData(),
            "mitigation": self.mitigation.toPlainText(),
            "owner_id": self.owner.currentData(),
            "status": self.status.currentData(),
            "raised_on": to_date(self.raised_on.date()),
            "review_on": to_date(self.review_on.date()) if self.has_review.isChecked() else None,
        }

    def changed_values(self) -> dict[str, Any]:
        """Only the fields that differ from the risk being edited (all, for a new one)."""
        values = self.values()
        if self._risk is None:
            return values
        return {k: v for k, v in values.items() if getattr(self._risk, k) != v}

    # -- accept ----------------------------------------------------------------------
    def accept(self) -> None:
        try:
            self._save(self.changed_values())
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            self._focus_field(err)
            return
        super().accept()

    def _focus_field(self, err: OwnersRepError) -> None:
        field = getattr(err, "field", "")
        widget = {
            "Title": self.title,
            "Probability": self.probability,
            "Impact": self.impact,
            "Owner": self.owner,
            "Review date": self.review_on,
            "Raised on": self.raised_on,
        }.get(field)
        if widget is not None:
            widget.setFocus()

    def _update_score(self) -> None:
        score = risk_score(self.probability.currentData(), self.impact.currentData())
        level = risk_level(score)
        swatch: QColor = level_swatch(level)
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        self.score.setText(
            f'<span style="color:{swatch.name()}; font-size:large">■</span> '
            f"<b>{score}</b> {level.value.capitalize()}"
            f' <span style="color:{muted.name()}">(probability × impact)</span>'
        )
