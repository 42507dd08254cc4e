"""Pay application checks and a commitment's billing to date."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ownersrep.domain.cost.billing import (
    Billing,
    PayFigures,
    check_billing,
    check_certified_within_claimed,
    check_contingency,
    check_not_negative,
    check_release,
)
from ownersrep.domain.errors import ValidationError

D = Decimal


def test_billing_sums_and_the_paid_plus_retainage_identity() -> None:
    pays = [
        # certified 100,000 at 5 %: held 5,000, net 95,000, paid
        PayFigures(D("110000"), D("100000"), D("5000"), D("0"), paid=True),
        # certified 60,000: held 3,000, net 57,000, not paid yet
        PayFigures(D("60000"), D("60000"), D("3000"), D("0"), paid=False),
        # release of 4,000 retainage, nothing certified: net 4,000, paid
        PayFigures(D("0"), D("0"), D("0"), D("4000"), paid=True),
    ]
    b = Billing.of(pays)
    assert b.claimed == D("170000")
    assert b.certified == D("160000")
    assert b.retainage_held == D("8000")
    assert b.retainage_released == D("4000")
    assert b.retainage == D("4000")  # 8,000 held − 4,000 released
    assert b.paid == D("99000")  # 95,000 + 4,000
    assert b.unpaid == D("57000")  # 160,000 − 4,000 − 99,000
    assert b.paid + b.retainage + b.unpaid == b.certified


def test_no_payments_is_all_zero() -> None:
    b = Billing.of([])
    assert (b.claimed, b.certified, b.paid, b.retainage, b.unpaid) == (D("0.00"),) * 5


def test_certified_within_claimed() -> None:
    check_certified_within_claimed(D("100.00"), D("100.00"))
    with pytest.raises(
        ValidationError, match=r"^Certified: 120\.00 is more than the 100\.00 claimed$"
    ):
        check_certified_within_claimed(D("100.00"), D("120.00"))


def test_billing_beyond_the_revised_commitment_names_both_amounts() -> None:
    ok = Billing(claimed=D("1000000.00"), certified=D("990000.00"))
    check_billing(D("1000000.00"), ok)  # exactly at the commitment is fine
    claims = Billing(claimed=D("1050000.00"), certified=D("990000.00"))
    with pytest.raises(ValidationError) as err:
        check_billing(D("1000000.00"), claims)
    assert str(err.value) == (
        "Claimed: billing beyond the revised commitment: claims to date would be "
        "1,050,000.00 against a revised commitment of 1,000,000.00"
    )
    # (certified ≤ claimed on every pay application, so in practice claims trip first)
    certs = Billing(claimed=D("850.00"), certified=D("900.00"))
    with pytest.raises(
        ValidationError,
        match=r"^Cost: billing beyond the revised commitment: "
        r"certificates to date would be 900\.00 against a revised commitment "
        r"of 850\.00$",
    ):
        check_billing(D("850.00"), certs, field="Cost")


def test_release_within_held() -> None:
    check_release(Billing(retainage_held=D("5000"), retainage_released=D("5000")))
    with pytest.raises(
        ValidationError,
        match=r"^Retainage released: releases to date would be "
        r"6,000\.00, more than the 5,000\.00 of retainage held$",
    ):
        check_release(Billing(retainage_held=D("5000"), retainage_released=D("6000")))


def test_contingency_and_negatives() -> None:
    check_contingency("99-000", D("0.00"), "Cost")
    with pytest.raises(
        ValidationError, match=r"^Cost: contingency 99-000 would be overdrawn by 2,500\.00$"
    ):
        check_contingency("99-000", D("-2500.00"), "Cost")
    assert check_not_negative(D("0.00"), "Claimed") == D("0.00")
    with pytest.raises(ValidationError, match=r"^Claimed: must not be negative, not -1\.00$"):
        check_not_negative(D("-1.00"), "Claimed")
