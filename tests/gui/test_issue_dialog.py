"""IssueDialog and CloseIssueDialog: values, refusals shown with the dialog kept open."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox

from ownersrep.domain.enums import IssueStatus, IssueType, PartyRole, Priority
from ownersrep.domain.errors import ValidationError
from ownersrep.services.context import ServiceContext
from ownersrep.services.issue_service import IssueService
from ownersrep.services.party_service import PartyRef, PartyService
from ownersrep.services.project_service import ProjectService
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.close_issue_dialog import CloseIssueDialog
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.issue_commands import AddIssueCommand, EditIssueCommand
from ownersrep.ui.issue_dialog import IssueDialog
from tests.conftest import TODAY


@pytest.fixture
def issues(ctx: ServiceContext) -> IssueService:
    return IssueService(ctx)


@pytest.fixture
def project_id(ctx: ServiceContext) -> int:
    return ProjectService(ctx).create("Riverside Clinic").value.id


@pytest.fixture
def parties(ctx: ServiceContext) -> list[PartyRef]:
    svc = PartyService(ctx)
    svc.create("Apex Mechanical", PartyRole.CONTRACTOR)
    svc.create("Halden Architects", PartyRole.CONSULTANT)
    return svc.list_parties()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def fake(_parent: object, title: str, text: str, *_a: object, **_k: object) -> None:
        shown.append(f"{title}|{text}")

    monkeypatch.setattr(QMessageBox, "warning", fake)
    return shown


def _select(combo: Any, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_new_issue_refused_then_saved(
    qtbot,  # type: ignore[no-untyped-def]
    issues: IssueService,
    project_id: int,
    parties: list[PartyRef],
    warnings: list[str],
) -> None:
    stack, bus = QUndoStack(), ChangeBus()

    def save(values: dict[str, Any]) -> None:
        fields = dict(values)
        kind, title = fields.pop("issue_type"), fields.pop("title")
        run_command(stack, AddIssueCommand(issues, bus, project_id, kind, title, fields))

    tasks = [(7, "MEP rough-in")]
    dialog = IssueDialog(parties, tasks, save, TODAY, issue_type=IssueType.RFI)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New RFI"
    assert dialog.no_due.isChecked() and not dialog.due_on.isEnabled()
    assert not dialog.closed_on.isEnabled()  # only for closed records
    assert [dialog.task.itemText(i) for i in range(dialog.task.count())] == [
        "— No task —",
        "MEP rough-in",
    ]

    # Empty title: refused, shown, dialog still open, nothing written.
    dialog.accept()
    assert warnings == ["Cannot save|Title: is required"]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert issues.list_issues(project_id) == [] and stack.count() == 0

    qtbot.keyClicks(dialog.title, "Clarify fire-rated ceiling at level 2 corridor")
    qtbot.keyClicks(dialog.cost, "abc")
    dialog.accept()
    assert warnings[-1] == "Cannot save|Cost impact: “abc” is not a number"

    dialog.cost.setText("12,500")
    dialog.no_due.setChecked(False)
    assert dialog.due_on.isEnabled()
    dialog.raised_on.setDate(QDate(2026, 11, 10))
    dialog.due_on.setDate(QDate(2026, 11, 9))
    dialog.accept()
    assert (
        warnings[-1] == "Cannot save|Due date: 09 Nov 2026 is before the raised date (10 Nov 2026)"
    )

    dialog.due_on.setDate(QDate(2026, 12, 1))
    _select(dialog.priority, Priority.HIGH.value)
    _select(dialog.assigned_to, parties[1].id)
    dialog.schedule.setText("5")
    dialog.internal.setChecked(True)
    qtbot.keyClicks(dialog.description, "Corridor 2.14 to 2.30")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(warnings) == 3 and stack.count() == 1
    (row,) = issues.list_issues(project_id)
    dto = issues.get(row.id)
    assert (dto.number, dto.title, dto.priority, dto.assigned_to) == (
        "RFI-0001",
        "Clarify fire-rated ceiling at level 2 corridor",
        Priority.HIGH,
        "Halden Architects",
    )
    assert (dto.raised_on, dto.due_on, dto.cost_impact, dto.schedule_impact_days) == (
        date(2026, 11, 10),
        date(2026, 12, 1),
        Decimal("12500.00"),
        5,
    )
    assert dto.internal and dto.description == "Corridor 2.14 to 2.30"


def test_type_changes_the_window_title(qtbot, parties: list[PartyRef]) -> None:  # type: ignore[no-untyped-def]
    dialog = IssueDialog(parties, [], lambda _v: None, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New issue"
    _select(dialog.issue_type, IssueType.ACTION.value)
    assert dialog.windowTitle() == "New action item"


def test_edit_sends_only_changes(
    qtbot,  # type: ignore[no-untyped-def]
    issues: IssueService,
    project_id: int,
    parties: list[PartyRef],
    warnings: list[str],
) -> None:
    issue = issues.create(
        project_id,
        IssueType.ISSUE,
        "Late delivery of AHU-2",
        assigned_to_id=parties[0].id,
        due_on=TODAY,
        cost_impact="48250",
        schedule_impact_days=12,
    ).value
    sent: list[dict[str, Any]] = []
    dialog = IssueDialog(parties, [], sent.append, TODAY, issue)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit ISS-0001"
    assert not dialog.issue_type.isEnabled()
    assert dialog.cost.text() == "48,250.00" and dialog.schedule.text() == "12"
    assert dialog.assigned_to.currentData() == parties[0].id
    assert not dialog.no_due.isChecked()

    dialog.accept()  # nothing changed: nothing sent, dialog closes
    assert sent == [] and dialog.result() == QDialog.DialogCode.Accepted

    dialog.setResult(0)
    dialog.title.setText("Late delivery of AHU-2 (revised date)")
    _select(dialog.status, IssueStatus.CLOSED.value)
    assert dialog.closed_on.isEnabled()
    qtbot.keyClicks(dialog.resolution, "Delivered")
    dialog.accept()
    assert sent == [
        {
            "title": "Late delivery of AHU-2 (revised date)",
            "status": "closed",
            "closed_on": TODAY,
            "resolution": "Delivered",
        }
    ]


def test_edit_refusal_keeps_dialog_open(
    qtbot,  # type: ignore[no-untyped-def]
    issues: IssueService,
    project_id: int,
    parties: list[PartyRef],
    warnings: list[str],
) -> None:
    issue = issues.create(project_id, IssueType.ISSUE, "Leak").value
    stack, bus = QUndoStack(), ChangeBus()

    def save(values: dict[str, Any]) -> None:
        run_command(stack, EditIssueCommand(issues, bus, {issue.id: values}))

    dialog = IssueDialog(parties, [], save, TODAY, issue)
    qtbot.addWidget(dialog)
    _select(dialog.status, IssueStatus.RESOLVED.value)
    dialog.accept()
    assert warnings == ["Cannot save|Resolution: is required when the status is Resolved"]
    assert dialog.result() != QDialog.DialogCode.Accepted and stack.count() == 0
    assert issues.get(issue.id).status is IssueStatus.OPEN


def test_close_dialog(qtbot, warnings: list[str]) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[str, date]] = []
    dialog = CloseIssueDialog(
        "ISS-0004",
        "Crane permit <renewal>",
        date(2026, 11, 6),
        lambda r, d: calls.append((r, d)),
        TODAY,
    )
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Close ISS-0004"
    assert dialog.closed_on.date() == QDate(2026, 11, 20)  # today by default
    assert dialog.closed_on.minimumDate() == QDate(2026, 11, 6)
    assert dialog.closed_on.maximumDate() == QDate(2026, 11, 20)
    assert not dialog.ok_button.isEnabled()  # a resolution is required
    qtbot.keyClicks(dialog.resolution, "Permit renewed by the city")
    assert dialog.ok_button.isEnabled()
    dialog.closed_on.setDate(QDate(2026, 11, 19))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert calls == [("Permit renewed by the city", date(2026, 11, 19))]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_close_dialog_shows_refusal(qtbot, warnings: list[str]) -> None:  # type: ignore[no-untyped-def]
    def refuse(_r: str, _d: date) -> None:
        raise ValidationError("Resolution", "is required")

    dialog = CloseIssueDialog("ISS-0001", "Leak", date(2026, 11, 1), refuse, TODAY, "x")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert warnings == ["Cannot save|Resolution: is required"]
    assert dialog.result() != QDialog.DialogCode.Accepted
