"""Parties (owner, contractors, consultants, internal teams) and their contacts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ownersrep.db.base import Base
from ownersrep.db.models import Commitment, Contact, Issue, Party, Project, Risk, Task
from ownersrep.domain.enums import PartyRole
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.snapshot import Snapshot, capture, restore
from ownersrep.services.validation import enum_value, optional_text, required_text

# Every column that points at a party, with the entity name views listen for. The
# database would null these itself (ON DELETE SET NULL), but silently: the service
# clears them through the ORM so each is audited, and remembers them for undo.
_REFERENCES: tuple[tuple[type[Base], str, tuple[str, ...]], ...] = (
    (Project, "project", ("client_id", "contractor_id")),
    (Issue, "issue", ("raised_by_id", "assigned_to_id")),
    (Risk, "risk", ("owner_id",)),
    (Task, "task", ("responsible_id",)),
    (Commitment, "commitment", ("party_id",)),
)

CONTACT_FIELDS = ("name", "title", "email", "phone")


@dataclass(frozen=True)
class PartyRef:
    """Enough of a party for a combo box or a table cell."""

    id: int
    name: str
    role: PartyRole


@dataclass(frozen=True)
class ContactDTO:
    id: int
    party_id: int
    name: str
    title: str
    email: str
    phone: str


@dataclass(frozen=True)
class PartyDTO:
    id: int
    name: str
    role: PartyRole
    notes: str
    contacts: tuple[ContactDTO, ...]


@dataclass(frozen=True)
class PartyUsage:
    """Where a party is referenced, for the confirmation before deleting it."""

    project_names: tuple[str, ...]  # projects with the party as client or main contractor
    issues: int
    risks: int
    tasks: int
    commitments: int = 0  # contracts and purchase orders with the party

    @property
    def projects(self) -> int:
        return len(self.project_names)

    @property
    def total(self) -> int:
        return self.projects + self.issues + self.risks + self.tasks + self.commitments

    def describe(self) -> str:
        """ "used by 2 projects (as client or main contractor), 3 issues and 1 risk", or ""."""
        parts: list[str] = []
        if self.projects:
            parts.append(f"{_plural(self.projects, 'project')} (as client or main contractor)")
        counted = (
            (self.issues, "issue"),
            (self.risks, "risk"),
            (self.tasks, "task"),
            (self.commitments, "commitment"),
        )
        for count, noun in counted:
            if count:
                parts.append(_plural(count, noun))
        if not parts:
            return ""
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"used by {listed}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass(frozen=True)
class PartySnapshot(Snapshot):
    """A deleted party and its contacts, plus the references that were cleared:
    (model, row id, column) triples, set again on restore."""

    references: tuple[tuple[type[Base], int, str], ...] = ()


def _contact_dto(c: Contact) -> ContactDTO:
    return ContactDTO(c.id, c.party_id, c.name, c.title, c.email, c.phone)


def _clean_contact(key: str, value: Any) -> str:
    if key == "name":
        return required_text(value, "Contact name", 200)
    if key == "title":
        return optional_text(value, "Title", 200)
    if key == "email":
        email = optional_text(value, "E-mail", 200)
        if email and ("@" not in email or " " in email):
            raise ValidationError("E-mail", f"“{email}” is not an e-mail address")
        return email
    if key == "phone":
        return optional_text(value, "Phone", 60)
    raise ValidationError(key, "is not a contact field")


def _contact_changes(party_id: int, contact_id: int, *, structural: bool) -> Changes:
    return Changes.of("party", [party_id]) | Changes.of(
        "contact", [contact_id], structural=structural
    )


class PartyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def list_parties(self) -> list[PartyRef]:
        with self._ctx.sessions() as s:
            rows = s.execute(select(Party.id, Party.name, Party.role).order_by(Party.name))
            return [PartyRef(i, n, PartyRole(r)) for i, n, r in rows]

    def get(self, party_id: int) -> PartyDTO:
        with self._ctx.sessions() as s:
            p = s.get(Party, party_id)
            if p is None:
                raise NotFoundError("party", party_id)
            return PartyDTO(
                p.id, p.name, PartyRole(p.role), p.notes, tuple(_contact_dto(c) for c in p.contacts)
            )

    def usage(self, party_id: int) -> PartyUsage:
        with self._ctx.sessions() as s:
            if s.get(Party, party_id) is None:
                raise NotFoundError("party", party_id)
            names = s.scalars(
                select(Project.name)
                .where(or_(Project.client_id == party_id, Project.contractor_id == party_id))
                .order_by(Project.name)
            )

            def count(model: Any, *columns: Any) -> int:
                where = or_(*(c == party_id for c in columns))
                return s.scalar(select(func.count()).select_from(model).where(where)) or 0

            return PartyUsage(
                project_names=tuple(names),
                issues=count(Issue, Issue.raised_by_id, Issue.assigned_to_id),
                risks=count(Risk, Risk.owner_id),
                tasks=count(Task, Task.responsible_id),
                commitments=count(Commitment, Commitment.party_id),
            )

    # -- commands --------------------------------------------------------------------
    def create(self, name: str, role: PartyRole | str, notes: str = "") -> Outcome[PartyRef]:
        clean = required_text(name, "Name", 200)
        kind = enum_value(PartyRole, role, "Role")
        with self._ctx.sessions.begin() as s:
            self._check_unique(s, clean, None)
            p = Party(name=clean, role=kind.value, notes=optional_text(notes, "Notes"))
            s.add(p)
            s.flush()
            ref = PartyRef(p.id, p.name, kind)
        return Outcome(ref, Changes.of("party", [ref.id], structural=True))

    def update(self, party_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change fields; returns the previous values (for undo)."""
        with self._ctx.sessions.begin() as s:
            p = s.get(Party, party_id)
            if p is None:
                raise NotFoundError("party", party_id)
            old: dict[str, Any] = {}
            for key, value in values.items():
                if key == "name":
                    value = required_text(value, "Name", 200)
                    self._check_unique(s, value, party_id)
                elif key == "role":
                    value = enum_value(PartyRole, value, "Role").value
                elif key == "notes":
                    value = optional_text(value, "Notes")
                else:
                    raise ValidationError(key, "is not a party field")
                old[key] = getattr(p, key)
                setattr(p, key, value)
        return Outcome(old, Changes.of("party", [party_id]))

    def delete(self, party_id: int) -> Outcome[Snapshot]:
        """Delete a party and its contacts. Projects, issues, risks, tasks and commitments
        that named it lose the reference (audited); restoring the snapshot sets them again."""
        with self._ctx.sessions.begin() as s:
            p = s.get(Party, party_id)
            if p is None:
                raise NotFoundError("party", party_id)
            refs, changes = self._clear_references(s, party_id)
            s.flush()
            base = capture([(Party, [p]), (Contact, list(p.contacts))])
            snap = PartySnapshot(base.parts, tuple(refs))
            s.delete(p)
        return Outcome(snap, Changes.of("party", [party_id], structural=True) | changes)

    def restore(self, snapshot: Snapshot) -> Changes:
        ids = [row["id"] for model, rows in snapshot.parts if model is Party for row in rows]
        changes = Changes.of("party", ids, structural=True)
        with self._ctx.sessions.begin() as s:
            restore(s, snapshot)
            for model, row_id, column in getattr(snapshot, "references", ()):
                obj = s.get(model, row_id)
                if obj is None or getattr(obj, column) is not None:
                    continue  # the row is gone, or was pointed elsewhere meanwhile
                setattr(obj, column, ids[0])
                changes = changes | self._ref_changes(model, obj)
        return changes

    # -- contacts --------------------------------------------------------------------
    def add_contact(
        self, party_id: int, name: str, title: str = "", email: str = "", phone: str = ""
    ) -> Outcome[ContactDTO]:
        values = {"name": name, "title": title, "email": email, "phone": phone}
        clean = {k: _clean_contact(k, v) for k, v in values.items()}
        with self._ctx.sessions.begin() as s:
            if s.get(Party, party_id) is None:
                raise NotFoundError("party", party_id)
            c = Contact(party_id=party_id, **clean)
            s.add(c)
            s.flush()
            dto = _contact_dto(c)
        return Outcome(dto, _contact_changes(party_id, dto.id, structural=True))

    def update_contact(self, contact_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change contact fields; returns the previous values (for undo)."""
        clean = {k: _clean_contact(k, v) for k, v in values.items()}
        with self._ctx.sessions.begin() as s:
            c = s.get(Contact, contact_id)
            if c is None:
                raise NotFoundError("contact", contact_id)
            old = {k: getattr(c, k) for k in clean}
            for k, v in clean.items():
                setattr(c, k, v)
            party_id = c.party_id
        return Outcome(old, _contact_changes(party_id, contact_id, structural=False))

    def delete_contact(self, contact_id: int) -> Outcome[Snapshot]:
        with self._ctx.sessions.begin() as s:
            c = s.get(Contact, contact_id)
            if c is None:
                raise NotFoundError("contact", contact_id)
            snap = capture([(Contact, [c])])
            party_id = c.party_id
            s.delete(c)
        return Outcome(snap, _contact_changes(party_id, contact_id, structural=True))

    def restore_contact(self, snapshot: Snapshot) -> Changes:
        with self._ctx.sessions.begin() as s:
            restore(s, snapshot)
        changes = Changes()
        for model, rows in snapshot.parts:
            if model is Contact:
                for row in rows:
                    changes = changes | _contact_changes(
                        row["party_id"], row["id"], structural=True
                    )
        return changes

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _check_unique(s: Any, name: str, own_id: int | None) -> None:
        other = s.scalar(select(Party.id).where(Party.name == name))
        if other is not None and other != own_id:
            raise ValidationError("Name", f"a party called “{name}” already exists")

    def _clear_references(
        self, s: Session, party_id: int
    ) -> tuple[list[tuple[type[Base], int, str]], Changes]:
        refs: list[tuple[type[Base], int, str]] = []
        changes = Changes()
        for model, _entity, columns in _REFERENCES:
            for column in columns:
                attr = getattr(model, column)
                for obj in s.scalars(select(model).where(attr == party_id)):
                    refs.append((model, obj.id, column))  # type: ignore[attr-defined]
                    setattr(obj, column, None)
                    changes = changes | self._ref_changes(model, obj)
        return refs, changes

    @staticmethod
    def _ref_changes(model: type[Base], obj: Any) -> Changes:
        entity = next(e for m, e, _c in _REFERENCES if m is model)
        project_id = obj.id if model is Project else obj.project_id
        return Changes.of(entity, [obj.id], project_id)


__all__ = [
    "CONTACT_FIELDS",
    "ContactDTO",
    "PartyDTO",
    "PartyRef",
    "PartyService",
    "PartySnapshot",
    "PartyUsage",
]
