"""Add or edit one budget line: cost code, description, group, kind, the original
budget and, optionally, the rep's own estimate to complete."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from ownersrep.domain.cost.enums import BudgetLineKind
from ownersrep.domain.money import format_money
from ownersrep.services.cost_types import BudgetLineDTO
from ownersrep.ui.cost_dialog_base import (
    CostDialog,
    Save,
    enum_combo,
    money_edit,
    new_form,
    same_money,
)
from ownersrep.ui.form_widgets import buddy, choice_combo


class BudgetLineDialog(CostDialog):
    """`BudgetLineDialog(groups, save, line=None, derived_etc=None, tasks=())`: a new
    line when `line` is None. `groups` fills the group choices; `derived_etc` is what the
    ledger derives when no estimate to complete is entered; `tasks` are the (id, name)
    of the project's WBS elements, in outline order, the line may pay for."""

    def __init__(
        self,
        groups: Sequence[str],
        save: Save,
        line: BudgetLineDTO | None = None,
        derived_etc: Decimal | None = None,
        tasks: Sequence[tuple[int, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        title = f"Edit budget line {line.code}" if line else "New budget line"
        super().__init__(save, title, parent)
        self._line = line
        self.setMinimumWidth(520)

        self.code = QLineEdit(line.code if line else "")
        self.code.setPlaceholderText("Cost code, e.g. 03-300")
        self.description = QLineEdit(line.description if line else "")
        self.description.setPlaceholderText("e.g. Cast-in-place concrete")
        self.group = QComboBox()
        self.group.setEditable(True)
        self.group.addItems(["", *(g for g in groups if g)])
        self.group.setCurrentText(line.group if line else "")
        self.group.lineEdit().setPlaceholderText("e.g. 03 Concrete, or a workstream")
        self.kind = enum_combo(BudgetLineKind, line.kind if line else BudgetLineKind.COST)
        self.task = choice_combo(
            [("— The whole project —", None), *((name, tid) for tid, name in tasks)],
            line.task_id if line else None,
        )
        self.task.setToolTip(
            "Earned value spreads the line's budget over the tasks under this WBS element"
        )
        self.original = money_edit(line.original if line else None, "e.g. 1,250,000.00")
        entered = line.etc_override if line else None
        self.has_etc = QCheckBox("Enter my own estimate")
        self.has_etc.setChecked(entered is not None)
        derived = (
            f"Derived: {format_money(derived_etc)}"
            if derived_etc is not None
            else "Derived: revised budget − certified"
        )
        self.etc = money_edit(entered, derived)
        self.etc.setEnabled(entered is not None)
        self.has_etc.toggled.connect(self._on_has_etc_toggled)

        etc_row = QHBoxLayout()
        etc_row.addWidget(self.etc, 1)
        etc_row.addWidget(self.has_etc)
        form = new_form()
        form.addRow(buddy("&Code:", self.code), self.code)
        form.addRow(buddy("&Description:", self.description), self.description)
        form.addRow(buddy("&Group:", self.group), self.group)
        form.addRow(buddy("&Kind:", self.kind), self.kind)
        form.addRow(buddy("&WBS element:", self.task), self.task)
        form.addRow(buddy("&Original budget:", self.original), self.original)
        form.addRow(buddy("&Estimate to complete:", self.etc), etc_row)
        self.body.addLayout(form)
        self.code.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "code": self.code.text(),
            "description": self.description.text(),
            "group": self.group.currentText(),
            "kind": self.kind.currentData(),
            "task_id": self.task.currentData(),
            "original": self.original.text(),
            "etc_override": self.etc.text() if self.has_etc.isChecked() else None,
        }

    def changed_values(self) -> dict[str, Any]:
        values = self.values()
        line = self._line
        if line is None:
            return values
        out: dict[str, Any] = {}
        for key, value in values.items():
            old = getattr(line, key)
            if key in ("original", "etc_override"):
                if not same_money(old, value):
                    out[key] = value
            elif key == "kind":
                if value != old.value:
                    out[key] = value
            elif key == "task_id":
                if value != old:
                    out[key] = value
            elif value.strip() != old:
                out[key] = value
        return out

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "Code": self.code,
            "Description": self.description,
            "Group": self.group,
            "Kind": self.kind,
            "WBS element": self.task,
            "Original budget": self.original,
            "Estimate to complete": self.etc,
        }

    def _on_has_etc_toggled(self, on: bool) -> None:
        self.etc.setEnabled(on)
        if on:
            self.etc.setFocus()
        else:
            self.etc.clear()
