"""The KPI table: every KPI of the project (ProjectKpis, in its order) with its value
this period, its thresholds in words, its RAG and its values in up to six closed periods
before this one.

This period's values are the period's closed snapshot when there is one, else the live
figures at the status date. KPIs without thresholds (VAC, contingency used, open issues)
are reported but not judged (rag None). Values: indices "0.96", money with the currency,
days "3 d", percentages "12.5 %", counts "4"; "No data" when there is none.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from ownersrep.domain.health.kpis import ProjectKpis
from ownersrep.domain.health.rag import AREA_MEASURES, Area, judge
from ownersrep.domain.health.thresholds import MEASURE_BY_KEY, Band
from ownersrep.domain.money import format_money
from ownersrep.services.report_inputs import ProjectInputs
from ownersrep.services.report_types import KpiLine, Kpis

TREND_PERIODS = 6
NO_DATA = "No data"

# KPIs with no threshold: label and area.
_UNJUDGED = {
    "vac": ("VAC", Area.COST),
    "contingency_used_percent": ("Contingency used", Area.COST),
    "open_issues": ("Open issues", Area.ISSUES),
}
_AREA_OF = {key: area for area, keys in AREA_MEASURES.items() for key in keys}
_INDICES = {"spi", "cpi"}
_DAYS = {"finish_variance_days", "average_issue_age_days"}
_PERCENTS = {"vac_percent", "contingency_used_percent"}


def _number(value: Decimal | int) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def format_kpi(key: str, value: Decimal | int | None, currency: str) -> str:
    if value is None:
        return NO_DATA
    if key in _INDICES:
        return _number(Decimal(value).quantize(Decimal("0.01")))
    if key == "vac":
        return format_money(Decimal(value), currency)
    if key in _DAYS:
        return f"{_number(value)} d"
    if key in _PERCENTS:
        return f"{_number(value)} %"
    return _number(value)


def _bound(key: str, value: Decimal) -> str:
    if key in _INDICES:
        return _number(value.quantize(Decimal("0.01")))
    text = _number(value.normalize() if value == value.to_integral_value() else value)
    if key in _DAYS:
        return f"{text} d"
    if key in _PERCENTS:
        return f"{text} %"
    return text


def thresholds_text(key: str, band: Band) -> str:
    """ "green ≥ 0.95 · red < 0.85" (higher is better) or "green ≤ 0 · red > 2"."""
    measure = MEASURE_BY_KEY[key]
    green, amber = _bound(key, band.green), _bound(key, band.amber)
    if measure.higher_is_better:
        return f"green ≥ {green} · red < {amber}"
    return f"green ≤ {green} · red > {amber}"


def kpis_of(inp: ProjectInputs) -> Kpis:
    closed = inp.this_snapshot
    now: ProjectKpis = closed.kpis if closed is not None else inp.health.kpis
    earlier = list(reversed(inp.earlier_snapshots[:TREND_PERIODS]))  # oldest first
    thresholds = inp.shared.thresholds
    currency = inp.head.currency
    lines = []
    for f in fields(ProjectKpis):
        key = f.name
        measure = MEASURE_BY_KEY.get(key)
        value = now.value(key)
        if measure is not None:
            band = thresholds.band(key)
            label, area = measure.label, _AREA_OF[key]
            words, rag = thresholds_text(key, band), judge(measure, value, band)
        else:
            label, area = _UNJUDGED[key]
            words, rag = "not judged", None
        trend = tuple(
            "" if p.kpis.value(key) is None else format_kpi(key, p.kpis.value(key), currency)
            for p in earlier
        )
        lines.append(KpiLine(key, label, area, format_kpi(key, value, currency), words, rag, trend))
    return Kpis(
        periods=tuple(p.period for p in earlier),
        lines=tuple(lines),
        from_snapshot=closed is not None,
    )
