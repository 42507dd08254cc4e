"""Deleting a project (from the tree, or a whole program) takes everything it holds,
calendars and baselines included, and undo brings every row back with its id."""

from __future__ import annotations

from ownersrep.db.workspace import Workspace
from ownersrep.interchange.importer import ScheduleImporter
from ownersrep.services.context import ServiceContext
from ownersrep.services.portfolio_service import PortfolioService
from ownersrep.services.project_service import ProjectService
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
