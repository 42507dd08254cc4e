"""The cost section: the ledger, earned value and the S-curve (worked as CostService
and EvmService work them, inside the report's session), and the change-order log:
approved in the period, and pending / potential ones with their exposure."""

from __future__ import annotations

from ownersrep.domain.cost.amounts import ZERO
from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.services.change_order_service import change_orders_of
from ownersrep.services.cost_ledger import build_ledger, certified_by_period
from ownersrep.services.report_inputs import ProjectInputs
from ownersrep.services.report_types import Cost
from ownersrep.services.s_curve_points import compose_s_curve


def cost_of(inp: ProjectInputs) -> Cost:
    changes = change_orders_of(inp.s, inp.project_id)
    approved = tuple(
        c
        for c in changes
        if c.status is ChangeStatus.APPROVED and inp.period.contains(c.approved_on)
    )
    pending = tuple(
        sorted(
            (c for c in changes if c.status.is_exposure),
            key=lambda c: (-c.cost, c.number),
        )
    )
    return Cost(
        currency=inp.head.currency,
        ledger=build_ledger(inp.ledger_inputs),
        evm=inp.evm,
        s_curve=compose_s_curve(
            inp.facts, inp.evm, inp.snapshots, certified_by_period(inp.s, inp.project_id)
        ),
        approved_this_period=approved,
        pending=pending,
        pending_exposure=sum((c.cost for c in pending), ZERO),
    )
