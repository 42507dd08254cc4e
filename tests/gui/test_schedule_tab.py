"""ScheduleTab: cell edits become undoable commands, refused edits show a message, the
toolbar actions, the filter, and reloads that keep expansion and selection."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QMessageBox,
    QSpinBox,
)

from ownersrep.domain.enums import PartyRole, TaskKind
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.party_commands import EditPartyCommand
from ownersrep.ui.commands.task_commands import AddTaskCommand
from ownersrep.ui.schedule_tab import ScheduleTab
from ownersrep.ui.task_tree_model import TaskTreeModel

M = TaskTreeModel
MON = date(2027, 3, 1)


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def pid(services: AppServices) -> int:
    return services.projects.create("Riverside Clinic", planned_start=MON).value.id


@pytest.fixture
def ids(services: AppServices, pid: int) -> dict[str, int]:
    """1 Substructure (1.1 Excavation, 1.2 Footings), 2 Frame (2.1 Columns), 3 Topped out ◆."""
    tasks = services.tasks
    gc = services.parties.create("Apex Builders", PartyRole.CONTRACTOR).value.id
    out = {"1": tasks.create_task(pid, None, "Substructure").value.id}
    out["1.1"] = tasks.create_task(
        pid, out["1"], "Excavation", start=MON, duration_days=5, responsible_id=gc
    ).value.id
    out["1.2"] = tasks.create_task(
        pid, out["1"], "Footings", start=date(2027, 3, 8), duration_days=10
    ).value.id
    out["2"] = tasks.create_task(pid, None, "Frame").value.id
    out["2.1"] = tasks.create_task(
        pid, out["2"], "Columns", start=date(2027, 3, 22), duration_days=8
    ).value.id
    out["3"] = tasks.create_task(
        pid, None, "Topped out", TaskKind.MILESTONE, start=date(2027, 4, 2)
    ).value.id
    out["gc"] = gc
    return out


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def tab(
    qtbot, services: AppServices, stack: QUndoStack, bus: ChangeBus, pid: int, ids: dict[str, int]
) -> ScheduleTab:  # type: ignore[no-untyped-def]
    widget = ScheduleTab(services, stack, bus)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    widget.set_project(pid)
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    got: list[str] = []

    def fake_warning(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        got.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(fake_warning))
    return got


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def fake_question(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(fake_question))
    return asked


def shown(tab: ScheduleTab, task_id: int, col: int) -> object:
    return tab.model.index_of(task_id, col).data()


def names(tab: ScheduleTab) -> list[str]:
    return [
        f"{shown(tab, i, M.COL_WBS)} {shown(tab, i, M.COL_NAME)}" for i in tab.model.visible_ids()
    ]


def test_loads_the_project_expanded(tab: ScheduleTab, ids: dict[str, int]) -> None:
    assert names(tab) == [
        "1 Substructure",
        "1.1 Excavation",
        "1.2 Footings",
        "2 Frame",
        "2.1 Columns",
        "3 Topped out",
    ]
    assert tab.view.isExpanded(tab.model.index_of(ids["1"]))
    assert tab.view.isExpanded(tab.model.index_of(ids["2"]))
    assert tab.count_label.text() == "6 tasks"
    assert tab.add_task_action.isEnabled() and not tab.delete_action.isEnabled()


def test_an_empty_project_says_how_to_start(tab: ScheduleTab, services: AppServices) -> None:
    tab.set_project(services.projects.create("Depot").value.id)
    assert tab.model.rowCount() == 0
    assert tab.count_label.text() == "No tasks yet: Add task (Ins) starts the WBS"
    tab.add_task()
    assert names(tab) == ["1 New task"]
    assert tab.count_label.text() == "1 task"


def test_no_project_shows_nothing(tab: ScheduleTab) -> None:
    tab.set_project(None)
    assert tab.model.rowCount() == 0
    assert not tab.add_task_action.isEnabled() and not tab.filter_edit.isEnabled()
    tab.add_task()  # does nothing
    tab.delete_selected()
    assert tab.model.rowCount() == 0


def test_edit_through_the_delegate_then_undo(
    qtbot, tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    index = tab.model.index_of(ids["1.2"], M.COL_DURATION)
    tab.view.setCurrentIndex(index)
    tab.view.edit(index)
    editor = tab.view.indexWidget(index)
    assert isinstance(editor, QSpinBox) and editor.value() == 10
    editor.setValue(3)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop
    qtbot.waitUntil(lambda: shown(tab, ids["1.2"], M.COL_DURATION) == "3")
    assert shown(tab, ids["1.2"], M.COL_FINISH) == "10 Mar 2027"  # derived
    assert shown(tab, ids["1"], M.COL_FINISH) == "10 Mar 2027"  # rolled up
    assert stack.count() == 1 and stack.undoText() == "Edit task duration"
    stack.undo()
    assert shown(tab, ids["1.2"], M.COL_DURATION) == "10"
    assert shown(tab, ids["1.2"], M.COL_FINISH) == "19 Mar 2027"
    stack.redo()
    assert shown(tab, ids["1.2"], M.COL_FINISH) == "10 Mar 2027"


def test_date_editor_has_a_calendar_and_edits_the_start(
    qtbot, tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    index = tab.model.index_of(ids["1.1"], M.COL_START)
    tab.view.setCurrentIndex(index)
    tab.view.edit(index)
    editor = tab.view.indexWidget(index)
    assert isinstance(editor, QDateEdit) and editor.calendarPopup()
    assert editor.date() == QDate(2027, 3, 1)
    editor.setDate(QDate(2027, 3, 3))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(tab, ids["1.1"], M.COL_START) == "03 Mar 2027")
    assert shown(tab, ids["1.1"], M.COL_FINISH) == "09 Mar 2027"
    stack.undo()
    assert shown(tab, ids["1.1"], M.COL_START) == "01 Mar 2027"


def test_the_minimum_start_clears_the_constraint_and_undo_puts_it_back(
    qtbot, tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    # Every task has the dates the engine gives it; a typed start is a constraint.
    assert tab.model.row_for(ids["1.1"]).constraint_type == "snet"
    first = tab.model.index_of(ids["1.1"], M.COL_START)
    tab.view.edit(first)
    editor = tab.view.indexWidget(first)
    assert isinstance(editor, QDateEdit) and editor.specialValueText() == "(no date)"
    editor.setDate(editor.minimumDate())
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.row_for(ids["1.1"]).constraint_type == "asap")
    assert shown(tab, ids["1.1"], M.COL_START) == "01 Mar 2027"  # still the project start
    stack.undo()
    assert tab.model.row_for(ids["1.1"]).constraint_type == "snet"


def test_edit_through_set_data_then_undo(
    tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int]
) -> None:
    model = tab.model
    assert model.setData(model.index_of(ids["2.1"], M.COL_NAME), "Columns and core walls")
    assert model.setData(model.index_of(ids["2.1"], M.COL_PREDECESSORS), "1.2FS+2")
    assert model.setData(model.index_of(ids["2.1"], M.COL_PERCENT), 30)
    assert model.setData(model.index_of(ids["2.1"], M.COL_RESPONSIBLE), ids["gc"])
    assert shown(tab, ids["2.1"], M.COL_NAME) == "Columns and core walls"
    assert shown(tab, ids["2.1"], M.COL_PREDECESSORS) == "1.2FS+2"
    assert shown(tab, ids["2.1"], M.COL_PERCENT) == "30%"
    assert shown(tab, ids["2.1"], M.COL_RESPONSIBLE) == "Apex Builders"
    assert stack.count() == 4
    for _ in range(4):
        stack.undo()
    assert shown(tab, ids["2.1"], M.COL_NAME) == "Columns"
    assert shown(tab, ids["2.1"], M.COL_PREDECESSORS) == ""
    assert shown(tab, ids["2.1"], M.COL_PERCENT) == "0%"
    assert shown(tab, ids["2.1"], M.COL_RESPONSIBLE) == ""


def test_a_refused_edit_shows_a_message_and_changes_nothing(
    qtbot, tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int], warnings: list[str]
) -> None:  # type: ignore[no-untyped-def]
    model = tab.model
    model.setData(model.index_of(ids["1.2"], M.COL_FINISH), QDate(2027, 3, 5))
    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert warnings == ["Finish: is before the start (08 Mar 2027)"]
    assert shown(tab, ids["1.2"], M.COL_FINISH) == "19 Mar 2027"
    assert stack.count() == 0
    model.setData(model.index_of(ids["1.2"], M.COL_PREDECESSORS), "1.2")
    qtbot.waitUntil(lambda: len(warnings) == 2)
    assert warnings[1] == "Predecessors: a task cannot be its own predecessor (1.2)"


def test_add_task_below_the_current_one_and_undo(
    tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int]
) -> None:
    tab.view.setCurrentIndex(tab.model.index_of(ids["1.1"]))
    tab.add_task()
    assert names(tab)[:4] == ["1 Substructure", "1.1 Excavation", "1.2 New task", "1.3 Footings"]
    new_id = tab.current_id()
    assert new_id is not None and tab.selected_ids() == [new_id]
    row = tab.model.row_for(new_id)
    assert row is not None and (row.start, row.duration_days) == (MON, 1)
    assert tab.view.state() == tab.view.State.EditingState  # ready to type the name
    stack.undo()
    assert "1.2 Footings" in names(tab) and len(names(tab)) == 6


def test_add_milestone_at_the_end_without_a_current_task(
    tab: ScheduleTab, stack: QUndoStack
) -> None:
    tab.view.setCurrentIndex(tab.model.index(-1, 0))
    tab.add_milestone()
    assert names(tab)[-1] == "4 New milestone"
    row = tab.model.row_for(tab.current_id() or 0)
    assert row is not None and row.kind is TaskKind.MILESTONE and row.start == MON
    stack.undo()
    assert len(names(tab)) == 6


def test_delete_a_summary_asks_first_and_undo_restores(
    tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int], answer_yes: list[str]
) -> None:
    tab.view.setCurrentIndex(tab.model.index_of(ids["1"]))
    tab.view.selectionModel().select(
        tab.model.index_of(ids["1"]),
        tab.view.selectionModel().SelectionFlag.ClearAndSelect
        | tab.view.selectionModel().SelectionFlag.Rows,
    )
    tab.delete_selected()
    assert answer_yes == ["Delete “Substructure” and the tasks under it? Undo brings them back."]
    assert names(tab) == ["1 Frame", "1.1 Columns", "2 Topped out"]
    stack.undo()
    assert names(tab)[:3] == ["1 Substructure", "1.1 Excavation", "1.2 Footings"]


def test_delete_a_plain_task_does_not_ask(
    tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int], answer_yes: list[str]
) -> None:
    tab.view.setCurrentIndex(tab.model.index_of(ids["3"]))
    tab.delete_selected()
    assert answer_yes == []
    assert names(tab)[-1] == "2.1 Columns"
    stack.undo()
    assert names(tab)[-1] == "3 Topped out"


def test_delete_several_is_one_undo_step(
    tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int], answer_yes: list[str]
) -> None:
    tab.select_tasks([ids["1.1"], ids["2.1"], ids["2"]])  # 2.1 goes with its parent 2
    tab.delete_selected()
    assert answer_yes == ["Delete these 2 tasks (and any tasks under them)? Undo brings them back."]
    assert names(tab) == ["1 Substructure", "1.1 Footings", "2 Topped out"]
    assert stack.count() == 1
    stack.undo()
    assert len(names(tab)) == 6


def test_indent_and_outdent_keep_the_selection(
    tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int]
) -> None:
    tab.select_tasks([ids["2"]])
    tab.indent_selected()
    assert names(tab)[3:5] == ["1.3 Frame", "1.3.1 Columns"]
    assert tab.selected_ids() == [ids["2"]]
    tab.outdent_selected()
    assert names(tab)[3] == "2 Frame"
    stack.undo()
    stack.undo()
    assert names(tab)[3] == "2 Frame" and stack.count() == 2


def test_outdent_several_siblings_keeps_their_order(
    tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int]
) -> None:
    tab.select_tasks([ids["1.1"], ids["1.2"]])
    tab.outdent_selected()
    assert names(tab)[:3] == ["1 Substructure", "2 Excavation", "3 Footings"]
    assert stack.count() == 1
    stack.undo()
    assert names(tab)[:3] == ["1 Substructure", "1.1 Excavation", "1.2 Footings"]


def test_a_refused_indent_shows_a_message(
    tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int], warnings: list[str]
) -> None:
    tab.select_tasks([ids["1"]])
    tab.indent_selected()
    assert warnings == ["“Substructure” has no task above it to indent under"]
    assert stack.count() == 0


def test_filter_by_name_or_wbs(qtbot, tab: ScheduleTab, ids: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    tab.focus_search()
    assert tab.filter_edit.hasFocus()
    qtbot.keyClicks(tab.filter_edit, "colu")
    assert names(tab) == ["2 Frame", "2.1 Columns"]
    assert tab.count_label.text() == "2 of 6 tasks"
    tab.filter_edit.setText("1")
    assert names(tab)[:3] == ["1 Substructure", "1.1 Excavation", "1.2 Footings"]
    tab.filter_edit.clear()
    assert len(names(tab)) == 6


def test_a_reset_keeps_collapsed_branches_and_the_selection(
    services: AppServices,
    tab: ScheduleTab,
    bus: ChangeBus,
    stack: QUndoStack,
    pid: int,
    ids: dict[str, int],
) -> None:
    tab.select_tasks([ids["2.1"], ids["1.2"]])
    tab.view.collapse(tab.model.index_of(ids["1"]))  # 1.2 stays selected, out of sight
    # A structural change made elsewhere (the project tree, say) resets the model.
    run_command(stack, AddTaskCommand(services, bus, pid, None, "Preliminaries", index=0))
    assert names(tab)[:2] == ["1 Preliminaries", "2 Substructure"]
    assert not tab.view.isExpanded(tab.model.index_of(ids["1"]))
    assert tab.view.isExpanded(tab.model.index_of(ids["2"]))
    assert tab.selected_ids() == [ids["1.2"], ids["2.1"]] and tab.current_id() == ids["2.1"]
    stack.undo()
    assert not tab.view.isExpanded(tab.model.index_of(ids["1"]))
    assert tab.selected_ids() == [ids["1.2"], ids["2.1"]]


def test_other_projects_changes_are_ignored(
    services: AppServices, tab: ScheduleTab, bus: ChangeBus, stack: QUndoStack
) -> None:
    other = services.projects.create("Depot").value.id
    resets: list[bool] = []
    tab.model.modelReset.connect(lambda: resets.append(True))
    run_command(stack, AddTaskCommand(services, bus, other, None, "Elsewhere"))
    assert resets == [] and len(names(tab)) == 6


def test_reloads_when_a_party_is_renamed(
    services: AppServices, tab: ScheduleTab, bus: ChangeBus, stack: QUndoStack, ids: dict[str, int]
) -> None:
    run_command(stack, EditPartyCommand(services, bus, ids["gc"], {"name": "Apex Construction"}))
    assert shown(tab, ids["1.1"], M.COL_RESPONSIBLE) == "Apex Construction"
    index = tab.model.index_of(ids["2.1"], M.COL_RESPONSIBLE)
    tab.view.edit(index)
    combo = tab.view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["(none)", "Apex Construction"]


def _model_rows(tab: ScheduleTab) -> dict[int, Any]:
    return {i: tab.model.row_for(i) for i in tab.model.visible_ids()}


def test_a_drag_updates_the_moved_rows_in_place_as_a_reload_would(
    tab: ScheduleTab, services: AppServices, stack: QUndoStack, pid: int, ids: dict[str, int]
) -> None:
    services.tasks.set_predecessors(ids["1.2"], "1.1")
    services.tasks.set_predecessors(ids["2.1"], "1.2")
    tab.reload()  # the links were set behind the tab's back
    tab.view.expandAll()
    resets: list[int] = []
    tab.model.modelReset.connect(lambda: resets.append(1))
    tab.chart.move_requested.emit(ids["1.1"], date(2027, 3, 10))  # Excavation, 7 days on
    assert resets == []  # patched in place: selection and editors survive
    shown = _model_rows(tab)
    assert shown[ids["2.1"]].start == date(2027, 3, 31)  # the chain moved with it
    fresh = {r.id: r for r in services.tasks.list_tasks(pid)}
    for i in shown:
        assert shown[i] == fresh[i], [
            (f.name, getattr(shown[i], f.name), getattr(fresh[i], f.name))
            for f in fields(fresh[i])
            if getattr(shown[i], f.name) != getattr(fresh[i], f.name)
        ]
    assert shown == fresh
    stack.undo()
    assert resets == []
    assert _model_rows(tab) == {r.id: r for r in services.tasks.list_tasks(pid)}
    assert tab.model.row_for(ids["2.1"]).start == date(2027, 3, 22)
    stack.redo()
    assert _model_rows(tab) == {r.id: r for r in services.tasks.list_tasks(pid)}
