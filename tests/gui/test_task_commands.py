"""Every task undo command: push, undo and redo on a bare QUndoStack, checking the WBS
after each step (names, kinds, dates, predecessors and ids)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.services.task_service import TaskRow, TaskService
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.task_commands import (
    AddTaskCommand,
    DeleteTaskCommand,
    EditTaskCommand,
    IndentTaskCommand,
    MoveTaskCommand,
    OutdentTaskCommand,
    RenameTaskCommand,
    SetPredecessorsCommand,
    TaskBatchCommand,
)

MON = date(2027, 3, 1)


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def tasks(services: AppServices) -> TaskService:
    return services.tasks


@pytest.fixture
def pid(services: AppServices) -> int:
    return services.projects.create("Riverside Clinic").value.id


@pytest.fixture
def ids(tasks: TaskService, pid: int) -> dict[str, int]:
    """1 Substructure (1.1 Excavation, 1.2 Footings, 1.3 Slab), 2 Frame, 3 Topped out ◆."""
    out = {"1": tasks.create_task(pid, None, "Substructure").value.id}
    out["1.1"] = tasks.create_task(pid, out["1"], "Excavation", start=MON, duration_days=5).value.id
    out["1.2"] = tasks.create_task(
        pid, out["1"], "Footings", start=date(2027, 3, 8), duration_days=10
    ).value.id
    out["1.3"] = tasks.create_task(
        pid, out["1"], "Slab", start=date(2027, 3, 22), duration_days=5
    ).value.id
    out["2"] = tasks.create_task(
        pid, None, "Frame", start=date(2027, 3, 29), duration_days=20
    ).value.id
    out["3"] = tasks.create_task(
        pid, None, "Topped out", TaskKind.MILESTONE, start=date(2027, 4, 26)
    ).value.id
    tasks.set_predecessors(out["1.2"], "1.1")
    tasks.set_predecessors(out["2"], "1.3SS+2")
    return out


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


def outline(tasks: TaskService, pid: int) -> list[tuple[str, str, str]]:
    return [(r.wbs, r.name, r.kind.value) for r in tasks.list_tasks(pid)]


def run_undo_redo(
    stack: QUndoStack, tasks: TaskService, pid: int, before: list[TaskRow], after: list[TaskRow]
) -> None:
    """After a command ran: undo gives `before` back, redo gives `after` again, twice."""
    for _ in range(2):
        stack.undo()
        assert tasks.list_tasks(pid) == before
        stack.redo()
        assert tasks.list_tasks(pid) == after


def test_add_undo_redo_keeps_the_id(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
    seen: list[Changes],
) -> None:
    before = tasks.list_tasks(pid)
    cmd = AddTaskCommand(
        services, bus, pid, ids["2"], "Columns L1", index=0, start=MON, duration_days=3
    )
    run_command(stack, cmd)
    assert cmd.text() == "Add task “Columns L1”"
    new = tasks.get(cmd.task_id or 0)
    # Frame's predecessors now hold back the task under it (links into a summary).
    assert (new.wbs, new.duration_days) == ("2.1", 3)
    assert new.start == tasks.get(ids["2"]).start
    assert tasks.get(ids["2"]).kind is TaskKind.SUMMARY
    assert seen[-1].structural and seen[-1].touches("task", pid)
    after = tasks.list_tasks(pid)
    run_undo_redo(stack, tasks, pid, before, after)
    assert tasks.get(cmd.task_id or 0).id == new.id  # the same id after redo
    # A later command that names the task still works after undo/redo of the add.
    run_command(stack, RenameTaskCommand(services, bus, new.id, "Columns level 1"))
    stack.undo()
    stack.undo()
    stack.redo()
    stack.redo()
    assert tasks.get(new.id).name == "Columns level 1"


def test_add_milestone(
    services: AppServices, tasks: TaskService, pid: int, bus: ChangeBus, stack: QUndoStack
) -> None:
    cmd = AddTaskCommand(services, bus, pid, None, "Handover", TaskKind.MILESTONE, start=MON)
    run_command(stack, cmd)
    assert cmd.text() == "Add milestone “Handover”"
    assert outline(tasks, pid) == [("1", "Handover", "milestone")]
    stack.undo()
    assert tasks.list_tasks(pid) == []
    stack.redo()
    assert outline(tasks, pid) == [("1", "Handover", "milestone")]


def test_a_refused_add_pushes_nothing(
    services: AppServices, tasks: TaskService, pid: int, bus: ChangeBus, stack: QUndoStack
) -> None:
    with pytest.raises(ValidationError, match="Name: is required"):
        run_command(stack, AddTaskCommand(services, bus, pid, None, "  "))
    assert stack.count() == 0 and tasks.list_tasks(pid) == []


@pytest.mark.parametrize(
    "values",
    [
        {"start": date(2027, 3, 10)},
        {"duration_days": 3},
        {"finish": date(2027, 4, 2)},
        {"percent_complete": 55},
        {"name": "Pad footings", "kind": "milestone"},
    ],
)
def test_edit(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
    values: dict[str, object],
) -> None:
    before = tasks.list_tasks(pid)
    run_command(stack, EditTaskCommand(services, bus, ids["1.2"], values))
    after = tasks.list_tasks(pid)
    assert after != before
    run_undo_redo(stack, tasks, pid, before, after)


def test_edit_derives_the_finish_and_undo_restores_all_three_dates(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
) -> None:
    cmd = EditTaskCommand(services, bus, ids["1.2"], {"duration_days": 3})
    run_command(stack, cmd)
    assert cmd.text() == "Edit task duration"
    row = tasks.get(ids["1.2"])
    assert (row.start, row.duration_days, row.finish) == (date(2027, 3, 8), 3, date(2027, 3, 10))
    stack.undo()
    row = tasks.get(ids["1.2"])
    assert (row.start, row.duration_days, row.finish) == (date(2027, 3, 8), 10, date(2027, 3, 19))


def test_a_refused_edit_pushes_nothing(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
    seen: list[Changes],
) -> None:
    before = tasks.list_tasks(pid)
    with pytest.raises(ValidationError, match=r"^Finish: is before the start \(08 Mar 2027\)"):
        run_command(stack, EditTaskCommand(services, bus, ids["1.2"], {"finish": MON}))
    assert stack.count() == 0 and seen == []
    assert tasks.list_tasks(pid) == before


def test_rename(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
) -> None:
    before = tasks.list_tasks(pid)
    run_command(stack, RenameTaskCommand(services, bus, ids["2"], "Structural frame"))
    assert tasks.get(ids["2"]).name == "Structural frame"
    run_undo_redo(stack, tasks, pid, before, tasks.list_tasks(pid))
    stack.undo()
    assert tasks.get(ids["2"]).name == "Frame"


def test_delete_undo_redo_brings_back_the_subtree_and_links(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
    seen: list[Changes],
) -> None:
    before = tasks.list_tasks(pid)
    run_command(stack, DeleteTaskCommand(services, bus, ids["1"]))
    assert outline(tasks, pid) == [("1", "Frame", "task"), ("2", "Topped out", "milestone")]
    assert tasks.get(ids["2"]).predecessors == ""
    assert seen[-1].structural
    after = tasks.list_tasks(pid)
    run_undo_redo(stack, tasks, pid, before, after)
    stack.undo()
    assert tasks.get(ids["2"]).predecessors == "1.3SS+2"
    assert tasks.get(ids["1.2"]).id == ids["1.2"]


@pytest.mark.parametrize(
    ("key", "parent", "index", "expected"),
    [
        ("1.3", "1", 0, ("1.1", "Slab", "task")),  # within the same parent
        ("2", "1", 1, ("1.2", "Frame", "task")),  # under another parent
        ("1.1", None, 3, ("4", "Excavation", "task")),  # to the top level
        ("1.2", "2", 0, ("2.1", "Footings", "task")),  # makes Frame a summary
    ],
)
def test_move(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
    key: str,
    parent: str | None,
    index: int,
    expected: tuple[str, str, str],
) -> None:
    before = tasks.list_tasks(pid)
    target = None if parent is None else ids[parent]
    run_command(stack, MoveTaskCommand(services, bus, ids[key], target, index))
    assert expected in outline(tasks, pid)
    run_undo_redo(stack, tasks, pid, before, tasks.list_tasks(pid))


def test_move_under_itself_pushes_nothing(
    services: AppServices, ids: dict[str, int], bus: ChangeBus, stack: QUndoStack
) -> None:
    with pytest.raises(ValidationError, match=r"^A task cannot be moved under itself$"):
        run_command(stack, MoveTaskCommand(services, bus, ids["1"], ids["1.1"], 0))
    assert stack.count() == 0


def test_indent(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
) -> None:
    before = tasks.list_tasks(pid)
    run_command(stack, IndentTaskCommand(services, bus, ids["1.3"]))
    assert outline(tasks, pid)[2:4] == [
        ("1.2", "Footings", "summary"),
        ("1.2.1", "Slab", "task"),
    ]
    assert tasks.get(ids["2"]).predecessors == "1.2.1SS+2"
    run_undo_redo(stack, tasks, pid, before, tasks.list_tasks(pid))
    stack.undo()
    assert tasks.get(ids["1.2"]).kind is TaskKind.TASK


def test_outdent(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
) -> None:
    before = tasks.list_tasks(pid)
    run_command(stack, OutdentTaskCommand(services, bus, ids["1.1"]))
    assert outline(tasks, pid)[:3] == [
        ("1", "Substructure", "summary"),
        ("1.1", "Footings", "task"),
        ("1.2", "Slab", "task"),
    ]
    assert outline(tasks, pid)[3] == ("2", "Excavation", "task")
    run_undo_redo(stack, tasks, pid, before, tasks.list_tasks(pid))


def test_indent_and_outdent_refusals_push_nothing(
    services: AppServices, ids: dict[str, int], bus: ChangeBus, stack: QUndoStack
) -> None:
    with pytest.raises(ValidationError, match="has no task above it to indent under"):
        run_command(stack, IndentTaskCommand(services, bus, ids["1"]))
    with pytest.raises(ValidationError, match="is already at the top level"):
        run_command(stack, OutdentTaskCommand(services, bus, ids["2"]))
    assert stack.count() == 0


def test_set_predecessors(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
) -> None:
    before = tasks.list_tasks(pid)
    run_command(stack, SetPredecessorsCommand(services, bus, ids["3"], "2, 1.3FF+1"))
    assert tasks.get(ids["3"]).predecessors == "2, 1.3FF+1"
    run_undo_redo(stack, tasks, pid, before, tasks.list_tasks(pid))
    stack.undo()
    assert tasks.get(ids["3"]).predecessors == ""
    with pytest.raises(ValidationError, match=r"^Predecessors: no task with WBS 9\.9$"):
        run_command(stack, SetPredecessorsCommand(services, bus, ids["3"], "9.9"))
    assert stack.count() == 1


def test_batch_runs_in_order_and_undoes_in_reverse(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
) -> None:
    before = tasks.list_tasks(pid)
    parts = [DeleteTaskCommand(services, bus, ids[k]) for k in ("1.1", "1.3", "3")]
    run_command(stack, TaskBatchCommand("Delete 3 tasks", bus, parts))
    assert outline(tasks, pid) == [
        ("1", "Substructure", "summary"),
        ("1.1", "Footings", "task"),
        ("2", "Frame", "task"),
    ]
    assert stack.count() == 1 and stack.undoText() == "Delete 3 tasks"
    run_undo_redo(stack, tasks, pid, before, tasks.list_tasks(pid))


def test_a_refused_batch_part_undoes_the_parts_before_it(
    services: AppServices,
    tasks: TaskService,
    pid: int,
    ids: dict[str, int],
    bus: ChangeBus,
    stack: QUndoStack,
) -> None:
    before = tasks.list_tasks(pid)
    parts = [
        RenameTaskCommand(services, bus, ids["1.2"], "Footings and pile caps"),  # fine
        IndentTaskCommand(services, bus, ids["1"]),  # nothing above it
    ]
    with pytest.raises(ValidationError, match="has no task above it"):
        run_command(stack, TaskBatchCommand("Indent tasks", bus, parts))
    assert stack.count() == 0
    assert tasks.list_tasks(pid) == before
