"""The prioritisation dialog: weights that must add up to 100, ratings edited in the
table, the ranking that follows, and undo of each change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QSpinBox, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.priority_dialog import PriorityDialog
from ownersrep.ui.priority_ranking_model import COL_MISSING, COL_POSITION, COL_SCORE
from ownersrep.ui.priority_rating_delegate import PriorityRatingDelegate
from ownersrep.ui.priority_rating_model import COL_PROJECT

ALL_FIVES = {"strategic_fit": 5, "value": 5, "risk": 1, "urgency": 5, "resource_need": 1}


@pytest.fixture
def app(ctx: ServiceContext) -> AppServices:
    services = AppServices(ctx)
    for name in ("Riverside Clinic", "ERP Roll-out", "Parking Structure"):
        services.projects.create(name)
    return services


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def dialog(qtbot: QtBot, app: AppServices, stack: QUndoStack) -> PriorityDialog:
    widget = PriorityDialog(app, stack, ChangeBus())
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *a: shown.append((title, text))
    )
    return shown


def column(dialog: PriorityDialog, key: str) -> int:
    model = dialog.ratings
    return next(c for c in range(1, model.score_column()) if model.criterion_at(c).key == key)


def rate(dialog: PriorityDialog, row: int, key: str, value: object) -> bool:
    index = dialog.ratings.index(row, column(dialog, key))
    return dialog.ratings.setData(index, value, Qt.ItemDataRole.EditRole)


def ranking(dialog: PriorityDialog) -> list[tuple[str, str, str]]:
    model = dialog.ranking
    return [
        (
            model.index(r, COL_POSITION).data(),
            model.index(r, 1).data(),
            model.index(r, COL_SCORE).data(),
        )
        for r in range(model.rowCount())
    ]


def test_lists_criteria_projects_and_an_empty_ranking(
    qtmodeltester, dialog: PriorityDialog
) -> None:
    qtmodeltester.check(dialog.ratings)
    qtmodeltester.check(dialog.ranking)
    headers = [
        dialog.ratings.headerData(c, Qt.Orientation.Horizontal)
        for c in range(dialog.ratings.columnCount())
    ]
    assert headers[0] == "Project" and headers[-1] == "Score"
    assert headers[1] == "Strategic fit\n30 %"
    names = [dialog.ratings.index(r, COL_PROJECT).data() for r in range(dialog.ratings.rowCount())]
    assert names == ["Riverside Clinic", "ERP Roll-out", "Parking Structure"]
    assert dialog.weights() == {
        "strategic_fit": 30,
        "value": 25,
        "risk": 15,
        "urgency": 15,
        "resource_need": 15,
    }
    assert dialog.total_label.text() == "Total: <b>100 %</b>"
    assert not dialog.apply_button.isEnabled()
    assert all(position == "—" for position, _n, _s in ranking(dialog))
    assert "Strategic fit" in dialog.ranking.index(0, COL_MISSING).data()


def test_rating_edits_are_commands_and_the_ranking_follows(
    qtmodeltester, dialog: PriorityDialog, app: AppServices, stack: QUndoStack
) -> None:
    for key, value in ALL_FIVES.items():
        assert rate(dialog, 1, key, value)
    assert ranking(dialog)[0] == ("1", "ERP Roll-out", "100.0")
    assert dialog.ratings.index(1, dialog.ratings.score_column()).data() == "100.0"
    assert not rate(dialog, 1, "value", 5)  # unchanged: nothing to do
    assert rate(dialog, 1, "value", 1)  # 100 − 25 = 75
    assert ranking(dialog)[0] == ("1", "ERP Roll-out", "75.0")
    qtmodeltester.check(dialog.ratings)
    stack.undo()
    assert ranking(dialog)[0][2] == "100.0"
    assert rate(dialog, 1, "urgency", None)  # cleared: no score any more
    assert ("—", "ERP Roll-out", "—") in ranking(dialog)
    stack.undo()
    stack.redo()
    pid = dialog.ratings.item_at(1).project_id
    assert "urgency" not in app.priorities.ratings(pid)


def test_a_rating_out_of_range_is_refused(
    dialog: PriorityDialog, stack: QUndoStack, warnings: list
) -> None:
    assert rate(dialog, 0, "value", "7")
    assert warnings == [("Cannot save", "Value: must be between 1 and 5, not 7")]
    assert stack.count() == 0 and dialog.ratings.index(0, column(dialog, "value")).data() == ""


def test_weights_must_add_up_to_100_then_apply_undo_redo(
    dialog: PriorityDialog, app: AppServices, stack: QUndoStack, warnings: list
) -> None:
    dialog.weight_spins["value"].setValue(20)
    assert "95 %" in dialog.total_label.text() and "color" in dialog.total_label.text()
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    assert warnings == [("Cannot save", "Weights: must add up to 100, not 95")]
    assert dialog.weight_spins["value"].value() == 20  # what was typed stays
    dialog.weight_spins["strategic_fit"].setValue(35)
    dialog.apply_button.click()
    assert {c.key: c.weight for c in app.priorities.criteria()}["strategic_fit"] == 35
    assert dialog.ratings.headerData(1, Qt.Orientation.Horizontal) == "Strategic fit\n35 %"
    assert not dialog.apply_button.isEnabled()
    stack.undo()
    assert dialog.weights()["strategic_fit"] == 30 and dialog.weights()["value"] == 25
    stack.redo()
    assert dialog.weights()["strategic_fit"] == 35


def test_the_rating_delegate_edits_1_to_5_and_clears_at_0(
    qtbot: QtBot, dialog: PriorityDialog, app: AppServices
) -> None:
    delegate = dialog.ratings_view.itemDelegate()
    assert isinstance(delegate, PriorityRatingDelegate)
    index = dialog.ratings.index(2, column(dialog, "urgency"))
    editor = delegate.createEditor(dialog.ratings_view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QSpinBox) and (editor.minimum(), editor.maximum()) == (0, 5)
    delegate.setEditorData(editor, index)
    assert editor.value() == 0 and editor.text() == "Not rated"
    editor.setValue(4)
    delegate.setModelData(editor, dialog.ratings, index)
    pid = dialog.ratings.item_at(2).project_id
    assert app.priorities.ratings(pid) == {"urgency": 4}
    editor.setValue(0)
    delegate.setModelData(editor, dialog.ratings, dialog.ratings.index(2, index.column()))
    assert app.priorities.ratings(pid) == {}
