"""Add or edit one pay application (an invoice against a commitment): the period, what
was claimed, what the rep certifies, retainage released and the date paid. Retainage
held is worked out from the certified amount and the commitment's percentage (shown as
you type; the service stores it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ownersrep.domain.cost.amounts import retainage_on
from ownersrep.domain.money import format_money
from ownersrep.services.cost_types import CommitmentRow, PayApplicationDTO
from ownersrep.ui.cost_dialog_base import CostDialog, Save, money_edit, new_form, parsed, same_money
from ownersrep.ui.dates import date_edit, to_date
from ownersrep.ui.form_widgets import buddy, choice_combo

_DATES = ("period_end", "paid_on")


class PayApplicationDialog(CostDialog):
    """`PayApplicationDialog(commitments, save, today, pay=None, commitment_id=None)`: a
    new application for `commitment_id` (changeable) when `pay` is None; editing keeps
    the application's commitment."""

    def __init__(
        self,
        commitments: Sequence[CommitmentRow],
        save: Save,
        today: date,
        pay: PayApplicationDTO | None = None,
        commitment_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        p = pay
        title = (
            f"Edit pay application {p.commitment_number} #{p.number}"
            if p
            else "New pay application"
        )
        super().__init__(save, title, parent)
        self._pay = p
        self._percent = {c.id: c.retainage_percent for c in commitments}
        self.setMinimumWidth(500)

        choices = [(f"{c.number}  {c.title} ({c.party_name})", c.id) for c in commitments]
        self.commitment = choice_combo(choices, p.commitment_id if p else commitment_id)
        self.commitment.setEnabled(p is None)
        self.number = QSpinBox()
        self.number.setRange(0, 9999)
        self.number.setSpecialValueText("Next")
        self.number.setValue(p.number if p else 0)
        self.period_end = date_edit(p.period_end if p else today)
        self.claimed = money_edit(p.claimed if p else None, "What the contractor claims")
        self.certified = money_edit(p.certified if p else None, "What you certify")
        self.same_button = QPushButton("= &claimed")
        self.same_button.setToolTip("Certify the whole amount claimed")
        self.held = QLabel()
        self.released = money_edit(p.retainage_released if p else Decimal("0.00"))
        self.paid = QCheckBox("Paid on")
        self.paid.setChecked(bool(p and p.paid_on))
        self.paid_on = date_edit((p.paid_on if p else None) or today)
        self.paid_on.setEnabled(self.paid.isChecked())
        self.paid.toggled.connect(self.paid_on.setEnabled)

        certified_row = QHBoxLayout()
        certified_row.addWidget(self.certified, 1)
        certified_row.addWidget(self.same_button)
        paid_row = QHBoxLayout()
        paid_row.addWidget(self.paid)
        paid_row.addWidget(self.paid_on, 1)
        form = new_form()
        form.addRow(buddy("C&ommitment:", self.commitment), self.commitment)
        form.addRow(buddy("&Number:", self.number), self.number)
        form.addRow(buddy("&Period end:", self.period_end), self.period_end)
        form.addRow(buddy("C&laimed:", self.claimed), self.claimed)
        form.addRow(buddy("C&ertified:", self.certified), certified_row)
        form.addRow("Retainage held:", self.held)
        form.addRow(buddy("Retainage &released:", self.released), self.released)
        form.addRow(buddy("Pai&d:", self.paid), paid_row)
        self.body.addLayout(form)

        self.same_button.clicked.connect(lambda: self.certified.setText(self.claimed.text()))
        self.certified.textChanged.connect(self._update_held)
        self.commitment.currentIndexChanged.connect(self._update_held)
        self._update_held()
        (self.claimed if p is None else self.certified).setFocus()

    def commitment_id(self) -> int | None:
        value = self.commitment.currentData()
        return None if value is None else int(value)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "period_end": to_date(self.period_end.date()),
            "claimed": self.claimed.text(),
            "certified": self.certified.text(),
            "retainage_released": self.released.text(),
            "paid_on": to_date(self.paid_on.date()) if self.paid.isChecked() else None,
        }
        if self.number.value():
            values["number"] = self.number.value()
        return values

    def changed_values(self) -> dict[str, Any]:
        """For a new one: every field plus `commitment_id`; else only what changed."""
        values = self.values()
        p = self._pay
        if p is None:
            return {"commitment_id": self.commitment_id(), **values}
        out: dict[str, Any] = {}
        for key, value in values.items():
            old = getattr(p, key)
            changed = (
                value != old if key in _DATES or key == "number" else not same_money(old, value)
            )
            if changed:
                out[key] = value
        return out

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "Number": self.number,
            "Period end": self.period_end,
            "Claimed": self.claimed,
            "Certified": self.certified,
            "Retainage released": self.released,
            "Paid on": self.paid_on,
        }

    def _update_held(self, *_args: object) -> None:
        percent = self._percent.get(self.commitment_id() or -1)
        certified = parsed(self.certified.text())
        if percent is None:
            self.held.setText("—")
        elif certified is None:
            self.held.setText(f"{percent:.2f} % of the certified amount")
        else:
            held = retainage_on(certified, percent)
            self.held.setText(f"{format_money(held)}  ({percent:.2f} % of the certified amount)")
