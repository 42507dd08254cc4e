"""The schedule section: milestones against the compared baseline, contract against
forecast completion, the summary-level Gantt lines, the critical path and the
look-ahead.

- Baseline dates are the compared baseline's (the health facts read them); without a
  compared baseline there are none, and the contract completion is the project's
  planned finish.
- Variances are in working days of the project's default calendar, positive = late.
- The Gantt holds the summaries of outline levels 1 and 2 (depth 0 and 1) and every
  milestone, in WBS order.
- The critical path lists the critical leaf tasks not finished, by start; the look-ahead
  the leaf tasks not finished that start or finish from the status date to the status
  date + the chosen weeks (both days included).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from ownersrep.db.bulk import read_all
from ownersrep.db.models import Baseline
from ownersrep.domain.enums import TaskKind
from ownersrep.domain.evm import IsWorking
from ownersrep.services.baseline_service import compared_baseline_id
from ownersrep.services.report_inputs import ProjectInputs
from ownersrep.services.report_types import GanttLine, MilestoneLine, Schedule, TaskLine
from ownersrep.services.schedule_calendar import default_minutes_per_day
from ownersrep.services.task_queries import rows_query
from ownersrep.services.task_rows import TaskRow
from ownersrep.services.task_tree import build_rows

GANTT_MAX_DEPTH = 1  # outline levels 1 and 2
_DONE = 100
_ONE_DAY = timedelta(days=1)


def working_days_late(
    baseline: date | None, current: date | None, is_working: IsWorking
) -> int | None:
    """Working days from `baseline` to `current` (negative when earlier): the working
    days after the earlier date up to and including the later one."""
    if baseline is None or current is None:
        return None
    if baseline == current:
        return 0
    first, last = sorted((baseline, current))
    between = getattr(is_working, "between", None)
    if between is not None:
        count = between(first + _ONE_DAY, last)
    else:
        count, day = 0, first + _ONE_DAY
        while day <= last:
            count += bool(is_working(day))
            day += _ONE_DAY
    return count if current > baseline else -count


def _whole(value: float | None) -> int | None:
    if value is None:
        return None
    return int(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP))


def _finished(row: TaskRow) -> bool:
    return row.percent_complete >= _DONE


def _actual(row: TaskRow) -> date | None:
    if row.actual_finish is not None:
        return row.actual_finish
    return row.finish if _finished(row) else None


def _task_line(row: TaskRow) -> TaskLine:
    return TaskLine(
        wbs=row.wbs,
        name=row.name,
        start=row.start,
        finish=row.finish,
        duration_days=row.duration_days,
        total_float_days=_whole(row.total_float_days),
        percent_complete=Decimal(row.percent_complete),
        responsible=row.responsible_name,
        critical=row.critical,
    )


def _critical_below(rows: list[TaskRow]) -> set[int]:
    """Summaries with a critical leaf task below them."""
    parent = {r.id: r.parent_id for r in rows}
    found: set[int] = set()
    for r in rows:
        if r.has_children or not r.critical:
            continue
        up = r.parent_id
        while up is not None and up not in found:
            found.add(up)
            up = parent.get(up)
    return found


def _by_start(rows: Iterable[TaskRow]) -> list[TaskRow]:
    return sorted(rows, key=lambda r: (r.start is None, r.start or date.min, r.finish or date.min))


def schedule_of(inp: ProjectInputs, look_ahead_weeks: int) -> Schedule:
    s, pid, facts = inp.s, inp.project_id, inp.facts
    # WBS order, summaries rolled up (as the task table reads them, without the links).
    rows = build_rows(pid, read_all(s, rows_query(pid)), (), ..., default_minutes_per_day(s, pid))
    base = {t.id: (t.base_start, t.base_finish) for t in facts.tasks if t.in_baseline}
    baseline_name = ""
    if facts.has_baseline:
        bid = compared_baseline_id(s, pid)
        if bid is not None:
            baseline_name = s.scalar(select(Baseline.name).where(Baseline.id == bid)) or ""
    working = facts.is_working

    milestones = []
    for r in rows:
        if r.kind is not TaskKind.MILESTONE:
            continue
        b_finish = base.get(r.id, (None, None))[1]
        actual = _actual(r)
        forecast = None if _finished(r) else r.finish
        milestones.append(
            MilestoneLine(
                r.wbs, r.name, b_finish, forecast, actual,
                working_days_late(b_finish, actual or forecast, working),
            )
        )  # fmt: skip

    if facts.has_baseline:
        saved = [f for _s, f in base.values() if f is not None]
        contract = max(saved) if saved else None
    else:
        contract = inp.head.planned_finish
    finishes = [r.finish for r in rows if r.finish is not None]
    forecast_completion = max(finishes) if finishes else None

    critical_summaries = _critical_below(rows)
    gantt = tuple(
        GanttLine(
            wbs=r.wbs,
            name=r.name,
            level=r.depth,
            start=r.start,
            finish=r.finish,
            baseline_start=base.get(r.id, (None, None))[0],
            baseline_finish=base.get(r.id, (None, None))[1],
            percent_complete=Decimal(r.percent_complete),
            is_summary=r.has_children,
            is_milestone=r.kind is TaskKind.MILESTONE,
            critical=r.id in critical_summaries if r.has_children else r.critical,
        )
        for r in rows
        if (r.has_children and r.depth <= GANTT_MAX_DEPTH) or r.kind is TaskKind.MILESTONE
    )

    leaves = [r for r in rows if not r.has_children and not _finished(r)]
    critical = _by_start(r for r in leaves if r.critical)
    as_of = inp.as_of
    until = as_of + timedelta(weeks=look_ahead_weeks)

    def soon(day: date | None) -> bool:
        return day is not None and as_of <= day <= until

    ahead = _by_start(r for r in leaves if soon(r.start) or soon(r.finish))
    return Schedule(
        status_date=inp.head.status_date,
        baseline_name=baseline_name,
        contract_completion=contract,
        forecast_completion=forecast_completion,
        completion_variance_days=working_days_late(contract, forecast_completion, working),
        milestones=tuple(milestones),
        gantt=gantt,
        critical_path=tuple(_task_line(r) for r in critical),
        look_ahead_weeks=look_ahead_weeks,
        look_ahead=tuple(_task_line(r) for r in ahead),
    )
