"""The queries the task service runs inside its own sessions (it owns the transactions):
the WBS rows as plain column rows, its shape, its links, a subtree, a level's siblings,
and the look-ups that refuse a missing task or party."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ownersrep.db.bulk import read_all
from ownersrep.db.models import Calendar, Party, Task, TaskLink
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.schedule_calendar import default_minutes_per_day
from ownersrep.services.task_rows import TaskRow
from ownersrep.services.task_tree import build_rows, outline

_ROW_COLUMNS = (
    Task.id,
    Task.parent_id,
    Task.sort_order,
    Task.name,
    Task.kind,
    Task.start,
    Task.duration_days,
    Task.finish,
    Task.percent_complete,
    Task.responsible_id,
    Party.name,
    Task.total_float,
    Task.free_float,
    Task.critical,
    Task.constraint_type,
    Task.constraint_date,
    Task.deadline,
    Task.actual_start,
    Task.actual_finish,
    Task.manual,
    Calendar.minutes_per_day,
)


def by_parent(parent_id: int | None) -> Any:
    return Task.parent_id.is_(None) if parent_id is None else Task.parent_id == parent_id


def rows_query(project_id: int) -> Select[Any]:
    return (
        select(*_ROW_COLUMNS)
        .outerjoin(Party, Party.id == Task.responsible_id)
        .outerjoin(Calendar, Calendar.id == Task.calendar_id)
        .where(Task.project_id == project_id)
        .order_by(Task.parent_id, Task.sort_order, Task.id)
    )


def shape_query(project_id: int) -> Select[Any]:
    """(id, parent_id) in sibling order: what `outline` builds the WBS from."""
    return (
        select(Task.id, Task.parent_id)
        .where(Task.project_id == project_id)
        .order_by(Task.parent_id, Task.sort_order, Task.id)
    )


def links_query(project_id: int) -> Select[Any]:
    return (
        select(
            TaskLink.predecessor_id, TaskLink.successor_id, TaskLink.link_type, TaskLink.lag_days
        )
        .where(TaskLink.project_id == project_id)
        .order_by(TaskLink.id)
    )


def subtree_ids(task_id: int) -> Select[Any]:
    tree = select(Task.id).where(Task.id == task_id).cte("subtree", recursive=True)
    tree = tree.union_all(select(Task.id).where(Task.parent_id == tree.c.id))
    return select(tree.c.id)


def load_siblings(s: Session, project_id: int, parent_id: int | None) -> list[Task]:
    return list(
        s.scalars(
            select(Task)
            .where(Task.project_id == project_id, by_parent(parent_id))
            .order_by(Task.sort_order, Task.id)
        )
    )


def has_any_child(s: Session, task_id: int) -> bool:
    return s.scalar(select(Task.id).where(Task.parent_id == task_id).limit(1)) is not None


def check_party(s: Session, party_id: int | None) -> None:
    if party_id is not None and s.get(Party, party_id) is None:
        raise ValidationError("Responsible", f"there is no party #{party_id}")


def get_task(s: Session, task_id: int) -> Task:
    t = s.get(Task, task_id)
    if t is None:
        raise NotFoundError("task", task_id)
    return t


def read_rows(s: Session, project_id: int, only_parent: Any = ...) -> list[TaskRow]:
    """The project's TaskRows (see `build_rows`; `only_parent`: one level)."""
    # Plain tuples straight off the driver: no ORM or result machinery for a hot list.
    tasks = read_all(s, rows_query(project_id))
    links = read_all(s, links_query(project_id))
    per_day = default_minutes_per_day(s, project_id)
    return build_rows(project_id, tasks, links, only_parent, per_day)


def read_rows_of(s: Session, project_id: int, task_ids: Collection[int]) -> list[TaskRow] | None:
    """These tasks' rows, in tree order, without reading the whole WBS; None when one of
    them has tasks under it (its roll-up needs them: read them all instead)."""
    conn = s.connection()
    shape = outline(conn.execute(shape_query(project_id)))
    if any(shape.children.get(i) for i in task_ids):
        return None
    ids = list(task_ids)
    tasks = conn.execute(rows_query(project_id).where(Task.id.in_(ids))).all()
    links = conn.execute(links_query(project_id).where(TaskLink.successor_id.in_(ids))).all()
    per_day = default_minutes_per_day(s, project_id)
    return build_rows(project_id, tasks, links, ..., per_day, shape)


def count_children(
    s: Session, project_id: int, parent_ids: Sequence[int | None]
) -> dict[int | None, int]:
    """How many children each of these tasks has (None: how many top-level tasks)."""
    counts: dict[int | None, int] = dict.fromkeys(parent_ids, 0)
    ids = [p for p in parent_ids if p is not None]
    if ids:
        rows = s.execute(
            select(Task.parent_id, func.count())
            .where(Task.project_id == project_id, Task.parent_id.in_(ids))
            .group_by(Task.parent_id)
        )
        counts.update({parent: n for parent, n in rows})
    if None in counts:
        counts[None] = s.scalar(
            select(func.count())
            .select_from(Task)
            .where(Task.project_id == project_id, Task.parent_id.is_(None))
        )
    return counts
