"""TaskTreeModel: the tree shape, columns and roles, rolled-up summary cells, edit
requests (the model never writes), in-place refresh, and the name/WBS filter."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QFont

from ownersrep.domain.enums import PartyRole, TaskKind
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import ProjectService
from ownersrep.services.task_service import TaskService
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, KIND_ROLE, SORT_ROLE
from ownersrep.ui.task_tree_model import TaskTreeModel

M = TaskTreeModel
D = Qt.ItemDataRole.DisplayRole
E = Qt.ItemDataRole.EditRole
MON = date(2027, 3, 1)


@pytest.fixture
def tasks(ctx: ServiceContext) -> TaskService:
    return TaskService(ctx)


@pytest.fixture
def pid(ctx: ServiceContext) -> int:
    return ProjectService(ctx).create("Riverside Clinic").value.id


@pytest.fixture
def ids(ctx: ServiceContext, tasks: TaskService, pid: int) -> dict[str, int]:
    """1 Substructure (1.1 Excavation, 1.2 Footings), 2 Frame (2.1 Level 1 (2.1.1 Columns)),
    3 Topped out ◆."""
    gc = PartyService(ctx).create("Apex Builders", PartyRole.CONTRACTOR).value.id
    out: dict[str, int] = {}
    out["1"] = tasks.create_task(pid, None, "Substructure").value.id
    out["1.1"] = tasks.create_task(
        pid, out["1"], "Excavation", start=MON, duration_days=5, responsible_id=gc
    ).value.id
    out["1.2"] = tasks.create_task(
        pid, out["1"], "Footings", start=date(2027, 3, 8), duration_days=10
    ).value.id
    out["2"] = tasks.create_task(pid, None, "Frame").value.id
    out["2.1"] = tasks.create_task(pid, out["2"], "Level 1").value.id
    out["2.1.1"] = tasks.create_task(
        pid, out["2.1"], "Columns", start=date(2027, 3, 22), duration_days=8
    ).value.id
    out["3"] = tasks.create_task(
        pid, None, "Topped out", TaskKind.MILESTONE, start=date(2027, 4, 2)
    ).value.id
    tasks.set_predecessors(out["1.2"], "1.1SS+2")
    tasks.update_task(out["1.1"], {"percent_complete": 100})
    return out


@pytest.fixture
def model(qapp, tasks: TaskService, pid: int, ids: dict[str, int]) -> TaskTreeModel:  # type: ignore[no-untyped-def]
    m = TaskTreeModel()
    m.set_rows(tasks.list_tasks(pid))
    return m


def cell(model: TaskTreeModel, task_id: int, col: int, role: int = D) -> object:
    return model.index_of(task_id, col).data(role)


def test_passes_the_model_tester(qtmodeltester, model: TaskTreeModel) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(model)
    model.set_filter("col")
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_tree_shape(model: TaskTreeModel, ids: dict[str, int]) -> None:
    assert model.rowCount() == 3
    top = [model.index(r, M.COL_WBS).data() for r in range(3)]
    assert top == ["1", "2", "3"]
    frame = model.index(1, 0)
    level1 = model.index(0, 0, frame)
    assert level1.data() == "2.1"
    assert model.index(0, M.COL_NAME, level1).data() == "Columns"
    assert model.parent(model.index(0, 0, level1)) == level1
    assert model.parent(level1) == frame
    assert not model.parent(frame).isValid()
    assert model.rowCount(model.index(2, 0)) == 0
    assert model.rowCount(model.index(0, M.COL_NAME)) == 0  # only column 0 has children
    assert model.index_of(ids["2.1.1"]).internalId() == ids["2.1.1"]
    assert not model.index_of(9999).isValid()
    assert model.visible_ids() == [ids[k] for k in ("1", "1.1", "1.2", "2", "2.1", "2.1.1", "3")]


def test_headers(model: TaskTreeModel) -> None:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "WBS",
        "Name",
        "Kind",
        "Start",
        "Duration (d)",
        "Finish",
        "% complete",
        "Predecessors",
        "Responsible",
        "Total float (d)",
        "Finish var. (d)",
        "Baseline finish",
        "Actual start",
        "Actual finish",
        "Constraint",
    ]


def test_display_of_a_task_row(model: TaskTreeModel, ids: dict[str, int]) -> None:
    values = [cell(model, ids["1.2"], c) for c in range(model.columnCount())]
    assert values == [
        "1.2",
        "Footings",
        "Task",
        "08 Mar 2027",
        "10",
        "19 Mar 2027",
        "0%",
        "1.1SS+2",
        "",
        cell(model, ids["1.2"], M.COL_FLOAT),  # the engine's, checked below
        "",  # no baseline compared
        "",
        "",
        "",
        "Start no earlier than 08 Mar 2027",
    ]
    assert cell(model, ids["1.2"], M.COL_FLOAT) not in ("", None)
    assert cell(model, ids["1.1"], M.COL_RESPONSIBLE) == "Apex Builders"
    assert cell(model, ids["1.1"], M.COL_PERCENT) == "100%"
    assert cell(model, ids["1.1"], M.COL_START, E) == QDate(2027, 3, 1)
    assert cell(model, ids["1.1"], M.COL_DURATION, E) == 5
    assert cell(model, ids["1.1"], 0, ID_ROLE) == ids["1.1"]
    assert cell(model, ids["1.1"], 0, KIND_ROLE) == "task"
    assert cell(model, ids["1.1"], 0, DTO_ROLE).name == "Excavation"  # type: ignore[attr-defined]
    assert cell(model, ids["1.1"], M.COL_START, SORT_ROLE) == MON.toordinal()


def test_summary_rows_are_rolled_up_muted_and_read_only(
    model: TaskTreeModel, ids: dict[str, int]
) -> None:
    summary = ids["1"]
    assert cell(model, summary, M.COL_KIND) == "Summary"
    assert cell(model, summary, M.COL_START) == "01 Mar 2027"
    assert cell(model, summary, M.COL_FINISH) == "19 Mar 2027"
    assert cell(model, summary, M.COL_DURATION) == "15"
    assert cell(model, summary, M.COL_PERCENT) == "33%"  # 5×100 / 15
    font = cell(model, summary, M.COL_START, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    name_font = cell(model, summary, M.COL_NAME, Qt.ItemDataRole.FontRole)
    assert isinstance(name_font, QFont) and name_font.bold() and not name_font.italic()
    assert cell(model, summary, M.COL_START, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(model, summary, M.COL_START, Qt.ItemDataRole.ToolTipRole) == (
        "Rolled up from the tasks under it"
    )
    assert cell(model, ids["1.1"], M.COL_START, Qt.ItemDataRole.FontRole) is None
    editable = Qt.ItemFlag.ItemIsEditable
    for col in (M.COL_START, M.COL_DURATION, M.COL_FINISH, M.COL_PERCENT):
        assert not model.flags(model.index_of(summary, col)) & editable
    for col in (M.COL_NAME, M.COL_PREDECESSORS, M.COL_RESPONSIBLE):
        assert model.flags(model.index_of(summary, col)) & editable


def test_which_cells_are_editable(model: TaskTreeModel, ids: dict[str, int]) -> None:
    editable = Qt.ItemFlag.ItemIsEditable

    def can_edit(key: str, col: int) -> bool:
        return bool(model.flags(model.index_of(ids[key], col)) & editable)

    assert [can_edit("1.1", c) for c in range(model.columnCount())] == [
        False,  # WBS
        True,
        False,  # Kind
        True,
        True,
        True,
        True,
        True,
        True,
        False,  # total float: the engine's
        False,  # finish variance
        False,  # baseline finish
        True,  # actual start
        True,  # actual finish
        False,  # constraint: set by typing a start, or in the task dialog
    ]
    # A milestone's duration (0) and finish (= start) follow from its start.
    assert not can_edit("3", M.COL_DURATION) and not can_edit("3", M.COL_FINISH)
    assert can_edit("3", M.COL_START) and can_edit("3", M.COL_PERCENT)
    assert cell(model, ids["3"], M.COL_WBS, Qt.ItemDataRole.DecorationRole) is None
    icon = model.index_of(ids["3"], M.COL_NAME).data(Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()


def test_set_data_asks_for_the_edit_and_changes_nothing(
    model: TaskTreeModel, ids: dict[str, int]
) -> None:
    asked: list[tuple[int, str, object]] = []
    model.edit_requested.connect(lambda *args: asked.append(args))
    task = ids["1.2"]
    assert model.setData(model.index_of(task, M.COL_START), QDate(2027, 3, 10))
    assert model.setData(model.index_of(task, M.COL_FINISH), None)
    assert model.setData(model.index_of(task, M.COL_DURATION), 12)
    assert model.setData(model.index_of(task, M.COL_NAME), "Pad footings")
    assert model.setData(model.index_of(task, M.COL_PREDECESSORS), "1.1")
    assert model.setData(model.index_of(task, M.COL_PERCENT), 40)
    assert asked == [
        (task, "start", date(2027, 3, 10)),
        (task, "finish", None),
        (task, "duration_days", 12),
        (task, "name", "Pad footings"),
        (task, "predecessors", "1.1"),
        (task, "percent_complete", 40),
    ]
    assert cell(model, task, M.COL_NAME) == "Footings"  # unchanged until the rows come back
    asked.clear()
    # No request for an unchanged value, a read-only cell or another role.
    assert not model.setData(model.index_of(task, M.COL_DURATION), 10)
    assert not model.setData(model.index_of(task, M.COL_START), QDate(2027, 3, 8))
    assert not model.setData(model.index_of(ids["1"], M.COL_START), QDate(2027, 3, 8))
    assert not model.setData(model.index_of(task, M.COL_WBS), "9")
    assert not model.setData(model.index_of(task, M.COL_NAME), "x", Qt.ItemDataRole.DisplayRole)
    assert not model.setData(QModelIndex(), "x")
    assert asked == []


def test_a_field_change_updates_in_place(
    qtbot, model: TaskTreeModel, tasks: TaskService, pid: int, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    tasks.update_task(ids["1.2"], {"percent_complete": 50})
    changed: list[tuple[str, str]] = []
    model.dataChanged.connect(lambda a, b: changed.append((a.data(), b.data())))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    assert model.set_rows(tasks.list_tasks(pid)) is False
    assert resets == []
    # The task and the summary that rolls it up, one span per parent.
    assert {first for first, _ in changed} >= {"1"}
    assert len(changed) <= 2
    assert cell(model, ids["1.2"], M.COL_PERCENT) == "50%"
    assert cell(model, ids["1"], M.COL_PERCENT) == "67%"


def test_a_structural_change_resets(
    qtbot, model: TaskTreeModel, tasks: TaskService, pid: int, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    tasks.indent_task(ids["2"])
    with qtbot.waitSignal(model.modelReset):
        assert model.set_rows(tasks.list_tasks(pid)) is True
    assert model.rowCount() == 2
    assert cell(model, ids["2.1.1"], M.COL_WBS) == "1.3.1.1"


def test_filter_by_name_keeps_ancestors(model: TaskTreeModel, ids: dict[str, int]) -> None:
    assert model.set_filter("  COLUMNS ")
    assert model.visible_ids() == [ids["2"], ids["2.1"], ids["2.1.1"]]
    assert model.filter_text() == "columns"
    assert model.total_count() == 7
    assert not model.set_filter("columns")  # same filter: nothing to do
    model.set_filter("")
    assert len(model.visible_ids()) == 7


def test_filter_by_wbs_shows_the_branch(model: TaskTreeModel, ids: dict[str, int]) -> None:
    model.set_filter("2.1")
    assert model.visible_ids() == [ids["2"], ids["2.1"], ids["2.1.1"]]
    model.set_filter("1")  # WBS 1 and its branch, and "Level 1" by name
    assert model.visible_ids() == [ids[k] for k in ("1", "1.1", "1.2", "2", "2.1")]
    model.set_filter("1.2")
    assert model.visible_ids() == [ids["1"], ids["1.2"]]
    model.set_filter("nothing like it")
    assert model.visible_ids() == [] and model.rowCount() == 0
