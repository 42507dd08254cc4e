"""PartyService: parties, contacts, usage, and undoable deletes that keep references."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ownersrep.db.models import AuditEntry, Contact, Issue, Party, Project, Risk, Task
from ownersrep.domain.enums import PartyRole
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyService, PartyUsage
from ownersrep.services.project_service import ProjectService


@pytest.fixture
def parties(ctx: ServiceContext) -> PartyService:
    return PartyService(ctx)


def audit(
    ctx: ServiceContext, entity: str
) -> list[tuple[str, int, str | None, str | None, str | None]]:
    with ctx.sessions() as s:
        rows = s.execute(
            select(
                AuditEntry.action,
                AuditEntry.entity_id,
                AuditEntry.field,
                AuditEntry.old,
                AuditEntry.new,
            )
            .where(AuditEntry.entity == entity)
            .order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]


def seed_usage(ctx: ServiceContext, party_id: int) -> int:
    """A project naming the party as client, with an issue, a risk and two tasks."""
    project = ProjectService(ctx).create("Clinic", client_id=party_id).value
    with ctx.sessions.begin() as s:
        s.add(
            Issue(
                project_id=project.id,
                issue_type="issue",
                number="ISS-0001",
                title="Late steel",
                raised_by_id=party_id,
                assigned_to_id=party_id,
                raised_on=date(2026, 1, 5),
            )
        )
        s.add(
            Risk(
                project_id=project.id,
                number="R-001",
                title="Ground water",
                category="site",
                probability=3,
                impact=4,
                owner_id=party_id,
                raised_on=date(2026, 1, 5),
            )
        )
        for n in (1, 2):
            s.add(Task(project_id=project.id, name=f"Task {n}", responsible_id=party_id))
    return project.id


# -- parties -------------------------------------------------------------------------
def test_create_and_list(parties: PartyService) -> None:
    parties.create("Summit Builders Inc.", PartyRole.CONTRACTOR)
    parties.create("Riverside Health System", "owner", notes="Client")
    refs = parties.list_parties()
    assert [(r.name, r.role) for r in refs] == [
        ("Riverside Health System", PartyRole.OWNER),
        ("Summit Builders Inc.", PartyRole.CONTRACTOR),
    ]


def test_create_refuses_empty_and_duplicate_names(
    ctx: ServiceContext, parties: PartyService
) -> None:
    with pytest.raises(ValidationError, match=r"^Name: is required$"):
        parties.create("   ", PartyRole.OWNER)
    parties.create("Acme", PartyRole.OWNER)
    with pytest.raises(ValidationError, match="Name: a party called “Acme” already exists"):
        parties.create("Acme", PartyRole.CONTRACTOR)
    with pytest.raises(ValidationError, match="Role: “landlord” is not one of"):
        parties.create("Other", "landlord")
    assert [r.name for r in parties.list_parties()] == ["Acme"]


def test_update_returns_old_values_and_is_audited(
    ctx: ServiceContext, parties: PartyService
) -> None:
    pid = parties.create("Acme", PartyRole.OWNER).value.id
    out = parties.update(pid, {"name": "Acme Corp", "notes": "Pays late"})
    assert out.value == {"name": "Acme", "notes": ""}
    assert out.changes.touches("party")
    got = parties.get(pid)
    assert (got.name, got.notes) == ("Acme Corp", "Pays late")
    updates = [a for a in audit(ctx, "party") if a[0] == "update"]
    assert ("update", pid, "name", "Acme", "Acme Corp") in updates
    assert ("update", pid, "notes", "", "Pays late") in updates


def test_update_refusal_writes_nothing(ctx: ServiceContext, parties: PartyService) -> None:
    pid = parties.create("Acme", PartyRole.OWNER).value.id
    parties.create("Beta", PartyRole.OWNER)
    before = audit(ctx, "party")
    with pytest.raises(ValidationError, match="Name: a party called “Beta” already exists"):
        parties.update(pid, {"notes": "x", "name": "Beta"})
    with pytest.raises(ValidationError, match="Role"):
        parties.update(pid, {"role": "nobody"})
    assert parties.get(pid).notes == ""
    assert audit(ctx, "party") == before


def test_missing_party_raises_not_found(parties: PartyService) -> None:
    with pytest.raises(NotFoundError):
        parties.get(99)
    with pytest.raises(NotFoundError):
        parties.update(99, {"name": "x"})
    with pytest.raises(NotFoundError):
        parties.usage(99)


# -- usage and delete ----------------------------------------------------------------
def test_usage_counts_every_reference(ctx: ServiceContext, parties: PartyService) -> None:
    pid = parties.create("Summit", PartyRole.CONTRACTOR).value.id
    assert parties.usage(pid).total == 0
    assert parties.usage(pid).describe() == ""
    only_tasks = PartyUsage(project_names=(), issues=0, risks=0, tasks=1)
    assert only_tasks.describe() == "used by 1 task"
    seed_usage(ctx, pid)
    usage = parties.usage(pid)
    assert usage.project_names == ("Clinic",)
    assert (usage.projects, usage.issues, usage.risks, usage.tasks) == (1, 1, 1, 2)
    assert usage.describe() == (
        "used by 1 project (as client or main contractor), 1 issue, 1 risk and 2 tasks"
    )


def test_delete_and_restore_keep_ids_contacts_and_references(
    ctx: ServiceContext, parties: PartyService
) -> None:
    pid = parties.create("Summit", PartyRole.CONTRACTOR, notes="GC").value.id
    cid = parties.add_contact(pid, "Dana Ruiz", "PM", "dana@summit.com", "555-0100").value.id
    project_id = seed_usage(ctx, pid)

    out = parties.delete(pid)
    assert out.changes.touches("party")
    assert out.changes.touches("project", project_id)
    assert out.changes.touches("issue", project_id)
    assert out.changes.touches("task", project_id)
    assert parties.list_parties() == []
    with ctx.sessions() as s:
        assert s.scalar(select(Project.client_id)) is None
        assert s.scalar(select(Issue.assigned_to_id)) is None
        assert s.scalar(select(Risk.owner_id)) is None
        assert set(s.scalars(select(Task.responsible_id))) == {None}
        assert s.scalar(select(Contact.id)) is None
    # The cleared references are audited, not left to the silent FK action.
    assert ("update", project_id, "client_id", str(pid), None) in audit(ctx, "project")
    assert any(a[0] == "delete" and a[1] == pid for a in audit(ctx, "party"))

    changes = parties.restore(out.value)
    assert changes.touches("party") and changes.touches("risk", project_id)
    party = parties.get(pid)
    assert (party.name, party.notes) == ("Summit", "GC")
    assert [(c.id, c.name, c.email) for c in party.contacts] == [
        (cid, "Dana Ruiz", "dana@summit.com")
    ]
    with ctx.sessions() as s:
        assert s.scalar(select(Project.client_id)) == pid
        assert s.execute(select(Issue.raised_by_id, Issue.assigned_to_id)).one() == (pid, pid)
        assert s.scalar(select(Risk.owner_id)) == pid
        assert set(s.scalars(select(Task.responsible_id))) == {pid}
    assert parties.usage(pid).total == 5


def test_restore_leaves_a_reference_that_was_pointed_elsewhere(
    ctx: ServiceContext, parties: PartyService
) -> None:
    pid = parties.create("Summit", PartyRole.CONTRACTOR).value.id
    other = parties.create("Apex", PartyRole.CONTRACTOR).value.id
    project_id = ProjectService(ctx).create("Clinic", contractor_id=pid).value.id
    snap = parties.delete(pid).value
    ProjectService(ctx).update(project_id, {"contractor_id": other})
    parties.restore(snap)
    assert ProjectService(ctx).get(project_id).contractor_id == other


# -- contacts ------------------------------------------------------------------------
def test_add_contact_validates(ctx: ServiceContext, parties: PartyService) -> None:
    pid = parties.create("Acme", PartyRole.OWNER).value.id
    with pytest.raises(ValidationError, match=r"^Contact name: is required$"):
        parties.add_contact(pid, " ")
    with pytest.raises(ValidationError, match="E-mail: “dana at acme” is not an e-mail"):
        parties.add_contact(pid, "Dana", email="dana at acme")
    with pytest.raises(NotFoundError):
        parties.add_contact(999, "Dana")
    assert parties.get(pid).contacts == ()
    out = parties.add_contact(pid, " Dana ", "PM", "dana@acme.com", "555")
    assert (out.value.name, out.value.party_id) == ("Dana", pid)
    assert out.changes.touches("party") and out.changes.structural


def test_update_contact_returns_old_values_and_refuses_bad_input(
    ctx: ServiceContext, parties: PartyService
) -> None:
    pid = parties.create("Acme", PartyRole.OWNER).value.id
    cid = parties.add_contact(pid, "Dana", "PM").value.id
    out = parties.update_contact(cid, {"title": "Director", "phone": "555-0101"})
    assert out.value == {"title": "PM", "phone": ""}
    assert out.changes.ids_of("contact") == {cid}
    assert ("update", cid, "title", "PM", "Director") in audit(ctx, "contact")
    before = audit(ctx, "contact")
    with pytest.raises(ValidationError, match=r"^Contact name: is required$"):
        parties.update_contact(cid, {"title": "Boss", "name": ""})
    with pytest.raises(ValidationError, match="fax"):
        parties.update_contact(cid, {"fax": "1"})
    with pytest.raises(NotFoundError):
        parties.update_contact(999, {"name": "x"})
    assert parties.get(pid).contacts[0].title == "Director"
    assert audit(ctx, "contact") == before


def test_delete_and_restore_contact(ctx: ServiceContext, parties: PartyService) -> None:
    pid = parties.create("Acme", PartyRole.OWNER).value.id
    cid = parties.add_contact(pid, "Dana", "PM", "d@acme.com", "555").value.id
    out = parties.delete_contact(cid)
    assert parties.get(pid).contacts == ()
    assert out.changes.ids_of("party") == {pid}
    changes = parties.restore_contact(out.value)
    assert changes.ids_of("contact") == {cid}
    (contact,) = parties.get(pid).contacts
    assert (contact.id, contact.name, contact.title, contact.email, contact.phone) == (
        cid,
        "Dana",
        "PM",
        "d@acme.com",
        "555",
    )
    with pytest.raises(NotFoundError):
        parties.delete_contact(999)


def test_party_rows_match_orm(ctx: ServiceContext, parties: PartyService) -> None:
    pid = parties.create("Acme", PartyRole.CONSULTANT).value.id
    with ctx.sessions() as s:
        assert s.execute(select(Party.name, Party.role).where(Party.id == pid)).one() == (
            "Acme",
            "consultant",
        )


def test_delete_and_restore_keep_a_commitment_s_party(
    ctx: ServiceContext, parties: PartyService
) -> None:
    pid = parties.create("Summit", PartyRole.CONTRACTOR).value.id
    app = AppServices(ctx)
    project_id = app.projects.create("Clinic").value.id
    line = app.budget_lines.create(project_id, "03-300", "Concrete", "1000").value.id
    commitment = app.commitments.create(project_id, "General contract", pid, "1000", line).value
    usage = parties.usage(pid)
    assert (usage.commitments, usage.total) == (1, 1)
    assert usage.describe() == "used by 1 commitment"

    out = parties.delete(pid)
    assert out.changes.touches("commitment", project_id)
    assert app.commitments.get(commitment.id).party_id is None
    # cleared through the ORM, so audited (not left to the silent ON DELETE SET NULL)
    assert ("update", commitment.id, "party_id", str(pid), None) in audit(ctx, "commitment")

    changes = parties.restore(out.value)
    assert changes.ids_of("commitment") == {commitment.id}
    restored = app.commitments.get(commitment.id)
    assert (restored.party_id, restored.party_name) == (pid, "Summit")
    assert ("update", commitment.id, "party_id", None, str(pid)) in audit(ctx, "commitment")
