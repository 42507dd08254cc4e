"""Every issue undo command: push, undo and redo, checking the data after each step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.enums import IssueStatus, IssueType, PartyRole, Priority
from ownersrep.domain.errors import ValidationError
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.services.issue_service import IssueService
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import ProjectService
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.issue_commands import (
    AddIssueCommand,
    CloseIssueCommand,
    DeleteIssueCommand,
    EditIssueCommand,
)


@pytest.fixture
def issues(ctx: ServiceContext) -> IssueService:
    return IssueService(ctx)


@pytest.fixture
def project_id(ctx: ServiceContext) -> int:
    return ProjectService(ctx).create("Riverside Clinic").value.id


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def stack(qapp) -> QUndoStack:  # type: ignore[no-untyped-def]
    return QUndoStack()


@pytest.fixture
def seen(bus: ChangeBus) -> list[Changes]:
    got: list[Changes] = []
    bus.changed.connect(got.append)
    return got


def numbers(issues: IssueService, project_id: int) -> list[str]:
    return [r.number for r in issues.list_issues(project_id)]


def test_add_undo_redo(
    issues: IssueService,
    project_id: int,
    bus: ChangeBus,
    stack: QUndoStack,
    seen: list[Changes],
    ctx: ServiceContext,
) -> None:
    apex = PartyService(ctx).create("Apex Mechanical", PartyRole.CONTRACTOR).value.id
    cmd = AddIssueCommand(
        issues,
        bus,
        project_id,
        IssueType.RFI,
        "Clarify fire-rated ceiling",
        {"assigned_to_id": apex, "due_on": date(2026, 12, 1), "cost_impact": "1,500"},
    )
    run_command(stack, cmd)
    assert stack.count() == 1 and stack.undoText() == "Add RFI-0001"
    assert cmd.issue_id is not None and cmd.number == "RFI-0001"
    assert numbers(issues, project_id) == ["RFI-0001"]
    assert seen[-1].touches("issue", project_id) and seen[-1].structural

    stack.undo()
    assert numbers(issues, project_id) == []
    assert seen[-1].touches("issue", project_id)

    stack.redo()
    dto = issues.get(cmd.issue_id)  # the same row again: id, number and fields
    assert (dto.number, dto.assigned_to, dto.due_on, dto.cost_impact) == (
        "RFI-0001",
        "Apex Mechanical",
        date(2026, 12, 1),
        Decimal("1500.00"),
    )
    assert len(seen) == 3

    # The counter is not given back by undo: the next RFI is RFI-0002 even after undo.
    stack.undo()
    run_command(stack, AddIssueCommand(issues, bus, project_id, IssueType.RFI, "Next", {}))
    assert numbers(issues, project_id) == ["RFI-0002"]


def test_refused_add_pushes_nothing(
    issues: IssueService, project_id: int, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    cmd = AddIssueCommand(issues, bus, project_id, IssueType.ISSUE, "", {})
    with pytest.raises(ValidationError, match="Title: is required"):
        run_command(stack, cmd)
    assert stack.count() == 0 and seen == []
    assert numbers(issues, project_id) == []


def test_edit_undo_redo_one_and_many(
    issues: IssueService, project_id: int, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    a = issues.create(project_id, IssueType.ISSUE, "Leak", priority="low").value
    b = issues.create(project_id, IssueType.ACTION, "Look-ahead").value
    run_command(
        stack,
        EditIssueCommand(
            issues,
            bus,
            {a.id: {"title": "Roof leak", "due_on": date(2026, 11, 30)}},
            "Edit ISS-0001",
        ),
    )
    assert stack.undoText() == "Edit ISS-0001"
    assert (issues.get(a.id).title, issues.get(a.id).due_on) == ("Roof leak", date(2026, 11, 30))
    assert seen[-1].ids_of("issue") == {a.id} and not seen[-1].structural
    stack.undo()
    assert (issues.get(a.id).title, issues.get(a.id).due_on) == ("Leak", None)
    stack.redo()
    assert issues.get(a.id).title == "Roof leak"

    run_command(
        stack,
        EditIssueCommand(
            issues, bus, {a.id: {"priority": "high"}, b.id: {"priority": "high"}}, "Set priority"
        ),
    )
    assert {issues.get(i).priority for i in (a.id, b.id)} == {Priority.HIGH}
    stack.undo()
    assert (issues.get(a.id).priority, issues.get(b.id).priority) == (
        Priority.LOW,
        Priority.MEDIUM,
    )
    stack.redo()
    assert {issues.get(i).priority for i in (a.id, b.id)} == {Priority.HIGH}


def test_close_undo_redo(
    issues: IssueService, project_id: int, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    a = issues.create(
        project_id,
        IssueType.ISSUE,
        "Late delivery of AHU-2",
        status="in_progress",
        raised_on=date(2026, 10, 26),
        due_on=date(2026, 11, 2),
    ).value
    assert a.overdue
    cmd = CloseIssueCommand(issues, bus, a.id, "Delivered 18 Nov", date(2026, 11, 18), a.number)
    run_command(stack, cmd)
    assert stack.undoText() == "Close ISS-0001"
    dto = issues.get(a.id)
    assert (dto.status, dto.closed_on, dto.resolution, dto.overdue) == (
        IssueStatus.CLOSED,
        date(2026, 11, 18),
        "Delivered 18 Nov",
        False,
    )
    assert dto.age_days == 23
    stack.undo()
    dto = issues.get(a.id)
    assert (dto.status, dto.closed_on, dto.resolution, dto.overdue) == (
        IssueStatus.IN_PROGRESS,
        None,
        "",
        True,
    )
    stack.redo()
    assert issues.get(a.id).status is IssueStatus.CLOSED
    assert len(seen) == 3 and all(c.touches("issue", project_id) for c in seen)


def test_refused_close_pushes_nothing(
    issues: IssueService, project_id: int, bus: ChangeBus, stack: QUndoStack
) -> None:
    a = issues.create(project_id, IssueType.ISSUE, "Leak", raised_on=date(2026, 11, 10)).value
    with pytest.raises(ValidationError, match="Closed date"):
        run_command(stack, CloseIssueCommand(issues, bus, a.id, "Fixed", date(2026, 11, 1)))
    assert stack.count() == 0
    assert issues.get(a.id).status is IssueStatus.OPEN


def test_delete_undo_redo_keeps_numbers(
    issues: IssueService, project_id: int, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    a = issues.create(project_id, IssueType.ISSUE, "Leak", cost_impact="250").value
    b = issues.create(project_id, IssueType.RFI, "Ceiling").value
    c = issues.create(project_id, IssueType.ISSUE, "Crack").value
    run_command(stack, DeleteIssueCommand(issues, bus, [a.id, b.id]))
    assert stack.undoText() == "Delete 2 issues"
    assert numbers(issues, project_id) == ["ISS-0002"]
    assert seen[-1].structural and seen[-1].ids_of("issue") == {a.id, b.id}
    stack.undo()
    assert numbers(issues, project_id) == ["ISS-0001", "RFI-0001", "ISS-0002"]
    assert issues.get(a.id) == a  # same id, number and every field
    stack.redo()
    assert numbers(issues, project_id) == ["ISS-0002"]
    assert issues.get(c.id) == c
    # Deleted numbers are never handed out again.
    assert issues.create(project_id, IssueType.ISSUE, "New").value.number == "ISS-0003"
