"""The Baselines dialog: its model, the buttons driving undoable commands, refusals
explained, and refreshing from the change bus."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from ownersrep.services.app_services import AppServices
from ownersrep.services.baseline_types import BaselineRef
from ownersrep.services.context import ServiceContext
from ownersrep.ui.baseline_table_model import BaselineTableModel
from ownersrep.ui.baselines_dialog import BaselinesDialog
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.baseline_commands import DeleteBaselineCommand
from ownersrep.ui.commands.task_commands import DeleteTaskCommand
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, SORT_ROLE

MON = date(2027, 3, 1)


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def pid(services: AppServices) -> int:
    pid = services.projects.create("Riverside Clinic").value.id
    services.tasks.create_task(pid, None, "Excavation", start=MON, duration_days=5)
    services.tasks.create_task(pid, None, "Footings", start=date(2027, 3, 8), duration_days=10)
    return pid


@pytest.fixture
def saved(services: AppServices, pid: int) -> list[int]:
    return [services.baselines.save_baseline(pid, n).value.id for n in ("Contract", "Re-plan")]


def make_dialog(qtbot: QtBot, services: AppServices, stack: QUndoStack, bus: ChangeBus, pid: int):
    dlg = BaselinesDialog(services, stack, bus, pid)
    qtbot.addWidget(dlg)
    return dlg


@pytest.fixture
def dialog(
    qtbot: QtBot,
    services: AppServices,
    stack: QUndoStack,
    bus: ChangeBus,
    pid: int,
    saved: list[int],
) -> BaselinesDialog:
    return make_dialog(qtbot, services, stack, bus, pid)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown


class Prompt:
    """Stands in for the name prompt: `answers` queues what it returns (a name, or
    None for Cancel); `prefilled` records the text it was opened with."""

    def __init__(self) -> None:
        self.answers: list[str | None] = []
        self.prefilled: list[str] = []

    def get_text(self, _parent: Any, _title: str, _label: str, _mode: Any, text: str) -> Any:
        self.prefilled.append(text)
        answer = self.answers.pop(0)
        return ("", False) if answer is None else (answer, True)


@pytest.fixture
def prompt(monkeypatch: pytest.MonkeyPatch) -> Prompt:
    p = Prompt()
    monkeypatch.setattr(QInputDialog, "getText", p.get_text)
    return p


def rows(dialog: BaselinesDialog) -> list[list[str]]:
    m = dialog.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def names(dialog: BaselinesDialog) -> list[str]:
    return [row[BaselineTableModel.COL_NAME] for row in rows(dialog)]


# -- the model -----------------------------------------------------------------------
def test_model_passes_the_model_tester(qtmodeltester: Any, dialog: BaselinesDialog) -> None:
    qtmodeltester.check(dialog.model)


def test_model_shows_each_baseline(qtmodeltester: Any) -> None:
    model = BaselineTableModel()
    refs = [
        BaselineRef(7, 1, "Baseline", 0, None, 1250, False),
        BaselineRef(8, 1, "Contract", 1, datetime(2026, 11, 20, 9, 5), 3, True),
    ]
    model.set_baselines(refs)
    qtmodeltester.check(model)
    assert [[model.index(r, c).data() for c in range(4)] for r in range(2)] == [
        ["Baseline", "From imported file", "1,250", ""],
        ["Contract", "20 Nov 2026 09:05", "3", "✓ Compared"],
    ]
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == (
        "Came with the imported schedule file (its baseline 0)"
    )
    assert model.index(0, 2).data(SORT_ROLE) == 1250
    assert model.index(1, 0).data(ID_ROLE) == 8
    assert model.index(1, 0).data(DTO_ROLE) is refs[1]
    assert model.compared() is refs[1]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Comparison"


# -- the dialog ------------------------------------------------------------------------
def test_lists_baselines_and_selects_the_compared_one(
    dialog: BaselinesDialog, saved: list[int]
) -> None:
    assert dialog.windowTitle() == "Baselines — Riverside Clinic"
    assert [(r[0], r[2], r[3]) for r in rows(dialog)] == [
        ("Contract", "2", "✓ Compared"),
        ("Re-plan", "2", ""),
    ]
    assert dialog.selected_baseline().id == saved[0]  # type: ignore[union-attr]
    assert not dialog.compare_button.isEnabled()  # already compared
    assert dialog.stop_button.isEnabled()
    assert dialog.empty_label.isHidden()


def test_an_empty_project_says_what_to_do(
    qtbot: QtBot, services: AppServices, stack: QUndoStack, bus: ChangeBus, pid: int
) -> None:
    dlg = make_dialog(qtbot, services, stack, bus, pid)
    assert rows(dlg) == []
    assert not dlg.empty_label.isHidden()
    assert not dlg.rename_button.isEnabled() and not dlg.delete_button.isEnabled()
    assert not dlg.compare_button.isEnabled() and not dlg.stop_button.isEnabled()


def test_save_asks_a_name_prefilled_and_runs_the_command(
    dialog: BaselinesDialog, services: AppServices, stack: QUndoStack, pid: int, prompt: Prompt
) -> None:
    prompt.answers.append("After the storm")
    dialog.save_button.click()
    assert prompt.prefilled == ["Baseline 2 — 20 Nov 2026"]
    assert names(dialog) == ["Contract", "Re-plan", "After the storm"]
    assert dialog.selected_baseline().name == "After the storm"  # type: ignore[union-attr]
    assert stack.undoText() == "Save baseline “After the storm”"
    stack.undo()
    assert names(dialog) == ["Contract", "Re-plan"]
    stack.redo()
    assert names(dialog) == ["Contract", "Re-plan", "After the storm"]


def test_a_refused_name_is_explained_and_asked_again(
    dialog: BaselinesDialog, stack: QUndoStack, warnings: list[str], prompt: Prompt
) -> None:
    prompt.answers.extend(["re-PLAN", None])  # taken, then Cancel
    dialog.save_button.click()
    assert warnings == ["Name: a baseline called “re-PLAN” already exists"]
    assert prompt.prefilled == ["Baseline 2 — 20 Nov 2026", "re-PLAN"]
    assert names(dialog) == ["Contract", "Re-plan"]
    assert stack.count() == 0


def test_rename_runs_the_command(
    dialog: BaselinesDialog, stack: QUndoStack, saved: list[int], prompt: Prompt, warnings: list
) -> None:
    dialog.select_baseline(saved[1])
    prompt.answers.extend(["", "Re-plan (March)"])  # empty is refused, then a good name
    dialog.rename_button.click()
    assert warnings == ["Name: is required"]
    assert prompt.prefilled == ["Re-plan", ""]
    assert names(dialog) == ["Contract", "Re-plan (March)"]
    stack.undo()
    assert names(dialog) == ["Contract", "Re-plan"]
    assert dialog.selected_baseline().id == saved[1]  # type: ignore[union-attr]


def test_delete_asks_first_and_can_be_undone(
    dialog: BaselinesDialog,
    services: AppServices,
    stack: QUndoStack,
    pid: int,
    saved: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or reply[0]
    )
    dialog.delete_button.click()
    assert names(dialog) == ["Contract", "Re-plan"]
    assert "Delete the baseline “Contract” and its dates for 2 tasks?" in asked[0]
    assert "no longer be compared" in asked[0]

    reply[0] = QMessageBox.StandardButton.Yes
    dialog.delete_button.click()
    assert names(dialog) == ["Re-plan"]
    assert services.baselines.compared_baseline(pid) is None
    assert not dialog.stop_button.isEnabled()
    assert dialog.selected_baseline().id == saved[1]  # type: ignore[union-attr]
    stack.undo()
    assert names(dialog) == ["Contract", "Re-plan"]
    assert services.baselines.compared_baseline(pid) == saved[0]


def test_compare_and_stop_comparing(
    dialog: BaselinesDialog, services: AppServices, stack: QUndoStack, pid: int, saved: list
) -> None:
    dialog.select_baseline(saved[1])
    assert dialog.compare_button.isEnabled()
    dialog.compare_button.click()
    assert services.baselines.compared_baseline(pid) == saved[1]
    assert [r[3] for r in rows(dialog)] == ["", "✓ Compared"]
    assert not dialog.compare_button.isEnabled()

    dialog.stop_button.click()
    assert services.baselines.compared_baseline(pid) is None
    assert [r[3] for r in rows(dialog)] == ["", ""]
    assert not dialog.stop_button.isEnabled() and dialog.compare_button.isEnabled()

    stack.undo()
    stack.undo()
    assert [r[3] for r in rows(dialog)] == ["✓ Compared", ""]
    assert services.baselines.compared_baseline(pid) == saved[0]


def test_refreshes_from_changes_made_elsewhere(
    dialog: BaselinesDialog,
    services: AppServices,
    stack: QUndoStack,
    bus: ChangeBus,
    pid: int,
    saved: list[int],
) -> None:
    run_command(stack, DeleteBaselineCommand(services, bus, saved[1]))
    assert names(dialog) == ["Contract"]
    task_id = services.tasks.list_tasks(pid)[0].id
    run_command(stack, DeleteTaskCommand(services, bus, task_id))
    assert [r[2] for r in rows(dialog)] == ["1"]  # the task's baseline dates went with it


def test_undo_buttons_follow_the_stack(
    dialog: BaselinesDialog, stack: QUndoStack, prompt: Prompt
) -> None:
    assert not dialog.undo_button.isEnabled()
    prompt.answers.append("Weekly update")
    dialog.save_button.click()
    assert dialog.undo_button.isEnabled()
    dialog.undo_button.click()
    assert names(dialog) == ["Contract", "Re-plan"]
    assert dialog.redo_button.isEnabled()
