"""The portfolio dashboard: its model (RAG words and colours, overrides, figures, Python
sorting) and the page (reload on changes, double-click, override from the table)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from ownersrep.domain.health.rag import Area
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.health_commands import SetRagOverrideCommand
from ownersrep.ui.portfolio_dashboard_model import (
    COL_COST,
    COL_CPI,
    COL_MILESTONE,
    COL_NAME,
    COL_OPEN_ISSUES,
    COL_OVERALL,
    COL_SCHEDULE,
    COL_SPI,
    COL_VAC,
    HEADERS,
)
from ownersrep.ui.portfolio_page import PortfolioPage
from ownersrep.ui.rag_override_dialog import RagOverrideDialog
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, SORT_ROLE
from tests.helpers.health_world import certify, clinic

WHY = "Weekend shifts agreed with the CM; the recovery schedule shows the loss recovered."


@pytest.fixture
def app(ctx: ServiceContext) -> AppServices:
    first = clinic(ctx)  # SPI 0.80, CPI 0.89
    second = clinic(ctx, "Harbor Clinic", "HC")
    certify(
        second.app, second.project_id, second.gc, second.concrete, "1,000.00", date(2026, 11, 2)
    )
    first.app.projects.create("Branch Library")  # no schedule, no budget: no figures
    return first.app


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def page(qtbot: QtBot, app: AppServices, bus: ChangeBus, stack: QUndoStack) -> PortfolioPage:
    widget = PortfolioPage(app, bus, undo_stack=stack)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show_scope("Demo portfolio", None)
    return widget


def cell(page: PortfolioPage, row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return page.model.index(row, col).data(role)


def names(page: PortfolioPage) -> list[str]:
    return [page.model.row_at(r).name for r in range(page.model.rowCount())]


def test_rows_show_rag_words_colours_and_figures(qtmodeltester, page: PortfolioPage) -> None:
    qtmodeltester.check(page.model)
    assert page.model.columnCount() == len(HEADERS)
    assert names(page) == ["Riverside Clinic", "Harbor Clinic", "Branch Library"]
    assert cell(page, 0, COL_SCHEDULE) == "Red"  # SPI 0.80 against green ≥ 0.95, amber ≥ 0.85
    assert cell(page, 0, COL_COST) == "Red"  # CPI 0.89 against amber ≥ 0.90
    assert cell(page, 0, COL_OVERALL) == "Red"
    assert isinstance(cell(page, 0, COL_SCHEDULE, Qt.ItemDataRole.DecorationRole), QIcon)
    assert (cell(page, 0, COL_CPI), cell(page, 0, COL_SPI)) == ("0.89", "0.80")
    assert cell(page, 1, COL_CPI) == "0.73"  # 4,000 earned for 5,500 certified
    assert cell(page, 0, COL_VAC).startswith("-")
    assert cell(page, 0, COL_MILESTONE) == "20 Nov 2026 · Topping out"
    assert cell(page, 2, COL_CPI) == "—" and cell(page, 2, COL_COST) == "No data"
    assert cell(page, 0, COL_CPI, ID_ROLE) == page.model.row_at(0).id
    assert cell(page, 0, COL_NAME, DTO_ROLE).health.cpi == Decimal("0.89")
    assert "status date 06 Nov 2026" in cell(page, 0, COL_NAME, Qt.ItemDataRole.ToolTipRole)
    assert cell(page, 0, COL_OPEN_ISSUES) == "0"


def test_an_override_is_marked_and_its_tooltip_keeps_the_derived_status(
    page: PortfolioPage, app: AppServices, bus: ChangeBus, stack: QUndoStack
) -> None:
    page.show()
    pid = page.model.row_at(0).id
    run_command(stack, SetRagOverrideCommand(app.health, bus, pid, "schedule", "amber", WHY))
    row = page.model.row_of(pid)
    assert cell(page, row, COL_SCHEDULE) == "Amber (override)"
    tip = cell(page, row, COL_SCHEDULE, Qt.ItemDataRole.ToolTipRole)
    assert "Schedule: Amber (override)" in tip
    assert "Derived from the KPIs: Red" in tip and WHY in tip
    assert cell(page, row, COL_OVERALL) == "Red"  # cost is still red
    stack.undo()
    assert cell(page, page.model.row_of(pid), COL_SCHEDULE) == "Red"


def test_headers_sort_in_python_with_empty_values_last(qtmodeltester, page: PortfolioPage) -> None:
    page.table.sortByColumn(COL_CPI, Qt.SortOrder.AscendingOrder)
    assert names(page) == ["Harbor Clinic", "Riverside Clinic", "Branch Library"]
    page.table.sortByColumn(COL_CPI, Qt.SortOrder.DescendingOrder)
    assert names(page) == ["Riverside Clinic", "Harbor Clinic", "Branch Library"]
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert names(page) == ["Branch Library", "Harbor Clinic", "Riverside Clinic"]
    page.table.sortByColumn(COL_COST, Qt.SortOrder.DescendingOrder)
    assert names(page)[-1] == "Branch Library"  # "No data" last, either way
    page.table.sortByColumn(COL_COST, Qt.SortOrder.AscendingOrder)
    assert names(page)[-1] == "Branch Library"
    assert cell(page, 0, COL_COST, SORT_ROLE) == 3  # red
    qtmodeltester.check(page.model)
    page.reload()  # a reload keeps the chosen sort
    assert names(page)[-1] == "Branch Library"
    page.model.sort(-1)
    assert names(page) == ["Riverside Clinic", "Harbor Clinic", "Branch Library"]


def test_double_click_opens_the_project(qtbot: QtBot, page: PortfolioPage) -> None:
    index = page.model.index(1, COL_NAME)
    with qtbot.waitSignal(page.project_activated) as signal:
        page.table.doubleClicked.emit(index)
    assert signal.args == [page.model.row_at(1).id]


def test_the_page_reloads_when_health_changes_elsewhere(
    qtbot: QtBot, page: PortfolioPage, app: AppServices, bus: ChangeBus
) -> None:
    page.show()
    pid = page.model.row_at(1).id
    out = app.health.set_override(pid, "cost", "green", WHY)
    bus.changed.emit(out.changes)
    assert cell(page, page.model.row_of(pid), COL_COST) == "Green (override)"
    assert "1 red overall" not in page._caption.text()


def test_override_opens_on_the_clicked_area(
    page: PortfolioPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[int, Area]] = []

    def fake_exec(dialog: RagOverrideDialog) -> int:
        opened.append((dialog.project_id, dialog.area()))
        return 0

    monkeypatch.setattr(RagOverrideDialog, "exec", fake_exec)
    page.open_override(page.model.row_at(0).id, COL_COST)
    page.open_override(page.model.row_at(1).id, COL_NAME)  # not an area: the worst one
    assert opened[0] == (page.model.row_at(0).id, Area.COST)
    assert opened[1][0] == page.model.row_at(1).id


def test_the_context_menu_offers_open_override_clear_and_prioritise(
    page: PortfolioPage, app: AppServices, stack: QUndoStack
) -> None:
    pid = page.model.row_at(0).id
    app.health.set_override(pid, "cost", "amber", WHY)
    page.reload()
    page.show()

    def texts(menu: QMenu) -> list[str]:
        return [a.text() for a in menu.actions() if not a.isSeparator()]

    rect = page.table.visualRect(page.model.index(0, COL_COST))
    menu = page.context_menu(rect.center())
    assert texts(menu) == [
        "&Open project",
        "O&verride cost status…",
        "&Clear cost override",
        "&Prioritise projects…",
    ]
    next(a for a in menu.actions() if a.text().startswith("&Clear")).trigger()
    assert app.health.overrides(pid) == {} and stack.undoText() == "Clear cost override"
    assert cell(page, 0, COL_COST) == "Red"
    stack.undo()
    assert cell(page, 0, COL_COST) == "Amber (override)"
    empty = page.context_menu(page.table.viewport().rect().bottomRight())
    assert texts(empty) == ["&Prioritise projects…"]
