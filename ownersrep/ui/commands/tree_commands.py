"""Undo commands for the project tree's programs and projects.

Adds keep their ids across undo and redo: undo deletes the new row (keeping a snapshot)
and redo restores that snapshot, so later commands on the stack that name the id stay
right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ownersrep.domain.enums import ProjectKind
from ownersrep.services.changes import Changes
from ownersrep.services.snapshot import Snapshot
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices


# -- programs --------------------------------------------------------------------------
class AddProgramCommand(ServiceCommand):
    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        name: str,
        parent_id: int | None = None,
        index: int | None = None,
    ) -> None:
        super().__init__(f"Add program “{name.strip()}”", bus)
        self._portfolio = services.portfolio
        self._name, self._parent_id, self._index = name, parent_id, index
        self._snapshot: Snapshot | None = None
        self.program_id: int | None = None

    def do(self) -> Changes:
        if self._snapshot is not None:
            return self._portfolio.restore_program(self._snapshot)
        out = self._portfolio.create_program(self._name, self._parent_id, self._index)
        self.program_id = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self.program_id is not None
        out = self._portfolio.delete_program(self.program_id)
        self._snapshot = out.value
        return out.changes


class RenameProgramCommand(ServiceCommand):
    def __init__(self, services: AppServices, bus: ChangeBus, program_id: int, name: str) -> None:
        super().__init__(f"Rename program to “{name.strip()}”", bus)
        self._portfolio = services.portfolio
        self._id, self._name = program_id, name
        self._old = ""

    def do(self) -> Changes:
        out = self._portfolio.rename_program(self._id, self._name)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._portfolio.rename_program(self._id, self._old).changes


class DeleteProgramCommand(ServiceCommand):
    def __init__(
        self, services: AppServices, bus: ChangeBus, program_id: int, name: str = ""
    ) -> None:
        super().__init__(f"Delete program “{name}”" if name else "Delete program", bus)
        self._portfolio = services.portfolio
        self._id = program_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Changes:
        out = self._portfolio.delete_program(self._id)
        self._snapshot = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self._snapshot is not None
        return self._portfolio.restore_program(self._snapshot)


class MoveProgramCommand(ServiceCommand):
    """Move a program under `new_parent_id` (None: top level) at `index` among the
    programs there."""

    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        program_id: int,
        new_parent_id: int | None,
        index: int | None,
    ) -> None:
        super().__init__("Move program", bus)
        self._portfolio = services.portfolio
        self._id, self._parent_id, self._index = program_id, new_parent_id, index
        self._old: tuple[int | None, int] = (None, 0)

    def do(self) -> Changes:
        out = self._portfolio.move_program(self._id, self._parent_id, self._index)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._portfolio.move_program(self._id, *self._old).changes


# -- projects --------------------------------------------------------------------------
class AddProjectCommand(ServiceCommand):
    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        name: str,
        kind: ProjectKind | str = ProjectKind.CONSTRUCTION,
        program_id: int | None = None,
    ) -> None:
        super().__init__(f"Add project “{name.strip()}”", bus)
        self._projects = services.projects
        self._name, self._kind, self._program_id = name, kind, program_id
        self._snapshot: Snapshot | None = None
        self.project_id: int | None = None

    def do(self) -> Changes:
        if self._snapshot is not None:
            return self._projects.restore(self._snapshot)
        out = self._projects.create(self._name, self._kind, program_id=self._program_id)
        self.project_id = out.value.id
        return out.changes

    def revert(self) -> Changes:
        assert self.project_id is not None
        out = self._projects.delete(self.project_id)
        self._snapshot = out.value
        return out.changes


class RenameProjectCommand(ServiceCommand):
    def __init__(self, services: AppServices, bus: ChangeBus, project_id: int, name: str) -> None:
        super().__init__(f"Rename project to “{name.strip()}”", bus)
        self._projects = services.projects
        self._id, self._name = project_id, name
        self._old: dict[str, object] = {}

    def do(self) -> Changes:
        out = self._projects.update(self._id, {"name": self._name})
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._projects.update(self._id, self._old).changes


class DeleteProjectCommand(ServiceCommand):
    def __init__(
        self, services: AppServices, bus: ChangeBus, project_id: int, name: str = ""
    ) -> None:
        super().__init__(f"Delete project “{name}”" if name else "Delete project", bus)
        self._projects = services.projects
        self._id = project_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Changes:
        out = self._projects.delete(self._id)
        self._snapshot = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self._snapshot is not None
        return self._projects.restore(self._snapshot)


class MoveProjectCommand(ServiceCommand):
    """Move a project into `program_id` (None: outside any program) at `index` among the
    projects there."""

    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        project_id: int,
        program_id: int | None,
        index: int | None,
    ) -> None:
        super().__init__("Move project", bus)
        self._portfolio = services.portfolio
        self._id, self._program_id, self._index = project_id, program_id, index
        self._old: tuple[int | None, int] = (None, 0)

    def do(self) -> Changes:
        out = self._portfolio.move_project(self._id, self._program_id, self._index)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._portfolio.move_project(self._id, *self._old).changes
