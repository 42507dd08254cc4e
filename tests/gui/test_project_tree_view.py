from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.project_tree_view import ProjectTreeView
from tests.helpers.portfolio_data import Portfolio, build_portfolio

Move = Qt.DropAction.MoveAction
Yes = QMessageBox.StandardButton.Yes
No = QMessageBox.StandardButton.No


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def data(services: AppServices) -> Portfolio:
    return build_portfolio(services)


@pytest.fixture
def stack() -> Iterator[QUndoStack]:
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture
def view(
    qtbot: QtBot, services: AppServices, stack: QUndoStack, data: Portfolio
) -> ProjectTreeView:
    widget = ProjectTreeView(services, stack, ChangeBus(), "Northwind Portfolio")
    qtbot.addWidget(widget)
    widget.resize(320, 600)
    return widget


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to every confirmation and keep its text."""
    asked: list[str] = []

    def question(_parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _title, text, *a: shown.append(text) or None
    )
    return shown


def texts(view: ProjectTreeView, parent: QModelIndex) -> list[str]:
    model = view.model
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def index(view: ProjectTreeView, kind: str, node_id: int) -> QModelIndex:
    found = view.model.index_of(kind, node_id)
    assert found.isValid()
    return found


def open_riverside(view: ProjectTreeView, data: Portfolio) -> QModelIndex:
    riverside = index(view, "project", data.projects["Riverside Medical Clinic"])
    view.tree.expand(riverside)
    if view.model.canFetchMore(riverside):
        view.model.fetchMore(riverside)
    return riverside


# -- selection -------------------------------------------------------------------------
def test_selection_emits_project_and_task(
    qtbot: QtBot, view: ProjectTreeView, data: Portfolio
) -> None:
    riverside = data.projects["Riverside Medical Clinic"]
    with qtbot.waitSignal(view.project_selected) as blocker:
        view.select_project(riverside)
    assert blocker.args == [riverside]
    assert view.selected_project_id() == riverside

    open_riverside(view, data)
    with (
        qtbot.assertNotEmitted(view.project_selected),
        qtbot.waitSignal(view.task_selected) as task_blocker,
    ):
        assert view.select_node("task", data.tasks["Handover"])
    assert task_blocker.args == [data.tasks["Handover"]]
    assert view.selected_project_id() == riverside

    with qtbot.waitSignal(view.project_selected) as blocker:
        view.tree.setCurrentIndex(index(view, "program", data.programs["Clinics"]))
    assert blocker.args == [None]
    assert view.selected_project_id() is None
    assert not view.add_task_action.isEnabled()


def test_actions_follow_the_selection(view: ProjectTreeView, data: Portfolio) -> None:
    assert not view.delete_action.isEnabled()  # the portfolio
    open_riverside(view, data)
    view.select_node("task", data.tasks["Construction"])
    assert view.indent_action.isEnabled() and not view.outdent_action.isEnabled()
    view.select_node("task", data.tasks["Handover"])
    assert view.indent_action.isEnabled()
    view.select_node("task", data.tasks["Design"])
    assert not view.indent_action.isEnabled()  # nothing above it
    assert view.delete_action.isEnabled() and view.rename_action.isEnabled()


# -- rename ----------------------------------------------------------------------------
def test_rename_through_set_data_is_an_undoable_command(
    qtbot: QtBot, view: ProjectTreeView, data: Portfolio, stack: QUndoStack, services: AppServices
) -> None:
    hq = data.projects["HQ IT Refresh"]
    assert view.model.setData(index(view, "project", hq), "HQ Laptop Refresh")
    qtbot.waitUntil(lambda: stack.count() == 1)
    assert services.projects.get(hq).name == "HQ Laptop Refresh"
    assert index(view, "project", hq).data() == "HQ Laptop Refresh"
    stack.undo()
    assert index(view, "project", hq).data() == "HQ IT Refresh"

    open_riverside(view, data)
    view.model.setData(index(view, "task", data.tasks["Handover"]), "Owner move-in")
    qtbot.waitUntil(lambda: stack.index() == 1)
    assert index(view, "task", data.tasks["Handover"]).data() == "3  Owner move-in"

    view.model.setData(index(view, "program", data.programs["Clinics"]), "Primary care")
    qtbot.waitUntil(lambda: stack.index() == 2)
    assert index(view, "program", data.programs["Clinics"]).data() == "Primary care"
    stack.undo()
    assert index(view, "program", data.programs["Clinics"]).data() == "Clinics"


def test_refused_rename_warns_and_pushes_nothing(
    qtbot: QtBot, view: ProjectTreeView, data: Portfolio, stack: QUndoStack, warnings: list
) -> None:
    view.model.setData(index(view, "program", data.programs["Clinics"]), "   ")
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings == ["Program name: is required"]
    assert stack.count() == 0


# -- drag and drop ---------------------------------------------------------------------
def test_drop_moves_a_project_undoably(
    qtbot: QtBot, view: ProjectTreeView, data: Portfolio, stack: QUndoStack
) -> None:
    model = view.model
    hq = index(view, "project", data.projects["HQ IT Refresh"])
    education = index(view, "program", data.programs["Education"])
    assert model.dropMimeData(model.mimeData([hq]), Move, 0, 0, education)
    qtbot.waitUntil(lambda: stack.count() == 1)
    assert stack.undoText() == "Move project"
    assert texts(view, education) == ["HQ IT Refresh", "North High School"]
    assert view.selected_project_id() == data.projects["HQ IT Refresh"]
    stack.undo()
    assert texts(view, model.portfolio_index()) == ["Healthcare", "Education", "HQ IT Refresh"]
    stack.redo()
    assert texts(view, education)[0] == "HQ IT Refresh"


def test_drop_moves_a_task_and_keeps_expansion(
    qtbot: QtBot, view: ProjectTreeView, data: Portfolio, stack: QUndoStack
) -> None:
    model = view.model
    riverside = open_riverside(view, data)
    design = index(view, "task", data.tasks["Design"])
    view._reveal(design)
    handover = index(view, "task", data.tasks["Handover"])
    assert model.dropMimeData(model.mimeData([handover]), Move, 1, 0, design)
    qtbot.waitUntil(lambda: stack.count() == 1)
    design = index(view, "task", data.tasks["Design"])
    assert texts(view, design) == [
        "1.1  Schematic design",
        "1.2  Handover",
        "1.3  Design development",
        "1.4  Permit set",
    ]
    assert view.tree.isExpanded(design) and view.tree.isExpanded(riverside)
    stack.undo()
    assert texts(view, riverside) == ["1  Design", "2  Construction", "3  Handover"]
    assert view.tree.isExpanded(index(view, "task", data.tasks["Design"]))


def test_program_moves_keep_a_moved_project_expanded(
    qtbot: QtBot, view: ProjectTreeView, data: Portfolio, stack: QUndoStack
) -> None:
    model = view.model
    open_riverside(view, data)
    view._reveal(index(view, "task", data.tasks["Construction"]))
    clinics = index(view, "program", data.programs["Clinics"])
    assert model.dropMimeData(model.mimeData([clinics]), Move, -1, 0, model.portfolio_index())
    qtbot.waitUntil(lambda: stack.count() == 1)
    riverside = index(view, "project", data.projects["Riverside Medical Clinic"])
    assert riverside.parent().data() == "Clinics"
    assert view.tree.isExpanded(riverside)
    assert view.tree.isExpanded(index(view, "task", data.tasks["Construction"]))


# -- delete ----------------------------------------------------------------------------
def test_delete_project_asks_naming_what_goes(
    view: ProjectTreeView,
    data: Portfolio,
    stack: QUndoStack,
    services: AppServices,
    questions: list[str],
) -> None:
    riverside = data.projects["Riverside Medical Clinic"]
    view.select_project(riverside)
    view.delete_selected()
    assert questions == [
        "Delete project “Riverside Medical Clinic” with its 8 tasks?\n\n"
        "You can take this back with Undo."
    ]
    assert stack.undoText() == "Delete project “Riverside Medical Clinic”"
    clinics = index(view, "program", data.programs["Clinics"])
    assert texts(view, clinics) == []
    stack.undo()
    assert texts(view, clinics) == ["Riverside Medical Clinic"]
    assert len(services.tasks.list_tasks(riverside)) == 8


def test_delete_program_and_task(
    view: ProjectTreeView, data: Portfolio, stack: QUndoStack, questions: list[str]
) -> None:
    view.select_node("program", data.programs["Healthcare"])
    view.delete_selected()
    assert questions[-1].startswith(
        "Delete program “Healthcare” with its 1 sub-program, 2 projects and 8 tasks?"
    )
    assert texts(view, view.model.portfolio_index()) == ["Education", "HQ IT Refresh"]
    stack.undo()
    open_riverside(view, data)
    view.select_node("task", data.tasks["Design"])
    view.delete_selected()
    assert questions[-1] == (
        "Delete task “Design” with the 3 tasks under it?\n\nYou can take this back with Undo."
    )
    riverside = index(view, "project", data.projects["Riverside Medical Clinic"])
    assert texts(view, riverside) == ["1  Construction", "2  Handover"]
    stack.undo()
    assert texts(view, riverside)[0] == "1  Design"


def test_delete_answered_no_changes_nothing(
    view: ProjectTreeView, data: Portfolio, stack: QUndoStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: No)
    view.select_project(data.projects["HQ IT Refresh"])
    view.delete_selected()
    assert stack.count() == 0
    assert index(view, "project", data.projects["HQ IT Refresh"]).isValid()


# -- add, indent, outdent --------------------------------------------------------------
def test_add_program_and_task_then_edit_their_names(
    view: ProjectTreeView, data: Portfolio, stack: QUndoStack
) -> None:
    view.select_node("program", data.programs["Education"])
    view.add_program_action.trigger()
    assert stack.undoText() == "Add program “New program”"
    assert texts(view, index(view, "program", data.programs["Education"]))[0] == "New program"
    assert view.tree.currentIndex().data() == "New program"
    assert view.tree.state() == view.tree.State.EditingState

    open_riverside(view, data)
    view.select_node("task", data.tasks["Design"])
    view.add_task_action.trigger()
    riverside = index(view, "project", data.projects["Riverside Medical Clinic"])
    assert texts(view, riverside)[:2] == ["1  Design", "2  New task"]
    assert view.tree.currentIndex().data() == "2  New task"
    stack.undo()
    assert texts(view, riverside) == ["1  Design", "2  Construction", "3  Handover"]


def test_indent_and_outdent(view: ProjectTreeView, data: Portfolio, stack: QUndoStack) -> None:
    riverside = open_riverside(view, data)
    view.select_node("task", data.tasks["Handover"])
    view.indent_action.trigger()
    assert texts(view, riverside) == ["1  Design", "2  Construction"]
    construction = index(view, "task", data.tasks["Construction"])
    assert view.tree.isExpanded(construction)
    assert texts(view, construction)[-1] == "2.3  Handover"
    assert view.tree.currentIndex().data() == "2.3  Handover"
    assert view.outdent_action.isEnabled()
    view.outdent_action.trigger()
    assert texts(view, riverside) == ["1  Design", "2  Construction", "3  Handover"]
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert texts(view, riverside) == ["1  Design", "2  Construction", "3  Handover"]
    assert texts(view, index(view, "task", data.tasks["Construction"])) == [
        "2.1  Foundations",
        "2.2  Structure",
    ]


def test_add_project_dialog(
    qtbot: QtBot,
    view: ProjectTreeView,
    data: Portfolio,
    stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ownersrep.ui import project_tree_view

    def run(dialog: project_tree_view.AddProjectDialog) -> int:
        dialog.name_edit.setText("Dental Clinic")
        dialog.kind_combo.setCurrentIndex(1)  # internal
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(project_tree_view.AddProjectDialog, "exec", run)
    view.select_node("program", data.programs["Clinics"])
    view.add_project_action.trigger()
    clinics = index(view, "program", data.programs["Clinics"])
    assert texts(view, clinics) == ["Riverside Medical Clinic", "Dental Clinic"]
    assert view.tree.currentIndex().data() == "Dental Clinic"
    assert stack.undoText() == "Add project “Dental Clinic”"


def test_delete_question_wording() -> None:
    from ownersrep.services.portfolio_service import ContentCounts
    from ownersrep.ui.project_tree_nodes import delete_question

    title, text = delete_question(
        "project", "Riverside Medical Clinic", ContentCounts(tasks=152, issues=40, risks=15)
    )
    assert title == "Delete project"
    assert text.startswith(
        "Delete project “Riverside Medical Clinic” with its 152 tasks, 40 issues and 15 risks?"
    )
    assert delete_question("program", "Empty", ContentCounts())[1].startswith(
        "Delete program “Empty”?"
    )
    assert delete_question("task", "Pour", ContentCounts(tasks=1))[1].startswith(
        "Delete task “Pour” with the 1 task under it?"
    )
