"""Every health undo command: push, undo and redo, checking the data after each step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.errors import ValidationError
from ownersrep.domain.health.rag import Area, Rag
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.health_commands import (
    ClearRagOverrideCommand,
    ClosePeriodCommand,
    SetPriorityRatingCommand,
    SetPriorityWeightsCommand,
    SetRagOverrideCommand,
)
from tests.helpers.health_world import Clinic, clinic

WHY = "Recovery plan agreed with the CM on 12 Nov; the lost days come back by January."


@pytest.fixture
def world(ctx: ServiceContext) -> Clinic:
    return clinic(ctx)


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


def shown(world: Clinic, area: Area) -> tuple[Rag, Rag | None, str]:
    status = world.app.health.status(world.project_id).area(area)
    return status.derived, status.override, status.commentary


def test_set_override_push_undo_redo(
    world: Clinic, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    derived = shown(world, Area.SCHEDULE)[0]
    assert derived is Rag.RED  # SPI 0.80 in the hand-worked clinic
    command = SetRagOverrideCommand(
        world.app.health, bus, world.project_id, "schedule", "amber", WHY
    )
    run_command(stack, command)
    assert shown(world, Area.SCHEDULE) == (Rag.RED, Rag.AMBER, WHY)
    assert stack.undoText() == "Override schedule status"
    assert seen[-1].touches("health", world.project_id)
    stack.undo()
    assert shown(world, Area.SCHEDULE) == (Rag.RED, None, "")
    stack.redo()
    assert shown(world, Area.SCHEDULE) == (Rag.RED, Rag.AMBER, WHY)


def test_replacing_an_override_undoes_to_the_previous_one(
    world: Clinic, bus: ChangeBus, stack: QUndoStack
) -> None:
    health = world.app.health
    run_command(
        stack, SetRagOverrideCommand(health, bus, world.project_id, "cost", "amber", "First")
    )
    run_command(
        stack, SetRagOverrideCommand(health, bus, world.project_id, "cost", "green", "Second")
    )
    assert shown(world, Area.COST)[1:] == (Rag.GREEN, "Second")
    stack.undo()
    assert shown(world, Area.COST)[1:] == (Rag.AMBER, "First")
    stack.redo()
    assert shown(world, Area.COST)[1:] == (Rag.GREEN, "Second")


def test_an_override_without_commentary_is_refused_and_nothing_is_pushed(
    world: Clinic, bus: ChangeBus, stack: QUndoStack
) -> None:
    command = SetRagOverrideCommand(world.app.health, bus, world.project_id, "risk", "red", "   ")
    with pytest.raises(ValidationError, match="Commentary: is required"):
        run_command(stack, command)
    assert stack.count() == 0
    assert shown(world, Area.RISK)[1] is None


def test_clear_override_push_undo_redo(world: Clinic, bus: ChangeBus, stack: QUndoStack) -> None:
    health = world.app.health
    health.set_override(world.project_id, "issues", "red", WHY)
    before = health.overrides(world.project_id)[Area.ISSUES]
    run_command(stack, ClearRagOverrideCommand(health, bus, world.project_id, "issues"))
    assert shown(world, Area.ISSUES)[1] is None
    assert stack.undoText() == "Clear issues override"
    stack.undo()
    assert health.overrides(world.project_id)[Area.ISSUES] == before  # same row, date and author
    stack.redo()
    assert Area.ISSUES not in health.overrides(world.project_id)


def test_close_period_push_undo_redo_restores_the_stored_figures(
    world: Clinic, bus: ChangeBus, stack: QUndoStack, seen: list[Changes]
) -> None:
    health = world.app.health
    command = ClosePeriodCommand(health, bus, world.project_id, "2026-11")
    run_command(stack, command)
    [stored] = health.snapshots(world.project_id)
    assert stored.period == "2026-11" and stored.kpis.spi == Decimal("0.80")
    assert seen[-1].touches("period_snapshot", world.project_id)
    stack.undo()
    assert health.snapshots(world.project_id) == []
    # What changes after the undo does not leak into the redo: the snapshot comes back.
    world.app.projects.update(world.project_id, {"status_date": date(2026, 11, 13)})
    stack.redo()
    assert health.snapshots(world.project_id) == [stored]


def test_closing_a_closed_period_is_refused(
    world: Clinic, bus: ChangeBus, stack: QUndoStack
) -> None:
    run_command(stack, ClosePeriodCommand(world.app.health, bus, world.project_id, "2026-11"))
    with pytest.raises(ValidationError, match="Period: 2026-11 was already closed"):
        run_command(stack, ClosePeriodCommand(world.app.health, bus, world.project_id, "2026-11"))
    with pytest.raises(ValidationError, match=r"Period: .*not a month"):
        run_command(stack, ClosePeriodCommand(world.app.health, bus, world.project_id, "Nov"))
    assert stack.count() == 1


def test_priority_weights_push_undo_redo(world: Clinic, bus: ChangeBus, stack: QUndoStack) -> None:
    priorities = world.app.priorities

    def weights() -> dict[str, int]:
        return {c.key: c.weight for c in priorities.criteria()}

    before = weights()
    new = {"strategic_fit": 40, "value": 20, "risk": 10, "urgency": 20, "resource_need": 10}
    run_command(stack, SetPriorityWeightsCommand(priorities, bus, new))
    assert weights() == new
    stack.undo()
    assert weights() == before
    stack.redo()
    assert weights() == new
    with pytest.raises(ValidationError, match="Weights: must add up to 100, not 95"):
        run_command(stack, SetPriorityWeightsCommand(priorities, bus, {"value": 15}))
    assert weights() == new and stack.count() == 1


def test_priority_rating_push_undo_redo(world: Clinic, bus: ChangeBus, stack: QUndoStack) -> None:
    priorities = world.app.priorities
    command = SetPriorityRatingCommand(priorities, bus, world.project_id, "value", 4, "Value")
    run_command(stack, command)
    assert priorities.ratings(world.project_id) == {"value": 4}
    assert stack.undoText() == "Rate Value"
    run_command(stack, SetPriorityRatingCommand(priorities, bus, world.project_id, "value", 2))
    assert priorities.ratings(world.project_id) == {"value": 2}
    stack.undo()
    assert priorities.ratings(world.project_id) == {"value": 4}
    stack.undo()
    assert priorities.ratings(world.project_id) == {}
    stack.redo()
    stack.redo()
    assert priorities.ratings(world.project_id) == {"value": 2}
    with pytest.raises(ValidationError, match="Value: must be between 1 and 5, not 7"):
        run_command(stack, SetPriorityRatingCommand(priorities, bus, world.project_id, "value", 7))
