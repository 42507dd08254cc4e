"""The S-curve of a project from facts already read: one composition for the Cost tab
(EvmService.s_curve) and the owner report (report_cost), which read the same rows in
their own sessions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from ownersrep.domain.evm import EvmFigures, SCurve, choose_step, planned_value_curve, s_curve
from ownersrep.services.health_compute import task_budgets
from ownersrep.services.health_facts import ProjectFacts
from ownersrep.services.health_types import PeriodSnapshotDTO

Points = list[tuple[date, Decimal]]


def _with_start(points: Points, first: date | None) -> Points:
    """A zero at the curve's first date, so the line starts from nothing."""
    if first is not None and (not points or first < points[0][0]):
        return [(first, Decimal("0.00")), *points]
    return points


def compose_s_curve(
    facts: ProjectFacts,
    evm: EvmFigures | None,
    closed: Iterable[PeriodSnapshotDTO],
    certified: Iterable[tuple[date, Decimal]],
) -> SCurve:
    """Cumulative PV from the budgets spread over the tasks; EV at each closed period
    before the status date and at the status date (a gap before the first); AC at each
    pay application period before the status date and at the status date. Empty without
    a cost budget."""
    if evm is None:
        return SCurve()
    pv = planned_value_curve(task_budgets(facts), facts.is_working)
    ev: Points = sorted(
        {
            snap.as_of: snap.evm.ev
            for snap in closed
            if snap.evm is not None and snap.as_of < facts.as_of
        }.items()
    )
    ac: Points = [(d, a) for d, a in certified if d < facts.as_of]
    ev.append((facts.as_of, evm.ev))
    ac.append((facts.as_of, evm.ac))
    first = min(d for d in (pv[0][0] if pv else None, ev[0][0], ac[0][0]) if d is not None)
    last = max(d for d in (pv[-1][0] if pv else None, facts.as_of) if d is not None)
    # AC starts from nothing (every pay application is known); EV only from its first
    # measurement: a line drawn from zero to a later figure would invent the months
    # between, when no period was closed.
    ac = _with_start(ac, first)
    return s_curve(pv, ev, ac, choose_step(first, last))
