"""Red / Amber / Green status per area, derived from the KPIs and the thresholds.

Every status has a word ("Green", "Amber", "Red", "No data") so that it reads on a black
and white printout; colours are only ever added to the word. The rep may override an
area with a commentary; the override is shown, and the derived value stays beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ownersrep.domain.errors import ValidationError
from ownersrep.domain.health.kpis import ProjectKpis
from ownersrep.domain.health.thresholds import (
    MEASURE_BY_KEY,
    MEASURES,
    Band,
    Measure,
    Thresholds,
)

__all__ = [
    "AREA_MEASURES",
    "MEASURES",
    "Area",
    "AreaStatus",
    "Band",
    "Measure",
    "MeasureRag",
    "Rag",
    "Thresholds",
    "assess",
    "derive_all",
    "derive_area",
    "judge",
    "overall",
]


class Rag(StrEnum):
    """A status. Values are stored; `word` is printed; `severity` orders them."""

    NONE = "none"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def word(self) -> str:
        return _WORD[self]

    @property
    def severity(self) -> int:
        """0 for no data, then 1 green, 2 amber, 3 red: the worst has the highest."""
        return _SEVERITY[self]


_WORD = {Rag.NONE: "No data", Rag.GREEN: "Green", Rag.AMBER: "Amber", Rag.RED: "Red"}
_SEVERITY = {Rag.NONE: 0, Rag.GREEN: 1, Rag.AMBER: 2, Rag.RED: 3}


class Area(StrEnum):
    SCHEDULE = "schedule"
    COST = "cost"
    ISSUES = "issues"
    RISK = "risk"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# Which KPIs judge which area. Contingency used is reported but not judged: whether 60 %
# used is fine depends on how far the work has gone, which no single bound can say.
AREA_MEASURES: dict[Area, tuple[str, ...]] = {
    Area.SCHEDULE: ("spi", "finish_variance_days", "milestones_missed"),
    Area.COST: ("cpi", "vac_percent"),
    Area.ISSUES: ("overdue_issues", "average_issue_age_days"),
    Area.RISK: ("high_risks",),
}


def judge(measure: Measure, value: Decimal | int | None, band: Band) -> Rag:
    """One value against its band; a value exactly on a bound takes the better colour."""
    if value is None:
        return Rag.NONE
    if measure.higher_is_better:
        if value >= band.green:
            return Rag.GREEN
        return Rag.AMBER if value >= band.amber else Rag.RED
    if value <= band.green:
        return Rag.GREEN
    return Rag.AMBER if value <= band.amber else Rag.RED


@dataclass(frozen=True, slots=True)
class MeasureRag:
    """One KPI's part in an area status (for the tooltip and the report's "why")."""

    measure: Measure
    value: Decimal | int | None
    band: Band
    rag: Rag


def assess(area: Area, kpis: ProjectKpis, thresholds: Thresholds) -> tuple[MeasureRag, ...]:
    """Each KPI of the area judged against its thresholds, in AREA_MEASURES order."""
    results = []
    for key in AREA_MEASURES[area]:
        measure = MEASURE_BY_KEY[key]
        band = thresholds.band(key)
        value = kpis.value(key)
        results.append(MeasureRag(measure, value, band, judge(measure, value, band)))
    return tuple(results)


def overall(area_rags: Iterable[Rag]) -> Rag:
    """The worst of the statuses; "no data" counts only when there is nothing else."""
    return max(area_rags, key=lambda rag: rag.severity, default=Rag.NONE)


def derive_area(area: Area, kpis: ProjectKpis, thresholds: Thresholds) -> Rag:
    """The area's status: the worst of its KPIs' statuses (KPIs with no data ignored)."""
    return overall(result.rag for result in assess(area, kpis, thresholds))


def derive_all(kpis: ProjectKpis, thresholds: Thresholds) -> dict[Area, Rag]:
    return {area: derive_area(area, kpis, thresholds) for area in Area}


@dataclass(frozen=True, slots=True)
class AreaStatus:
    """An area's derived status and, optionally, the rep's override with its reason.

    An override must be Green, Amber or Red and needs a commentary that is not blank.
    `shown` is what the report prints; `derived` is always kept beside it."""

    area: Area
    derived: Rag
    override: Rag | None = None
    commentary: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "area", Area(self.area))  # stored values work too
        object.__setattr__(self, "derived", Rag(self.derived))
        if self.override is None:
            return
        object.__setattr__(self, "override", Rag(self.override))
        if self.override is Rag.NONE:
            raise ValidationError("Override", "must be Green, Amber or Red, not “No data”")
        if not self.commentary.strip():
            raise ValidationError(
                "Commentary", f"is required to override the {self.area.label.lower()} status"
            )

    @property
    def shown(self) -> Rag:
        return self.override if self.override is not None else self.derived

    @property
    def is_overridden(self) -> bool:
        return self.override is not None
