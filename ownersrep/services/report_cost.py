"""The cost section: the ledger, earned value and the S-curve (worked as CostService
and EvmService work them, inside the report's session), and the change-order log:
approved in the period, and pending / potential ones with their exposure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ownersrep.domain.cost.amounts import ZERO
from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.domain.evm import SCurve, choose_step, planned_value_curve, s_curve
from ownersrep.services.change_order_service import change_orders_of
from ownersrep.services.cost_ledger import build_ledger, certified_by_period
from ownersrep.services.health_compute import task_budgets
from ownersrep.services.report_inputs import ProjectInputs
from ownersrep.services.report_types import Cost

Points = list[tuple[date, Decimal]]


def _with_start(points: Points, first: date | None) -> Points:
    if first is not None and (not points or first < points[0][0]):
        return [(first, Decimal("0.00")), *points]
    return points


def s_curve_of(inp: ProjectInputs) -> SCurve:
    """As EvmService.s_curve: PV from the budgets on the tasks, EV at each closed period
    and at the status date, AC at each pay application period up to the status date."""
    facts, evm = inp.facts, inp.evm
    if evm is None:
        return SCurve()
    pv = planned_value_curve(task_budgets(facts), facts.is_working)
    ev: Points = [
        (closed.as_of, closed.evm.ev)
        for closed in inp.snapshots
        if closed.evm is not None and closed.as_of < facts.as_of
    ]
    ac = [(d, a) for d, a in certified_by_period(inp.s, inp.project_id) if d < facts.as_of]
    ev = sorted(dict(ev).items())
    ev.append((facts.as_of, evm.ev))
    ac.append((facts.as_of, evm.ac))
    first = min(d for d in (pv[0][0] if pv else None, ev[0][0], ac[0][0]) if d is not None)
    last = max(d for d in (pv[-1][0] if pv else None, facts.as_of) if d is not None)
    ev, ac = _with_start(ev, first), _with_start(ac, first)
    return s_curve(pv, ev, ac, choose_step(first, last))


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
        s_curve=s_curve_of(inp),
        approved_this_period=approved,
        pending=pending,
        pending_exposure=sum((c.cost for c in pending), ZERO),
    )
