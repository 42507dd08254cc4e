"""The queries the task service runs inside its own sessions (it owns the transactions):
the WBS rows as plain column rows, its shape, its links, a subtree, a level's siblings,
and the look-ups that refuse a missing task or party."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ownersrep.db.bulk import read_all
from ownersrep.db.models import Calendar, Party, Task, TaskLink
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.schedule_calendar import default_minutes_per_day
from ownersrep.services.task_rows import TaskRow
from ownersrep.services.task_tree import Outline, build_rows

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
    ids = list(task_ids)
    conn = s.connection()
    if conn.execute(select(Task.id).where(Task.parent_id.in_(ids)).limit(1)).first():
        return None
    tasks = conn.execute(rows_query(project_id).where(Task.id.in_(ids))).all()
    links = conn.execute(links_query(project_id).where(TaskLink.successor_id.in_(ids))).all()
    wanted = {*ids, *(link[0] for link in links)}
    shape = partial_outline(_places(s, project_id, wanted), wanted)
    per_day = default_minutes_per_day(s, project_id)
    return build_rows(project_id, tasks, links, ..., per_day, shape)


_TASK = Task.__table__
_SIBLING = _TASK.alias("sibling")
# A task's place among its siblings, from 1, in the order of `shape_query`.
_POSITION = (
    select(func.count())
    .select_from(_SIBLING)
    .where(
        _SIBLING.c.project_id == _TASK.c.project_id,
        _SIBLING.c.parent_id.is_not_distinct_from(_TASK.c.parent_id),
        (_SIBLING.c.sort_order < _TASK.c.sort_order)
        | ((_SIBLING.c.sort_order == _TASK.c.sort_order) & (_SIBLING.c.id <= _TASK.c.id)),
    )
    .scalar_subquery()
)


def _places(s: Session, project_id: int, ids: Collection[int]) -> dict[int, tuple[int | None, int]]:
    """`sibling_places` of these tasks and all their ancestors, read level by level
    (a few rows each) instead of the whole project."""
    places: dict[int, tuple[int | None, int]] = {}
    todo = set(ids)
    while todo:
        rows = s.execute(
            select(_TASK.c.id, _TASK.c.parent_id, _POSITION).where(
                _TASK.c.project_id == project_id, _TASK.c.id.in_(list(todo))
            )
        ).all()
        places.update((tid, (parent, k)) for tid, parent, k in rows)
        todo = {p for _, p, _ in rows if p is not None and p not in places}
    return places


def sibling_places(pairs: Iterable[tuple[int, int | None]]) -> dict[int, tuple[int | None, int]]:
    """Each task's (parent id, place among its siblings from 1), from (id, parent_id)
    pairs in sibling order (by parent, sort order, id: `shape_query`)."""
    places: dict[int, tuple[int | None, int]] = {}
    previous: object = object()
    k = 0
    for tid, parent in pairs:  # each parent's children come as one run
        if parent != previous:
            previous, k = parent, 0
        k += 1
        places[tid] = (parent, k)
    return places


def partial_outline(places: Mapping[int, tuple[int | None, int]], ids: Iterable[int]) -> Outline:
    """What `outline` says of these tasks alone (their WBS codes, depths and tree order;
    no children), from the `sibling_places` of them and their ancestors: a drag's row
    needs its own code and its predecessors'. Tasks `outline` leaves out (under a
    missing parent, or in a loop of parents) are left out here too."""
    paths: dict[int, tuple[int, ...]] = {}
    for tid in ids:
        if tid in paths or tid not in places:
            continue
        path: list[int] = []
        node: int | None = tid
        seen: set[int] = set()
        while node is not None and node in places and node not in seen:
            seen.add(node)
            parent, k = places[node]
            path.append(k)
            node = parent
        if node is None:  # reached the top
            paths[tid] = tuple(reversed(path))
    order = sorted(paths, key=paths.__getitem__)
    wbs = {tid: ".".join(map(str, path)) for tid, path in paths.items()}
    depth = {tid: len(path) - 1 for tid, path in paths.items()}
    return Outline({}, order, wbs, depth)


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
