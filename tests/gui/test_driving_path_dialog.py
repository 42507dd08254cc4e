"""The driving path dialog: the summary, the steps in order, and "Go to task"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ownersrep.domain.scheduling.cpm import schedule
from ownersrep.domain.scheduling.model import (
    CalendarSpec,
    SchedLink,
    SchedProject,
    SchedTask,
)
from ownersrep.services.schedule_explain import PathStep, explain
from ownersrep.ui.driving_path_dialog import (
    COL_FINISH,
    COL_FLOAT,
    COL_NAME,
    COL_REASON,
    COL_START,
    COL_WBS,
    DrivingPathDialog,
)

DAY = 480
WBS = {1: "1.1", 2: "1.2", 3: "2.1"}


def steps() -> list[PathStep]:
    """Mobilise (Mon 5 Jan 2026, 3 days) → Formwork L2 (4 days) → Pour slab L2 (1 day)."""
    tasks = (
        SchedTask(1, "Mobilise site", duration=3 * DAY),
        SchedTask(2, "Formwork L2", duration=4 * DAY),
        SchedTask(3, "Pour slab L2", duration=DAY),
    )
    project = SchedProject(
        start=datetime(2026, 1, 5, 8),
        calendars=(CalendarSpec(key="std", name="Standard"),),
        default_calendar="std",
        tasks=tasks,
        links=(SchedLink(1, 2), SchedLink(2, 3)),
    )
    return explain(project, schedule(project), 3, WBS)


def rows(dlg: DrivingPathDialog) -> list[list[str]]:
    table = dlg.table
    cols = (COL_WBS, COL_NAME, COL_START, COL_FINISH, COL_FLOAT, COL_REASON)
    return [[table.topLevelItem(r).text(c) for c in cols] for r in range(table.topLevelItemCount())]


def test_it_lists_the_path_and_sums_it_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = DrivingPathDialog(steps(), "Why “Pour slab L2” starts on 14 Jan 2026")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.windowTitle() == "Why “Pour slab L2” starts on 14 Jan 2026"
    assert rows(dlg) == [
        ["2.1", "Pour slab L2", "14 Jan 2026", "14 Jan 2026", "0 d · critical", FORMWORK],
        ["1.2", "Formwork L2", "08 Jan 2026", "13 Jan 2026", "0 d · critical", MOBILISE],
        ["1.1", "Mobilise site", "05 Jan 2026", "07 Jan 2026", "0 d · critical", START],
    ]
    assert dlg.summary.text() == (
        "“Pour slab L2” starts on 14 Jan 2026 because “Formwork L2” finishes on "
        "13 Jan 2026 (FS). That task starts on 8 Jan 2026 because “Mobilise site” "
        "finishes on 7 Jan 2026 (FS). That task starts on 5 Jan 2026 because of the "
        "project start 5 Jan 2026: nothing holds it later. It is critical: its total "
        "float is 0 working days, so a day's slip here delays the project finish."
    )


FORMWORK = "finish of 1.2 Formwork L2 (FS) ↓"
MOBILISE = "finish of 1.1 Mobilise site (FS) ↓"
START = "the project start 5 Jan 2026"


def test_go_to_task_emits_the_selected_task_and_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = DrivingPathDialog(steps(), "Why")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.selected_task_id() == 3  # the task asked about is selected at first
    assert dlg.go_button.isEnabled()
    dlg.table.setCurrentItem(dlg.table.topLevelItem(1))
    with qtbot.waitSignal(dlg.task_chosen) as signal:
        qtbot.mouseClick(dlg.go_button, Qt.MouseButton.LeftButton)
    assert signal.args == [2]
    assert dlg.result() == QDialog.DialogCode.Accepted


def test_activating_a_row_goes_to_its_task(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = DrivingPathDialog(steps(), "Why")
    qtbot.addWidget(dlg)
    dlg.show()
    item = dlg.table.topLevelItem(2)
    with qtbot.waitSignal(dlg.task_chosen) as signal:
        dlg.table.itemActivated.emit(item, COL_NAME)
    assert signal.args == [1]


def test_without_a_selection_go_to_task_is_off(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = DrivingPathDialog(steps(), "Why")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.table.clearSelection()
    assert dlg.selected_task_id() is None
    assert not dlg.go_button.isEnabled()


def test_close_rejects(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = DrivingPathDialog(steps(), "Why")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.buttons.rejected.emit()
    assert dlg.result() == QDialog.DialogCode.Rejected


def test_an_empty_path(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = DrivingPathDialog([], "Why")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.table.topLevelItemCount() == 0
    assert dlg.summary.text() == "Nothing drives this task."
    assert not dlg.go_button.isEnabled()
