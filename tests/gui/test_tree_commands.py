"""Push, undo and redo of every project-tree command, checking the data at each step."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.enums import ProjectKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.services.portfolio_service import PortfolioTree, ProgramNode
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.tree_commands import (
    AddProgramCommand,
    AddProjectCommand,
    DeleteProgramCommand,
    DeleteProjectCommand,
    MoveProgramCommand,
    MoveProjectCommand,
    RenameProgramCommand,
    RenameProjectCommand,
)
from tests.helpers.portfolio_data import Portfolio, build_portfolio


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def data(services: AppServices) -> Portfolio:
    return build_portfolio(services)


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def emitted(bus: ChangeBus) -> list[Changes]:
    got: list[Changes] = []
    bus.changed.connect(got.append)
    return got


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


def shape(services: AppServices) -> list:
    """The portfolio as nested (program, [...]) tuples and project names."""

    def walk(node: PortfolioTree | ProgramNode) -> list:
        return [(c.name, walk(c)) if isinstance(c, ProgramNode) else c.name for c in node.children]

    return walk(services.portfolio.tree())


START = [
    ("Healthcare", [("Clinics", ["Riverside Medical Clinic"]), "City Hospital Wing"]),
    ("Education", ["North High School"]),
    "HQ IT Refresh",
]


def test_add_program(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack, emitted: list
) -> None:
    cmd = AddProgramCommand(services, bus, "Offices", data.programs["Healthcare"], 0)
    run_command(stack, cmd)
    new_id = cmd.program_id
    assert stack.undoText() == "Add program “Offices”"
    assert shape(services)[0] == (
        "Healthcare",
        [("Offices", []), ("Clinics", ["Riverside Medical Clinic"]), "City Hospital Wing"],
    )
    assert emitted[-1].touches("program") and emitted[-1].structural
    stack.undo()
    assert shape(services) == START
    assert emitted[-1].ids_of("program") == {new_id}
    stack.redo()
    assert shape(services)[0][1][0] == ("Offices", [])
    assert services.portfolio.tree().programs()[1].id == new_id  # the same id again
    assert len(emitted) == 3


def test_add_program_refused_pushes_nothing(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack
) -> None:
    with pytest.raises(ValidationError, match="Program name: is required"):
        run_command(stack, AddProgramCommand(services, bus, "  "))
    assert stack.count() == 0


def test_rename_program(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack
) -> None:
    run_command(stack, RenameProgramCommand(services, bus, data.programs["Education"], "Schools"))
    assert shape(services)[1] == ("Schools", ["North High School"])
    stack.undo()
    assert shape(services) == START
    stack.redo()
    assert shape(services)[1][0] == "Schools"


def test_delete_program(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack, emitted: list
) -> None:
    riverside = data.projects["Riverside Medical Clinic"]
    tasks_before = services.tasks.list_tasks(riverside)
    cmd = DeleteProgramCommand(services, bus, data.programs["Healthcare"], "Healthcare")
    run_command(stack, cmd)
    assert stack.undoText() == "Delete program “Healthcare”"
    assert shape(services) == [("Education", ["North High School"]), "HQ IT Refresh"]
    with pytest.raises(NotFoundError):
        services.projects.get(riverside)
    assert emitted[-1].touches("project", riverside)
    stack.undo()
    assert shape(services) == START
    assert services.tasks.list_tasks(riverside) == tasks_before
    stack.redo()
    assert shape(services) == [("Education", ["North High School"]), "HQ IT Refresh"]
    stack.undo()
    assert services.projects.get(riverside).name == "Riverside Medical Clinic"


def test_move_program(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack
) -> None:
    run_command(stack, MoveProgramCommand(services, bus, data.programs["Clinics"], None, None))
    assert shape(services) == [
        ("Healthcare", ["City Hospital Wing"]),
        ("Education", ["North High School"]),
        ("Clinics", ["Riverside Medical Clinic"]),
        "HQ IT Refresh",
    ]
    run_command(
        stack,
        MoveProgramCommand(services, bus, data.programs["Healthcare"], data.programs["Clinics"], 0),
    )
    assert shape(services)[1] == (
        "Clinics",
        [("Healthcare", ["City Hospital Wing"]), "Riverside Medical Clinic"],
    )
    stack.undo()
    stack.undo()
    assert shape(services) == START
    stack.redo()
    stack.redo()
    assert shape(services)[1][0] == "Clinics"


def test_move_program_into_itself_is_refused(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack
) -> None:
    cmd = MoveProgramCommand(
        services, bus, data.programs["Healthcare"], data.programs["Clinics"], 0
    )
    with pytest.raises(ValidationError, match="cannot be moved into itself"):
        run_command(stack, cmd)
    assert stack.count() == 0 and shape(services) == START


def test_add_project_keeps_its_id_across_undo_and_redo(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack
) -> None:
    cmd = AddProjectCommand(
        services, bus, "Data Centre Move", ProjectKind.INTERNAL, data.programs["Education"]
    )
    run_command(stack, cmd)
    new_id = cmd.project_id
    assert new_id is not None
    assert stack.undoText() == "Add project “Data Centre Move”"
    dto = services.projects.get(new_id)
    assert (dto.kind, dto.program_id) == (ProjectKind.INTERNAL, data.programs["Education"])
    assert shape(services)[1] == ("Education", ["North High School", "Data Centre Move"])
    stack.undo()
    assert shape(services) == START
    with pytest.raises(NotFoundError):
        services.projects.get(new_id)
    stack.redo()
    assert services.projects.get(new_id).name == "Data Centre Move"
    assert shape(services)[1] == ("Education", ["North High School", "Data Centre Move"])


def test_rename_project(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack, emitted: list
) -> None:
    pid = data.projects["HQ IT Refresh"]
    run_command(stack, RenameProjectCommand(services, bus, pid, "HQ Laptop Refresh"))
    assert services.projects.get(pid).name == "HQ Laptop Refresh"
    assert emitted[-1].touches("project", pid)
    stack.undo()
    assert services.projects.get(pid).name == "HQ IT Refresh"
    stack.redo()
    assert services.projects.get(pid).name == "HQ Laptop Refresh"
    with pytest.raises(ValidationError, match="Project name: is required"):
        run_command(stack, RenameProjectCommand(services, bus, pid, ""))
    assert stack.count() == 1


def test_delete_project(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack
) -> None:
    pid = data.projects["Riverside Medical Clinic"]
    tasks_before = services.tasks.list_tasks(pid)
    run_command(stack, DeleteProjectCommand(services, bus, pid, "Riverside Medical Clinic"))
    assert shape(services)[0] == ("Healthcare", [("Clinics", []), "City Hospital Wing"])
    assert services.tasks.list_tasks(pid) == []
    stack.undo()
    assert shape(services) == START
    assert services.tasks.list_tasks(pid) == tasks_before
    stack.redo()
    assert shape(services)[0][1][0] == ("Clinics", [])


def test_move_project(
    services: AppServices, data: Portfolio, bus: ChangeBus, stack: QUndoStack, emitted: list
) -> None:
    hq = data.projects["HQ IT Refresh"]
    run_command(stack, MoveProjectCommand(services, bus, hq, data.programs["Clinics"], 0))
    assert shape(services)[0][1][0] == ("Clinics", ["HQ IT Refresh", "Riverside Medical Clinic"])
    assert emitted[-1].touches("project", hq) and emitted[-1].structural
    city = data.projects["City Hospital Wing"]
    run_command(stack, MoveProjectCommand(services, bus, city, None, 0))
    assert shape(services)[2:] == ["City Hospital Wing"]
    stack.undo()
    stack.undo()
    assert shape(services) == START
    stack.redo()
    stack.redo()
    assert shape(services)[0] == (
        "Healthcare",
        [("Clinics", ["HQ IT Refresh", "Riverside Medical Clinic"])],
    )
