"""ChangeOrderService: CO numbers never reused, links within the project, contingency
draws, the status table with its date and approver stamps, approvals that would
over-bill a commitment or overdraw contingency refused, and undo of every step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ownersrep.domain.cost.enums import ChangeReason, ChangeStatus
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.context import ServiceContext
from tests.conftest import TODAY
from tests.unit.services.test_cost_fixtures import World, audit_of, build_world

D = Decimal


@pytest.fixture
def w(ctx: ServiceContext) -> World:
    return build_world(ctx)


def approve(w: World, change_id: int, on: date | None = None) -> None:
    w.app.change_orders.set_status(change_id, "pending", on=on)
    w.app.change_orders.set_status(change_id, "approved", on=on, by="J. Owner")


def test_create_numbers_and_defaults(w: World) -> None:
    co = w.app.change_orders
    out = co.create(
        w.project_id, " Rock at footing F3 ", "-1,250.50", reason="unforeseen_condition"
    )
    dto = out.value
    assert (dto.number, dto.title, dto.cost) == ("CO-001", "Rock at footing F3", D("-1250.50"))
    assert dto.reason is ChangeReason.UNFORESEEN_CONDITION
    assert dto.status is ChangeStatus.POTENTIAL
    assert (dto.submitted_on, dto.approved_on, dto.approved_by) == (None, None, "")
    assert (dto.time_impact_days, dto.from_contingency, dto.contingency_line_id) == (0, False, None)
    assert dto.next_statuses == [ChangeStatus.PENDING, ChangeStatus.VOID]
    assert out.changes.touches("change_order", w.project_id) and out.changes.structural
    second = co.create(w.project_id, "Canopy", "1000", time_impact_days="-3").value
    assert (second.number, second.time_impact_days) == ("CO-002", -3)
    # a deleted number is never handed out again; undo brings the same number back
    snap = co.delete(second.id).value
    assert co.create(w.project_id, "Later", "1").value.number == "CO-003"
    co.restore(snap)
    assert co.get(second.id) == second
    assert [c.number for c in co.list_change_orders(w.project_id)] == ["CO-001", "CO-002", "CO-003"]
    assert audit_of(w.ctx, "change_order")[:2] == [
        ("insert", dto.id, None),
        ("insert", second.id, None),
    ]


def test_links_show_their_numbers_and_codes(w: World) -> None:
    cid = w.app.commitments.create(w.project_id, "GC", w.gc, "1000", w.concrete).value.id
    dto = w.app.change_orders.create(
        w.project_id,
        "Rock",
        "25000",
        commitment_id=cid,
        budget_line_id=w.concrete,
        from_contingency=True,
    ).value
    assert (dto.commitment_number, dto.budget_line_code) == ("CT-001", "03-300")
    # the project's only contingency line is filled in
    assert (dto.contingency_line_id, dto.contingency_line_code) == (w.contingency, "99-000")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "Title: is required"),
        ({"cost": None}, "Cost: is required"),
        ({"cost": "1e20"}, "Cost: 100,000,000,000,000,000,000.00 is beyond any project"),
        ({"reason": "whim"}, "Reason: “whim” is not one of"),
        ({"time_impact_days": "2.5"}, "Time impact: “2.5” is not a whole number of days"),
        ({"time_impact_days": 4000}, "Time impact: must be between −3650 and 3650 days"),
        ({"commitment_id": 999}, "Commitment: commitment #999 is not in this project"),
        ({"budget_line_id": 999}, "Budget line: budget line #999 is not in this project"),
        ({"from_contingency": "yes"}, "From contingency: must be yes or no"),
        (
            {"from_contingency": True, "budget_line_id": "contingency"},
            "Budget line: 99-000 is contingency; draw on it with a change order instead",
        ),
        (
            {"from_contingency": True, "contingency_line_id": "steel"},
            "Contingency line: 05-100 is not a contingency line",
        ),
        ({"approved_by": "Me"}, "Status: a new change order is potential; use set_status"),
        ({"status": "approved"}, "Status: changes only by submitting"),
        ({"colour": "red"}, "colour: is not a change order field"),
    ],
)
def test_create_refusals_name_the_field_and_write_nothing(
    w: World, fields: dict, message: str
) -> None:
    ids = {"contingency": w.contingency, "steel": w.steel}
    fields = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    args = {"title": "Extra", "cost": "100", **fields}
    before = w.app.cost.ledger(w.project_id)
    with pytest.raises(ValidationError) as err:
        w.app.change_orders.create(w.project_id, args.pop("title"), args.pop("cost"), **args)
    assert str(err.value).startswith(message)
    assert w.app.cost.ledger(w.project_id) == before
    assert w.app.change_orders.list_change_orders(w.project_id) == []


def test_contingency_must_be_named_when_there_are_two_and_exist_at_all(w: World) -> None:
    other = w.app.projects.create("ERP").value.id
    w.app.budget_lines.create(other, "L1", "Licences", "10")
    with pytest.raises(ValidationError, match=r"^From contingency: the project has no contingency"):
        w.app.change_orders.create(other, "X", "1", from_contingency=True)
    w.app.budget_lines.create(w.project_id, "99-100", "Design contingency", "5", kind="contingency")
    with pytest.raises(ValidationError, match=r"^Contingency line: choose which contingency"):
        w.app.change_orders.create(w.project_id, "X", "1", from_contingency=True)


def test_a_change_on_a_commitment_goes_on_a_cost_line(w: World) -> None:
    cid = w.app.commitments.create(w.project_id, "GC", w.gc, "10", w.steel).value.id
    with pytest.raises(ValidationError, match=r"^Budget line: 99-000 is contingency"):
        w.app.change_orders.create(
            w.project_id, "X", "1", commitment_id=cid, budget_line_id=w.contingency
        )
    # without a commitment, a change may add money to contingency itself
    dto = w.app.change_orders.create(w.project_id, "Top up", "5000", budget_line_id=w.contingency)
    approve(w, dto.value.id)
    assert w.app.cost.ledger(w.project_id).contingency.added == D("5000.00")


def test_status_stamps_dates_and_approver(w: World) -> None:
    co = w.app.change_orders
    cid = co.create(w.project_id, "Canopy", "12000", budget_line_id=w.steel).value.id
    old = co.set_status(cid, "pending").value
    assert old == {
        "status": "potential",
        "submitted_on": None,
        "approved_on": None,
        "approved_by": "",
    }
    assert co.get(cid).submitted_on == TODAY
    with pytest.raises(ValidationError, match=r"^Approved by: is required to approve"):
        co.set_status(cid, "approved")
    with pytest.raises(ValidationError) as err:
        co.set_status(cid, ChangeStatus.APPROVED, on=date(2026, 11, 1), by="J. Owner")
    assert str(err.value) == "Approved on: (01 Nov 2026) is before Submitted on (20 Nov 2026)"
    out = co.set_status(cid, ChangeStatus.APPROVED, on=date(2026, 11, 25), by=" J. Owner ")
    assert out.changes.touches("change_order", w.project_id)
    dto = co.get(cid)
    assert (dto.status, dto.approved_on, dto.approved_by) == (
        ChangeStatus.APPROVED,
        date(2026, 11, 25),
        "J. Owner",
    )
    assert dto.next_statuses == []
    line = w.app.cost.ledger(w.project_id).lines[1]
    assert (line.code, line.approved, line.revised) == ("05-100", D("12000.00"), D("512000.00"))
    with pytest.raises(ValidationError, match=r"^Status: cannot go from approved to void"):
        co.set_status(cid, "void")


def test_revert_status_is_the_undo_of_set_status(w: World) -> None:
    co = w.app.change_orders
    cid = co.create(w.project_id, "Canopy", "12000", budget_line_id=w.steel).value.id
    before = co.get(cid)
    first = co.set_status(cid, "pending").value
    pending = co.get(cid)
    second = co.set_status(cid, "approved", by="J. Owner").value
    co.revert_status(cid, second)
    assert co.get(cid) == pending
    assert w.app.cost.ledger(w.project_id).line_totals.approved == D("0.00")
    co.revert_status(cid, first)
    assert co.get(cid) == before


def test_approval_needs_a_budget_line(w: World) -> None:
    co = w.app.change_orders
    cid = co.create(w.project_id, "Loose", "100").value.id
    co.set_status(cid, "pending")
    with pytest.raises(ValidationError, match=r"^Budget line: is required to approve"):
        co.set_status(cid, "approved", by="J. Owner")
    assert co.get(cid).status is ChangeStatus.PENDING


def test_approval_may_not_overdraw_contingency(w: World) -> None:
    co = w.app.change_orders
    big = co.create(
        w.project_id, "Rock", "120000", budget_line_id=w.concrete, from_contingency=True
    ).value.id
    co.set_status(big, "pending")
    before = w.app.cost.ledger(w.project_id)
    with pytest.raises(ValidationError) as err:
        co.set_status(big, "approved", by="J. Owner")
    assert str(err.value) == "Cost: contingency 99-000 would be overdrawn by 20,000.00"
    assert w.app.cost.ledger(w.project_id) == before
    co.update(big, {"cost": "100000"})
    co.set_status(big, "approved", by="J. Owner")
    c = w.app.cost.ledger(w.project_id).contingency
    assert (c.drawn, c.remaining, c.used_percent) == (D("100000.00"), D("0.00"), D("100.00"))


def test_a_credit_may_not_take_a_commitment_below_what_was_billed(w: World) -> None:
    cid = w.app.commitments.create(w.project_id, "Steel", w.gc, "100000", w.steel).value.id
    w.app.pay_applications.create(cid, date(2026, 10, 31), "95000", "95000")
    co = w.app.change_orders
    credit = co.create(
        w.project_id, "Delete canopy", "-10000", commitment_id=cid, budget_line_id=w.steel
    ).value.id
    co.set_status(credit, "pending")
    before = w.app.cost.ledger(w.project_id)
    with pytest.raises(ValidationError) as err:
        co.set_status(credit, "approved", by="J. Owner")
    assert str(err.value) == (
        "Cost: billing beyond the revised commitment: claims to date would be 95,000.00 "
        "against a revised commitment of 90,000.00"
    )
    assert w.app.cost.ledger(w.project_id) == before
    assert co.get(credit).status is ChangeStatus.PENDING


def test_an_approved_change_is_final(w: World) -> None:
    co = w.app.change_orders
    cid = co.create(w.project_id, "Canopy", "12000", budget_line_id=w.steel).value.id
    approve(w, cid)
    for values, label in (
        ({"cost": "13000"}, "Cost"),
        ({"budget_line_id": w.concrete}, "Budget line"),
        ({"from_contingency": True}, "From contingency"),
    ):
        with pytest.raises(ValidationError) as err:
            co.update(cid, values)
        assert (
            str(err.value) == f"{label}: CO-001 is approved; record a new change order to change it"
        )
    assert co.update(cid, {"cost": "12000"}).value == {}  # unchanged is not a change
    old = co.update(cid, {"title": "Entrance canopy", "time_impact_days": 5}).value
    assert old == {"title": "Canopy", "time_impact_days": 0}
    with pytest.raises(ValidationError) as err:
        co.delete(cid)
    assert str(err.value).startswith("Change order: CO-001 is approved and cannot be deleted")
    with pytest.raises(ValidationError, match=r"^Approved on: is required for an approved"):
        co.update(cid, {"approved_on": None})


def test_update_returns_old_values_and_checks_the_whole_record(w: World) -> None:
    co = w.app.change_orders
    cid = co.create(w.project_id, "Canopy", "12000", budget_line_id=w.steel).value.id
    old = co.update(cid, {"cost": "15000", "from_contingency": True}).value
    assert old == {"cost": D("12000.00"), "from_contingency": False, "contingency_line_id": None}
    assert co.get(cid).contingency_line_id == w.contingency
    co.update(cid, old)
    dto = co.get(cid)
    assert (dto.cost, dto.from_contingency, dto.contingency_line_id) == (D("12000.00"), False, None)
    with pytest.raises(ValidationError, match=r"^Approved on: only an approved change order"):
        co.update(cid, {"approved_on": date(2026, 11, 20)})
    co.set_status(cid, "pending")
    with pytest.raises(ValidationError, match=r"^Submitted on: is required once"):
        co.update(cid, {"submitted_on": None})
    with pytest.raises(NotFoundError):
        co.update(999, {"title": "X"})
    with pytest.raises(NotFoundError):
        co.set_status(999, "pending")


def test_exposure_of_pending_and_potential(w: World) -> None:
    co = w.app.change_orders
    co.create(w.project_id, "Maybe", "4000", budget_line_id=w.steel)
    pending = co.create(w.project_id, "Asked", "6000", budget_line_id=w.steel).value.id
    co.set_status(pending, "pending")
    rejected = co.create(w.project_id, "No", "9000", budget_line_id=w.steel).value.id
    co.set_status(rejected, "pending")
    co.set_status(rejected, "rejected")
    voided = co.create(w.project_id, "Gone", "1000", budget_line_id=w.steel).value.id
    co.set_status(voided, "void")
    ledger = w.app.cost.ledger(w.project_id)
    assert ledger.lines[1].exposure == D("10000.00")  # 4,000 potential + 6,000 pending
    assert ledger.lines[1].approved == D("0.00")
    assert [(t.status.value, t.count, t.cost) for t in ledger.change_log] == [
        ("potential", 1, D("4000.00")),
        ("pending", 1, D("6000.00")),
        ("approved", 0, D("0.00")),
        ("rejected", 1, D("9000.00")),
        ("void", 1, D("1000.00")),
    ]


def test_a_change_that_takes_money_off_contingency_may_not_overdraw_it(w: World) -> None:
    co = w.app.change_orders
    cut = co.create(w.project_id, "Reduce contingency", "-120000", budget_line_id=w.contingency)
    co.set_status(cut.value.id, "pending")
    with pytest.raises(ValidationError) as err:
        co.set_status(cut.value.id, "approved", by="J. Owner")
    assert str(err.value) == "Cost: contingency 99-000 would be overdrawn by 20,000.00"
