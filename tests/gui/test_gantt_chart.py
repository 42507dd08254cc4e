"""GanttChart beside a real QTreeView over a TaskTreeModel of real service rows: rows
line up with the tree and scroll with it, collapse hides rows, gestures with real mouse
presses emit the right requests, Ctrl+wheel zooms, and the export writes PNG and PDF."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QSplitter, QTreeView
from pytestqt.qtbot import QtBot

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.task_tree import LinkRow
from ownersrep.ui.gantt.gantt_chart import GanttChart
from ownersrep.ui.gantt.gantt_export import export_pdf, export_png
from ownersrep.ui.gantt.layout import tooltip_text
from ownersrep.ui.task_tree_model import TaskTreeModel

MON = date(2027, 3, 1)
LEFT = Qt.MouseButton.LeftButton
DAY_PX = 24  # px per day at "day" zoom


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def data(services: AppServices) -> tuple[int, dict[str, int]]:
    """1 Substructure (1.1 Excavation, 1.2 Footings), 2 Frame (2.1 Columns), 3 Topped out ◆,
    and enough filler tasks (4.x) to scroll."""
    pid = services.projects.create("Riverside Clinic", planned_start=MON).value.id
    tasks = services.tasks
    ids = {"1": tasks.create_task(pid, None, "Substructure").value.id}
    ids["1.1"] = tasks.create_task(pid, ids["1"], "Excavation", start=MON, duration_days=5).value.id
    ids["1.2"] = tasks.create_task(
        pid, ids["1"], "Footings", start=date(2027, 3, 8), duration_days=10
    ).value.id
    ids["2"] = tasks.create_task(pid, None, "Frame").value.id
    ids["2.1"] = tasks.create_task(
        pid, ids["2"], "Columns", start=date(2027, 3, 22), duration_days=8
    ).value.id
    ids["3"] = tasks.create_task(
        pid, None, "Topped out", TaskKind.MILESTONE, start=date(2027, 4, 1)
    ).value.id
    ids["4"] = tasks.create_task(pid, None, "Fit-out").value.id
    for n in range(16):
        ids[f"4.{n + 1}"] = tasks.create_task(
            pid, ids["4"], f"Room {n + 1}", start=MON + timedelta(days=n), duration_days=3
        ).value.id
    return pid, ids


class Rig:
    """A splitter with the tree and the chart, as the Schedule tab will build it."""

    def __init__(self, qtbot: QtBot, services: AppServices, pid: int) -> None:
        self.services, self.pid = services, pid
        self.model = TaskTreeModel()
        self.model.set_rows(services.tasks.list_tasks(pid))
        self.splitter = QSplitter()
        self.tree = QTreeView(self.splitter)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setTreePosition(TaskTreeModel.COL_NAME)
        self.tree.expandAll()
        self.chart = GanttChart(self.tree, self.splitter)
        height = max(self.tree.header().sizeHint().height(), self.chart.header().preferred_height())
        self.tree.header().setFixedHeight(height)
        self.chart.header().set_header_height(height)
        self.chart.set_calendar(lambda d: d.weekday() < 5)
        self.chart.set_dates(date(2027, 3, 10), date(2027, 3, 9))
        self.splitter.setSizes([400, 800])
        self.splitter.resize(1200, 300)
        qtbot.addWidget(self.splitter)
        self.splitter.show()
        qtbot.waitExposed(self.splitter)
        self.chart.set_zoom("day")
        self.chart.scroll_to_date(date(2027, 2, 26), margin=0)

    def row(self, task_id: int):  # type: ignore[no-untyped-def]
        row = self.model.row_for(task_id)
        assert row is not None
        return row

    def centre(self, task_id: int) -> QPoint:
        rect = self.chart.bar_rect(task_id)
        assert not rect.isEmpty(), f"no bar for task {task_id}"
        return rect.center().toPoint()

    def right_end(self, task_id: int) -> QPoint:
        rect = self.chart.bar_rect(task_id)
        return QPoint(round(rect.right()) - 2, round(rect.center().y()))


@pytest.fixture
def rig(qtbot: QtBot, services: AppServices, data: tuple[int, dict[str, int]]) -> Rig:
    return Rig(qtbot, services, data[0])


def drag(qtbot: QtBot, rig: Rig, start: QPoint, end: QPoint, steps: int = 6) -> None:
    """Press at start, move there in steps with the button held, release at end."""
    vp = rig.chart.viewport()
    qtbot.mousePress(vp, LEFT, pos=start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        qtbot.mouseMove(vp, point)
    qtbot.mouseRelease(vp, LEFT, pos=end)


def wheel(widget, pos: QPoint, dy: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    event = QWheelEvent(
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


# -- rows ------------------------------------------------------------------------------------
def test_rows_line_up_with_the_tree_pixel_exactly(rig: Rig, data) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    state = rig.chart.chart_state()
    assert [r.id for r in state.rows] == rig.model.visible_ids()
    for key in ("1", "1.1", "1.2", "2.1", "3", "4.3"):
        index = rig.model.index_of(ids[key])
        tree_rect = rig.tree.visualRect(index)
        tree_top = rig.tree.viewport().mapToGlobal(tree_rect.topLeft()).y()
        chart_top = rig.chart.viewport().mapToGlobal(QPoint(0, 0)).y() + round(
            rig.chart.y_offset() + state.row_of[ids[key]] * state.row_height
        )
        assert chart_top == tree_top
        bar = rig.chart.bar_rect(ids[key])
        bar_mid = rig.chart.viewport().mapToGlobal(bar.center().toPoint()).y()
        assert tree_top <= bar_mid < tree_top + tree_rect.height()


def test_bars_sit_on_their_dates(rig: Rig, data) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    row = rig.row(ids["1.1"])
    bar = rig.chart.bar_rect(ids["1.1"])
    scale = rig.chart.scale()
    assert bar.left() == scale.date_to_x(row.start) - rig.chart.x_offset()
    assert bar.right() == scale.date_to_x(row.finish) + DAY_PX - rig.chart.x_offset()
    assert rig.chart.zoom_level() == "day"
    first, _last = rig.chart.visible_date_range()
    assert first == date(2027, 2, 26)


def test_scrolling_the_tree_scrolls_the_chart_and_the_wheel_scrolls_the_tree(
    rig: Rig, data, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    vbar = rig.tree.verticalScrollBar()
    assert vbar.maximum() > 0 and not rig.chart.verticalScrollBar().isVisible()
    before = rig.chart.bar_rect(ids["4.5"]).top()
    vbar.setValue(37)
    assert rig.chart.y_offset() == -37
    assert rig.chart.bar_rect(ids["4.5"]).top() == pytest.approx(before - 37)
    wheel(rig.chart.viewport(), QPoint(100, 100), -120)  # down one notch, over the chart
    assert vbar.value() > 37
    assert rig.chart.y_offset() == -vbar.value()


def test_collapse_in_the_tree_removes_rows_from_the_chart(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    count = len(rig.chart.chart_state().rows)
    rig.tree.collapse(rig.model.index_of(ids["1"]))
    state = rig.chart.chart_state()
    assert len(state.rows) == count - 2
    assert ids["1.1"] not in state.row_of and state.row_of[ids["2"]] == 1
    assert rig.chart.bar_rect(ids["1.1"]).isEmpty()
    rig.tree.expandAll()  # sends no signal: the chart notices at its next paint
    rig.chart.viewport().repaint()
    assert len(rig.chart.chart_state().rows) == count


def test_model_updates_move_the_bars(rig: Rig, data, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    pid, ids = data
    old = rig.chart.bar_rect(ids["1.2"])
    services.tasks.update_task(ids["1.2"], {"start": date(2027, 3, 9)})
    assert rig.model.set_rows(services.tasks.list_tasks(pid)) is False  # in place
    assert rig.chart.bar_rect(ids["1.2"]).left() == old.left() + DAY_PX


def test_selection_follows_the_tree_and_a_click_selects(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    rig.tree.setCurrentIndex(rig.model.index_of(ids["2"]))
    assert rig.chart.chart_state().selected == {ids["2"]}
    qtbot.mouseClick(rig.chart.viewport(), LEFT, pos=rig.centre(ids["1.2"]))
    assert rig.tree.currentIndex().internalId() == ids["1.2"]
    assert rig.chart.chart_state().selected == {ids["1.2"]}


# -- gestures --------------------------------------------------------------------------------
def test_drag_a_bar_moves_it_by_whole_days(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    start = rig.centre(ids["1.2"])
    with qtbot.waitSignal(rig.chart.move_requested) as blocker:
        drag(qtbot, rig, start, start + QPoint(3 * DAY_PX + 5, 2))
    assert blocker.args == [ids["1.2"], rig.row(ids["1.2"]).start + timedelta(days=3)]


def test_nothing_is_emitted_before_release_and_escape_cancels(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    seen: list[object] = []
    rig.chart.move_requested.connect(lambda *a: seen.append(a))
    vp = rig.chart.viewport()
    start = rig.centre(ids["1.2"])
    qtbot.mousePress(vp, LEFT, pos=start)
    qtbot.mouseMove(vp, start + QPoint(DAY_PX, 0))
    qtbot.mouseMove(vp, start + QPoint(2 * DAY_PX, 0))
    assert rig.chart.drag().dragging and seen == []
    assert "Start" in rig.chart.drag().tip_text()
    rig.chart.viewport().repaint()  # the ghost bar and the date tip paint
    qtbot.keyClick(rig.chart, Qt.Key.Key_Escape)
    qtbot.mouseRelease(vp, LEFT, pos=start + QPoint(2 * DAY_PX, 0))
    assert seen == []


def test_a_small_jiggle_is_a_click_not_a_move(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    seen: list[object] = []
    rig.chart.move_requested.connect(lambda *a: seen.append(a))
    start = rig.centre(ids["1.2"])
    drag(qtbot, rig, start, start + QPoint(DAY_PX // 3, 0))
    assert seen == []


def test_drag_the_right_end_changes_the_finish(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    start = rig.right_end(ids["1.1"])
    rig.chart.mouseMoveEvent  # noqa: B018 (hover first: the cursor shows the resize arrows)
    qtbot.mouseMove(rig.chart.viewport(), start)
    assert rig.chart.viewport().cursor().shape() == Qt.CursorShape.SizeHorCursor
    with qtbot.waitSignal(rig.chart.finish_requested) as blocker:
        drag(qtbot, rig, start, start + QPoint(2 * DAY_PX, 0))
    assert blocker.args == [ids["1.1"], rig.row(ids["1.1"]).finish + timedelta(days=2)]


def test_drag_onto_another_bar_links_them(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    with qtbot.waitSignal(rig.chart.link_requested) as blocker:
        drag(qtbot, rig, rig.centre(ids["1.1"]), rig.centre(ids["2.1"]), steps=10)
    assert blocker.args == [ids["1.1"], ids["2.1"]]


def test_milestones_move_but_do_not_resize(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    rect = rig.chart.bar_rect(ids["3"])
    start = QPoint(round(rect.right()) - 1, round(rect.center().y()))
    finishes: list[object] = []
    rig.chart.finish_requested.connect(lambda *a: finishes.append(a))
    with qtbot.waitSignal(rig.chart.move_requested) as blocker:
        drag(qtbot, rig, start, start + QPoint(-2 * DAY_PX, 0))
    assert blocker.args == [ids["3"], date(2027, 3, 30)]
    assert finishes == []


def test_summaries_and_a_read_only_chart_do_not_drag(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    seen: list[object] = []
    for signal in (rig.chart.move_requested, rig.chart.finish_requested, rig.chart.link_requested):
        signal.connect(lambda *a: seen.append(a))
    summary = rig.chart.bar_rect(ids["1"])
    start = QPoint(round(summary.center().x()), round(summary.top()) + 1)
    drag(qtbot, rig, start, start + QPoint(3 * DAY_PX, 0))
    rig.chart.set_editable(False)
    drag(qtbot, rig, rig.centre(ids["1.2"]), rig.centre(ids["1.2"]) + QPoint(3 * DAY_PX, 0))
    assert seen == []


def test_double_click_activates_the_task(rig: Rig, data, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    with qtbot.waitSignal(rig.chart.task_activated) as blocker:
        qtbot.mouseDClick(rig.chart.viewport(), LEFT, pos=rig.centre(ids["2.1"]))
    assert blocker.args == [ids["2.1"]]


def test_tooltip_text(rig: Rig, data) -> None:  # type: ignore[no-untyped-def]
    _pid, ids = data
    text = tooltip_text(rig.row(ids["1.1"]))
    assert text.splitlines()[0] == "Excavation"
    assert "01 Mar 2027 – 05 Mar 2027" in text


# -- zoom ------------------------------------------------------------------------------------
def test_ctrl_wheel_zooms_around_the_pointer(rig: Rig, qtbot: QtBot) -> None:
    chart = rig.chart
    anchor = QPoint(300, 60)
    date_before = chart.scale().x_to_date(chart.x_offset() + anchor.x())
    with qtbot.waitSignal(chart.zoom_changed):
        wheel(chart.viewport(), anchor, 120, Qt.KeyboardModifier.ControlModifier)
    assert chart.px_per_day() == pytest.approx(DAY_PX * 1.25)
    assert chart.scale().x_to_date(chart.x_offset() + anchor.x()) == date_before
    for _ in range(3):
        wheel(chart.viewport(), anchor, -120, Qt.KeyboardModifier.ControlModifier)
    assert chart.px_per_day() == pytest.approx(DAY_PX * 1.25**-2)
    assert chart.zoom_level() == "day"
    chart.set_zoom("quarter")
    assert chart.zoom_level() == "quarter"
    chart.zoom_in()
    assert chart.px_per_day() == pytest.approx(0.625)
    with pytest.raises(ValueError, match="zoom level"):
        chart.set_zoom("decade")


def test_fit_project_shows_every_bar(rig: Rig) -> None:
    rig.chart.fit_project()
    first, last = rig.chart.visible_date_range()
    rows = rig.chart.chart_state().rows
    assert first <= min(r.start for r in rows if r.start)
    assert last >= max(r.finish for r in rows if r.finish)


# -- export ----------------------------------------------------------------------------------
def test_export_png_and_pdf(rig: Rig, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pypdf = pytest.importorskip("pypdf")
    _pid, ids = data
    rig.chart.set_links([LinkRow(1, ids["1.1"], ids["1.2"], LinkType.FS, 0)])
    rig.chart.set_labels("name")
    visible = export_png(rig.chart, tmp_path / "visible.png", whole=False)
    image = QImage(str(visible))
    assert image.width() == 300 + rig.chart.viewport().width()
    whole = export_png(rig.chart, tmp_path / "whole.png", whole=True)
    assert QImage(str(whole)).height() > image.height()  # all 22 rows at print height

    pdf = export_pdf(rig.chart, tmp_path / "whole.pdf", whole=True, title="Riverside Clinic")
    reader = pypdf.PdfReader(str(pdf))
    assert reader.metadata.title == "Riverside Clinic"
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    for name in ("Riverside Clinic", "Excavation", "Footings", "Columns", "Topped out", "Room 16"):
        assert name in text
    assert "Mar 2027" in text  # the time scale
    assert "page 1 of" in text

    pdf = export_pdf(rig.chart, tmp_path / "visible.pdf", whole=False, title="Visible")
    text = re.sub(r"\s+", " ", pypdf.PdfReader(str(pdf)).pages[0].extract_text())
    assert "Excavation" in text and "Room 16" not in text  # only the rows in view
    first, last = rig.chart.visible_date_range()
    assert f"{first:%d %b %Y} – {last:%d %b %Y}" in text


def test_paint_with_everything_on(rig: Rig, data) -> None:  # type: ignore[no-untyped-def]
    """Critical path, baseline, each label mode and links of all four types paint."""
    _pid, ids = data
    links = [
        LinkRow(n, ids[a], ids[b], kind, 0)
        for n, (a, b, kind) in enumerate(
            [
                ("1.1", "1.2", LinkType.FS),
                ("1.2", "2.1", LinkType.SS),
                ("2.1", "3", LinkType.FF),
                ("4.2", "4.1", LinkType.SF),
            ],
            1,
        )
    ]
    rig.chart.set_links(links)
    rig.chart.set_show_critical(True)
    rig.chart.set_show_baseline(True)
    for mode in ("none", "name", "dates", "float"):
        rig.chart.set_labels(mode)
        assert not rig.chart.viewport().grab().isNull()
    with pytest.raises(ValueError, match="label mode"):
        rig.chart.set_labels("everything")
    assert QEvent.Type.Paint  # the header paints too
    assert not rig.chart.header().grab().isNull()
