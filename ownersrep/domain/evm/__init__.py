"""Earned value: PV from the baseline spread over working days, EV from percent complete,
and the figures derived from BAC, PV, EV and AC (CPI, SPI, EAC, TCPI ...)."""

from __future__ import annotations

from ownersrep.domain.evm.as_of import figures_as_of
from ownersrep.domain.evm.figures import (
    INDEX_PLACES,
    PERCENT_PLACES,
    EacMethod,
    EvmFigures,
    index,
    percent,
)
from ownersrep.domain.evm.s_curve import SCurve, Step, choose_step, period_end, period_ends, s_curve
from ownersrep.domain.evm.spread import (
    ZERO,
    IsWorking,
    PvCurve,
    TaskBudget,
    actual_cost,
    budget_at_completion,
    cents,
    earned_value,
    planned_value,
    planned_value_curve,
    pv_at,
    spread_budget,
    working_days,
)

__all__ = [
    "INDEX_PLACES",
    "PERCENT_PLACES",
    "ZERO",
    "EacMethod",
    "EvmFigures",
    "IsWorking",
    "PvCurve",
    "SCurve",
    "Step",
    "TaskBudget",
    "actual_cost",
    "budget_at_completion",
    "cents",
    "choose_step",
    "earned_value",
    "figures_as_of",
    "index",
    "percent",
    "period_end",
    "period_ends",
    "planned_value",
    "planned_value_curve",
    "pv_at",
    "s_curve",
    "spread_budget",
    "working_days",
]
