"""DashboardService: one row per project that agrees with the project's own health and
earned value, scoped to a program's projects, read with the same few grouped queries
however many projects there are."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from sqlalchemy import event

from ownersrep.db.workspace import Workspace
from ownersrep.domain.evm import EacMethod
from ownersrep.domain.health.rag import Area, Rag
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from tests.helpers.health_world import add_task, clinic, nov, set_task

D = Decimal


@contextmanager
def counted(workspace: Workspace) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statement = str(args[2])
        if statement.startswith("SELECT"):
            statements.append(statement)

    event.listen(workspace.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(workspace.engine, "before_cursor_execute", count)


def test_rows_agree_with_each_project_s_own_figures(ctx: ServiceContext) -> None:
    riverside = clinic(ctx, "Riverside Clinic", "RC")
    harbour = clinic(ctx, "Harbour Wing", "HW")
    app = riverside.app
    set_task(ctx, harbour.excavate, percent_complete=50)  # EV 5,000: SPI 1.00
    app.health.set_override(harbour.project_id, "cost", "green", "Claim agreed")
    blank = app.projects.create("IT Refresh").value.id
    app.issues.create(blank, "action", "Pick a vendor", due_on=nov(30))

    rows = app.dashboard.rows()
    assert [r.name for r in rows] == ["Riverside Clinic", "Harbour Wing", "IT Refresh"]
    for row in rows:
        health = app.health.status(row.project_id)
        evm = app.evm.figures(row.project_id)
        assert row.areas == health.areas
        assert (row.overall, row.overall_derived) == (health.overall, health.overall_derived)
        assert (row.cpi, row.spi, row.vac) == (health.kpis.cpi, health.kpis.spi, health.kpis.vac)
        assert row.eac == (evm.eac if evm else None)
        assert row.open_issues == health.kpis.open_issues
    first, second, third = rows
    # Riverside: the hand-worked example, EAC 11,250 against a budget of 10,000.
    assert (first.code, first.cpi, first.spi, first.vac, first.eac) == (
        "RC",
        D("0.89"),
        D("0.80"),
        D("-1250.00"),
        D("11250.00"),
    )
    assert (first.next_milestone, first.next_milestone_on) == ("Topping out", nov(20))
    assert first.overall is Rag.RED and not first.overall_overridden
    # Harbour: the rep's green for cost is shown as an override beside the derived one.
    cost = second.area(Area.COST)
    assert (cost.shown, cost.is_overridden, cost.commentary) == (Rag.GREEN, True, "Claim agreed")
    assert cost.derived is Rag.GREEN  # CPI 5,000 ÷ 4,500 = 1.11, VAC +11.1 %
    assert second.spi == D("1.00") and second.overall_overridden
    # IT Refresh: no budget, no schedule.
    assert (third.cpi, third.spi, third.vac, third.eac) == (None, None, None, None)
    assert (third.next_milestone, third.next_milestone_on, third.open_issues) == ("", None, 1)
    assert third.area(Area.COST).derived is Rag.NONE
    assert third.as_of == date(2026, 11, 20)  # no status date: today


def test_scope_and_missing_projects(ctx: ServiceContext) -> None:
    a = clinic(ctx, "Alpha", "A")
    b = clinic(ctx, "Beta", "B")
    dashboard = a.app.dashboard
    assert [r.project_id for r in dashboard.rows([b.project_id])] == [b.project_id]
    assert [r.name for r in dashboard.rows([b.project_id, 999, a.project_id])] == [
        "Alpha",
        "Beta",
    ]
    assert dashboard.rows([]) == []
    assert dashboard.rows([999]) == []
    assert AppServices(ctx).dashboard.rows(iter([a.project_id]))[0].name == "Alpha"


def test_next_milestone_is_the_first_unfinished_one(ctx: ServiceContext) -> None:
    c = clinic(ctx)
    early = add_task(ctx, c.project_id, "Permit", nov(4), nov(4), kind="milestone")
    (row,) = c.app.dashboard.rows()
    assert (row.next_milestone, row.next_milestone_on) == ("Permit", nov(4))  # late, not done
    set_task(ctx, early, percent_complete=100)
    (row,) = c.app.dashboard.rows()
    assert (row.next_milestone, row.next_milestone_on) == ("Topping out", nov(20))


def test_bottom_up_eac_on_the_dashboard(ctx: ServiceContext) -> None:
    c = clinic(ctx)
    c.app.evm.set_eac_method(EacMethod.BOTTOM_UP)
    c.app.budget_lines.update(c.concrete, {"etc_override": "7000"})
    (row,) = c.app.dashboard.rows()
    # AC 4,500 + the entered ETC 7,000 = 11,500; VAC 10,000 − 11,500.
    assert (row.eac, row.vac) == (D("11500.00"), D("-1500.00"))
    assert row.eac == c.app.evm.figures(c.project_id).eac  # type: ignore[union-attr]


def test_the_same_few_queries_for_one_project_or_many(
    ctx: ServiceContext, workspace: Workspace
) -> None:
    first = clinic(ctx, "P01", "P01")
    first.app.baselines.save_baseline(first.project_id, "Contract")
    with counted(workspace) as one:
        first.app.dashboard.rows()
    for n in range(2, 7):
        c = clinic(ctx, f"P{n:02d}", f"P{n:02d}")
        c.app.health.set_override(c.project_id, "risk", "amber", "Watch list")
        c.app.baselines.save_baseline(c.project_id, "Contract")
    with counted(workspace) as six:
        rows = first.app.dashboard.rows()
    assert len(rows) == 6
    assert len(six) == len(one) <= 15, six
