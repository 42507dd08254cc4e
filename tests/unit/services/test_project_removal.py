"""Deleting a project (from the tree, or a whole program) takes everything it holds,
calendars and baselines included, and undo brings every row back with its id."""

from __future__ import annotations

from sqlalchemy import select

from ownersrep.db.models import AuditEntry
from ownersrep.db.workspace import Workspace
from ownersrep.domain.health.rag import Area
from ownersrep.interchange.importer import ScheduleImporter
from ownersrep.services.context import ServiceContext
from ownersrep.services.portfolio_service import PortfolioService
from ownersrep.services.project_service import ProjectService
from tests.helpers.health_world import clinic
from tests.helpers.imported_schedules import clinic_schedule
from tests.helpers.workspace_fingerprint import fingerprint

TABLES = ("project", "calendar", "task", "task_link", "baseline", "baseline_task")


def counts(workspace: Workspace) -> dict[str, int]:
    with workspace.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in TABLES}


def test_project_delete_and_undo_cover_calendars_and_baselines(
    workspace: Workspace, ctx: ServiceContext
) -> None:
    pid = ScheduleImporter(ctx).import_schedule(clinic_schedule()).value.project_id
    before, rows = (
        counts(workspace),
        fingerprint(workspace, skip=["audit_entry", "sqlite_sequence"]),
    )
    assert before["calendar"] >= 2 and before["baseline_task"] >= 2

    snapshot = ProjectService(ctx).delete(pid).value
    assert set(counts(workspace).values()) == {0}
    ProjectService(ctx).restore(snapshot)
    assert counts(workspace) == before
    # Every row is back as it was; only the audit trail has grown.
    assert fingerprint(workspace, skip=["audit_entry", "sqlite_sequence"]) == rows


def test_program_delete_and_undo_cover_imported_projects(
    workspace: Workspace, ctx: ServiceContext
) -> None:
    portfolio = PortfolioService(ctx)
    program = portfolio.create_program("Capital projects").value
    ScheduleImporter(ctx).import_schedule(clinic_schedule(), program_id=program)
    before = counts(workspace)
    snapshot = portfolio.delete_program(program).value
    assert counts(workspace)["calendar"] == 0
    portfolio.restore_program(snapshot)
    assert counts(workspace) == before


COST_AND_HEALTH = (
    "budget_line",
    "commitment",
    "commitment_line",
    "change_order",
    "pay_application",
    "rag_override",
    "period_snapshot",
    "priority_rating",
)


def table_counts(workspace: Workspace, tables: tuple[str, ...]) -> dict[str, int]:
    with workspace.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in tables}


def test_project_delete_and_undo_cover_the_cost_ledger_and_health(
    workspace: Workspace, ctx: ServiceContext
) -> None:
    c = clinic(ctx)
    app, pid = c.app, c.project_id
    app.budget_lines.create(pid, "99-000", "Contingency", "1000", kind="contingency")
    draw = app.change_orders.create(
        pid, "Deeper footings", "250", budget_line_id=c.concrete, from_contingency=True
    ).value.id
    app.change_orders.set_status(draw, "pending")
    app.change_orders.set_status(draw, "approved", by="J. Owner")
    app.health.set_override(pid, "cost", "amber", "Claim under review")
    app.health.close_period(pid, "2026-10")
    app.priorities.set_rating(pid, "value", 4)
    # another project's rows stay where they are
    other = clinic(ctx, "Harbour Wing", "HW")
    before = table_counts(workspace, COST_AND_HEALTH)
    assert all(n >= 1 for n in before.values()), before
    rows = fingerprint(workspace, skip=["audit_entry", "sqlite_sequence"])

    snapshot = ProjectService(ctx).delete(pid).value
    after = table_counts(workspace, COST_AND_HEALTH)
    assert after == {
        "budget_line": 1,
        "commitment": 1,
        "commitment_line": 1,
        "change_order": 0,
        "pay_application": 1,
        "rag_override": 0,
        "period_snapshot": 0,
        "priority_rating": 0,
    }
    assert app.evm.figures(other.project_id) is not None
    deleted = audit_entities(ctx, "delete")
    assert set(COST_AND_HEALTH) <= deleted

    ProjectService(ctx).restore(snapshot)
    assert table_counts(workspace, COST_AND_HEALTH) == before
    assert fingerprint(workspace, skip=["audit_entry", "sqlite_sequence"]) == rows
    assert set(COST_AND_HEALTH) <= audit_entities(ctx, "insert")
    assert app.cost.reconcile(pid) == []
    assert app.health.overrides(pid)[Area.COST].commentary == "Claim under review"


def audit_entities(ctx: ServiceContext, action: str) -> set[str]:
    with ctx.sessions() as s:
        return set(s.scalars(select(AuditEntry.entity).where(AuditEntry.action == action)))
