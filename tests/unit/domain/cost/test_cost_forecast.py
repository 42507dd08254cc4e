"""ETC, EAC and VAC of a budget line, with the arithmetic in the comments."""

from __future__ import annotations

from decimal import Decimal

from ownersrep.domain.cost.forecast import estimate_to_complete, forecast

D = Decimal


def test_derived_etc_is_revised_less_actual() -> None:
    # original 1,000,000; revised 1,025,000; certified 335,263.16
    # ETC = 1,025,000 − 335,263.16 = 689,736.84 ; EAC = 335,263.16 + 689,736.84 = 1,025,000
    # VAC original = 1,000,000 − 1,025,000 = −25,000 ; VAC revised = 0
    f = forecast(D("1000000.00"), D("1025000.00"), D("335263.16"))
    assert f.etc == D("689736.84")
    assert f.eac == D("1025000.00")
    assert f.vac_original == D("-25000.00")
    assert f.vac_revised == D("0.00")
    assert not f.etc_entered


def test_derived_etc_never_below_zero() -> None:
    # overrun: revised 100,000, certified 120,000 → ETC max(−20,000, 0) = 0
    # EAC = 120,000 ; VAC revised = 100,000 − 120,000 = −20,000
    f = forecast(D("100000"), D("100000"), D("120000"))
    assert f.etc == D("0.00")
    assert f.eac == D("120000")
    assert f.vac_revised == D("-20000")


def test_entered_etc_wins() -> None:
    # the rep expects 700,000 more: EAC = 335,263.16 + 700,000 = 1,035,263.16
    # VAC original = 1,000,000 − 1,035,263.16 = −35,263.16 ; revised −10,263.16
    f = forecast(D("1000000.00"), D("1025000.00"), D("335263.16"), D("700000.00"))
    assert f.etc_entered
    assert f.eac == D("1035263.16")
    assert f.vac_original == D("-35263.16")
    assert f.vac_revised == D("-10263.16")
    # an entered zero is a figure too ("nothing more to spend")
    assert estimate_to_complete(D("500"), D("100"), D("0.00")) == D("0.00")


def test_zero_cases() -> None:
    # no budget and no cost: everything zero
    f = forecast(D("0.00"), D("0.00"), D("0.00"))
    assert (f.etc, f.eac, f.vac_original, f.vac_revised) == (D("0.00"),) * 4
    # budget, no cost yet: ETC = revised, EAC = revised, VAC revised = 0
    f = forecast(D("500.00"), D("500.00"), D("0.00"))
    assert (f.etc, f.eac, f.vac_revised) == (D("500.00"), D("500.00"), D("0.00"))
