"""Bulk insertion of the demo rows, audited, inside the caller's transaction.

Each table goes in with one `executemany` (Core insert of dicts whose ids were assigned by
`DemoRows`), parents before children so foreign keys hold at every statement. Core writes
bypass the ORM's after_flush audit hook, so every row is audited here with
`audit_core_rows`: one "insert" entry per record whose `new` is a short JSON of the fields
that identify it (values as text, like the hook's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from ownersrep.db.audit import audit_core_rows, audit_json, text_key_id
from ownersrep.db.models import (
    BudgetLine,
    ChangeOrder,
    Commitment,
    CommitmentLine,
    Contact,
    Issue,
    NumberCounter,
    Party,
    PayApplication,
    PeriodSnapshot,
    Program,
    Project,
    ReportPeriod,
    Risk,
    Setting,
    Task,
    TaskLink,
)
from ownersrep.services.demo.rows import DemoRows, Row

# Parents first: every foreign key points at a row already written. Each table with the
# fields its audit entry records (enough to recognise the row; the full text of 35,000
# demo rows would triple the file).
TABLES: tuple[tuple[type[Any], str, tuple[str, ...]], ...] = (
    (Setting, "settings", ("key", "value")),
    (Party, "parties", ("name", "role")),
    (Contact, "contacts", ("party_id", "name")),
    (Program, "programs", ("name",)),
    (Project, "projects", ("name", "code", "kind")),
    (Task, "tasks", ("project_id", "name", "kind", "start", "finish")),
    (TaskLink, "links", ("predecessor_id", "successor_id", "link_type", "lag_days")),
    (Issue, "issues", ("project_id", "number", "title", "status")),
    (Risk, "risks", ("project_id", "number", "title")),
    (BudgetLine, "budget_lines", ("project_id", "code", "original")),
    (Commitment, "commitments", ("project_id", "number", "amount")),
    (CommitmentLine, "commitment_lines", ("commitment_id", "budget_line_id", "amount")),
    (ChangeOrder, "change_orders", ("project_id", "number", "status", "cost")),
    (PayApplication, "pay_applications", ("commitment_id", "number", "certified")),
    (PeriodSnapshot, "snapshots", ("project_id", "period")),
    (ReportPeriod, "report_periods", ("project_id", "period", "report_number")),
    (NumberCounter, "counters", ()),
)


def _entity_id(row: Row) -> int:
    if "id" in row:
        return int(row["id"])
    return text_key_id(str(row["key"]))


def write_rows(
    session: Session, rows: DemoRows, progress: Callable[[str], None] | None = None
) -> None:
    for model, attr, fields in TABLES:
        data: list[Row] = getattr(rows, attr)
        if not data:
            continue
        if progress is not None:
            progress(f"Writing {len(data):,} {model.__tablename__.replace('_', ' ')} rows")
        # The Table, not the mapped class: a plain Core executemany. (The ORM-enabled
        # bulk path splits rows by which values are None: thousands of statements.)
        session.execute(insert(model.__table__), data)
        entity = getattr(model, "__audit_entity__", "")
        if entity:
            audit_core_rows(
                session,
                entity,
                "insert",
                [(_entity_id(r), None, None, audit_json(r, fields)) for r in data],
            )
