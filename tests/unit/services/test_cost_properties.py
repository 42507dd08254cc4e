"""Property tests of the cost ledger (hypothesis, stateful).

Random sequences of operations through the real services, on a real workspace file:
- after every step the ledger reconciles (`CostService.reconcile` is empty);
- an operation the services refuse raises ValidationError and changes nothing (the
  ledger, the change log and the payments are the same before and after);
- undoing the last operation (the inverse each service returns) brings back exactly the
  state before it.

Each example works in a project of its own inside one workspace, so examples stay cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.change_order_service import change_orders_of
from ownersrep.services.context import ServiceContext
from ownersrep.services.cost_ledger import build_ledger, load_inputs
from ownersrep.services.pay_application_service import pay_applications_of
from tests.unit.services.test_cost_fixtures import World, build_world

SETTINGS = settings(
    max_examples=30,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

cents = st.integers(min_value=0, max_value=5_000_000).map(lambda c: Decimal(c) / 100)
signed_cents = st.integers(min_value=-2_000_000, max_value=5_000_000).map(
    lambda c: Decimal(c) / 100
)
percent = st.sampled_from(["0", "5", "10", "2.5"])
index = st.integers(min_value=0, max_value=1_000)
statuses = st.sampled_from(list(ChangeStatus))
START = date(2026, 1, 31)
INVALID = (
    "certify more than claimed",
    "bill beyond the revised commitment",
    "negative budget",
    "commit contingency",
    "illegal status move",
    "delete an approved change",
)


def state(app: AppServices, project_id: int) -> tuple[Any, ...]:
    """What a user sees of the project's costs: the ledger (lines, commitments and
    contingency with every figure), the change log and the payments, in one read."""
    with app.ctx.sessions() as s:
        return (
            build_ledger(load_inputs(s, project_id)),
            change_orders_of(s, project_id),
            pay_applications_of(s, project_id),
        )


def make_machine(world: World) -> type[RuleBasedStateMachine]:
    app = world.app

    class CostLedgerMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.pid = app.projects.create("Property project").value.id
            lines = app.budget_lines
            self.lines = [
                lines.create(self.pid, "01", "Sitework", "300000").value.id,
                lines.create(self.pid, "02", "Building", "900000").value.id,
            ]
            self.contingency = lines.create(
                self.pid, "99", "Contingency", "50000", kind="contingency"
            ).value.id
            self.commitments: list[int] = []
            self.changes: list[int] = []
            self.pays: list[int] = []
            self.periods = 0
            # (undo, state before the operation), newest last
            self.undo_stack: list[tuple[Callable[[], object], tuple[Any, ...]]] = []

        # -- helpers -------------------------------------------------------------------
        def attempt(
            self, name: str, op: Callable[[], Any], undo: Callable[[Any], Callable[[], object]]
        ) -> Any:
            """Run a valid-looking operation: refused, nothing changes; done, its undo
            is remembered."""
            before = state(app, self.pid)
            try:
                result = op()
            except ValidationError as err:
                event(f"{name}: refused ({err.field})")
                assert state(app, self.pid) == before
                return None
            event(f"{name}: done")
            self.undo_stack.append((undo(result), before))
            return result

        def refused(self, op: Callable[[], object]) -> None:
            """An operation that must be refused and change nothing."""
            before = state(app, self.pid)
            with pytest.raises(ValidationError):
                op()
            assert state(app, self.pid) == before

        def next_period(self) -> date:
            self.periods += 1
            return START + timedelta(days=30 * self.periods)

        @initialize(
            amount=cents,
            certified_share=st.integers(0, 100),
            draw=st.integers(0, 5_000_000).map(lambda c: Decimal(c) / 100),
            credit=st.integers(0, 5_000_000).map(lambda c: Decimal(-c) / 100),
        )
        def a_contract_a_payment_and_two_changes(
            self, amount: Decimal, certified_share: int, draw: Decimal, credit: Decimal
        ) -> None:
            """Start from a contract with a pay application, an approved change drawn
            from contingency and a pending credit, so every example has figures."""
            half = (amount / 2).quantize(Decimal("0.01"))
            lines = {self.lines[0]: half, self.lines[1]: amount - half}
            cid = app.commitments.create(
                self.pid, "Contract", world.gc, amount, lines, retainage_percent="5"
            ).value.id
            self.commitments.append(cid)
            certified = (amount * certified_share / 100).quantize(Decimal("0.01"))
            pay = app.pay_applications.create(cid, self.next_period(), certified, certified)
            self.pays.append(pay.value.id)
            changes = app.change_orders
            for cost, from_contingency in ((draw, True), (credit, False)):
                change_id = changes.create(
                    self.pid,
                    "Change",
                    cost,
                    commitment_id=cid,
                    budget_line_id=self.lines[1],
                    from_contingency=from_contingency,
                ).value.id
                changes.set_status(change_id, "pending")
                self.changes.append(change_id)
            # the draw is within the 50,000.00 contingency and adds to the contract
            changes.set_status(self.changes[0], "approved", by="Owner")

        # -- budget --------------------------------------------------------------------
        @rule(which=index, amount=cents)
        def change_an_original_budget(self, which: int, amount: Decimal) -> None:
            line = [*self.lines, self.contingency][which % 3]
            self.attempt(
                "original",
                lambda: app.budget_lines.update(line, {"original": amount}),
                lambda out: lambda: app.budget_lines.update(line, out.value),
            )

        # -- commitments ---------------------------------------------------------------
        @rule(amount=cents, share=st.integers(0, 100), pct=percent)
        def add_commitment(self, amount: Decimal, share: int, pct: str) -> None:
            first = (amount * share / 100).quantize(Decimal("0.01"))
            lines = {self.lines[0]: first, self.lines[1]: amount - first}
            out = self.attempt(
                "add commitment",
                lambda: app.commitments.create(
                    self.pid, "Contract", world.gc, amount, lines, retainage_percent=pct
                ),
                lambda out: lambda: app.commitments.delete(out.value.id),
            )
            if out is not None:
                self.commitments.append(out.value.id)

        @precondition(lambda self: self.commitments)
        @rule(which=index, amount=cents)
        def change_a_commitment_amount(self, which: int, amount: Decimal) -> None:
            cid = self.commitments[which % len(self.commitments)]
            half = (amount / 2).quantize(Decimal("0.01"))
            lines = {self.lines[0]: half, self.lines[1]: amount - half}
            self.attempt(
                "commitment amount",
                lambda: app.commitments.update(cid, {"amount": amount, "lines": lines}),
                lambda out: lambda: app.commitments.update(cid, out.value),
            )

        # -- change orders -------------------------------------------------------------
        @rule(
            cost=signed_cents,
            on_commitment=index,
            line=st.integers(0, 2),
            from_contingency=st.booleans(),
        )
        def add_change_order(
            self, cost: Decimal, on_commitment: int, line: int, from_contingency: bool
        ) -> None:
            fields: dict[str, Any] = {"from_contingency": from_contingency}
            if line < 2:
                fields["budget_line_id"] = self.lines[line]
            if self.commitments and on_commitment % 2:
                fields["commitment_id"] = self.commitments[on_commitment % len(self.commitments)]
            out = self.attempt(
                "add change order",
                lambda: app.change_orders.create(self.pid, "Change", cost, **fields),
                lambda out: lambda: app.change_orders.delete(out.value.id),
            )
            if out is not None:
                self.changes.append(out.value.id)

        @precondition(lambda self: self.changes)
        @rule(which=index, pick=index)
        def move_a_change_order_on(self, which: int, pick: int) -> None:
            undecided = [
                c for c in app.change_orders.list_change_orders(self.pid) if c.next_statuses
            ]
            if not undecided:
                return
            change = undecided[which % len(undecided)]
            change_id, allowed = change.id, change.next_statuses
            status = allowed[pick % len(allowed)]
            self.attempt(
                f"to {status.value}",
                lambda: app.change_orders.set_status(change_id, status, by="Owner"),
                lambda out: lambda: app.change_orders.revert_status(change_id, out.value),
            )

        @precondition(lambda self: self.changes)
        @rule(which=index, cost=signed_cents)
        def change_a_change_order_cost(self, which: int, cost: Decimal) -> None:
            change_id = self.changes[which % len(self.changes)]
            current = app.change_orders.get(change_id)

            def op() -> object:
                return app.change_orders.update(change_id, {"cost": cost})

            if current.status is ChangeStatus.APPROVED:
                if cost != current.cost:
                    self.refused(op)  # an approved change order is final
                return
            self.attempt(
                "change cost",
                op,
                lambda out: lambda: app.change_orders.update(change_id, out.value),
            )

        # -- pay applications ----------------------------------------------------------
        @precondition(lambda self: self.commitments)
        @rule(which=index, claimed=cents, certified_share=st.integers(0, 100), paid=st.booleans())
        def add_pay_application(
            self, which: int, claimed: Decimal, certified_share: int, paid: bool
        ) -> None:
            cid = self.commitments[which % len(self.commitments)]
            certified = (claimed * certified_share / 100).quantize(Decimal("0.01"))
            period = self.next_period()
            paid_on = period + timedelta(days=10) if paid else None
            out = self.attempt(
                "add pay application",
                lambda: app.pay_applications.create(
                    cid, period, claimed, certified, paid_on=paid_on
                ),
                lambda out: lambda: app.pay_applications.delete(out.value.id),
            )
            if out is not None:
                self.pays.append(out.value.id)

        @precondition(lambda self: self.pays)
        @rule(which=index, share=st.integers(0, 120))
        def release_retainage(self, which: int, share: int) -> None:
            """Release a share of what the commitment still holds (over 100 %: refused)."""
            pay = app.pay_applications.get(self.pays[which % len(self.pays)])
            row = next(
                r for r in app.cost.ledger(self.pid).commitments if r.id == pay.commitment_id
            )
            outstanding = row.retainage + pay.retainage_released
            released = (outstanding * share / 100).quantize(Decimal("0.01"))
            self.attempt(
                "release retainage",
                lambda: app.pay_applications.update(pay.id, {"retainage_released": released}),
                lambda out: lambda: app.pay_applications.update(pay.id, out.value),
            )

        @precondition(lambda self: self.pays)
        @rule(which=index)
        def delete_a_pay_application(self, which: int) -> None:
            pay_id = self.pays[which % len(self.pays)]
            out = self.attempt(
                "delete pay application",
                lambda: app.pay_applications.delete(pay_id),
                lambda out: lambda: app.pay_applications.restore(out.value),
            )
            if out is not None:
                self.pays.remove(pay_id)

        # -- operations that must always be refused -------------------------------------
        @rule(
            kind=st.sampled_from(INVALID),
            which=index,
            amount=st.integers(1, 100_000).map(lambda c: Decimal(c) / 100),
            status=statuses,
        )
        def an_invalid_operation(
            self, kind: str, which: int, amount: Decimal, status: ChangeStatus
        ) -> None:
            cid = self.commitments[which % len(self.commitments)] if self.commitments else None
            if kind == "certify more than claimed" and cid is not None:
                period = self.next_period()
                self.refused(lambda: app.pay_applications.create(cid, period, amount, amount * 2))
            elif kind == "bill beyond the revised commitment" and cid is not None:
                row = next(r for r in app.cost.ledger(self.pid).commitments if r.id == cid)
                claim, period = row.revised - row.claimed + amount, self.next_period()
                self.refused(lambda: app.pay_applications.create(cid, period, claim, 0))
            elif kind == "negative budget":
                self.refused(lambda: app.budget_lines.update(self.lines[0], {"original": -amount}))
            elif kind == "commit contingency":
                self.refused(
                    lambda: app.commitments.create(
                        self.pid, "C", world.gc, amount, {self.contingency: amount}
                    )
                )
            elif kind == "illegal status move":
                change = app.change_orders.get(self.changes[which % len(self.changes)])
                if status not in change.next_statuses:
                    self.refused(
                        lambda: app.change_orders.set_status(change.id, status, by="Owner")
                    )
            elif kind == "delete an approved change":
                approved = [
                    c.id
                    for c in app.change_orders.list_change_orders(self.pid)
                    if c.status is ChangeStatus.APPROVED
                ]
                if approved:
                    self.refused(lambda: app.change_orders.delete(approved[0]))

        # -- undo ----------------------------------------------------------------------
        @precondition(lambda self: self.undo_stack)
        @rule()
        def undo_the_last_operation(self) -> None:
            undo, before = self.undo_stack.pop()
            undo()
            assert state(app, self.pid) == before
            self.pays = [p.id for p in app.pay_applications.list_pay_applications(self.pid)]
            self.changes = [c.id for c in app.change_orders.list_change_orders(self.pid)]
            self.commitments = [c.id for c in app.commitments.list_commitments(self.pid)]

        @invariant()
        def the_ledger_reconciles(self) -> None:
            assert app.cost.reconcile(self.pid) == []

    return CostLedgerMachine


def test_any_sequence_of_operations_keeps_the_ledger_reconciled(ctx: ServiceContext) -> None:
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(make_machine(build_world(ctx)), settings=SETTINGS)
