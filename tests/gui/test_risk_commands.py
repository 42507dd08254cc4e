"""Every risk undo command: push, undo and redo, checking the data after each step."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.enums import PartyRole, RiskStatus
from ownersrep.domain.errors import ValidationError
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import ProjectService
from ownersrep.services.risk_service import RiskService
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.risk_commands import (
    AddRiskCommand,
    DeleteRiskCommand,
    EditRiskCommand,
)


@pytest.fixture
def risks(ctx: ServiceContext) -> RiskService:
    return RiskService(ctx)


@pytest.fixture
def project_id(ctx: ServiceContext) -> int:
    return ProjectService(ctx).create("Riverside Library").value.id


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def seen(bus: ChangeBus) -> list[Changes]:
    got: list[Changes] = []
    bus.changed.connect(got.append)
    return got


def titles(risks: RiskService, project_id: int) -> list[tuple[str, str]]:
    return [(r.number, r.title) for r in risks.list_risks(project_id)]


def test_add_undo_redo_keeps_id_and_number(
    ctx: ServiceContext,
    risks: RiskService,
    project_id: int,
    bus: ChangeBus,
    stack: QUndoStack,
    seen: list[Changes],
) -> None:
    owner = PartyService(ctx).create("Apex", PartyRole.CONTRACTOR).value.id
    values = {
        "title": "Long lead time for switchgear",
        "probability": 4,
        "impact": 4,
        "category": "commercial",
        "owner_id": owner,
        "review_on": date(2026, 12, 4),
    }
    cmd = AddRiskCommand(risks, bus, project_id, values)
    run_command(stack, cmd)
    assert stack.count() == 1 and stack.undoText() == "Add risk RSK-001"
    assert cmd.risk_id is not None
    first = risks.get(cmd.risk_id)
    assert (first.number, first.title, first.score, first.owner_id) == (
        "RSK-001",
        "Long lead time for switchgear",
        16,
        owner,
    )
    assert seen[-1].touches("risk", project_id) and seen[-1].structural

    stack.undo()
    assert titles(risks, project_id) == []
    assert seen[-1].ids_of("risk") == {cmd.risk_id}

    stack.redo()
    assert risks.get(cmd.risk_id) == first  # same id, same number, same fields
    assert len(seen) == 3

    # The number stays taken: a second add gets the next one.
    run_command(stack, AddRiskCommand(risks, bus, project_id, {**values, "title": "Crane"}))
    assert titles(risks, project_id) == [
        ("RSK-001", "Long lead time for switchgear"),
        ("RSK-002", "Crane"),
    ]
    stack.undo()
    stack.undo()
    assert titles(risks, project_id) == []
    stack.redo()
    stack.redo()
    assert [n for n, _ in titles(risks, project_id)] == ["RSK-001", "RSK-002"]


def test_add_refused_pushes_nothing(
    risks: RiskService, project_id: int, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    cmd = AddRiskCommand(risks, bus, project_id, {"title": "Crane", "probability": 7, "impact": 2})
    with pytest.raises(ValidationError, match=r"^Probability: must be between 1 and 5, not 7$"):
        run_command(stack, cmd)
    with pytest.raises(ValidationError, match=r"^Title: is required$"):
        run_command(stack, AddRiskCommand(risks, bus, project_id, {"probability": 1, "impact": 1}))
    assert stack.count() == 0 and seen == []
    assert titles(risks, project_id) == []


def test_edit_undo_redo(
    risks: RiskService, project_id: int, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    rid = risks.create(project_id, "Crane", 2, 3, mitigation="Early application").value.id
    cmd = EditRiskCommand(
        risks,
        bus,
        rid,
        {"title": "Tower crane licence", "impact": 5, "status": "monitoring"},
        "RSK-001",
    )
    run_command(stack, cmd)
    assert stack.undoText() == "Edit risk RSK-001"
    dto = risks.get(rid)
    assert (dto.title, dto.impact, dto.score, dto.status) == (
        "Tower crane licence",
        5,
        10,
        RiskStatus.MONITORING,
    )
    assert seen[-1].ids_of("risk") == {rid} and not seen[-1].structural

    stack.undo()
    dto = risks.get(rid)
    assert (dto.title, dto.impact, dto.score, dto.status) == ("Crane", 3, 6, RiskStatus.OPEN)
    assert dto.mitigation == "Early application"

    stack.redo()
    dto = risks.get(rid)
    assert (dto.title, dto.impact, dto.status) == ("Tower crane licence", 5, RiskStatus.MONITORING)
    assert len(seen) == 3


def test_edit_refused_pushes_nothing(
    risks: RiskService, project_id: int, bus: ChangeBus, stack: QUndoStack
) -> None:
    rid = risks.create(project_id, "Crane", 2, 3).value.id
    with pytest.raises(ValidationError, match=r"^Title: is required$"):
        run_command(stack, EditRiskCommand(risks, bus, rid, {"title": " ", "impact": 1}))
    assert stack.count() == 0
    assert (risks.get(rid).title, risks.get(rid).impact) == ("Crane", 3)


def test_delete_undo_redo(
    risks: RiskService, project_id: int, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    keep = risks.create(project_id, "Keep", 1, 1).value
    gone = risks.create(project_id, "Asbestos in plant room", 2, 4, effect="Delay").value
    run_command(stack, DeleteRiskCommand(risks, bus, gone.id, gone.number))
    assert stack.undoText() == "Delete risk RSK-002"
    assert titles(risks, project_id) == [("RSK-001", "Keep")]
    assert seen[-1].structural and seen[-1].ids_of("risk") == {gone.id}

    stack.undo()
    assert risks.get(gone.id) == gone
    assert titles(risks, project_id) == [("RSK-001", "Keep"), ("RSK-002", "Asbestos in plant room")]

    stack.redo()
    assert titles(risks, project_id) == [("RSK-001", "Keep")]
    assert risks.get(keep.id) == keep
    assert len(seen) == 3
    # The deleted number is not handed out again.
    assert risks.create(project_id, "Next", 1, 1).value.number == "RSK-003"
