"""Deleting a project takes its report records with it; undoing the delete puts them
back exactly (same ids and values), audited both ways."""

from __future__ import annotations

from sqlalchemy import select

from ownersrep.db.models import AuditEntry, ReportPeriod
from ownersrep.db.workspace import Workspace
from ownersrep.domain.health.rag import Area, Rag
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_service import ProjectService
from tests.helpers.health_world import clinic
from tests.helpers.workspace_fingerprint import fingerprint


def report_rows(ctx: ServiceContext) -> list[tuple[object, ...]]:
    with ctx.sessions() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(
                    ReportPeriod.id,
                    ReportPeriod.project_id,
                    ReportPeriod.period,
                    ReportPeriod.report_number,
                    ReportPeriod.narrative_html,
                    ReportPeriod.issued_on,
                    ReportPeriod.frozen_overrides,
                ).order_by(ReportPeriod.id)
            )
        ]


def test_project_delete_and_undo_keep_report_records(
    workspace: Workspace, ctx: ServiceContext
) -> None:
    c = clinic(ctx)
    app, pid = c.app, c.project_id
    other = clinic(ctx, "Harbour Wing", "HW")
    app.report_periods.save(pid, "2026-10", {"narrative_html": "<p>October</p>"})
    app.health.set_override(pid, Area.COST, Rag.AMBER, "Claim under review")
    app.reports.mark_issued(pid, "2026-11")
    app.report_periods.save(other.project_id, "2026-11", {"prepared_by": "B"})
    before = report_rows(ctx)
    assert [r[1] for r in before] == [pid, pid, other.project_id]
    rows = fingerprint(workspace, skip=["audit_entry", "sqlite_sequence"])

    snapshot = ProjectService(ctx).delete(pid).value
    assert [r[1] for r in report_rows(ctx)] == [other.project_id]
    with ctx.sessions() as s:
        deleted = set(
            s.scalars(
                select(AuditEntry.entity_id).where(
                    AuditEntry.entity == "report_period", AuditEntry.action == "delete"
                )
            )
        )
    assert deleted == {before[0][0], before[1][0]}

    ProjectService(ctx).restore(snapshot)
    assert report_rows(ctx) == before
    assert fingerprint(workspace, skip=["audit_entry", "sqlite_sequence"]) == rows
    record = app.report_periods.get(pid, "2026-11")
    assert record.issued_on is not None
    assert [(r.area, r.this) for r in record.frozen_overrides] == [(Area.COST, Rag.AMBER)]
