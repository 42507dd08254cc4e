"""Undo commands for baselines: save, rename, delete, and the choice of the baseline the
schedule is compared against.

A save is undone by a delete whose snapshot the redo restores, so a baseline keeps its
id across undo and redo (and a later command that names it still works)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ownersrep.services.changes import Changes
from ownersrep.services.snapshot import Snapshot
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices


class SaveBaselineCommand(ServiceCommand):
    """Save the project's current schedule as a new baseline."""

    def __init__(self, services: AppServices, bus: ChangeBus, project_id: int, name: str) -> None:
        super().__init__(f"Save baseline “{name.strip()}”", bus)
        self._baselines = services.baselines
        self._project_id = project_id
        self._name = name
        self._baseline_id: int | None = None
        self._snapshot: Snapshot | None = None

    @property
    def baseline_id(self) -> int | None:
        """The new baseline's id, once the command has run."""
        return self._baseline_id

    def do(self) -> Changes:
        if self._snapshot is not None:
            return self._baselines.restore_baseline(self._snapshot)
        out = self._baselines.save_baseline(self._project_id, self._name)
        self._baseline_id = out.value.id
        return out.changes

    def revert(self) -> Changes:
        assert self._baseline_id is not None
        out = self._baselines.delete_baseline(self._baseline_id)
        self._snapshot = out.value
        return out.changes


class RenameBaselineCommand(ServiceCommand):
    def __init__(self, services: AppServices, bus: ChangeBus, baseline_id: int, name: str) -> None:
        super().__init__(f"Rename baseline to “{name.strip()}”", bus)
        self._baselines = services.baselines
        self._baseline_id = baseline_id
        self._name = name
        self._old = ""

    def do(self) -> Changes:
        out = self._baselines.rename_baseline(self._baseline_id, self._name)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._baselines.rename_baseline(self._baseline_id, self._old).changes


class DeleteBaselineCommand(ServiceCommand):
    """Delete a baseline; undo brings it back with the same id, its task dates and, if
    it was the compared one, the comparison."""

    def __init__(
        self, services: AppServices, bus: ChangeBus, baseline_id: int, name: str = ""
    ) -> None:
        super().__init__(f"Delete baseline “{name}”" if name else "Delete baseline", bus)
        self._baselines = services.baselines
        self._baseline_id = baseline_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Changes:
        out = self._baselines.delete_baseline(self._baseline_id)
        self._snapshot = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self._snapshot is not None
        return self._baselines.restore_baseline(self._snapshot)


class SetComparedBaselineCommand(ServiceCommand):
    """Compare the project's schedule against this baseline (None: against none)."""

    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        project_id: int,
        baseline_id: int | None,
        name: str = "",
    ) -> None:
        if baseline_id is None:
            text = "Stop comparing with a baseline"
        else:
            text = f"Compare with baseline “{name}”" if name else "Compare with baseline"
        super().__init__(text, bus)
        self._baselines = services.baselines
        self._project_id = project_id
        self._baseline_id = baseline_id
        self._old: int | None = None

    def do(self) -> Changes:
        out = self._baselines.set_compared_baseline(self._project_id, self._baseline_id)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._baselines.set_compared_baseline(self._project_id, self._old).changes
