"""What the health, dashboard and priority services return: frozen values a Qt table can
show as they are and a report can print (no ORM objects, Decimal figures)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ownersrep.domain.evm import EvmFigures
from ownersrep.domain.health.kpis import ProjectKpis
from ownersrep.domain.health.rag import Area, AreaStatus, MeasureRag, Rag

# Entities in Changes, for views deciding what to refresh.
ENTITY_HEALTH = "health"  # RAG overrides, thresholds and the EAC formula
ENTITY_SNAPSHOT = "period_snapshot"
ENTITY_PRIORITY = "priority"  # criteria and ratings
# Everything whose change can move a KPI, a RAG status or a dashboard cell.
HEALTH_SOURCES = (
    "project",
    "task",
    "schedule",
    "baseline",
    "budget_line",
    "commitment",
    "change_order",
    "pay_application",
    "issue",
    "risk",
    ENTITY_HEALTH,
)


@dataclass(frozen=True)
class OverrideDTO:
    """The rep's own status for one area, with the reason, when and by whom."""

    id: int
    project_id: int
    area: Area
    rag: Rag
    commentary: str
    set_on: date
    set_by: str


def _status(areas: tuple[AreaStatus, ...], area: Area | str) -> AreaStatus:
    wanted = Area(area)
    return next(a for a in areas if a.area is wanted)


@dataclass(frozen=True)
class ProjectHealth:
    """A project's KPIs and RAG status at its status date (`as_of`).

    `areas` holds one AreaStatus per Area, in Area order: the derived status always,
    the override (and its commentary) when the rep set one. `overall` is the worst shown
    status, `overall_derived` the worst derived one. `reasons[i]` tells why `areas[i]`
    was derived as it was (each KPI against its band)."""

    project_id: int
    as_of: date
    kpis: ProjectKpis
    evm: EvmFigures | None
    areas: tuple[AreaStatus, ...]
    overall: Rag
    overall_derived: Rag
    reasons: tuple[tuple[MeasureRag, ...], ...] = ()
    overrides: tuple[OverrideDTO, ...] = ()

    def area(self, area: Area | str) -> AreaStatus:
        return _status(self.areas, area)

    def why(self, area: Area | str) -> tuple[MeasureRag, ...]:
        index = [a.area for a in self.areas].index(Area(area))
        return self.reasons[index] if self.reasons else ()

    @property
    def overridden(self) -> bool:
        return any(a.is_overridden for a in self.areas)


@dataclass(frozen=True)
class PeriodSnapshotDTO:
    """A closed reporting period: the KPIs and statuses as they stood when closed."""

    id: int
    project_id: int
    period: str  # "2026-11"
    closed_on: date
    as_of: date  # the status date the figures were worked at
    kpis: ProjectKpis
    evm: EvmFigures | None
    areas: tuple[AreaStatus, ...]
    overall: Rag
    overall_derived: Rag

    def area(self, area: Area | str) -> AreaStatus:
        return _status(self.areas, area)


class Direction(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"


@dataclass(frozen=True)
class KpiChange:
    """One KPI this period against last. `delta` is this − last (None when either is
    missing); `direction` says whether that is an improvement (None: not comparable)."""

    key: str
    label: str
    this: Decimal | int | None
    last: Decimal | int | None
    delta: Decimal | int | None
    direction: Direction | None


@dataclass(frozen=True)
class AreaChange:
    area: Area
    this: Rag  # shown status (override if any)
    last: Rag

    @property
    def direction(self) -> Direction | None:
        if Rag.NONE in (self.this, self.last):
            return None
        if self.this.severity == self.last.severity:
            return Direction.SAME
        return Direction.BETTER if self.this.severity < self.last.severity else Direction.WORSE


@dataclass(frozen=True)
class Trend:
    """This period (the newest closed one) against the last (the one before it).

    With fewer than two closed periods the missing side is None and every change has
    no delta."""

    this: PeriodSnapshotDTO | None
    last: PeriodSnapshotDTO | None
    kpis: tuple[KpiChange, ...] = ()
    areas: tuple[AreaChange, ...] = ()


@dataclass(frozen=True)
class DashboardRow:
    """One project of the portfolio dashboard."""

    project_id: int
    code: str
    name: str
    currency: str
    as_of: date
    areas: tuple[AreaStatus, ...]  # one per Area, in Area order
    overall: Rag  # worst shown status
    overall_derived: Rag
    cpi: Decimal | None
    spi: Decimal | None
    vac: Decimal | None  # variance at completion BAC − EAC (negative: overrun)
    vac_percent: Decimal | None
    eac: Decimal | None
    next_milestone: str  # "" when none is left
    next_milestone_on: date | None
    open_issues: int

    def area(self, area: Area | str) -> AreaStatus:
        return _status(self.areas, area)

    @property
    def overall_overridden(self) -> bool:
        """Some area is shown with the rep's override."""
        return any(a.is_overridden for a in self.areas)


@dataclass(frozen=True)
class PriorityItem:
    """A project as the ranking shows it: its ratings by criterion key, and the labels
    of the criteria it still lacks a rating for (then it has no score)."""

    project_id: int
    code: str
    name: str
    ratings: Mapping[str, int] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
