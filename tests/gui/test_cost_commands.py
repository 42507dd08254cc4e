"""Every cost undo command: push, undo and redo, checking the data after each step, and
that a refused command pushes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.cost_commands import (
    AddBudgetLineCommand,
    AddChangeOrderCommand,
    AddCommitmentCommand,
    AddPayApplicationCommand,
    DeleteBudgetLineCommand,
    DeleteChangeOrderCommand,
    DeleteCommitmentCommand,
    DeletePayApplicationCommand,
    EditBudgetLineCommand,
    EditChangeOrderCommand,
    EditCommitmentCommand,
    EditPayApplicationCommand,
    SetChangeOrderStatusCommand,
)
from tests.helpers.cost_world import CostWorld, build_cost_world

D = Decimal


@pytest.fixture
def cw(ctx: ServiceContext) -> CostWorld:
    return build_cost_world(ctx)


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def seen(bus: ChangeBus) -> list[Changes]:
    got: list[Changes] = []
    bus.changed.connect(got.append)
    return got


def codes(cw: CostWorld) -> list[str]:
    return [line.code for line in cw.app.budget_lines.list_lines(cw.project_id)]


def revised_total(cw: CostWorld) -> Decimal:
    return cw.app.cost.ledger(cw.project_id).line_totals.revised


def reconciles(cw: CostWorld) -> bool:
    return cw.app.cost.reconcile(cw.project_id) == []


# -- budget lines -----------------------------------------------------------------------
def test_add_budget_line(
    cw: CostWorld, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    values = {"code": "09-900", "description": "Painting", "original": "45,000", "group": "09"}
    cmd = AddBudgetLineCommand(cw.app.budget_lines, bus, cw.project_id, values)
    run_command(stack, cmd)
    assert stack.undoText() == "Add budget line 09-900"
    assert cmd.row_id is not None
    line = cw.app.budget_lines.get(cmd.row_id)
    assert (line.code, line.original, line.group) == ("09-900", D("45000.00"), "09")
    assert seen[-1].touches("budget_line", cw.project_id)
    assert revised_total(cw) == D("1645000.00")
    stack.undo()
    assert "09-900" not in codes(cw) and revised_total(cw) == D("1600000.00")
    stack.redo()
    again = cw.app.budget_lines.get(cmd.row_id)  # the same row comes back
    assert again == line
    assert reconciles(cw)


def test_edit_budget_line(cw: CostWorld, bus: ChangeBus, stack: QUndoStack) -> None:
    lines = cw.app.budget_lines
    values = {"original": "1,100,000", "etc_override": "700000", "description": "Concrete"}
    run_command(stack, EditBudgetLineCommand(lines, bus, cw.base.concrete, values, "03-300"))
    assert stack.undoText() == "Edit budget line 03-300"
    edited = lines.get(cw.base.concrete)
    assert (edited.original, edited.etc_override, edited.description) == (
        D("1100000.00"),
        D("700000.00"),
        "Concrete",
    )
    stack.undo()
    back = lines.get(cw.base.concrete)
    assert (back.original, back.etc_override, back.description) == (
        D("1000000.00"),
        None,
        "Cast-in-place concrete",
    )
    stack.redo()
    assert lines.get(cw.base.concrete).original == D("1100000.00")


def test_delete_budget_line(cw: CostWorld, bus: ChangeBus, stack: QUndoStack) -> None:
    lines = cw.app.budget_lines
    spare = lines.create(cw.project_id, "10-100", "Signage", "8000").value.id
    run_command(stack, DeleteBudgetLineCommand(lines, bus, spare, "10-100"))
    assert stack.undoText() == "Delete budget line 10-100"
    assert "10-100" not in codes(cw)
    stack.undo()
    assert lines.get(spare).code == "10-100"
    stack.redo()
    with pytest.raises(NotFoundError):
        lines.get(spare)


def test_delete_of_a_used_budget_line_is_refused_and_not_pushed(
    cw: CostWorld, bus: ChangeBus, stack: QUndoStack
) -> None:
    cmd = DeleteBudgetLineCommand(cw.app.budget_lines, bus, cw.base.concrete, "03-300")
    with pytest.raises(ValidationError, match="used by commitment CT-001"):
        run_command(stack, cmd)
    assert stack.count() == 0 and "03-300" in codes(cw)


# -- commitments ------------------------------------------------------------------------
def test_add_commitment(cw: CostWorld, bus: ChangeBus, stack: QUndoStack) -> None:
    values = {
        "title": "Geotechnical survey",
        "party_id": cw.base.designer,
        "amount": "15,000",
        "lines": cw.base.concrete,
        "kind": "purchase_order",
        "retainage_percent": "0",
    }
    cmd = AddCommitmentCommand(cw.app.commitments, bus, cw.project_id, values)
    run_command(stack, cmd)
    assert stack.undoText() == "Add commitment PO-001"
    assert cmd.row_id is not None
    made = cw.app.commitments.get(cmd.row_id)
    assert (made.number, made.amount, [cl.code for cl in made.lines]) == (
        "PO-001",
        D("15000.00"),
        ["03-300"],
    )
    stack.undo()
    assert [c.number for c in cw.app.commitments.list_commitments(cw.project_id)] == [
        "CT-001",
        "CT-002",
    ]
    stack.redo()
    assert cw.app.commitments.get(cmd.row_id) == made
    assert reconciles(cw)


def test_edit_commitment_moves_its_lines(cw: CostWorld, bus: ChangeBus, stack: QUndoStack) -> None:
    commitments = cw.app.commitments
    values = {
        "amount": "1,250,000",
        "lines": {cw.base.concrete: "850000", cw.base.steel: "400000"},
        "title": "General contract, revised scope",
    }
    run_command(stack, EditCommitmentCommand(commitments, bus, cw.gc_contract, values, "CT-001"))
    assert stack.undoText() == "Edit commitment CT-001"
    after = commitments.get(cw.gc_contract)
    assert after.amount == D("1250000.00")
    assert {cl.code: cl.amount for cl in after.lines} == {
        "03-300": D("850000.00"),
        "05-100": D("400000.00"),
    }
    stack.undo()
    before = commitments.get(cw.gc_contract)
    assert (before.amount, before.title) == (D("1200000.00"), "General contract")
    assert {cl.code: cl.amount for cl in before.lines} == {
        "03-300": D("800000.00"),
        "05-100": D("400000.00"),
    }
    stack.redo()
    assert commitments.get(cw.gc_contract) == after
    assert reconciles(cw)


def test_delete_commitment_takes_and_restores_its_pay_applications(
    cw: CostWorld, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    commitments, pays = cw.app.commitments, cw.app.pay_applications
    run_command(stack, DeleteCommitmentCommand(commitments, bus, cw.design_contract, "CT-002"))
    assert stack.undoText() == "Delete commitment CT-002"
    assert seen[-1].touches("pay_application", cw.project_id)
    assert len(pays.list_pay_applications(cw.project_id)) == 2
    stack.undo()
    assert commitments.get(cw.design_contract).number == "CT-002"
    restored = pays.list_pay_applications(cw.project_id, cw.design_contract)
    assert [(p.number, p.certified) for p in restored] == [(1, D("30000.00"))]
    stack.redo()
    assert len(pays.list_pay_applications(cw.project_id)) == 2
    assert reconciles(cw)


# -- change orders ----------------------------------------------------------------------
def test_add_change_order_keeps_its_number_through_undo_and_redo(
    cw: CostWorld, bus: ChangeBus, stack: QUndoStack
) -> None:
    values = {
        "title": "Extra floor drains",
        "cost": "8,750",
        "reason": "design_error",
        "budget_line_id": cw.base.concrete,
        "commitment_id": cw.gc_contract,
        "time_impact_days": 2,
    }
    cmd = AddChangeOrderCommand(cw.app.change_orders, bus, cw.project_id, values)
    run_command(stack, cmd)
    assert stack.undoText() == "Add change order CO-006"
    assert cmd.row_id is not None
    made = cw.app.change_orders.get(cmd.row_id)
    assert (made.number, made.status, made.cost) == ("CO-006", ChangeStatus.POTENTIAL, D("8750.00"))
    exposure = cw.app.cost.ledger(cw.project_id).line_totals.exposure
    assert exposure == D("24750.00")
    stack.undo()
    assert cw.app.cost.ledger(cw.project_id).line_totals.exposure == D("16000.00")
    stack.redo()
    assert cw.app.change_orders.get(cmd.row_id) == made  # CO-006 again, not CO-007


def test_edit_change_order(cw: CostWorld, bus: ChangeBus, stack: QUndoStack) -> None:
    changes = cw.app.change_orders
    co = cw.changes["CO-002"]
    values = {"cost": "15000", "time_impact_days": 4, "title": "Steel bracing"}
    run_command(stack, EditChangeOrderCommand(changes, bus, co, values, "CO-002"))
    assert stack.undoText() == "Edit change order CO-002"
    after = changes.get(co)
    assert (after.cost, after.time_impact_days, after.title) == (D("15000.00"), 4, "Steel bracing")
    stack.undo()
    before = changes.get(co)
    assert (before.cost, before.time_impact_days, before.title) == (
        D("12000.00"),
        0,
        "Extra steel bracing",
    )
    stack.redo()
    assert changes.get(co) == after


def test_delete_change_order(cw: CostWorld, bus: ChangeBus, stack: QUndoStack) -> None:
    changes = cw.app.change_orders
    co = cw.changes["CO-003"]
    run_command(stack, DeleteChangeOrderCommand(changes, bus, co, "CO-003"))
    assert stack.undoText() == "Delete change order CO-003"
    assert "CO-003" not in [c.number for c in changes.list_change_orders(cw.project_id)]
    stack.undo()
    assert changes.get(co).number == "CO-003"
    stack.redo()
    with pytest.raises(NotFoundError):
        changes.get(co)


def test_approving_revises_the_budget_and_undo_puts_it_back(
    cw: CostWorld, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    changes = cw.app.change_orders
    co = cw.changes["CO-002"]
    cmd = SetChangeOrderStatusCommand(
        changes, bus, co, ChangeStatus.APPROVED, on=date(2026, 11, 18), by="M. Okafor",
        label="CO-002",
    )  # fmt: skip
    run_command(stack, cmd)
    assert stack.undoText() == "Approve change order CO-002"
    approved = changes.get(co)
    assert (approved.status, approved.approved_on, approved.approved_by) == (
        ChangeStatus.APPROVED,
        date(2026, 11, 18),
        "M. Okafor",
    )
    assert revised_total(cw) == D("1612000.00")
    assert seen[-1].touches("change_order", cw.project_id)
    stack.undo()
    pending = changes.get(co)
    assert (pending.status, pending.approved_on, pending.approved_by) == (
        ChangeStatus.PENDING,
        None,
        "",
    )
    assert revised_total(cw) == D("1600000.00")
    stack.redo()
    assert changes.get(co) == approved
    assert reconciles(cw)


@pytest.mark.parametrize(
    ("number", "status", "verb"),
    [
        ("CO-003", ChangeStatus.PENDING, "Submit"),
        ("CO-002", ChangeStatus.REJECTED, "Reject"),
        ("CO-003", ChangeStatus.VOID, "Void"),
    ],
)
def test_other_status_changes(
    cw: CostWorld, bus: ChangeBus, stack: QUndoStack, number: str, status: ChangeStatus, verb: str
) -> None:
    changes = cw.app.change_orders
    co = cw.changes[number]
    before = changes.get(co)
    cmd = SetChangeOrderStatusCommand(changes, bus, co, status, on=date(2026, 11, 19), label=number)
    run_command(stack, cmd)
    assert stack.undoText() == f"{verb} change order {number}"
    assert changes.get(co).status is status
    if status is ChangeStatus.PENDING:
        assert changes.get(co).submitted_on == date(2026, 11, 19)
    stack.undo()
    assert changes.get(co) == before
    stack.redo()
    assert changes.get(co).status is status


def test_a_refused_status_change_is_not_pushed(
    cw: CostWorld, bus: ChangeBus, stack: QUndoStack
) -> None:
    changes = cw.app.change_orders
    approve_without_name = SetChangeOrderStatusCommand(
        changes, bus, cw.changes["CO-002"], ChangeStatus.APPROVED, by="", label="CO-002"
    )
    with pytest.raises(ValidationError, match="Approved by"):
        run_command(stack, approve_without_name)
    final = SetChangeOrderStatusCommand(changes, bus, cw.changes["CO-001"], ChangeStatus.VOID)
    with pytest.raises(ValidationError, match="approved is final"):
        run_command(stack, final)
    assert stack.count() == 0
    assert changes.get(cw.changes["CO-002"]).status is ChangeStatus.PENDING


# -- pay applications -------------------------------------------------------------------
def test_add_pay_application(cw: CostWorld, bus: ChangeBus, stack: QUndoStack) -> None:
    pays = cw.app.pay_applications
    values = {
        "period_end": date(2026, 11, 30),
        "claimed": "120,000",
        "certified": "110,000",
        "retainage_released": "0",
    }
    cmd = AddPayApplicationCommand(pays, bus, cw.gc_contract, values)
    run_command(stack, cmd)
    assert stack.undoText() == "Add pay application CT-001 #3"
    assert cmd.row_id is not None
    made = pays.get(cmd.row_id)
    assert (made.number, made.certified, made.retainage_held, made.net) == (
        3,
        D("110000.00"),
        D("5500.00"),
        D("104500.00"),
    )
    stack.undo()
    assert len(pays.list_pay_applications(cw.project_id, cw.gc_contract)) == 2
    stack.redo()
    assert pays.get(cmd.row_id) == made
    assert reconciles(cw)


def test_edit_pay_application(cw: CostWorld, bus: ChangeBus, stack: QUndoStack) -> None:
    pays = cw.app.pay_applications
    pay = cw.pays[1]  # CT-001 #2, unpaid
    values = {"certified": "240000", "paid_on": date(2026, 11, 19)}
    run_command(stack, EditPayApplicationCommand(pays, bus, pay, values, "CT-001 #2"))
    assert stack.undoText() == "Edit pay application CT-001 #2"
    after = pays.get(pay)
    assert (after.certified, after.retainage_held, after.paid_on) == (
        D("240000.00"),
        D("12000.00"),
        date(2026, 11, 19),
    )
    stack.undo()
    before = pays.get(pay)
    assert (before.certified, before.retainage_held, before.paid_on) == (
        D("250000.00"),
        D("12500.00"),
        None,
    )
    stack.redo()
    assert pays.get(pay) == after
    assert reconciles(cw)


def test_delete_pay_application(cw: CostWorld, bus: ChangeBus, stack: QUndoStack) -> None:
    pays = cw.app.pay_applications
    pay = cw.pays[2]
    run_command(stack, DeletePayApplicationCommand(pays, bus, pay, "CT-002 #1"))
    assert stack.undoText() == "Delete pay application CT-002 #1"
    assert cw.app.cost.ledger(cw.project_id).commitment_totals.certified == D("440000.00")
    stack.undo()
    assert pays.get(pay).certified == D("30000.00")
    assert cw.app.cost.ledger(cw.project_id).commitment_totals.certified == D("470000.00")
    stack.redo()
    with pytest.raises(NotFoundError):
        pays.get(pay)


def test_billing_beyond_the_commitment_is_refused_and_not_pushed(
    cw: CostWorld, bus: ChangeBus, stack: QUndoStack
) -> None:
    values = {"period_end": date(2026, 11, 30), "claimed": "900000", "certified": "900000"}
    cmd = AddPayApplicationCommand(cw.app.pay_applications, bus, cw.gc_contract, values)
    with pytest.raises(ValidationError):
        run_command(stack, cmd)
    assert stack.count() == 0
    assert len(cw.app.pay_applications.list_pay_applications(cw.project_id)) == 3
