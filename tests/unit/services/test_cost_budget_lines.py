"""BudgetLineService: fields and their messages, codes unique per project, the contingency
floor, kind changes and deletes refused while the line is in use, undo of every edit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ownersrep.domain.cost.enums import BudgetLineKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.context import ServiceContext
from tests.unit.services.test_cost_fixtures import World, audit_of, build_world

D = Decimal


@pytest.fixture
def w(ctx: ServiceContext) -> World:
    return build_world(ctx)


def test_create_fills_defaults_and_orders_lines(w: World) -> None:
    out = w.app.budget_lines.create(w.project_id, " 09-900 ", " Finishes ", "250000.50")
    dto = out.value
    assert (dto.code, dto.description, dto.group) == ("09-900", "Finishes", "")
    assert dto.kind is BudgetLineKind.COST
    assert dto.original == D("250000.50")
    assert dto.etc_override is None
    assert dto.sort_order == 4  # after the three lines of the world
    assert out.changes.touches("budget_line", w.project_id)
    assert out.changes.structural
    codes = [line.code for line in w.app.budget_lines.list_lines(w.project_id)]
    assert codes == ["03-300", "05-100", "99-000", "09-900"]
    assert w.app.budget_lines.get(dto.id) == dto


@pytest.mark.parametrize(
    ("code", "description", "original", "fields", "message"),
    [
        ("", "Finishes", "1", {}, "Code: is required"),
        ("03-300", "Again", "1", {}, "Code: 03-300 is already used by another budget line"),
        ("09", "", "1", {}, "Description: is required"),
        ("09", "Finishes", "-5", {}, "Original budget: must not be negative, not -5.00"),
        ("09", "Finishes", "abc", {}, "Original budget: “abc” is not a number"),
        ("09", "Finishes", None, {}, "Original budget: is required"),
        ("09", "Finishes", 1.5, {}, "Original budget: must be given as text or Decimal"),
        ("09", "Finishes", "1", {"kind": "reserve"}, "Kind: “reserve” is not one of"),
        ("09", "Finishes", "1", {"etc_override": "-1"}, "Estimate to complete: must not be"),
        ("09", "Finishes", "1", {"colour": "red"}, "colour: is not a budget line field"),
        ("09", "Finishes", "1", {"sort_order": "x"}, "Order: “x” is not a whole number"),
    ],
)
def test_create_refusals_name_the_field_and_write_nothing(
    w: World, code: str, description: str, original: object, fields: dict, message: str
) -> None:
    before = w.app.cost.ledger(w.project_id)
    with pytest.raises(ValidationError) as err:
        w.app.budget_lines.create(w.project_id, code, description, original, **fields)
    assert str(err.value).startswith(message)
    assert w.app.cost.ledger(w.project_id) == before


def test_same_code_in_another_project_is_fine(w: World) -> None:
    other = w.app.projects.create("ERP roll-out", "internal").value.id
    dto = w.app.budget_lines.create(other, "03-300", "Licences", "10").value
    assert dto.project_id == other
    with pytest.raises(NotFoundError):
        w.app.budget_lines.create(9999, "X", "Y", "1")


def test_update_returns_old_values_and_undo_restores(w: World) -> None:
    lines = w.app.budget_lines
    old = lines.update(w.steel, {"original": "550000", "etc_override": "400000"}).value
    assert old == {"original": D("500000.00"), "etc_override": None}
    dto = lines.get(w.steel)
    assert (dto.original, dto.etc_override) == (D("550000.00"), D("400000.00"))
    lines.update(w.steel, old)
    dto = lines.get(w.steel)
    assert (dto.original, dto.etc_override) == (D("500000.00"), None)
    with pytest.raises(ValidationError, match=r"^Code: 03-300 is already used"):
        lines.update(w.steel, {"code": "03-300"})
    assert lines.update(w.steel, {"code": "05-100"}).value == {"code": "05-100"}  # itself


def test_contingency_cannot_drop_below_what_was_drawn(w: World) -> None:
    co = w.app.change_orders
    draw = co.create(
        w.project_id, "Rock", "60000", budget_line_id=w.concrete, from_contingency=True
    ).value
    co.set_status(draw.id, "pending")
    co.set_status(draw.id, "approved", by="J. Owner")
    # 100,000 − 60,000 drawn: 40,000 left; an original of 50,000 would leave −10,000
    with pytest.raises(ValidationError) as err:
        w.app.budget_lines.update(w.contingency, {"original": "50000"})
    assert str(err.value) == "Original budget: contingency 99-000 would be overdrawn by 10,000.00"
    w.app.budget_lines.update(w.contingency, {"original": "60000"})  # exactly drawn: fine
    assert w.app.cost.ledger(w.project_id).contingency.remaining == D("0.00")


def test_kind_changes_that_contradict_their_users_are_refused(w: World) -> None:
    w.app.commitments.create(w.project_id, "Steel package", w.gc, "100", w.steel)
    with pytest.raises(ValidationError) as err:
        w.app.budget_lines.update(w.steel, {"kind": "contingency"})
    assert str(err.value) == (
        "Kind: 05-100 is drawn on by commitment CT-001; a contingency line cannot be committed"
    )
    w.app.change_orders.create(
        w.project_id, "Rock", "10", budget_line_id=w.concrete, from_contingency=True
    )
    with pytest.raises(
        ValidationError, match=r"^Kind: change order CO-001 draws contingency onto 03-300$"
    ):
        w.app.budget_lines.update(w.concrete, {"kind": "contingency"})
    with pytest.raises(
        ValidationError, match=r"^Kind: change order CO-001 draws on 99-000 as contingency$"
    ):
        w.app.budget_lines.update(w.contingency, {"kind": "cost"})


def test_delete_refused_while_used_then_delete_and_restore_same_row(w: World) -> None:
    lines = w.app.budget_lines
    w.app.commitments.create(w.project_id, "Steel package", w.gc, "100", w.steel)
    w.app.change_orders.create(w.project_id, "Extra", "10", budget_line_id=w.steel)
    with pytest.raises(ValidationError) as err:
        lines.delete(w.steel)
    assert str(err.value) == (
        "Budget line: 05-100 is used by commitment CT-001 and change order CO-001; "
        "remove those first"
    )
    before = lines.get(w.concrete)
    out = lines.delete(w.concrete)
    assert out.changes.ids_of("budget_line") == {w.concrete}
    with pytest.raises(NotFoundError):
        lines.get(w.concrete)
    changes = lines.restore(out.value)
    assert changes.touches("budget_line", w.project_id)
    assert lines.get(w.concrete) == before
    assert [a for a, i, _f in audit_of(w.ctx, "budget_line") if i == w.concrete] == [
        "insert",
        "delete",
        "insert",
    ]
