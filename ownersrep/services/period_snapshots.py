"""Closed reporting periods, inside the caller's session: read them, store one, and work
out "this period against last" from the two newest."""

from __future__ import annotations

import re
from dataclasses import fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import PeriodSnapshot
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.health.kpis import ProjectKpis
from ownersrep.domain.health.rag import Area
from ownersrep.domain.health.thresholds import MEASURE_BY_KEY
from ownersrep.services.health_types import (
    AreaChange,
    Direction,
    KpiChange,
    PeriodSnapshotDTO,
    Trend,
)
from ownersrep.services.period_codec import decode

PERIOD_FIELD = "Period"
_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

# KPIs with no threshold: how they read, and whether a rise is good news.
_UNJUDGED = {
    "vac": ("VAC", True),
    "contingency_used_percent": ("Contingency used %", False),
    "open_issues": ("Open issues", False),
}


def clean_period(value: object) -> str:
    """A reporting month as "YYYY-MM" (ValidationError naming the period otherwise)."""
    text = str(value if value is not None else "").strip()
    if not _PERIOD.fullmatch(text):
        raise ValidationError(PERIOD_FIELD, f"“{text}” is not a month written like 2026-11")
    return text


def snapshot_row(s: Session, project_id: int, period: str) -> PeriodSnapshot | None:
    return s.scalar(
        select(PeriodSnapshot).where(
            PeriodSnapshot.project_id == project_id, PeriodSnapshot.period == period
        )
    )


def snapshots_of(s: Session, project_id: int) -> list[PeriodSnapshotDTO]:
    """The project's closed periods, newest first."""
    query = (
        select(
            PeriodSnapshot.id,
            PeriodSnapshot.period,
            PeriodSnapshot.closed_on,
            PeriodSnapshot.kpis,
            PeriodSnapshot.rags,
        )
        .where(PeriodSnapshot.project_id == project_id)
        .order_by(PeriodSnapshot.period.desc())
    )
    return [
        decode(sid, project_id, period, closed_on, kpis, rags)
        for sid, period, closed_on, kpis, rags in s.execute(query)
    ]


def _label_and_sense(key: str) -> tuple[str, bool]:
    measure = MEASURE_BY_KEY.get(key)
    if measure is not None:
        return measure.label, measure.higher_is_better
    return _UNJUDGED.get(key, (key, True))


def _change(key: str, this: ProjectKpis | None, last: ProjectKpis | None) -> KpiChange:
    label, higher_is_better = _label_and_sense(key)
    now = this.value(key) if this is not None else None
    before = last.value(key) if last is not None else None
    if now is None or before is None:
        return KpiChange(key, label, now, before, None, None)
    delta = now - before
    if delta == 0:
        direction = Direction.SAME
    else:
        direction = Direction.BETTER if (delta > 0) == higher_is_better else Direction.WORSE
    return KpiChange(key, label, now, before, delta, direction)


def trend_of(snapshots: list[PeriodSnapshotDTO]) -> Trend:
    """The newest closed period against the one before it (snapshots newest first)."""
    this = snapshots[0] if snapshots else None
    last = snapshots[1] if len(snapshots) > 1 else None
    if this is None:
        return Trend(None, None)
    kpis = tuple(
        _change(f.name, this.kpis, last.kpis if last else None) for f in fields(ProjectKpis)
    )
    if last is None:
        return Trend(this, None, kpis)
    areas = tuple(AreaChange(a, this.area(a).shown, last.area(a).shown) for a in Area)
    return Trend(this, last, kpis, areas)
