"""Screenshots of the Gantt chart beside the task tree, on the demo workspace.

    QT_QPA_PLATFORM=offscreen python bench/gantt_shots.py [OUT_DIR]

Writes PNGs at each zoom level, with the critical path, with baseline bars, in a dark
palette, and the exported PDF (whole project) with its first page as PNG (pdftoppm).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QSplitter, QTreeView

from ownersrep.db.workspace import open_workspace
from ownersrep.domain.enums import LinkType
from ownersrep.domain.predecessor_text import parse_predecessors
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.demo import write_demo
from ownersrep.services.task_tree import LinkRow, TaskRow
from ownersrep.ui.gantt.gantt_chart import GanttChart
from ownersrep.ui.gantt.gantt_export import export_pdf, export_png
from ownersrep.ui.task_tree_model import TaskTreeModel

TODAY = date(2026, 11, 20)


def links_from_text(rows: list[TaskRow]) -> list[LinkRow]:
    """LinkRows from the predecessors column (until the service lists links itself)."""
    by_code = {r.wbs: r.id for r in rows}
    links: list[LinkRow] = []
    for row in rows:
        for spec in parse_predecessors(row.predecessors):
            pred = by_code.get(spec.code)
            if pred is not None:
                links.append(LinkRow(len(links) + 1, pred, row.id, spec.link_type, spec.lag_days))
    return links


def with_fake_baseline(rows: list[TaskRow]) -> list[TaskRow]:
    """Baseline dates a little earlier than the plan, for the look of it."""
    out = []
    for n, r in enumerate(rows):
        if r.start is None or r.has_children:
            out.append(r)
            continue
        shift = timedelta(days=(n % 4) * 2)
        finish = r.finish or r.start
        out.append(replace(r, baseline_start=r.start - shift, baseline_finish=finish - shift))
    return out


def dark_palette() -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, c in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1f1f1f"),
        (role.AlternateBase, "#272727"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#333333"),
        (role.ButtonText, "#e6e6e6"),
        (role.Highlight, "#3d6fb3"),
        (role.HighlightedText, "#ffffff"),
        (role.ToolTipBase, "#3a3a3a"),
        (role.ToolTipText, "#f0f0f0"),
        (role.PlaceholderText, "#9a9a9a"),
    ):
        p.setColor(r, QColor(c))
    return p


def build(services: AppServices, pid: int) -> tuple[QSplitter, QTreeView, GanttChart]:
    rows = services.tasks.list_tasks(pid)
    lister = getattr(services.tasks, "list_links", None)
    links = lister(pid) if lister is not None else links_from_text(rows)
    if not any(r.baseline_start for r in rows):
        rows = with_fake_baseline(rows)
    model = TaskTreeModel()
    model.set_rows(rows)
    splitter = QSplitter()
    tree = QTreeView(splitter)
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setTreePosition(TaskTreeModel.COL_NAME)
    tree.expandAll()
    for col in range(2, model.columnCount()):
        tree.hideColumn(col)
    tree.setColumnWidth(0, 60)
    tree.setColumnWidth(1, 300)
    chart = GanttChart(tree, splitter)
    chart.set_links(links)
    chart.set_calendar(lambda d: d.weekday() < 5)
    chart.set_dates(TODAY, TODAY - timedelta(days=6))
    chart.set_labels("name")
    splitter.setSizes([380, 1000])
    splitter.resize(1400, 760)
    splitter._keep = model  # type: ignore[attr-defined]
    return splitter, tree, chart


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots/gantt")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp()) / "demo.orep"
    write_demo(tmp)
    ws = open_workspace(tmp)
    services = AppServices(ServiceContext(ws.sessions, today=lambda: TODAY))
    projects = services.portfolio.tree().projects()
    project = max(projects, key=lambda p: p.task_count)
    splitter, tree, chart = build(services, project.id)
    splitter.show()
    app.processEvents()
    # One height for both headers, so that the rows line up.
    height = max(tree.header().height(), chart.header().preferred_height())
    tree.header().setFixedHeight(height)
    chart.header().set_header_height(height)
    app.processEvents()
    first = min(r.start for r in chart.chart_state().rows if r.start)
    for level in ("day", "week", "month", "quarter"):
        chart.set_zoom(level)
        chart.scroll_to_date(first)
        app.processEvents()
        splitter.grab().save(str(out / f"gantt_{level}.png"))
    chart.fit_project()
    app.processEvents()
    splitter.grab().save(str(out / "gantt_fit.png"))
    chart.set_zoom("week")
    chart.scroll_to_date(first)
    chart.set_show_critical(True)
    app.processEvents()
    splitter.grab().save(str(out / "gantt_critical.png"))
    chart.set_show_critical(False)
    chart.set_show_baseline(True)
    chart.set_labels("dates")
    app.processEvents()
    splitter.grab().save(str(out / "gantt_baseline.png"))
    # A drag under way: the ghost bar and its date tip (not released, so nothing changes).
    state = chart.chart_state()
    task = next(r for r in state.rows[8:] if r.kind.value == "task")
    rect = chart.bar_rect(task.id)
    start = rect.center().toPoint()
    QTest.mousePress(chart.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for dx in (10, 40, 80):
        QTest.mouseMove(chart.viewport(), start + QPoint(dx, 2))
    app.processEvents()
    splitter.grab().save(str(out / "gantt_drag.png"))
    QTest.keyClick(chart, Qt.Key.Key_Escape)
    QTest.mouseRelease(chart.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(80, 2))
    app.setPalette(dark_palette())
    chart.set_show_critical(True)
    chart.set_labels("name")
    tree.selectionModel().select(
        tree.model().index(3, 0, tree.model().index(0, 0)),
        tree.selectionModel().SelectionFlag.ClearAndSelect
        | tree.selectionModel().SelectionFlag.Rows,
    )
    app.processEvents()
    splitter.grab().save(str(out / "gantt_dark.png"))
    app.setPalette(QPalette())
    chart.set_show_critical(True)
    chart.set_show_baseline(False)
    export_png(chart, out / "gantt_export_visible.png", whole=False)
    export_png(chart, out / "gantt_export_whole.png", whole=True)
    export_pdf(chart, out / "gantt_whole.pdf", whole=True, title=f"{project.name} — schedule")
    export_pdf(chart, out / "gantt_visible.pdf", whole=False, title=project.name)
    for name in ("gantt_whole", "gantt_visible"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(out / f"{name}.pdf"), str(out / name)],
            check=False,
        )
    print(f"{project.name}: {project.task_count} tasks, shots in {out}")
    _ = LinkType
    ws.close()


if __name__ == "__main__":
    main()
