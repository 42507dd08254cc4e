"""The issue log: issues, RFIs, decisions and action items of one project.

Rules the service enforces (on create, and on the merged record on update):

- Title is required (at most 300 characters).
- The type is fixed once a record is numbered: its number carries the type's prefix.
- Numbers (`ISS-0001`, `RFI-0001`, ...) count per project and prefix, come from
  `NumberCounter` bumped in the same transaction, and are never reused: deleting a record
  does not give its number back, and undoing a delete restores the same number.
- Due date and closed date, when set, are not before the raised date. The closed date is
  not in the future.
- Resolved and closed records carry a resolution text. Only closed records carry a
  closed date: it defaults to today when a record is closed without one, and is cleared
  when the record moves back to open, in progress or resolved. An explicit closed date
  on a record that is not closed is refused. (Resolved means "answered, awaiting
  confirmation": it is no longer overdue but keeps ageing until it is closed.)
- Raised by, assigned to and the linked task must exist; the task must belong to the
  same project.
- Cost impact is money (Decimal, parsed with `parse_money`); schedule impact is a whole
  number of calendar days, negative when time is saved.

Ageing and overdue are derived with `ctx.today()` and never stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session, aliased

from ownersrep.db.models import Issue, NumberCounter, Party, Project, Task
from ownersrep.domain.enums import IssueStatus, IssueType, Priority
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.issue_rules import age_days, format_issue_number, is_overdue
from ownersrep.domain.money import parse_money
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.snapshot import Snapshot, capture, restore
from ownersrep.services.validation import enum_value, optional_int, optional_text, required_text

ENTITY = "issue"
MAX_SCHEDULE_DAYS = 3650
MAX_COST = Decimal("1000000000000")

#: Fields a caller may set on create or update, with the label used in messages.
FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    "description": "Description",
    "priority": "Priority",
    "status": "Status",
    "raised_by_id": "Raised by",
    "assigned_to_id": "Assigned to",
    "raised_on": "Raised date",
    "due_on": "Due date",
    "closed_on": "Closed date",
    "resolution": "Resolution",
    "cost_impact": "Cost impact",
    "schedule_impact_days": "Schedule impact",
    "task_id": "Linked task",
    "internal": "Internal",
}


@dataclass(frozen=True, slots=True)
class IssueRow:
    """One line of the issue log, light enough to hold thousands of."""

    id: int
    number: str
    issue_type: IssueType
    title: str
    priority: Priority
    status: IssueStatus
    raised_by_id: int | None
    raised_by: str
    assigned_to_id: int | None
    assigned_to: str
    raised_on: date
    due_on: date | None
    closed_on: date | None
    cost_impact: Decimal | None
    schedule_impact_days: int | None
    task_id: int | None
    internal: bool
    age_days: int
    overdue: bool


@dataclass(frozen=True, slots=True)
class IssueDTO:
    """One record with everything the edit dialog shows."""

    id: int
    project_id: int
    number: str
    issue_type: IssueType
    title: str
    description: str
    priority: Priority
    status: IssueStatus
    raised_by_id: int | None
    raised_by: str
    assigned_to_id: int | None
    assigned_to: str
    raised_on: date
    due_on: date | None
    closed_on: date | None
    resolution: str
    cost_impact: Decimal | None
    schedule_impact_days: int | None
    task_id: int | None
    task_name: str
    internal: bool
    age_days: int
    overdue: bool


# -- validation of single fields ----------------------------------------------------------


def _date_or_none(value: Any, label: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(label, "must be a date")
    return value


def _id_or_none(value: Any, label: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(label, f"“{value}” is not a record id")
    return value


def _clean(key: str, value: Any) -> Any:
    """Validate and normalise one field; raise ValidationError naming it."""
    label = FIELD_LABELS.get(key)
    if label is None:
        raise ValidationError(key, "is not an issue field")
    if key == "title":
        return required_text(value, label, 300)
    if key in ("description", "resolution"):
        return optional_text(value, label)
    if key == "priority":
        return enum_value(Priority, value, label).value
    if key == "status":
        return enum_value(IssueStatus, value, label).value
    if key in ("raised_by_id", "assigned_to_id", "task_id"):
        return _id_or_none(value, label)
    if key == "raised_on":
        if value is None:
            raise ValidationError(label, "is required")
        return _date_or_none(value, label)
    if key in ("due_on", "closed_on"):
        return _date_or_none(value, label)
    if key == "cost_impact":
        amount = parse_money(value, label)
        if amount is not None and abs(amount) >= MAX_COST:
            raise ValidationError(label, "is too large")
        return amount
    if key == "schedule_impact_days":
        days = optional_int(value, label)
        if days is not None and not -MAX_SCHEDULE_DAYS <= days <= MAX_SCHEDULE_DAYS:
            raise ValidationError(
                label, f"must be between {-MAX_SCHEDULE_DAYS} and {MAX_SCHEDULE_DAYS} days"
            )
        return days
    # internal
    if not isinstance(value, bool):
        raise ValidationError(label, "must be yes or no")
    return value


def _settle_closing(
    record: dict[str, Any], given: Mapping[str, Any], today: date, *, creating: bool
) -> None:
    """Keep status, closed date and resolution consistent (see the module doc).

    On update, these rules are checked only when the status, resolution or closed date
    is being changed, so that an older record (imported before a rule) can still have
    its other fields edited."""
    status = IssueStatus(record["status"])
    touched = creating or not {"status", "resolution", "closed_on"}.isdisjoint(given)
    if status is not IssueStatus.CLOSED:
        if record["closed_on"] is not None:
            if given.get("closed_on") is not None:
                raise ValidationError("Closed date", "must be empty unless the status is Closed")
            record["closed_on"] = None
    elif touched and record["closed_on"] is None:
        record["closed_on"] = today
    if touched and not status.is_active and not record["resolution"]:
        raise ValidationError("Resolution", f"is required when the status is {status.label}")


def _check_dates(record: Mapping[str, Any], previous_closed: date | None, today: date) -> None:
    raised: date = record["raised_on"]
    for key in ("due_on", "closed_on"):
        other: date | None = record[key]
        if other is not None and other < raised:
            raise ValidationError(
                FIELD_LABELS[key], f"{other:%d %b %Y} is before the raised date ({raised:%d %b %Y})"
            )
    closed = record["closed_on"]
    if closed is not None and closed != previous_closed and closed > today:
        raise ValidationError("Closed date", f"{closed:%d %b %Y} is in the future")


def _check_references(s: Session, project_id: int, record: Mapping[str, Any]) -> None:
    for key in ("raised_by_id", "assigned_to_id"):
        pid = record[key]
        if pid is not None and s.get(Party, pid) is None:
            raise ValidationError(FIELD_LABELS[key], f"party #{pid} no longer exists")
    task_id = record["task_id"]
    if task_id is not None:
        owner = s.scalar(select(Task.project_id).where(Task.id == task_id))
        if owner is None:
            raise ValidationError("Linked task", f"task #{task_id} no longer exists")
        if owner != project_id:
            raise ValidationError("Linked task", "belongs to another project")


def _record_of(issue: Issue) -> dict[str, Any]:
    return {key: getattr(issue, key) for key in FIELD_LABELS}


class IssueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------------
    def list_issues(self, project_id: int) -> list[IssueRow]:
        """Every record of a project in one column select (party names joined)."""
        raiser = aliased(Party)
        assignee = aliased(Party)
        query = (
            select(
                Issue.id,
                Issue.number,
                Issue.issue_type,
                Issue.title,
                Issue.priority,
                Issue.status,
                Issue.raised_by_id,
                raiser.name,
                Issue.assigned_to_id,
                assignee.name,
                Issue.raised_on,
                Issue.due_on,
                Issue.closed_on,
                Issue.cost_impact,
                Issue.schedule_impact_days,
                Issue.task_id,
                Issue.internal,
            )
            .outerjoin(raiser, raiser.id == Issue.raised_by_id)
            .outerjoin(assignee, assignee.id == Issue.assigned_to_id)
            .where(Issue.project_id == project_id)
            .order_by(Issue.id)
        )
        today = self._ctx.today()
        types = {t.value: t for t in IssueType}
        priorities = {p.value: p for p in Priority}
        statuses = {st.value: st for st in IssueStatus}
        with self._ctx.sessions() as s:
            # A Core execution: plain tuples, without the ORM's per-row loading work.
            result = s.connection().execute(query).all()
        rows: list[IssueRow] = []
        append = rows.append
        for (
            iid,
            number,
            kind,
            title,
            priority,
            status_text,
            raised_by_id,
            raised_by,
            assigned_to_id,
            assigned_to,
            raised_on,
            due_on,
            closed_on,
            cost,
            days,
            task_id,
            internal,
        ) in result:
            status = statuses[status_text]
            append(
                IssueRow(
                    iid,
                    number,
                    types[kind],
                    title,
                    priorities[priority],
                    status,
                    raised_by_id,
                    raised_by or "",
                    assigned_to_id,
                    assigned_to or "",
                    raised_on,
                    due_on,
                    closed_on,
                    cost,
                    days,
                    task_id,
                    bool(internal),
                    age_days(raised_on, closed_on, today),
                    due_on is not None and due_on < today and is_overdue(status, due_on, today),
                )
            )
        return rows

    def get(self, issue_id: int) -> IssueDTO:
        with self._ctx.sessions() as s:
            return self._dto(s, self._load(s, issue_id))

    def task_choices(self, project_id: int) -> list[tuple[int, str]]:
        """(id, name) of the project's tasks in outline order, for a 'linked task' combo."""
        with self._ctx.sessions() as s:
            found = s.execute(
                select(Task.id, Task.name, Task.parent_id, Task.sort_order)
                .where(Task.project_id == project_id)
                .order_by(Task.sort_order, Task.id)
            ).all()
        children: dict[int | None, list[tuple[int, str]]] = {}
        known = {tid for tid, _n, _p, _o in found}
        for tid, name, parent, _order in found:
            children.setdefault(parent if parent in known else None, []).append((tid, name))
        ordered: list[tuple[int, str]] = []
        stack = list(reversed(children.get(None, [])))
        while stack:
            tid, name = stack.pop()
            ordered.append((tid, name))
            stack.extend(reversed(children.get(tid, [])))
        return ordered

    # -- commands --------------------------------------------------------------------------
    def create(
        self, project_id: int, issue_type: IssueType | str, title: str, **fields: Any
    ) -> Outcome[IssueDTO]:
        """Add a record with the next number of its type. Fields not given take defaults
        (priority medium, status open, raised today)."""
        kind = enum_value(IssueType, issue_type, "Type")
        given = {"title": title, **fields}
        clean = {k: _clean(k, v) for k, v in given.items()}
        today = self._ctx.today()
        record: dict[str, Any] = {
            "description": "",
            "priority": Priority.MEDIUM.value,
            "status": IssueStatus.OPEN.value,
            "raised_by_id": None,
            "assigned_to_id": None,
            "raised_on": today,
            "due_on": None,
            "closed_on": None,
            "resolution": "",
            "cost_impact": None,
            "schedule_impact_days": None,
            "task_id": None,
            "internal": False,
            **clean,
        }
        _settle_closing(record, clean, today, creating=True)
        _check_dates(record, None, today)
        with self._ctx.sessions.begin() as s:
            if s.get(Project, project_id) is None:
                raise NotFoundError("project", project_id)
            _check_references(s, project_id, record)
            number = self._next_number(s, project_id, kind)
            issue = Issue(project_id=project_id, issue_type=kind.value, number=number, **record)
            s.add(issue)
            s.flush()
            dto = self._dto(s, issue)
        return Outcome(dto, Changes.of(ENTITY, [dto.id], project_id, structural=True))

    def update(self, issue_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change fields; returns the previous values of every field that changed
        (including a closed date settled automatically), so `update(id, old)` undoes it."""
        outcome = self.update_many({issue_id: values})
        return Outcome(outcome.value[issue_id], outcome.changes)

    def update_many(
        self, edits: Mapping[int, Mapping[str, Any]]
    ) -> Outcome[dict[int, dict[str, Any]]]:
        """Several updates in one transaction: all are applied or none."""
        cleaned = {iid: {k: _clean(k, v) for k, v in vals.items()} for iid, vals in edits.items()}
        today = self._ctx.today()
        olds: dict[int, dict[str, Any]] = {}
        projects: set[int] = set()
        with self._ctx.sessions.begin() as s:
            for iid, clean in cleaned.items():
                issue = self._load(s, iid)
                current = _record_of(issue)
                record = {**current, **clean}
                _settle_closing(record, clean, today, creating=False)
                _check_dates(record, current["closed_on"], today)
                _check_references(s, issue.project_id, record)
                old: dict[str, Any] = {}
                for key, value in record.items():
                    if value != current[key]:
                        old[key] = current[key]
                        setattr(issue, key, value)
                olds[iid] = old
                projects.add(issue.project_id)
        changes = Changes.of(ENTITY, cleaned)
        changes = Changes(changes.entities, frozenset(projects), changes.ids)
        return Outcome(olds, changes)

    def close(self, issue_id: int, resolution: str, closed_on: date) -> Outcome[dict[str, Any]]:
        """Close a record with its resolution. Returns the previous values (for undo)."""
        if closed_on is None:
            raise ValidationError("Closed date", "is required")
        values = {
            "status": IssueStatus.CLOSED.value,
            "resolution": required_text(resolution, "Resolution", 20000),
            "closed_on": closed_on,
        }
        return self.update(issue_id, values)

    def delete(self, issue_id: int) -> Outcome[Snapshot]:
        """Delete one record. Its number is not handed out again; `restore` brings the
        record back with the same id and number."""
        return self.delete_many([issue_id])

    def delete_many(self, issue_ids: Iterable[int]) -> Outcome[Snapshot]:
        ids = list(dict.fromkeys(issue_ids))
        with self._ctx.sessions.begin() as s:
            issues = [self._load(s, iid) for iid in ids]
            snap = capture([(Issue, issues)])
            projects = {i.project_id for i in issues}
            for issue in issues:
                s.delete(issue)
        return Outcome(snap, self._structural(ids, projects))

    def restore(self, snapshot: Snapshot) -> Changes:
        with self._ctx.sessions.begin() as s:
            restore(s, snapshot)
        rows = [row for model, part in snapshot.parts if model is Issue for row in part]
        return self._structural([r["id"] for r in rows], {r["project_id"] for r in rows})

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _structural(ids: list[int], projects: set[int]) -> Changes:
        base = Changes.of(ENTITY, ids, structural=True)
        return Changes(base.entities, frozenset(projects), base.ids, True)

    @staticmethod
    def _load(s: Session, issue_id: int) -> Issue:
        issue = s.get(Issue, issue_id)
        if issue is None:
            raise NotFoundError(ENTITY, issue_id)
        return issue

    @staticmethod
    def _next_number(s: Session, project_id: int, kind: IssueType) -> str:
        """Bump the counter for the type's prefix. Also looks past the highest number in
        use, so that rows written without the counter (imports) are never collided with."""
        prefix = kind.prefix
        counter = s.get(NumberCounter, (project_id, prefix))
        if counter is None:
            counter = NumberCounter(project_id=project_id, prefix=prefix, last=0)
            s.add(counter)
        in_use = s.scalar(
            select(func.max(cast(func.substr(Issue.number, len(prefix) + 2), Integer))).where(
                Issue.project_id == project_id, Issue.number.like(f"{prefix}-%")
            )
        )
        counter.last = max(counter.last or 0, in_use or 0) + 1
        return format_issue_number(kind, counter.last)

    def _dto(self, s: Session, issue: Issue) -> IssueDTO:
        def name_of(model: Any, pk: int | None) -> str:
            if pk is None:
                return ""
            return s.scalar(select(model.name).where(model.id == pk)) or ""

        today = self._ctx.today()
        status = IssueStatus(issue.status)
        return IssueDTO(
            id=issue.id,
            project_id=issue.project_id,
            number=issue.number,
            issue_type=IssueType(issue.issue_type),
            title=issue.title,
            description=issue.description,
            priority=Priority(issue.priority),
            status=status,
            raised_by_id=issue.raised_by_id,
            raised_by=name_of(Party, issue.raised_by_id),
            assigned_to_id=issue.assigned_to_id,
            assigned_to=name_of(Party, issue.assigned_to_id),
            raised_on=issue.raised_on,
            due_on=issue.due_on,
            closed_on=issue.closed_on,
            resolution=issue.resolution,
            cost_impact=issue.cost_impact,
            schedule_impact_days=issue.schedule_impact_days,
            task_id=issue.task_id,
            task_name=name_of(Task, issue.task_id),
            internal=bool(issue.internal),
            age_days=age_days(issue.raised_on, issue.closed_on, today),
            overdue=is_overdue(status, issue.due_on, today),
        )


__all__ = ["FIELD_LABELS", "IssueDTO", "IssueRow", "IssueService"]
