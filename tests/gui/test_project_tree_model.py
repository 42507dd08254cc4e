from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.project_tree_model import MIME_TYPE, ProjectTreeModel
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, KIND_ROLE
from tests.helpers.portfolio_data import Portfolio, build_portfolio

Move = Qt.DropAction.MoveAction


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
def model(services: AppServices, bus: ChangeBus, data: Portfolio) -> ProjectTreeModel:
    return ProjectTreeModel(services, bus, "Northwind Portfolio")


def texts(model: ProjectTreeModel, parent: QModelIndex) -> list[str]:
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def node(model: ProjectTreeModel, kind: str, node_id: int) -> QModelIndex:
    index = model.index_of(kind, node_id)
    assert index.isValid(), (kind, node_id)
    return index


def fetch(model: ProjectTreeModel, index: QModelIndex) -> None:
    assert model.canFetchMore(index)
    model.fetchMore(index)


def test_model_passes_the_model_tester_with_fetched_tasks(
    qtmodeltester: object, model: ProjectTreeModel, data: Portfolio
) -> None:
    riverside = node(model, "project", data.projects["Riverside Medical Clinic"])
    fetch(model, riverside)
    fetch(model, node(model, "task", data.tasks["Design"]))
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_portfolio_programs_and_projects(model: ProjectTreeModel, data: Portfolio) -> None:
    assert model.rowCount() == 1
    top = model.portfolio_index()
    assert top.data() == "Northwind Portfolio"
    assert top.data(KIND_ROLE) == "portfolio" and top.data(ID_ROLE) is None
    assert texts(model, top) == ["Healthcare", "Education", "HQ IT Refresh"]
    health = node(model, "program", data.programs["Healthcare"])
    assert texts(model, health) == ["Clinics", "City Hospital Wing"]
    assert texts(model, node(model, "program", data.programs["Clinics"])) == [
        "Riverside Medical Clinic"
    ]
    hq = node(model, "project", data.projects["HQ IT Refresh"])
    assert (hq.data(KIND_ROLE), hq.data(ID_ROLE)) == ("project", data.projects["HQ IT Refresh"])
    assert "Internal project" in hq.data(Qt.ItemDataRole.ToolTipRole)
    for index in (top, health, hq):
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(icon, QIcon) and not icon.isNull()
    assert not model.flags(top) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(hq) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(hq) & Qt.ItemFlag.ItemIsDragEnabled


def test_tasks_load_one_level_at_a_time(
    model: ProjectTreeModel, data: Portfolio, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, int | None]] = []
    original = services.tasks.outline_children

    def spy(project_id: int, parent_id: int | None) -> list:
        calls.append((project_id, parent_id))
        return original(project_id, parent_id)

    monkeypatch.setattr(services.tasks, "outline_children", spy)
    riverside_id = data.projects["Riverside Medical Clinic"]
    riverside = node(model, "project", riverside_id)
    assert model.rowCount(riverside) == 0 and model.hasChildren(riverside)
    hq = node(model, "project", data.projects["HQ IT Refresh"])
    assert not model.hasChildren(hq)  # no tasks: no expander
    assert calls == []

    model.fetchMore(riverside)
    assert calls == [(riverside_id, None)]
    assert texts(model, riverside) == ["1  Design", "2  Construction", "3  Handover"]
    design = model.index(0, 0, riverside)
    assert design.data(Qt.ItemDataRole.EditRole) == "Design"
    assert model.hasChildren(design) and model.rowCount(design) == 0
    assert not model.hasChildren(model.index(2, 0, riverside))  # the milestone
    assert model.index(2, 0, riverside).data(DTO_ROLE).kind == "milestone"

    model.fetchMore(design)
    assert calls[-1] == (riverside_id, data.tasks["Design"])
    assert texts(model, design) == ["1.1  Schematic design", "1.2  Design development",
                                    "1.3  Permit set"]  # fmt: skip
    assert not model.canFetchMore(design)


def test_task_change_refreshes_only_that_projects_loaded_levels(
    qtmodeltester: object,
    model: ProjectTreeModel,
    data: Portfolio,
    services: AppServices,
    bus: ChangeBus,
) -> None:
    riverside_id = data.projects["Riverside Medical Clinic"]
    riverside = node(model, "project", riverside_id)
    model.fetchMore(riverside)
    design = QPersistentModelIndex(node(model, "task", data.tasks["Design"]))
    model.fetchMore(QModelIndex(design))
    handover = QPersistentModelIndex(node(model, "task", data.tasks["Handover"]))
    qtmodeltester.check(model)  # type: ignore[attr-defined]

    out = services.tasks.create_task(riverside_id, data.tasks["Design"], "Tender", index=0)
    services.tasks.rename_task(data.tasks["Handover"], "Practical completion")
    out2 = services.tasks.move_task(data.tasks["Structure"], None, 0)
    bus.changed.emit(out.changes | out2.changes)

    assert texts(model, QModelIndex(design)) == [
        "2.1  Tender",
        "2.2  Schematic design",
        "2.3  Design development",
        "2.4  Permit set",
    ]
    assert texts(model, riverside) == [
        "1  Structure",
        "2  Design",
        "3  Construction",
        "4  Practical completion",
    ]
    assert design.isValid() and design.row() == 1  # the same node, moved
    assert handover.isValid() and handover.data() == "4  Practical completion"


def test_task_change_of_another_project_reads_nothing_of_this_one(
    model: ProjectTreeModel, data: Portfolio, services: AppServices, bus: ChangeBus,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    riverside = node(model, "project", data.projects["Riverside Medical Clinic"])
    model.fetchMore(riverside)
    reads: list[object] = []
    monkeypatch.setattr(services.tasks, "children", lambda *a: reads.append(a) or [])
    monkeypatch.setattr(services.tasks, "list_tasks", lambda *a: reads.append(a) or [])
    hq = data.projects["HQ IT Refresh"]
    out = services.tasks.create_task(hq, None, "Inventory")
    bus.changed.emit(out.changes)
    assert reads == []
    assert model.hasChildren(node(model, "project", hq))  # its count came back
    assert model.rowCount(riverside) == 3


def test_program_and_project_changes_keep_other_nodes(
    qtmodeltester: object,
    model: ProjectTreeModel,
    data: Portfolio,
    services: AppServices,
    bus: ChangeBus,
) -> None:
    riverside = node(model, "project", data.projects["Riverside Medical Clinic"])
    model.fetchMore(riverside)
    kept = QPersistentModelIndex(riverside)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    top = model.portfolio_index()

    out = services.portfolio.move_project(
        data.projects["HQ IT Refresh"], data.programs["Education"], 0
    )
    out2 = services.portfolio.create_program("Offices", None, 0)
    services.portfolio.rename_program(data.programs["Education"], "Schools")
    bus.changed.emit(out.changes | out2.changes)

    assert texts(model, top) == ["Offices", "Healthcare", "Schools"]
    schools = node(model, "program", data.programs["Education"])
    assert texts(model, schools) == ["HQ IT Refresh", "North High School"]
    assert kept.isValid() and model.rowCount(QModelIndex(kept)) == 3  # tasks still loaded


def test_deleted_and_restored_program_subtree(
    qtmodeltester: object,
    model: ProjectTreeModel,
    data: Portfolio,
    services: AppServices,
    bus: ChangeBus,
) -> None:
    top = model.portfolio_index()
    riverside = node(model, "project", data.projects["Riverside Medical Clinic"])
    model.fetchMore(riverside)
    kept = QPersistentModelIndex(riverside)
    snap = services.portfolio.delete_program(data.programs["Healthcare"])
    bus.changed.emit(snap.changes)
    assert texts(model, top) == ["Education", "HQ IT Refresh"]
    assert not kept.isValid()
    assert not model.index_of("task", data.tasks["Design"]).isValid()
    bus.changed.emit(services.portfolio.restore_program(snap.value))
    assert texts(model, top) == ["Healthcare", "Education", "HQ IT Refresh"]
    riverside = node(model, "project", data.projects["Riverside Medical Clinic"])
    assert model.rowCount(riverside) == 0 and model.canFetchMore(riverside)
    # Not attached during the restore: Qt's tester fetches the restored project from
    # inside its own rowsInserted handler and then reports that nested insert.
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_set_data_asks_for_a_rename(
    qtbot: object, model: ProjectTreeModel, data: Portfolio
) -> None:
    clinics = node(model, "program", data.programs["Clinics"])
    with qtbot.waitSignal(model.rename_requested) as blocker:  # type: ignore[attr-defined]
        assert model.setData(clinics, "  Primary care ")
    assert blocker.args == ["program", data.programs["Clinics"], "Primary care"]
    assert clinics.data() == "Clinics"  # unchanged until the command runs
    with qtbot.assertNotEmitted(model.rename_requested):  # type: ignore[attr-defined]
        assert not model.setData(clinics, "Clinics")
        assert not model.setData(model.portfolio_index(), "Other")


def drop(model: ProjectTreeModel, source: QModelIndex, row: int, parent: QModelIndex) -> list:
    """The move_requested arguments of a drop, or [] if refused."""
    got: list = []
    model.move_requested.connect(lambda *args: got.extend(args))
    mime = model.mimeData([source])
    accepted = model.canDropMimeData(mime, Move, row, 0, parent)
    assert model.dropMimeData(mime, Move, row, 0, parent) is accepted
    assert accepted == bool(got)
    return got


def test_mime_data_names_the_node(model: ProjectTreeModel, data: Portfolio) -> None:
    mime = model.mimeData([node(model, "project", data.projects["HQ IT Refresh"])])
    assert model.mimeTypes() == [MIME_TYPE]
    payload = json.loads(bytes(mime.data(MIME_TYPE).data()))
    assert payload == {"kind": "project", "id": data.projects["HQ IT Refresh"], "project_id":
                       data.projects["HQ IT Refresh"]}  # fmt: skip
    assert model.supportedDropActions() == Move


def test_drops_of_programs_and_projects(model: ProjectTreeModel, data: Portfolio) -> None:
    top = model.portfolio_index()
    health = node(model, "program", data.programs["Healthcare"])
    clinics = node(model, "program", data.programs["Clinics"])
    hq = node(model, "project", data.projects["HQ IT Refresh"])
    city = node(model, "project", data.projects["City Hospital Wing"])
    education = data.programs["Education"]

    # A project dropped at the top of Healthcare goes first among its projects.
    assert drop(model, hq, 0, health) == ["project", hq.data(ID_ROLE), "program",
                                          data.programs["Healthcare"], 0]  # fmt: skip
    # Onto a program: at the end of its projects.
    assert drop(model, hq, -1, node(model, "program", education)) == [
        "project", hq.data(ID_ROLE), "program", education, 1]  # fmt: skip
    # To the portfolio between Healthcare and Education: first of the loose projects.
    assert drop(model, city, 1, top)[2:] == ["portfolio", None, 0]
    # Programs: Education before Healthcare; Clinics out to the portfolio's end.
    assert drop(model, node(model, "program", education), 0, top)[2:] == ["portfolio", None, 0]
    assert drop(model, clinics, -1, top)[2:] == ["portfolio", None, 2]
    # Refused: where it already is, into itself or below, under a project or a task.
    assert drop(model, hq, -1, top) == []
    assert drop(model, city, 2, health) == []
    assert drop(model, health, -1, health) == []
    assert drop(model, health, 0, clinics) == []
    assert drop(model, hq, -1, city) == []
    assert drop(model, clinics, -1, city) == []


def test_drops_of_tasks(model: ProjectTreeModel, data: Portfolio) -> None:
    riverside = node(model, "project", data.projects["Riverside Medical Clinic"])
    model.fetchMore(riverside)
    design = node(model, "task", data.tasks["Design"])
    model.fetchMore(design)
    handover = node(model, "task", data.tasks["Handover"])
    construction = node(model, "task", data.tasks["Construction"])
    schematic = node(model, "task", data.tasks["Schematic design"])
    permit = node(model, "task", data.tasks["Permit set"])

    # Within one level: the index counts without the moved task.
    assert drop(model, handover, 0, riverside) == ["task", data.tasks["Handover"], "project",
                                                   riverside.data(ID_ROLE), 0]  # fmt: skip
    assert drop(model, schematic, 3, design)[2:] == ["task", data.tasks["Design"], 2]
    # Onto a task whose children are not loaded yet: at the end (-1).
    assert drop(model, handover, -1, construction)[2:] == ["task", data.tasks["Construction"], -1]
    # Up to the project level.
    assert drop(model, schematic, 1, riverside)[2:] == ["project", riverside.data(ID_ROLE), 1]
    # Refused: itself, its own subtree, a milestone, another project, a program.
    assert drop(model, design, -1, design) == []
    assert drop(model, design, 0, schematic) == []
    assert drop(model, schematic, -1, permit) == []
    assert drop(model, schematic, 0, design) == []  # already there
    hq = node(model, "project", data.projects["HQ IT Refresh"])
    assert drop(model, schematic, -1, hq) == []
    assert drop(model, schematic, -1, node(model, "program", data.programs["Clinics"])) == []
    assert drop(model, riverside, -1, design) == []


def test_bus_change_elsewhere_is_ignored(model: ProjectTreeModel, bus: ChangeBus) -> None:
    with_reset = []
    model.modelReset.connect(lambda: with_reset.append(1))
    model.dataChanged.connect(lambda *a: with_reset.append(2))
    bus.changed.emit(Changes.of("issue", [1], 1, structural=True))
    assert with_reset == []


def test_field_edits_read_only_the_levels_that_show_them(
    model: ProjectTreeModel,
    data: Portfolio,
    services: AppServices,
    bus: ChangeBus,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    riverside_id = data.projects["Riverside Medical Clinic"]
    riverside = node(model, "project", riverside_id)
    model.fetchMore(riverside)
    reads: list[tuple[int, int | None]] = []
    original = services.tasks.outline_children

    def spy(project_id: int, parent_id: int | None) -> list:
        reads.append((project_id, parent_id))
        return original(project_id, parent_id)

    monkeypatch.setattr(services.tasks, "outline_children", spy)
    monkeypatch.setattr(services.tasks, "list_tasks", lambda *a: pytest.fail("whole WBS read"))
    monkeypatch.setattr(services.portfolio, "tree", lambda: pytest.fail("portfolio read"))

    # A task under Design, which is not expanded: nothing to read.
    bus.changed.emit(services.tasks.rename_task(data.tasks["Permit set"], "Permit").changes)
    assert reads == []
    # A top-level task: its level is read again, and shows the new name.
    bus.changed.emit(services.tasks.rename_task(data.tasks["Handover"], "Move-in").changes)
    assert reads == [(riverside_id, None)]
    assert texts(model, riverside)[2] == "3  Move-in"
