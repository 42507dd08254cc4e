"""CostService, the read side: the ledger of a realistic small project figure by figure,
the empty project, reconciliation catching rows changed behind the services' back,
certified cost by period and the CSV export."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from ownersrep.domain.cost.enums import BudgetLineKind, CommitmentKind
from ownersrep.domain.errors import NotFoundError
from ownersrep.services.context import ServiceContext
from ownersrep.services.cost_types import CostLedger
from tests.unit.services.test_cost_fixtures import World, build_world

D = Decimal
OCT, NOV = date(2026, 10, 31), date(2026, 11, 30)


@pytest.fixture
def w(ctx: ServiceContext) -> World:
    """The clinic with a general contract, a design agreement, three change orders and
    three pay applications."""
    world = build_world(ctx)
    app, pid = world.app, world.project_id
    gc = app.commitments.create(
        pid,
        "General contract",
        world.gc,
        "1400000",
        {world.concrete: "950000", world.steel: "450000"},
        retainage_percent="5",
    ).value.id
    design = app.commitments.create(
        pid, "Design services", world.designer, "40000", world.concrete, number="DS-1"
    ).value.id
    co = app.change_orders
    rock = co.create(
        pid,
        "Rock at footing F3",
        "25000",
        commitment_id=gc,
        budget_line_id=world.concrete,
        from_contingency=True,
        reason="unforeseen_condition",
        time_impact_days=4,
    ).value.id
    co.set_status(rock, "pending", on=date(2026, 10, 2))
    co.set_status(rock, "approved", on=date(2026, 10, 9), by="Dana Whitfield")
    steel = co.create(
        pid, "Heavier lintels", "10000", commitment_id=gc, budget_line_id=world.steel
    ).value.id
    co.set_status(steel, "pending", on=date(2026, 11, 3))
    co.create(pid, "=Credit for finishes", "-2000", budget_line_id=world.concrete)
    pays = app.pay_applications
    pays.create(gc, OCT, "300000", "290000", paid_on=date(2026, 11, 10))
    pays.create(gc, NOV, "200000", "200000")
    pays.create(design, OCT, "12000", "12000", paid_on=date(2026, 11, 5))
    return world


def test_the_ledger_figure_by_figure(w: World) -> None:
    ledger = w.app.cost.ledger(w.project_id)
    assert isinstance(ledger, CostLedger)
    assert (ledger.project_id, ledger.currency) == (w.project_id, "USD")
    concrete, steel, cont = ledger.lines
    assert [r.code for r in ledger.lines] == ["03-300", "05-100", "99-000"]
    assert (concrete.group, steel.group, cont.kind) == (
        "03 Concrete",
        "05 Metals",
        BudgetLineKind.CONTINGENCY,
    )
    # concrete: 1,000,000 + 25,000 approved = 1,025,000 revised ; committed: contract
    # 950,000 + 25,000 and design 40,000 = 1,015,000 ; exposure −2,000 (potential credit)
    assert (concrete.approved, concrete.revised, concrete.committed, concrete.exposure) == (
        D("25000.00"),
        D("1025000.00"),
        D("1015000.00"),
        D("-2000.00"),
    )
    # certified: the contract's 490,000 split 975:450 → 335,263.16 ; plus design 12,000
    assert concrete.certified == D("347263.16")
    # paid: 188,500 (the contract's 275,500 split) + design 12,000 net (no retainage)
    assert (concrete.paid, concrete.retainage, concrete.unpaid) == (
        D("200500.00"),
        D("16763.16"),
        D("130000.00"),
    )
    # ETC = 1,025,000 − 347,263.16 = 677,736.84 ; EAC = 1,025,000 ; VAC orig −25,000
    assert (concrete.etc, concrete.eac, concrete.vac_original, concrete.vac_revised) == (
        D("677736.84"),
        D("1025000.00"),
        D("-25000.00"),
        D("0.00"),
    )
    assert not concrete.etc_entered
    assert (steel.exposure, steel.certified) == (D("10000.00"), D("154736.84"))
    assert (cont.approved, cont.revised) == (D("-25000.00"), D("75000.00"))

    t = ledger.line_totals
    assert (t.original, t.revised, t.committed, t.certified) == (
        D("1600000.00"),
        D("1600000.00"),
        D("1465000.00"),
        D("502000.00"),
    )
    assert [(g.name, g.totals.revised) for g in ledger.groups] == [
        ("03 Concrete", D("1025000.00")),
        ("05 Metals", D("500000.00")),
        ("", D("75000.00")),
    ]
    contract, design = ledger.commitments  # by number
    assert (contract.number, contract.kind, contract.party_name, contract.line_codes) == (
        "CT-001",
        CommitmentKind.CONTRACT,
        "Summit Builders",
        "03-300, 05-100",
    )
    assert (contract.revised, contract.exposure, contract.remaining) == (
        D("1425000.00"),
        D("10000.00"),
        D("935000.00"),
    )
    assert (design.number, design.retainage_percent, design.paid) == (
        "DS-1",
        D("0.00"),
        D("12000.00"),
    )
    assert ledger.commitment_totals.certified == D("502000.00")
    c = ledger.contingency
    assert (c.original, c.drawn, c.remaining, c.used_percent) == (
        D("100000.00"),
        D("25000.00"),
        D("75000.00"),
        D("25.00"),
    )
    assert w.app.cost.reconcile(w.project_id) == []


def test_an_entered_etc_is_used_and_flagged(w: World) -> None:
    w.app.budget_lines.update(w.steel, {"etc_override": "400000"})
    steel = w.app.cost.ledger(w.project_id).lines[1]
    # EAC = 154,736.84 certified + 400,000 = 554,736.84 ; VAC = 500,000 − EAC
    assert (steel.etc_entered, steel.eac, steel.vac_revised) == (
        True,
        D("554736.84"),
        D("-54736.84"),
    )


def test_an_empty_project(ctx: ServiceContext) -> None:
    world = build_world(ctx)
    empty = world.app.projects.create("Nothing yet").value.id
    ledger = world.app.cost.ledger(empty)
    assert (ledger.lines, ledger.commitments, ledger.groups) == ((), (), ())
    assert ledger.line_totals.revised == D("0.00")
    assert ledger.contingency.used_percent is None
    assert [t.count for t in ledger.change_log] == [0, 0, 0, 0, 0]
    assert world.app.cost.reconcile(empty) == []
    assert world.app.cost.certified_by_period(empty) == []
    with pytest.raises(NotFoundError):
        world.app.cost.ledger(9999)


def test_reconcile_catches_rows_changed_behind_the_services_back(w: World) -> None:
    with w.ctx.sessions.begin() as s:
        # a link row of the contract edited by hand: 950,000 → 940,000 (in cents)
        s.execute(
            text(
                "UPDATE commitment_line SET amount = 94000000 "
                "WHERE budget_line_id = :line AND amount = 95000000"
            ),
            {"line": w.concrete},
        )
        # an approved change order's budget line cleared
        s.execute(text("UPDATE change_order SET budget_line_id = NULL WHERE number = 'CO-001'"))
    assert w.app.cost.reconcile(w.project_id) == [
        "Commitment CT-001: its budget lines add up to 1,390,000.00, not its amount 1,400,000.00",
        "Budget: original 1,600,000.00 + approved changes not drawn from contingency 0.00 "
        "≠ revised 1,575,000.00",
        "Committed: the budget lines carry 1,430,000.00, the commitments 1,465,000.00",
    ]


def test_certified_by_period(w: World) -> None:
    # October: 290,000 + 12,000 = 302,000 ; November: 200,000
    assert w.app.cost.certified_by_period(w.project_id) == [
        (OCT, D("302000.00")),
        (NOV, D("502000.00")),
    ]
    assert w.app.cost.certified_by_period(w.project_id, cumulative=False) == [
        (OCT, D("302000.00")),
        (NOV, D("200000.00")),
    ]


def test_export_csv_writes_four_sections_with_exact_amounts(w: World, tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    summary = w.app.cost.export_csv(w.project_id, path)
    assert (summary.lines, summary.commitments, summary.change_orders) == (3, 2, 3)
    assert summary.pay_applications == 3
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    titles = [i for i, r in enumerate(rows) if len(r) == 1 and r[0]]
    assert [rows[i][0] for i in titles] == [
        "Budget lines",
        "Commitments",
        "Change orders",
        "Pay applications",
    ]
    lines = rows[2:6]
    assert lines[0][:7] == [
        "03-300",
        "Cast-in-place concrete",
        "03 Concrete",
        "Cost",
        "1000000.00",
        "25000.00",
        "1025000.00",
    ]
    assert lines[2][5] == "-25000.00"  # a negative amount stays a number
    assert lines[3][0] == "Total" and lines[3][10] == "502000.00"
    changes = rows[titles[2] + 2 : titles[3] - 1]
    assert [r[0] for r in changes] == ["CO-001", "CO-002", "CO-003"]
    assert changes[2][1] == "'=Credit for finishes"  # formula text defused
    assert changes[0][2:4] == ["Unforeseen condition", "Approved"]
    assert changes[0][8:13] == ["Yes", "99-000", "2026-10-02", "2026-10-09", "Dana Whitfield"]
    payments = rows[titles[3] + 2 :]
    assert payments[0] == [
        "CT-001",
        "Summit Builders",
        "1",
        "2026-10-31",
        "300000.00",
        "290000.00",
        "14500.00",
        "0.00",
        "275500.00",
        "2026-11-10",
        "290000.00",
    ]
    commitments = rows[titles[1] + 2 : titles[2] - 1]
    assert commitments[0][:6] == [
        "CT-001",
        "General contract",
        "Contract",
        "Summit Builders",
        "5.00",
        "03-300, 05-100",
    ]


def test_app_services_hold_the_cost_services(w: World) -> None:
    app = w.app
    assert app.cost.ledger(w.project_id).lines  # the read side
    for name in ("budget_lines", "commitments", "change_orders", "pay_applications"):
        assert hasattr(getattr(app, name), "create")
