"""Ledger arithmetic: rounding, retainage, net payments, percentages and allocation to
the cent, with the hand-worked figures in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownersrep.domain.cost.amounts import (
    ZERO,
    allocate,
    cents,
    net_payment,
    percent_of,
    retainage_on,
    revised,
    total,
)


def test_cents_rounds_half_up() -> None:
    assert cents(D("617.2835")) == D("617.28")
    assert cents(D("0.125")) == D("0.13")  # half up, not banker's (0.12)
    assert cents(D("-0.125")) == D("-0.13")  # halves away from zero


def test_total_of_nothing_is_zero_with_cents() -> None:
    assert total([]) == ZERO
    assert str(total([])) == "0.00"
    assert total([D("1.10"), D("2.20")]) == D("3.30")


def test_revised_is_original_plus_approved() -> None:
    # 1,000,000.00 + 25,000.00 − 4,000.00 = 1,021,000.00
    assert revised(D("1000000.00"), D("21000.00")) == D("1021000.00")
    assert revised(ZERO, ZERO) == ZERO  # no budget, no changes


def test_retainage_on_certified() -> None:
    # 290,000.00 × 5 % = 14,500.00
    assert retainage_on(D("290000.00"), D("5")) == D("14500.00")
    # 12,345.67 × 5 % = 617.2835 → 617.28
    assert retainage_on(D("12345.67"), D("5.00")) == D("617.28")
    # 100.10 × 2.5 % = 2.5025 → 2.50 ; 100.30 × 2.5 % = 2.5075 → 2.51
    assert retainage_on(D("100.10"), D("2.5")) == D("2.50")
    assert retainage_on(D("100.30"), D("2.5")) == D("2.51")
    assert retainage_on(ZERO, D("10")) == ZERO
    assert retainage_on(D("999.99"), ZERO) == ZERO


def test_net_payment() -> None:
    # certified 100,000.00 − held 5,000.00 + released 0 = 95,000.00
    assert net_payment(D("100000.00"), D("5000.00"), ZERO) == D("95000.00")
    # a final release: nothing certified, 5,000.00 released → 5,000.00 paid
    assert net_payment(ZERO, ZERO, D("5000.00")) == D("5000.00")


def test_percent_of() -> None:
    # 25,000 drawn of 100,000 → 25.00 %
    assert percent_of(D("25000"), D("100000")) == D("25.00")
    # 1 of 3 → 33.333… → 33.33 ; 2 of 3 → 66.67
    assert percent_of(D("1"), D("3")) == D("33.33")
    assert percent_of(D("2"), D("3")) == D("66.67")
    assert percent_of(D("5"), ZERO) is None  # no contingency / no commitment
    assert percent_of(ZERO, ZERO) is None


def test_allocate_in_proportion_to_the_cent() -> None:
    # 100.00 over 1:1:1 → 33.333… each; floors 33.33 ×3 = 99.99, one cent left for the
    # first key on the tie.
    assert allocate(D("100.00"), {"a": D(1), "b": D(1), "c": D(1)}) == {
        "a": D("33.34"),
        "b": D("33.33"),
        "c": D("33.33"),
    }
    # 490,000.00 over 975,000 : 450,000 (of 1,425,000), in cents:
    #   49,000,000 × 975/1425 = 33,526,315.789… → floor 33,526,315 (fraction .789)
    #   49,000,000 × 450/1425 = 15,473,684.210… → floor 15,473,684 (fraction .210)
    # the floors make 48,999,999: the one cent left goes to the larger fraction, the first.
    parts = allocate(D("490000.00"), {1: D("975000.00"), 2: D("450000.00")})
    assert parts == {1: D("335263.16"), 2: D("154736.84")}
    assert sum(parts.values()) == D("490000.00")


def test_allocate_edge_cases() -> None:
    assert allocate(D("10.00"), {}) == {}  # nowhere to put it: the caller sees the gap
    assert allocate(D("10.00"), {"a": ZERO, "b": ZERO}) == {"a": D("10.00"), "b": ZERO}
    assert allocate(ZERO, {"a": D(3), "b": D(1)}) == {"a": ZERO, "b": ZERO}
    # a negative amount (a credit) splits the same way: −1.00 over 1:2 → −0.333…, −0.666…
    # floors −0.34 and −0.67 (−1.01); one cent back to the larger fraction cut (−0.34's
    # 0.6666… vs −0.67's 0.3333…) → −0.33, −0.67.
    assert allocate(D("-1.00"), {"a": D(1), "b": D(2)}) == {"a": D("-0.33"), "b": D("-0.67")}


amounts = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)
weights = st.dictionaries(
    st.integers(0, 50),
    st.decimals(min_value=-(10**7), max_value=10**7, places=2, allow_nan=False),
    max_size=8,
)

D = Decimal


@settings(max_examples=200, deadline=None)
@given(amounts, weights)
def test_allocate_always_adds_up_exactly(amount: D, w: dict[int, D]) -> None:
    parts = allocate(amount, w)
    assert list(parts) == list(w)
    if w:
        assert sum(parts.values(), ZERO) == amount
        assert all(p == p.quantize(D("0.01")) for p in parts.values())


@pytest.mark.parametrize("percent", [D("0"), D("5"), D("10"), D("100")])
def test_retainage_never_exceeds_certified(percent: D) -> None:
    for certified in (D("0.01"), D("0.99"), D("12345.67")):
        assert ZERO <= retainage_on(certified, percent) <= certified
