"""Every baseline undo command: push, undo and redo, checking the data after each step."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.baseline_commands import (
    DeleteBaselineCommand,
    RenameBaselineCommand,
    SaveBaselineCommand,
    SetComparedBaselineCommand,
)

MON = date(2027, 3, 1)


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


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


@pytest.fixture
def pid(services: AppServices) -> int:
    pid = services.projects.create("Riverside Clinic").value.id
    services.tasks.create_task(pid, None, "Excavation", start=MON, duration_days=5)
    services.tasks.create_task(pid, None, "Footings", start=date(2027, 3, 8), duration_days=10)
    return pid


def listed(services: AppServices, pid: int) -> list[tuple[int, str, int, bool]]:
    return [
        (b.id, b.name, b.task_count, b.compared) for b in services.baselines.list_baselines(pid)
    ]


def test_save_undo_redo_keeps_the_id_and_the_comparison(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, pid: int
) -> None:
    cmd = SaveBaselineCommand(services, bus, pid, " Contract ")
    run_command(stack, cmd)
    bid = cmd.baseline_id
    assert bid is not None
    assert stack.undoText() == "Save baseline “Contract”"
    assert listed(services, pid) == [(bid, "Contract", 2, True)]
    assert seen[-1].touches("baseline", pid) and seen[-1].structural
    dates = services.baselines.task_dates(bid)

    stack.undo()
    assert listed(services, pid) == []
    assert services.baselines.compared_baseline(pid) is None
    assert seen[-1].touches("baseline", pid)

    stack.redo()
    assert listed(services, pid) == [(bid, "Contract", 2, True)]
    assert services.baselines.task_dates(bid) == dates
    assert len(seen) == 3


def test_a_refused_save_pushes_nothing(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, pid: int
) -> None:
    run_command(stack, SaveBaselineCommand(services, bus, pid, "Contract"))
    with pytest.raises(ValidationError, match="Name: a baseline called “contract” already"):
        run_command(stack, SaveBaselineCommand(services, bus, pid, "contract"))
    assert stack.count() == 1 and len(seen) == 1
    assert [name for _i, name, _n, _c in listed(services, pid)] == ["Contract"]


def test_rename_undo_redo(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, pid: int
) -> None:
    bid = services.baselines.save_baseline(pid, "Contract").value.id
    run_command(stack, RenameBaselineCommand(services, bus, bid, "Contract (GMP)"))
    assert stack.undoText() == "Rename baseline to “Contract (GMP)”"
    assert listed(services, pid) == [(bid, "Contract (GMP)", 2, True)]
    stack.undo()
    assert listed(services, pid) == [(bid, "Contract", 2, True)]
    stack.redo()
    assert listed(services, pid) == [(bid, "Contract (GMP)", 2, True)]
    assert all(c.touches("baseline", pid) for c in seen) and len(seen) == 3


def test_delete_undo_redo_brings_back_the_dates_and_comparison(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, pid: int
) -> None:
    first = services.baselines.save_baseline(pid, "Contract").value.id
    second = services.baselines.save_baseline(pid, "Re-plan").value.id
    dates = services.baselines.task_dates(first)
    run_command(stack, DeleteBaselineCommand(services, bus, first, "Contract"))
    assert stack.undoText() == "Delete baseline “Contract”"
    assert listed(services, pid) == [(second, "Re-plan", 2, False)]
    assert services.baselines.compared_baseline(pid) is None

    stack.undo()
    assert listed(services, pid) == [(first, "Contract", 2, True), (second, "Re-plan", 2, False)]
    assert services.baselines.task_dates(first) == dates

    stack.redo()
    assert listed(services, pid) == [(second, "Re-plan", 2, False)]
    assert [c.structural for c in seen] == [True, True, True]


def test_set_compared_undo_redo(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, pid: int
) -> None:
    first = services.baselines.save_baseline(pid, "Contract").value.id
    second = services.baselines.save_baseline(pid, "Re-plan").value.id
    run_command(stack, SetComparedBaselineCommand(services, bus, pid, second, "Re-plan"))
    assert stack.undoText() == "Compare with baseline “Re-plan”"
    assert services.baselines.compared_baseline(pid) == second
    stack.undo()
    assert services.baselines.compared_baseline(pid) == first
    stack.redo()
    assert services.baselines.compared_baseline(pid) == second

    run_command(stack, SetComparedBaselineCommand(services, bus, pid, None))
    assert stack.undoText() == "Stop comparing with a baseline"
    assert services.baselines.compared_baseline(pid) is None
    stack.undo()
    assert services.baselines.compared_baseline(pid) == second
    stack.redo()
    assert services.baselines.compared_baseline(pid) is None
    assert all(c.touches("baseline", pid) for c in seen) and len(seen) == 6


def test_a_whole_history_unwinds_and_replays(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, pid: int
) -> None:
    save = SaveBaselineCommand(services, bus, pid, "Contract")
    run_command(stack, save)
    again = SaveBaselineCommand(services, bus, pid, "Re-plan")
    run_command(stack, again)
    assert save.baseline_id is not None and again.baseline_id is not None
    run_command(stack, SetComparedBaselineCommand(services, bus, pid, again.baseline_id))
    run_command(stack, RenameBaselineCommand(services, bus, save.baseline_id, "GMP"))
    run_command(stack, DeleteBaselineCommand(services, bus, again.baseline_id))
    final = listed(services, pid)
    assert final == [(save.baseline_id, "GMP", 2, False)]

    while stack.canUndo():
        stack.undo()
    assert listed(services, pid) == []
    while stack.canRedo():
        stack.redo()
    assert listed(services, pid) == final
    assert services.baselines.compared_baseline(pid) is None
