"""ProjectService: validation messages, nothing written when refused, audited updates."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ownersrep.db.models import AuditEntry
from ownersrep.domain.enums import PartyRole, ProjectKind, ProjectStatus
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import EDITABLE_FIELDS, ProjectService


@pytest.fixture
def projects(ctx: ServiceContext) -> ProjectService:
    return ProjectService(ctx)


def project_audit(ctx: ServiceContext) -> list[tuple[str, str | None, str | None, str | None]]:
    with ctx.sessions() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.field, AuditEntry.old, AuditEntry.new)
            .where(AuditEntry.entity == "project")
            .order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]


def test_create_and_get(ctx: ServiceContext, projects: ProjectService) -> None:
    client = PartyService(ctx).create("Riverside Health System", PartyRole.OWNER).value.id
    out = projects.create(
        "Riverside Clinic",
        ProjectKind.CONSTRUCTION,
        client_id=client,
        planned_start=date(2025, 9, 1),
        planned_finish=date(2027, 3, 31),
        currency="usd",
    )
    assert out.changes.structural and out.changes.touches("project", out.value.id)
    got = projects.get(out.value.id)
    assert got.name == "Riverside Clinic"
    assert got.client_name == "Riverside Health System"
    assert got.currency == "USD"
    assert got.status is ProjectStatus.ACTIVE
    assert project_audit(ctx)[0][:2] == ("insert", None)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": "  "}, "Project name: is required"),
        ({"currency": "US"}, "Currency: “US” is not a three-letter ISO code"),
        ({"currency": "U$D"}, "Currency: “U$D” is not a three-letter ISO code"),
        ({"kind": "bridge"}, "Kind: “bridge” is not one of: construction, internal"),
        ({"status": "done"}, "Status: “done” is not one of"),
        ({"planned_start": "2026-01-01"}, "Planned start: must be a date"),
        ({"colour": "red"}, "colour: is not a project field"),
        (
            {"planned_finish": date(2025, 1, 31)},
            "Planned finish: (31 Jan 2025) is before Planned start (01 Sep 2025)",
        ),
    ],
)
def test_update_refusals_name_the_field_and_write_nothing(
    ctx: ServiceContext, projects: ProjectService, values: dict, message: str
) -> None:
    pid = projects.create(
        "Clinic", planned_start=date(2025, 9, 1), planned_finish=date(2027, 3, 31)
    ).value.id
    before_audit = project_audit(ctx)
    before = projects.get(pid)
    with pytest.raises(ValidationError) as err:
        projects.update(pid, {"location": "Riverside, CA", **values})
    assert str(err.value).startswith(message)
    assert projects.get(pid) == before
    assert project_audit(ctx) == before_audit


def test_start_after_existing_finish_is_refused(
    ctx: ServiceContext, projects: ProjectService
) -> None:
    pid = projects.create("Clinic", planned_finish=date(2026, 6, 30)).value.id
    with pytest.raises(ValidationError, match=r"^Planned finish: .* is before Planned start"):
        projects.update(pid, {"planned_start": date(2026, 7, 1)})
    assert projects.get(pid).planned_start is None


def test_create_refuses_finish_before_start(projects: ProjectService) -> None:
    with pytest.raises(ValidationError, match=r"^Planned finish"):
        projects.create("Clinic", planned_start=date(2026, 2, 1), planned_finish=date(2026, 1, 1))


def test_update_returns_old_values_and_audits_each_field(
    ctx: ServiceContext, projects: ProjectService
) -> None:
    pid = projects.create("Clinic", currency="USD").value.id
    n = len(project_audit(ctx))
    out = projects.update(
        pid, {"name": "Riverside Clinic", "currency": "eur", "planned_start": date(2026, 1, 5)}
    )
    assert out.value == {"name": "Clinic", "currency": "USD", "planned_start": None}
    assert out.changes.touches("project", pid) and not out.changes.structural
    assert sorted(project_audit(ctx)[n:]) == [
        ("update", "currency", "USD", "EUR"),
        ("update", "name", "Clinic", "Riverside Clinic"),
        ("update", "planned_start", None, "2026-01-05"),
    ]
    # Undo is update(old): it restores every field and is audited too.
    projects.update(pid, out.value)
    got = projects.get(pid)
    assert (got.name, got.currency, got.planned_start) == ("Clinic", "USD", None)
    assert ("update", "name", "Riverside Clinic", "Clinic") in project_audit(ctx)


def test_every_editable_field_round_trips(ctx: ServiceContext, projects: ProjectService) -> None:
    parties = PartyService(ctx)
    client = parties.create("Owner", PartyRole.OWNER).value.id
    gc = parties.create("GC", PartyRole.CONTRACTOR).value.id
    pid = projects.create("Clinic").value.id
    values = {
        "name": "Clinic B",
        "code": "CLN-02",
        "kind": "internal",
        "status": "on_hold",
        "client_id": client,
        "contractor_id": gc,
        "planned_start": date(2025, 5, 1),
        "planned_finish": date(2027, 5, 1),
        "status_date": date(2026, 10, 31),
        "currency": "CAD",
        "location": "Riverside, CA",
        "description": "Two storeys",
    }
    assert set(values) == set(EDITABLE_FIELDS)
    projects.update(pid, values)
    got = projects.get(pid)
    for key, value in values.items():
        stored = getattr(got, key)
        assert (stored.value if hasattr(stored, "value") else stored) == value
    assert (got.client_name, got.contractor_name) == ("Owner", "GC")


def test_missing_project(projects: ProjectService) -> None:
    with pytest.raises(NotFoundError):
        projects.get(5)
    with pytest.raises(NotFoundError):
        projects.update(5, {"name": "x"})


def test_delete_and_restore(ctx: ServiceContext, projects: ProjectService) -> None:
    pid = projects.create("Clinic", location="Riverside, CA").value.id
    snap = projects.delete(pid).value
    with pytest.raises(NotFoundError):
        projects.get(pid)
    projects.restore(snap)
    assert projects.get(pid).location == "Riverside, CA"


def test_unknown_client_is_refused_with_a_message(ctx: ServiceContext) -> None:
    service = ProjectService(ctx)
    project = service.create("Clinic").value
    with pytest.raises(ValidationError, match="Client: party #999 does not exist"):
        service.update(project.id, {"client_id": 999})
    assert service.get(project.id).client_id is None
