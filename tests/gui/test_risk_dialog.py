"""The risk dialog on its own, and the add / edit / delete flows of the Risks tab that
open it (with the modal exec() replaced by a scripted user)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox

from ownersrep.domain.enums import PartyRole, RiskStatus
from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyRef
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.risk_dialog import RiskDialog
from ownersrep.ui.risk_table_model import COL_NUMBER, COL_REVIEW, COL_TITLE
from ownersrep.ui.risks_tab import RisksTab
from ownersrep.ui.roles import OVERDUE_ROLE
from tests.conftest import TODAY

PARTIES = [PartyRef(7, "Apex Builders", PartyRole.CONTRACTOR)]


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def fake(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake)
    return shown


# -- the dialog alone -----------------------------------------------------------------
def test_new_dialog_defaults_and_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    saved: list[dict[str, Any]] = []
    dlg = RiskDialog(PARTIES, saved.append, TODAY)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.windowTitle() == "New risk"
    assert dlg.values() == {
        "title": "",
        "category": "construction",
        "cause": "",
        "effect": "",
        "probability": 3,
        "impact": 3,
        "response": "mitigate",
        "mitigation": "",
        "owner_id": None,
        "status": "open",
        "raised_on": TODAY,
        "review_on": None,
    }
    assert not dlg.review_on.isEnabled()
    assert "<b>9</b> Medium" in dlg.score.text()

    dlg.title.setText("Long lead time for switchgear")
    dlg.probability.setCurrentIndex(dlg.probability.findData(4))
    dlg.impact.setCurrentIndex(dlg.impact.findData(5))
    assert "<b>20</b> High" in dlg.score.text()
    dlg.owner.setCurrentIndex(dlg.owner.findText("Apex Builders"))
    qtbot.mouseClick(dlg.has_review, Qt.MouseButton.LeftButton)
    assert dlg.review_on.isEnabled()
    dlg.review_on.setDate(QDate(2026, 12, 4))
    dlg.mitigation.setPlainText("Order early; pay a reservation fee")
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    (values,) = saved
    assert values["title"] == "Long lead time for switchgear"
    assert (values["probability"], values["impact"], values["owner_id"]) == (4, 5, 7)
    assert values["review_on"] == date(2026, 12, 4)
    assert values["mitigation"] == "Order early; pay a reservation fee"


def test_refusal_keeps_the_dialog_open(qtbot, warnings: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    def refuse(values: dict[str, Any]) -> None:
        raise ValidationError("Title", "is required")

    dlg = RiskDialog(PARTIES, refuse, TODAY)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.probability.setFocus()
    dlg.accept()
    assert warnings == [("Cannot save", "Title: is required")]
    assert dlg.isVisible() and dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.title.hasFocus() or dlg.focusWidget() is dlg.title


def test_edit_dialog_reports_only_changed_fields(qtbot, ctx: ServiceContext) -> None:  # type: ignore[no-untyped-def]
    services = AppServices(ctx)
    pid = services.projects.create("Depot").value.id
    dto = services.risks.create(
        pid, "Crane", 2, 3, raised_on=date(2026, 6, 1), review_on=date(2026, 12, 1)
    ).value
    dlg = RiskDialog(PARTIES, lambda v: None, TODAY, dto)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Edit risk RSK-001"
    assert dlg.changed_values() == {}
    assert dlg.has_review.isChecked() and dlg.review_on.date() == QDate(2026, 12, 1)
    dlg.has_review.setChecked(False)
    dlg.status.setCurrentIndex(dlg.status.findData("occurred"))
    dlg.title.setText("Crane  ")
    assert dlg.changed_values() == {"review_on": None, "status": "occurred", "title": "Crane  "}


# -- the tab's flows ------------------------------------------------------------------
Script = Callable[[RiskDialog], None]


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> list[Script]:
    """Each RiskDialog.exec() runs the next script (it plays the user), then returns."""
    scripts: list[Script] = []

    def fake_exec(dlg: RiskDialog) -> int:
        dlg.show()
        scripts.pop(0)(dlg)
        return int(dlg.result())

    monkeypatch.setattr(RiskDialog, "exec", fake_exec)
    return scripts


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def tab(qtbot, services: AppServices, stack: QUndoStack) -> RisksTab:  # type: ignore[no-untyped-def]
    pid = services.projects.create("Riverside Library").value.id
    services.parties.create("Apex Builders", PartyRole.CONTRACTOR)
    services.risks.create(pid, "Unforeseen ground conditions", 3, 5, raised_on=date(2026, 6, 1),
                          review_on=date(2026, 11, 12))  # fmt: skip
    services.risks.create(pid, "Long lead time for switchgear", 4, 4)
    w = RisksTab(services, stack, ChangeBus())
    qtbot.addWidget(w)
    w.resize(1300, 750)
    w.show()
    w.set_project(pid)
    return w


def titles(tab: RisksTab) -> dict[str, str]:
    m = tab.model
    return {
        m.index(r, COL_NUMBER).data(): m.index(r, COL_TITLE).data() for r in range(m.rowCount())
    }


def ok(dlg: RiskDialog) -> None:
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()


def test_add_through_the_tab_with_a_refusal_first(
    tab: RisksTab,
    services: AppServices,
    stack: QUndoStack,
    scripted: list[Script],
    warnings: list[tuple[str, str]],
) -> None:
    def user(dlg: RiskDialog) -> None:
        ok(dlg)  # empty title: refused, the dialog stays open
        assert dlg.isVisible()
        dlg.title.setText("Planning condition discharge delayed")
        dlg.impact.setCurrentIndex(dlg.impact.findData(4))
        dlg.owner.setCurrentIndex(dlg.owner.findText("Apex Builders"))
        ok(dlg)

    scripted.append(user)
    tab.add_risk()
    assert warnings == [("Cannot save", "Title: is required")]
    assert stack.count() == 1 and stack.undoText() == "Add risk RSK-003"
    assert titles(tab)["RSK-003"] == "Planning condition discharge delayed"
    selected = tab.selected_row()
    assert selected is not None and selected.number == "RSK-003"
    assert selected.owner_name == "Apex Builders" and selected.score == 12
    stack.undo()
    assert "RSK-003" not in titles(tab)
    stack.redo()
    assert "RSK-003" in titles(tab)


def test_cancel_adds_nothing(tab: RisksTab, stack: QUndoStack, scripted: list[Script]) -> None:
    scripted.append(lambda dlg: dlg.reject())
    tab.add_risk()
    assert stack.count() == 0 and len(titles(tab)) == 2


def test_added_risk_hidden_by_the_map_filter_is_revealed(
    qtbot,
    tab: RisksTab,
    scripted: list[Script],  # type: ignore[no-untyped-def]
) -> None:
    tab.set_cell_filter((4, 4))
    qtbot.keyClicks(tab.search_edit, "switchgear")

    def user(dlg: RiskDialog) -> None:
        dlg.title.setText("Asbestos in plant room")
        ok(dlg)

    scripted.append(user)
    tab.add_risk()
    assert tab.heat_map.selected() is None and tab.search_edit.text() == ""
    row = tab.selected_row()
    assert row is not None and row.title == "Asbestos in plant room"


def test_double_click_edits_and_undo_restores(
    qtbot,
    tab: RisksTab,
    services: AppServices,
    stack: QUndoStack,
    scripted: list[Script],  # type: ignore[no-untyped-def]
) -> None:
    row = next(r for r in range(tab.model.rowCount()) if tab.model.row_at(r).number == "RSK-001")
    rect = tab.table.visualRect(tab.model.index(row, COL_TITLE))

    def user(dlg: RiskDialog) -> None:
        assert dlg.title.text() == "Unforeseen ground conditions"
        dlg.title.setText("Unforeseen ground conditions at foundation excavation")
        dlg.status.setCurrentIndex(dlg.status.findData("closed"))
        ok(dlg)

    scripted.append(user)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert scripted == []
    assert stack.undoText() == "Edit risk RSK-001"
    assert "RSK-001" not in titles(tab)  # closed: hidden by the default status filter
    rid = services.risks.list_risks(tab.project_id() or 0)[0].id
    assert services.risks.get(rid).status is RiskStatus.CLOSED
    stack.undo()
    assert titles(tab)["RSK-001"] == "Unforeseen ground conditions"
    review = tab.model.index(tab.model.row_of_id(rid) or 0, COL_REVIEW)
    assert review.data() == "12 Nov 2026" and review.data(OVERDUE_ROLE) is True


def test_enter_opens_the_dialog_and_no_change_pushes_nothing(
    qtbot,
    tab: RisksTab,
    stack: QUndoStack,
    scripted: list[Script],  # type: ignore[no-untyped-def]
) -> None:
    tab.table.setFocus()
    tab.select_risk(tab.model.row_at(0).id)
    scripted.append(ok)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert scripted == [] and stack.count() == 0


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_delete_asks_first(
    qtbot,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    tab: RisksTab,
    stack: QUndoStack,
    answer: QMessageBox.StandardButton,
) -> None:
    asked: list[str] = []

    def question(
        parent: object, title: str, text: str, *args: object
    ) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    tab.table.setFocus()
    target = tab.model.row_at(0)
    tab.select_risk(target.id)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert asked and asked[0].startswith(f"Delete {target.number} “{target.title}”?")
    if answer == QMessageBox.StandardButton.No:
        assert stack.count() == 0 and target.number in titles(tab)
        return
    assert stack.undoText() == f"Delete risk {target.number}"
    assert target.number not in titles(tab)
    assert tab.selected_row() is not None  # the next row is selected
    stack.undo()
    assert titles(tab)[target.number] == target.title


def test_no_project_disables_the_tab(tab: RisksTab) -> None:
    tab.set_project(None)
    assert tab.model.rowCount() == 0
    assert not tab.add_button.isEnabled() and not tab.delete_button.isEnabled()
    tab.add_risk()
    tab.delete_selected()  # nothing selected: nothing happens
