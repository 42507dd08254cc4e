"""PayApplicationService: retainage worked out to the cent, certified within claimed,
billing within the revised commitment, releases within retainage held, running totals,
and undo of every edit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.context import ServiceContext
from tests.unit.services.test_cost_fixtures import World, audit_of, build_world

D = Decimal
OCT, NOV, DEC = date(2026, 10, 31), date(2026, 11, 30), date(2026, 12, 31)


@pytest.fixture
def w(ctx: ServiceContext) -> World:
    return build_world(ctx)


@pytest.fixture
def gc(w: World) -> int:
    """A 1,000,000.00 contract at 5 % retainage on concrete."""
    return w.app.commitments.create(
        w.project_id, "General contract", w.gc, "1000000", w.concrete, retainage_percent="5"
    ).value.id


def test_create_works_out_retainage_and_net(w: World, gc: int) -> None:
    pays = w.app.pay_applications
    out = pays.create(gc, OCT, "12,500.00", "12345.67", paid_on=date(2026, 11, 14))
    p = out.value
    assert out.changes.touches("pay_application", w.project_id) and out.changes.structural
    # 12,345.67 × 5 % = 617.2835 → 617.28 ; net 12,345.67 − 617.28 = 11,728.39
    assert (p.number, p.claimed, p.certified) == (1, D("12500.00"), D("12345.67"))
    assert (p.retainage_held, p.net, p.paid) == (D("617.28"), D("11728.39"), D("11728.39"))
    assert (p.commitment_number, p.party_name, p.certified_to_date) == (
        "CT-001",
        "Summit Builders",
        D("12345.67"),
    )
    second = pays.create(gc, NOV, "20000", "20000").value
    # 20,000 × 5 % = 1,000 held ; not paid yet: paid 0.00
    assert (second.number, second.retainage_held, second.paid) == (2, D("1000.00"), D("0.00"))
    assert second.certified_to_date == D("32345.67")
    assert pays.get(second.id) == second
    assert [p.number for p in pays.list_pay_applications(w.project_id)] == [1, 2]
    assert audit_of(w.ctx, "pay_application") == [
        ("insert", p.id, None),
        ("insert", second.id, None),
    ]


def test_numbers_typed_by_hand_must_be_unique_per_commitment(w: World, gc: int) -> None:
    pays = w.app.pay_applications
    pays.create(gc, OCT, "10", "10", number=7)
    assert pays.create(gc, NOV, "10", "10").value.number == 8
    with pytest.raises(ValidationError, match=r"^Number: pay application 7 of this commitment"):
        pays.create(gc, DEC, "10", "10", number=7)
    other = w.app.commitments.create(w.project_id, "PO", w.gc, "100", w.steel).value.id
    assert pays.create(other, OCT, "10", "10", number=7).value.number == 7


@pytest.mark.parametrize(
    ("args", "fields", "message"),
    [
        ((None, "1", "1"), {}, "Period end: is required"),
        (("2026-10-31", "1", "1"), {}, "Period end: must be a date"),
        ((OCT, "-1", "0"), {}, "Claimed: must not be negative, not -1.00"),
        ((OCT, "100", "120"), {}, "Certified: 120.00 is more than the 100.00 claimed"),
        ((OCT, "1", "1"), {"paid_on": date(2026, 10, 1)}, "Paid on: (01 Oct 2026) is before"),
        ((OCT, "1", "1"), {"retainage_released": "-5"}, "Retainage released: must not be"),
        ((OCT, "1", "1"), {"number": 0}, "Number: must be between 1 and 9999, not 0"),
        ((OCT, "1", "1"), {"retainage_held": "0"}, "retainage_held: is not a pay application"),
        (
            (OCT, "1000000.01", "0"),
            {},
            "Claimed: billing beyond the revised commitment: claims to date would be "
            "1,000,000.01 against a revised commitment of 1,000,000.00",
        ),
        (
            (OCT, "1", "1"),
            {"retainage_released": "0.06"},
            "Retainage released: releases to date would be 0.06, more than the 0.05 of "
            "retainage held",
        ),
    ],
)
def test_create_refusals_name_the_field_and_write_nothing(
    w: World, gc: int, args: tuple, fields: dict, message: str
) -> None:
    before = w.app.cost.ledger(w.project_id)
    with pytest.raises(ValidationError) as err:
        w.app.pay_applications.create(gc, *args, **fields)
    assert str(err.value).startswith(message)
    assert w.app.cost.ledger(w.project_id) == before
    assert w.app.pay_applications.list_pay_applications(w.project_id) == []


def test_billing_up_to_an_approved_change_is_allowed(w: World, gc: int) -> None:
    pays, co = w.app.pay_applications, w.app.change_orders
    pays.create(gc, OCT, "1000000", "1000000")
    with pytest.raises(ValidationError, match=r"against a revised commitment of 1,000,000\.00$"):
        pays.create(gc, NOV, "5000", "5000")
    extra = co.create(
        w.project_id, "Extra", "5000", commitment_id=gc, budget_line_id=w.concrete
    ).value.id
    co.set_status(extra, "pending")
    co.set_status(extra, "approved", by="J. Owner")
    pays.create(gc, NOV, "5000", "5000")  # revised commitment 1,005,000.00
    figures = w.app.cost.ledger(w.project_id).commitments[0]
    assert (figures.revised, figures.certified, figures.remaining) == (
        D("1005000.00"),
        D("1005000.00"),
        D("0.00"),
    )


def test_retainage_release_and_the_paid_plus_retainage_identity(w: World, gc: int) -> None:
    pays = w.app.pay_applications
    pays.create(gc, OCT, "100000", "100000", paid_on=date(2026, 11, 10))  # held 5,000
    pays.create(gc, NOV, "60000", "60000")  # held 3,000, unpaid
    release = pays.create(gc, DEC, "0", "0", retainage_released="6000").value
    assert (release.retainage_held, release.net) == (D("0.00"), D("6000.00"))
    with pytest.raises(ValidationError, match=r"releases to date would be 8,000\.01"):
        pays.update(release.id, {"retainage_released": "8000.01"})
    c = w.app.cost.ledger(w.project_id).commitments[0]
    # held 8,000 − released 6,000 = 2,000 outstanding ; paid 95,000 (the release is not
    # paid yet) ; unpaid 57,000 + 6,000 = 63,000 ; 95,000 + 2,000 + 63,000 = 160,000
    assert (c.retainage_held, c.retainage_released, c.retainage) == (
        D("8000.00"),
        D("6000.00"),
        D("2000.00"),
    )
    assert (c.paid, c.unpaid, c.certified) == (D("95000.00"), D("63000.00"), D("160000.00"))
    assert w.app.cost.reconcile(w.project_id) == []


def test_update_recomputes_retainage_and_undo_restores(w: World, gc: int) -> None:
    pays = w.app.pay_applications
    p = pays.create(gc, OCT, "50000", "40000").value
    old = pays.update(p.id, {"certified": "45000", "paid_on": date(2026, 11, 20)}).value
    assert old == {"certified": D("40000.00"), "paid_on": None}
    now = pays.get(p.id)
    assert (now.retainage_held, now.paid) == (D("2250.00"), D("42750.00"))
    pays.update(p.id, old)
    assert pays.get(p.id) == p
    with pytest.raises(ValidationError, match=r"^Certified: 60,000\.00 is more than"):
        pays.update(p.id, {"certified": "60000"})
    with pytest.raises(NotFoundError):
        pays.update(999, {"claimed": "1"})
    with pytest.raises(NotFoundError):
        pays.create(999, OCT, "1", "1")


def test_delete_and_restore_same_row_and_a_delete_that_would_break_releases(
    w: World, gc: int
) -> None:
    pays = w.app.pay_applications
    held = pays.create(gc, OCT, "100000", "100000").value  # holds 5,000
    pays.create(gc, DEC, "0", "0", retainage_released="5000")
    with pytest.raises(ValidationError, match=r"^Retainage released: releases to date would be"):
        pays.delete(held.id)
    first = pays.create(gc, NOV, "10", "10").value
    out = pays.delete(first.id)
    assert out.changes.ids_of("pay_application") == {first.id}
    with pytest.raises(NotFoundError):
        pays.get(first.id)
    changes = pays.restore(out.value)
    assert changes.touches("pay_application", w.project_id)
    assert pays.get(first.id) == first


def test_list_by_period_and_per_commitment(w: World, gc: int) -> None:
    pays = w.app.pay_applications
    po = w.app.commitments.create(
        w.project_id, "Rebar", w.gc, "9000", w.steel, kind="purchase_order"
    ).value.id
    pays.create(gc, NOV, "200", "200")
    pays.create(po, OCT, "100", "100")
    pays.create(gc, OCT, "300", "300")
    rows = pays.list_pay_applications(w.project_id)
    assert [(r.period_end, r.commitment_number, r.number, r.certified_to_date) for r in rows] == [
        (OCT, "CT-001", 2, D("300.00")),
        (OCT, "PO-001", 1, D("100.00")),
        (NOV, "CT-001", 1, D("500.00")),
    ]
    assert [r.commitment_number for r in pays.list_pay_applications(w.project_id, po)] == ["PO-001"]
