"""One level of a project's WBS, for the project tree: only what the tree shows.

The tree expands one level at a time, so it must not pay for the whole project (dates,
roll-ups, predecessor texts) on every expand: this reads the level itself plus the
parent's ancestors to number it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from ownersrep.db.models import Task
from ownersrep.domain.enums import TaskKind
from ownersrep.services.task_queries import by_parent


@dataclass(frozen=True, slots=True)
class OutlineNode:
    id: int
    project_id: int
    parent_id: int | None
    wbs: str
    name: str
    kind: TaskKind
    has_children: bool


def _sibling_ids(s: Session, project_id: int, parent_id: int | None) -> list[int]:
    return list(
        s.scalars(
            select(Task.id)
            .where(Task.project_id == project_id, by_parent(parent_id))
            .order_by(Task.sort_order, Task.id)
        )
    )


def wbs_prefix(s: Session, project_id: int, task_id: int | None) -> str:
    """The WBS code of `task_id` followed by a dot ("" for the top level)."""
    parts: list[int] = []
    while task_id is not None:
        parent = s.scalar(select(Task.parent_id).where(Task.id == task_id))
        parts.append(_sibling_ids(s, project_id, parent).index(task_id) + 1)
        task_id = parent
    return "".join(f"{n}." for n in reversed(parts))


def outline_children(s: Session, project_id: int, parent_id: int | None) -> list[OutlineNode]:
    child = aliased(Task)
    # Matching on project_id too lets SQLite use the (project_id, parent_id) index.
    has_kids = (
        exists()
        .where(child.project_id == Task.project_id, child.parent_id == Task.id)
        .correlate(Task)
    )
    rows = s.execute(
        select(Task.id, Task.name, Task.kind, has_kids)
        .where(Task.project_id == project_id, by_parent(parent_id))
        .order_by(Task.sort_order, Task.id)
    ).all()
    prefix = wbs_prefix(s, project_id, parent_id)
    return [
        OutlineNode(tid, project_id, parent_id, f"{prefix}{i}", name, TaskKind(kind), bool(kids))
        for i, (tid, name, kind, kids) in enumerate(rows, start=1)
    ]
