"""TaskTreeModel: the tree shape, columns and roles, rolled-up summary cells, edit
requests (the model never writes), in-place refresh, and the name/WBS filter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt
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
    columns: list[tuple[int, int]] = []

    def on_changed(a: QModelIndex, b: QModelIndex) -> None:
        changed.append((a.siblingAtColumn(0).data(), b.siblingAtColumn(0).data()))
        columns.append((a.column(), b.column()))

    model.dataChanged.connect(on_changed)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    assert model.set_rows(tasks.list_tasks(pid)) is False
    assert resets == []
    # The task and the summary that rolls it up, one span per parent.
    assert {first for first, _ in changed} >= {"1"}
    assert len(changed) <= 2
    # The WBS column reads the same, so the spans leave it out (see _emit_changed).
    assert set(columns) == {(M.COL_NAME, model.columnCount() - 1)}
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


# -- sorting -----------------------------------------------------------------------------
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
TREE = ("1", "1.1", "1.2", "2", "2.1", "2.1.1", "3")


def shown_keys(model: TaskTreeModel, ids: dict[str, int]) -> list[str]:
    key_of = {v: k for k, v in ids.items()}
    return [key_of[i] for i in model.visible_ids()]


def walk(model: TaskTreeModel, parent: QModelIndex | None = None) -> list[int]:
    """Ids in the order a view shows them (fully expanded), through the Qt API only."""
    parent = parent or QModelIndex()
    out: list[int] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index.data(ID_ROLE))
        out.extend(walk(model, index))
    return out


def assert_sorted_within_parents(model: TaskTreeModel, col: int, order: Qt.SortOrder) -> None:
    """Every parent's children in the column's order (ties in WBS order), each under the
    parent it has in the tree."""

    def check(parent: QModelIndex) -> None:
        parent_id = parent.data(ID_ROLE) if parent.isValid() else None
        pairs = []
        for row in range(model.rowCount(parent)):
            index = model.index(row, col, parent)
            dto = index.data(DTO_ROLE)
            assert dto.parent_id == parent_id
            pairs.append((index.data(SORT_ROLE), dto.sort_order))
            check(model.index(row, 0, parent))
        values = [value for value, _ in pairs]
        assert values == sorted(values, reverse=order == DESC)
        for (v1, wbs1), (v2, wbs2) in pairwise(pairs):
            assert v1 != v2 or wbs1 < wbs2

    check(QModelIndex())


@pytest.mark.parametrize(
    ("col", "order", "expected"),
    [
        (M.COL_START, ASC, TREE),
        (M.COL_START, DESC, ("3", "2", "2.1", "2.1.1", "1", "1.2", "1.1")),
        (M.COL_FINISH, ASC, TREE),
        (M.COL_FINISH, DESC, ("3", "2", "2.1", "2.1.1", "1", "1.2", "1.1")),
        (M.COL_FLOAT, ASC, ("3", "2", "2.1", "2.1.1", "1", "1.1", "1.2")),
        (M.COL_FLOAT, DESC, ("1", "1.2", "1.1", "2", "2.1", "2.1.1", "3")),
        (M.COL_NAME, ASC, ("2", "2.1", "2.1.1", "1", "1.1", "1.2", "3")),
        (M.COL_NAME, DESC, ("3", "1", "1.2", "1.1", "2", "2.1", "2.1.1")),
        # Ties keep WBS order, descending too: Frame and Topped out are both at 0%.
        (M.COL_PERCENT, ASC, ("2", "2.1", "2.1.1", "3", "1", "1.2", "1.1")),
        (M.COL_PERCENT, DESC, ("1", "1.1", "1.2", "2", "2.1", "2.1.1", "3")),
        (M.COL_WBS, DESC, ("3", "2", "2.1", "2.1.1", "1", "1.2", "1.1")),
    ],
)
def test_sort_orders_siblings_and_keeps_children_under_parents(
    qtmodeltester,
    qtlog,
    model: TaskTreeModel,
    ids: dict[str, int],
    col: int,
    order: Qt.SortOrder,
    expected: tuple[str, ...],
) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(model)  # stays connected: checks the layout change below
    layouts: list[bool] = []
    model.layoutChanged.connect(lambda *_: layouts.append(True))
    model.sort(col, order)
    assert shown_keys(model, ids) == list(expected)
    assert walk(model) == model.visible_ids()  # the Qt API and visible_ids() agree
    assert_sorted_within_parents(model, col, order)
    assert (model.sort_column(), model.sort_order()) == (col, order)
    assert layouts == ([] if expected == TREE else [True])
    for task_id in model.visible_ids():  # index_of() and parent() follow the new rows
        index = model.index_of(task_id)
        assert model.index(index.row(), 0, model.parent(index)) == index
    qtmodeltester.check(model)
    model.set_filter("o")  # a reset while sorted: the sort still holds
    qtmodeltester.check(model)
    assert [r.message for r in qtlog.records if "FAIL" in r.message] == []


def test_a_sort_value_per_column_and_wbs_ascending_restores_tree_order(
    model: TaskTreeModel, ids: dict[str, int]
) -> None:
    for col in range(model.columnCount()):  # every column sorts, both ways
        for order in (ASC, DESC):
            model.sort(col, order)
            assert sorted(model.visible_ids()) == sorted(ids.values())
            assert walk(model) == model.visible_ids()
    assert model.is_sorted()
    model.sort(M.COL_WBS, ASC)
    assert not model.is_sorted()
    assert shown_keys(model, ids) == list(TREE)
    assert model.tree_ids() == model.visible_ids()
    model.sort(M.COL_NAME, DESC)
    model.sort(-1, ASC)  # what a view sends for "no sort column"
    assert shown_keys(model, ids) == list(TREE)
    assert model.sort_column() == M.COL_WBS


def test_sort_values_of_dates_are_ordinals(model: TaskTreeModel, ids: dict[str, int]) -> None:
    assert cell(model, ids["1.2"], M.COL_FINISH, SORT_ROLE) == date(2027, 3, 19).toordinal()
    for col in (M.COL_ACTUAL_START, M.COL_BASELINE_FINISH):
        assert cell(model, ids["1.2"], col, SORT_ROLE) == 0  # none sorts first
    assert cell(model, ids["1.2"], M.COL_NAME, SORT_ROLE) == "footings"  # case does not count
    assert cell(model, ids["2.1.1"], M.COL_WBS, SORT_ROLE) == "00002.00001.00001"
    assert len(M.CELLS) == len(M.HEADERS)


def test_row_at_is_the_dto_of_an_index(model: TaskTreeModel, ids: dict[str, int]) -> None:
    index = model.index_of(ids["2.1.1"], M.COL_FINISH)
    assert model.row_at(index) is index.data(DTO_ROLE) is model.row_for(ids["2.1.1"])
    assert model.row_at(QModelIndex()) is None


def test_leaves_say_they_never_have_children(model: TaskTreeModel, ids: dict[str, int]) -> None:
    never = Qt.ItemFlag.ItemNeverHasChildren
    assert model.flags(model.index_of(ids["1.1"])) & never
    assert model.flags(model.index_of(ids["3"], M.COL_NAME)) & never
    assert not model.flags(model.index_of(ids["2.1"])) & never


def test_selection_and_current_survive_a_sort(model: TaskTreeModel, ids: dict[str, int]) -> None:
    selection = QItemSelectionModel(model)
    flags = QItemSelectionModel.SelectionFlag
    for key in ("1.1", "3"):
        selection.select(model.index_of(ids[key]), flags.Select | flags.Rows)
    selection.setCurrentIndex(model.index_of(ids["1.2"], M.COL_START), flags.NoUpdate)

    def picked() -> set[int]:
        return {i.data(ID_ROLE) for i in selection.selectedRows(0)}

    for col, order in ((M.COL_START, DESC), (M.COL_NAME, ASC), (M.COL_WBS, ASC)):
        model.sort(col, order)
        assert picked() == {ids["1.1"], ids["3"]}
        current = selection.currentIndex()
        assert current.data(ID_ROLE) == ids["1.2"] and current.column() == M.COL_START
        assert current == model.index_of(ids["1.2"], M.COL_START)


def test_sort_survives_set_rows(
    qtbot, model: TaskTreeModel, tasks: TaskService, pid: int, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    model.sort(M.COL_START, DESC)
    assert shown_keys(model, ids)[-2:] == ["1.2", "1.1"]
    # Topped out now comes before Frame: updated in place, then moved by a layout change.
    tasks.update_task(ids["3"], {"start": date(2027, 3, 10)})
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.layoutChanged):
        assert model.set_rows(tasks.list_tasks(pid)) is False
    assert resets == []
    assert shown_keys(model, ids) == ["2", "2.1", "2.1.1", "3", "1", "1.2", "1.1"]
    # A new task (a reset): still sorted.
    ids["1.3"] = tasks.create_task(pid, ids["1"], "Blinding", start=date(2027, 3, 2)).value.id
    assert model.set_rows(tasks.list_tasks(pid)) is True
    assert shown_keys(model, ids) == ["2", "2.1", "2.1.1", "3", "1", "1.2", "1.3", "1.1"]
    assert_sorted_within_parents(model, M.COL_START, DESC)


def test_patch_rows_updates_in_place_with_one_signal_per_parent(
    model: TaskTreeModel, ids: dict[str, int]
) -> None:
    spans: list[tuple[int | None, int, int]] = []
    model.dataChanged.connect(
        lambda a, b: spans.append((a.parent().data(ID_ROLE), a.row(), b.row()))
    )
    layouts: list[bool] = []
    model.layoutChanged.connect(lambda *_: layouts.append(True))
    row = model.row_for
    later = [
        replace(row(ids["1.1"]), finish=date(2027, 3, 9), name="Bulk excavation"),
        replace(row(ids["1.2"]), percent_complete=20),
        replace(row(ids["3"]), start=date(2027, 4, 9)),
        replace(row(ids["2"])),  # equal: not a change
        replace(row(ids["1.1"]), id=9999),  # not in the model: ignored
    ]
    model.patch_rows(later)
    assert sorted(spans, key=str) == sorted([(ids["1"], 0, 1), (None, 2, 2)], key=str)
    assert layouts == []
    assert cell(model, ids["1.1"], M.COL_NAME) == "Bulk excavation"
    assert cell(model, ids["1.2"], M.COL_PERCENT) == "20%"
    assert cell(model, ids["3"], M.COL_START) == "09 Apr 2027"
    assert model.row_for(9999) is None
    assert shown_keys(model, ids) == list(TREE)
    spans.clear()
    model.patch_rows([])
    model.patch_rows(later[:1])  # the same values again
    assert spans == []


def test_patch_rows_re_sorts_when_a_value_moves_a_row(
    qtmodeltester, qtlog, model: TaskTreeModel, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(model)
    model.sort(M.COL_FINISH, ASC)
    layouts: list[bool] = []
    model.layoutChanged.connect(lambda *_: layouts.append(True))
    row = model.row_for
    # Footings still finishes after Excavation: no move, no layout change.
    model.patch_rows([replace(row(ids["1.2"]), finish=date(2027, 3, 18))])
    assert layouts == []
    # Excavation now finishes last: it moves below Footings.
    model.patch_rows([replace(row(ids["1.1"]), finish=date(2027, 3, 26))])
    assert layouts == [True]
    assert shown_keys(model, ids) == ["1", "1.2", "1.1", "2", "2.1", "2.1.1", "3"]
    assert cell(model, ids["1.1"], M.COL_FINISH) == "26 Mar 2027"
    assert_sorted_within_parents(model, M.COL_FINISH, ASC)
    assert [r.message for r in qtlog.records if "FAIL" in r.message] == []


def test_patch_rows_under_a_filter_and_refusing_a_move(
    model: TaskTreeModel, tasks: TaskService, pid: int, ids: dict[str, int]
) -> None:
    footings = next(r for r in tasks.list_tasks(pid) if r.id == ids["1.2"])
    model.set_filter("columns")
    assert model.row_for(ids["1.2"]) is None  # filtered out
    model.patch_rows([replace(footings, name="Pad footings")])
    model.set_filter("")
    assert cell(model, ids["1.2"], M.COL_NAME) == "Pad footings"  # kept for when it shows
    topped_out = model.row_for(ids["3"])
    assert topped_out is not None
    with pytest.raises(ValueError, match="another parent"):
        model.patch_rows([replace(topped_out, name="Moved", parent_id=ids["1"])])
    assert model.row_for(ids["3"]) == topped_out  # nothing half-done
