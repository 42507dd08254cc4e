"""Sampling PV, EV and AC onto one set of dates, for plotting an S-curve.

PV is a daily curve from the baseline (see spread.planned_value_curve). EV and AC are
points known only on the dates they were measured (period snapshots and the status date).
The samples are the period ends (Sundays, or month ends) from the first date to the last,
plus the first date and the last measured EV and AC dates, so the latest figures are
shown where they were measured and not moved to the end of their period.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from ownersrep.domain.evm.spread import PvCurve, pv_at

Points = list[tuple[date, Decimal]]

_SUNDAY = 6
_HALF_YEAR_DAYS = 183


class Step(StrEnum):
    WEEK = "week"
    MONTH = "month"


def period_end(day: date, step: Step) -> date:
    """The last day of the week (Sunday) or month that holds `day`."""
    if step is Step.WEEK:
        return day + timedelta(days=_SUNDAY - day.weekday())
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_ends(first: date, last: date, step: Step) -> list[date]:
    """Every period end from the period holding `first` to the one holding `last`."""
    ends = []
    end = period_end(first, step)
    stop = period_end(last, step)
    while end <= stop:
        ends.append(end)
        end = period_end(end + timedelta(days=1), step)
    return ends


def choose_step(first: date, last: date) -> Step:
    """Weeks for spans up to about six months, months beyond."""
    return Step.WEEK if (last - first).days < _HALF_YEAR_DAYS else Step.MONTH


@dataclass(frozen=True, slots=True)
class SCurve:
    """Aligned series: pv[i], ev[i] and ac[i] are the cumulative figures at dates[i].

    EV and AC are None before their first and after their last measured point (a gap in
    the line, not a zero)."""

    dates: tuple[date, ...] = ()
    pv: tuple[Decimal, ...] = ()
    ev: tuple[Decimal | None, ...] = ()
    ac: tuple[Decimal | None, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.dates


def _value_at(points: Points, day: date) -> Decimal | None:
    if not points or day > points[-1][0]:
        return None
    index = bisect_right(points, day, key=lambda point: point[0])
    return points[index - 1][1] if index else None


def s_curve(
    pv_curve: PvCurve,
    ev_points: Iterable[tuple[date, Decimal]],
    ac_points: Iterable[tuple[date, Decimal]],
    step: Step,
) -> SCurve:
    """Sample the three series on the same dates (see the module text for which)."""
    ev = sorted(ev_points, key=lambda point: point[0])
    ac = sorted(ac_points, key=lambda point: point[0])
    series = [s for s in (pv_curve, ev, ac) if s]
    if not series:
        return SCurve()
    first = min(s[0][0] for s in series)
    last = max(s[-1][0] for s in series)
    samples = {first, *period_ends(first, last, step)}
    samples.update(s[-1][0] for s in (ev, ac) if s)
    dates = tuple(sorted(samples))
    return SCurve(
        dates=dates,
        pv=tuple(pv_at(pv_curve, day) for day in dates),
        ev=tuple(_value_at(ev, day) for day in dates),
        ac=tuple(_value_at(ac, day) for day in dates),
    )
