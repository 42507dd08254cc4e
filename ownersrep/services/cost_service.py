"""The cost ledger of a project, read side: the ledger with its totals, the proof that it
reconciles, certified cost over time (AC for the S-curve) and the CSV export.

The writes live with their records: BudgetLineService, CommitmentService,
ChangeOrderService and PayApplicationService."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from ownersrep.services.change_order_service import change_orders_of
from ownersrep.services.context import ServiceContext
from ownersrep.services.cost_export import write_ledger_csv
from ownersrep.services.cost_ledger import (
    build_ledger,
    certified_by_period,
    load_inputs,
    reconcile_inputs,
)
from ownersrep.services.cost_types import CostLedger, ExportSummary
from ownersrep.services.pay_application_service import pay_applications_of


class CostService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def ledger(self, project_id: int) -> CostLedger:
        """Budget lines, commitments and contingency with every figure and total."""
        with self._ctx.sessions() as s:
            return build_ledger(load_inputs(s, project_id))

    def reconcile(self, project_id: int) -> list[str]:
        """Empty when original + approved = revised, paid + retainage + unpaid =
        certified and the lines carry what the commitments do; else one message per
        figure that does not agree (see domain.cost.reconcile)."""
        with self._ctx.sessions() as s:
            return reconcile_inputs(load_inputs(s, project_id))

    def certified_by_period(
        self, project_id: int, cumulative: bool = True
    ) -> list[tuple[date, Decimal]]:
        """(period end, certified to date) in date order: actual cost over time. With
        `cumulative=False`, each period's own certified amount."""
        with self._ctx.sessions() as s:
            return certified_by_period(s, project_id, cumulative)

    def export_csv(self, project_id: int, path: Path | str) -> ExportSummary:
        """Write lines, commitments, change orders and pay applications to one CSV."""
        with self._ctx.sessions() as s:
            ledger = build_ledger(load_inputs(s, project_id))
            changes = change_orders_of(s, project_id)
            payments = pay_applications_of(s, project_id)
        return write_ledger_csv(path, ledger, changes, payments)
