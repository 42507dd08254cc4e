"""Projects: create, read, edit and delete (with everything they hold, undoably)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import Project
from ownersrep.domain.enums import ProjectKind, ProjectStatus
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_removal import remove_project, restore_projects
from ownersrep.services.snapshot import Snapshot
from ownersrep.services.validation import (
    date_order,
    enum_value,
    optional_text,
    required_text,
)

EDITABLE_FIELDS = (
    "name",
    "code",
    "kind",
    "status",
    "client_id",
    "contractor_id",
    "planned_start",
    "planned_finish",
    "status_date",
    "currency",
    "location",
    "description",
)


@dataclass(frozen=True)
class ProjectDTO:
    id: int
    program_id: int | None
    name: str
    code: str
    kind: ProjectKind
    status: ProjectStatus
    client_id: int | None
    client_name: str
    contractor_id: int | None
    contractor_name: str
    planned_start: date | None
    planned_finish: date | None
    status_date: date | None
    currency: str
    location: str
    description: str


def _to_dto(s: Session, p: Project) -> ProjectDTO:
    from ownersrep.db.models import Party

    def name_of(pid: int | None) -> str:
        if pid is None:
            return ""
        return s.scalar(select(Party.name).where(Party.id == pid)) or ""

    return ProjectDTO(
        id=p.id,
        program_id=p.program_id,
        name=p.name,
        code=p.code,
        kind=ProjectKind(p.kind),
        status=ProjectStatus(p.status),
        client_id=p.client_id,
        client_name=name_of(p.client_id),
        contractor_id=p.contractor_id,
        contractor_name=name_of(p.contractor_id),
        planned_start=p.planned_start,
        planned_finish=p.planned_finish,
        status_date=p.status_date,
        currency=p.currency,
        location=p.location,
        description=p.description,
    )


def _check_parties(s: Session, clean: Mapping[str, Any]) -> None:
    """A client or contractor must be an existing party (else a clear message, not an
    integrity error from the database)."""
    from ownersrep.db.models import Party

    for key, label in (("client_id", "Client"), ("contractor_id", "Main contractor")):
        pid = clean.get(key)
        if pid is not None and s.get(Party, pid) is None:
            raise ValidationError(label, f"party #{pid} does not exist")


def _clean(key: str, value: Any) -> Any:
    """Validate one field; raise ValidationError naming it."""
    if key == "name":
        return required_text(value, "Project name", 200)
    if key == "code":
        return optional_text(value, "Code", 40)
    if key == "kind":
        return enum_value(ProjectKind, value, "Kind").value
    if key == "status":
        return enum_value(ProjectStatus, value, "Status").value
    if key in ("client_id", "contractor_id"):
        return value if value is None else int(value)  # existence checked in _check_parties
    if key in ("planned_start", "planned_finish", "status_date"):
        if value is not None and not isinstance(value, date):
            raise ValidationError(key.replace("_", " ").capitalize(), "must be a date")
        return value
    if key == "currency":
        code = (value or "").strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise ValidationError("Currency", f"“{value}” is not a three-letter ISO code")
        return code
    if key == "location":
        return optional_text(value, "Location", 200)
    if key == "description":
        return optional_text(value, "Description")
    raise ValidationError(key, "is not a project field")


class ProjectService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, project_id: int) -> ProjectDTO:
        with self._ctx.sessions() as s:
            p = s.get(Project, project_id)
            if p is None:
                raise NotFoundError("project", project_id)
            return _to_dto(s, p)

    def create(
        self,
        name: str,
        kind: ProjectKind | str = ProjectKind.CONSTRUCTION,
        *,
        program_id: int | None = None,
        **fields: Any,
    ) -> Outcome[ProjectDTO]:
        values = {"name": name, "kind": kind, **fields}
        clean = {k: _clean(k, v) for k, v in values.items()}
        date_order(
            clean.get("planned_start"),
            clean.get("planned_finish"),
            "Planned start",
            "Planned finish",
        )
        with self._ctx.sessions.begin() as s:
            _check_parties(s, clean)
            last = s.scalar(
                select(Project.sort_order)
                .where(
                    Project.program_id.is_(program_id)
                    if program_id is None
                    else Project.program_id == program_id
                )
                .order_by(Project.sort_order.desc())
                .limit(1)
            )
            p = Project(program_id=program_id, sort_order=(last or 0) + 1, **clean)
            s.add(p)
            s.flush()
            dto = _to_dto(s, p)
        return Outcome(dto, Changes.of("project", [dto.id], dto.id, structural=True))

    def update(self, project_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change fields; returns the previous values, for undo."""
        clean = {k: _clean(k, v) for k, v in values.items()}
        with self._ctx.sessions.begin() as s:
            p = s.get(Project, project_id)
            if p is None:
                raise NotFoundError("project", project_id)
            _check_parties(s, clean)
            start = clean.get("planned_start", p.planned_start)
            finish = clean.get("planned_finish", p.planned_finish)
            date_order(start, finish, "Planned start", "Planned finish")
            old = {k: getattr(p, k) for k in clean}
            for k, v in clean.items():
                setattr(p, k, v)
        return Outcome(old, Changes.of("project", [project_id], project_id))

    def delete(self, project_id: int) -> Outcome[Snapshot]:
        """Delete a project and all it holds. The snapshot brings it all back."""
        with self._ctx.sessions.begin() as s:
            snap = remove_project(s, project_id)
        return Outcome(snap, Changes.of("project", [project_id], project_id, structural=True))

    def restore(self, snapshot: Snapshot) -> Changes:
        with self._ctx.sessions.begin() as s:
            pid = restore_projects(s, snapshot)[0]
        return Changes.of("project", [pid], pid, structural=True)
