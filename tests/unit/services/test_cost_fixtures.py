"""A small project with a budget, shared by the test_cost_* files (no tests here).

Riverside Clinic: concrete 03-300 (1,000,000.00), steel 05-100 (500,000.00) and the
owner's contingency 99-000 (100,000.00); a general contractor and a consultant."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ownersrep.db.models import AuditEntry
from ownersrep.domain.enums import PartyRole
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext


@dataclass(frozen=True)
class World:
    app: AppServices
    ctx: ServiceContext
    project_id: int
    gc: int
    designer: int
    concrete: int
    steel: int
    contingency: int


def build_world(ctx: ServiceContext) -> World:
    app = AppServices(ctx)
    pid = app.projects.create("Riverside Clinic").value.id
    gc = app.parties.create("Summit Builders", PartyRole.CONTRACTOR).value.id
    designer = app.parties.create("Arc Design", PartyRole.CONSULTANT).value.id
    lines = app.budget_lines
    concrete = lines.create(
        pid, "03-300", "Cast-in-place concrete", "1,000,000.00", group="03 Concrete"
    ).value.id
    steel = lines.create(pid, "05-100", "Structural steel", "500000", group="05 Metals").value.id
    contingency = lines.create(
        pid, "99-000", "Owner's contingency", "100000", kind="contingency"
    ).value.id
    return World(app, ctx, pid, gc, designer, concrete, steel, contingency)


def audit_of(ctx: ServiceContext, entity: str) -> list[tuple[str, int, str | None]]:
    """(action, entity id, field) of every audit entry for `entity`, oldest first."""
    with ctx.sessions() as s:
        query = (
            select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.field)
            .where(AuditEntry.entity == entity)
            .order_by(AuditEntry.id)
        )
        return [tuple(r) for r in s.execute(query)]  # type: ignore[misc]
