"""The Overview tab: shows the project, commits each finished field as one undoable
command, explains refusals and reverts, and follows changes made elsewhere."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QFocusEvent, QUndoStack, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from ownersrep.domain.enums import PartyRole, ProjectKind, ProjectStatus
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_service import ProjectDTO
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.party_commands import EditPartyCommand
from ownersrep.ui.commands.project_commands import EditProjectFieldCommand
from ownersrep.ui.overview_tab import NULL_DATE, OverviewTab, project_facts
from ownersrep.ui.parties_dialog import PartiesDialog

TODAY = date(2026, 11, 20)  # the ctx fixture's clock


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
def parties(services: AppServices) -> dict[str, int]:
    create = services.parties.create
    return {
        "owner": create("Riverside Health System", PartyRole.OWNER).value.id,
        "gc": create("Summit Builders Inc.", PartyRole.CONTRACTOR).value.id,
        "arch": create("Hartwell Architects", PartyRole.CONSULTANT).value.id,
    }


@pytest.fixture
def project_id(services: AppServices, parties: dict[str, int]) -> int:
    return services.projects.create(
        "Riverside Clinic",
        code="RCC-01",
        client_id=parties["owner"],
        contractor_id=parties["gc"],
        planned_start=date(2025, 9, 2),
        planned_finish=date(2027, 3, 31),
        status_date=date(2026, 10, 31),
        currency="USD",
        location="Riverside, CA",
        description="Two-storey outpatient clinic.",
    ).value.id


@pytest.fixture
def tab(
    qtbot: QtBot, services: AppServices, stack: QUndoStack, bus: ChangeBus, project_id: int
) -> OverviewTab:
    widget = OverviewTab(services, stack, bus)
    qtbot.addWidget(widget)
    widget.set_project(project_id)
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown


def combo_items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


# -- showing -------------------------------------------------------------------------
def test_form_shows_every_field(tab: OverviewTab, parties: dict[str, int]) -> None:
    assert tab.stack.currentIndex() == 1
    assert tab.name_edit.text() == "Riverside Clinic"
    assert tab.code_edit.text() == "RCC-01"
    assert tab.kind_combo.currentData() == "construction"
    assert tab.status_combo.currentText() == "Active"
    assert tab.client_combo.currentData() == parties["owner"]
    assert tab.contractor_combo.currentData() == parties["gc"]
    assert tab.date_edits["planned_start"].date() == QDate(2025, 9, 2)
    assert tab.date_edits["status_date"].text() == "31 Oct 2026"
    assert (tab.location_edit.text(), tab.currency_edit.text()) == ("Riverside, CA", "USD")
    assert tab.description_edit.toPlainText() == "Two-storey outpatient clinic."
    assert tab.title_label.text() == "Riverside Clinic"
    assert tab.kind_badge.text() == "Construction"
    facts = " ".join(label.text() for label in tab.fact_labels)
    assert "576 calendar days" in facts and "131 days to go" in facts and "20 days ago" in facts


def test_party_combos_put_the_fitting_role_first_but_allow_any(tab: OverviewTab) -> None:
    assert combo_items(tab.client_combo) == [
        "(none)",
        "Riverside Health System",
        "",  # separator
        "Hartwell Architects (consultant)",
        "Summit Builders Inc. (contractor)",
    ]
    assert combo_items(tab.contractor_combo)[:2] == ["(none)", "Summit Builders Inc."]


def test_no_project_or_a_deleted_one_shows_the_placeholder(
    tab: OverviewTab, services: AppServices, project_id: int, bus: ChangeBus
) -> None:
    tab.set_project(None)
    assert tab.stack.currentIndex() == 0
    tab.set_project(project_id)
    out = services.projects.delete(project_id)
    bus.changed.emit(out.changes)
    assert tab.stack.currentIndex() == 0


# -- committing ----------------------------------------------------------------------
def test_name_edit_commits_and_undo_reverts_form_and_database(
    tab: OverviewTab, services: AppServices, stack: QUndoStack, project_id: int
) -> None:
    tab.name_edit.setText("Riverside Community Clinic")
    tab.name_edit.editingFinished.emit()
    assert services.projects.get(project_id).name == "Riverside Community Clinic"
    assert stack.count() == 1 and stack.undoText() == "Edit project name"
    assert tab.title_label.text() == "Riverside Community Clinic"

    stack.undo()
    assert services.projects.get(project_id).name == "Riverside Clinic"
    assert tab.name_edit.text() == "Riverside Clinic"
    assert tab.title_label.text() == "Riverside Clinic"

    stack.redo()
    assert tab.name_edit.text() == "Riverside Community Clinic"


def test_finishing_an_unchanged_field_pushes_nothing(tab: OverviewTab, stack: QUndoStack) -> None:
    tab.name_edit.setText("Riverside Clinic  ")
    tab.name_edit.editingFinished.emit()
    tab.currency_edit.setText("usd")
    tab.currency_edit.editingFinished.emit()
    assert stack.count() == 0


def test_refused_planned_finish_warns_and_reverts(
    tab: OverviewTab,
    services: AppServices,
    stack: QUndoStack,
    project_id: int,
    warnings: list[str],
) -> None:
    finish = tab.date_edits["planned_finish"]
    finish.setDate(QDate(2025, 1, 31))
    finish.editingFinished.emit()
    assert warnings == ["Planned finish: (31 Jan 2025) is before Planned start (02 Sep 2025)"]
    assert services.projects.get(project_id).planned_finish == date(2027, 3, 31)
    assert finish.date() == QDate(2027, 3, 31)
    assert stack.count() == 0


def test_refused_currency_names_the_problem(
    tab: OverviewTab, services: AppServices, project_id: int, warnings: list[str]
) -> None:
    tab.currency_edit.setText("US")
    tab.currency_edit.editingFinished.emit()
    assert warnings == ["Currency: “US” is not a three-letter ISO code"]
    assert tab.currency_edit.text() == "USD"
    assert services.projects.get(project_id).currency == "USD"


def test_refused_empty_name(tab: OverviewTab, warnings: list[str]) -> None:
    tab.name_edit.setText("   ")
    tab.name_edit.editingFinished.emit()
    assert warnings == ["Project name: is required"]
    assert tab.name_edit.text() == "Riverside Clinic"


def test_combos_commit_on_change(
    tab: OverviewTab,
    services: AppServices,
    stack: QUndoStack,
    project_id: int,
    parties: dict[str, int],
) -> None:
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("internal"))
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("on_hold"))
    tab.contractor_combo.setCurrentIndex(tab.contractor_combo.findData(parties["arch"]))
    got = services.projects.get(project_id)
    assert (got.kind, got.status, got.contractor_id) == (
        ProjectKind.INTERNAL,
        ProjectStatus.ON_HOLD,
        parties["arch"],
    )
    assert stack.count() == 3 and tab.kind_badge.text() == "Internal"
    tab.client_combo.setCurrentIndex(0)
    assert services.projects.get(project_id).client_id is None
    stack.undo()
    assert tab.client_combo.currentData() == parties["owner"]
    stack.undo()
    assert tab.contractor_combo.currentData() == parties["gc"]


def test_dates_commit_clear_and_undo(
    tab: OverviewTab, services: AppServices, stack: QUndoStack, project_id: int
) -> None:
    status = tab.date_edits["status_date"]
    status.setDate(QDate(2026, 11, 15))
    status.editingFinished.emit()
    assert services.projects.get(project_id).status_date == date(2026, 11, 15)

    clear = status.parentWidget().findChild(QToolButton)
    assert clear.toolTip() == "Clear the status date"
    clear.click()
    assert services.projects.get(project_id).status_date is None
    assert status.date() == NULL_DATE and status.text() == "Not set"
    assert "Not set" in tab.fact_labels[2].text()

    stack.undo()
    assert status.date() == QDate(2026, 11, 15)
    stack.undo()
    assert services.projects.get(project_id).status_date == date(2026, 10, 31)


def test_description_commits_when_focus_leaves(
    tab: OverviewTab, services: AppServices, stack: QUndoStack, project_id: int
) -> None:
    tab.description_edit.setPlainText("Two-storey clinic with imaging suite.")
    assert services.projects.get(project_id).description == "Two-storey outpatient clinic."
    QApplication.sendEvent(tab.description_edit, QFocusEvent(QEvent.Type.FocusOut))
    assert services.projects.get(project_id).description == (
        "Two-storey clinic with imaging suite."
    )
    assert stack.undoText() == "Edit description"


# -- following changes made elsewhere --------------------------------------------------
def test_reloads_on_party_and_project_changes(
    tab: OverviewTab,
    services: AppServices,
    stack: QUndoStack,
    bus: ChangeBus,
    project_id: int,
    parties: dict[str, int],
) -> None:
    run_command(stack, EditPartyCommand(services, bus, parties["owner"], {"name": "RHS"}))
    assert tab.client_combo.currentText() == "RHS"
    edit = EditProjectFieldCommand(services, bus, project_id, {"location": "Corona, CA"})
    run_command(stack, edit)
    assert tab.location_edit.text() == "Corona, CA"


def test_ignores_changes_to_other_projects(
    tab: OverviewTab, services: AppServices, stack: QUndoStack, bus: ChangeBus
) -> None:
    other = services.projects.create("Library").value.id
    calls: list[int] = []
    original = services.projects.get
    services.projects.get = lambda pid: calls.append(pid) or original(pid)  # type: ignore[method-assign]
    run_command(stack, EditProjectFieldCommand(services, bus, other, "location", "Norco"))
    assert calls == []


def test_reload_keeps_what_the_user_is_typing(
    qtbot: QtBot,
    tab: OverviewTab,
    services: AppServices,
    stack: QUndoStack,
    bus: ChangeBus,
    project_id: int,
) -> None:
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    tab.name_edit.setFocus()
    qtbot.waitUntil(tab.name_edit.hasFocus)
    tab.name_edit.setText("Riverside Clin")  # half typed
    run_command(stack, EditProjectFieldCommand(services, bus, project_id, "location", "Norco"))
    assert tab.location_edit.text() == "Norco"
    assert tab.name_edit.text() == "Riverside Clin"
    tab.name_edit.editingFinished.emit()
    assert services.projects.get(project_id).name == "Riverside Clin"


# -- derived facts -------------------------------------------------------------------
def dto(**fields: object) -> ProjectDTO:
    base: dict[str, object] = {
        "id": 1,
        "program_id": None,
        "name": "P",
        "code": "",
        "kind": ProjectKind.CONSTRUCTION,
        "status": ProjectStatus.ACTIVE,
        "client_id": None,
        "client_name": "",
        "contractor_id": None,
        "contractor_name": "",
        "planned_start": None,
        "planned_finish": None,
        "status_date": None,
        "currency": "USD",
        "location": "",
        "description": "",
    }
    return ProjectDTO(**{**base, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {},
            [
                ("Planned duration", "—", "needs planned start and finish"),
                ("Planned finish", "—", "not set"),
                ("Status date", "Not set", "progress is measured at this date"),
            ],
        ),
        (
            {
                "planned_start": date(2026, 11, 1),
                "planned_finish": date(2026, 11, 21),
                "status_date": date(2026, 11, 20),
            },
            [
                ("Planned duration", "21 calendar days", "01 Nov 2026 – 21 Nov 2026"),
                ("Planned finish", "1 day to go", "21 Nov 2026"),
                ("Status date", "20 Nov 2026", "today"),
            ],
        ),
        (
            {"planned_finish": date(2026, 11, 20), "status_date": date(2026, 11, 23)},
            [
                ("Planned duration", "—", "needs planned start and finish"),
                ("Planned finish", "Today", "20 Nov 2026"),
                ("Status date", "23 Nov 2026", "3 days ahead"),
            ],
        ),
    ],
)
def test_project_facts(fields: dict, expected: list) -> None:
    assert project_facts(dto(**fields), TODAY) == expected


def test_project_facts_past_and_finished() -> None:
    late = dto(planned_finish=date(2026, 11, 8))
    assert project_facts(late, TODAY)[1] == (
        "Planned finish",
        "Passed",
        "12 days ago, not marked complete",
    )
    done = dto(planned_finish=date(2026, 11, 8), status=ProjectStatus.COMPLETE)
    assert project_facts(done, TODAY)[1][1] == "Finished"


def test_manage_parties_opens_the_dialog(tab: OverviewTab, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[PartiesDialog] = []
    monkeypatch.setattr(PartiesDialog, "exec", lambda self: opened.append(self) or 0)
    tab.manage_parties_button.click()
    assert len(opened) == 1 and opened[0].party_model.rowCount() == 3


def test_wheel_over_an_unfocused_combo_changes_nothing(tab: OverviewTab, stack: QUndoStack) -> None:
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(5, 5),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    start = tab.date_edits["planned_start"]
    for widget in (tab.kind_combo, tab.client_combo, start):
        QApplication.sendEvent(widget, wheel)
    assert tab.kind_combo.currentData() == "construction"
    assert tab.client_combo.currentIndex() == 1
    assert start.date() == QDate(2025, 9, 2)
    assert stack.count() == 0
    bare = QComboBox()  # the same event does change a combo without the guard
    bare.addItems(["a", "b"])
    QApplication.sendEvent(bare, wheel)
    assert bare.currentIndex() == 1
