"""Ledger arithmetic on Decimal amounts.

Sums and differences of cent amounts are exact and need no rounding. Where an amount is
derived through a percentage or a share, it is rounded to the cent with ROUND_HALF_UP
(the rounding a spreadsheet and a contractor's pay application use).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TypeVar

from ownersrep.domain.money import CENT

K = TypeVar("K")

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
PERCENT_STEP = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """Round to the cent, halves away from zero: 617.2835 → 617.28, 0.125 → 0.13."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """Exact sum; 0.00 for no amounts (so an empty project shows 0.00, not 0)."""
    return sum(amounts, ZERO)


def revised(original: Decimal, approved_changes: Decimal) -> Decimal:
    """Revised budget (or commitment) = original + approved changes."""
    return original + approved_changes


def retainage_on(certified: Decimal, percent: Decimal) -> Decimal:
    """Retainage held on a certified amount: certified × percent / 100, to the cent."""
    return cents(certified * percent / HUNDRED)


def net_payment(
    certified: Decimal, retainage_held: Decimal, retainage_released: Decimal
) -> Decimal:
    """What a pay application pays out: certified − retainage held + retainage released."""
    return certified - retainage_held + retainage_released


def percent_of(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole`, to two places; None when `whole` is zero."""
    if whole == 0:
        return None
    return (part * HUNDRED / whole).quantize(PERCENT_STEP, rounding=ROUND_HALF_UP)


def allocate(amount: Decimal, weights: Mapping[K, Decimal]) -> dict[K, Decimal]:
    """Split a cent amount over keys in proportion to their weights, to the cent, so that
    the parts add up to `amount` exactly.

    Each key first gets its exact share rounded down to the cent; the cents left over go
    one each to the keys with the largest fractions cut off (the first key on a tie)
    ("largest remainder"). With weights that add up to zero the whole amount goes to the
    first key; with no keys nothing is allocated (the caller's totals then show the gap).
    """
    keys = list(weights)
    if not keys:
        return {}
    minor = int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))
    whole = sum((Fraction(weights[k]) for k in keys), Fraction(0))
    if whole == 0:
        parts = [0] * len(keys)
        parts[0] = minor
    else:
        exact = [Fraction(minor) * Fraction(weights[k]) / whole for k in keys]
        parts = [math.floor(q) for q in exact]
        left = minor - sum(parts)  # 0 ≤ left < len(keys): each floor lost less than 1
        by_fraction = sorted(range(len(keys)), key=lambda i: (parts[i] - exact[i], i))
        for i in by_fraction[:left]:
            parts[i] += 1
    return {k: (Decimal(p) / 100).quantize(CENT) for k, p in zip(keys, parts, strict=True)}
