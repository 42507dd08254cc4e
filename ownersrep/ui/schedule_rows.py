"""The rows of the Schedule tab, put together from what the services return: the
compared baseline merged in, and the rows of a reschedule patched from its dates."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from ownersrep.services.baseline_types import BaselineDates
from ownersrep.services.schedule_dates import ScheduledDates
from ownersrep.services.task_tree import TaskRow


def with_baseline(rows: Iterable[TaskRow], dates: Mapping[int, BaselineDates]) -> list[TaskRow]:
    """The rows with the compared baseline's dates and finish variance filled in."""
    if not dates:
        return list(rows)
    out = []
    for r in rows:
        b = dates.get(r.id)
        out.append(
            r
            if b is None
            else replace(
                r,
                baseline_start=b.start,
                baseline_finish=b.finish,
                finish_variance_days=b.finish_variance_days,
            )
        )
    return out


def rescheduled_rows(
    shown: Callable[[int], TaskRow | None], dates: Mapping[int, ScheduledDates]
) -> list[TaskRow]:
    """The shown rows (`shown(id)`) with the dates a reschedule gave them."""
    out = []
    for tid, d in dates.items():
        r = shown(tid)
        if r is None:
            continue
        # Spelled out rather than dataclasses.replace, which costs several times more
        # and runs for every moved task of a drag (thousands).
        out.append(
            TaskRow(
                r.id,
                r.project_id,
                r.parent_id,
                r.sort_order,
                r.wbs,
                r.depth,
                r.name,
                r.kind,
                d.start,
                r.duration_days if d.duration_days is None else d.duration_days,
                d.finish,
                r.percent_complete,
                r.responsible_id,
                r.responsible_name,
                r.predecessors,
                r.has_children,
                d.total_float_days,
                d.free_float_days,
                d.critical,
                r.constraint_type,
                r.constraint_date,
                r.deadline,
                r.actual_start,
                r.actual_finish,
                r.manual,
                r.baseline_start,
                r.baseline_finish,
                r.finish_variance_days,
            )
        )
    return out
