"""Structural edits of the WBS, inside the task service's session: keeping siblings
numbered 0..n-1, promoting a task that gains children to a summary (and demoting one
that loses its last), and refusing a move that would break the tree."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ownersrep.db.models import Task, TaskLink
from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import ValidationError
from ownersrep.services.task_queries import get_task, load_siblings, subtree_ids


class TaskMoveError(ValidationError):
    """A refused move. Its message is a whole sentence rather than "Field: problem"."""

    def __init__(self, message: str) -> None:
        super().__init__("Move", message)
        self.args = (message,)


def renumber(tasks: Sequence[Task]) -> None:
    for i, t in enumerate(tasks):
        if t.sort_order != i:
            t.sort_order = i


def promote(parent: Task | None) -> None:
    if parent is not None and parent.kind != TaskKind.SUMMARY.value:
        parent.kind = TaskKind.SUMMARY.value


def demote(parent: Task | None) -> None:
    if parent is not None and parent.kind == TaskKind.SUMMARY.value:
        parent.kind = TaskKind.TASK.value


def check_no_link_to_summary(s: Session, t: Task, summaries: list[int]) -> None:
    """A task cannot go under a task it is linked with (the engine would see a summary
    waiting for its own work, a loop)."""
    inside = subtree_ids(t.id)
    link = s.execute(
        select(TaskLink.predecessor_id, TaskLink.successor_id)
        .where(
            or_(
                TaskLink.predecessor_id.in_(summaries) & TaskLink.successor_id.in_(inside),
                TaskLink.successor_id.in_(summaries) & TaskLink.predecessor_id.in_(inside),
            )
        )
        .limit(1)
    ).first()
    if link is not None:
        names = dict(s.execute(select(Task.id, Task.name).where(Task.id.in_(link))).all())
        pred, succ = names[link[0]], names[link[1]]
        raise TaskMoveError(
            f"“{succ}” depends on “{pred}”, so one cannot go under the other; remove the link first"
        )


def check_parent(parent: Task, project_id: int) -> None:
    if parent.project_id != project_id:
        raise TaskMoveError(f"“{parent.name}” belongs to another project")
    if parent.kind == TaskKind.MILESTONE.value:
        raise TaskMoveError(f"“{parent.name}” is a milestone; tasks cannot go under it")


def move_in_tree(
    s: Session, t: Task, parent: Task | None, new_index: int
) -> tuple[int | None, int]:
    """Put `t` (with its subtree) at `new_index` among the children of `parent` (None:
    the top level); return its old (parent id, index)."""
    if parent is not None:
        check_parent(parent, t.project_id)
        chain = [parent.id]
        node = parent
        while node.parent_id is not None and node.id != t.id:
            node = get_task(s, node.parent_id)
            chain.append(node.id)
        if t.id in chain:
            raise TaskMoveError("A task cannot be moved under itself")
        check_no_link_to_summary(s, t, chain)
    new_parent_id = None if parent is None else parent.id
    old_parent_id = t.parent_id
    old_siblings = load_siblings(s, t.project_id, old_parent_id)
    old_index = old_siblings.index(t)
    rest = [x for x in old_siblings if x is not t]
    target = (
        rest if new_parent_id == old_parent_id else load_siblings(s, t.project_id, new_parent_id)
    )
    target.insert(max(0, min(new_index, len(target))), t)
    t.parent_id = new_parent_id
    renumber(target)
    if new_parent_id != old_parent_id:
        renumber(rest)
        promote(parent)
        if old_parent_id is not None and not rest:
            demote(s.get(Task, old_parent_id))
    return old_parent_id, old_index
