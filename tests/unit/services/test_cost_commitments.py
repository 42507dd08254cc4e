"""CommitmentService: numbers, the lines a commitment draws on (adding up to its amount),
retainage, billing never beyond the revised commitment, delete with its pay
applications and undo of every edit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ownersrep.db.models import CommitmentLine, PayApplication
from ownersrep.domain.cost.enums import CommitmentKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.context import ServiceContext
from tests.unit.services.test_cost_fixtures import World, audit_of, build_world

D = Decimal


@pytest.fixture
def w(ctx: ServiceContext) -> World:
    return build_world(ctx)


def test_create_with_lines_and_automatic_numbers(w: World) -> None:
    c = w.app.commitments
    gc = c.create(
        w.project_id,
        "General contract",
        w.gc,
        "1,400,000",
        {w.concrete: "950000", w.steel: "450000"},
        retainage_percent="5 %",
    )
    dto = gc.value
    assert (dto.number, dto.kind, dto.party_name) == (
        "CT-001",
        CommitmentKind.CONTRACT,
        "Summit Builders",
    )
    assert (dto.amount, dto.retainage_percent) == (D("1400000.00"), D("5.00"))
    assert [(ln.code, ln.amount) for ln in dto.lines] == [
        ("03-300", D("950000.00")),
        ("05-100", D("450000.00")),
    ]
    assert gc.changes.touches("commitment", w.project_id) and gc.changes.structural
    po = c.create(w.project_id, "Rebar", w.gc, "20000", w.steel, kind="purchase_order").value
    assert po.number == "PO-001"
    assert [(ln.code, ln.amount) for ln in po.lines] == [("05-100", D("20000.00"))]
    own = c.create(w.project_id, "Design", w.designer, "80000", w.concrete, number="A-17").value
    assert own.number == "A-17"
    assert c.create(w.project_id, "More", w.gc, "1", w.steel).value.number == "CT-002"
    assert [x.number for x in c.list_commitments(w.project_id)] == [
        "A-17",
        "CT-001",
        "CT-002",
        "PO-001",
    ]
    assert c.get(dto.id) == dto
    # audited, the link rows too
    assert audit_of(w.ctx, "commitment")[0] == ("insert", dto.id, None)
    assert len(audit_of(w.ctx, "commitment_line")) == 5


def test_an_automatic_number_skips_one_typed_by_hand(w: World) -> None:
    c = w.app.commitments
    c.create(w.project_id, "Typed", w.gc, "1", w.steel, number="CT-001")
    assert c.create(w.project_id, "Auto", w.gc, "1", w.steel).value.number == "CT-002"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": ""}, "Title: is required"),
        ({"party_id": None}, "Party: is required"),
        ({"party_id": 999}, "Party: party #999 does not exist"),
        ({"amount": "-1"}, "Amount: must not be negative, not -1.00"),
        ({"amount": "ten"}, "Amount: “ten” is not a number"),
        ({"lines": {}}, "Budget lines: a commitment must draw on at least one budget line"),
        (
            {"lines": {"concrete": "60", "steel": "30"}},
            "Budget lines: the amounts drawn on budget lines add up to 90.00, not the "
            "commitment amount 100.00",
        ),
        ({"lines": "contingency"}, "Budget lines: 99-000 is contingency; draw on it with a"),
        ({"lines": 999}, "Budget lines: budget line #999 is not in this project"),
        ({"retainage_percent": "101"}, "Retainage: must be between 0 and 100 %, not 101"),
        ({"retainage_percent": "five"}, "Retainage: “five” is not a percentage"),
        ({"retainage_percent": 5.0}, "Retainage: must be given as text or Decimal"),
        ({"kind": "lease"}, "Kind: “lease” is not one of"),
        ({"number": "CT-001"}, "Number: CT-001 is already used by another commitment"),
    ],
)
def test_create_refusals_name_the_field_and_write_nothing(
    w: World, kwargs: dict, message: str
) -> None:
    w.app.commitments.create(w.project_id, "First", w.gc, "5", w.steel)  # CT-001
    ids = {"concrete": w.concrete, "steel": w.steel, "contingency": w.contingency}
    args = {"title": "Second", "party_id": w.gc, "amount": "100", "lines": w.concrete, **kwargs}
    lines = args.pop("lines")
    if isinstance(lines, dict):
        lines = {ids.get(k, k): v for k, v in lines.items()}
    elif isinstance(lines, str):
        lines = ids[lines]
    before = w.app.cost.ledger(w.project_id)
    with pytest.raises(ValidationError) as err:
        w.app.commitments.create(
            w.project_id, args.pop("title"), args.pop("party_id"), args.pop("amount"), lines, **args
        )
    assert str(err.value).startswith(message)
    assert w.app.cost.ledger(w.project_id) == before


def test_a_line_of_another_project_is_refused(w: World) -> None:
    other = w.app.projects.create("ERP").value.id
    foreign = w.app.budget_lines.create(other, "L1", "Licences", "10").value.id
    with pytest.raises(ValidationError, match=r"^Budget lines: budget line #\d+ is not in this"):
        w.app.commitments.create(w.project_id, "X", w.gc, "10", foreign)


def test_retainage_percent_rounds_to_two_places(w: World) -> None:
    dto = w.app.commitments.create(
        w.project_id, "X", w.gc, "10", w.steel, retainage_percent=D("5.125")
    ).value
    assert dto.retainage_percent == D("5.13")  # half up


def test_amount_of_a_single_line_commitment_moves_its_line(w: World) -> None:
    c = w.app.commitments
    cid = c.create(w.project_id, "Steel", w.gc, "100000", w.steel).value.id
    old = c.update(cid, {"amount": "120000"}).value
    assert old == {"amount": D("100000.00"), "lines": {w.steel: D("100000.00")}}
    assert [ln.amount for ln in c.get(cid).lines] == [D("120000.00")]
    c.update(cid, old)  # undo
    dto = c.get(cid)
    assert (dto.amount, [ln.amount for ln in dto.lines]) == (D("100000.00"), [D("100000.00")])


def test_amount_of_a_split_commitment_needs_its_lines(w: World) -> None:
    c = w.app.commitments
    cid = c.create(w.project_id, "GC", w.gc, "300", {w.concrete: "200", w.steel: "100"}).value.id
    with pytest.raises(ValidationError, match=r"^Budget lines: .* add up to 300\.00, not the "):
        c.update(cid, {"amount": "400"})
    old = c.update(cid, {"amount": "400", "lines": {w.concrete: "250", w.steel: "150"}}).value
    assert old == {
        "amount": D("300.00"),
        "lines": {w.concrete: D("200.00"), w.steel: D("100.00")},
    }
    # moving everything to one line removes the other link row
    c.update(cid, {"lines": {w.concrete: "400"}})
    assert [(ln.code, ln.amount) for ln in c.get(cid).lines] == [("03-300", D("400.00"))]
    c.update(cid, {"lines": {w.concrete: "250", w.steel: "150"}, "title": "GC"})
    assert [ln.amount for ln in c.get(cid).lines] == [D("250.00"), D("150.00")]


def test_lowering_the_amount_below_what_was_billed_is_refused(w: World) -> None:
    c = w.app.commitments
    cid = c.create(w.project_id, "Steel", w.gc, "100000", w.steel).value.id
    w.app.pay_applications.create(cid, date(2026, 10, 31), "90000", "85000")
    before = w.app.cost.ledger(w.project_id)
    with pytest.raises(ValidationError) as err:
        c.update(cid, {"amount": "80000"})
    assert str(err.value) == (
        "Amount: billing beyond the revised commitment: claims to date would be 90,000.00 "
        "against a revised commitment of 80,000.00"
    )
    assert w.app.cost.ledger(w.project_id) == before
    c.update(cid, {"amount": "90000"})  # down to exactly what was claimed: fine


def test_update_refusals(w: World) -> None:
    c = w.app.commitments
    first = c.create(w.project_id, "A", w.gc, "1", w.steel).value.id
    second = c.create(w.project_id, "B", w.gc, "1", w.steel).value.id
    with pytest.raises(ValidationError, match=r"^Number: CT-001 is already used"):
        c.update(second, {"number": "CT-001"})
    with pytest.raises(ValidationError, match=r"^Number: is required$"):
        c.update(second, {"number": " "})
    with pytest.raises(ValidationError, match=r"^Party: is required$"):
        c.update(first, {"party_id": None})
    with pytest.raises(ValidationError, match=r"^status: is not a commitment field$"):
        c.update(first, {"status": "closed"})
    with pytest.raises(NotFoundError):
        c.update(999, {"title": "X"})


def test_delete_takes_lines_and_pay_applications_and_restore_brings_them_back(
    w: World,
) -> None:
    c, pays = w.app.commitments, w.app.pay_applications
    cid = c.create(
        w.project_id, "GC", w.gc, "1000", {w.concrete: "600", w.steel: "400"}, retainage_percent="5"
    ).value.id
    p1 = pays.create(cid, date(2026, 9, 30), "300", "300", paid_on=date(2026, 10, 15)).value
    pays.create(cid, date(2026, 10, 31), "200", "150")
    before = w.app.cost.ledger(w.project_id)
    dto = c.get(cid)
    out = c.delete(cid)
    assert out.changes.touches("commitment", w.project_id)
    assert out.changes.touches("pay_application", w.project_id)
    assert (out.value.count(CommitmentLine), out.value.count(PayApplication)) == (2, 2)
    assert w.app.cost.ledger(w.project_id).commitments == ()
    assert pays.list_pay_applications(w.project_id) == []
    changes = c.restore(out.value)
    assert changes.ids_of("pay_application") == {p1.id, p1.id + 1}
    assert c.get(cid) == dto
    assert w.app.cost.ledger(w.project_id) == before
    assert w.app.cost.reconcile(w.project_id) == []


def test_delete_refused_while_change_orders_refer_to_it(w: World) -> None:
    cid = w.app.commitments.create(w.project_id, "GC", w.gc, "10", w.steel).value.id
    w.app.change_orders.create(
        w.project_id, "Extra", "5", commitment_id=cid, budget_line_id=w.steel
    )
    with pytest.raises(ValidationError) as err:
        w.app.commitments.delete(cid)
    assert str(err.value) == (
        "Commitment: CT-001 has change orders (CO-001); link them elsewhere first"
    )
