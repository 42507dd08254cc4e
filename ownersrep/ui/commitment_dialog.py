"""Add or edit one commitment (a contract or purchase order): party, amount, retainage
and the budget lines it draws on.

The lines are ticked in a small table with the amount drawn on each. With one line
ticked, its amount follows the commitment's amount; with several, the amounts must add
up to it (the service says by how much they do not)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ownersrep.domain.cost.amounts import total
from ownersrep.domain.cost.enums import CommitmentKind
from ownersrep.domain.money import format_money
from ownersrep.services.cost_types import BudgetLineDTO, CommitmentDTO
from ownersrep.services.party_service import PartyRef
from ownersrep.ui.cost_dialog_base import CostDialog, Save, enum_combo, money_edit, new_form, parsed
from ownersrep.ui.form_widgets import buddy, choice_combo

COL_LINE, COL_AMOUNT = range(2)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CommitmentDialog(CostDialog):
    """`CommitmentDialog(parties, lines, save, commitment=None)`: a new commitment when
    `commitment` is None. `lines` are the project's cost lines it may draw on."""

    def __init__(
        self,
        parties: Sequence[PartyRef],
        lines: Sequence[BudgetLineDTO],
        save: Save,
        commitment: CommitmentDTO | None = None,
        parent: QWidget | None = None,
    ) -> None:
        c = commitment
        super().__init__(save, f"Edit commitment {c.number}" if c else "New commitment", parent)
        self._commitment = c
        self._lines = list(lines)
        self.setMinimumWidth(600)

        self.number = QLineEdit(c.number if c else "")
        self.number.setPlaceholderText("Automatic: CT-001 or PO-001" if c is None else "")
        self.title = QLineEdit(c.title if c else "")
        self.title.setPlaceholderText("e.g. General contract, or Architect — design services")
        self.kind = enum_combo(CommitmentKind, c.kind if c else CommitmentKind.CONTRACT)
        people = [("— Choose a party —", None), *((p.name, p.id) for p in parties)]
        self.party = choice_combo(people, c.party_id if c else None)
        self.amount = money_edit(c.amount if c else None, "e.g. 9,850,000.00")
        self.retainage = QLineEdit(f"{c.retainage_percent:.2f}" if c else "")
        self.retainage.setPlaceholderText("e.g. 5 (per cent; empty for none)")
        self.retainage.setAlignment(_RIGHT)

        drawn = {cl.budget_line_id: cl.amount for cl in c.lines} if c else {}
        self.lines_table = QTableWidget(len(self._lines), 2)
        self.lines_table.setHorizontalHeaderLabels(["Budget line", "Amount drawn"])
        self.lines_table.verticalHeader().hide()
        self.lines_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.lines_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.lines_table.horizontalHeader()
        header.setSectionResizeMode(COL_LINE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_AMOUNT, self.amount.minimumWidth())
        for row, line in enumerate(self._lines):
            name = QTableWidgetItem(f"{line.code}  {line.description}")
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(
                Qt.CheckState.Checked if line.id in drawn else Qt.CheckState.Unchecked
            )
            name.setData(Qt.ItemDataRole.UserRole, line.id)
            amount = QTableWidgetItem(format_money(drawn.get(line.id)))
            amount.setTextAlignment(_RIGHT)
            self.lines_table.setItem(row, COL_LINE, name)
            self.lines_table.setItem(row, COL_AMOUNT, amount)
        rows = min(max(len(self._lines), 3), 8)
        self.lines_table.setFixedHeight(
            header.sizeHint().height() + rows * self.lines_table.rowHeight(0) + 4
            if self._lines
            else 80
        )
        self.drawn_label = QLabel()
        self.drawn_label.setWordWrap(True)

        form = new_form()
        form.addRow(buddy("&Number:", self.number), self.number)
        form.addRow(buddy("&Title:", self.title), self.title)
        form.addRow(buddy("&Kind:", self.kind), self.kind)
        form.addRow(buddy("&Party:", self.party), self.party)
        form.addRow(buddy("&Amount:", self.amount), self.amount)
        form.addRow(buddy("&Retainage %:", self.retainage), self.retainage)
        form.addRow(buddy("&Budget lines:", self.lines_table), self.lines_table)
        form.addRow("", self.drawn_label)
        self.body.addLayout(form)

        self.amount.textChanged.connect(self._on_amount_text_changed)
        self.lines_table.itemChanged.connect(self._on_lines_table_item_changed)
        self._update_drawn()
        self.title.setFocus()

    # -- values ----------------------------------------------------------------------------
    def ticked(self) -> list[tuple[int, str]]:
        """(budget line id, amount text) of the ticked lines."""
        out = []
        for row in range(self.lines_table.rowCount()):
            name = self.lines_table.item(row, COL_LINE)
            if name.checkState() == Qt.CheckState.Checked:
                amount = self.lines_table.item(row, COL_AMOUNT).text()
                out.append((int(name.data(Qt.ItemDataRole.UserRole)), amount))
        return out

    def lines_value(self) -> dict[int, str] | int | None:
        """{line id: amount text}; one ticked line with no amount takes the whole amount
        (its id alone); None when no line is ticked (the service asks for one)."""
        ticked = self.ticked()
        if len(ticked) == 1 and not ticked[0][1].strip():
            return ticked[0][0]
        return {line_id: amount for line_id, amount in ticked} or None

    def values(self) -> dict[str, Any]:
        values = {
            "number": self.number.text(),
            "title": self.title.text(),
            "kind": self.kind.currentData(),
            "party_id": self.party.currentData(),
            "amount": self.amount.text(),
            "retainage_percent": self.retainage.text(),
            "lines": self.lines_value(),
        }
        if values["lines"] is None:
            values["lines"] = {}
        return values

    def changed_values(self) -> dict[str, Any]:
        values = self.values()
        c = self._commitment
        if c is None:
            if not values["number"].strip():
                del values["number"]
            return values
        out: dict[str, Any] = {}
        if values["number"].strip() != c.number:
            out["number"] = values["number"]
        if values["title"].strip() != c.title:
            out["title"] = values["title"]
        if values["kind"] != c.kind.value:
            out["kind"] = values["kind"]
        if values["party_id"] != c.party_id:
            out["party_id"] = values["party_id"]
        amount = parsed(values["amount"])
        if amount != c.amount:
            out["amount"] = values["amount"]
        percent = parsed(values["retainage_percent"].replace("%", "")) or Decimal("0.00")
        if percent != c.retainage_percent:
            out["retainage_percent"] = values["retainage_percent"]
        if self._wanted_lines(amount) != {cl.budget_line_id: cl.amount for cl in c.lines}:
            out["lines"] = values["lines"]
        return out

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "Number": self.number,
            "Title": self.title,
            "Kind": self.kind,
            "Party": self.party,
            "Amount": self.amount,
            "Retainage": self.retainage,
            "Budget lines": self.lines_table,
        }

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        ticked_rows = [
            r
            for r in range(self.lines_table.rowCount())
            if self.lines_table.item(r, COL_LINE).checkState() == Qt.CheckState.Checked
        ]
        if ticked_rows:  # show what it draws on, not the top of a long budget
            self.lines_table.scrollToItem(
                self.lines_table.item(ticked_rows[0], COL_LINE),
                QAbstractItemView.ScrollHint.PositionAtTop,
            )

    # -- internals -------------------------------------------------------------------------
    def _wanted_lines(self, amount: Decimal | None) -> dict[int, Decimal | None]:
        lines = self.lines_value()
        if isinstance(lines, int):
            return {lines: amount}
        return {line_id: parsed(text) for line_id, text in (lines or {}).items()}

    def _update_drawn(self) -> None:
        ticked = self.ticked()
        amounts = [parsed(text) for _line, text in ticked]
        amount = parsed(self.amount.text())
        if not ticked:
            self.drawn_label.setText("Tick the budget lines the commitment draws on.")
            return
        if len(ticked) == 1 and amounts[0] is None:
            self.drawn_label.setText("The whole amount is drawn on the ticked line.")
            return
        drawn = total(a for a in amounts if a is not None)
        text = f"Drawn on {len(ticked)} line{'s' if len(ticked) > 1 else ''}: {format_money(drawn)}"
        if amount is not None and drawn != amount:
            text += f" — {format_money(amount - drawn)} still to place"
        self.drawn_label.setText(text)

    def _on_amount_text_changed(self, text: str) -> None:
        ticked = self.ticked()
        if len(ticked) == 1:  # a single line follows the amount
            row = next(
                r
                for r in range(self.lines_table.rowCount())
                if self.lines_table.item(r, COL_LINE).checkState() == Qt.CheckState.Checked
            )
            self.lines_table.item(row, COL_AMOUNT).setText(text)
        self._update_drawn()

    def _on_lines_table_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COL_LINE and item.checkState() == Qt.CheckState.Checked:
            amount = self.lines_table.item(item.row(), COL_AMOUNT)
            if amount is not None and not amount.text() and len(self.ticked()) == 1:
                amount.setText(self.amount.text())
        elif item.column() == COL_LINE:
            amount = self.lines_table.item(item.row(), COL_AMOUNT)
            if amount is not None:
                amount.setText("")
        self._update_drawn()
