"""The commitments table: contracts and purchase orders with what they draw, what was
certified and paid against them, and the ledger's totals at the bottom."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ownersrep.domain.cost.amounts import percent_of
from ownersrep.services.cost_types import CommitmentRow, CostLedger
from ownersrep.ui.cost_table_model import ROW, TOTAL, CostItem, CostTableModel, number_key

(
    COL_NUMBER,
    COL_TITLE,
    COL_PARTY,
    COL_LINES,
    COL_RETAINAGE_PERCENT,
    COL_AMOUNT,
    COL_APPROVED,
    COL_REVISED,
    COL_EXPOSURE,
    COL_CERTIFIED,
    COL_RETAINAGE,
    COL_PAID,
    COL_REMAINING,
    COL_BILLED,
) = range(14)

HEADERS = (
    "Number",
    "Title",
    "Party",
    "Budget lines",
    "Retainage",
    "Amount",
    "Approved\nchanges",
    "Revised",
    "Pending\nexposure",
    "Certified",
    "Retainage\nheld",
    "Paid",
    "Still to\nbill",
    "Billed",
)
#: Shown from the header's context menu.
HIDDEN_BY_DEFAULT = (COL_LINES, COL_RETAINAGE_PERCENT)
TIPS = {
    COL_LINES: "The budget lines the commitment draws on",
    COL_RETAINAGE_PERCENT: "Share of each certified amount held back until release",
    COL_AMOUNT: "The amount of the contract or order as awarded",
    COL_APPROVED: "Approved change orders on the commitment",
    COL_REVISED: "Amount + approved changes: billing may not go beyond it",
    COL_EXPOSURE: "Cost of potential and pending change orders on the commitment",
    COL_CERTIFIED: "Certified to date by the owner's representative",
    COL_RETAINAGE: "Retainage held and not yet released",
    COL_PAID: "Net payments made (certified − retainage, on paid applications)",
    COL_REMAINING: "Revised − certified",
    COL_BILLED: "Certified as a share of the revised commitment",
}
COLUMN_SAMPLES = {
    COL_NUMBER: "CT-0000",
    COL_TITLE: "Architect and engineer",
    COL_PARTY: "Summit Builders",
    COL_LINES: "03-300, 05-100",
    COL_RETAINAGE_PERCENT: "10.0 %",
    COL_BILLED: "100.0 %",
    **{c: "14,000,000.00" for c in range(COL_AMOUNT, COL_REMAINING + 1)},
}
_FIGURE = {
    COL_AMOUNT: "amount",
    COL_APPROVED: "approved",
    COL_REVISED: "revised",
    COL_EXPOSURE: "exposure",
    COL_CERTIFIED: "certified",
    COL_RETAINAGE: "retainage",
    COL_PAID: "paid",
    COL_REMAINING: "remaining",
}


def _commitments(n: int) -> str:
    return f"{n} commitment{'s' if n != 1 else ''}"


class CommitmentTableModel(CostTableModel):
    HEADERS = HEADERS
    TIPS = TIPS
    MONEY = frozenset(_FIGURE)
    PERCENT = frozenset({COL_RETAINAGE_PERCENT, COL_BILLED})
    NEGATIVE_IS_BAD = frozenset({COL_REMAINING})

    def set_ledger(self, ledger: CostLedger | None) -> None:
        if ledger is None or not ledger.commitments:
            self.set_items([])
            return
        self.set_currency(ledger.currency)
        items = [CostItem(ROW, c.id, c) for c in ledger.commitments]
        items.append(CostItem(TOTAL, TOTAL, ledger.commitment_totals))
        self.set_items(items)

    def value(self, item: CostItem, column: int) -> Any:
        obj = item.obj
        if column in _FIGURE:
            return getattr(obj, _FIGURE[column])
        if column == COL_BILLED:
            return percent_of(obj.certified, obj.revised)
        if item.kind == TOTAL:
            return {COL_NUMBER: "Total", COL_TITLE: _commitments(len(self.records()))}.get(column)
        c: CommitmentRow = obj
        if column == COL_NUMBER:
            return c.number
        if column == COL_TITLE:
            return c.title
        if column == COL_PARTY:
            return c.party_name
        if column == COL_LINES:
            return c.line_codes
        if column == COL_RETAINAGE_PERCENT:
            return c.retainage_percent
        return None

    def sort_value(self, item: CostItem, column: int) -> Any:
        if column == COL_NUMBER and item.kind == ROW:
            return number_key(item.obj.number)
        return self.value(item, column)

    def tooltip(self, item: CostItem, column: int) -> str | None:
        if item.kind == ROW and column in (COL_NUMBER, COL_TITLE):
            c: CommitmentRow = item.obj
            return f"{c.number} {c.title}\n{c.kind.label} with {c.party_name or 'no party'}"
        if item.kind == ROW and column == COL_RETAINAGE_PERCENT:
            return f"{item.obj.retainage_percent:.2f} % of each certificate is held back"
        value = self.value(item, column)
        if column == COL_BILLED and isinstance(value, Decimal):
            return f"{value:.2f} % of the revised commitment certified"
        return super().tooltip(item, column)
