"""Move a change order to its next status: submit (with the date submitted), approve
(with the date and the name of whoever approved it for the owner), reject or void.
`save(on, by)` runs the undo command; a refusal (an approval that would bill a
commitment beyond its revised amount, or overdraw contingency) keeps the dialog open."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.domain.money import format_money
from ownersrep.services.cost_types import ChangeOrderDTO
from ownersrep.ui.commands.cost_commands import STATUS_VERBS
from ownersrep.ui.cost_dialog_base import CostDialog, new_form
from ownersrep.ui.dates import date_edit, to_date
from ownersrep.ui.form_widgets import buddy

SaveStatus = Callable[[date | None, str | None], object]

_EFFECT = {
    ChangeStatus.PENDING: "It is sent to the owner for a decision and stays pending exposure.",
    ChangeStatus.APPROVED: "Approving revises the budget line (and the commitment, if any) by "
    "its cost. It is then final.",
    ChangeStatus.REJECTED: "A rejected change order no longer counts as exposure. It is final.",
    ChangeStatus.VOID: "A void change order no longer counts as exposure. It is final.",
}


class ChangeStatusDialog(CostDialog):
    def __init__(
        self,
        change: ChangeOrderDTO,
        status: ChangeStatus,
        today: date,
        save: SaveStatus,
        currency: str = "",
        parent: QWidget | None = None,
    ) -> None:
        verb = STATUS_VERBS[status]
        title = f"{verb} change order {change.number}"
        super().__init__(lambda _values: save(*self.date_and_name()), title, parent)
        self.status = status
        self.setMinimumWidth(460)
        cost = format_money(change.cost, currency)
        summary = QLabel(
            f"<b>{change.number}</b> {change.title}<br>Cost {cost}, "
            f"{change.time_impact_days} days · now {change.status.label.lower()}"
        )
        summary.setWordWrap(True)
        effect = QLabel(_EFFECT.get(status, ""))
        effect.setWordWrap(True)
        form = new_form()
        form.addRow(summary)
        form.addRow(effect)
        self.on_date = date_edit(today)
        self.by = QLineEdit()
        self.by.setPlaceholderText("Who approved it for the owner")
        if status is ChangeStatus.PENDING:
            form.addRow(buddy("&Submitted on:", self.on_date), self.on_date)
        elif status is ChangeStatus.APPROVED:
            form.addRow(buddy("&Approved on:", self.on_date), self.on_date)
            form.addRow(buddy("Approved &by:", self.by), self.by)
        self.body.addLayout(form)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(verb)
        (self.by if status is ChangeStatus.APPROVED else self.on_date).setFocus()

    def changed_values(self) -> dict[str, Any]:
        return {}

    def date_and_name(self) -> tuple[date | None, str | None]:
        if self.status is ChangeStatus.PENDING:
            return to_date(self.on_date.date()), None
        if self.status is ChangeStatus.APPROVED:
            return to_date(self.on_date.date()), self.by.text()
        return None, None

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {"Approved by": self.by, "Approved on": self.on_date, "Date": self.on_date}
