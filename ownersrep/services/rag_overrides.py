"""The rep's RAG overrides, inside the caller's session: read them for many projects at
once, and write one back exactly as it was (for undo)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import RagOverride
from ownersrep.domain.health.rag import Area, Rag
from ownersrep.services.health_types import OverrideDTO

_COLUMNS = (
    RagOverride.id,
    RagOverride.project_id,
    RagOverride.area,
    RagOverride.rag,
    RagOverride.commentary,
    RagOverride.set_on,
    RagOverride.set_by,
)


def _dto(row: tuple[object, ...]) -> OverrideDTO | None:
    oid, pid, area, rag, commentary, set_on, set_by = row
    try:
        return OverrideDTO(oid, pid, Area(area), Rag(rag), commentary, set_on, set_by)  # type: ignore[arg-type]
    except ValueError:
        return None  # an area this version does not know


def load_overrides(s: Session, project_ids: Sequence[int]) -> dict[int, dict[Area, OverrideDTO]]:
    out: dict[int, dict[Area, OverrideDTO]] = {}
    query = select(*_COLUMNS).where(RagOverride.project_id.in_(list(project_ids)))
    for row in s.execute(query):
        dto = _dto(tuple(row))
        if dto is not None:
            out.setdefault(dto.project_id, {})[dto.area] = dto
    return out


def override_row(s: Session, project_id: int, area: Area) -> RagOverride | None:
    return s.scalar(
        select(RagOverride).where(
            RagOverride.project_id == project_id, RagOverride.area == area.value
        )
    )


def to_dto(row: RagOverride) -> OverrideDTO:
    return OverrideDTO(
        row.id, row.project_id, Area(row.area), Rag(row.rag), row.commentary, row.set_on, row.set_by
    )


def put_back(s: Session, project_id: int, area: Area, old: OverrideDTO | None) -> None:
    """Make the area's override what `old` was: the same row (id, values), or none."""
    row = override_row(s, project_id, area)
    if old is None:
        if row is not None:
            s.delete(row)
        s.flush()
        return
    if row is not None and row.id != old.id:
        s.delete(row)
        s.flush()
        row = None
    if row is None:
        row = RagOverride(id=old.id, project_id=project_id, area=area.value)
        s.add(row)
    row.rag = old.rag.value
    row.commentary = old.commentary
    row.set_on = old.set_on
    row.set_by = old.set_by
    s.flush()
