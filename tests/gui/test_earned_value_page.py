"""The Cost tab's Earned value page: the figures are the service's (the hand-worked clinic
of tests/helpers/health_world.py), each with its formula worked in the tooltip; every
EAC formula side by side with the one in use marked; choosing another is an undoable
command that moves the mark and the workspace setting; "—" says why when a figure cannot
be worked (no budget, no progress, no cost); the page follows the bus."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QUndoStack

from ownersrep.domain.evm import EacMethod
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui import eac_formula_model as eac
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.evm_commands import SetEacMethodCommand
from ownersrep.ui.cost_tab import PAGE_EVM, CostTab
from ownersrep.ui.earned_value_page import (
    BUDGET_SPENT,
    FIGURES,
    NO_COST_YET,
    EarnedValuePage,
    figure_text,
)
from tests.helpers.cost_world import build_cost_world
from tests.helpers.health_world import Clinic, add_task, certify, clinic, nov, set_task

NEEDS_EAC = "Needs the EAC: no progress yet"
METHODS = list(EacMethod)  # CPI, BUDGET_RATE, CPI_SPI, BOTTOM_UP


@dataclass
class Setup:
    app: AppServices
    project_id: int
    stack: QUndoStack
    bus: ChangeBus
    tab: CostTab

    @property
    def page(self) -> EarnedValuePage:
        return self.tab.evm_page


def open_tab(qtbot, app: AppServices, project_id: int) -> Setup:  # type: ignore[no-untyped-def]
    stack, bus = QUndoStack(), ChangeBus()
    tab = CostTab(app, stack, bus)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show()
    tab.set_project(project_id)
    tab.show_page(PAGE_EVM)
    return Setup(app, project_id, stack, bus, tab)


@pytest.fixture
def world(ctx: ServiceContext) -> Clinic:
    return clinic(ctx)


@pytest.fixture
def setup(qtbot, world: Clinic) -> Setup:  # type: ignore[no-untyped-def]
    return open_tab(qtbot, world.app, world.project_id)


def column(model: eac.EacFormulaModel, col: int) -> list[str]:
    return [model.display(r, col) for r in range(model.rowCount())]


def bold_rows(model: eac.EacFormulaModel) -> list[int]:
    fonts = [model.index(r, eac.COL_METHOD).data(Qt.ItemDataRole.FontRole) for r in range(4)]
    return [r for r, font in enumerate(fonts) if isinstance(font, QFont) and font.bold()]


# -- the figures --------------------------------------------------------------------------
def test_the_model_passes_the_model_tester(qtmodeltester, world: Clinic) -> None:
    model = eac.EacFormulaModel()
    qtmodeltester.check(model)
    model.set_figures(world.app.evm.figures(world.project_id), EacMethod.CPI_SPI, "USD")
    qtmodeltester.check(model)
    model.set_figures(None, EacMethod.BOTTOM_UP)
    qtmodeltester.check(model)
    assert model.index(0, eac.COL_METHOD).data(eac.DTO_ROLE) == EacMethod.CPI


def test_figures_shown_are_the_services(setup: Setup) -> None:
    page = setup.page
    f = setup.app.evm.figures(setup.project_id)
    assert f is not None
    assert setup.tab.pages.tabText(PAGE_EVM) == "Ea&rned value"
    for key in FIGURES:
        assert page.text_of(key) == figure_text(f, key), key
    # The hand-worked clinic: PV 5,000, EV 4,000, AC 4,500 at Fri 6 Nov, BAC 10,000.
    shown = {key: page.text_of(key) for key in FIGURES}
    assert shown == {
        "bac": "10,000.00", "pv": "5,000.00", "ev": "4,000.00", "ac": "4,500.00",
        "cv": "-500.00", "sv": "-1,000.00", "cpi": "0.89", "spi": "0.80",
        "eac": "11,250.00",  # 10,000 ÷ (4,000 ÷ 4,500)
        "etc": "6,750.00",  # 11,250 − 4,500
        "vac": "-1,250.00", "vac_percent": "-12.5 %",
        "tcpi": "1.09",  # (10,000 − 4,000) ÷ (10,000 − 4,500) = 1.0909…
        "tcpi_eac": "0.89",  # 6,000 ÷ (11,250 − 4,500) = 0.888…
    }  # fmt: skip
    assert "06 Nov 2026</b>, the project's status date" in page.as_of_label.text()
    assert "amounts in USD" in page.as_of_label.text()
    assert not page.notice_label.isVisibleTo(page)
    # Each figure: its formula worked with the project's numbers, and its meaning.
    tip = page.values["cpi"].toolTip()
    assert tip.splitlines() == [
        "CPI = EV ÷ AC",
        "= 4,000.00 ÷ 4,500.00",
        "= 0.89",
        "Value earned per unit spent; below 1 is over cost",
    ]
    assert page.note_of("cpi") == "Value earned per unit spent; below 1 is over cost"
    eac_tip = page.values["eac"].toolTip().splitlines()
    assert eac_tip[:2] == [
        "EAC = BAC ÷ CPI (remaining work at today's cost efficiency)",
        "= USD 11,250.00",
    ]
    assert "(10,000.00 − 4,000.00) ÷ (10,000.00 − 4,500.00)" in page.values["tcpi"].toolTip()


def test_every_formula_side_by_side_with_the_one_in_use_marked(setup: Setup) -> None:
    model = setup.page.model
    assert column(model, eac.COL_FORMULA) == [m.formula for m in METHODS]
    assert column(model, eac.COL_METHOD) == [m.label for m in METHODS]
    # By CPI; at the budgeted rate 4,500 + 6,000; CPI × SPI: 4,500 + 6,000 ÷ (0.888… ×
    # 0.8) = 4,500 + 8,437.50; bottom-up: 4,500 + the ledger's 5,500 still to certify.
    assert column(model, eac.COL_EAC) == ["11,250.00", "10,500.00", "12,937.50", "10,000.00"]
    assert column(model, eac.COL_VAC) == ["-1,250.00", "-500.00", "-2,937.50", "0.00"]
    assert column(model, eac.COL_NOTE) == [eac.USED_TEXT, "", "", ""]
    assert bold_rows(model) == [0]
    vac_tip = model.index(2, eac.COL_VAC).data(Qt.ItemDataRole.ToolTipRole)
    assert vac_tip == "VAC = BAC − EAC = 10,000.00 − 12,937.50 = USD -2,937.50 (-29.4 % of BAC)"


# -- choosing the formula -----------------------------------------------------------------
def test_choosing_a_formula_moves_the_mark_and_the_setting(setup: Setup) -> None:
    page, model, evm = setup.page, setup.page.model, setup.app.evm
    page.select_method(EacMethod.CPI)
    assert not page.use_button.isEnabled()  # already in use
    page.select_method(EacMethod.BUDGET_RATE)
    assert page.use_button.isEnabled()
    page.use_button.click()
    assert setup.stack.undoText() == "Use EAC formula AC + (BAC − EV)"
    assert evm.eac_method() is EacMethod.BUDGET_RATE
    assert column(model, eac.COL_NOTE) == ["", eac.USED_TEXT, "", ""]
    assert bold_rows(model) == [1] and not page.use_button.isEnabled()
    # The figures above follow: EAC 10,500, ETC 6,000, VAC −500, TCPI to EAC 1.00.
    assert [page.text_of(k) for k in ("eac", "etc", "vac", "tcpi_eac")] == [
        "10,500.00", "6,000.00", "-500.00", "1.00",
    ]  # fmt: skip
    assert "EAC by <b>AC + (BAC − EV)</b>" in page.as_of_label.text()
    assert "EAC = AC + (BAC − EV)" in setup.tab.summary.values["eac"].toolTip()

    setup.stack.undo()
    assert evm.eac_method() is EacMethod.CPI
    assert bold_rows(model) == [0] and page.text_of("eac") == "11,250.00"
    assert "EAC = BAC ÷ CPI" in setup.tab.summary.values["eac"].toolTip()
    setup.stack.redo()
    assert evm.eac_method() is EacMethod.BUDGET_RATE
    assert bold_rows(model) == [1] and page.text_of("eac") == "10,500.00"


def test_double_click_uses_the_formula(qtbot, setup: Setup) -> None:  # type: ignore[no-untyped-def]
    table = setup.page.table
    rect = table.visualRect(setup.page.model.index(3, eac.COL_METHOD))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert setup.app.evm.eac_method() is EacMethod.BOTTOM_UP
    assert setup.stack.count() == 1
    assert setup.page.text_of("etc") == "5,500.00"  # the lines' own estimate to complete
    assert setup.page.values["etc"].toolTip().startswith("ETC = Σ the cost lines' estimates")
    # Using the formula already in use does nothing.
    assert setup.page.use_method(EacMethod.BOTTOM_UP) is False
    assert setup.stack.count() == 1


def test_set_eac_method_command_push_undo_redo(world: Clinic) -> None:
    evm, stack, bus = world.app.evm, QUndoStack(), ChangeBus()
    seen: list[Changes] = []
    bus.changed.connect(seen.append)
    command = SetEacMethodCommand(evm, bus, EacMethod.CPI_SPI)
    run_command(stack, command)
    assert evm.eac_method() is EacMethod.CPI_SPI
    assert command.old is EacMethod.CPI
    assert stack.undoText() == "Use EAC formula AC + (BAC − EV) ÷ (CPI × SPI)"
    assert seen[-1].touches("health", world.project_id)  # every project's forecast
    figures = evm.figures(world.project_id)
    assert figures is not None and figures.eac == Decimal("12937.50")
    stack.undo()
    assert evm.eac_method() is EacMethod.CPI and len(seen) == 2
    stack.redo()
    assert evm.eac_method() is EacMethod.CPI_SPI and len(seen) == 3
    stack.undo()
    assert evm.eac_method() is EacMethod.CPI


# -- figures that cannot be worked --------------------------------------------------------
def test_no_budget_shows_dashes_and_says_why(qtbot, ctx: ServiceContext) -> None:  # type: ignore[no-untyped-def]
    app = AppServices(ctx)
    pid = app.projects.create("No budget yet").value.id
    add_task(ctx, pid, "Work", nov(2), nov(13), percent=50, days=10)
    s = open_tab(qtbot, app, pid)
    page = s.page
    assert all(page.text_of(key) == eac.DASH for key in FIGURES)
    assert all(page.note_of(key) == "No cost budget yet" for key in FIGURES)
    assert page.notice_label.isVisibleTo(page)
    assert page.notice_label.text().startswith(eac.NO_BUDGET)
    assert "today: the project has no status date" in page.as_of_label.text()
    assert "20 Nov 2026" in page.as_of_label.text()
    assert column(page.model, eac.COL_EAC) == [eac.DASH] * 4
    assert column(page.model, eac.COL_NOTE) == [
        f"{eac.USED_TEXT} · No cost budget yet", "No cost budget yet",
        "No cost budget yet", "No cost budget yet",
    ]  # fmt: skip
    # The formula is the workspace's: it can still be chosen.
    page.select_method(EacMethod.BUDGET_RATE)
    page.use_selected()
    assert app.evm.eac_method() is EacMethod.BUDGET_RATE
    assert bold_rows(page.model) == [1]


def test_no_progress_yet_shows_dashes_and_says_why(qtbot, ctx: ServiceContext) -> None:  # type: ignore[no-untyped-def]
    # The cost world has a budget (1,500,000 + 25,000 drawn from contingency) and
    # 470,000.00 certified, but no schedule: nothing planned (PV 0), nothing earned (EV 0).
    cw = build_cost_world(ctx)
    s = open_tab(qtbot, cw.app, cw.project_id)
    page = s.page
    assert [page.text_of(k) for k in ("bac", "pv", "ev", "ac")] == [
        "1,525,000.00", "0.00", "0.00", "470,000.00",
    ]  # fmt: skip
    assert page.text_of("cpi") == "0.00"  # 0 ÷ 470,000
    assert (page.text_of("spi"), page.note_of("spi")) == (eac.DASH, eac.NOTHING_PLANNED)
    assert (page.text_of("eac"), page.note_of("eac")) == (eac.DASH, eac.NO_PROGRESS)
    for key in ("etc", "vac", "vac_percent", "tcpi_eac"):
        assert (page.text_of(key), page.note_of(key)) == (eac.DASH, NEEDS_EAC), key
    assert page.text_of("tcpi") == "1.45"  # 1,525,000 ÷ 1,055,000 = 1.445…
    model = page.model
    # At the budgeted rate 470,000 + 1,525,000; bottom-up: the lines' revised − certified.
    assert column(model, eac.COL_EAC) == [eac.DASH, "1,995,000.00", eac.DASH, "1,525,000.00"]
    assert column(model, eac.COL_NOTE)[:3] == [
        f"{eac.USED_TEXT} · No progress yet", "", "No progress yet",
    ]  # fmt: skip
    tip = model.index(0, eac.COL_EAC).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"BAC ÷ CPI cannot be worked. {eac.NO_PROGRESS}."


def test_no_cost_yet_shows_dashes_and_says_why(qtbot, ctx: ServiceContext) -> None:  # type: ignore[no-untyped-def]
    app = AppServices(ctx)
    pid = app.projects.create("Fresh").value.id
    app.projects.update(pid, {"status_date": nov(6)})
    add_task(ctx, pid, "Work", nov(2), nov(13), days=10, percent=10)
    app.budget_lines.create(pid, "01-000", "Work", "10000")
    s = open_tab(qtbot, app, pid)
    page = s.page
    assert page.text_of("ac") == "0.00"
    assert (page.text_of("cpi"), page.note_of("cpi")) == (eac.DASH, NO_COST_YET)
    assert page.text_of("spi") == "0.20"  # 1,000 earned ÷ 5,000 planned
    assert (page.text_of("eac"), page.note_of("eac")) == (eac.DASH, eac.NO_COST)
    assert column(page.model, eac.COL_EAC)[:3] == [eac.DASH, "9,000.00", eac.DASH]  # 0 + 9,000


def test_a_spent_budget_has_no_tcpi_to_bac(setup: Setup, world: Clinic) -> None:
    # 4,500 + 5,500 certified = the whole 10,000 budget: no efficiency finishes within it.
    certify(world.app, world.project_id, world.gc, world.concrete, "5,500.00", nov(5))
    setup.bus.changed.emit(Changes.of("pay_application", [], world.project_id))
    page = setup.page
    assert (page.text_of("tcpi"), page.note_of("tcpi")) == (eac.DASH, BUDGET_SPENT)
    # EAC 10,000 × 10,000 ÷ 4,000 = 25,000: TCPI to EAC 6,000 ÷ 15,000.
    assert (page.text_of("eac"), page.text_of("tcpi_eac")) == ("25,000.00", "0.40")


# -- refreshing ---------------------------------------------------------------------------
def test_follows_progress_on_the_bus(setup: Setup, world: Clinic) -> None:
    page = setup.page
    set_task(world.ctx, world.excavate, percent_complete=50)
    setup.bus.changed.emit(Changes.of("task", [world.excavate], world.project_id + 1))
    assert page.text_of("ev") == "4,000.00"  # another project's change: not read
    setup.bus.changed.emit(Changes.of("task", [world.excavate], world.project_id))
    assert page.text_of("ev") == "5,000.00"  # 50 % of 10,000
    assert page.text_of("spi") == "1.00"
    # A change of the formula elsewhere (another window, or the dashboard) shows here.
    world.app.evm.set_eac_method(EacMethod.CPI_SPI)
    setup.bus.changed.emit(Changes.of("health"))
    assert bold_rows(page.model) == [2]
