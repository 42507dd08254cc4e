"""A closed period's figures as the JSON text period_snapshot stores, and back.

kpis: {"as_of": "2026-11-20", "kpis": {ProjectKpis field: text or int or null},
       "evm": {"bac", "pv", "ev", "ac", "method", "bottom_up_etc"} or null}
rags: {"areas": {area: {"derived", "override", "commentary"}}, "overall",
       "overall_derived"}

Decimals are written as text, so they come back exactly. A field this version does not
know is ignored, and one it misses reads as "no data", so older snapshots stay readable.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

from ownersrep.domain.evm import EvmFigures
from ownersrep.domain.health.kpis import ProjectKpis
from ownersrep.domain.health.rag import Area, AreaStatus, Rag
from ownersrep.services.health_types import PeriodSnapshotDTO, ProjectHealth

_INTS = {"finish_variance_days", "milestones_missed", "open_issues", "overdue_issues", "high_risks"}


def _text(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def encode(health: ProjectHealth) -> tuple[str, str]:
    """(kpis text, rags text) of a project's health."""
    kpis = {f.name: _text(getattr(health.kpis, f.name)) for f in fields(ProjectKpis)}
    evm = None
    if health.evm is not None:
        e = health.evm
        evm = {
            "bac": str(e.bac),
            "pv": str(e.pv),
            "ev": str(e.ev),
            "ac": str(e.ac),
            "method": e.method.value,
            "bottom_up_etc": _text(e.bottom_up_etc),
        }
    areas = {
        a.area.value: {
            "derived": a.derived.value,
            "override": a.override.value if a.override is not None else None,
            "commentary": a.commentary,
        }
        for a in health.areas
    }
    rags = {
        "areas": areas,
        "overall": health.overall.value,
        "overall_derived": health.overall_derived.value,
    }
    return _dumps({"as_of": health.as_of.isoformat(), "kpis": kpis, "evm": evm}), _dumps(rags)


def _kpi(key: str, value: Any) -> Any:
    if value is None:
        return None
    return int(value) if key in _INTS else Decimal(str(value))


def _kpis(data: dict[str, Any]) -> ProjectKpis:
    known = {f.name for f in fields(ProjectKpis)}
    return ProjectKpis(**{k: _kpi(k, v) for k, v in data.items() if k in known and v is not None})


def _evm(data: dict[str, Any] | None) -> EvmFigures | None:
    if not data:
        return None
    bottom_up = data.get("bottom_up_etc")
    return EvmFigures(
        bac=Decimal(data["bac"]),
        pv=Decimal(data["pv"]),
        ev=Decimal(data["ev"]),
        ac=Decimal(data["ac"]),
        method=data.get("method", "cpi"),
        bottom_up_etc=Decimal(bottom_up) if bottom_up is not None else None,
    )


def _areas(data: dict[str, Any]) -> tuple[AreaStatus, ...]:
    areas = []
    for area in Area:
        entry = data.get(area.value) or {}
        override = entry.get("override")
        areas.append(
            AreaStatus(
                area,
                Rag(entry.get("derived", Rag.NONE.value)),
                Rag(override) if override else None,
                entry.get("commentary", ""),
            )
        )
    return tuple(areas)


def decode(
    snapshot_id: int, project_id: int, period: str, closed_on: date, kpis: str, rags: str
) -> PeriodSnapshotDTO:
    figures = json.loads(kpis)
    statuses = json.loads(rags)
    return PeriodSnapshotDTO(
        id=snapshot_id,
        project_id=project_id,
        period=period,
        closed_on=closed_on,
        as_of=date.fromisoformat(figures.get("as_of") or closed_on.isoformat()),
        kpis=_kpis(figures.get("kpis") or {}),
        evm=_evm(figures.get("evm")),
        areas=_areas(statuses.get("areas") or {}),
        overall=Rag(statuses.get("overall", Rag.NONE.value)),
        overall_derived=Rag(statuses.get("overall_derived", Rag.NONE.value)),
    )
