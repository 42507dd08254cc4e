"""IssuesTab: filtering through the filter bar, overdue marking, CSV export, edits through
the undo stack, and refreshing only on changes that concern it."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ownersrep.domain.enums import IssueStatus, IssueType, PartyRole
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.close_issue_dialog import CloseIssueDialog
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.issue_commands import AddIssueCommand
from ownersrep.ui.issue_dialog import IssueDialog
from ownersrep.ui.issue_table_model import COL_DUE, COL_NUMBER, COL_RAISED, COL_TYPE
from ownersrep.ui.issues_tab import IssuesTab
from ownersrep.ui.roles import OVERDUE_ROLE

D = Qt.ItemDataRole.DisplayRole


@dataclass
class Setup:
    services: AppServices
    stack: QUndoStack
    bus: ChangeBus
    tab: IssuesTab
    project_id: int
    parties: dict[str, int]


@pytest.fixture
def setup(qtbot, ctx: ServiceContext) -> Setup:  # type: ignore[no-untyped-def]
    services = AppServices(ctx)
    pid = services.projects.create("Riverside Clinic", code="RFHC").value.id
    parties = {
        name: services.parties.create(name, role).value.id
        for name, role in (
            ("Apex Mechanical", PartyRole.CONTRACTOR),
            ("Halden Architects", PartyRole.CONSULTANT),
            ("Riverside Health Trust", PartyRole.OWNER),
        )
    }
    add = services.issues.create
    add(pid, IssueType.ISSUE, "Late delivery of AHU-2", priority="critical",
        assigned_to_id=parties["Apex Mechanical"], raised_on=date(2026, 10, 26),
        due_on=date(2026, 11, 2), cost_impact="48,250", schedule_impact_days=12)  # fmt: skip
    add(pid, IssueType.RFI, "RFI: Clarify fire-rated ceiling at level 2 corridor",
        priority="high", assigned_to_id=parties["Halden Architects"],
        raised_on=date(2026, 11, 10), due_on=date(2026, 12, 1))  # fmt: skip
    add(pid, IssueType.DECISION, "Approve substitution of vinyl flooring", cost_impact="-6,400",
        assigned_to_id=parties["Riverside Health Trust"], raised_on=date(2026, 11, 8))  # fmt: skip
    add(pid, IssueType.ACTION, "Circulate updated 3-week look-ahead", priority="low",
        status="in_progress", assigned_to_id=parties["Apex Mechanical"],
        raised_on=date(2026, 11, 1), due_on=date(2026, 11, 5))  # fmt: skip
    add(pid, IssueType.ISSUE, "Curtain wall mullion damaged on delivery", status="closed",
        resolution="Replaced", raised_on=date(2026, 9, 1), closed_on=date(2026, 9, 20))  # fmt: skip
    stack, bus = QUndoStack(), ChangeBus()
    tab = IssuesTab(services, stack, bus)
    qtbot.addWidget(tab)
    tab.resize(1300, 750)
    tab.set_project(pid)
    return Setup(services, stack, bus, tab, pid, parties)


def shown(tab: IssuesTab) -> list[str]:
    m = tab.model
    return [m.data(m.index(r, COL_NUMBER), D) for r in range(m.rowCount())]


def test_loads_rows_hiding_closed_by_default(setup: Setup) -> None:
    tab = setup.tab
    assert shown(tab) == ["ACT-0001", "DEC-0001", "ISS-0001", "RFI-0001"]
    assert tab.filter_bar.count_label.text() == "4 of 5 issues"
    assert tab.filter_bar.status_combo.currentText() == "Not closed"
    header = tab.table.horizontalHeader()
    assert header.isSectionHidden(COL_TYPE) and header.isSectionHidden(COL_RAISED)
    tab.filter_bar.show_all_statuses()
    assert shown(tab)[-2:] == ["ISS-0002", "RFI-0001"]
    assert tab.filter_bar.count_label.text() == "5 issues"
    assert tab.add_button.isEnabled()
    tab.set_project(None)
    assert tab.model.rowCount() == 0 and not tab.add_button.isEnabled()
    assert tab.filter_bar.count_label.text() == ""


def test_filter_bar_widgets(setup: Setup, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab, bar = setup.tab, setup.tab.filter_bar
    qtbot.keyClicks(bar.search_edit, "AHU")
    assert shown(tab) == ["ISS-0001"]
    assert bar.count_label.text() == "1 of 5 issues"
    bar.search_edit.clear()
    qtbot.keyClicks(bar.search_edit, "halden")  # the assignee's name
    assert shown(tab) == ["RFI-0001"]
    qtbot.keyClick(bar.search_edit, Qt.Key.Key_Escape)  # clears the search
    assert bar.search_edit.text() == "" and len(shown(tab)) == 4

    bar.type_combo.setCurrentIndex(bar.type_combo.findText("Action item"))
    assert shown(tab) == ["ACT-0001"]
    bar.type_combo.setCurrentIndex(0)

    bar.status_combo.setCurrentIndex(bar.status_combo.findText("Closed"))
    assert shown(tab) == ["ISS-0002"]
    bar.status_combo.setCurrentIndex(bar.status_combo.findText("Open or in progress"))
    assert shown(tab) == ["ACT-0001", "DEC-0001", "ISS-0001", "RFI-0001"]

    bar.priority_combo.setCurrentIndex(bar.priority_combo.findText("High and critical"))
    assert shown(tab) == ["ISS-0001", "RFI-0001"]
    bar.priority_combo.setCurrentIndex(0)

    # The assignee combo offers the parties that have records assigned, by name.
    names = [bar.assignee_combo.itemText(i) for i in range(bar.assignee_combo.count())]
    assert names == [
        "Anyone",
        "Unassigned",
        "Apex Mechanical",
        "Halden Architects",
        "Riverside Health Trust",
    ]
    bar.assignee_combo.setCurrentIndex(bar.assignee_combo.findText("Apex Mechanical"))
    assert shown(tab) == ["ACT-0001", "ISS-0001"]
    bar.assignee_combo.setCurrentIndex(bar.assignee_combo.findText("Unassigned"))
    assert shown(tab) == []
    assert bar.count_label.text() == "0 of 5 issues"
    bar.assignee_combo.setCurrentIndex(0)

    qtbot.mouseClick(bar.overdue_check, Qt.MouseButton.LeftButton)
    assert bar.overdue_check.isChecked()
    assert shown(tab) == ["ACT-0001", "ISS-0001"]
    bar.reset()
    assert len(shown(tab)) == 4 and not bar.overdue_check.isChecked()


def test_overdue_rows_are_marked(setup: Setup) -> None:
    tab = setup.tab
    m = tab.model
    overdue = {
        m.data(m.index(r, COL_NUMBER), D): m.data(m.index(r, COL_DUE), OVERDUE_ROLE)
        for r in range(m.rowCount())
    }
    assert overdue == {"ACT-0001": True, "DEC-0001": False, "ISS-0001": True, "RFI-0001": False}
    row = shown(tab).index("ISS-0001")
    assert m.data(m.index(row, COL_DUE), Qt.ItemDataRole.DecorationRole) is not None
    assert m.data(m.index(row, COL_NUMBER), Qt.ItemDataRole.BackgroundRole) is not None


def test_sorting_through_the_header_survives_filtering(setup: Setup, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = setup.tab
    tab.table.sortByColumn(COL_DUE, Qt.SortOrder.DescendingOrder)
    assert shown(tab) == ["RFI-0001", "ACT-0001", "ISS-0001", "DEC-0001"]  # no date last
    qtbot.keyClicks(tab.filter_bar.search_edit, "i")
    assert shown(tab)[0] == "RFI-0001"


def test_export_csv_writes_the_visible_rows(
    setup: Setup,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    tab = setup.tab
    target = tmp_path / "export"
    asked: list[str] = []

    def fake_save(_parent: object, _caption: str, name: str, _filter: str) -> tuple[str, str]:
        asked.append(name)
        return str(target), "CSV files (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    qtbot.keyClicks(tab.filter_bar.search_edit, "a")  # AHU, Approve, look-ahead, (not RFI…)
    tab.table.sortByColumn(COL_DUE, Qt.SortOrder.AscendingOrder)
    written = tab.export_csv()
    assert len(asked) == 1 and Path(asked[0]).name == "RFHC issues 2026-11-20.csv"
    assert written == tmp_path / "export.csv"
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with written.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0] == [
        "Number",
        "Title",
        "Priority",
        "Status",
        "Assigned to",
        "Due",
        "Age (days)",
        "Cost impact",
        "Schedule impact (d)",
        "Internal",
    ]
    assert [line[0] for line in lines[1:]] == shown(tab)
    by_number = {line[0]: line for line in lines[1:]}
    assert by_number["ISS-0001"] == [
        "ISS-0001",
        "Late delivery of AHU-2",
        "Critical",
        "Open",
        "Apex Mechanical",
        "2026-11-02",
        "25",
        "48250.00",
        "12",
        "",
    ]
    assert by_number["DEC-0001"][7] == "-6400.00"
    # Showing the hidden columns puts them in the export too.
    tab.set_column_visible(COL_TYPE, True)
    tab.set_column_visible(COL_RAISED, True)
    tab.export_csv()
    with written.open(encoding="utf-8-sig", newline="") as fh:
        header, first, *_rest = csv.reader(fh)
    assert header[:3] == ["Number", "Type", "Title"] and header[6] == "Raised"
    assert first[:2] == ["ISS-0001", "Issue"] and first[6] == "2026-10-26"


def test_export_cancelled_writes_nothing(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    assert setup.tab.export_csv() is None


def test_reloads_only_for_its_project_and_parties(setup: Setup) -> None:
    s = setup
    other = s.services.projects.create("Depot").value.id
    calls: list[int] = []
    real = s.services.issues.list_issues

    def counting(project_id: int) -> Any:
        calls.append(project_id)
        return real(project_id)

    s.services.issues.list_issues = counting  # type: ignore[method-assign]
    run_command(s.stack, AddIssueCommand(s.services.issues, s.bus, other, IssueType.ISSUE, "X"))
    assert calls == []
    run_command(s.stack, AddIssueCommand(s.services.issues, s.bus, s.project_id, "rfi", "New"))
    assert calls == [s.project_id]
    assert "RFI-0002" in shown(s.tab)
    s.stack.undo()
    assert "RFI-0002" not in shown(s.tab)
    # A renamed party shows at once.
    outcome = s.services.parties.update(s.parties["Apex Mechanical"], {"name": "Apex Mech Ltd"})
    s.bus.changed.emit(outcome.changes)
    row = shown(s.tab).index("ISS-0001")
    assert s.tab.model.row_at(row).assigned_to == "Apex Mech Ltd"


def test_enter_opens_the_edit_dialog(setup: Setup, monkeypatch: pytest.MonkeyPatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = setup.tab
    opened: list[str] = []

    def fake_exec(dialog: IssueDialog) -> int:
        opened.append(dialog.windowTitle())
        dialog.title.setText("Late delivery of AHU-2 and AHU-3")
        dialog.accept()
        return 1

    monkeypatch.setattr(IssueDialog, "exec", fake_exec)
    tab.show()
    tab.select_issues([tab.model.row_at(shown(tab).index("ISS-0001")).id])
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened == ["Edit ISS-0001"]
    assert setup.stack.undoText() == "Edit ISS-0001"
    row = tab.model.row_at(shown(tab).index("ISS-0001"))
    assert row.title == "Late delivery of AHU-2 and AHU-3"
    setup.stack.undo()
    assert tab.model.row_at(shown(tab).index("ISS-0001")).title == "Late delivery of AHU-2"
    # A double-click opens it too.
    rect = tab.table.visualRect(tab.model.index(shown(tab).index("RFI-0001"), COL_NUMBER))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == ["Edit ISS-0001", "Edit RFI-0001"]


def test_add_reveals_the_new_record(setup: Setup, monkeypatch: pytest.MonkeyPatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = setup.tab
    qtbot.keyClicks(tab.filter_bar.search_edit, "AHU")

    def fake_exec(dialog: IssueDialog) -> int:
        dialog.title.setText("Generator pad elevation 150 mm low")
        dialog.accept()
        return 1

    monkeypatch.setattr(IssueDialog, "exec", fake_exec)
    tab.add_issue()
    assert tab.filter_bar.search_edit.text() == ""  # the filter hid it, so it was cleared
    assert [r.number for r in tab.selected_rows()] == ["ISS-0003"]
    assert setup.stack.undoText() == "Add ISS-0003"


def test_close_selected(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = setup.tab

    def fake_exec(dialog: CloseIssueDialog) -> int:
        dialog.resolution.setPlainText("Permit renewed")
        dialog.accept()
        return 1

    monkeypatch.setattr(CloseIssueDialog, "exec", fake_exec)
    target = tab.model.row_at(shown(tab).index("ACT-0001"))
    tab.select_issues([target.id])
    assert tab.close_button.isEnabled()
    tab.close_selected()
    assert "ACT-0001" not in shown(tab)  # closed records are hidden by default
    dto = setup.services.issues.get(target.id)
    assert (dto.status, dto.resolution, dto.closed_on) == (
        IssueStatus.CLOSED,
        "Permit renewed",
        date(2026, 11, 20),
    )
    setup.stack.undo()
    assert "ACT-0001" in shown(tab)
    assert setup.services.issues.get(target.id).status is IssueStatus.IN_PROGRESS


def test_delete_selected_asks_and_undoes(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = setup.tab
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def fake_question(_parent: object, _title: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", fake_question)
    ids = [tab.model.row_at(shown(tab).index(n)).id for n in ("ISS-0001", "RFI-0001")]
    tab.select_issues(ids)
    tab.delete_selected()  # answered No
    assert len(shown(tab)) == 4 and setup.stack.count() == 0
    tab.delete_selected()  # answered Yes
    assert asked[1].startswith("Delete 2 records (ISS-0001, RFI-0001)?")
    assert shown(tab) == ["ACT-0001", "DEC-0001"]
    assert setup.stack.undoText() == "Delete 2 issues"
    setup.stack.undo()
    assert shown(tab) == ["ACT-0001", "DEC-0001", "ISS-0001", "RFI-0001"]


def test_set_status_of_selection_is_one_undo_step(setup: Setup) -> None:
    tab = setup.tab
    ids = [tab.model.row_at(r).id for r in range(tab.model.rowCount())]
    tab.select_issues(ids)
    tab.set_selected_field("status", "in_progress", "status")
    assert {r.status for r in tab.all_rows() if r.id in ids} == {IssueStatus.IN_PROGRESS}
    assert setup.stack.count() == 1 and setup.stack.undoText() == "Set status of 4 issues"
    assert sorted(r.id for r in tab.selected_rows()) == sorted(ids)  # selection kept
    setup.stack.undo()
    statuses = {r.number: r.status for r in tab.all_rows()}
    assert statuses["ACT-0001"] is IssueStatus.IN_PROGRESS
    assert statuses["ISS-0001"] is IssueStatus.OPEN


def test_focus_search_selects_the_text(setup: Setup) -> None:
    search = setup.tab.filter_bar.search_edit
    search.setText("ceiling")
    setup.tab.show()
    setup.tab.table.setFocus()
    setup.tab.focus_search()
    assert setup.tab.focusWidget() is search
    assert search.selectedText() == "ceiling"
