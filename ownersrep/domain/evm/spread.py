"""Planned value from the baseline, earned value from percent complete.

Each task's budget is spread evenly over the working days of its baseline, to the cent:
the rounding remainder lands on the last working day, so the days always add up to the
budget exactly. PV at a date is the sum of every day up to and including that date (the
end of that day's planned work).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ownersrep.domain.money import CENT

IsWorking = Callable[[date], bool]
PvCurve = list[tuple[date, Decimal]]

ZERO = Decimal("0.00")
_ONE_DAY = timedelta(days=1)
_HUNDRED = Decimal(100)


def cents(amount: Decimal | int) -> Decimal:
    """An amount rounded half-up to the cent (the one rounding rule for money here).

    A float is refused: it has already lost the exact amount."""
    if isinstance(amount, float):
        raise TypeError(f"money must be a Decimal or an int, not the float {amount!r}")
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class TaskBudget:
    """What earned value needs to know about one task.

    percent_complete runs 0–100 (an int or a Decimal; a float is taken by its text).
    A task without baseline dates was never planned: it adds nothing to PV, but its
    budget still counts in BAC and its progress in EV.
    """

    budget: Decimal
    baseline_start: date | None
    baseline_finish: date | None
    percent_complete: Decimal | int = 0
    actual_cost: Decimal | None = None

    def __post_init__(self) -> None:
        pct = self.percent_complete
        pct = Decimal(str(pct)) if isinstance(pct, float) else Decimal(pct)
        if not 0 <= pct <= _HUNDRED:
            raise ValueError(f"percent complete must be between 0 and 100, not {pct}")
        object.__setattr__(self, "percent_complete", pct)

    @property
    def earned(self) -> Decimal:
        """This task's EV, to the cent: budget × percent complete."""
        return cents(self.budget * Decimal(self.percent_complete) / _HUNDRED)


def working_days(start: date, finish: date, is_working: IsWorking) -> list[date]:
    """The working days from `start` to `finish`, both included (none if reversed)."""
    days = []
    day = start
    while day <= finish:
        if is_working(day):
            days.append(day)
        day += _ONE_DAY
    return days


def _split(amount: Decimal, days: int) -> tuple[Decimal, Decimal]:
    """(each day but the last, the last day) for `amount` over `days` working days."""
    per_day = (amount / days).quantize(CENT, rounding=ROUND_DOWN)
    return per_day, amount - per_day * (days - 1)


def spread_budget(
    budget: Decimal, start: date, finish: date, is_working: IsWorking
) -> dict[date, Decimal]:
    """A task's budget by working day, evenly, in cents; the days add up to the budget.

    The budget is first rounded to the cent. Each day gets budget ÷ days cut down to the
    cent, and the last working day gets what is left (at most days − 1 cents more).
    A task with no working day (a milestone, a weekend-only span, or a finish before the
    start) puts the whole budget on its finish.

    Example: 100.00 over Mon–Wed → 33.33, 33.33, 33.34.
    """
    amount = cents(budget)
    days = working_days(start, finish, is_working)
    if not days:
        return {finish: amount}
    per_day, last = _split(amount, len(days))
    spread = dict.fromkeys(days[:-1], per_day)
    spread[days[-1]] = last
    return spread


def _remembering(is_working: IsWorking) -> IsWorking:
    """The same answers, each day asked of the (possibly slow) calendar once."""
    known: dict[date, bool] = {}

    def working(day: date) -> bool:
        answer = known.get(day)
        if answer is None:
            answer = known[day] = is_working(day)
        return answer

    return working


def planned_value_curve(tasks: Iterable[TaskBudget], is_working: IsWorking) -> PvCurve:
    """Cumulative PV by day: (day, PV at the end of that day), ascending, one entry per
    day on which some budget is planned. Tasks without baseline dates are left out."""
    working = _remembering(is_working)
    by_day: defaultdict[date, Decimal] = defaultdict(lambda: ZERO)
    for task in tasks:
        if task.baseline_start is None or task.baseline_finish is None:
            continue
        spread = spread_budget(task.budget, task.baseline_start, task.baseline_finish, working)
        for day, amount in spread.items():
            by_day[day] += amount
    curve: PvCurve = []
    total = ZERO
    for day in sorted(by_day):
        total += by_day[day]
        curve.append((day, total))
    return curve


def planned_value(tasks: Iterable[TaskBudget], as_of: date, is_working: IsWorking) -> Decimal:
    """PV at the end of `as_of`, equal to pv_at(planned_value_curve(...), as_of) but
    without building the curve: finished tasks count whole, future ones not at all, and
    only the days of tasks under way are counted (what a dashboard of many projects needs).
    """
    working = _remembering(is_working)
    spans: dict[tuple[date, date], list[date]] = {}
    total = ZERO
    for task in tasks:
        start, finish = task.baseline_start, task.baseline_finish
        if start is None or finish is None or (start > as_of and finish > as_of):
            continue
        amount = cents(task.budget)
        if finish <= as_of:
            total += amount
            continue
        days = spans.get((start, finish))
        if days is None:
            days = spans[(start, finish)] = working_days(start, finish, working)
        done = bisect_right(days, as_of)
        # done == 0: no working day yet, or none at all (then it all sits on the finish).
        if done:
            per_day, last = _split(amount, len(days))
            total += last + per_day * (done - 1) if done == len(days) else per_day * done
    return total


def pv_at(curve: PvCurve, day: date) -> Decimal:
    """PV at the end of `day`: 0.00 before the curve starts, its last value after it ends."""
    index = bisect_right(curve, day, key=lambda point: point[0])
    return curve[index - 1][1] if index else ZERO


def budget_at_completion(tasks: Iterable[TaskBudget]) -> Decimal:
    """BAC: the sum of the task budgets."""
    return cents(sum((task.budget for task in tasks), ZERO))


def earned_value(tasks: Iterable[TaskBudget]) -> Decimal:
    """EV: Σ budget × percent complete, summed exactly and rounded once to the cent.

    Example: 10,000 at 50 % + 3,333.33 at 33 % → 5,000 + 1,099.9989 = 6,100.00."""
    exact = sum((task.budget * task.percent_complete for task in tasks), Decimal(0))
    return cents(exact / _HUNDRED)


def actual_cost(tasks: Iterable[TaskBudget]) -> Decimal | None:
    """Σ of the actual costs given per task; None when no task has one (then AC comes
    from elsewhere, usually the certified pay applications)."""
    given = [task.actual_cost for task in tasks if task.actual_cost is not None]
    return cents(sum(given, ZERO)) if given else None
