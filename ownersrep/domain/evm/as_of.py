"""One project's earned-value figures at its status date."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal

from ownersrep.domain.evm.figures import EacMethod, EvmFigures
from ownersrep.domain.evm.spread import (
    IsWorking,
    TaskBudget,
    budget_at_completion,
    cents,
    earned_value,
    planned_value,
)


def figures_as_of(
    tasks: Collection[TaskBudget],
    as_of: date,
    is_working: IsWorking,
    ac: Decimal,
    *,
    method: EacMethod = EacMethod.CPI,
    bottom_up_etc: Decimal | None = None,
) -> EvmFigures:
    """The project's figures at the end of the status date `as_of`: BAC and EV from the
    tasks, PV from their baselines, AC as given (certified cost to date)."""
    return EvmFigures(
        bac=budget_at_completion(tasks),
        pv=planned_value(tasks, as_of, is_working),
        ev=earned_value(tasks),
        ac=cents(ac),
        method=method,
        bottom_up_etc=bottom_up_etc,
    )
