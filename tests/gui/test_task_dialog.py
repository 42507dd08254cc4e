"""The task dialog: what it hands to `submit` (changed fields only), which fields it
enables, and what it does when the service refuses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QMessageBox

from ownersrep.domain.enums import PartyRole, TaskKind
from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyRef
from ownersrep.services.task_tree import TaskRow
from ownersrep.ui.task_dialog import DATES, PREDECESSOR_TAB, TaskDialog
from tests.conftest import TODAY

PARTIES = [
    PartyRef(7, "Apex Builders", PartyRole.CONTRACTOR),
    PartyRef(8, "Northwind Consulting", PartyRole.CONSULTANT),
]
ROW = TaskRow(
    id=5,
    project_id=1,
    parent_id=2,
    sort_order=2,
    wbs="2.3",
    depth=1,
    name="Pour slab L2",
    kind=TaskKind.TASK,
    start=date(2027, 3, 3),
    duration_days=2,
    finish=date(2027, 3, 4),
    percent_complete=0,
    responsible_id=7,
    responsible_name="Apex Builders",
    predecessors="2.2FS+2",
    has_children=False,
    total_float_days=0.0,
    free_float_days=0.0,
    critical=True,
    baseline_finish=date(2027, 2, 25),
    finish_variance_days=5.0,
)

Calls = list[tuple[dict[str, Any], str | None]]


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def fake(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake)
    return shown


def dialog(qtbot, row: TaskRow = ROW, calls: Calls | None = None, **kw: Any) -> TaskDialog:  # type: ignore[no-untyped-def]
    sink: Calls = calls if calls is not None else []
    dlg = TaskDialog(row, PARTIES, lambda v, p: sink.append((v, p)), TODAY, **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_it_opens_with_the_rows_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = dialog(qtbot, notes="Pump booked")
    assert dlg.windowTitle() == "Task 2.3 · Pour slab L2"
    assert dlg.values() == {
        "name": "Pour slab L2",
        "kind": "task",
        "responsible_id": 7,
        "notes": "Pump booked",
        "start": date(2027, 3, 3),
        "duration_days": 2,
        "finish": date(2027, 3, 4),
        "constraint_type": "asap",
        "constraint_date": None,
        "deadline": None,
        "percent_complete": 0,
        "actual_start": None,
        "actual_finish": None,
    }
    assert dlg.predecessors.text() == "2.2FS+2"
    labels = {k: w.text() for k, w in dlg.schedule_labels.items()}
    assert labels == {
        "Total float": "0 working days",
        "Free float": "0 working days",
        "Critical": "Yes — on the critical path",
        "Baseline finish": "25 Feb 2027",
        "Finish variance": "5 working days later",
    }


def test_only_changed_fields_are_submitted(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: Calls = []
    dlg = dialog(qtbot, calls=calls)
    dlg.name.setText("Pour slab level 2")
    dlg.duration.setValue(3)
    dlg.responsible.setCurrentIndex(dlg.responsible.findData(8))
    dlg.no_deadline.setChecked(False)
    dlg.deadline.setDate(QDate(2027, 3, 12))
    dlg.not_started.setChecked(False)
    dlg.actual_start.setDate(QDate(2027, 3, 2))
    dlg.accept()
    assert calls == [
        (
            {
                "name": "Pour slab level 2",
                "duration_days": 3,
                "responsible_id": 8,
                "deadline": date(2027, 3, 12),
                "actual_start": date(2027, 3, 2),
            },
            None,
        )
    ]
    assert dlg.result() == QDialog.DialogCode.Accepted


def test_changed_predecessors_come_as_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: Calls = []
    dlg = dialog(qtbot, calls=calls)
    dlg.predecessors.setText(" 2.2FS+2, 3.1SS ")
    dlg.accept()
    assert calls == [({}, "2.2FS+2, 3.1SS")]


def test_cleared_predecessors_are_an_empty_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: Calls = []
    dlg = dialog(qtbot, calls=calls)
    dlg.predecessors.clear()
    dlg.accept()
    assert calls == [({}, "")]


def test_nothing_changed_just_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: Calls = []
    dlg = dialog(qtbot, calls=calls)
    dlg.accept()
    assert calls == []
    assert dlg.result() == QDialog.DialogCode.Accepted


def test_the_constraint_date_is_enabled_only_when_the_type_needs_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: Calls = []
    dlg = dialog(qtbot, calls=calls)
    assert dlg.constraint_type.currentText() == "As soon as possible"
    assert not dlg.constraint_date.isEnabled()
    labels = [dlg.constraint_type.itemText(i) for i in range(dlg.constraint_type.count())]
    assert labels[2:4] == ["Start no earlier than", "Start no later than"]
    dlg.constraint_type.setCurrentIndex(dlg.constraint_type.findData("fnlt"))
    assert dlg.constraint_date.isEnabled()
    dlg.constraint_date.setDate(QDate(2027, 3, 10))
    dlg.constraint_type.setCurrentIndex(dlg.constraint_type.findData("alap"))
    assert not dlg.constraint_date.isEnabled()
    dlg.constraint_type.setCurrentIndex(dlg.constraint_type.findData("mso"))
    dlg.accept()
    assert calls == [({"constraint_type": "mso", "constraint_date": date(2027, 3, 10)}, None)]


def test_a_constraint_taken_off_clears_its_date(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: Calls = []
    row = replace(ROW, constraint_type="snet", constraint_date=date(2027, 3, 1))
    dlg = dialog(qtbot, row, calls)
    assert dlg.constraint_date.isEnabled()
    assert dlg.constraint_date.date() == QDate(2027, 3, 1)
    dlg.constraint_type.setCurrentIndex(dlg.constraint_type.findData("asap"))
    dlg.accept()
    assert calls == [({"constraint_type": "asap", "constraint_date": None}, None)]


def test_a_milestone_has_no_duration_or_finish(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: Calls = []
    dlg = dialog(qtbot, calls=calls)
    dlg.kind.setCurrentIndex(dlg.kind.findData("milestone"))
    assert not dlg.duration.isEnabled()
    assert not dlg.finish.isEnabled()
    assert "duration_days" not in dlg.values()
    dlg.accept()
    assert calls == [({"kind": "milestone"}, None)]


def test_a_milestone_made_a_task_lasts_a_day(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: Calls = []
    row = replace(ROW, kind=TaskKind.MILESTONE, duration_days=0, finish=ROW.start)
    dlg = dialog(qtbot, row, calls)
    assert not dlg.duration.isEnabled()
    dlg.kind.setCurrentIndex(dlg.kind.findData("task"))
    assert dlg.duration.isEnabled() and dlg.finish.isEnabled()
    dlg.accept()
    assert calls == [({"kind": "task", "duration_days": 1}, None)]


def test_a_summary_with_tasks_keeps_its_kind_and_rolled_up_dates(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: Calls = []
    row = replace(ROW, kind=TaskKind.SUMMARY, has_children=True, total_float_days=None)
    dlg = dialog(qtbot, row, calls)
    assert dlg.windowTitle() == "Summary 2.3 · Pour slab L2"
    for w in (dlg.kind, dlg.start, dlg.duration, dlg.finish, dlg.percent, dlg.constraint_type):
        assert not w.isEnabled()
    assert set(dlg.values()) == {"name", "kind", "responsible_id", "notes"}
    dlg.name.setText("Structure")
    dlg.accept()
    assert calls == [({"name": "Structure"}, None)]


def test_a_refused_submit_keeps_the_dialog_open(qtbot, warnings) -> None:  # type: ignore[no-untyped-def]
    def refuse(values: dict[str, Any], predecessors: str | None) -> None:
        raise ValidationError("Predecessors", "no task with WBS 9.9")

    dlg = TaskDialog(ROW, PARTIES, refuse, TODAY)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.predecessors.setText("9.9")
    dlg.accept()
    assert warnings == [("Cannot save the task", "Predecessors: no task with WBS 9.9")]
    assert dlg.isVisible()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.tabs.currentIndex() == PREDECESSOR_TAB
    assert dlg.predecessors.text() == "9.9"


def test_with_the_real_service(qtbot, ctx: ServiceContext, warnings) -> None:  # type: ignore[no-untyped-def]
    services = AppServices(ctx)
    pid = services.projects.create("Riverside Clinic").value.id
    row = services.tasks.create_task(
        pid, None, "Footings", start=date(2027, 3, 1), duration_days=5
    ).value

    def submit(values: dict[str, Any], predecessors: str | None) -> None:
        services.tasks.update_task(row.id, values)

    dlg = TaskDialog(row, PARTIES, submit, TODAY)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.duration.setValue(0)  # a task lasts at least a day: refused
    dlg.accept()
    assert len(warnings) == 1 and warnings[0][1].startswith("Duration:")
    assert dlg.isVisible()
    assert dlg.tabs.currentIndex() == DATES
    dlg.duration.setValue(5)
    dlg.name.setText("Strip footings")
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert services.tasks.get(row.id).name == "Strip footings"
