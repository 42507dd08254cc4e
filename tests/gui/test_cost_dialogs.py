"""The cost dialogs on their own: what they show, the values they hand to `save`, and a
refusal from the service shown with QMessageBox.warning while the dialog stays open."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox

from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.domain.errors import ValidationError
from ownersrep.services.context import ServiceContext
from ownersrep.ui.budget_line_dialog import BudgetLineDialog
from ownersrep.ui.change_order_dialog import ChangeOrderDialog
from ownersrep.ui.change_status_dialog import ChangeStatusDialog
from ownersrep.ui.commitment_dialog import COL_AMOUNT, COL_LINE, CommitmentDialog
from ownersrep.ui.pay_application_dialog import PayApplicationDialog
from tests.conftest import TODAY
from tests.helpers.cost_world import CostWorld, build_cost_world

D = Decimal


@pytest.fixture
def cw(ctx: ServiceContext) -> CostWorld:
    return build_cost_world(ctx)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def fake(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake)
    return shown


def refuse(field: str, message: str) -> Any:
    def save(_values: dict[str, Any]) -> None:
        raise ValidationError(field, message)

    return save


# -- budget line ------------------------------------------------------------------------
def test_budget_line_dialog_new(qtbot, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    saved: list[dict[str, Any]] = []
    tasks = [(11, "Design"), (12, "Construction")]
    dlg = BudgetLineDialog(["03 Concrete", "05 Metals"], saved.append, tasks=tasks)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "New budget line"
    assert [dlg.group.itemText(i) for i in range(dlg.group.count())] == [
        "", "03 Concrete", "05 Metals",
    ]  # fmt: skip
    assert dlg.task.itemText(0) == "— The whole project —" and dlg.task.count() == 3
    dlg.code.setText("09-900")
    dlg.description.setText("Painting")
    dlg.group.setCurrentText("09 Finishes")
    dlg.original.setText("45,000")
    dlg.task.setCurrentIndex(2)
    assert not dlg.etc.isEnabled()
    dlg.accept()
    assert saved == [
        {
            "code": "09-900",
            "description": "Painting",
            "group": "09 Finishes",
            "kind": "cost",
            "task_id": 12,
            "original": "45,000",
            "etc_override": None,
        }
    ]
    assert dlg.result() == QDialog.DialogCode.Accepted


def test_budget_line_dialog_edit_sends_only_changes(qtbot, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    line = cw.app.budget_lines.get(cw.base.concrete)
    saved: list[dict[str, Any]] = []
    dlg = BudgetLineDialog([], saved.append, line, D("728673.47"))
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Edit budget line 03-300"
    assert dlg.original.text() == "1,000,000.00"
    assert dlg.etc.placeholderText() == "Derived: 728,673.47"
    assert dlg.changed_values() == {}
    dlg.original.setText("1000000")  # same amount, typed differently: no change
    assert dlg.changed_values() == {}
    dlg.has_etc.setChecked(True)
    assert dlg.etc.isEnabled()
    dlg.etc.setText("700,000")
    dlg.kind.setCurrentIndex(dlg.kind.findData("contingency"))
    assert dlg.changed_values() == {"etc_override": "700,000", "kind": "contingency"}
    dlg.has_etc.setChecked(False)
    assert dlg.changed_values() == {"kind": "contingency"}


def test_budget_line_dialog_stays_open_on_a_refusal(
    qtbot,
    cw: CostWorld,
    warnings: list,  # type: ignore[no-untyped-def]
) -> None:
    dlg = BudgetLineDialog([], refuse("Original budget", "“abc” is not a number"))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.original.setText("abc")
    dlg.accept()
    assert warnings == [("Cannot save", "Original budget: “abc” is not a number")]
    assert dlg.isVisible() and dlg.result() != QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.original)


def test_budget_line_dialog_with_the_real_service(
    qtbot,
    cw: CostWorld,
    warnings: list,  # type: ignore[no-untyped-def]
) -> None:
    def save(values: dict[str, Any]) -> None:
        cw.app.budget_lines.create(
            cw.project_id, values.pop("code"), values.pop("description"), values.pop("original"),
            **values,
        )  # fmt: skip

    dlg = BudgetLineDialog([], save)
    qtbot.addWidget(dlg)
    dlg.code.setText("03-300")  # taken
    dlg.description.setText("Duplicate")
    dlg.original.setText("10")
    dlg.accept()
    assert warnings == [("Cannot save", "Code: 03-300 is already used by another budget line")]
    dlg.code.setText("03-310")
    dlg.accept()
    assert len(warnings) == 1 and dlg.result() == QDialog.DialogCode.Accepted


# -- commitment -------------------------------------------------------------------------
def cost_lines(cw: CostWorld) -> list[Any]:
    return [ln for ln in cw.app.budget_lines.list_lines(cw.project_id) if ln.kind.value == "cost"]


def test_commitment_dialog_one_line_takes_the_whole_amount(qtbot, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    saved: list[dict[str, Any]] = []
    parties = cw.app.parties.list_parties()
    dlg = CommitmentDialog(parties, cost_lines(cw), saved.append)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "New commitment"
    assert dlg.lines_table.rowCount() == 2  # cost lines only, never contingency
    assert dlg.lines_table.item(0, COL_LINE).text() == "03-300  Cast-in-place concrete"
    dlg.title.setText("Geotechnical survey")
    dlg.party.setCurrentIndex(dlg.party.findData(cw.base.designer))
    dlg.lines_table.item(1, COL_LINE).setCheckState(Qt.CheckState.Checked)
    dlg.amount.setText("15,000")
    assert dlg.lines_table.item(1, COL_AMOUNT).text() == "15,000"  # follows the amount
    assert dlg.drawn_label.text() == "Drawn on 1 line: 15,000.00"
    dlg.retainage.setText("5")
    dlg.accept()
    assert saved == [
        {
            "title": "Geotechnical survey",
            "kind": "contract",
            "party_id": cw.base.designer,
            "amount": "15,000",
            "retainage_percent": "5",
            "lines": {cw.base.steel: "15,000"},
        }
    ]


def test_commitment_dialog_split_over_lines(qtbot, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    dlg = CommitmentDialog(cw.app.parties.list_parties(), cost_lines(cw), lambda v: None)
    qtbot.addWidget(dlg)
    assert dlg.drawn_label.text() == "Tick the budget lines the commitment draws on."
    dlg.amount.setText("100,000")
    for row in (0, 1):
        dlg.lines_table.item(row, COL_LINE).setCheckState(Qt.CheckState.Checked)
    dlg.lines_table.item(0, COL_AMOUNT).setText("60,000")
    dlg.lines_table.item(1, COL_AMOUNT).setText("30,000")
    assert dlg.drawn_label.text() == "Drawn on 2 lines: 90,000.00 — 10,000.00 still to place"
    assert dlg.lines_value() == {cw.base.concrete: "60,000", cw.base.steel: "30,000"}
    dlg.lines_table.item(0, COL_LINE).setCheckState(Qt.CheckState.Unchecked)
    assert dlg.lines_table.item(0, COL_AMOUNT).text() == ""
    dlg.lines_table.item(1, COL_AMOUNT).setText("")
    assert dlg.lines_value() == cw.base.steel  # one line, no amount: the whole amount


def test_commitment_dialog_edit(qtbot, cw: CostWorld, warnings: list) -> None:  # type: ignore[no-untyped-def]
    c = cw.app.commitments.get(cw.gc_contract)
    saved: list[dict[str, Any]] = []
    dlg = CommitmentDialog(cw.app.parties.list_parties(), cost_lines(cw), saved.append, c)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Edit commitment CT-001"
    assert dlg.number.text() == "CT-001" and dlg.retainage.text() == "5.00"
    assert [dlg.lines_table.item(r, COL_AMOUNT).text() for r in (0, 1)] == [
        "800,000.00",
        "400,000.00",
    ]
    assert dlg.changed_values() == {}
    dlg.amount.setText("1,300,000")
    dlg.lines_table.item(0, COL_AMOUNT).setText("900,000")
    assert dlg.changed_values() == {
        "amount": "1,300,000",
        "lines": {cw.base.concrete: "900,000", cw.base.steel: "400,000.00"},
    }
    dlg.lines_table.item(0, COL_AMOUNT).setText("850,000")

    def save(values: dict[str, Any]) -> None:
        cw.app.commitments.update(c.id, values)

    dlg._save = save  # the real service this time
    dlg.accept()
    assert warnings and warnings[0][1] == (
        "Budget lines: the amounts drawn on budget lines add up to 1,250,000.00, not the "
        "commitment amount 1,300,000.00"
    )
    assert dlg.result() != QDialog.DialogCode.Accepted


# -- change order -----------------------------------------------------------------------
def co_choices(cw: CostWorld) -> tuple[list[Any], list[Any]]:
    return (
        cw.app.commitments.list_commitments(cw.project_id),
        cw.app.budget_lines.list_lines(cw.project_id),
    )


def test_change_order_dialog_new(qtbot, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    saved: list[dict[str, Any]] = []
    dlg = ChangeOrderDialog(*co_choices(cw), saved.append)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "New change order"
    assert dlg.line.itemText(3) == "99-000  Owner's contingency (contingency)"
    assert not dlg.contingency.isEnabled()
    dlg.title.setText("Extra floor drains")
    dlg.cost.setText("-1,500")
    dlg.days.setValue(-2)
    dlg.commitment.setCurrentIndex(dlg.commitment.findData(cw.gc_contract))
    dlg.line.setCurrentIndex(dlg.line.findData(cw.base.concrete))
    dlg.from_contingency.setChecked(True)
    assert dlg.contingency.isEnabled() and dlg.contingency.currentData() == cw.base.contingency
    dlg.accept()
    assert saved == [
        {
            "title": "Extra floor drains",
            "reason": "owner_request",
            "description": "",
            "cost": "-1,500",
            "time_impact_days": -2,
            "commitment_id": cw.gc_contract,
            "budget_line_id": cw.base.concrete,
            "from_contingency": True,
            "contingency_line_id": cw.base.contingency,
        }
    ]


def test_change_order_dialog_locks_an_approved_change(qtbot, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    co = cw.app.change_orders.get(cw.changes["CO-001"])
    saved: list[dict[str, Any]] = []
    dlg = ChangeOrderDialog(*co_choices(cw), saved.append, co)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Edit change order CO-001"
    assert not dlg.cost.isEnabled() and not dlg.line.isEnabled()
    assert not dlg.commitment.isEnabled() and not dlg.from_contingency.isEnabled()
    assert dlg.title.isEnabled() and dlg.days.isEnabled()
    notes = [label.text() for label in dlg.findChildren(QLabel)]
    assert any(
        text.startswith("Approved: its cost and what it revises are final") for text in notes
    )
    assert dlg.changed_values() == {}
    dlg.title.setText("Rock at east foundations")
    dlg.days.setValue(9)
    dlg.accept()
    assert saved == [{"title": "Rock at east foundations", "time_impact_days": 9}]


def test_change_order_dialog_shows_the_status_and_refusals(
    qtbot,
    cw: CostWorld,
    warnings: list,  # type: ignore[no-untyped-def]
) -> None:
    from ownersrep.ui.change_order_dialog import status_text

    co = cw.app.change_orders.get(cw.changes["CO-001"])
    assert status_text(co) == "Approved on 10 Sep 2026 by M. Okafor (submitted 01 Sep 2026)"
    pending = cw.app.change_orders.get(cw.changes["CO-002"])

    def save(values: dict[str, Any]) -> None:
        cw.app.change_orders.update(pending.id, values)

    dlg = ChangeOrderDialog(*co_choices(cw), save, pending)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.title.clear()
    dlg.accept()
    assert warnings == [("Cannot save", "Title: is required")]
    assert dlg.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.title)


# -- status -----------------------------------------------------------------------------
def test_approve_dialog_asks_date_and_name(qtbot, cw: CostWorld, warnings: list) -> None:  # type: ignore[no-untyped-def]
    co = cw.app.change_orders.get(cw.changes["CO-002"])
    calls: list[tuple[Any, Any]] = []

    def save(on: Any, by: Any) -> None:
        calls.append((on, by))
        cw.app.change_orders.set_status(co.id, ChangeStatus.APPROVED, on=on, by=by)

    dlg = ChangeStatusDialog(co, ChangeStatus.APPROVED, TODAY, save, "USD")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.windowTitle() == "Approve change order CO-002"
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Approve"
    assert dlg.on_date.date() == QDate(2026, 11, 20)
    dlg.accept()  # no name
    assert warnings == [("Cannot save", "Approved by: is required to approve a change order")]
    assert dlg.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.by)
    dlg.by.setText("M. Okafor")
    dlg.on_date.setDate(QDate(2026, 11, 18))
    dlg.accept()
    assert calls[-1] == (date(2026, 11, 18), "M. Okafor")
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert cw.app.change_orders.get(co.id).status is ChangeStatus.APPROVED


@pytest.mark.parametrize(
    ("status", "wanted"),
    [
        (ChangeStatus.PENDING, (TODAY, None)),
        (ChangeStatus.REJECTED, (None, None)),
        (ChangeStatus.VOID, (None, None)),
    ],
)
def test_other_status_dialogs(qtbot, cw: CostWorld, status: ChangeStatus, wanted: tuple) -> None:  # type: ignore[no-untyped-def]
    co = cw.app.change_orders.get(cw.changes["CO-003"])
    calls: list[tuple[Any, Any]] = []
    dlg = ChangeStatusDialog(co, status, TODAY, lambda on, by: calls.append((on, by)))
    qtbot.addWidget(dlg)
    assert dlg.by.isVisibleTo(dlg) is False
    dlg.accept()
    assert calls == [wanted]


# -- pay application --------------------------------------------------------------------
def test_pay_application_dialog_new(qtbot, cw: CostWorld) -> None:  # type: ignore[no-untyped-def]
    commitments = cw.app.cost.ledger(cw.project_id).commitments
    saved: list[dict[str, Any]] = []
    dlg = PayApplicationDialog(commitments, saved.append, TODAY, None, cw.gc_contract)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "New pay application"
    assert dlg.commitment.currentData() == cw.gc_contract and dlg.commitment.isEnabled()
    assert dlg.number.text() == "Next"
    dlg.claimed.setText("120,000")
    dlg.same_button.click()
    assert dlg.certified.text() == "120,000"
    assert dlg.held.text() == "6,000.00  (5.00 % of the certified amount)"
    dlg.commitment.setCurrentIndex(dlg.commitment.findData(cw.design_contract))
    assert dlg.held.text() == "0.00  (0.00 % of the certified amount)"
    dlg.paid.setChecked(True)
    dlg.accept()
    assert saved == [
        {
            "commitment_id": cw.design_contract,
            "period_end": TODAY,
            "claimed": "120,000",
            "certified": "120,000",
            "retainage_released": "0.00",
            "paid_on": TODAY,
        }
    ]


def test_pay_application_dialog_edit_and_refusal(
    qtbot,
    cw: CostWorld,
    warnings: list,  # type: ignore[no-untyped-def]
) -> None:
    pay = cw.app.pay_applications.get(cw.pays[1])
    commitments = cw.app.cost.ledger(cw.project_id).commitments

    def save(values: dict[str, Any]) -> None:
        cw.app.pay_applications.update(pay.id, values)

    dlg = PayApplicationDialog(commitments, save, TODAY, pay)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.windowTitle() == "Edit pay application CT-001 #2"
    assert not dlg.commitment.isEnabled() and dlg.number.value() == 2
    assert not dlg.paid.isChecked() and not dlg.paid_on.isEnabled()
    assert dlg.changed_values() == {}
    dlg.certified.setText("260,000")  # more than claimed
    assert dlg.changed_values() == {"certified": "260,000"}
    dlg.accept()
    assert len(warnings) == 1 and warnings[0][1].startswith("Certified:")
    assert dlg.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.certified)
    dlg.certified.setText("245,000")
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert cw.app.pay_applications.get(pay.id).retainage_held == D("12250.00")
