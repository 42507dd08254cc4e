"""The pay applications (invoices) table: one row per application, those of one
commitment or of all, with totals of the rows shown (for one commitment they match its
row in the commitments table; for all, the ledger's commitment totals)."""

from __future__ import annotations

from typing import Any

from ownersrep.domain.cost.amounts import total
from ownersrep.services.cost_types import PayApplicationDTO
from ownersrep.ui.cost_table_model import ROW, TOTAL, CostItem, CostTableModel, number_key

(
    COL_PERIOD,
    COL_COMMITMENT,
    COL_PARTY,
    COL_NUMBER,
    COL_CLAIMED,
    COL_CERTIFIED,
    COL_HELD,
    COL_RELEASED,
    COL_NET,
    COL_PAID_ON,
    COL_TO_DATE,
) = range(11)

HEADERS = (
    "Period end",
    "Commitment",
    "Party",
    "No.",
    "Claimed",
    "Certified",
    "Retainage\nheld",
    "Retainage\nreleased",
    "Net\npayment",
    "Paid on",
    "Certified\nto date",
)
TIPS = {
    COL_NUMBER: "The application's number for its commitment",
    COL_CLAIMED: "What the contractor or consultant claimed",
    COL_CERTIFIED: "What you certified: never more than claimed",
    COL_HELD: "Certified × the commitment's retainage percentage",
    COL_RELEASED: "Retainage paid back with this application",
    COL_NET: "Certified − retainage held + retainage released",
    COL_PAID_ON: "Empty until the owner pays it",
    COL_TO_DATE: "The commitment's certificates up to and including this one",
}
COLUMN_SAMPLES = {
    COL_PERIOD: "30 Sep 2026",
    COL_COMMITMENT: "CT-0000",
    COL_PARTY: "Summit Builders Ltd",
    COL_NUMBER: "No. 00",
    COL_PAID_ON: "30 Sep 2026",
    **{c: "14,000,000.00" for c in (COL_CLAIMED, COL_CERTIFIED, COL_HELD, COL_RELEASED)},
    COL_NET: "14,000,000.00",
    COL_TO_DATE: "14,000,000.00",
}
_SUMMED = {
    COL_CLAIMED: "claimed",
    COL_CERTIFIED: "certified",
    COL_HELD: "retainage_held",
    COL_RELEASED: "retainage_released",
    COL_NET: "net",
}


class PayApplicationTableModel(CostTableModel):
    HEADERS = HEADERS
    TIPS = TIPS
    MONEY = frozenset({*_SUMMED, COL_TO_DATE})
    NUMBERS = frozenset({COL_NUMBER})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[PayApplicationDTO] = []
        self._commitment_id: int | None = None

    def set_pay_applications(self, pays: list[PayApplicationDTO], currency: str = "") -> None:
        """Every pay application of the project; the commitment filter picks the shown."""
        if currency:
            self.set_currency(currency)
        self._all = list(pays)
        self._refilter()

    def set_commitment_filter(self, commitment_id: int | None) -> None:
        """Show one commitment's applications (None: every commitment's)."""
        if commitment_id != self._commitment_id:
            self._commitment_id = commitment_id
            self._refilter()

    def commitment_filter(self) -> int | None:
        return self._commitment_id

    def all_count(self) -> int:
        return len(self._all)

    def _refilter(self) -> None:
        shown = [p for p in self._all if self._commitment_id in (None, p.commitment_id)]
        if not shown:
            self.set_items([])
            return
        totals = {attr: total(getattr(p, attr) for p in shown) for attr in _SUMMED.values()}
        items = [CostItem(ROW, p.id, p) for p in shown]
        items.append(CostItem(TOTAL, TOTAL, totals))
        self.set_items(items)

    def value(self, item: CostItem, column: int) -> Any:
        if item.kind == TOTAL:
            if column in _SUMMED:
                return item.obj[_SUMMED[column]]
            return f"Total ({len(self.records())})" if column == COL_PERIOD else None
        p: PayApplicationDTO = item.obj
        if column in _SUMMED:
            return getattr(p, _SUMMED[column])
        return {
            COL_PERIOD: p.period_end,
            COL_COMMITMENT: p.commitment_number,
            COL_PARTY: p.party_name,
            COL_NUMBER: p.number,
            COL_PAID_ON: p.paid_on,
            COL_TO_DATE: p.certified_to_date,
        }.get(column)

    def sort_value(self, item: CostItem, column: int) -> Any:
        if item.kind == ROW and column == COL_COMMITMENT:
            return (number_key(item.obj.commitment_number), item.obj.number)
        if item.kind == ROW and column == COL_PERIOD:
            return (item.obj.period_end, number_key(item.obj.commitment_number))
        return self.value(item, column)

    def tooltip(self, item: CostItem, column: int) -> str | None:
        if item.kind == ROW and column == COL_PAID_ON and item.obj.paid_on is None:
            return "Not paid yet"
        return super().tooltip(item, column)
