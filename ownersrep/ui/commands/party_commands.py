"""Undo commands for parties and their contacts.

Adds are undone by a delete whose snapshot the redo restores, so a party or contact
keeps its id across undo and redo (and later commands that name it still work)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ownersrep.domain.enums import PartyRole
from ownersrep.services.changes import Changes
from ownersrep.services.snapshot import Snapshot
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices


class AddPartyCommand(ServiceCommand):
    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        name: str,
        role: PartyRole | str,
        notes: str = "",
    ) -> None:
        super().__init__(f"Add party “{name.strip()}”", bus)
        self._parties = services.parties
        self._args = (name, role, notes)
        self._party_id: int | None = None
        self._snapshot: Snapshot | None = None

    @property
    def party_id(self) -> int | None:
        """The new party's id, once the command has run."""
        return self._party_id

    def do(self) -> Changes:
        if self._snapshot is not None:
            return self._parties.restore(self._snapshot)
        out = self._parties.create(*self._args)
        self._party_id = out.value.id
        return out.changes

    def revert(self) -> Changes:
        assert self._party_id is not None
        out = self._parties.delete(self._party_id)
        self._snapshot = out.value
        return out.changes


class EditPartyCommand(ServiceCommand):
    """Change name, role and/or notes of a party."""

    def __init__(
        self, services: AppServices, bus: ChangeBus, party_id: int, values: Mapping[str, Any]
    ) -> None:
        label = next(iter(values)) if len(values) == 1 else "party"
        super().__init__(f"Edit party {label}", bus)
        self._parties = services.parties
        self._party_id = party_id
        self._values = dict(values)
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        out = self._parties.update(self._party_id, self._values)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._parties.update(self._party_id, self._old).changes


class DeletePartyCommand(ServiceCommand):
    """Delete a party with its contacts; undo brings both back and re-links every
    project, issue, risk and task that named it."""

    def __init__(self, services: AppServices, bus: ChangeBus, party_id: int, name: str) -> None:
        super().__init__(f"Delete party “{name}”", bus)
        self._parties = services.parties
        self._party_id = party_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Changes:
        out = self._parties.delete(self._party_id)
        self._snapshot = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self._snapshot is not None
        return self._parties.restore(self._snapshot)


class AddContactCommand(ServiceCommand):
    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        party_id: int,
        name: str,
        title: str = "",
        email: str = "",
        phone: str = "",
    ) -> None:
        super().__init__(f"Add contact “{name.strip()}”", bus)
        self._parties = services.parties
        self._party_id = party_id
        self._fields = (name, title, email, phone)
        self._contact_id: int | None = None
        self._snapshot: Snapshot | None = None

    @property
    def contact_id(self) -> int | None:
        return self._contact_id

    def do(self) -> Changes:
        if self._snapshot is not None:
            return self._parties.restore_contact(self._snapshot)
        out = self._parties.add_contact(self._party_id, *self._fields)
        self._contact_id = out.value.id
        return out.changes

    def revert(self) -> Changes:
        assert self._contact_id is not None
        out = self._parties.delete_contact(self._contact_id)
        self._snapshot = out.value
        return out.changes


class EditContactCommand(ServiceCommand):
    def __init__(
        self, services: AppServices, bus: ChangeBus, contact_id: int, values: Mapping[str, Any]
    ) -> None:
        label = next(iter(values)) if len(values) == 1 else "details"
        super().__init__(f"Edit contact {label}", bus)
        self._parties = services.parties
        self._contact_id = contact_id
        self._values = dict(values)
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        out = self._parties.update_contact(self._contact_id, self._values)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._parties.update_contact(self._contact_id, self._old).changes


class DeleteContactCommand(ServiceCommand):
    def __init__(self, services: AppServices, bus: ChangeBus, contact_id: int, name: str) -> None:
        super().__init__(f"Delete contact “{name}”", bus)
        self._parties = services.parties
        self._contact_id = contact_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Changes:
        out = self._parties.delete_contact(self._contact_id)
        self._snapshot = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self._snapshot is not None
        return self._parties.restore_contact(self._snapshot)
