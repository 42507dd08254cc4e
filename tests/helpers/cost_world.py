"""A small cost ledger for the Cost tab's tests, built through the services.

Riverside Clinic (USD): concrete 03-300 1,000,000.00 and steel 05-100 500,000.00 in
their CSI groups, the owner's contingency 99-000 100,000.00 (no group).
- CT-001 Summit Builders, 5 % retainage: 1,200,000.00 (800,000 concrete + 400,000 steel)
- CT-002 Arc Design, no retainage: 90,000.00 on steel
- CO-001 approved 25,000.00 on concrete for CT-001, drawn from contingency
- CO-002 pending 12,000.00 on steel for CT-001
- CO-003 potential 4,000.00 on concrete
- CO-004 rejected −3,000.00 on steel; CO-005 void 7,000.00 on concrete
- pay applications: CT-001 #1 (30 Sep 2026) claimed 200,000.00, certified 190,000.00,
  paid 20 Oct 2026; CT-001 #2 (31 Oct 2026) 250,000.00 / 250,000.00, unpaid; CT-002 #1
  (31 Oct 2026) 30,000.00 / 30,000.00, paid 15 Nov 2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from tests.unit.services.test_cost_fixtures import World, build_world


@dataclass(frozen=True)
class CostWorld:
    base: World
    gc_contract: int
    design_contract: int
    changes: dict[str, int]  # CO number → id
    pays: list[int]

    @property
    def app(self) -> AppServices:
        return self.base.app

    @property
    def project_id(self) -> int:
        return self.base.project_id


def build_cost_world(ctx: ServiceContext) -> CostWorld:
    w = build_world(ctx)
    app, pid = w.app, w.project_id
    gc = app.commitments.create(
        pid, "General contract", w.gc, "1,200,000", {w.concrete: "800000", w.steel: "400000"},
        retainage_percent="5",
    ).value.id  # fmt: skip
    design = app.commitments.create(pid, "Design services", w.designer, "90000", w.steel).value.id
    co = app.change_orders
    made = [
        co.create(pid, "Rock at foundations", "25000", reason="unforeseen_condition",
                  commitment_id=gc, budget_line_id=w.concrete, from_contingency=True,
                  time_impact_days=6),
        co.create(pid, "Extra steel bracing", "12000", commitment_id=gc, budget_line_id=w.steel),
        co.create(pid, "Owner finishes upgrade", "4000", budget_line_id=w.concrete),
        co.create(pid, "Cheaper steel primer", "-3000", budget_line_id=w.steel),
        co.create(pid, "Duplicate of CO-001", "7000", budget_line_id=w.concrete),
    ]  # fmt: skip
    ids = {o.value.number: o.value.id for o in made}
    co.set_status(ids["CO-001"], "pending", on=date(2026, 9, 1))
    co.set_status(ids["CO-001"], "approved", on=date(2026, 9, 10), by="M. Okafor")
    co.set_status(ids["CO-002"], "pending", on=date(2026, 11, 2))
    co.set_status(ids["CO-004"], "pending", on=date(2026, 10, 1))
    co.set_status(ids["CO-004"], "rejected")
    co.set_status(ids["CO-005"], "void")
    pay = app.pay_applications
    pays = [
        pay.create(gc, date(2026, 9, 30), "200000", "190000", paid_on=date(2026, 10, 20)),
        pay.create(gc, date(2026, 10, 31), "250000", "250000"),
        pay.create(design, date(2026, 10, 31), "30000", "30000", paid_on=date(2026, 11, 15)),
    ]
    return CostWorld(w, gc, design, ids, [p.value.id for p in pays])


D = Decimal
