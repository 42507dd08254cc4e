"""Undo command for a schedule import: the whole imported project is one step.

The first run imports (our engine schedules the file, one transaction writes it). Undo
deletes the project, calendars and baselines included, and keeps the snapshot of every
row; redo restores that snapshot, so the project comes back with the same ids, and
nothing is read or scheduled again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from ownersrep.interchange.importer import ImportResult, ScheduleImporter
from ownersrep.interchange.schedule_file import ImportedSchedule
from ownersrep.services.changes import Changes
from ownersrep.services.snapshot import Snapshot
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand

T = TypeVar("T")
Progress = Callable[[int, int], None]


class Runner(Protocol):
    """Runs a piece of work, handing it a progress callback (or None)."""

    def __call__(self, label: str, work: Callable[[Progress | None], T]) -> T: ...


def run_here(label: str, work: Callable[[Progress | None], T]) -> T:
    """The plain runner: in the caller's thread, no progress shown (tests, scripts)."""
    del label
    return work(None)


class ImportScheduleCommand(ServiceCommand):
    def __init__(
        self,
        importer: ScheduleImporter,
        bus: ChangeBus,
        schedule: ImportedSchedule,
        *,
        name: str | None = None,
        program_id: int | None = None,
        runner: Runner = run_here,
    ) -> None:
        self._file_name = Path(schedule.path).name
        super().__init__(f"Import {self._file_name}", bus)
        self._importer = importer
        self._schedule: ImportedSchedule | None = schedule
        self._name = name
        self._program_id = program_id
        self._run = runner
        self._snapshot: Snapshot | None = None
        self.result: ImportResult | None = None

    @property
    def project_id(self) -> int:
        if self.result is None:
            raise RuntimeError("the import has not run yet")
        return self.result.project_id

    def do(self) -> Changes:
        schedule = self._schedule
        if schedule is not None:
            outcome = self._run(
                f"Importing {self._file_name}…",
                lambda progress: self._importer.import_schedule(
                    schedule,
                    name=self._name,
                    program_id=self._program_id,
                    progress=progress,
                ),
            )
            self.result = outcome.value
            self._schedule = None  # imported: redo restores the rows instead
            return outcome.changes
        snapshot, result = self._snapshot, self.result
        assert snapshot is not None and result is not None, "redo without a prior undo"
        changes = self._run(
            f"Restoring {result.project_name}…", lambda _p: self._importer.restore(snapshot)
        )
        self._snapshot = None
        return changes

    def revert(self) -> Changes:
        result = self.result
        assert result is not None, "undo before the import ran"
        outcome = self._run(
            f"Removing {result.project_name}…",
            lambda _p: self._importer.remove(result.project_id),
        )
        self._snapshot = outcome.value
        return outcome.changes
