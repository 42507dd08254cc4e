"""The Schedule tab on a 10,000-task project in a real workspace.

    QT_QPA_PLATFORM=offscreen python bench/gantt.py

Writes one project of 10,000 tasks (200 summaries of 49 tasks) and about 20,000 links
into a fresh workspace, then measures, as medians, next to floors from the same run:
  - opening the Schedule tab of that project to its first painted chart (1600×1000)
    (floor: reading the same task rows with plain sqlite3);
  - a drag-reschedule-repaint cycle: the chart's `move_requested` for a task in the
    middle of the network, through the undo command, the service (edit, engine, write
    back the rows that changed, commit), the bus and the table, to the repainted chart
    (floor: the engine alone on the same project, its input already in memory).
Targets: open < 500 ms, drag cycle < 150 ms. The chart's own paint, scroll and zoom
figures are in bench/gantt_paint.py.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from random import Random

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from ownersrep.db.models import Task, TaskLink
from ownersrep.db.workspace import create_workspace
from ownersrep.domain.scheduling.cpm import schedule
from ownersrep.runtime import tune_gc
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.schedule_input import load_schedule
from ownersrep.services.schedule_run import reschedule
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.schedule_tab import ScheduleTab

RUNS = 9
START = date(2026, 1, 5)
TODAY = date(2026, 11, 20)


def write_project(services: AppServices, sessions) -> int:  # type: ignore[no-untyped-def]
    pid = services.projects.create("Benchmark 10k", planned_start=START).value.id
    rng = Random(7)
    tasks, links = [], []
    next_id, link_id = 1, 1
    leaves: list[int] = []
    for g in range(200):
        group = next_id
        next_id += 1
        tasks.append(_task(group, pid, None, g, f"Area {g + 1}", "summary", 0))
        previous = None
        for k in range(49):
            tid = next_id
            next_id += 1
            tasks.append(
                _task(tid, pid, group, k, f"Activity {g + 1}.{k + 1}", "task", rng.randint(1, 8))
            )
            if previous is not None:
                links.append(_link(link_id, pid, previous, tid))
                link_id += 1
            previous = tid
            leaves.append(tid)
    while len(links) < 20_000:  # forward cross links: no loops
        a, b = sorted(rng.sample(range(len(leaves)), 2))
        if b - a > 49:
            links.append(_link(link_id, pid, leaves[a], leaves[b]))
            link_id += 1
    with sessions.begin() as s:
        s.execute(insert(Task.__table__), tasks)
        s.execute(insert(TaskLink.__table__), links)
        reschedule(s, pid, TODAY)
    return pid


def _task(
    tid: int, pid: int, parent: int | None, order: int, name: str, kind: str, days: int
) -> dict:
    return {
        "id": tid,
        "project_id": pid,
        "parent_id": parent,
        "sort_order": order,
        "name": name,
        "kind": kind,
        "start": START,
        "duration_days": days,
        "finish": START,
        "percent_complete": 0,
        "notes": "",
        "constraint_type": "asap",
    }


def _link(lid: int, pid: int, pred: int, succ: int) -> dict:
    return {
        "id": lid,
        "project_id": pid,
        "predecessor_id": pred,
        "successor_id": succ,
        "link_type": "FS",
        "lag_days": 0,
    }


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(action: Callable[[], None]) -> float:
    t0 = time.perf_counter()
    action()
    return time.perf_counter() - t0


def main() -> None:
    tune_gc()  # as the app runs (ownersrep.runtime)
    app = QApplication.instance() or QApplication([])
    path = Path(tempfile.mkdtemp(prefix="orep-gantt-")) / "bench.orep"
    ws = create_workspace(path)
    services = AppServices(ServiceContext(ws.sessions, today=lambda: TODAY))
    t0 = time.perf_counter()
    pid = write_project(services, ws.sessions)
    print(
        f"wrote 10,000 tasks / 20,000 links and scheduled them in {time.perf_counter() - t0:.1f} s"
    )

    def sqlite_floor() -> None:
        with sqlite3.connect(path) as con:
            con.execute(
                "SELECT id, parent_id, name, start, finish, duration_days, percent_complete "
                "FROM task WHERE project_id = ?",
                (pid,),
            ).fetchall()

    with ws.sessions() as s:
        loaded = load_schedule(s, pid, TODAY)

    def engine_floor() -> None:
        schedule(loaded.project)

    stack, bus = QUndoStack(), ChangeBus()
    opens = []
    for _ in range(RUNS):
        tab = ScheduleTab(services, stack, bus)
        tab.resize(1600, 1000)
        tab.show()
        app.processEvents()
        t = time.perf_counter()
        tab.set_project(pid)
        tab.chart.set_zoom("week")
        tab.chart.viewport().repaint()
        opens.append(time.perf_counter() - t)
        if _ < RUNS - 1:
            tab.close()
            tab.deleteLater()
            # processEvents() leaves deferred deletes alone: without this the closed tabs
            # would live on, each reloading on every change of the bus.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    tab.chart.scroll_to_date(START + timedelta(days=120))
    row = tab.model.row_for(5000) or tab.model.row_for(5001)
    assert row is not None and row.start is not None
    cycles = []
    for i in range(RUNS):
        day = row.start + timedelta(days=7 if i % 2 == 0 else 0)
        cycles.append(
            timed(
                lambda d=day: (
                    tab.chart.move_requested.emit(row.id, d),
                    tab.chart.viewport().repaint(),
                )
            )
        )
    sq = [timed(sqlite_floor) for _ in range(RUNS)]
    eng = [timed(engine_floor) for _ in range(RUNS)]
    print(
        f"open Schedule tab to painted chart: {median_ms(opens):7.1f} ms   "
        f"(floor: sqlite3 read of the rows {median_ms(sq):.1f} ms; target < 500 ms)"
    )
    print(
        f"drag → reschedule → repaint:        {median_ms(cycles):7.1f} ms   "
        f"(floor: engine alone {median_ms(eng):.1f} ms; target < 150 ms)"
    )
    print(f"undo stack after the drags: {stack.count()} commands")
    ws.close()


if __name__ == "__main__":
    main()
