"""EditProjectFieldCommand: push, undo and redo, checking the stored project each step."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.enums import PartyRole, ProjectKind
from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.project_commands import EditProjectFieldCommand


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
def project_id(services: AppServices) -> int:
    return services.projects.create(
        "Riverside Clinic", planned_start=date(2025, 9, 2), planned_finish=date(2027, 3, 31)
    ).value.id


def test_one_field_push_undo_redo(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, project_id: int
) -> None:
    cmd = EditProjectFieldCommand(services, bus, project_id, "name", "Riverside Community Clinic")
    assert cmd.text() == "Edit project name"
    run_command(stack, cmd)
    assert stack.count() == 1
    assert services.projects.get(project_id).name == "Riverside Community Clinic"
    assert len(seen) == 1 and seen[-1].touches("project", project_id)

    stack.undo()
    assert services.projects.get(project_id).name == "Riverside Clinic"
    assert len(seen) == 2 and seen[-1].touches("project", project_id)

    stack.redo()
    assert services.projects.get(project_id).name == "Riverside Community Clinic"
    assert len(seen) == 3


def test_several_fields_at_once(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, project_id: int
) -> None:
    owner = services.parties.create("Riverside Health System", PartyRole.OWNER).value.id
    values = {
        "client_id": owner,
        "kind": ProjectKind.INTERNAL,
        "planned_finish": None,
        "currency": "cad",
    }
    cmd = EditProjectFieldCommand(services, bus, project_id, values)
    assert cmd.text() == "Edit project"

    def state() -> tuple:
        p = services.projects.get(project_id)
        return (p.client_id, p.kind, p.planned_finish, p.currency)

    run_command(stack, cmd)
    assert state() == (owner, ProjectKind.INTERNAL, None, "CAD")
    stack.undo()
    assert state() == (None, ProjectKind.CONSTRUCTION, date(2027, 3, 31), "USD")
    stack.redo()
    assert state() == (owner, ProjectKind.INTERNAL, None, "CAD")
    stack.undo()
    assert state() == (None, ProjectKind.CONSTRUCTION, date(2027, 3, 31), "USD")


def test_clearing_a_date_and_undo(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, project_id: int
) -> None:
    run_command(stack, EditProjectFieldCommand(services, bus, project_id, "planned_start", None))
    assert services.projects.get(project_id).planned_start is None
    stack.undo()
    assert services.projects.get(project_id).planned_start == date(2025, 9, 2)
    stack.redo()
    assert services.projects.get(project_id).planned_start is None


def test_refused_edit_pushes_nothing_and_emits_nothing(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, project_id: int
) -> None:
    cmd = EditProjectFieldCommand(services, bus, project_id, "planned_finish", date(2025, 1, 1))
    with pytest.raises(ValidationError, match=r"^Planned finish: .* is before Planned start"):
        run_command(stack, cmd)
    assert stack.count() == 0 and seen == []
    assert services.projects.get(project_id).planned_finish == date(2027, 3, 31)


def test_bad_arguments(services: AppServices, bus: ChangeBus, project_id: int) -> None:
    with pytest.raises(TypeError):
        EditProjectFieldCommand(services, bus, project_id, "name")
    with pytest.raises(TypeError):
        EditProjectFieldCommand(services, bus, project_id, {"name": "x"}, "y")
