"""Every party and contact undo command: push, undo and redo, checking data each step."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.enums import PartyRole
from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.party_commands import (
    AddContactCommand,
    AddPartyCommand,
    DeleteContactCommand,
    DeletePartyCommand,
    EditContactCommand,
    EditPartyCommand,
)


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def seen(bus: ChangeBus) -> list[Changes]:
    got: list[Changes] = []
    bus.changed.connect(got.append)
    return got


@pytest.fixture
def gc(services: AppServices) -> int:
    return services.parties.create("Summit Builders Inc.", PartyRole.CONTRACTOR, "GMP").value.id


def names(services: AppServices) -> list[str]:
    return [p.name for p in services.parties.list_parties()]


def contacts(services: AppServices, party_id: int) -> list[tuple[int, str, str, str, str]]:
    return [
        (c.id, c.name, c.title, c.email, c.phone) for c in services.parties.get(party_id).contacts
    ]


def test_add_party_undo_redo_keeps_id(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list
) -> None:
    cmd = AddPartyCommand(services, bus, "Hartwell Architects", PartyRole.CONSULTANT, "Design")
    run_command(stack, cmd)
    pid = cmd.party_id
    assert pid is not None
    party = services.parties.get(pid)
    assert (party.name, party.role, party.notes) == (
        "Hartwell Architects",
        PartyRole.CONSULTANT,
        "Design",
    )
    assert seen[-1].touches("party") and seen[-1].structural

    stack.undo()
    assert names(services) == []
    assert seen[-1].ids_of("party") == {pid}

    stack.redo()
    assert services.parties.get(pid).name == "Hartwell Architects"
    assert cmd.party_id == pid
    stack.undo()
    assert names(services) == []
    stack.redo()
    assert names(services) == ["Hartwell Architects"]


def test_add_party_refused_pushes_nothing(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, gc: int
) -> None:
    with pytest.raises(ValidationError, match="already exists"):
        run_command(stack, AddPartyCommand(services, bus, "Summit Builders Inc.", "owner"))
    assert stack.count() == 0 and names(services) == ["Summit Builders Inc."]


def test_edit_party_undo_redo(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, gc: int
) -> None:
    cmd = EditPartyCommand(services, bus, gc, {"name": "Summit Builders", "role": "owner"})
    run_command(stack, cmd)
    got = services.parties.get(gc)
    assert (got.name, got.role, got.notes) == ("Summit Builders", PartyRole.OWNER, "GMP")
    assert seen[-1].ids_of("party") == {gc}
    stack.undo()
    got = services.parties.get(gc)
    assert (got.name, got.role) == ("Summit Builders Inc.", PartyRole.CONTRACTOR)
    stack.redo()
    assert services.parties.get(gc).name == "Summit Builders"


def test_delete_party_undo_redo_relinks_references(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, gc: int
) -> None:
    cid = services.parties.add_contact(gc, "Dana Ruiz", "PM").value.id
    project = services.projects.create(
        "Clinic", contractor_id=gc, planned_start=date(2025, 9, 2)
    ).value.id
    run_command(stack, DeletePartyCommand(services, bus, gc, "Summit Builders Inc."))
    assert names(services) == []
    assert services.projects.get(project).contractor_id is None
    assert seen[-1].touches("project", project)

    stack.undo()
    assert services.parties.get(gc).name == "Summit Builders Inc."
    assert contacts(services, gc) == [(cid, "Dana Ruiz", "PM", "", "")]
    assert services.projects.get(project).contractor_id == gc
    assert seen[-1].touches("project", project)

    stack.redo()
    assert names(services) == []
    assert services.projects.get(project).contractor_id is None
    stack.undo()
    assert services.projects.get(project).contractor_name == "Summit Builders Inc."


def test_add_contact_undo_redo_keeps_id(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, gc: int
) -> None:
    cmd = AddContactCommand(services, bus, gc, "Dana Ruiz", "PM", "dana@summit.com", "555")
    run_command(stack, cmd)
    cid = cmd.contact_id
    assert cid is not None
    assert contacts(services, gc) == [(cid, "Dana Ruiz", "PM", "dana@summit.com", "555")]
    assert seen[-1].ids_of("party") == {gc}
    stack.undo()
    assert contacts(services, gc) == []
    stack.redo()
    assert contacts(services, gc) == [(cid, "Dana Ruiz", "PM", "dana@summit.com", "555")]
    assert seen[-1].ids_of("contact") == {cid}


def test_add_contact_refused(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, gc: int
) -> None:
    cmd = AddContactCommand(services, bus, gc, "Dana", email="not-an-address")
    with pytest.raises(ValidationError, match="E-mail: “not-an-address” is not an e-mail"):
        run_command(stack, cmd)
    assert stack.count() == 0 and contacts(services, gc) == []


def test_edit_contact_undo_redo(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, gc: int
) -> None:
    cid = services.parties.add_contact(gc, "Dana Ruiz", "PM").value.id
    cmd = EditContactCommand(services, bus, cid, {"title": "Director", "phone": "555-0110"})
    run_command(stack, cmd)
    assert contacts(services, gc) == [(cid, "Dana Ruiz", "Director", "", "555-0110")]
    stack.undo()
    assert contacts(services, gc) == [(cid, "Dana Ruiz", "PM", "", "")]
    stack.redo()
    assert contacts(services, gc) == [(cid, "Dana Ruiz", "Director", "", "555-0110")]


def test_edit_contact_refused(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, gc: int
) -> None:
    cid = services.parties.add_contact(gc, "Dana Ruiz").value.id
    with pytest.raises(ValidationError, match=r"^Contact name: is required$"):
        run_command(stack, EditContactCommand(services, bus, cid, {"name": "  "}))
    assert stack.count() == 0 and contacts(services, gc)[0][1] == "Dana Ruiz"


def test_delete_contact_undo_redo(
    services: AppServices, bus: ChangeBus, stack: QUndoStack, seen: list, gc: int
) -> None:
    cid = services.parties.add_contact(gc, "Dana Ruiz", "PM", "d@s.com", "555").value.id
    keep = services.parties.add_contact(gc, "Greg Olsen").value.id
    run_command(stack, DeleteContactCommand(services, bus, cid, "Dana Ruiz"))
    assert [c[0] for c in contacts(services, gc)] == [keep]
    assert seen[-1].ids_of("party") == {gc}
    stack.undo()
    assert contacts(services, gc)[0] == (cid, "Dana Ruiz", "PM", "d@s.com", "555")
    stack.redo()
    assert [c[0] for c in contacts(services, gc)] == [keep]


def test_commands_chain_across_undo(
    services: AppServices, bus: ChangeBus, stack: QUndoStack
) -> None:
    """A later command names the party added earlier; undoing both and redoing both
    works because the add restores the same id."""
    add = AddPartyCommand(services, bus, "Blue Line MEP", PartyRole.CONSULTANT)
    run_command(stack, add)
    assert add.party_id is not None
    run_command(stack, AddContactCommand(services, bus, add.party_id, "Sam Lee"))
    run_command(stack, EditPartyCommand(services, bus, add.party_id, {"notes": "MEP design"}))
    stack.undo()
    stack.undo()
    stack.undo()
    assert names(services) == []
    stack.redo()
    stack.redo()
    stack.redo()
    party = services.parties.get(add.party_id)
    assert (party.notes, [c.name for c in party.contacts]) == ("MEP design", ["Sam Lee"])
