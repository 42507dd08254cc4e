"""Sorting the Schedule tab's task table: a click on a header section sorts the siblings
under each summary, and the Gantt chart paints its rows in the table's order, after the
sort, after expand/collapse and after an edit, with the selection kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QSplitter, QTreeView
from pytestqt.qtbot import QtBot

from ownersrep.domain.enums import TaskKind
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.task_tree import TaskRow
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.gantt import tree_rows
from ownersrep.ui.gantt.gantt_chart import GanttChart
from ownersrep.ui.roles import ID_ROLE
from ownersrep.ui.schedule_tab import ScheduleTab
from ownersrep.ui.task_tree_model import TaskTreeModel

M = TaskTreeModel
MON = date(2027, 3, 1)
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def ids(services: AppServices) -> dict[str, int]:
    """1 Substructure (1.1 Excavation, 1.2 Footings), 2 Frame (2.1 Columns, 2.2 Stairs),
    3 Topped out ◆; finishes 5, 19, 31, 17 March and 2 April."""
    pid = services.projects.create("Riverside Clinic", planned_start=MON).value.id
    tasks = services.tasks
    out = {"pid": pid, "1": tasks.create_task(pid, None, "Substructure").value.id}
    out["1.1"] = tasks.create_task(pid, out["1"], "Excavation", start=MON, duration_days=5).value.id
    out["1.2"] = tasks.create_task(
        pid, out["1"], "Footings", start=date(2027, 3, 8), duration_days=10
    ).value.id
    out["2"] = tasks.create_task(pid, None, "Frame").value.id
    out["2.1"] = tasks.create_task(
        pid, out["2"], "Columns", start=date(2027, 3, 22), duration_days=8
    ).value.id
    out["2.2"] = tasks.create_task(
        pid, out["2"], "Stairs", start=date(2027, 3, 15), duration_days=3
    ).value.id
    out["3"] = tasks.create_task(
        pid, None, "Topped out", TaskKind.MILESTONE, start=date(2027, 4, 2)
    ).value.id
    return out


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def tab(qtbot: QtBot, services: AppServices, stack: QUndoStack, ids: dict[str, int]) -> ScheduleTab:
    widget = ScheduleTab(services, stack, ChangeBus())
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_project(ids["pid"])
    return widget


def keys(ids: dict[str, int], task_ids: list[int]) -> list[str]:
    key_of = {v: k for k, v in ids.items() if k != "pid"}
    return [key_of[i] for i in task_ids]


def tree_order(tab: ScheduleTab) -> list[int]:
    """The ids of the rows the table shows, top to bottom (what the user sees)."""
    out: list[int] = []
    index = tab.view.model().index(0, 0, QModelIndex())
    while index.isValid():
        out.append(index.data(ID_ROLE))
        index = tab.view.indexBelow(index)
    return out


def chart_order(tab: ScheduleTab) -> list[int]:
    """The ids of the rows the chart paints, top to bottom."""
    return [r.id for r in tab.chart.chart_state().rows]


def click_header(qtbot: QtBot, tab: ScheduleTab, col: int) -> None:
    header = tab.view.header()
    assert not header.isSectionHidden(col)
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def assert_chart_follows(tab: ScheduleTab) -> None:
    """Same rows in the same order, and each bar on its table row's y."""
    order = tree_order(tab)
    assert chart_order(tab) == order
    for task_id in order:
        bar = tab.chart.bar_rect(task_id)
        row = tab.view.visualRect(tab.model.index_of(task_id))
        if not bar.isEmpty() and row.isValid():
            assert row.top() <= bar.center().y() <= row.bottom()


def test_clicking_a_header_sorts_and_the_chart_follows(
    qtbot: QtBot, tab: ScheduleTab, ids: dict[str, int]
) -> None:
    assert keys(ids, tree_order(tab)) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3"]
    assert_chart_follows(tab)
    header = tab.view.header()
    click_header(qtbot, tab, M.COL_FINISH)
    assert (tab.model.sort_column(), tab.model.sort_order()) == (M.COL_FINISH, ASC)
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == M.COL_FINISH
    assert keys(ids, tree_order(tab)) == ["1", "1.1", "1.2", "2", "2.2", "2.1", "3"]
    assert_chart_follows(tab)
    click_header(qtbot, tab, M.COL_FINISH)  # again: descending
    assert header.sortIndicatorOrder() == DESC and tab.model.sort_order() == DESC
    assert keys(ids, tree_order(tab)) == ["3", "2", "2.1", "2.2", "1", "1.2", "1.1"]
    assert keys(ids, tab.model.visible_ids()) == keys(ids, tree_order(tab))
    assert_chart_follows(tab)
    click_header(qtbot, tab, M.COL_NAME)
    assert keys(ids, tree_order(tab)) == ["2", "2.1", "2.2", "1", "1.1", "1.2", "3"]
    assert_chart_follows(tab)
    click_header(qtbot, tab, M.COL_WBS)  # WBS ascending: plain tree order again
    assert not tab.model.is_sorted()
    assert keys(ids, tree_order(tab)) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3"]
    assert_chart_follows(tab)


def test_the_chart_follows_collapse_and_expand_while_sorted(
    qtbot: QtBot, tab: ScheduleTab, ids: dict[str, int]
) -> None:
    tab.view.sortByColumn(M.COL_FINISH, DESC)
    assert_chart_follows(tab)
    tab.view.collapse(tab.model.index_of(ids["2"]))
    assert keys(ids, chart_order(tab)) == ["3", "2", "1", "1.2", "1.1"]
    assert_chart_follows(tab)
    click_header(qtbot, tab, M.COL_START)  # sorting keeps Frame collapsed
    assert not tab.view.isExpanded(tab.model.index_of(ids["2"]))
    assert keys(ids, chart_order(tab)) == ["1", "1.1", "1.2", "2", "3"]
    assert_chart_follows(tab)
    tab.view.expand(tab.model.index_of(ids["2"]))
    assert keys(ids, chart_order(tab)) == ["1", "1.1", "1.2", "2", "2.2", "2.1", "3"]
    assert_chart_follows(tab)


def test_the_chart_follows_an_edit_that_moves_a_sorted_row(
    tab: ScheduleTab, stack: QUndoStack, ids: dict[str, int]
) -> None:
    tab.view.sortByColumn(M.COL_FINISH, DESC)
    tab.select_tasks([ids["1.1"]])
    # Excavation takes 20 days: it now finishes (26 March) after Footings (19 March).
    assert tab.model.setData(tab.model.index_of(ids["1.1"], M.COL_DURATION), 20)
    assert tab.model.index_of(ids["1.1"], M.COL_FINISH).data() == "26 Mar 2027"
    assert keys(ids, tree_order(tab)) == ["3", "2", "2.1", "2.2", "1", "1.1", "1.2"]
    assert_chart_follows(tab)
    assert tab.selected_ids() == [ids["1.1"]] and tab.current_id() == ids["1.1"]
    assert tab.chart.chart_state().selected == {ids["1.1"]}
    stack.undo()
    assert keys(ids, tree_order(tab)) == ["3", "2", "2.1", "2.2", "1", "1.2", "1.1"]
    assert_chart_follows(tab)
    assert tab.selected_ids() == [ids["1.1"]]


def test_selection_survives_a_header_sort(
    qtbot: QtBot, tab: ScheduleTab, ids: dict[str, int]
) -> None:
    tab.select_tasks([ids["2.2"], ids["1.2"]])
    click_header(qtbot, tab, M.COL_FINISH)
    click_header(qtbot, tab, M.COL_FINISH)
    assert set(tab.selected_ids()) == {ids["2.2"], ids["1.2"]}
    assert tab.current_id() == ids["2.2"]
    assert tab.chart.chart_state().selected == {ids["2.2"], ids["1.2"]}
    # Still one row each: the selection moved with the rows, it was not stretched.
    assert len(tab.view.selectionModel().selectedRows()) == 2


def test_the_sort_survives_a_reload_and_the_filter(
    tab: ScheduleTab, services: AppServices, ids: dict[str, int]
) -> None:
    def names() -> list[str]:
        return [tab.model.index_of(i, M.COL_NAME).data() for i in tree_order(tab)]

    tab.view.sortByColumn(M.COL_FINISH, DESC)
    services.tasks.create_task(
        ids["pid"], ids["2"], "Roof", start=date(2027, 3, 29), duration_days=6
    )
    tab.reload()  # a new task: the model resets, the sort stays
    assert names() == [
        "Frame",  # finishes with Roof, 5 April
        "Roof",
        "Columns",
        "Stairs",
        "Topped out",
        "Substructure",
        "Footings",
        "Excavation",
    ]
    assert_chart_follows(tab)
    tab.filter_edit.setText("s")  # the names with an "s", and their summaries
    assert names() == ["Frame", "Columns", "Stairs", "Substructure", "Footings"]
    assert_chart_follows(tab)
    tab.filter_edit.clear()
    assert names()[:2] == ["Frame", "Roof"]
    header = tab.view.header()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (M.COL_FINISH, DESC)


@pytest.mark.parametrize("few_rows", [0, 1000], ids=["re-read-by-id", "index-by-index"])
def test_a_patch_reaches_the_chart(
    monkeypatch: pytest.MonkeyPatch, tab: ScheduleTab, ids: dict[str, int], few_rows: int
) -> None:
    """The lead's fast path after a reschedule: patch_rows, no reload."""
    monkeypatch.setattr(tree_rows, "FEW_ROWS", few_rows)
    assert_chart_follows(tab)
    model = tab.model

    def row(key: str) -> TaskRow:
        found = model.row_for(ids[key])
        assert found is not None
        return found

    later = {"1.1": date(2027, 3, 12), "1.2": date(2027, 3, 26), "3": date(2027, 4, 9)}
    model.patch_rows([replace(row(k), finish=day) for k, day in later.items()])
    painted = {r.id: r.finish for r in tab.chart.chart_state().rows}
    assert painted[ids["1.1"]] == date(2027, 3, 12) and painted[ids["3"]] == date(2027, 4, 9)
    assert painted == {i: row_.finish for i in tree_order(tab) if (row_ := model.row_for(i))}
    # Sorted by finish: a patch that moves a row moves it in the chart too.
    tab.view.sortByColumn(M.COL_FINISH, ASC)
    assert keys(ids, tree_order(tab)) == ["1", "1.1", "1.2", "2", "2.2", "2.1", "3"]
    model.patch_rows([replace(row("1.1"), finish=date(2027, 3, 30))])
    assert keys(ids, tree_order(tab)) == ["1", "1.2", "1.1", "2", "2.2", "2.1", "3"]
    assert_chart_follows(tab)
    assert tab.chart.chart_state().rows[2].finish == date(2027, 3, 30)


def test_the_chart_reads_rows_through_a_proxy_too(
    qtbot: QtBot, services: AppServices, ids: dict[str, int]
) -> None:
    """Without the model's own look-ups (row_at, row_for) the chart reads DTO_ROLE."""
    model = TaskTreeModel()
    model.set_rows(services.tasks.list_tasks(ids["pid"]))
    proxy = QIdentityProxyModel()
    proxy.setSourceModel(model)
    splitter = QSplitter()
    tree = QTreeView(splitter)
    tree.setModel(proxy)
    tree.setUniformRowHeights(True)
    chart = GanttChart(tree, splitter)
    qtbot.addWidget(splitter)
    splitter.resize(900, 400)
    splitter.show()
    tree.expandAll()

    def shown() -> list[int]:
        out, index = [], proxy.index(0, 0)
        while index.isValid():
            out.append(index.data(ID_ROLE))
            index = tree.indexBelow(index)
        return out

    assert [r.id for r in chart.chart_state().rows] == shown()
    model.sort(M.COL_FINISH, DESC)  # the proxy passes the layout change on
    assert keys(ids, shown()) == ["3", "2", "2.1", "2.2", "1", "1.2", "1.1"]
    assert [r.id for r in chart.chart_state().rows] == shown()
    excavation = model.row_for(ids["1.1"])
    assert excavation is not None
    model.patch_rows([replace(excavation, name="Bulk excavation")])
    painted = {r.id: r.name for r in chart.chart_state().rows}
    assert painted[ids["1.1"]] == "Bulk excavation"
