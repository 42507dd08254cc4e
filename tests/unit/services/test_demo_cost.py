"""The demo's cost ledgers: they reconcile, their figures are realistic, the clinic's CPI
is a little under 1, every row is audited and the app continues the demo's numbering."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from ownersrep.db.workspace import open_workspace
from ownersrep.domain.cost.enums import ChangeStatus, CommitmentKind
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.demo import build_demo_rows, write_demo
from ownersrep.services.demo.cost import WbsProgress, month_ends
from ownersrep.services.demo.rows import STATUS_DATE

CLINIC = "Riverside Medical Clinic"
ERP = "Finance & Supply Chain ERP Roll-out"
COST_TABLES = ("budget_line", "commitment", "commitment_line", "change_order", "pay_application")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo_cost") / "demo.orep"
    write_demo(path)
    return path


@pytest.fixture
def services(demo_file: Path) -> Iterator[AppServices]:
    with open_workspace(demo_file) as ws:
        yield AppServices(ServiceContext(ws.sessions, today=lambda: STATUS_DATE))


@pytest.fixture
def db(demo_file: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{demo_file}?mode=ro", uri=True)
    yield conn
    conn.close()


def _ids(services: AppServices) -> dict[str, int]:
    return {p.name: p.id for p in services.portfolio.tree().projects()}


def test_every_ledger_reconciles(services: AppServices) -> None:
    for project_id in _ids(services).values():
        assert services.cost.reconcile(project_id) == []


def test_clinic_budget_commitments_and_contingency(services: AppServices) -> None:
    ledger = services.cost.ledger(_ids(services)[CLINIC])
    totals = ledger.line_totals
    assert Decimal("13500000") <= totals.original <= Decimal("14500000")
    # Every approved change is drawn from (or, a credit, returned to) contingency, so
    # the revised budget is the original one.
    assert totals.revised == totals.original
    groups = {g.name for g in ledger.groups}
    assert {"01 General Requirements", "Soft costs", "Contingency"} <= groups
    assert any(g.startswith("21–28") for g in groups) and any(g.startswith("31–33") for g in groups)
    by_number = {c.number: c for c in ledger.commitments}
    assert set(by_number) == {"CT-001", "CT-002", "CT-003", "CT-004", "PO-001"}
    gmp = by_number["CT-001"]
    assert gmp.party_name == "Halvorsen Builders Inc." and gmp.kind is CommitmentKind.CONTRACT
    assert Decimal("10500000") <= gmp.amount <= Decimal("12000000")
    assert gmp.retainage_percent == Decimal("5.00")
    consultants = {by_number[n].party_name for n in ("CT-002", "CT-003", "CT-004")}
    assert consultants == {
        "Marsh & Odell Architects",
        "Kestrel MEP Engineers",
        "Certus Commissioning Group",
    }
    cont = ledger.contingency
    assert cont.original == Decimal("680000.00")
    # −12,000 credit + 8,400 + 22,800 + 14,200 + 38,500
    assert cont.drawn == Decimal("71900.00")
    assert cont.remaining == Decimal("608100.00")
    assert cont.pending_draws == Decimal("51200.00")  # 6,200 pending + 45,000 potential


def test_clinic_change_orders_are_eight_in_mixed_states(services: AppServices) -> None:
    changes = services.change_orders.list_change_orders(_ids(services)[CLINIC])
    assert [c.number for c in changes] == [f"CO-{n:03d}" for n in range(1, 9)]
    statuses = [c.status for c in changes]
    assert statuses.count(ChangeStatus.APPROVED) == 5
    assert {ChangeStatus.PENDING, ChangeStatus.POTENTIAL, ChangeStatus.REJECTED} <= set(statuses)
    assert all(c.title and c.description and c.commitment_number == "CT-001" for c in changes)
    assert any(c.cost < 0 for c in changes) and any(c.time_impact_days < 0 for c in changes)
    assert len({c.reason for c in changes}) >= 4
    for c in changes:
        if c.status is ChangeStatus.APPROVED:
            assert c.approved_by == "Margaret Okafor" and c.submitted_on <= c.approved_on
        if c.status is not ChangeStatus.POTENTIAL:
            assert c.submitted_on is not None
    cited = {c.number: c.cost for c in changes}
    assert cited["CO-004"] == Decimal("22800.00") and cited["CO-006"] == Decimal("38500.00")


def test_clinic_pay_applications_run_monthly_with_5_percent_retainage(
    services: AppServices,
) -> None:
    pays = services.pay_applications.list_pay_applications(_ids(services)[CLINIC])
    gmp = [p for p in pays if p.commitment_number == "CT-001"]
    assert [p.number for p in gmp] == list(range(1, 10))
    assert [p.period_end for p in gmp] == month_ends(date(2026, 2, 1), STATUS_DATE, day=25)
    for p in pays:
        assert p.certified <= p.claimed
        if p.commitment_number.startswith("CT-"):
            held = (p.certified * Decimal("0.05")).quantize(Decimal("0.01"), ROUND_HALF_UP)
            assert p.retainage_held == held
    assert all(p.paid_on is not None for p in gmp[:-1])
    last = gmp[-1]
    assert last.paid_on is None and last.certified > 0
    assert last.claimed - last.certified == Decimal("186400.00")  # stored materials held
    architect = [p for p in pays if p.commitment_number == "CT-002"]
    assert architect[0].period_end == date(2025, 9, 30) and len(architect) == 14


def test_clinic_cpi_is_a_little_under_one(services: AppServices) -> None:
    figures = services.evm.figures(_ids(services)[CLINIC])
    assert figures is not None
    assert Decimal("0.93") <= figures.cpi <= Decimal("0.98")
    assert figures.ac < figures.bac


def test_erp_labour_vendors_and_licences(services: AppServices) -> None:
    project_id = _ids(services)[ERP]
    ledger = services.cost.ledger(project_id)
    assert Decimal("5500000") <= ledger.line_totals.original <= Decimal("6200000")
    assert [g.name for g in ledger.groups] == ["Internal labour", "Vendors", "Contingency"]
    labour = [ln.description for ln in ledger.lines if ln.group == "Internal labour"]
    for word in ("Finance", "Supply chain", "Data migration", "Testing", "Change management"):
        assert any(d.startswith(word) for d in labour), word
    by_party = {c.party_name: c for c in ledger.commitments}
    integrator = by_party["Northbridge Consulting Group"]
    licences = by_party["Cirrus Cloud Software Inc."]
    assert integrator.retainage_percent == Decimal("5.00")
    assert licences.retainage_percent == Decimal("0.00") and licences.retainage == 0
    assert {"RHS Finance", "RHS Information Technology"} <= set(by_party)
    pays = services.pay_applications.list_pay_applications(project_id)
    assert {p.commitment_number for p in pays} == {c.number for c in ledger.commitments}
    figures = services.evm.figures(project_id)
    assert figures is not None and Decimal("0.90") <= figures.cpi <= Decimal("1.10")
    statuses = {c.status for c in services.change_orders.list_change_orders(project_id)}
    assert ChangeStatus.VOID in statuses


def test_budget_lines_pay_for_wbs_elements_of_their_project(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT b.project_id, t.project_id, t.name FROM budget_line b "
        "JOIN task t ON t.id = b.task_id"
    ).fetchall()
    assert len(rows) >= 25
    assert all(line_project == task_project for line_project, task_project, _ in rows)
    names = {name for *_, name in rows}
    assert {"Substructure", "Superstructure", "Interior fit-out", "Data migration"} <= names
    unassigned = db.execute(
        "SELECT count(*) FROM budget_line WHERE task_id IS NULL AND kind = 'cost'"
    ).fetchone()[0]
    assert 1 <= unassigned <= 10  # project-wide lines: general conditions, fees, licences


def test_every_cost_row_is_audited(db: sqlite3.Connection) -> None:
    audited = dict(
        db.execute("SELECT entity, count(*) FROM audit_entry WHERE action = 'insert' GROUP BY 1")
    )
    for table in COST_TABLES:
        count = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert count and audited[table] == count


def test_the_app_continues_the_demo_numbers(tmp_path: Path) -> None:
    path = tmp_path / "demo.orep"
    write_demo(path)
    with open_workspace(path) as ws:
        services = AppServices(ServiceContext(ws.sessions, today=lambda: STATUS_DATE))
        clinic = _ids(services)[CLINIC]
        co = services.change_orders.create(clinic, "Roof hose bibbs", "1800.00").value
        assert co.number == "CO-009"
        line = services.cost.ledger(clinic).lines[0]
        gc = next(p.id for p in services.parties.list_parties() if p.role == "contractor")
        ct = services.commitments.create(
            clinic, "Testing agency", gc, "12000.00", {line.id: "12000.00"}
        ).value
        assert ct.number == "CT-005"
        assert services.cost.reconcile(clinic) == []


def test_generation_is_deterministic() -> None:
    first, second = build_demo_rows(0), build_demo_rows(0)
    for attr in ("budget_lines", "commitments", "commitment_lines", "change_orders"):
        assert getattr(first, attr) == getattr(second, attr)
    assert first.pay_applications == second.pay_applications
    assert first.counters == second.counters


def test_progress_follows_the_plan_up_to_the_status_date() -> None:
    rows = build_demo_rows(0)
    progress = WbsProgress(rows, 1, STATUS_DATE)
    fit_out = progress.task_id("Interior fit-out")
    before = progress.fraction(fit_out, date(2026, 9, 30))
    now = progress.fraction(fit_out, STATUS_DATE)
    assert Decimal(0) < before < now < 1
    assert progress.fraction(progress.task_id("Preconstruction"), date(2025, 9, 1)) == 0
    assert progress.fraction(progress.task_id("Preconstruction"), STATUS_DATE) == 1
    with pytest.raises(ValueError, match="matches 2 tasks"):
        progress.task_id("Level 1")
