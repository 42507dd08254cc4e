"""A project's KPIs and RAG status, the rep's overrides, the workspace's thresholds, and
closing reporting periods (snapshots for trends and "this period against last").

Every status is derived from the KPIs at the project's status date and the thresholds
(domain.health). The rep may override an area with a commentary; the override is shown
as such, and the derived status always stays beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from ownersrep.db.audit import current_user
from ownersrep.db.models import PeriodSnapshot, Project, RagOverride
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.health.kpis import ProjectKpis
from ownersrep.domain.health.rag import Area, AreaStatus, Rag
from ownersrep.domain.health.thresholds import Thresholds
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.evm_service import figures_in, project_facts
from ownersrep.services.health_compute import health_of
from ownersrep.services.health_settings import load_thresholds, store_thresholds, thresholds_from
from ownersrep.services.health_types import (
    ENTITY_HEALTH,
    ENTITY_SNAPSHOT,
    OverrideDTO,
    PeriodSnapshotDTO,
    ProjectHealth,
    Trend,
)
from ownersrep.services.period_codec import encode
from ownersrep.services.period_snapshots import (
    PERIOD_FIELD,
    clean_period,
    snapshot_row,
    snapshots_of,
    trend_of,
)
from ownersrep.services.rag_overrides import (
    load_overrides,
    override_row,
    put_back,
    to_dto,
)
from ownersrep.services.snapshot import Snapshot, capture, restore
from ownersrep.services.validation import enum_value, optional_text

COMMENTARY_MAX = 4000


def _project(s: Session, project_id: int) -> Project:
    project = s.get(Project, project_id)
    if project is None:
        raise NotFoundError("project", project_id)
    return project


def _override_changes(project_id: int, ids: list[int]) -> Changes:
    return Changes.of(ENTITY_HEALTH, ids, project_id)


class HealthService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def kpis(self, project_id: int) -> ProjectKpis:
        """Every KPI at the project's status date (None where there is no data)."""
        return self.status(project_id).kpis

    def status(self, project_id: int) -> ProjectHealth:
        """KPIs, each area's derived status with the rep's override beside it, and
        the overall status (worst shown) and overall derived (worst derived)."""
        with self._ctx.sessions() as s:
            return self._health(s, project_id)

    def overrides(self, project_id: int) -> dict[Area, OverrideDTO]:
        with self._ctx.sessions() as s:
            return load_overrides(s, [project_id]).get(project_id, {})

    def thresholds(self) -> Thresholds:
        """The workspace's RAG thresholds (the defaults until changed)."""
        with self._ctx.sessions() as s:
            return load_thresholds(s)

    def snapshots(self, project_id: int) -> list[PeriodSnapshotDTO]:
        """The project's closed periods, newest first."""
        with self._ctx.sessions() as s:
            return snapshots_of(s, project_id)

    def trend(self, project_id: int) -> Trend:
        """The newest closed period against the one before it."""
        return trend_of(self.snapshots(project_id))

    def period_of(self, project_id: int) -> str:
        """The reporting month of the project's status date (today's without one), as
        "YYYY-MM": the period a "close the period" action offers."""
        with self._ctx.sessions() as s:
            as_of = _project(s, project_id).status_date or self._ctx.today()
        return f"{as_of:%Y-%m}"

    # -- overrides -------------------------------------------------------------------
    def set_override(
        self, project_id: int, area: Area | str, rag: Rag | str, commentary: str
    ) -> Outcome[OverrideDTO | None]:
        """Show `rag` for the area instead of the derived status, for the reason given
        (required). Returns the override it replaced, or None (undo: restore_override)."""
        which = enum_value(Area, area, "Area")
        given = enum_value(Rag, rag, "Override")
        text = optional_text(commentary, "Commentary", COMMENTARY_MAX)
        AreaStatus(which, Rag.NONE, given, text)  # the domain's checks: R/A/G, a reason
        with self._ctx.sessions.begin() as s:
            _project(s, project_id)
            row = override_row(s, project_id, which)
            old = to_dto(row) if row is not None else None
            if row is None:
                row = RagOverride(project_id=project_id, area=which.value)
                s.add(row)
            row.rag = given.value
            row.commentary = text
            row.set_on = self._ctx.today()
            row.set_by = current_user(s)
            s.flush()
            row_id = row.id
        return Outcome(old, _override_changes(project_id, [row_id]))

    def clear_override(self, project_id: int, area: Area | str) -> Outcome[OverrideDTO | None]:
        """Show the derived status again. Returns the override removed, or None."""
        which = enum_value(Area, area, "Area")
        with self._ctx.sessions.begin() as s:
            row = override_row(s, project_id, which)
            if row is None:
                return Outcome(None, Changes())
            old = to_dto(row)
            s.delete(row)
        return Outcome(old, _override_changes(project_id, [old.id]))

    def restore_override(
        self, project_id: int, area: Area | str, old: OverrideDTO | None
    ) -> Changes:
        """Undo of set_override / clear_override: the area's override as it was (the
        same row and values), or none."""
        which = enum_value(Area, area, "Area")
        with self._ctx.sessions.begin() as s:
            row = override_row(s, project_id, which)
            ids = [i for i in (row.id if row else None, old.id if old else None) if i]
            put_back(s, project_id, which, old)
        return _override_changes(project_id, ids)

    # -- thresholds ------------------------------------------------------------------
    def set_thresholds(self, value: Thresholds | Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change the workspace's thresholds (a Thresholds, or its `to_dict` form, where
        a missing measure keeps its default). Returns the previous ones as a dict, for
        undo. ValidationError names the measure and bound that is wrong."""
        chosen = thresholds_from(value)
        with self._ctx.sessions.begin() as s:
            old = load_thresholds(s).to_dict()
            store_thresholds(s, chosen)
        return Outcome(old, Changes.of(ENTITY_HEALTH))

    # -- periods ---------------------------------------------------------------------
    def close_period(self, project_id: int, period: str) -> Outcome[int]:
        """Store the project's KPIs and statuses (derived, override and commentary per
        area) for the reporting month "YYYY-MM". A period closes once: close it again
        after reopening it. Returns the snapshot's id (undo: reopen_period)."""
        month = clean_period(period)
        with self._ctx.sessions.begin() as s:
            health = self._health(s, project_id)
            existing = snapshot_row(s, project_id, month)
            if existing is not None:
                raise ValidationError(
                    PERIOD_FIELD,
                    f"{month} was already closed on {existing.closed_on:%d %b %Y}; "
                    "reopen it to close it again",
                )
            kpis, rags = encode(health)
            row = PeriodSnapshot(
                project_id=project_id,
                period=month,
                closed_on=self._ctx.today(),
                kpis=kpis,
                rags=rags,
            )
            s.add(row)
            s.flush()
            snapshot_id = row.id
        return Outcome(
            snapshot_id, Changes.of(ENTITY_SNAPSHOT, [snapshot_id], project_id, structural=True)
        )

    def reopen_period(self, project_id: int, period: str) -> Outcome[Snapshot]:
        """Remove a closed period's snapshot; restore_period puts it back as it was."""
        month = clean_period(period)
        with self._ctx.sessions.begin() as s:
            row = snapshot_row(s, project_id, month)
            if row is None:
                raise ValidationError(PERIOD_FIELD, f"{month} is not closed")
            snap = capture([(PeriodSnapshot, [row])])
            snapshot_id = row.id
            s.delete(row)
        return Outcome(
            snap, Changes.of(ENTITY_SNAPSHOT, [snapshot_id], project_id, structural=True)
        )

    def restore_period(self, snapshot: Snapshot) -> Changes:
        with self._ctx.sessions.begin() as s:
            restore(s, snapshot)
        rows = [r for model, rows in snapshot.parts if model is PeriodSnapshot for r in rows]
        project_id = rows[0]["project_id"] if rows else None
        ids = [r["id"] for r in rows]
        return Changes.of(ENTITY_SNAPSHOT, ids, project_id, structural=True)

    # -- helpers ---------------------------------------------------------------------
    def _health(self, s: Session, project_id: int) -> ProjectHealth:
        facts = project_facts(s, project_id, self._ctx.today())
        overrides = load_overrides(s, [project_id]).get(project_id, {})
        return health_of(facts, figures_in(s, facts), load_thresholds(s), overrides)
