"""IssueService: numbering, ageing, validation (nothing half-written) and audit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from ownersrep.db.models import AuditEntry, Issue, NumberCounter, Task
from ownersrep.domain.enums import IssueStatus, IssueType, PartyRole, Priority
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.context import ServiceContext
from ownersrep.services.issue_service import IssueService
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import ProjectService
from tests.conftest import TODAY


@pytest.fixture
def svc(ctx: ServiceContext) -> IssueService:
    return IssueService(ctx)


@pytest.fixture
def project_id(ctx: ServiceContext) -> int:
    return ProjectService(ctx).create("Riverside Clinic").value.id


@pytest.fixture
def party_id(ctx: ServiceContext) -> int:
    return PartyService(ctx).create("Northbridge Construction", PartyRole.CONTRACTOR).value.id


def _counts(ctx: ServiceContext) -> tuple[int, int, int]:
    with ctx.sessions() as s:
        issues = s.scalar(select(func.count()).select_from(Issue))
        audit = s.scalar(select(func.count()).select_from(AuditEntry))
        counter = s.scalar(select(func.coalesce(func.sum(NumberCounter.last), 0)))
    return issues or 0, audit or 0, counter or 0


def _refusal(call: Any, *args: Any, **kwargs: Any) -> str:
    """The message of the ValidationError the call raises."""
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


def _add_task(ctx: ServiceContext, project_id: int, name: str) -> int:
    with ctx.sessions.begin() as s:
        task = Task(project_id=project_id, name=name, kind="task", sort_order=0)
        s.add(task)
        s.flush()
        return task.id


# -- numbering ----------------------------------------------------------------------------


def test_numbers_count_per_type_and_project(svc: IssueService, ctx: ServiceContext) -> None:
    p1 = ProjectService(ctx).create("Clinic").value.id
    p2 = ProjectService(ctx).create("Depot").value.id
    numbers = [
        svc.create(p1, IssueType.ISSUE, "Leak").value.number,
        svc.create(p1, IssueType.RFI, "Ceiling").value.number,
        svc.create(p1, "issue", "Crack").value.number,
        svc.create(p1, IssueType.DECISION, "Flooring").value.number,
        svc.create(p1, IssueType.ACTION, "Look-ahead").value.number,
        svc.create(p2, IssueType.ISSUE, "Fence").value.number,
    ]
    assert numbers == ["ISS-0001", "RFI-0001", "ISS-0002", "DEC-0001", "ACT-0001", "ISS-0001"]


def test_number_never_reused_after_delete(svc: IssueService, project_id: int) -> None:
    svc.create(project_id, IssueType.ISSUE, "One")
    second = svc.create(project_id, IssueType.ISSUE, "Two").value
    svc.delete(second.id)
    third = svc.create(project_id, IssueType.ISSUE, "Three").value
    assert third.number == "ISS-0003"


def test_undo_of_create_keeps_counter(
    svc: IssueService, project_id: int, ctx: ServiceContext
) -> None:
    created = svc.create(project_id, IssueType.RFI, "Ceiling").value
    svc.delete(created.id)  # what undo of "add" does
    with ctx.sessions() as s:
        assert s.get(NumberCounter, (project_id, "RFI")).last == 1
    assert svc.create(project_id, IssueType.RFI, "Again").value.number == "RFI-0002"


def test_restore_keeps_id_and_number(svc: IssueService, project_id: int, party_id: int) -> None:
    created = svc.create(
        project_id, IssueType.ISSUE, "Leak", assigned_to_id=party_id, cost_impact="1,200.50"
    ).value
    outcome = svc.delete(created.id)
    assert outcome.changes.touches("issue", project_id)
    assert outcome.changes.structural
    assert svc.list_issues(project_id) == []
    changes = svc.restore(outcome.value)
    assert changes.touches("issue", project_id)
    assert changes.ids_of("issue") == {created.id}
    back = svc.get(created.id)
    assert (back.number, back.title, back.assigned_to, back.cost_impact) == (
        "ISS-0001",
        "Leak",
        "Northbridge Construction",
        Decimal("1200.50"),
    )
    assert svc.create(project_id, IssueType.ISSUE, "Next").value.number == "ISS-0002"


def test_numbering_skips_numbers_written_without_the_counter(
    svc: IssueService, project_id: int, ctx: ServiceContext
) -> None:
    with ctx.sessions.begin() as s:  # as an import that forgot the counter would leave it
        s.add(
            Issue(
                project_id=project_id,
                issue_type="issue",
                number="ISS-0007",
                title="Imported",
                raised_on=TODAY,
            )
        )
    assert svc.create(project_id, IssueType.ISSUE, "New").value.number == "ISS-0008"


# -- list, get, derived values ---------------------------------------------------------------


def test_list_rows_carry_names_ageing_and_overdue(
    svc: IssueService, project_id: int, party_id: int, ctx: ServiceContext
) -> None:
    owner = PartyService(ctx).create("Riverside Health Trust", PartyRole.OWNER).value.id
    late = svc.create(
        project_id,
        IssueType.ISSUE,
        "Late delivery of AHU-2",
        raised_by_id=owner,
        assigned_to_id=party_id,
        raised_on=date(2026, 10, 26),
        due_on=date(2026, 11, 2),
        priority=Priority.CRITICAL,
        cost_impact=Decimal("48250"),
        schedule_impact_days="12",
    ).value
    svc.create(project_id, IssueType.RFI, "Not due yet", due_on=date(2026, 12, 1))
    svc.create(
        project_id,
        IssueType.ACTION,
        "Done late",
        raised_on=date(2026, 10, 1),
        due_on=date(2026, 10, 5),
        status=IssueStatus.CLOSED,
        resolution="Sent",
        closed_on=date(2026, 10, 11),
    )
    rows = {r.number: r for r in svc.list_issues(project_id)}
    row = rows["ISS-0001"]
    assert row.id == late.id
    assert (row.raised_by, row.assigned_to) == (
        "Riverside Health Trust",
        "Northbridge Construction",
    )
    assert (row.raised_by_id, row.assigned_to_id) == (owner, party_id)
    assert row.priority is Priority.CRITICAL and row.status is IssueStatus.OPEN
    assert row.cost_impact == Decimal("48250.00") and row.schedule_impact_days == 12
    assert (row.age_days, row.overdue) == ((TODAY - date(2026, 10, 26)).days, True)
    assert (rows["RFI-0001"].age_days, rows["RFI-0001"].overdue) == (0, False)
    # Closed: ages to its closing date and is never overdue.
    assert (rows["ACT-0001"].age_days, rows["ACT-0001"].overdue) == (10, False)


def test_get_returns_every_field(
    svc: IssueService, project_id: int, party_id: int, ctx: ServiceContext
) -> None:
    task_id = _add_task(ctx, project_id, "MEP rough-in")
    created = svc.create(
        project_id,
        IssueType.DECISION,
        "  Accept TPO roof membrane  ",
        description="In lieu of PVC",
        assigned_to_id=party_id,
        task_id=task_id,
        cost_impact="(21,000)",
        internal=True,
    ).value
    dto = svc.get(created.id)
    assert dto.title == "Accept TPO roof membrane"
    assert dto.description == "In lieu of PVC"
    assert dto.task_name == "MEP rough-in" and dto.task_id == task_id
    assert dto.cost_impact == Decimal("-21000.00")
    assert dto.internal is True
    assert dto.raised_on == TODAY and dto.project_id == project_id
    with pytest.raises(NotFoundError):
        svc.get(9999)


def test_task_choices_in_outline_order(
    svc: IssueService, project_id: int, ctx: ServiceContext
) -> None:
    with ctx.sessions.begin() as s:
        a = Task(project_id=project_id, name="Substructure", kind="summary", sort_order=0)
        b = Task(project_id=project_id, name="Superstructure", kind="summary", sort_order=1)
        s.add_all([a, b])
        s.flush()
        s.add(Task(project_id=project_id, parent_id=a.id, name="Piling", sort_order=0))
        s.add(Task(project_id=project_id, parent_id=b.id, name="Frame", sort_order=0))
    names = [name for _id, name in svc.task_choices(project_id)]
    assert names == ["Substructure", "Piling", "Superstructure", "Frame"]


# -- updates and closing --------------------------------------------------------------------


def test_update_returns_old_values_and_audits(
    svc: IssueService, project_id: int, ctx: ServiceContext
) -> None:
    created = svc.create(project_id, IssueType.ISSUE, "Leak", priority="low").value
    outcome = svc.update(created.id, {"priority": "high", "title": "Roof leak", "due_on": TODAY})
    assert outcome.value == {"priority": "low", "title": "Leak", "due_on": None}
    assert outcome.changes.touches("issue", project_id) and not outcome.changes.structural
    with ctx.sessions() as s:
        audited = s.execute(
            select(AuditEntry.action, AuditEntry.field, AuditEntry.old, AuditEntry.new).where(
                AuditEntry.entity == "issue", AuditEntry.entity_id == created.id
            )
        ).all()
    assert audited[0][:3] == ("insert", None, None)
    assert set(audited[1:]) == {
        ("update", "priority", "low", "high"),
        ("update", "title", "Leak", "Roof leak"),
        ("update", "due_on", None, str(TODAY)),
    }
    svc.update(created.id, outcome.value)  # undo
    dto = svc.get(created.id)
    assert (dto.priority, dto.title, dto.due_on) == (Priority.LOW, "Leak", None)


def test_create_is_audited(svc: IssueService, project_id: int, ctx: ServiceContext) -> None:
    created = svc.create(project_id, IssueType.RFI, "Ceiling").value
    with ctx.sessions() as s:
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.entity == "issue", AuditEntry.action == "insert")
        ).scalar_one()
    assert entry.entity_id == created.id
    assert '"number": "RFI-0001"' in (entry.new or "")


def test_close_sets_status_date_and_resolution(svc: IssueService, project_id: int) -> None:
    created = svc.create(
        project_id, IssueType.RFI, "Ceiling", raised_on=date(2026, 11, 1), status="in_progress"
    ).value
    outcome = svc.close(created.id, "Use type X board, 2 layers", date(2026, 11, 15))
    assert outcome.value == {"status": "in_progress", "resolution": "", "closed_on": None}
    dto = svc.get(created.id)
    assert dto.status is IssueStatus.CLOSED
    assert (dto.closed_on, dto.resolution, dto.age_days) == (
        date(2026, 11, 15),
        "Use type X board, 2 layers",
        14,
    )
    svc.update(created.id, outcome.value)  # undo
    dto = svc.get(created.id)
    assert (dto.status, dto.closed_on, dto.resolution) == (IssueStatus.IN_PROGRESS, None, "")


def test_closing_rules(svc: IssueService, project_id: int) -> None:
    created = svc.create(project_id, IssueType.ISSUE, "Leak", raised_on=date(2026, 11, 1)).value
    # Closing through update defaults the date to today and needs a resolution.
    assert (
        _refusal(svc.update, created.id, {"status": "closed"})
        == "Resolution: is required when the status is Closed"
    )
    old = svc.update(created.id, {"status": "closed", "resolution": "Sealed"}).value
    assert svc.get(created.id).closed_on == TODAY
    assert old == {"status": "open", "closed_on": None, "resolution": ""}
    # Reopening clears the closed date; an explicit one on an open record is refused.
    svc.update(created.id, {"status": "open"})
    assert svc.get(created.id).closed_on is None
    assert (
        _refusal(svc.update, created.id, {"closed_on": date(2026, 11, 5)})
        == "Closed date: must be empty unless the status is Closed"
    )
    # Reopening keeps the resolution text; emptying it while resolving is refused.
    assert svc.get(created.id).resolution == "Sealed"
    assert (
        _refusal(svc.update, created.id, {"status": "resolved", "resolution": " "})
        == "Resolution: is required when the status is Resolved"
    )
    svc.update(created.id, {"status": "resolved"})
    dto = svc.get(created.id)
    assert (dto.status, dto.closed_on, dto.overdue) == (IssueStatus.RESOLVED, None, False)


# -- bad input: the exact message, and nothing written ----------------------------------------

BAD_CREATE = [
    ({"title": ""}, "Title: is required"),
    ({"title": "   "}, "Title: is required"),
    (
        {"title": "Leak", "raised_on": date(2026, 11, 10), "due_on": date(2026, 11, 9)},
        "Due date: 09 Nov 2026 is before the raised date (10 Nov 2026)",
    ),
    ({"title": "Leak", "cost_impact": "abc"}, "Cost impact: “abc” is not a number"),
    (
        {
            "title": "Leak",
            "raised_on": date(2026, 11, 10),
            "status": "closed",
            "resolution": "Fixed",
            "closed_on": date(2026, 11, 1),
        },
        "Closed date: 01 Nov 2026 is before the raised date (10 Nov 2026)",
    ),
    (
        {"title": "Leak", "status": "closed", "resolution": "x", "closed_on": date(2026, 12, 1)},
        "Closed date: 01 Dec 2026 is in the future",
    ),
    (
        {"title": "Leak", "schedule_impact_days": "two"},
        "Schedule impact: “two” is not a whole number",
    ),
    (
        {"title": "Leak", "priority": "urgent"},
        "Priority: “urgent” is not one of: low, medium, high, critical",
    ),
    ({"title": "Leak", "assigned_to_id": 999}, "Assigned to: party #999 no longer exists"),
    ({"title": "Leak", "task_id": 999}, "Linked task: task #999 no longer exists"),
    (
        {"title": "Leak", "cost_impact": 1.5},
        "Cost impact: must be given as text or Decimal, not a float",
    ),
]


@pytest.mark.parametrize(("fields", "message"), BAD_CREATE)
def test_bad_create_is_refused_and_writes_nothing(
    svc: IssueService, project_id: int, ctx: ServiceContext, fields: dict[str, Any], message: str
) -> None:
    svc.create(project_id, IssueType.ISSUE, "Existing")
    before = _counts(ctx)
    values = dict(fields)
    title = values.pop("title")
    assert _refusal(svc.create, project_id, IssueType.ISSUE, title, **values) == message
    assert _counts(ctx) == before
    # The counter was not bumped either: the next number follows on.
    assert svc.create(project_id, IssueType.ISSUE, "Next").value.number == "ISS-0002"


BAD_UPDATE = [
    ({"title": ""}, "Title: is required"),
    (
        {"due_on": date(2026, 10, 31)},
        "Due date: 31 Oct 2026 is before the raised date (01 Nov 2026)",
    ),
    ({"cost_impact": "abc"}, "Cost impact: “abc” is not a number"),
    (
        {"status": "closed", "resolution": "Done", "closed_on": date(2026, 10, 30)},
        "Closed date: 30 Oct 2026 is before the raised date (01 Nov 2026)",
    ),
    # Moving the raised date past an existing due date is checked on the merged record.
    (
        {"raised_on": date(2026, 11, 16)},
        "Due date: 15 Nov 2026 is before the raised date (16 Nov 2026)",
    ),
    ({"number": "ISS-0099"}, "number: is not an issue field"),
]


@pytest.mark.parametrize(("values", "message"), BAD_UPDATE)
def test_bad_update_is_refused_and_writes_nothing(
    svc: IssueService, project_id: int, ctx: ServiceContext, values: dict[str, Any], message: str
) -> None:
    created = svc.create(
        project_id,
        IssueType.ISSUE,
        "Leak",
        raised_on=date(2026, 11, 1),
        due_on=date(2026, 11, 15),
        cost_impact="100",
    ).value
    before = _counts(ctx)
    assert _refusal(svc.update, created.id, {"priority": "high", **values}) == message
    assert _counts(ctx) == before
    assert svc.get(created.id) == created


def test_bad_close_writes_nothing(svc: IssueService, project_id: int, ctx: ServiceContext) -> None:
    created = svc.create(project_id, IssueType.ISSUE, "Leak", raised_on=date(2026, 11, 10)).value
    before = _counts(ctx)
    assert _refusal(svc.close, created.id, "  ", TODAY) == "Resolution: is required"
    assert (
        _refusal(svc.close, created.id, "Fixed", date(2026, 11, 9))
        == "Closed date: 09 Nov 2026 is before the raised date (10 Nov 2026)"
    )
    assert _counts(ctx) == before
    assert svc.get(created.id).status is IssueStatus.OPEN


def test_update_many_is_all_or_nothing(
    svc: IssueService, project_id: int, ctx: ServiceContext
) -> None:
    a = svc.create(project_id, IssueType.ISSUE, "A").value
    b = svc.create(project_id, IssueType.ISSUE, "B").value
    before = _counts(ctx)
    with pytest.raises(ValidationError):
        svc.update_many({a.id: {"priority": "high"}, b.id: {"title": ""}})
    assert _counts(ctx) == before
    assert svc.get(a.id).priority is Priority.MEDIUM
    outcome = svc.update_many({a.id: {"priority": "high"}, b.id: {"priority": "low"}})
    assert outcome.value == {a.id: {"priority": "medium"}, b.id: {"priority": "medium"}}
    assert outcome.changes.ids_of("issue") == {a.id, b.id}


def test_missing_records(svc: IssueService, project_id: int) -> None:
    with pytest.raises(NotFoundError):
        svc.update(123, {"title": "x"})
    with pytest.raises(NotFoundError):
        svc.delete(123)
    with pytest.raises(NotFoundError):
        svc.create(999, IssueType.ISSUE, "Orphan")


def test_task_of_another_project_is_refused(
    svc: IssueService, project_id: int, ctx: ServiceContext
) -> None:
    other = ProjectService(ctx).create("Depot").value.id
    task_id = _add_task(ctx, other, "Fence")
    assert (
        _refusal(svc.create, project_id, IssueType.ISSUE, "Leak", task_id=task_id)
        == "Linked task: belongs to another project"
    )
