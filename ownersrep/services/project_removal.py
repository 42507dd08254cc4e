"""Remove projects with everything they hold, and put them back (undo), inside the
caller's transaction.

Used by project delete, program delete and the undo of an import. A project may hold
10,000 imported tasks, so rows are read and deleted with Core statements, one per table,
and restored with one `executemany` per table; each row is audited with
`audit_core_rows` (the ORM path takes seconds per thousand tasks). The snapshot lists the
tables in an order every foreign key accepts on restore (calendars before the tasks that
use them, parents before children, baselines after their tasks, budget lines after the
tasks they pay for, the cost ledger's children after their commitments and lines);
deletion runs the other way round, so no ON DELETE action fires on a row that is not
itself being deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, delete, insert, select
from sqlalchemy.orm import Session

from ownersrep.db.audit import audit_core_rows, audit_json
from ownersrep.db.base import Base
from ownersrep.db.models import (
    Baseline,
    BaselineTask,
    BudgetLine,
    Calendar,
    ChangeOrder,
    Commitment,
    CommitmentLine,
    Issue,
    NumberCounter,
    PayApplication,
    PeriodSnapshot,
    PriorityRating,
    Project,
    RagOverride,
    ReportPeriod,
    Risk,
    Task,
    TaskLink,
)
from ownersrep.domain.errors import NotFoundError
from ownersrep.services.snapshot import Snapshot, parents_first

Row = dict[str, Any]


def _where(model: Any, project_ids: list[int]) -> Any:
    """The condition that picks a table's rows of the projects: by project id, or through
    the task or commitment a row belongs to."""
    if model is Project:
        return model.__table__.c.id.in_(project_ids)
    if model is BaselineTask:
        tasks = select(Task.id).where(Task.project_id.in_(project_ids))
        return model.__table__.c.task_id.in_(tasks)
    if model in (CommitmentLine, PayApplication):
        commitments = select(Commitment.id).where(Commitment.project_id.in_(project_ids))
        return model.__table__.c.commitment_id.in_(commitments)
    return model.__table__.c.project_id.in_(project_ids)


# Every table a project holds, in restore order.
_PROJECT_ORDER: tuple[type[Base], ...] = (
    Project,
    NumberCounter,
    Calendar,
    Task,
    TaskLink,
    Issue,
    Risk,
    Baseline,
    BaselineTask,
    BudgetLine,
    Commitment,
    CommitmentLine,
    ChangeOrder,
    PayApplication,
    RagOverride,
    PeriodSnapshot,
    PriorityRating,
    ReportPeriod,
)


def _queries(project_ids: list[int]) -> list[tuple[type[Base], Select[Any]]]:
    """Each table's rows of the projects, in restore order."""
    return [
        (model, select(model.__table__).where(_where(model, project_ids)))
        for model in _PROJECT_ORDER
    ]


def _audit(s: Session, model: type[Base], action: str, rows: list[Row]) -> None:
    entity = getattr(model, "__audit_entity__", "")
    if not entity or not rows:
        return
    text = [audit_json(r) for r in rows]
    if action == "delete":
        entries = [(r["id"], None, t, None) for r, t in zip(rows, text, strict=True)]
    else:
        entries = [(r["id"], None, None, t) for r, t in zip(rows, text, strict=True)]
    audit_core_rows(s, entity, action, entries)


def remove_projects(s: Session, project_ids: Sequence[int]) -> Snapshot:
    """Delete the projects and every row they hold, audited; return them all.

    A project id that does not exist is simply absent from the snapshot."""
    ids = list(project_ids)
    parts: list[tuple[type[Base], tuple[Row, ...]]] = []
    if not ids:
        return Snapshot(())
    for model, query in _queries(ids):
        rows = [dict(r._mapping) for r in s.execute(query)]
        if model is Task:
            rows = parents_first(rows)
        parts.append((model, tuple(rows)))
    for model, rows in reversed(parts):
        if not rows:
            continue
        s.execute(delete(model.__table__).where(_where(model, ids)))
        _audit(s, model, "delete", list(rows))
    return Snapshot(tuple(parts))


def remove_project(s: Session, project_id: int) -> Snapshot:
    snapshot = remove_projects(s, [project_id])
    if not project_ids_in(snapshot):
        raise NotFoundError("project", project_id)
    return snapshot


def restore_projects(s: Session, snapshot: Snapshot) -> list[int]:
    """Insert removed projects' rows again, with their ids, audited. Other parts of the
    snapshot (programs, say) are the caller's to restore first."""
    for model, rows in snapshot.parts:
        if rows and model in _PROJECT_TABLES:
            s.execute(insert(model.__table__), list(rows))
            _audit(s, model, "insert", list(rows))
    return project_ids_in(snapshot)


def project_ids_in(snapshot: Snapshot) -> list[int]:
    return [int(r["id"]) for m, rows in snapshot.parts if m is Project for r in rows]


_PROJECT_TABLES = frozenset(_PROJECT_ORDER)
