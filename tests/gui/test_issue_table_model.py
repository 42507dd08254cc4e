"""IssueTableModel: qtmodeltester, columns and roles (overdue marking), Python sorting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QIcon

from ownersrep.domain.enums import IssueType, PartyRole
from ownersrep.services.context import ServiceContext
from ownersrep.services.issue_service import IssueRow, IssueService
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import ProjectService
from ownersrep.ui.issue_table_model import (
    COL_AGE,
    COL_ASSIGNED_TO,
    COL_COST,
    COL_DUE,
    COL_INTERNAL,
    COL_NUMBER,
    COL_PRIORITY,
    COL_RAISED,
    COL_SCHEDULE,
    COL_STATUS,
    COL_TITLE,
    COL_TYPE,
    HEADERS,
    IssueTableModel,
    export_value,
)
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, OVERDUE_ROLE, SORT_ROLE

D = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def rows(ctx: ServiceContext) -> list[IssueRow]:
    svc = IssueService(ctx)
    pid = ProjectService(ctx).create("Riverside Clinic").value.id
    apex = PartyService(ctx).create("Apex Mechanical", PartyRole.CONTRACTOR).value.id
    svc.create(
        pid,
        IssueType.ISSUE,
        "Late delivery of AHU-2",
        priority="critical",
        assigned_to_id=apex,
        raised_on=date(2026, 10, 26),
        due_on=date(2026, 11, 2),
        cost_impact="48,250",
        schedule_impact_days=12,
        internal=True,
    )
    svc.create(
        pid,
        IssueType.RFI,
        "RFI: Clarify fire-rated ceiling at level 2 corridor",
        raised_on=date(2026, 11, 10),
        due_on=date(2026, 12, 1),
    )
    svc.create(
        pid,
        IssueType.ACTION,
        "Circulate look-ahead",
        raised_on=date(2026, 10, 1),
        due_on=date(2026, 10, 5),
        status="closed",
        resolution="Sent",
        closed_on=date(2026, 10, 6),
        cost_impact="-500",
    )
    return svc.list_issues(pid)


@pytest.fixture
def model(qapp, rows: list[IssueRow]) -> IssueTableModel:  # type: ignore[no-untyped-def]
    m = IssueTableModel()
    m.set_rows(rows)
    return m


def test_modeltester_empty_and_filled(qtmodeltester, rows: list[IssueRow]) -> None:  # type: ignore[no-untyped-def]
    model = IssueTableModel()
    qtmodeltester.check(model)
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(COL_DUE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_headers_and_display(model: IssueTableModel) -> None:
    assert model.columnCount() == len(HEADERS) == 12
    assert [
        h.replace("\n", " ")
        for h in (model.headerData(c, Qt.Orientation.Horizontal) for c in range(12))
    ] == list(HEADERS)
    assert HEADERS[COL_SCHEDULE] == "Schedule impact (d)" and HEADERS[COL_AGE] == "Age (days)"

    def cells(row: int) -> list[str]:
        return [model.data(model.index(row, c), D) for c in range(model.columnCount())]

    assert cells(0) == [
        "ISS-0001",
        "Issue",
        "Late delivery of AHU-2",
        "Critical",
        "Open",
        "Apex Mechanical",
        "26 Oct 2026",
        "02 Nov 2026",
        "25",
        "48,250.00",
        "12",
        "Yes",
    ]
    assert cells(2)[COL_NUMBER] == "ACT-0001"
    assert cells(2)[COL_STATUS] == "Closed"
    assert cells(2)[COL_AGE] == "5"
    assert cells(2)[COL_COST] == "-500.00"
    assert cells(1)[COL_ASSIGNED_TO] == "" and cells(1)[COL_COST] == ""


def test_overdue_marking_roles(model: IssueTableModel) -> None:
    late, not_due, closed = (model.index(r, COL_DUE) for r in range(3))
    assert model.data(late, OVERDUE_ROLE) is True
    assert model.data(not_due, OVERDUE_ROLE) is False
    assert model.data(closed, OVERDUE_ROLE) is False  # closed is never overdue
    # The whole overdue row is tinted (a translucent colour, so dark palettes work)...
    for col in (COL_NUMBER, COL_TITLE, COL_DUE):
        brush = model.data(model.index(0, col), Qt.ItemDataRole.BackgroundRole)
        assert isinstance(brush, QBrush) and 0 < brush.color().alpha() < 255
    assert model.data(not_due, Qt.ItemDataRole.BackgroundRole) is None
    # ...and its due date is red, bold and has an icon.
    red = model.data(late, Qt.ItemDataRole.ForegroundRole).color()
    assert red.red() > 150 and red.green() < 150
    assert isinstance(model.data(late, Qt.ItemDataRole.FontRole), QFont)
    assert model.data(late, Qt.ItemDataRole.FontRole).bold()
    assert isinstance(model.data(late, Qt.ItemDataRole.DecorationRole), QIcon)
    assert model.data(not_due, Qt.ItemDataRole.DecorationRole) is None
    assert "Overdue" in model.data(late, Qt.ItemDataRole.ToolTipRole)


def test_other_roles(model: IssueTableModel, rows: list[IssueRow]) -> None:
    index = model.index(0, COL_TITLE)
    assert model.data(index, ID_ROLE) == rows[0].id
    assert model.data(index, DTO_ROLE) is rows[0]
    assert model.data(model.index(0, COL_RAISED), SORT_ROLE) == date(2026, 10, 26).toordinal()
    assert model.data(model.index(0, COL_PRIORITY), SORT_ROLE) == 3
    assert model.data(model.index(1, COL_DUE), SORT_ROLE) == date(2026, 12, 1).toordinal()
    right = model.data(model.index(0, COL_COST), Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight
    # Closed rows are muted; open ones use the default text colour.
    assert model.data(model.index(2, COL_TITLE), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(1, COL_TITLE), Qt.ItemDataRole.ForegroundRole) is None
    flags = model.flags(index)
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_export_values_stay_typed(model: IssueTableModel) -> None:
    row = model.row_at(0)
    assert export_value(row, COL_COST) == Decimal("48250.00")
    assert export_value(row, COL_DUE) == date(2026, 11, 2)
    assert export_value(row, COL_SCHEDULE) == 12
    assert export_value(row, COL_TYPE) == "Issue"
    assert export_value(row, COL_INTERNAL) == "Yes"


def test_sort_keeps_persistent_indexes(model: IssueTableModel, qtbot) -> None:  # type: ignore[no-untyped-def]
    iss = QPersistentModelIndex(model.index(0, COL_TITLE))
    with qtbot.waitSignals([model.layoutAboutToBeChanged, model.layoutChanged]):
        model.sort(COL_DUE, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, COL_NUMBER), D) for r in range(3)] == [
        "RFI-0001",
        "ISS-0001",
        "ACT-0001",
    ]
    assert iss.row() == 1 and iss.column() == COL_TITLE
    assert (model.sort_column, int(model.sort_order)) == (COL_DUE, 1)
    assert model.row_of_id(model.row_at(2).id) == 2


def test_set_rows_resets(model: IssueTableModel, qtbot) -> None:  # type: ignore[no-untyped-def]
    keep = model.rows()[:1]
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(keep)
    assert model.rowCount() == 1
    assert model.data(model.index(5, 0), D) is None
