"""ImportScheduleCommand: push, undo and redo on a bare QUndoStack, checking the stored
project, tasks and calendars after each step; a refused import pushes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.db.workspace import Workspace
from ownersrep.domain.errors import NotFoundError
from ownersrep.interchange.importer import ScheduleImporter
from ownersrep.interchange.schedule_file import ScheduleFileError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.import_commands import ImportScheduleCommand, Progress
from tests.helpers.imported_schedules import clinic_schedule, with_loop
from tests.helpers.workspace_fingerprint import fingerprint

UNAUDITED = ("audit_entry", "sqlite_sequence")


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def importer(ctx: ServiceContext) -> ScheduleImporter:
    return ScheduleImporter(ctx)


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def seen(bus: ChangeBus) -> list[Changes]:
    got: list[Changes] = []
    bus.changed.connect(got.append)
    return got


def names(services: AppServices) -> list[str]:
    return [p.name for p in services.portfolio.tree().projects()]


def test_push_undo_redo(
    workspace: Workspace,
    services: AppServices,
    importer: ScheduleImporter,
    bus: ChangeBus,
    seen: list[Changes],
) -> None:
    stack = QUndoStack()
    runs: list[str] = []

    def runner(label: str, work: Callable[[Progress | None], Any]) -> Any:
        runs.append(label)
        return work(lambda _d, _t: None)

    cmd = ImportScheduleCommand(importer, bus, clinic_schedule(), program_id=None, runner=runner)
    assert cmd.text() == "Import riverside-clinic.xml"
    run_command(stack, cmd)
    pid = cmd.project_id
    assert stack.count() == 1
    assert names(services) == ["Riverside Clinic — enabling works"]
    assert len(services.tasks.list_tasks(pid)) == 7
    assert seen[-1].touches("project", pid) and seen[-1].touches("task", pid)
    imported = fingerprint(workspace, skip=UNAUDITED)

    stack.undo()
    assert names(services) == []
    with pytest.raises(NotFoundError):
        services.projects.get(pid)
    assert seen[-1].structural and seen[-1].touches("task", pid)

    stack.redo()
    assert services.projects.get(pid).name == "Riverside Clinic — enabling works"
    assert [t.name for t in services.tasks.list_tasks(pid)][:3] == [
        "Enabling works",
        "Site set-up and hoarding",
        "Demolish existing car park",
    ]
    assert fingerprint(workspace, skip=UNAUDITED) == imported  # same ids, same rows
    assert len(seen) == 3
    assert runs == [
        "Importing riverside-clinic.xml…",
        "Removing Riverside Clinic — enabling works…",
        "Restoring Riverside Clinic — enabling works…",
    ]

    stack.undo()  # and once more, from the restored rows
    assert names(services) == []


def test_the_name_and_program_are_used(
    services: AppServices, importer: ScheduleImporter, bus: ChangeBus
) -> None:
    program = services.portfolio.create_program("Health campus").value
    stack = QUndoStack()
    cmd = ImportScheduleCommand(
        importer, bus, clinic_schedule(), name="Clinic — contractor's programme", program_id=program
    )
    run_command(stack, cmd)
    project = services.projects.get(cmd.project_id)
    assert (project.name, project.program_id) == ("Clinic — contractor's programme", program)


def test_a_refused_import_is_not_pushed(
    workspace: Workspace, importer: ScheduleImporter, bus: ChangeBus, seen: list[Changes]
) -> None:
    stack = QUndoStack()
    before = fingerprint(workspace)
    cmd = ImportScheduleCommand(importer, bus, with_loop(clinic_schedule()))
    with pytest.raises(ScheduleFileError, match="cannot be scheduled"):
        run_command(stack, cmd)
    assert stack.count() == 0 and seen == []
    assert fingerprint(workspace) == before
