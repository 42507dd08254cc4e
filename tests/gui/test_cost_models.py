"""The Cost tab's four table models: qtmodeltester on each, money right-aligned with
format_money, totals rows that match the ledger, group rows, sorting that keeps groups
and totals in place, the pay applications' commitment filter, and in-place refreshes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QSignalSpy

from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.domain.money import format_money
from ownersrep.services.context import ServiceContext
from ownersrep.ui import budget_line_table_model as bl
from ownersrep.ui import change_order_table_model as chg
from ownersrep.ui import commitment_table_model as cmt
from ownersrep.ui import pay_application_table_model as pay
from ownersrep.ui.cost_table_model import BAD_INK, GROUP, ROW, TOTAL, CostTableModel
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, KIND_ROLE, SORT_ROLE
from tests.helpers.cost_world import CostWorld, build_cost_world

D = Decimal
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@pytest.fixture
def cw(ctx: ServiceContext) -> CostWorld:
    return build_cost_world(ctx)


def column(model: CostTableModel, col: int) -> list[str]:
    return [model.display(r, col) for r in range(model.rowCount())]


def kinds(model: CostTableModel) -> list[str]:
    return [model.index(r, 0).data(KIND_ROLE) for r in range(model.rowCount())]


def budget_model(cw: CostWorld) -> bl.BudgetLineTableModel:
    model = bl.BudgetLineTableModel()
    model.set_ledger(cw.app.cost.ledger(cw.project_id))
    return model


# -- budget lines -----------------------------------------------------------------------
def test_budget_model_groups_lines_under_subtotals_and_totals_at_the_bottom(
    qtmodeltester,
    cw: CostWorld,  # type: ignore[no-untyped-def]
) -> None:
    model = budget_model(cw)
    qtmodeltester.check(model)
    assert kinds(model) == [GROUP, ROW, GROUP, ROW, GROUP, ROW, TOTAL]
    assert column(model, bl.COL_CODE) == [
        "03 Concrete", "03-300", "05 Metals", "05-100", "Ungrouped", "99-000", "Total",
    ]  # fmt: skip
    assert column(model, bl.COL_DESCRIPTION)[-1] == "3 budget lines"
    ledger = cw.app.cost.ledger(cw.project_id)
    totals = ledger.line_totals
    last = model.rowCount() - 1
    for col, value in (
        (bl.COL_ORIGINAL, totals.original),
        (bl.COL_REVISED, totals.revised),
        (bl.COL_COMMITTED, totals.committed),
        (bl.COL_EXPOSURE, totals.exposure),
        (bl.COL_CERTIFIED, totals.certified),
        (bl.COL_EAC, totals.eac),
    ):
        assert model.display(last, col) == format_money(value)
    assert model.display(last, bl.COL_ORIGINAL) == "1,600,000.00"
    # Concrete: revised by CO-001, which the contingency line gives up.
    assert model.display(1, bl.COL_APPROVED) == "25,000.00"
    assert model.display(1, bl.COL_REVISED) == "1,025,000.00"
    assert model.display(5, bl.COL_APPROVED) == "-25,000.00"
    assert model.display(0, bl.COL_REVISED) == "1,025,000.00"  # the group's subtotal


def test_budget_model_roles(cw: CostWorld) -> None:
    model = budget_model(cw)
    line = model.index(1, bl.COL_ORIGINAL)
    assert line.data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.index(1, bl.COL_CODE).data(Qt.ItemDataRole.TextAlignmentRole) != RIGHT
    assert line.data(ID_ROLE) == cw.base.concrete
    assert line.data(DTO_ROLE).code == "03-300"
    assert line.data(SORT_ROLE) == (0, D("1000000.00"))
    assert line.data(Qt.ItemDataRole.ToolTipRole) == "Original: USD 1,000,000.00"
    group = model.index(0, bl.COL_ORIGINAL)
    assert group.data(ID_ROLE) is None
    assert isinstance(group.data(Qt.ItemDataRole.FontRole), QFont)
    assert group.data(Qt.ItemDataRole.FontRole).bold()
    assert line.data(Qt.ItemDataRole.FontRole) is None
    # Group and totals rows cannot be selected (nothing to edit there).
    assert not model.flags(group) & Qt.ItemFlag.ItemIsSelectable
    assert model.flags(line) & Qt.ItemFlag.ItemIsSelectable
    assert model.row_at(0) is None and model.row_at(1).code == "03-300"
    assert "Derived" in model.index(1, bl.COL_ETC).data(Qt.ItemDataRole.ToolTipRole)
    header = model.headerData(
        bl.COL_EXPOSURE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "Amounts in USD" in header


def test_budget_model_marks_an_overrun_in_red(cw: CostWorld) -> None:
    cw.app.budget_lines.update(cw.base.steel, {"etc_override": "400000"})  # EAC over budget
    model = budget_model(cw)
    row = model.row_of_id(cw.base.steel)
    assert row is not None
    vac = model.index(row, bl.COL_VAC_REVISED)
    assert vac.data() == "-73,673.47"
    assert vac.data(Qt.ItemDataRole.ForegroundRole).color() == BAD_INK
    assert model.index(row, bl.COL_ETC).data(Qt.ItemDataRole.ForegroundRole) is None  # entered


def test_budget_model_sorts_within_groups(qtmodeltester, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    cw.app.budget_lines.create(cw.project_id, "03-100", "Formwork", "50000", group="03 Concrete")
    model = budget_model(cw)
    assert column(model, bl.COL_CODE)[:3] == ["03 Concrete", "03-300", "03-100"]  # ledger order
    model.sort(bl.COL_ORIGINAL, Qt.SortOrder.AscendingOrder)
    assert column(model, bl.COL_CODE) == [
        "03 Concrete", "03-100", "03-300", "05 Metals", "05-100", "Ungrouped", "99-000", "Total",
    ]  # fmt: skip
    model.sort(bl.COL_CODE, Qt.SortOrder.DescendingOrder)
    assert column(model, bl.COL_CODE)[:3] == ["03 Concrete", "03-300", "03-100"]
    assert column(model, bl.COL_CODE)[-1] == "Total"
    model.sort(-1)  # back to the ledger's own order
    assert column(model, bl.COL_CODE)[1] == "03-300"
    qtmodeltester.check(model)


def test_budget_model_refreshes_changed_rows_in_place(cw: CostWorld) -> None:
    model = budget_model(cw)
    resets = QSignalSpy(model.modelReset)
    changed = QSignalSpy(model.dataChanged)
    cw.app.budget_lines.update(cw.base.steel, {"description": "Structural steel frame"})
    model.set_ledger(cw.app.cost.ledger(cw.project_id))
    assert resets.count() == 0 and changed.count() == 1
    assert changed.at(0)[0].row() == model.row_of_id(cw.base.steel)
    assert model.display(model.row_of_id(cw.base.steel) or 0, 1) == "Structural steel frame"
    cw.app.budget_lines.create(cw.project_id, "06-100", "Carpentry", "1000")
    model.set_ledger(cw.app.cost.ledger(cw.project_id))
    assert resets.count() == 1
    model.set_ledger(None)
    assert model.rowCount() == 0


def test_budget_model_without_groups_or_lines(ctx: ServiceContext) -> None:
    from ownersrep.services.app_services import AppServices

    app = AppServices(ctx)
    pid = app.projects.create("Plain").value.id
    model = bl.BudgetLineTableModel()
    model.set_ledger(app.cost.ledger(pid))
    assert model.rowCount() == 0  # no lines: no totals row either
    app.budget_lines.create(pid, "A", "Labour", "100")
    app.budget_lines.create(pid, "B", "Vendor", "250")
    model.set_ledger(app.cost.ledger(pid))
    assert kinds(model) == [ROW, ROW, TOTAL]
    assert model.group_rows() == []
    assert column(model, bl.COL_ORIGINAL) == ["100.00", "250.00", "350.00"]


# -- commitments ------------------------------------------------------------------------
def test_commitment_model(qtmodeltester, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    ledger = cw.app.cost.ledger(cw.project_id)
    model = cmt.CommitmentTableModel()
    model.set_ledger(ledger)
    qtmodeltester.check(model)
    assert column(model, cmt.COL_NUMBER) == ["CT-001", "CT-002", "Total"]
    assert column(model, cmt.COL_PARTY)[:2] == ["Summit Builders", "Arc Design"]
    assert column(model, cmt.COL_LINES)[0] == "03-300, 05-100"
    assert column(model, cmt.COL_RETAINAGE_PERCENT)[:2] == ["5.0 %", "0.0 %"]
    totals = ledger.commitment_totals
    assert model.display(2, cmt.COL_AMOUNT) == format_money(totals.amount) == "1,290,000.00"
    assert model.display(2, cmt.COL_REVISED) == format_money(totals.revised) == "1,315,000.00"
    assert model.display(2, cmt.COL_CERTIFIED) == "470,000.00"
    assert model.display(2, cmt.COL_RETAINAGE) == "22,000.00"
    assert model.display(2, cmt.COL_PAID) == format_money(totals.paid)
    assert model.display(2, cmt.COL_TITLE) == "2 commitments"
    assert model.display(0, cmt.COL_EXPOSURE) == "12,000.00"  # CO-002 pending on CT-001
    assert model.display(0, cmt.COL_BILLED) == "35.9 %"  # 440,000 of 1,225,000
    assert model.index(0, cmt.COL_AMOUNT).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    model.sort(cmt.COL_CERTIFIED, Qt.SortOrder.AscendingOrder)
    assert column(model, cmt.COL_NUMBER) == ["CT-002", "CT-001", "Total"]
    qtmodeltester.check(model)


# -- change orders ----------------------------------------------------------------------
def test_change_order_model(qtmodeltester, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    changes = cw.app.change_orders.list_change_orders(cw.project_id)
    model = chg.ChangeOrderTableModel()
    model.set_changes(changes, "USD")
    qtmodeltester.check(model)
    assert column(model, chg.COL_STATUS) == [
        "Approved", "Pending", "Potential", "Rejected", "Void", "",
    ]  # fmt: skip
    assert column(model, chg.COL_LINE)[0] == "03-300 ← 99-000"  # drawn from contingency
    assert column(model, chg.COL_APPROVED) == ["25,000.00", "", "", "", "", "25,000.00"]
    assert column(model, chg.COL_EXPOSURE) == ["", "12,000.00", "4,000.00", "", "", "16,000.00"]
    assert column(model, chg.COL_COST)[3] == "-3,000.00"
    assert column(model, chg.COL_DAYS)[0] == "6"
    assert column(model, chg.COL_APPROVED_BY)[0] == "M. Okafor"
    assert column(model, chg.COL_SUBMITTED)[0] == "01 Sep 2026"
    # The totals agree with the ledger's change log.
    log = {t.status: t for t in cw.app.cost.ledger(cw.project_id).change_log}
    assert model.display(5, chg.COL_APPROVED) == format_money(log[ChangeStatus.APPROVED].cost)
    exposure = log[ChangeStatus.PENDING].cost + log[ChangeStatus.POTENTIAL].cost
    assert model.display(5, chg.COL_EXPOSURE) == format_money(exposure)
    tip = model.index(1, chg.COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Can become approved or rejected or void" in tip
    assert model.index(1, chg.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, chg.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole) is None
    model.sort(chg.COL_STATUS, Qt.SortOrder.DescendingOrder)
    assert column(model, chg.COL_STATUS)[0] == "Void"
    assert column(model, chg.COL_NUMBER)[-1] == "Total"
    model.set_changes([])
    assert model.rowCount() == 0


def test_change_order_numbers_sort_by_their_number(cw: CostWorld) -> None:
    changes = cw.app.change_orders
    for n in range(6, 11):
        changes.create(cw.project_id, f"Change {n}", "100")
    model = chg.ChangeOrderTableModel()
    model.set_changes(changes.list_change_orders(cw.project_id))
    model.sort(chg.COL_NUMBER, Qt.SortOrder.DescendingOrder)
    assert column(model, chg.COL_NUMBER)[:2] == ["CO-010", "CO-009"]


# -- pay applications -------------------------------------------------------------------
def test_pay_application_model_filters_by_commitment(qtmodeltester, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    pays = cw.app.pay_applications.list_pay_applications(cw.project_id)
    model = pay.PayApplicationTableModel()
    model.set_pay_applications(pays, "USD")
    qtmodeltester.check(model)
    assert column(model, pay.COL_COMMITMENT) == ["CT-001", "CT-001", "CT-002", ""]
    assert column(model, pay.COL_PERIOD)[-1] == "Total (3)"
    ledger = cw.app.cost.ledger(cw.project_id)
    assert model.display(3, pay.COL_CERTIFIED) == format_money(ledger.commitment_totals.certified)
    assert model.display(3, pay.COL_HELD) == format_money(ledger.commitment_totals.retainage_held)
    assert model.display(3, pay.COL_CLAIMED) == "480,000.00"
    assert column(model, pay.COL_PAID_ON)[:3] == ["20 Oct 2026", "", "15 Nov 2026"]
    model.set_commitment_filter(cw.gc_contract)
    qtmodeltester.check(model)
    gc = next(c for c in ledger.commitments if c.id == cw.gc_contract)
    assert column(model, pay.COL_NUMBER) == ["1", "2", ""]
    assert model.display(2, pay.COL_CERTIFIED) == format_money(gc.certified) == "440,000.00"
    assert model.display(2, pay.COL_HELD) == "22,000.00"  # 5 % of 440,000
    assert model.display(2, pay.COL_NET) == "418,000.00"
    assert column(model, pay.COL_TO_DATE)[:2] == ["190,000.00", "440,000.00"]
    assert model.all_count() == 3 and model.commitment_filter() == cw.gc_contract
    model.set_commitment_filter(-1)
    assert model.rowCount() == 0
    model.set_commitment_filter(None)
    assert model.rowCount() == 4
