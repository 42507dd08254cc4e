"""Run the engine over a stored project and write back what it changed.

Called inside the transaction of every schedule edit, so the edit and the dates it
causes commit together (or not at all). Only rows whose computed values changed are
written: a drag that moves one task and its few successors writes those, not the whole
project. The run is audited in one line (the project's finish and how many tasks
moved): the edit that caused it is audited field by field, and the dates follow from it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from operator import itemgetter

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from ownersrep.db.audit import audit_core_rows, audit_text
from ownersrep.db.bulk import execute_many
from ownersrep.db.models import Project, Task, TaskLink
from ownersrep.domain.enums import TaskKind
from ownersrep.domain.scheduling.cpm import schedule_with
from ownersrep.domain.scheduling.days import day_of_finish
from ownersrep.domain.scheduling.drivers import driving_links
from ownersrep.domain.scheduling.model import Convention, ScheduleResult
from ownersrep.services.schedule_input import (
    LoadedSchedule,
    StoredResult,
    load_schedule,
    patch_schedule,
)
from ownersrep.services.schedule_memo import Memo, ScheduleMemo

_TASK_UPDATE = (
    update(Task.__table__)
    .where(Task.__table__.c.id == bindparam("b_id"))
    .values(
        start=bindparam("b_start"),
        finish=bindparam("b_finish"),
        total_float=bindparam("b_tf"),
        free_float=bindparam("b_ff"),
        critical=bindparam("b_crit"),
    )
)
_TASK_PARAMS = ("b_start", "b_finish", "b_tf", "b_ff", "b_crit", "b_id")
_FINISH = itemgetter(1)  # of a StoredResult
_LINK_UPDATE = (
    update(TaskLink.__table__)
    .where(TaskLink.__table__.c.id == bindparam("b_id"))
    .values(driving=bindparam("b_driving"))
)


@dataclass(frozen=True)
class Rescheduled:
    loaded: LoadedSchedule
    result: ScheduleResult | None  # None for a project without tasks
    changed: frozenset[int]  # tasks whose dates, float or critical flag changed


def reschedule(
    s: Session,
    project_id: int,
    today: date,
    memo: ScheduleMemo | None = None,
    touched: Collection[int] | None = None,
) -> Rescheduled:
    """Schedule the project as stored in `s` and write back the differences.

    With a `memo` the run is kept for the next edit; when the edit changed only the own
    fields of the `touched` tasks, the memo's input is patched with those rows instead
    of reading the whole project again."""
    s.flush()
    before = memo.get(project_id) if memo is not None else None
    loaded = None
    if before is not None and touched:
        loaded = patch_schedule(s, before.loaded, touched)
    if loaded is None:
        before = None
        loaded = load_schedule(s, project_id, today)
    if not loaded.project.tasks:
        _stamp(s, project_id)
        return Rescheduled(loaded, None, frozenset())
    result, network = schedule_with(loaded.project, before.network if before is not None else None)
    stored = _write_tasks(s, loaded, result)
    only = None
    if before is not None and loaded.project.convention is Convention.MS_PROJECT:
        only = {*_moved(before.result, result), *(touched or ())}
    link_state = _write_links(s, loaded, result, only)
    _stamp(s, project_id)
    if memo is not None:
        memo.stage(s, Memo(replace(loaded, stored=stored, link_state=link_state), result, network))
    changed = frozenset(i for i, v in stored.items() if v is not loaded.stored[i])
    return Rescheduled(loaded, result, changed)


def _moved(before: ScheduleResult, after: ScheduleResult) -> list[int]:
    """Tasks whose early dates differ between two runs."""
    old = before.dates
    return [
        tid
        for tid, d in after.dates.items()
        if (o := old.get(tid)) is None
        or o.early_start != d.early_start
        or o.early_finish != d.early_finish
    ]


def _write_tasks(
    s: Session, loaded: LoadedSchedule, result: ScheduleResult
) -> dict[int, StoredResult]:
    """Write the rows whose computed values changed; returns every task's stored values
    as they now are (an unchanged row keeps its very object)."""
    updates: list[tuple[object, ...]] = []
    moved = 0
    stored = dict(loaded.stored)
    days = _days(loaded, result)
    new_tuple = tuple.__new__  # StoredResult(...) without its Python-level __new__
    for tid, d in result.dates.items():
        old = stored[tid]
        start, finish = days[tid]
        values = (start, finish, d.total_float, d.free_float, d.critical)
        if values == old:
            continue
        stored[tid] = new_tuple(StoredResult, values)
        updates.append((*values, tid))
        if start != old[0] or finish != old[1]:
            moved += 1
    execute_many(s, _TASK_UPDATE, _TASK_PARAMS, updates)
    if moved:
        _audit_run(s, loaded, stored, moved)
    return stored


def _audit_run(
    s: Session, loaded: LoadedSchedule, stored: dict[int, StoredResult], moved: int
) -> None:
    """One audit line per run, not one per moved task: the edit that caused it is
    audited field by field, and the dates follow from it (a drag on a big project would
    otherwise write thousands of lines)."""
    before = max(filter(None, map(_FINISH, loaded.stored.values())), default=None)
    after = max(filter(None, map(_FINISH, stored.values())), default=None)
    audit_core_rows(
        s,
        "project",
        "reschedule",
        [
            (
                loaded.project_id,
                "finish",
                audit_text(before),
                f"{audit_text(after)} ({moved} task{'s' if moved != 1 else ''} moved)",
            )
        ],
    )


def _days(loaded: LoadedSchedule, result: ScheduleResult) -> dict[int, tuple[date, date]]:
    """Start and finish day of every task. A summary spans its children's days (rolled
    up here rather than taken from the engine's summary instants: a milestone reached at
    the end of one day and shown at the start of the next must stay inside its summary)."""
    days: dict[int, tuple[date, date]] = {}
    stored, manual, dates = loaded.stored, loaded.manual, result.dates
    summaries: list[int] = []
    parent_of: dict[int, int | None] = {}
    # Thousands of tasks share a few hundred instants: each is turned into a day once.
    # (`max(day_of_finish(f), start)` is `max(day_of_finish(f, s), start)`: the two
    # differ only for a finish at midnight no later than its start, where both give the
    # start's day.)
    start_day: dict[datetime, date] = {}
    finish_day: dict[datetime, date] = {}
    summary = TaskKind.SUMMARY
    for t in loaded.project.tasks:
        tid = t.id
        parent_of[tid] = t.parent_id
        if tid in manual:
            own = stored[tid]
            if own.start and own.finish:
                days[tid] = (own.start, own.finish)  # type: ignore[assignment]
                continue
        d = dates[tid]
        es, ef = d.early_start, d.early_finish
        start = start_day.get(es)
        if start is None:
            start = start_day[es] = es.date()
        finish = finish_day.get(ef)
        if finish is None:
            finish = finish_day[ef] = day_of_finish(ef)
        days[tid] = (start, finish if finish > start else start)
        if t.kind is summary:
            summaries.append(tid)
    if summaries:
        spans: dict[int, tuple[date, date]] = {}
        rolled = set(summaries)
        for tid, (start, finish) in days.items():
            if tid in rolled:
                continue
            node = parent_of.get(tid)
            while node is not None:
                span = spans.get(node)
                if span is None:
                    spans[node] = (start, finish)
                else:
                    lo, hi = span
                    if start < lo or finish > hi:
                        spans[node] = (start if start < lo else lo, finish if finish > hi else hi)
                node = parent_of.get(node)
        days.update(spans)
    return days


def _write_links(
    s: Session, loaded: LoadedSchedule, result: ScheduleResult, only: set[int] | None
) -> tuple[tuple[int, bool], ...]:
    """Store which links now drive; returns (link id, driving) in the links' order."""
    links, before = loaded.project.links, loaded.link_state
    if len(links) != len(before):
        raise ValueError(f"{len(links)} links but the state of {len(before)}")
    if only is None:
        picked: Iterable[int] = range(len(links))
        driving = driving_links(loaded.project, result)
    else:  # the others keep their state (see `driving_links`)
        picked = [n for n, x in enumerate(links) if x.predecessor in only or x.successor in only]
        driving = driving_links(loaded.project, result, only, [links[n] for n in picked])
    state = list(before)
    flips: list[tuple[bool, int]] = []
    for n in picked:
        link = links[n]
        link_id, was = before[n]
        now = (link.predecessor, link.successor) in driving
        if now != was:
            state[n] = (link_id, now)
            flips.append((now, link_id))
    execute_many(s, _LINK_UPDATE, ("b_driving", "b_id"), flips)
    return tuple(state)


def _stamp(s: Session, project_id: int) -> None:
    s.execute(
        update(Project.__table__)
        .where(Project.__table__.c.id == project_id)
        .values(scheduled_at=datetime.now().replace(microsecond=0))
    )
