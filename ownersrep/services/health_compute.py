"""Earned value, KPIs and RAG statuses of one project from its facts (health_facts):
plain computation, shared by the EVM, health and dashboard services so that a figure is
the same wherever it is shown.

Budgets onto tasks: each cost line's revised budget is spread over the leaf tasks under
its WBS element (the whole project's leaves when it names none), in proportion to each
leaf's working days, to the cent (largest remainder, so the parts add up to the line).
A leaf's working days are counted over the dates PV uses (the compared baseline's, else
the current ones), else taken from its duration; a milestone has none. When no leaf has
a working day, the line is shared equally. Budget with no leaf to land on (a project
without tasks) still counts in BAC, but never in PV or EV.

Example: a line of 10,000.00 on a summary over a 10-day task and a 5-day task puts
6,666.67 on the first and 3,333.33 on the second.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.evm import EacMethod, EvmFigures, IsWorking, TaskBudget, figures_as_of
from ownersrep.domain.evm.spread import working_days
from ownersrep.domain.health.kpis import MilestoneFacts, ProjectKpis, build_kpis
from ownersrep.domain.health.rag import Area, AreaStatus, assess, overall
from ownersrep.domain.health.thresholds import Thresholds
from ownersrep.domain.scheduling.days import day_of_finish
from ownersrep.services.health_facts import ProjectFacts, TaskFacts
from ownersrep.services.health_types import OverrideDTO, ProjectHealth

_MILESTONE = TaskKind.MILESTONE.value
_ONE_DAY = timedelta(days=1)
_DONE = 100


def share(minor: int, weights: list[int]) -> list[int]:
    """Split `minor` cents over integer weights, largest remainder first (the first on a
    tie); equal shares when the weights add up to zero. Negative amounts split as their
    opposite does."""
    if not weights:
        return []
    if minor < 0:
        return [-part for part in share(-minor, weights)]
    whole = sum(weights)
    if whole <= 0:
        weights, whole = [1] * len(weights), len(weights)
    parts = [minor * w // whole for w in weights]
    left = minor - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(minor * weights[i] % whole), i))
    for i in by_remainder[:left]:
        parts[i] += 1
    return parts


def _pv_span(p: ProjectFacts, task: TaskFacts) -> tuple[date | None, date | None]:
    if p.has_baseline:
        return (task.base_start, task.base_finish) if task.in_baseline else (None, None)
    return task.start, task.finish


class _Leaves:
    """The leaf tasks under each task, and each leaf's weight (working days)."""

    def __init__(self, p: ProjectFacts) -> None:
        self._p = p
        self.by_id = {t.id: t for t in p.tasks}
        self._children: dict[int, list[int]] = {}
        for t in p.tasks:
            if t.parent_id is not None:
                self._children.setdefault(t.parent_id, []).append(t.id)
        self.all = [t.id for t in p.tasks if t.id not in self._children]
        self._under: dict[int, list[int]] = {}
        spans = {tid: self._span(self.by_id[tid]) for tid in self.all}
        # A calendar that is only a working week counts a span by arithmetic.
        between = getattr(p.is_working, "between", None)
        if between is None:
            between = _WorkingDays(
                p.is_working, [s for s in spans.values() if s is not None]
            ).between
        self.weight = {
            tid: between(*span) if span is not None else self._no_span(self.by_id[tid])
            for tid, span in spans.items()
        }

    def under(self, task_id: int | None) -> list[int]:
        if task_id is None or task_id not in self.by_id:
            return self.all
        found = self._under.get(task_id)
        if found is None:
            found, stack = [], [task_id]
            while stack:
                tid = stack.pop()
                kids = self._children.get(tid)
                if kids:
                    stack.extend(reversed(kids))
                else:
                    found.append(tid)
            self._under[task_id] = found
        return found

    def _span(self, task: TaskFacts) -> tuple[date, date] | None:
        """The dates a leaf's working days are counted over (None: none to count)."""
        if task.kind == _MILESTONE:
            return None
        start, finish = _pv_span(self._p, task)
        if start is None or finish is None:
            start, finish = task.start, task.finish
        return None if start is None or finish is None else (start, finish)

    @staticmethod
    def _no_span(task: TaskFacts) -> int:
        return 0 if task.kind == _MILESTONE else max(task.duration_days, 0)


class _WorkingDays:
    """Working days between two dates by a running count over the days the spans cover,
    each day asked of the calendar once (a project's leaves share most of their days)."""

    _LONGEST = 366 * 30  # beyond this, count span by span (a stray date far away)

    def __init__(self, is_working: IsWorking, spans: list[tuple[date, date]]) -> None:
        self._is_working = is_working
        self._first = 0
        self._running: list[int] = []
        spans = [(s, f) for s, f in spans if s <= f]
        if not spans:
            return
        first = min(s for s, _f in spans)
        last = max(f for _s, f in spans)
        if (last - first).days > self._LONGEST:
            return
        self._first = first.toordinal()
        running, count, day = [0], 0, first
        while day <= last:
            count += bool(is_working(day))
            running.append(count)
            day += _ONE_DAY
        self._running = running

    def between(self, start: date, finish: date) -> int:
        """Working days from `start` to `finish`, both included (0 if reversed)."""
        if finish < start:
            return 0
        if not self._running:
            return len(working_days(start, finish, self._is_working))
        return (
            self._running[finish.toordinal() - self._first + 1]
            - self._running[start.toordinal() - self._first]
        )


def task_budgets(p: ProjectFacts) -> list[TaskBudget]:
    """The project's budget on its leaf tasks (see the module text), in task order."""
    leaves = _Leaves(p)
    minor: dict[int, int] = {}
    unplaced = 0
    for line in p.lines:
        amount = int(line.revised * 100)
        targets = leaves.under(line.task_id)
        if not targets:
            unplaced += amount
            continue
        for tid, part in zip(
            targets, share(amount, [leaves.weight[t] for t in targets]), strict=True
        ):
            minor[tid] = minor.get(tid, 0) + part
    budgets = []
    for tid in leaves.all:
        if not minor.get(tid):
            continue  # no budget of its own (a milestone, say): nothing to plan or earn
        task = leaves.by_id[tid]
        start, finish = _pv_span(p, task)
        budgets.append(
            TaskBudget(
                Decimal(minor[tid]).scaleb(-2), start, finish, min(max(task.percent, 0), 100)
            )
        )
    if unplaced:
        budgets.append(TaskBudget(Decimal(unplaced).scaleb(-2), None, None, 0))
    return budgets


def evm_of(
    p: ProjectFacts,
    method: EacMethod = EacMethod.CPI,
    bottom_up_etc: Decimal | None = None,
    budgets: list[TaskBudget] | None = None,
) -> EvmFigures | None:
    """The project's figures at its status date; None when it has no cost budget."""
    if not p.lines or not any(line.revised for line in p.lines):
        return None
    tasks = task_budgets(p) if budgets is None else budgets
    return figures_as_of(
        tasks, p.as_of, p.is_working, p.ac, method=method, bottom_up_etc=bottom_up_etc
    )


def _milestones(p: ProjectFacts) -> Iterable[MilestoneFacts]:
    for t in p.tasks:
        if t.kind != _MILESTONE:
            continue
        due = t.base_finish if p.has_baseline and t.in_baseline else None
        if due is None and t.deadline is not None:
            due = t.deadline.date()
        if due is None:
            continue  # no date it was promised for
        finished = None
        if t.percent >= _DONE:
            finished = day_of_finish(t.actual_finish) if t.actual_finish else t.finish
        yield MilestoneFacts(due, finished)


def kpis_of(p: ProjectFacts, evm: EvmFigures | None) -> ProjectKpis:
    """Every KPI at the status date. The baseline finish is the compared baseline's
    latest finish, or the project's planned finish when no baseline is compared."""
    if p.has_baseline:
        saved = [t.base_finish for t in p.tasks if t.base_finish is not None]
        baseline_finish = max(saved) if saved else None
    else:
        baseline_finish = p.planned_finish
    current = [t.finish for t in p.tasks if t.finish is not None]
    return build_kpis(
        today=p.as_of,
        evm=evm,
        baseline_finish=baseline_finish,
        forecast_finish=max(current) if current else None,
        milestones=_milestones(p),
        contingency_budget=p.contingency_budget,
        contingency_drawn=p.contingency_drawn,
        issues=p.issues,
        risks=p.risks,
    )


def next_milestone(p: ProjectFacts) -> tuple[str, date] | None:
    """The unfinished milestone due first (by its current date), if any."""
    pending = [
        (t.finish, t.id, t.name)
        for t in p.tasks
        if t.kind == _MILESTONE and t.percent < _DONE and t.finish is not None
    ]
    if not pending:
        return None
    finish, _tid, name = min(pending)
    return name, finish


def health_of(
    p: ProjectFacts,
    evm: EvmFigures | None,
    thresholds: Thresholds,
    overrides: Mapping[Area, OverrideDTO],
    kpis: ProjectKpis | None = None,
) -> ProjectHealth:
    """KPIs, each area's derived status beside the rep's override, and overall."""
    kpis = kpis_of(p, evm) if kpis is None else kpis
    areas, reasons = [], []
    for area in Area:
        judged = assess(area, kpis, thresholds)
        derived = overall(r.rag for r in judged)
        given = overrides.get(area)
        if given is None:
            areas.append(AreaStatus(area, derived))
        else:
            areas.append(AreaStatus(area, derived, given.rag, given.commentary))
        reasons.append(judged)
    return ProjectHealth(
        project_id=p.project_id,
        as_of=p.as_of,
        kpis=kpis,
        evm=evm,
        areas=tuple(areas),
        overall=overall(a.shown for a in areas),
        overall_derived=overall(a.derived for a in areas),
        reasons=tuple(reasons),
        overrides=tuple(overrides[a] for a in Area if a in overrides),
    )


__all__ = [
    "evm_of",
    "health_of",
    "kpis_of",
    "next_milestone",
    "share",
    "task_budgets",
]
