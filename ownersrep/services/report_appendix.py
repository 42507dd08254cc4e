"""The appendix: the whole issue log (never internal items) and the whole register, by
number; and the summary of the period's changes to the project's records from the audit
trail, counted per kind of record and action.

The audit trail names a row by entity and id only. A row belongs to the project when it
is one of the project's rows now, or when its insert or delete entry (which holds the
whole row) names the project. Covered: the project itself, its tasks, dependencies,
calendars, baselines, issue log (not internal items), risks, budget lines, commitments
with their lines and pay applications, change orders, RAG overrides, closed periods,
priority ratings and report records. Not covered: parties, contacts, programs and
settings, which belong to the workspace rather than to one project.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import (
    AuditEntry,
    Baseline,
    BudgetLine,
    Calendar,
    ChangeOrder,
    Commitment,
    CommitmentLine,
    Issue,
    PayApplication,
    PeriodSnapshot,
    PriorityRating,
    RagOverride,
    ReportPeriod,
    Risk,
    Task,
    TaskLink,
)
from ownersrep.services.report_inputs import ProjectInputs
from ownersrep.services.report_issues import issue_line
from ownersrep.services.report_risks import risk_line
from ownersrep.services.report_types import Appendix, AuditLine, Section

AUDIT_SCOPE = (
    "The project and its tasks, dependencies, calendars, baselines, issue log (internal "
    "items excluded), risks, budget lines, commitments, pay applications, change orders, "
    "RAG overrides, closed periods, priority ratings and report records; not the "
    "workspace's parties, programs and settings."
)
# entity → (label, model holding project_id); commitment children through commitment_id.
_BY_PROJECT: dict[str, tuple[str, Any]] = {
    "project": ("Project", None),
    "task": ("Task", Task),
    "task_link": ("Dependency", TaskLink),
    "calendar": ("Calendar", Calendar),
    "baseline": ("Baseline", Baseline),
    "issue": ("Issue log entry", Issue),
    "risk": ("Risk", Risk),
    "budget_line": ("Budget line", BudgetLine),
    "commitment": ("Commitment", Commitment),
    "commitment_line": ("Commitment line", CommitmentLine),
    "pay_application": ("Pay application", PayApplication),
    "change_order": ("Change order", ChangeOrder),
    "rag_override": ("RAG override", RagOverride),
    "period_snapshot": ("Closed period", PeriodSnapshot),
    "priority_rating": ("Priority rating", PriorityRating),
    "report_period": ("Report record", ReportPeriod),
}
_THROUGH_COMMITMENT = {"commitment_line", "pay_application"}
_ACTIONS = {"insert": "created", "update": "changed", "delete": "deleted"}
_ACTION_ORDER = {"created": 0, "changed": 1, "deleted": 2}


def _owned_ids(s: Session, project_id: int) -> dict[str, set[int]]:
    """The ids of the project's rows now, per entity (internal issues left out)."""
    owned: dict[str, set[int]] = {"project": {project_id}}
    commitments = select(Commitment.id).where(Commitment.project_id == project_id)
    for entity, (_label, model) in _BY_PROJECT.items():
        if model is None:
            continue
        if entity in _THROUGH_COMMITMENT:
            query = select(model.id).where(model.commitment_id.in_(commitments))
        else:
            query = select(model.id).where(model.project_id == project_id)
            if model is Issue:
                query = query.where(Issue.internal.is_(False))
        owned[entity] = set(s.scalars(query))
    return owned


def _internal_issue_ids(s: Session, project_id: int) -> set[int]:
    return set(
        s.scalars(select(Issue.id).where(Issue.project_id == project_id, Issue.internal.is_(True)))
    )


def _row_names_project(
    entity: str, text: str | None, project_id: int, commitments: set[int]
) -> bool:
    try:
        row = json.loads(text) if text else None
    except ValueError:
        return False
    if not isinstance(row, dict):
        return False
    if entity == "issue" and row.get("internal") == "true":
        return False
    if entity in _THROUGH_COMMITMENT:
        return str(row.get("commitment_id")) in {str(c) for c in commitments}
    if entity == "project":
        return str(row.get("id")) == str(project_id)
    return str(row.get("project_id")) == str(project_id)


def audit_lines(s: Session, project_id: int, start: date, end: date) -> tuple[AuditLine, ...]:
    owned = _owned_ids(s, project_id)
    internal = _internal_issue_ids(s, project_id)
    commitments = owned.get("commitment", set())
    query = select(
        AuditEntry.entity,
        AuditEntry.action,
        AuditEntry.entity_id,
        AuditEntry.at,
        AuditEntry.old,
        AuditEntry.new,
    ).where(
        AuditEntry.at >= datetime.combine(start, time.min),
        AuditEntry.at < datetime.combine(end + timedelta(days=1), time.min),
        AuditEntry.entity.in_(list(_BY_PROJECT)),
    )
    records: dict[tuple[str, str], set[int]] = defaultdict(set)
    last: dict[tuple[str, str], date] = {}
    for entity, action, entity_id, at, old, new in s.execute(query):
        mine = entity_id in owned.get(entity, ())
        if not mine and action in ("insert", "delete"):
            if entity == "issue" and entity_id in internal:
                continue
            mine = _row_names_project(
                entity, new if action == "insert" else old, project_id, commitments
            )
        if not mine:
            continue
        key = (entity, _ACTIONS.get(action, "changed"))
        records[key].add(entity_id)
        day = at.date() if isinstance(at, datetime) else at
        if key not in last or day > last[key]:
            last[key] = day
    order = {entity: i for i, entity in enumerate(_BY_PROJECT)}
    keys = sorted(records, key=lambda k: (order[k[0]], _ACTION_ORDER.get(k[1], 9)))
    return tuple(
        AuditLine(
            _BY_PROJECT[entity][0], action, len(records[(entity, action)]), last[(entity, action)]
        )
        for entity, action in keys
    )


def appendix_of(inp: ProjectInputs, sections: tuple[Section, ...]) -> Appendix:
    as_of = inp.as_of
    issues = (
        tuple(issue_line(i, as_of) for i in inp.issues)
        if Section.APPENDIX_ISSUES in sections
        else ()
    )
    risks = tuple(risk_line(r) for r in inp.risks) if Section.APPENDIX_RISKS in sections else ()
    audit: tuple[AuditLine, ...] = ()
    scope = ""
    if Section.APPENDIX_AUDIT in sections:
        audit = audit_lines(inp.s, inp.project_id, inp.period.start, inp.period.end)
        scope = AUDIT_SCOPE
    return Appendix(issues=issues, risks=risks, audit=audit, audit_scope=scope)
