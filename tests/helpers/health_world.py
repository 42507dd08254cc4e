"""Small projects with a schedule, a budget and certified cost, for the earned-value,
health and dashboard tests.

Tasks are written straight to the table with the dates given (the engine does not
reschedule them), so every PV in the tests can be worked by hand. November 2026:
Mon 2 – Fri 6, Mon 9 – Fri 13, Mon 16 – Fri 20 are working days.

`clinic()` is the hand-worked example of the brief:
- Structure (summary) over Excavate (Mon 2 – Fri 13 Nov, 10 working days, 40 % done)
  and the milestone Topping out (Fri 20 Nov);
- budget line 03-300 Concrete, 10,000.00, paying for Structure;
- a contract of 10,000.00 on it, one pay application certified 4,500.00 (31 Oct);
- status date Fri 6 Nov, after 5 of Excavate's 10 working days.
PV 5,000.00, EV 4,000.00, AC 4,500.00 → SPI 0.80, CPI 0.89.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ownersrep.db.models import Task
from ownersrep.domain.enums import PartyRole
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext

STATUS_DATE = date(2026, 11, 6)


def nov(day: int) -> date:
    return date(2026, 11, day)


def add_task(
    ctx: ServiceContext,
    project_id: int,
    name: str,
    start: date | None,
    finish: date | None,
    *,
    parent: int | None = None,
    kind: str = "task",
    percent: int = 0,
    days: int = 0,
) -> int:
    with ctx.sessions.begin() as s:
        task = Task(
            project_id=project_id,
            parent_id=parent,
            name=name,
            kind=kind,
            start=start,
            finish=finish,
            duration_days=days,
            percent_complete=percent,
        )
        s.add(task)
        s.flush()
        return task.id


def set_task(ctx: ServiceContext, task_id: int, **values: object) -> None:
    with ctx.sessions.begin() as s:
        task = s.get(Task, task_id)
        assert task is not None
        for key, value in values.items():
            setattr(task, key, value)


def certify(
    app: AppServices, project_id: int, party_id: int, line_id: int, amount: str, on: date
) -> int:
    """Certify `amount` (claimed as much) for the period ending `on`, on the project's
    contract "GC" (10,000.00 on the line, made on first use). Returns the pay app's id."""
    existing = [c for c in app.commitments.list_commitments(project_id) if c.title == "GC"]
    if existing:
        commitment = existing[0].id
    else:
        commitment = app.commitments.create(project_id, "GC", party_id, "10000", line_id).value.id
    return app.pay_applications.create(commitment, on, amount, amount).value.id


@dataclass(frozen=True)
class Clinic:
    app: AppServices
    ctx: ServiceContext
    project_id: int
    gc: int
    structure: int
    excavate: int
    topping_out: int
    concrete: int


def clinic(ctx: ServiceContext, name: str = "Riverside Clinic", code: str = "RC") -> Clinic:
    app = AppServices(ctx)
    pid = app.projects.create(name).value.id
    app.projects.update(pid, {"code": code, "status_date": STATUS_DATE})
    found = [p for p in app.parties.list_parties() if p.name == "Summit Builders"]
    gc = (
        found[0].id
        if found
        else app.parties.create("Summit Builders", PartyRole.CONTRACTOR).value.id
    )
    structure = add_task(ctx, pid, "Structure", nov(2), nov(20), kind="summary", days=15)
    excavate = add_task(
        ctx, pid, "Excavate", nov(2), nov(13), parent=structure, percent=40, days=10
    )
    topping = add_task(
        ctx, pid, "Topping out", nov(20), nov(20), parent=structure, kind="milestone"
    )
    concrete = app.budget_lines.create(
        pid, "03-300", "Concrete", "10,000.00", task_id=structure
    ).value.id
    certify(app, pid, gc, concrete, "4,500.00", date(2026, 10, 31))
    return Clinic(app, ctx, pid, gc, structure, excavate, topping, concrete)


D = Decimal
