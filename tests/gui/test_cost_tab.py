"""The Cost tab: headline figures and the reconciliation indicator, the four pages with
their totals, edits through the undo stack (dialogs scripted), delete that asks and is
undoable, change-order decisions offered only where allowed, the pay applications of the
selected commitment, CSV export, the charts, and refreshing only on its own changes."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox

from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui import budget_line_table_model as bl
from ownersrep.ui import change_order_table_model as chg
from ownersrep.ui import pay_application_table_model as pay
from ownersrep.ui.budget_line_dialog import BudgetLineDialog
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.change_status_dialog import ChangeStatusDialog
from ownersrep.ui.cost_tab import PAGE_CHANGES, PAGE_CHARTS, PAGE_COMMITMENTS, CostTab
from ownersrep.ui.pay_application_dialog import PayApplicationDialog
from tests.helpers.cost_world import CostWorld, build_cost_world


@dataclass
class Setup:
    cw: CostWorld
    stack: QUndoStack
    bus: ChangeBus
    tab: CostTab


@pytest.fixture
def setup(qtbot, ctx: ServiceContext) -> Setup:  # type: ignore[no-untyped-def]
    cw = build_cost_world(ctx)
    stack, bus = QUndoStack(), ChangeBus()
    tab = CostTab(cw.app, stack, bus)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show()
    tab.set_project(cw.project_id)
    return Setup(cw, stack, bus, tab)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Message boxes shown (kind, title, text); questions are answered Yes."""
    shown: list[tuple[str, str, str]] = []

    def record(kind: str) -> Callable[..., Any]:
        def box(_parent: object, title: str, text: str, *a: object, **k: object) -> object:
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Yes

        return box

    for kind in ("warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return shown


def script(monkeypatch: pytest.MonkeyPatch, dialog: type, fill: Callable[[Any], None]) -> None:
    """Replace the dialog's modal exec() by a user who fills it in and presses OK."""

    def fake_exec(self: Any) -> int:
        fill(self)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(dialog, "exec", fake_exec)


def col(model: Any, column: int) -> list[str]:
    return [model.display(r, column) for r in range(model.rowCount())]


def count_ledger_reads(monkeypatch: pytest.MonkeyPatch, s: Setup) -> list[int]:
    reads: list[int] = []
    real = s.cw.app.cost.ledger

    def counting(project_id: int) -> Any:
        reads.append(project_id)
        return real(project_id)

    monkeypatch.setattr(s.cw.app.cost, "ledger", counting)
    return reads


# -- showing ----------------------------------------------------------------------------
def test_shows_the_ledger_with_totals_and_reconciliation(setup: Setup) -> None:
    tab = setup.tab
    summary = tab.summary
    assert summary.text_of("original") == "1,600,000.00"
    assert summary.text_of("revised") == "1,600,000.00"
    assert summary.text_of("committed") == "1,315,000.00"
    assert summary.text_of("certified") == "470,000.00"
    assert summary.text_of("retainage") == "22,000.00"
    assert summary.text_of("exposure") == "16,000.00"
    assert summary.text_of("contingency") == "75,000.00  (25 % used)"
    assert "Ledger reconciles" in summary.reconcile_label.text()
    budget = tab.budget_page
    assert budget.caption.text() == "3 budget lines in 2 groups · amounts in USD"
    assert col(budget.model, bl.COL_CODE)[-1] == "Total"
    assert col(budget.model, bl.COL_ORIGINAL)[-1] == "1,600,000.00"
    # Group names span the code and description columns.
    assert budget.table.columnSpan(0, 0) == 2 and budget.table.columnSpan(1, 0) == 1
    assert col(tab.commitments_page.model, 0) == ["CT-001", "CT-002", "Total"]
    assert col(tab.changes_page.model, chg.COL_NUMBER)[-1] == "Total"
    log = tab.changes_page.log_label.text()
    assert "Approved <b>1</b> · 25,000.00" in log
    assert "USD 16,000.00" in log  # pending exposure
    assert tab.export_button.isEnabled()


def test_no_project_shows_nothing(qtbot, ctx: ServiceContext) -> None:  # type: ignore[no-untyped-def]
    from ownersrep.services.app_services import AppServices

    tab = CostTab(AppServices(ctx), QUndoStack(), ChangeBus())
    qtbot.addWidget(tab)
    assert tab.budget_page.model.rowCount() == 0
    assert not tab.export_button.isEnabled()
    assert not tab.budget_page.add_button.isEnabled()
    assert tab.summary.text_of("original") == "—"


def test_a_ledger_that_does_not_reconcile_says_what_is_wrong(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems = ["Revised budget: 1,600,000.00 is not original 1,500,000.00 + approved 0.00"]
    monkeypatch.setattr(setup.cw.app.cost, "reconcile", lambda _pid: problems)
    setup.tab.reload()
    label = setup.tab.summary.reconcile_label
    assert "Ledger does not reconcile" in label.text()
    assert problems[0] in label.text() and label.toolTip() == problems[0]


def test_cpi_and_spi_come_from_earned_value(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    from decimal import Decimal

    from ownersrep.domain.evm import EvmFigures

    figures = EvmFigures(bac=Decimal(1000), pv=Decimal(500), ev=Decimal(450), ac=Decimal(500))
    monkeypatch.setattr(setup.cw.app.evm, "figures", lambda _pid: figures)
    setup.tab.reload()
    assert setup.tab.summary.text_of("cpi") == "0.90"
    assert setup.tab.summary.text_of("spi") == "0.90"
    monkeypatch.setattr(setup.cw.app.evm, "figures", lambda _pid: None)
    setup.tab.reload()
    assert setup.tab.summary.text_of("cpi") == "—"


# -- refreshing -------------------------------------------------------------------------
def test_refreshes_only_on_its_own_changes(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = count_ledger_reads(monkeypatch, setup)
    pid = setup.cw.project_id
    setup.bus.changed.emit(Changes.of("risk", [1], pid))
    setup.bus.changed.emit(Changes.of("commitment", [1], pid + 99))
    assert reads == []
    setup.bus.changed.emit(Changes.of("pay_application", [1], pid))
    assert reads == [pid]
    setup.bus.changed.emit(Changes.of("party", [1]))  # names shown in the tables
    assert reads == [pid, pid]


def test_a_hidden_tab_refreshes_when_shown_again(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = count_ledger_reads(monkeypatch, setup)
    setup.tab.hide()
    setup.bus.changed.emit(Changes.of("budget_line", [1], setup.cw.project_id))
    assert reads == []
    setup.tab.show()
    assert reads == [setup.cw.project_id]


# -- budget lines -----------------------------------------------------------------------
def test_add_edit_and_undo_a_budget_line(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, boxes: list
) -> None:
    page = setup.tab.budget_page

    def fill(dlg: BudgetLineDialog) -> None:
        dlg.code.setText("05-500")
        dlg.description.setText("Metal fabrications")
        dlg.group.setCurrentText("05 Metals")
        dlg.original.setText("60,000")

    script(monkeypatch, BudgetLineDialog, fill)
    page.add_line()
    assert setup.stack.undoText() == "Add budget line 05-500"
    assert page.selected_line() is not None and page.selected_line().code == "05-500"
    assert col(page.model, bl.COL_CODE)[:5] == [
        "03 Concrete",
        "03-300",
        "05 Metals",
        "05-100",
        "05-500",
    ]
    assert setup.tab.summary.text_of("original") == "1,660,000.00"

    script(monkeypatch, BudgetLineDialog, lambda dlg: dlg.original.setText("65,000"))
    page.edit_selected()
    assert setup.stack.undoText() == "Edit budget line 05-500"
    assert page.selected_line().original.to_eng_string() == "65000.00"
    setup.stack.undo()
    setup.stack.undo()
    assert "05-500" not in col(page.model, bl.COL_CODE)
    assert setup.tab.summary.text_of("original") == "1,600,000.00"


def test_delete_asks_then_is_undoable(setup: Setup, boxes: list) -> None:
    page = setup.tab.budget_page
    spare = setup.cw.app.budget_lines.create(
        setup.cw.project_id, "10-100", "Signage", "8000"
    ).value.id
    setup.tab.reload()
    page.table.select_id(spare)
    setup.tab.delete_selected()
    assert boxes[-1][:2] == ("question", "Delete budget line")
    assert "10-100 “Signage”" in boxes[-1][2]
    assert page.model.row_of_id(spare) is None
    setup.stack.undo()
    assert page.model.row_of_id(spare) is not None


def test_delete_refused_shows_why_and_pushes_nothing(setup: Setup, boxes: list) -> None:
    page = setup.tab.budget_page
    page.table.select_id(setup.cw.base.concrete)
    page.delete_selected()
    assert boxes[-1][0:2] == ("warning", "Cannot delete")
    assert "used by commitment CT-001" in boxes[-1][2]
    assert setup.stack.count() == 0


def test_delete_not_confirmed_does_nothing(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page = setup.tab.commitments_page
    page.table.select_id(setup.cw.design_contract)
    page.delete_selected()
    assert setup.stack.count() == 0 and page.model.row_of_id(setup.cw.design_contract) is not None


# -- commitments and pay applications ---------------------------------------------------
def test_pay_applications_follow_the_selected_commitment(setup: Setup) -> None:
    page = setup.tab.commitments_page
    setup.tab.show_page(PAGE_COMMITMENTS)
    assert page.pay_title.text() == "Pay applications of every commitment"
    assert page.pay_model.rowCount() == 4 and not page.show_all_button.isEnabled()
    page.table.select_id(setup.cw.gc_contract)
    assert page.pay_title.text() == "Pay applications of CT-001 General contract — Summit Builders"
    assert col(page.pay_model, pay.COL_NUMBER) == ["1", "2", ""]
    assert col(page.pay_model, pay.COL_CERTIFIED)[-1] == "440,000.00"
    assert page.pay_table.isColumnHidden(pay.COL_COMMITMENT)
    assert page.pay_caption.text() == "2 of 3 pay applications"
    page.show_all_button.click()
    assert page.pay_model.rowCount() == 4 and not page.pay_table.isColumnHidden(pay.COL_PARTY)


def test_add_a_pay_application_for_the_selected_commitment(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = setup.tab.commitments_page
    page.table.select_id(setup.cw.design_contract)

    def fill(dlg: PayApplicationDialog) -> None:
        assert dlg.commitment.currentData() == setup.cw.design_contract
        dlg.claimed.setText("20,000")
        dlg.certified.setText("18,000")

    script(monkeypatch, PayApplicationDialog, fill)
    page.add_pay_application()
    assert setup.stack.undoText() == "Add pay application CT-002 #2"
    assert col(page.pay_model, pay.COL_CERTIFIED) == ["30,000.00", "18,000.00", "48,000.00"]
    assert page.selected_pay_application().certified.to_eng_string() == "18000.00"
    assert setup.tab.summary.text_of("certified") == "488,000.00"
    setup.stack.undo()
    assert page.pay_model.rowCount() == 2


def test_delete_a_commitment_with_its_pay_applications(setup: Setup, boxes: list) -> None:
    page = setup.tab.commitments_page
    page.table.select_id(setup.cw.design_contract)
    page.delete_selected_commitment()
    assert "Its 1 pay application go with it." in boxes[-1][2]
    assert col(page.model, 0) == ["CT-001", "Total"]
    assert page.pay_model.all_count() == 2
    setup.stack.undo()
    assert col(page.model, 0) == ["CT-001", "CT-002", "Total"]
    assert page.pay_model.all_count() == 3


# -- change orders ----------------------------------------------------------------------
def test_status_actions_follow_what_the_status_allows(setup: Setup) -> None:
    page = setup.tab.changes_page
    enabled = lambda: {s for s, b in page.status_buttons.items() if b.isEnabled()}  # noqa: E731
    assert enabled() == set()
    page.table.select_id(setup.cw.changes["CO-003"])  # potential
    assert enabled() == {ChangeStatus.PENDING, ChangeStatus.VOID}
    page.table.select_id(setup.cw.changes["CO-002"])  # pending
    assert enabled() == {ChangeStatus.APPROVED, ChangeStatus.REJECTED, ChangeStatus.VOID}
    page.table.select_id(setup.cw.changes["CO-001"])  # approved: final, and not deletable
    assert enabled() == set() and not page.delete_button.isEnabled()


def test_context_menu_offers_the_next_statuses(setup: Setup) -> None:
    page = setup.tab.changes_page

    def texts(menu: QMenu) -> list[str]:
        return [a.text() for a in menu.actions() if not a.isSeparator() and a.isEnabled()]

    page.table.select_id(setup.cw.changes["CO-002"])
    assert texts(page.context_menu()) == [
        "New change order…", "Edit…", "Approve…", "Reject…", "Void…", "Delete",
    ]  # fmt: skip
    page.table.select_id(setup.cw.changes["CO-001"])  # approved: nothing to decide
    assert texts(page.context_menu()) == ["New change order…", "Edit…"]


def test_approve_through_the_tab_and_undo(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    page = setup.tab.changes_page
    setup.tab.show_page(PAGE_CHANGES)
    co = setup.cw.changes["CO-002"]
    page.table.select_id(co)
    script(monkeypatch, ChangeStatusDialog, lambda dlg: dlg.by.setText("M. Okafor"))
    page.status_buttons[ChangeStatus.APPROVED].click()
    assert setup.stack.undoText() == "Approve change order CO-002"
    row = page.model.row_of_id(co)
    assert row is not None
    assert page.model.display(row, chg.COL_STATUS) == "Approved"
    assert page.model.display(row, chg.COL_APPROVED_BY) == "M. Okafor"
    assert setup.tab.summary.text_of("revised") == "1,612,000.00"
    assert setup.tab.summary.text_of("exposure") == "4,000.00"
    assert page.selected_change() is not None  # the selection stays on the row
    setup.stack.undo()
    assert page.model.display(row, chg.COL_STATUS) == "Pending"
    assert setup.tab.summary.text_of("revised") == "1,600,000.00"


def test_a_refused_approval_keeps_the_dialog_open(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, boxes: list
) -> None:
    page = setup.tab.changes_page
    page.table.select_id(setup.cw.changes["CO-002"])
    outcomes: list[int] = []

    def fake_exec(dlg: ChangeStatusDialog) -> int:
        dlg.accept()  # no name given
        outcomes.append(dlg.result())
        return int(dlg.result())

    monkeypatch.setattr(ChangeStatusDialog, "exec", fake_exec)
    page.set_selected_status(ChangeStatus.APPROVED)
    assert boxes == [
        ("warning", "Cannot save", "Approved by: is required to approve a change order")
    ]
    assert outcomes == [QDialog.DialogCode.Rejected] and setup.stack.count() == 0


# -- export and charts ------------------------------------------------------------------
def test_export_csv(setup: Setup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "ledger"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)")
    )
    written = setup.tab.export_csv()
    assert written == tmp_path / "ledger.csv"
    with written.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    flat = [cell for row in rows for cell in row]
    assert "03-300" in flat and "CT-001" in flat and "CO-005" in flat
    assert "1000000.00" in flat  # exact amounts
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert setup.tab.export_csv() is None


def test_charts_are_drawn_when_their_page_is_shown(setup: Setup) -> None:
    tab = setup.tab
    assert tab.charts is None  # matplotlib waits until the page is shown
    tab.show_page(PAGE_CHARTS)
    assert tab.charts is not None
    s_curve, change_log, budget = tab.charts.figures()
    assert s_curve.axes[0].get_title(loc="left") == "Cost S-curve"
    count_ax, _cost_ax = change_log.axes
    assert [b.get_width() for b in count_ax.containers[0]] == [1, 1, 1, 1, 1]
    assert [len(c) for c in budget.axes[0].containers] == [3, 3, 3]
    assert budget.legends[0].get_title().get_text() == "Budget and forecast by line"
    # A change redraws the page shown.
    setup.cw.app.change_orders.create(setup.cw.project_id, "New change", "1000")
    setup.bus.changed.emit(Changes.of("change_order", [], setup.cw.project_id))
    _s, change_log, _b = tab.charts.figures()
    assert change_log.axes[0].containers[0][0].get_width() == 2


def test_status_date_marks_the_s_curve(setup: Setup) -> None:
    setup.cw.app.schedule.set_status_date(setup.cw.project_id, date(2026, 10, 31))
    setup.bus.changed.emit(Changes.of("project", [setup.cw.project_id], setup.cw.project_id))
    setup.tab.show_page(PAGE_CHARTS)
    assert setup.tab.charts is not None
    ax = setup.tab.charts.figures()[0].axes[0]
    texts = [t.get_text() for t in ax.texts]
    # No schedule to plan or earn on, but the certified cost is there up to the date.
    assert "31 Oct 2026" in texts and "AC 470k" in texts


def test_main_window_delete_goes_to_the_page_shown(setup: Setup, boxes: list) -> None:
    setup.tab.show_page(PAGE_CHANGES)
    page = setup.tab.changes_page
    page.table.select_id(setup.cw.changes["CO-005"])
    setup.tab.delete_selected()
    assert setup.stack.undoText() == "Delete change order CO-005"
    assert page.model.row_of_id(setup.cw.changes["CO-005"]) is None
