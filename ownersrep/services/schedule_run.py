"""Run the engine over a stored project and write back what it changed.

Called inside the transaction of every schedule edit, so the edit and the dates it
causes commit together (or not at all). Only rows whose computed values changed are
written: a drag that moves one task and its few successors writes those, not the whole
project. Date changes are audited like any update; float and the critical flag are the
engine's arithmetic and are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from ownersrep.db.audit import audit_core_rows, audit_text
from ownersrep.db.models import Project, Task, TaskLink
from ownersrep.domain.enums import TaskKind
from ownersrep.domain.scheduling.cpm import schedule
from ownersrep.domain.scheduling.days import day_of_finish, day_of_start
from ownersrep.domain.scheduling.drivers import driving_links
from ownersrep.domain.scheduling.model import ScheduleResult
from ownersrep.services.schedule_input import LoadedSchedule, load_schedule

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


def reschedule(s: Session, project_id: int, today: date) -> Rescheduled:
    """Schedule the project as stored in `s` and write back the differences."""
    s.flush()
    loaded = load_schedule(s, project_id, today)
    if not loaded.project.tasks:
        _stamp(s, project_id)
        return Rescheduled(loaded, None, frozenset())
    result = schedule(loaded.project)
    changed = _write_tasks(s, loaded, result)
    _write_links(s, loaded, result)
    _stamp(s, project_id)
    return Rescheduled(loaded, result, frozenset(changed))


def _write_tasks(s: Session, loaded: LoadedSchedule, result: ScheduleResult) -> list[int]:
    updates: list[dict[str, object]] = []
    audit: list[tuple[int, str | None, str | None, str | None]] = []
    stored = loaded.stored
    days = _days(loaded, result)
    for tid, d in result.dates.items():
        old = stored[tid]
        start, finish = days[tid]
        if (
            start == old.start
            and finish == old.finish
            and d.total_float == old.total_float
            and d.free_float == old.free_float
            and d.critical == old.critical
        ):
            continue
        updates.append(
            {
                "b_id": tid,
                "b_start": start,
                "b_finish": finish,
                "b_tf": d.total_float,
                "b_ff": d.free_float,
                "b_crit": d.critical,
            }
        )
        if start != old.start:
            audit.append((tid, "start", audit_text(old.start), audit_text(start)))
        if finish != old.finish:
            audit.append((tid, "finish", audit_text(old.finish), audit_text(finish)))
    if updates:
        s.execute(_TASK_UPDATE, updates)
        audit_core_rows(s, "task", "update", audit)
    return [u["b_id"] for u in updates]  # type: ignore[misc]


def _days(loaded: LoadedSchedule, result: ScheduleResult) -> dict[int, tuple[date, date]]:
    """Start and finish day of every task. A summary spans its children's days (rolled
    up here rather than taken from the engine's summary instants: a milestone reached at
    the end of one day and shown at the start of the next must stay inside its summary)."""
    days: dict[int, tuple[date, date]] = {}
    stored, manual = loaded.stored, loaded.manual
    summaries: list[int] = []
    parent_of: dict[int, int | None] = {}
    for t in loaded.project.tasks:
        parent_of[t.id] = t.parent_id
        d = result.dates[t.id]
        if t.id in manual and stored[t.id].start and stored[t.id].finish:
            days[t.id] = (stored[t.id].start, stored[t.id].finish)  # type: ignore[assignment]
            continue
        start = day_of_start(d.early_start)
        finish = max(day_of_finish(d.early_finish, d.early_start), start)
        days[t.id] = (start, finish)
        if t.kind is TaskKind.SUMMARY:
            summaries.append(t.id)
    if summaries:
        spans: dict[int, tuple[date, date]] = {}
        rolled = set(summaries)
        for tid, (start, finish) in days.items():
            if tid in rolled:
                continue
            node = parent_of.get(tid)
            while node is not None:
                lo, hi = spans.get(node, (start, finish))
                spans[node] = (min(lo, start), max(hi, finish))
                node = parent_of.get(node)
        days.update(spans)
    return days


def _write_links(s: Session, loaded: LoadedSchedule, result: ScheduleResult) -> None:
    driving = driving_links(loaded.project, result)
    flips = [
        {"b_id": link_id, "b_driving": now}
        for link, (link_id, was) in zip(loaded.project.links, loaded.link_state, strict=True)
        if (now := (link.predecessor, link.successor) in driving) != was
    ]
    if flips:
        s.execute(_LINK_UPDATE, flips)


def _stamp(s: Session, project_id: int) -> None:
    s.execute(
        update(Project.__table__)
        .where(Project.__table__.c.id == project_id)
        .values(scheduled_at=datetime.now().replace(microsecond=0))
    )
