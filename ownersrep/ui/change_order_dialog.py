"""Add or edit one change order: what, why, how much and how long, and what it revises
(a commitment, a budget line, a draw on contingency). The status is not edited here: it
moves with Submit, Approve, Reject and Void (see change_status_dialog). An approved
change order's cost and links are final, so they are shown but locked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ownersrep.domain.cost.enums import BudgetLineKind, ChangeReason, ChangeStatus
from ownersrep.services.cost_types import BudgetLineDTO, ChangeOrderDTO, CommitmentDTO
from ownersrep.ui.cost_dialog_base import (
    CostDialog,
    Save,
    enum_combo,
    money_edit,
    new_form,
    same_money,
)
from ownersrep.ui.form_widgets import buddy, choice_combo, text_box

MAX_DAYS = 3650


def status_text(c: ChangeOrderDTO) -> str:
    """ "Approved on 12 Oct 2026 by J. Ortiz (submitted 2 Oct 2026)" and the like."""
    text = c.status.label
    if c.status is ChangeStatus.APPROVED and c.approved_on is not None:
        text += f" on {c.approved_on:%d %b %Y}"
        if c.approved_by:
            text += f" by {c.approved_by}"
    if c.submitted_on is not None:
        text += f" (submitted {c.submitted_on:%d %b %Y})"
    return text


def _line_text(line: BudgetLineDTO) -> str:
    kind = " (contingency)" if line.kind is BudgetLineKind.CONTINGENCY else ""
    return f"{line.code}  {line.description}{kind}"


class ChangeOrderDialog(CostDialog):
    """`ChangeOrderDialog(commitments, lines, save, change=None)`: a new (potential)
    change order when `change` is None."""

    def __init__(
        self,
        commitments: Sequence[CommitmentDTO],
        lines: Sequence[BudgetLineDTO],
        save: Save,
        change: ChangeOrderDTO | None = None,
        parent: QWidget | None = None,
    ) -> None:
        c = change
        super().__init__(save, f"Edit change order {c.number}" if c else "New change order", parent)
        self._change = c
        self.setMinimumWidth(560)

        self.title = QLineEdit(c.title if c else "")
        self.title.setPlaceholderText("e.g. Additional lead shielding in imaging suite")
        self.reason = enum_combo(ChangeReason, c.reason if c else ChangeReason.OWNER_REQUEST)
        self.description = text_box(
            c.description if c else "", 3, "Scope, references to RFIs, drawings or letters…"
        )
        self.cost = money_edit(c.cost if c else None, "e.g. 48,250.00, or -6,400 for a credit")
        self.days = QSpinBox()
        self.days.setRange(-MAX_DAYS, MAX_DAYS)
        self.days.setSuffix(" days")
        self.days.setValue(c.time_impact_days if c else 0)
        self.days.setToolTip("Time impact; negative when time is saved")
        commitment_choices = [
            ("— No commitment —", None),
            *((f"{m.number}  {m.title} ({m.party_name})", m.id) for m in commitments),
        ]
        self.commitment = choice_combo(commitment_choices, c.commitment_id if c else None)
        contingency = [ln for ln in lines if ln.kind is BudgetLineKind.CONTINGENCY]
        self.line = choice_combo(
            [("— No budget line yet —", None), *((_line_text(ln), ln.id) for ln in lines)],
            c.budget_line_id if c else None,
        )
        self.from_contingency = QCheckBox("Draw the cost from contingency")
        self.from_contingency.setChecked(bool(c and c.from_contingency))
        self.from_contingency.setEnabled(bool(contingency) or bool(c and c.from_contingency))
        self.contingency = choice_combo(
            [(f"{ln.code}  {ln.description}", ln.id) for ln in contingency],
            c.contingency_line_id if c else None,
        )
        self.contingency.setEnabled(self.from_contingency.isChecked())
        self.from_contingency.toggled.connect(self.contingency.setEnabled)

        form = new_form()
        if c is not None:
            form.addRow("Number:", QLabel(f"<b>{c.number}</b>"))
            form.addRow("Status:", QLabel(status_text(c)))
        else:
            form.addRow("Number:", QLabel("Assigned when saved; a new change order is potential"))
        form.addRow(buddy("&Title:", self.title), self.title)
        form.addRow(buddy("&Reason:", self.reason), self.reason)
        form.addRow(buddy("D&escription:", self.description), self.description)
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.cost, 1)
        cost_row.addSpacing(12)
        cost_row.addWidget(buddy("Ti&me impact:", self.days))
        cost_row.addWidget(self.days)
        form.addRow(buddy("&Cost:", self.cost), cost_row)
        form.addRow(buddy("C&ommitment:", self.commitment), self.commitment)
        form.addRow(buddy("&Budget line:", self.line), self.line)
        form.addRow("", self.from_contingency)
        form.addRow(buddy("Contin&gency line:", self.contingency), self.contingency)
        if c is not None and c.status is ChangeStatus.APPROVED:
            for widget in self._locked():
                widget.setEnabled(False)
            note = QLabel("Approved: its cost and what it revises are final. To take it "
                          "back, record a new change order with the opposite cost.")  # fmt: skip
            note.setWordWrap(True)
            form.addRow("", note)
        self.body.addLayout(form)
        self.title.setFocus()

    def _locked(self) -> list[QWidget]:
        return [self.cost, self.commitment, self.line, self.from_contingency, self.contingency]

    def values(self) -> dict[str, Any]:
        drawn = self.from_contingency.isChecked()
        return {
            "title": self.title.text(),
            "reason": self.reason.currentData(),
            "description": self.description.toPlainText(),
            "cost": self.cost.text(),
            "time_impact_days": self.days.value(),
            "commitment_id": self.commitment.currentData(),
            "budget_line_id": self.line.currentData(),
            "from_contingency": drawn,
            "contingency_line_id": self.contingency.currentData() if drawn else None,
        }

    def changed_values(self) -> dict[str, Any]:
        values = self.values()
        c = self._change
        if c is None:
            return values
        out: dict[str, Any] = {}
        for key, value in values.items():
            old = getattr(c, key)
            if key == "cost":
                changed = not same_money(old, value)
            elif key == "reason":
                changed = value != old.value
            elif isinstance(value, str):
                changed = value.strip() != old
            else:
                changed = value != old
            if changed:
                out[key] = value
        if c.status is ChangeStatus.APPROVED:  # locked: never sent
            for key in ("cost", "commitment_id", "budget_line_id", "from_contingency"):
                out.pop(key, None)
            out.pop("contingency_line_id", None)
        return out

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "Title": self.title,
            "Reason": self.reason,
            "Description": self.description,
            "Cost": self.cost,
            "Time impact": self.days,
            "Commitment": self.commitment,
            "Budget line": self.line,
            "From contingency": self.from_contingency,
            "Contingency line": self.contingency,
        }
