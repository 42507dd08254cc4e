"""Forecast at completion for one budget line.

- Actual cost (AC) is what was certified to date.
- Estimate to complete (ETC): the figure the rep entered, or else derived as the revised
  budget less the actual cost, never below zero (an overrun is already in the actual).
- Estimate at completion (EAC) = AC + ETC.
- Variance at completion (VAC) = budget − EAC, against the original and against the
  revised budget: positive is under budget, negative an overrun.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ownersrep.domain.cost.amounts import ZERO


@dataclass(frozen=True)
class Forecast:
    etc: Decimal
    eac: Decimal
    vac_original: Decimal
    vac_revised: Decimal
    etc_entered: bool


def estimate_to_complete(revised: Decimal, actual: Decimal, entered: Decimal | None) -> Decimal:
    if entered is not None:
        return entered
    return max(revised - actual, ZERO)


def forecast(
    original: Decimal, revised: Decimal, actual: Decimal, entered_etc: Decimal | None = None
) -> Forecast:
    etc = estimate_to_complete(revised, actual, entered_etc)
    eac = actual + etc
    return Forecast(
        etc=etc,
        eac=eac,
        vac_original=original - eac,
        vac_revised=revised - eac,
        etc_entered=entered_etc is not None,
    )
