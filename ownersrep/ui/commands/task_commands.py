"""Undo commands for the project WBS: add, edit, rename, delete, move, indent, outdent
and predecessors. The schedule tab and the project tree both use them.

An add is undone by a delete whose snapshot the redo restores, so a task keeps its id
across undo and redo (and later commands that name it still work). Moves are undone by
moving back to the (parent, index) the service reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from ownersrep.domain.enums import TaskKind
from ownersrep.services.changes import NOTHING, Changes
from ownersrep.services.snapshot import Snapshot
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices

_FIELD_NAMES = {
    "name": "name",
    "kind": "kind",
    "start": "start",
    "duration_days": "duration",
    "finish": "finish",
    "percent_complete": "% complete",
    "responsible_id": "responsible",
    "notes": "notes",
}


class AddTaskCommand(ServiceCommand):
    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        project_id: int,
        parent_id: int | None,
        name: str,
        kind: TaskKind | str = TaskKind.TASK,
        *,
        index: int | None = None,
        start: date | None = None,
        duration_days: int | None = None,
        finish: date | None = None,
        responsible_id: int | None = None,
    ) -> None:
        what = "milestone" if str(kind) == TaskKind.MILESTONE.value else "task"
        super().__init__(f"Add {what} “{name.strip()}”", bus)
        self._tasks = services.tasks
        self._args = (project_id, parent_id, name, kind)
        self._kwargs: dict[str, Any] = {
            "index": index,
            "start": start,
            "duration_days": duration_days,
            "finish": finish,
            "responsible_id": responsible_id,
        }
        self._task_id: int | None = None
        self._snapshot: Snapshot | None = None

    @property
    def task_id(self) -> int | None:
        """The new task's id, once the command has run."""
        return self._task_id

    def do(self) -> Changes:
        if self._snapshot is not None:
            return self._tasks.restore_tasks(self._snapshot)
        out = self._tasks.create_task(*self._args, **self._kwargs)
        self._task_id = out.value.id
        return out.changes

    def revert(self) -> Changes:
        assert self._task_id is not None
        out = self._tasks.delete_task(self._task_id)
        self._snapshot = out.value
        return out.changes


class EditTaskCommand(ServiceCommand):
    """Change fields of a task (the service derives finish or duration)."""

    def __init__(
        self, services: AppServices, bus: ChangeBus, task_id: int, values: Mapping[str, Any]
    ) -> None:
        label = _FIELD_NAMES.get(next(iter(values)), "task") if len(values) == 1 else "task"
        super().__init__(f"Edit task {label}", bus)
        self._tasks = services.tasks
        self._task_id = task_id
        self._values = dict(values)
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        out = self._tasks.update_task(self._task_id, self._values)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._tasks.set_stored_fields(self._task_id, self._old).changes


class RenameTaskCommand(ServiceCommand):
    def __init__(self, services: AppServices, bus: ChangeBus, task_id: int, name: str) -> None:
        super().__init__(f"Rename task to “{name.strip()}”", bus)
        self._tasks = services.tasks
        self._task_id = task_id
        self._name = name
        self._old = ""

    def do(self) -> Changes:
        out = self._tasks.rename_task(self._task_id, self._name)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._tasks.rename_task(self._task_id, self._old).changes


class DeleteTaskCommand(ServiceCommand):
    """Delete a task with everything under it and its links; undo brings all of it back
    with the same ids, and re-links the issues that named it."""

    def __init__(self, services: AppServices, bus: ChangeBus, task_id: int) -> None:
        super().__init__("Delete task", bus)
        self._tasks = services.tasks
        self._task_id = task_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Changes:
        out = self._tasks.delete_task(self._task_id)
        self._snapshot = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self._snapshot is not None
        return self._tasks.restore_tasks(self._snapshot)


class _MoveBack(ServiceCommand):
    """Undone by moving the task back to where the service said it was."""

    def __init__(self, text: str, services: AppServices, bus: ChangeBus, task_id: int) -> None:
        super().__init__(text, bus)
        self._tasks = services.tasks
        self._task_id = task_id
        self._old: tuple[int | None, int] = (None, 0)

    def revert(self) -> Changes:
        return self._tasks.move_task(self._task_id, *self._old).changes


class MoveTaskCommand(_MoveBack):
    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        task_id: int,
        new_parent_id: int | None,
        new_index: int,
    ) -> None:
        super().__init__("Move task", services, bus, task_id)
        self._target = (new_parent_id, new_index)

    def do(self) -> Changes:
        out = self._tasks.move_task(self._task_id, *self._target)
        self._old = out.value
        return out.changes


class IndentTaskCommand(_MoveBack):
    def __init__(self, services: AppServices, bus: ChangeBus, task_id: int) -> None:
        super().__init__("Indent task", services, bus, task_id)

    def do(self) -> Changes:
        out = self._tasks.indent_task(self._task_id)
        self._old = out.value
        return out.changes


class OutdentTaskCommand(_MoveBack):
    def __init__(self, services: AppServices, bus: ChangeBus, task_id: int) -> None:
        super().__init__("Outdent task", services, bus, task_id)

    def do(self) -> Changes:
        out = self._tasks.outdent_task(self._task_id)
        self._old = out.value
        return out.changes


class SetPredecessorsCommand(ServiceCommand):
    def __init__(self, services: AppServices, bus: ChangeBus, task_id: int, text: str) -> None:
        super().__init__("Edit predecessors", bus)
        self._tasks = services.tasks
        self._task_id = task_id
        self._text = text
        self._old = ""

    def do(self) -> Changes:
        out = self._tasks.set_predecessors(self._task_id, self._text)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._tasks.set_predecessors(self._task_id, self._old).changes


class TaskBatchCommand(ServiceCommand):
    """Several task commands as one undo step (delete, indent or outdent of a multiple
    selection). The parts run in order and are undone in reverse; if one is refused, the
    parts already done are undone before the error reaches the caller."""

    def __init__(self, text: str, bus: ChangeBus, parts: Sequence[ServiceCommand]) -> None:
        super().__init__(text, bus)
        self._parts = list(parts)

    def do(self) -> Changes:
        done: list[Changes] = []
        try:
            for part in self._parts:
                done.append(part.do())
        except Exception:
            for part in reversed(self._parts[: len(done)]):
                part.revert()
            raise
        return reduce(or_, done, NOTHING)

    def revert(self) -> Changes:
        return reduce(or_, (part.revert() for part in reversed(self._parts)), NOTHING)
