"""The change log: every change order with its status in words, its cost split into
approved and pending exposure, and a totals row that matches the ledger's change log
(approved cost; exposure = potential + pending)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ownersrep.domain.cost.amounts import total
from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.services.cost_types import ChangeOrderDTO
from ownersrep.ui.cost_table_model import (
    ROW,
    TOTAL,
    WARN_INK,
    CostItem,
    CostTableModel,
    number_key,
)

(
    COL_NUMBER,
    COL_TITLE,
    COL_STATUS,
    COL_REASON,
    COL_COMMITMENT,
    COL_LINE,
    COL_COST,
    COL_APPROVED,
    COL_EXPOSURE,
    COL_DAYS,
    COL_SUBMITTED,
    COL_APPROVED_ON,
    COL_APPROVED_BY,
) = range(13)

HEADERS = (
    "Number",
    "Title",
    "Status",
    "Reason",
    "Commitment",
    "Budget line",
    "Cost",
    "Approved",
    "Pending\nexposure",
    "Days",
    "Submitted",
    "Approved\non",
    "Approved\nby",
)
TIPS = {
    COL_STATUS: "Potential → pending → approved or rejected; potential or pending → void",
    COL_LINE: "The budget line the change revises (and the contingency it draws on)",
    COL_COST: "The change's cost; negative for a credit",
    COL_APPROVED: "Cost of approved changes: part of the revised budget",
    COL_EXPOSURE: "Cost of potential and pending changes: may still come",
    COL_DAYS: "Time impact in calendar days; negative when time is saved",
}
#: Shown from the header's context menu (the reason is also in the row's tooltip).
HIDDEN_BY_DEFAULT = (COL_REASON,)
COLUMN_SAMPLES = {
    COL_NUMBER: "CO-0000",
    COL_TITLE: "Lead shielding in imaging suite",
    COL_STATUS: "Potential",
    COL_REASON: "Unforeseen condition",
    COL_COMMITMENT: "CT-0000",
    COL_LINE: "05-100 ← 99-000",
    COL_COST: "−1,250,000.00",
    COL_APPROVED: "1,250,000.00",
    COL_EXPOSURE: "1,250,000.00",
    COL_DAYS: "−365",
    COL_SUBMITTED: "21 Nov 2026",
    COL_APPROVED_ON: "21 Nov 2026",
    COL_APPROVED_BY: "M. Okafor (Trust)",
}
STATUS_ORDER = {s: n for n, s in enumerate(ChangeStatus)}


def exposure_of(change: ChangeOrderDTO) -> Decimal | None:
    return change.cost if change.status.is_exposure else None


def approved_of(change: ChangeOrderDTO) -> Decimal | None:
    return change.cost if change.status is ChangeStatus.APPROVED else None


def _changes(n: int) -> str:
    return f"{n} change order{'s' if n != 1 else ''}"


class ChangeOrderTableModel(CostTableModel):
    HEADERS = HEADERS
    TIPS = TIPS
    MONEY = frozenset({COL_COST, COL_APPROVED, COL_EXPOSURE})
    NUMBERS = frozenset({COL_DAYS})

    def set_changes(self, changes: list[ChangeOrderDTO], currency: str = "") -> None:
        if currency:
            self.set_currency(currency)
        if not changes:
            self.set_items([])
            return
        totals = (
            total(a for c in changes if (a := approved_of(c)) is not None),
            total(e for c in changes if (e := exposure_of(c)) is not None),
        )
        items = [CostItem(ROW, c.id, c) for c in changes]
        items.append(CostItem(TOTAL, TOTAL, totals))
        self.set_items(items)

    def value(self, item: CostItem, column: int) -> Any:
        if item.kind == TOTAL:
            approved, exposure = item.obj
            return {
                COL_NUMBER: "Total",
                COL_TITLE: _changes(len(self.records())),
                COL_APPROVED: approved,
                COL_EXPOSURE: exposure,
            }.get(column)
        c: ChangeOrderDTO = item.obj
        if column == COL_NUMBER:
            return c.number
        if column == COL_TITLE:
            return c.title
        if column == COL_STATUS:
            return c.status.label
        if column == COL_REASON:
            return c.reason.label
        if column == COL_COMMITMENT:
            return c.commitment_number
        if column == COL_LINE:
            if c.from_contingency and c.contingency_line_code:
                return f"{c.budget_line_code or '—'} ← {c.contingency_line_code}"
            return c.budget_line_code
        if column == COL_COST:
            return c.cost
        if column == COL_APPROVED:
            return approved_of(c)
        if column == COL_EXPOSURE:
            return exposure_of(c)
        if column == COL_DAYS:
            return c.time_impact_days or None
        if column == COL_SUBMITTED:
            return c.submitted_on
        if column == COL_APPROVED_ON:
            return c.approved_on
        return c.approved_by

    def sort_value(self, item: CostItem, column: int) -> Any:
        if item.kind == ROW and column == COL_NUMBER:
            return number_key(item.obj.number)
        if item.kind == ROW and column == COL_STATUS:
            return STATUS_ORDER[item.obj.status]
        return self.value(item, column)

    def tooltip(self, item: CostItem, column: int) -> str | None:
        if item.kind == ROW and column in (COL_NUMBER, COL_TITLE, COL_STATUS):
            c: ChangeOrderDTO = item.obj
            lines = [f"{c.number} {c.title}", f"Status: {c.status.label} · {c.reason.label}"]
            if c.description:
                lines.append(c.description)
            if c.next_statuses:
                lines.append("Can become " + " or ".join(s.label.lower() for s in c.next_statuses))
            return "\n".join(lines)
        if item.kind == ROW and column == COL_LINE and item.obj.from_contingency:
            c = item.obj
            return f"Revises {c.budget_line_code or 'no line yet'}, drawn from contingency " + (
                c.contingency_line_code
            )
        return super().tooltip(item, column)

    def foreground(self, item: CostItem, column: int) -> QColor | None:
        if item.kind != ROW:
            return None
        status = item.obj.status
        if status in (ChangeStatus.REJECTED, ChangeStatus.VOID):
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if status.is_exposure and column in (COL_STATUS, COL_EXPOSURE):
            return WARN_INK
        return None


__all__ = ["ChangeOrderTableModel"]
