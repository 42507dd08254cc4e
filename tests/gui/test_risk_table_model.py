"""RiskTableModel: columns and roles, Python-side filters and sorting, in-place refresh."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from ownersrep.domain.enums import PartyRole, RiskStatus
from ownersrep.domain.risk_rules import RiskLevel
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import ProjectService
from ownersrep.services.risk_service import RiskService
from ownersrep.ui.risk_table_model import (
    ACTIVE_STATUSES,
    COL_CATEGORY,
    COL_IMPACT,
    COL_NUMBER,
    COL_OWNER,
    COL_PROBABILITY,
    COL_RESPONSE,
    COL_REVIEW,
    COL_SCORE,
    COL_STATUS,
    COL_TITLE,
    HEADERS,
    RiskTableModel,
    number_key,
)
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, OVERDUE_ROLE, SORT_ROLE

D = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def risks(ctx: ServiceContext) -> RiskService:
    return RiskService(ctx)


@pytest.fixture
def project_id(ctx: ServiceContext, risks: RiskService) -> int:
    pid = ProjectService(ctx).create("Riverside Library").value.id
    apex = PartyService(ctx).create("Apex Builders", PartyRole.CONTRACTOR).value.id
    city = PartyService(ctx).create("City Estates", PartyRole.OWNER).value.id
    raised = date(2026, 6, 1)
    add = risks.create
    add(pid, "Unforeseen ground conditions", 3, 5, category="site", owner_id=apex,
        raised_on=raised, review_on=date(2026, 11, 12))  # fmt: skip
    add(pid, "Long lead time for switchgear", 4, 4, category="commercial", owner_id=apex,
        raised_on=raised, review_on=date(2026, 12, 4))  # fmt: skip
    add(pid, "Planning condition discharge delayed", 3, 4, category="regulatory",
        owner_id=city, status="monitoring", raised_on=raised)  # fmt: skip
    add(pid, "Archaeological finds", 1, 4, category="site", response="accept", raised_on=raised)
    add(pid, "Fire strategy not approved", 2, 3, category="regulatory", status="closed",
        raised_on=raised, review_on=date(2026, 9, 1))  # fmt: skip
    return pid


@pytest.fixture
def model(qapp, qtmodeltester, risks: RiskService, project_id: int) -> RiskTableModel:  # type: ignore[no-untyped-def]
    m = RiskTableModel()
    m.set_rows(risks.list_risks(project_id))
    qtmodeltester.check(m)
    return m


def column(model: RiskTableModel, col: int, role: int = D) -> list[object]:
    return [model.index(r, col).data(role) for r in range(model.rowCount())]


def test_headers_and_default_filter_hide_closed(model: RiskTableModel) -> None:
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)] == list(HEADERS)
    assert HEADERS == (
        "Number", "Title", "Category", "P", "I", "Score", "Response", "Owner", "Status", "Review",
    )  # fmt: skip
    assert "Almost certain" in model.headerData(COL_PROBABILITY, Qt.Orientation.Horizontal,
                                                Qt.ItemDataRole.ToolTipRole)  # fmt: skip
    assert model.status_filter() == ACTIVE_STATUSES
    assert column(model, COL_NUMBER) == ["RSK-001", "RSK-002", "RSK-003", "RSK-004"]
    assert len(model.all_rows()) == 5


def test_display_and_roles_of_one_row(model: RiskTableModel) -> None:
    row = {model.index(r, COL_NUMBER).data(): r for r in range(model.rowCount())}["RSK-001"]
    cell = lambda col, role=D: model.index(row, col).data(role)  # noqa: E731
    assert [cell(c) for c in range(10)] == [
        "RSK-001",
        "Unforeseen ground conditions",
        "Site",
        "3",
        "5",
        "15 High",
        "Mitigate",
        "Apex Builders",
        "Open",
        "12 Nov 2026",
    ]
    assert cell(COL_REVIEW, OVERDUE_ROLE) is True
    assert isinstance(cell(COL_REVIEW, Qt.ItemDataRole.DecorationRole), QIcon)
    assert cell(COL_REVIEW, Qt.ItemDataRole.AccessibleTextRole) == "12 Nov 2026, review overdue"
    assert cell(COL_REVIEW, Qt.ItemDataRole.ForegroundRole) == QColor("#c62828")
    font = cell(COL_REVIEW, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert cell(COL_SCORE, Qt.ItemDataRole.DecorationRole) == QColor("#d2453b")
    assert cell(COL_SCORE, Qt.ItemDataRole.ToolTipRole) == "High risk: 3 × 5 = 15"
    assert cell(COL_PROBABILITY, Qt.ItemDataRole.ToolTipRole) == "Probability 3: Possible"
    assert cell(COL_IMPACT, Qt.ItemDataRole.ToolTipRole) == "Impact 5: Severe"
    assert cell(COL_REVIEW, Qt.ItemDataRole.ToolTipRole) == "Review was due on 12 Nov 2026"
    dto = cell(COL_TITLE, DTO_ROLE)
    assert dto.level is RiskLevel.HIGH and cell(COL_OWNER, ID_ROLE) == dto.id
    assert cell(COL_REVIEW, SORT_ROLE) == "2026-11-12"
    assert cell(COL_SCORE, SORT_ROLE) == 15


def test_not_overdue_rows_are_plain(model: RiskTableModel) -> None:
    row = model.row_of_id(model.all_rows()[1].id)  # RSK-002, review in December
    assert row is not None
    assert model.index(row, COL_REVIEW).data() == "04 Dec 2026"
    assert model.index(row, COL_REVIEW).data(OVERDUE_ROLE) is False
    assert model.index(row, COL_REVIEW).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(row, COL_REVIEW).data(Qt.ItemDataRole.DecorationRole) is None


def test_status_filter(qtmodeltester, model: RiskTableModel) -> None:  # type: ignore[no-untyped-def]
    model.set_status_filter({RiskStatus.CLOSED})
    assert column(model, COL_NUMBER) == ["RSK-005"]
    # A closed risk is never overdue, and its text is muted.
    assert model.index(0, COL_REVIEW).data() == "01 Sep 2026"
    assert model.index(0, COL_TITLE).data(Qt.ItemDataRole.ForegroundRole) is not None
    model.set_status_filter(set(RiskStatus))
    assert len(column(model, COL_NUMBER)) == 5
    model.set_status_filter({RiskStatus.MONITORING})
    assert column(model, COL_STATUS) == ["Monitoring"]
    assert [r.number for r in model.population()] == ["RSK-003"]
    qtmodeltester.check(model)


def test_search_needs_every_word_anywhere(model: RiskTableModel) -> None:
    model.set_search("apex")
    assert column(model, COL_NUMBER) == ["RSK-001", "RSK-002"]
    model.set_search("  SWITCHGEAR apex ")
    assert column(model, COL_NUMBER) == ["RSK-002"]
    model.set_search("rsk-004")
    assert column(model, COL_TITLE) == ["Archaeological finds"]
    model.set_search("regulatory")
    assert column(model, COL_CATEGORY) == ["Regulatory"]
    model.set_search("accept")
    assert column(model, COL_RESPONSE) == ["Accept"]
    model.set_search("nothing like this")
    assert model.rowCount() == 0
    model.set_search("")
    assert model.rowCount() == 4


def test_cell_filter_combines_with_status(model: RiskTableModel) -> None:
    model.set_cell_filter((3, 4))
    assert column(model, COL_NUMBER) == ["RSK-003"]
    model.set_status_filter({RiskStatus.OPEN})
    assert model.rowCount() == 0
    model.set_status_filter(ACTIVE_STATUSES)
    model.set_cell_filter(None)
    assert model.rowCount() == 4
    # The heat map counts the status filter's rows, not the cell's.
    model.set_cell_filter((1, 4))
    assert len(model.population()) == 4


@pytest.mark.parametrize(
    ("col", "expected"),
    [
        (COL_NUMBER, ["RSK-001", "RSK-002", "RSK-003", "RSK-004"]),
        (COL_TITLE, ["RSK-004", "RSK-002", "RSK-003", "RSK-001"]),
        (COL_SCORE, ["RSK-004", "RSK-003", "RSK-001", "RSK-002"]),
        (COL_PROBABILITY, ["RSK-004", "RSK-001", "RSK-003", "RSK-002"]),
        (COL_OWNER, ["RSK-001", "RSK-002", "RSK-003", "RSK-004"]),  # no owner last
        (COL_STATUS, ["RSK-001", "RSK-002", "RSK-004", "RSK-003"]),  # workflow order
        (COL_REVIEW, ["RSK-001", "RSK-002", "RSK-003", "RSK-004"]),  # no date last
    ],
)
def test_sort_ascending_and_descending(
    qtmodeltester,
    model: RiskTableModel,
    col: int,
    expected: list[str],  # type: ignore[no-untyped-def]
) -> None:
    model.sort(col, Qt.SortOrder.AscendingOrder)
    assert column(model, COL_NUMBER) == expected
    model.sort(col, Qt.SortOrder.DescendingOrder)
    descending = column(model, COL_NUMBER)
    assert sorted(descending) == sorted(expected)
    if col in (COL_NUMBER, COL_TITLE, COL_SCORE):  # keys without ties
        assert descending == expected[::-1]
    qtmodeltester.check(model)


def test_sort_survives_filters_and_reloads(
    model: RiskTableModel, risks: RiskService, project_id: int
) -> None:
    model.sort(COL_SCORE, Qt.SortOrder.DescendingOrder)
    model.set_search("s")
    assert column(model, COL_SCORE) == sorted(
        column(model, COL_SCORE), key=lambda t: -int(t.split()[0])
    )
    model.set_rows(risks.list_risks(project_id))
    assert column(model, COL_NUMBER)[0] == "RSK-002"  # 16 is the highest score


def test_reorder_moves_the_selection_with_the_row(
    qtbot,
    model: RiskTableModel,
    risks: RiskService,
    project_id: int,  # type: ignore[no-untyped-def]
) -> None:
    model.sort(COL_SCORE, Qt.SortOrder.DescendingOrder)
    rsk4 = model.index(model.row_of_id(risks.list_risks(project_id)[3].id) or 0, COL_TITLE)
    kept = QPersistentModelIndex(rsk4)
    assert rsk4.data() == "Archaeological finds" and rsk4.row() == 3
    risks.update(rsk4.data(ID_ROLE), {"probability": 5, "impact": 5})
    with qtbot.waitSignal(model.layoutChanged), qtbot.assertNotEmitted(model.modelReset):
        model.set_rows(risks.list_risks(project_id))
    assert kept.row() == 0 and kept.data() == "Archaeological finds"
    assert model.index(0, COL_SCORE).data() == "25 High"


def test_field_edit_updates_in_place(
    qtbot,
    model: RiskTableModel,
    risks: RiskService,
    project_id: int,  # type: ignore[no-untyped-def]
) -> None:
    rid = model.row_at(1).id
    risks.update(rid, {"title": "Long lead time for HV switchgear"})
    with (
        qtbot.waitSignal(model.dataChanged) as sig,
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.assertNotEmitted(model.layoutChanged),
    ):
        model.set_rows(risks.list_risks(project_id))
    top, bottom, roles = sig.args
    assert (top.row(), top.column(), bottom.row(), bottom.column()) == (1, 0, 1, 9)
    assert D in roles
    assert model.index(1, COL_TITLE).data() == "Long lead time for HV switchgear"


def test_new_row_resets(
    qtbot,
    model: RiskTableModel,
    risks: RiskService,
    project_id: int,  # type: ignore[no-untyped-def]
) -> None:
    risks.create(project_id, "Crane licence refused", 2, 5)
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(risks.list_risks(project_id))
    assert "Crane licence refused" in column(model, COL_TITLE)


def test_number_key_is_natural() -> None:
    assert sorted(["RSK-100", "RSK-9", "RSK-010"], key=number_key) == [
        "RSK-9", "RSK-010", "RSK-100",
    ]  # fmt: skip
    assert number_key("odd") == ("odd", 0, "odd")


def test_empty_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    m = RiskTableModel()
    qtmodeltester.check(m)
    assert m.rowCount() == 0 and m.columnCount() == 10
    assert m.index(0, 0).data() is None
