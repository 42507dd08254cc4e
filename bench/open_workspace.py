"""Opening a big workspace, filtering its issue log and switching project.

On `ownersrep demo --scale 20` (about 10,000 tasks and 5,000 issues) it measures, as
medians, next to floors from the same run:
  - open the workspace to the first painted main window, showing the largest project's
    issue log  (floor: an empty QMainWindow's first paint, plus reading the same issue
    rows with plain sqlite3);
  - one filter keystroke in the issue log's search box, to the repainted table;
  - switching to another project (Issues tab shown), to the repainted window.
Targets on a 2-core machine: first paint < 600 ms, keystroke < 30 ms, switch < 150 ms.
Run by hand:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/open_workspace.py
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="orep-bench-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.update(
    OWNERSREP_DATA_DIR=str(TMP / "data"),
    OWNERSREP_BACKUP_DIR=str(TMP / "backups"),
    OWNERSREP_LOG_DIR=str(TMP / "logs"),
    XDG_CONFIG_HOME=str(TMP / "config"),
)

from PySide6.QtCore import QCoreApplication, QEvent, QObject  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget  # noqa: E402

RUNS = 7
TAB_ISSUES = 2


class PaintWaiter(QObject):
    """Spins the event loop until `target` (or a child) has painted."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False
        self.target: QWidget | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        target = self.target
        if event.type() == QEvent.Type.Paint and target is not None:
            self.painted |= obj is target or (isinstance(obj, QWidget) and target.isAncestorOf(obj))
        return False

    def wait(self, target: QWidget) -> None:
        self.target, self.painted = target, False
        deadline = time.perf_counter() + 10
        while not self.painted and time.perf_counter() < deadline:
            QCoreApplication.processEvents()


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.1f} ms"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    demo = TMP / "scale20.orep"
    print("writing demo --scale 20 …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "ownersrep", "demo", str(demo), "--scale", "20"], check=True
    )
    with closing(sqlite3.connect(demo)) as conn:
        largest, second = [
            r[0]
            for r in conn.execute(
                "SELECT project_id FROM issue GROUP BY project_id ORDER BY count(*) DESC LIMIT 2"
            )
        ]
        n_issues = conn.execute(
            "SELECT count(*) FROM issue WHERE project_id = ?", (largest,)
        ).fetchone()[0]

    def sqlite_floor() -> None:
        with closing(sqlite3.connect(demo)) as conn:
            conn.execute(
                "SELECT i.id, i.number, i.issue_type, i.title, i.priority, i.status, "
                "i.raised_on, i.due_on, i.closed_on, i.cost_impact, i.schedule_impact_days, "
                "i.internal, a.name, r.name FROM issue i LEFT JOIN party a ON a.id = "
                "i.assigned_to_id LEFT JOIN party r ON r.id = i.raised_by_id "
                "WHERE i.project_id = ?",
                (largest,),
            ).fetchall()

    app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("OwnersRepBench")
    QCoreApplication.setApplicationName("OwnersRepBench")
    waiter = PaintWaiter()
    app.installEventFilter(waiter)

    from ownersrep.ui.app import Application

    def bare_window() -> None:
        w = QMainWindow()
        w.resize(1400, 860)
        w.show()
        waiter.wait(w)
        w.close()
        w.deleteLater()

    floor_paint = [timed(bare_window) for _ in range(RUNS)]
    floor_sql = [timed(sqlite_floor) for _ in range(RUNS)]

    opens: list[float] = []
    controller = Application()
    for _ in range(RUNS):
        controller.settings.set_last_project(demo, largest)
        controller.settings.set_last_tab(TAB_ISSUES)

        def open_and_paint() -> None:
            assert controller.open_workspace(demo)
            waiter.wait(controller.window)  # type: ignore[arg-type]

        opens.append(timed(open_and_paint))
        window = controller.window
        assert window is not None and window.current_project_id() == largest
        shown = window.issues_tab.model.rowCount()
        window.close()
        controller.shutdown()
        controller.window = None

    assert controller.open_workspace(demo)
    window = controller.window
    assert window is not None
    waiter.wait(window)
    search = window.issues_tab.filter_bar.search_edit
    window.issues_tab.filter_bar.status_combo.setCurrentIndex(0)  # all statuses
    search.setFocus()
    keys: list[float] = []
    for text in ("c", "o", "n", "c", "r", "e", "t", "e"):
        keys.append(
            timed(lambda t=text: (QTest.keyClicks(search, t), waiter.wait(window.issues_tab.table)))
        )
    for _ in range(len("concrete")):
        keys.append(
            timed(lambda: (QTest.keyClick(search, "\b"), waiter.wait(window.issues_tab.table)))
        )

    switches: list[float] = []
    for i in range(RUNS * 2):
        target = second if i % 2 == 0 else largest
        switches.append(
            timed(lambda t=target: (window.open_project(t), waiter.wait(window.issues_tab.table)))
        )
    controller.shutdown()

    print(
        f"\nworkspace: {demo.stat().st_size / 1e6:.1f} MB; largest project has "
        f"{n_issues} issues ({shown} shown by the default filter); medians of {RUNS}+ runs"
    )
    print(f"  floor: empty QMainWindow first paint      {median_ms(floor_paint)}")
    print(f"  floor: same issue rows via plain sqlite3  {median_ms(floor_sql)}")
    print(f"  open to first painted window (Issues)     {median_ms(opens)}   target < 600 ms")
    print(f"  filter keystroke to repaint               {median_ms(keys)}   target < 30 ms")
    print(f"  switch project to repaint                 {median_ms(switches)}   target < 150 ms")


if __name__ == "__main__":
    main()
