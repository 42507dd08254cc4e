"""The project WBS: summary tasks, tasks and milestones in a tree, with their dates and
dependencies. Dates are as entered (scheduling comes later); see
`task_tree.settle_dates` for the rules that derive a finish or a duration.

Invariants kept by every method: siblings are numbered 0..n-1 by `sort_order`; a task
with children is a summary, and a summary that loses its last child becomes a task
again; milestones have no children. The structural edits that keep them live in
`task_moves` and `task_deletion`, the queries in `task_queries`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ownersrep.db.models import Project, Task, TaskLink
from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.predecessor_text import format_one, parse_predecessors
from ownersrep.domain.scheduling.days import start_moment
from ownersrep.domain.scheduling.model import ConstraintType
from ownersrep.services.changes import Changes, Outcome, rescheduled
from ownersrep.services.context import ServiceContext
from ownersrep.services.schedule_calendar import task_calendar
from ownersrep.services.schedule_run import reschedule
from ownersrep.services.snapshot import Snapshot
from ownersrep.services.task_deletion import TaskSnapshot, delete_subtree, restore_subtree
from ownersrep.services.task_edits import apply_fields, plan_edit
from ownersrep.services.task_fields import (
    EDITABLE_FIELDS,
    FIELD_LABELS,
    ROLLED_UP_FIELDS,
    clean_field,
)
from ownersrep.services.task_moves import (
    TaskMoveError,
    check_parent,
    move_in_tree,
    promote,
    renumber,
)
from ownersrep.services.task_outline import OutlineNode, outline_children
from ownersrep.services.task_queries import (
    by_parent,
    check_party,
    count_children,
    get_task,
    has_any_child,
    load_siblings,
    read_rows,
    read_rows_of,
    shape_query,
)
from ownersrep.services.task_tree import (
    TaskRow,
    outline,
    plan_predecessors,
    settle_dates,
)


class TaskService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def list_tasks(self, project_id: int) -> list[TaskRow]:
        """The whole WBS in depth-first tree order, summaries rolled up."""
        with self._ctx.sessions() as s:
            return read_rows(s, project_id)

    def rows_of(self, project_id: int, task_ids: Collection[int]) -> list[TaskRow] | None:
        """These tasks' rows, in tree order, without reading the whole WBS; None when one
        of them has tasks under it (its roll-up needs them: read the list instead)."""
        with self._ctx.sessions() as s:
            return read_rows_of(s, project_id, task_ids)

    def children(self, project_id: int, parent_id: int | None) -> list[TaskRow]:
        """One level of the tree, in order (parent None = top level)."""
        with self._ctx.sessions() as s:
            return read_rows(s, project_id, parent_id)

    def outline_children(self, project_id: int, parent_id: int | None) -> list[OutlineNode]:
        """One level with WBS codes and child flags only: cheap, for the project tree."""
        with self._ctx.sessions() as s:
            return outline_children(s, project_id, parent_id)

    def get(self, task_id: int) -> TaskRow:
        with self._ctx.sessions() as s:
            return self._row(s, get_task(s, task_id))

    def notes(self, task_id: int) -> str:
        with self._ctx.sessions() as s:
            return get_task(s, task_id).notes

    def count_children(
        self, project_id: int, parent_ids: Sequence[int | None]
    ) -> dict[int | None, int]:
        with self._ctx.sessions() as s:
            return count_children(s, project_id, parent_ids)

    # -- edits -----------------------------------------------------------------------
    def create_task(
        self,
        project_id: int,
        parent_id: int | None,
        name: str,
        kind: TaskKind | str = TaskKind.TASK,
        *,
        index: int | None = None,
        start: date | None = None,
        duration_days: int | None = None,
        finish: date | None = None,
        responsible_id: int | None = None,
    ) -> Outcome[TaskRow]:
        """Add a task under `parent_id` (None = top level), appended or at `index`."""
        clean_name = clean_field("name", name)
        task_kind: TaskKind = clean_field("kind", kind)
        given = {
            k: clean_field(k, v)
            for k, v in (("start", start), ("duration_days", duration_days), ("finish", finish))
            if v is not None
        }
        default_duration = 1 if task_kind is TaskKind.TASK else 0
        dates = settle_dates(task_kind, (None, default_duration, None), given)
        with self._ctx.sessions.begin() as s:
            if s.get(Project, project_id) is None:
                raise NotFoundError("project", project_id)
            parent = None if parent_id is None else get_task(s, parent_id)
            if parent is not None:
                check_parent(parent, project_id)
            check_party(s, clean_field("responsible_id", responsible_id))
            siblings = load_siblings(s, project_id, parent_id)
            at = len(siblings) if index is None else max(0, min(index, len(siblings)))
            task = Task(
                project_id=project_id,
                parent_id=parent_id,
                sort_order=at,
                name=clean_name,
                kind=task_kind.value,
                start=dates[0],
                duration_days=dates[1],
                finish=dates[2],
                percent_complete=0,
                responsible_id=responsible_id,
                notes="",
                # A typed start holds the task there, as in MS Project.
                constraint_type=(ConstraintType.SNET if "start" in given else ConstraintType.ASAP),
                constraint_date=start_moment(given["start"]) if "start" in given else None,
            )
            siblings.insert(at, task)
            renumber(siblings)
            s.add(task)
            s.flush()
            promote(parent)
            changed = self._reschedule(s, project_id)
            row = self._row(s, task)
        return Outcome(
            row,
            Changes.of("task", [row.id], project_id, structural=True)
            | rescheduled(changed, project_id),
        )

    def update_task(self, task_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change what the user sets (see `task_edits`) and reschedule. Returns the old
        value of every stored column it changed, so undo = set_stored_fields(old)."""
        clean = {k: clean_field(k, v) for k, v in values.items()}
        with self._ctx.sessions.begin() as s:
            t = get_task(s, task_id)
            has_children = has_any_child(s, task_id)
            kind = clean.get("kind", TaskKind(t.kind))
            if has_children and kind is not TaskKind.SUMMARY:
                raise ValidationError(
                    "Kind", f"“{t.name}” has tasks under it, so it stays a summary"
                )
            if has_children:
                for key in ROLLED_UP_FIELDS:
                    if key in clean:
                        raise ValidationError(
                            FIELD_LABELS[key], f"is rolled up from the tasks under “{t.name}”"
                        )
            check_party(s, clean.get("responsible_id"))
            origin = t.start or self._ctx.today()
            new = plan_edit(t, clean, task_calendar(s, t, origin), has_children)
            old = apply_fields(t, new)
            project_id = t.project_id
            changed = self._reschedule(s, project_id, [task_id]) if old else frozenset()
        return Outcome(
            old, Changes.of("task", [task_id], project_id) | rescheduled(changed, project_id)
        )

    def set_stored_fields(self, task_id: int, values: Mapping[str, Any]) -> Outcome[dict]:
        """Put stored columns back as they were (undo of `update_task`), reschedule and
        return the values they had."""
        with self._ctx.sessions.begin() as s:
            t = get_task(s, task_id)
            old = apply_fields(t, values, stored_only=True)
            project_id = t.project_id
            changed = self._reschedule(s, project_id, [task_id])
        return Outcome(
            old, Changes.of("task", [task_id], project_id) | rescheduled(changed, project_id)
        )

    def rename_task(self, task_id: int, name: str) -> Outcome[str]:
        """Returns the old name."""
        clean = clean_field("name", name)
        with self._ctx.sessions.begin() as s:
            t = get_task(s, task_id)
            old = t.name
            if old != clean:
                t.name = clean
            project_id = t.project_id
        return Outcome(old, Changes.of("task", [task_id], project_id))

    def delete_task(self, task_id: int) -> Outcome[Snapshot]:
        """Delete the task, its subtree and every link touching them; issues that
        pointed at them lose the reference. The snapshot restores all of it."""
        with self._ctx.sessions.begin() as s:
            t = get_task(s, task_id)
            project_id = t.project_id
            snap, ids = delete_subtree(s, t)
            changed = self._reschedule(s, project_id)
        changes = Changes.of("task", ids, project_id, structural=True) | rescheduled(
            changed, project_id
        )
        return Outcome(snap, changes | _ref_changes(snap, project_id))

    def restore_tasks(self, snapshot: Snapshot) -> Changes:
        """Undo a delete: the same ids, links, places in the tree and issue references."""
        task_rows = [row for m, rows in snapshot.parts if m is Task for row in rows]
        ids = {row["id"] for row in task_rows}
        project_id = task_rows[0]["project_id"] if task_rows else None
        with self._ctx.sessions.begin() as s:
            restore_subtree(s, snapshot)
            changed = self._reschedule(s, project_id) if project_id is not None else ()
        changes = Changes.of("task", ids, project_id, structural=True) | rescheduled(
            changed, project_id
        )
        return changes | _ref_changes(snapshot, project_id)

    def move_task(
        self, task_id: int, new_parent_id: int | None, new_index: int
    ) -> Outcome[tuple[int | None, int]]:
        """Put the task (with its subtree) at `new_index` among the children of
        `new_parent_id`. Returns (old parent id, old index), so undo moves it back."""
        with self._ctx.sessions.begin() as s:
            t = get_task(s, task_id)
            parent = None if new_parent_id is None else get_task(s, new_parent_id)
            old = move_in_tree(s, t, parent, new_index)
            project_id = t.project_id
            changed = self._reschedule(s, project_id)
        return Outcome(
            old,
            Changes.of("task", [task_id], project_id, structural=True)
            | rescheduled(changed, project_id),
        )

    def indent_task(self, task_id: int) -> Outcome[tuple[int | None, int]]:
        """Make the task the last child of the task above it (its previous sibling)."""
        with self._ctx.sessions.begin() as s:
            t = get_task(s, task_id)
            siblings = load_siblings(s, t.project_id, t.parent_id)
            at = siblings.index(t)
            if at == 0:
                raise TaskMoveError(f"“{t.name}” has no task above it to indent under")
            above = siblings[at - 1]
            count = s.scalar(select(func.count()).select_from(Task).where(by_parent(above.id)))
            old = move_in_tree(s, t, above, count or 0)
            project_id = t.project_id
            changed = self._reschedule(s, project_id)
        return Outcome(
            old,
            Changes.of("task", [task_id], project_id, structural=True)
            | rescheduled(changed, project_id),
        )

    def outdent_task(self, task_id: int) -> Outcome[tuple[int | None, int]]:
        """Make the task the next sibling of its parent."""
        with self._ctx.sessions.begin() as s:
            t = get_task(s, task_id)
            if t.parent_id is None:
                raise TaskMoveError(f"“{t.name}” is already at the top level")
            parent = get_task(s, t.parent_id)
            grand = None if parent.parent_id is None else get_task(s, parent.parent_id)
            at = load_siblings(s, parent.project_id, parent.parent_id).index(parent)
            old = move_in_tree(s, t, grand, at + 1)
            project_id = t.project_id
            changed = self._reschedule(s, project_id)
        return Outcome(
            old,
            Changes.of("task", [task_id], project_id, structural=True)
            | rescheduled(changed, project_id),
        )

    def set_predecessors(self, task_id: int, text: str) -> Outcome[str]:
        """Replace the task's predecessors with those in `text` ("1.2FS+3, 4SS-2, 5").
        Returns the old text."""
        specs = parse_predecessors(text)
        with self._ctx.sessions.begin() as s:
            t = get_task(s, task_id)
            project_id = t.project_id
            shape = outline(s.execute(shape_query(project_id)))
            links = list(s.scalars(select(TaskLink).where(TaskLink.project_id == project_id)))
            links.sort(key=lambda link: link.id)
            incoming = [link for link in links if link.successor_id == task_id]
            old_text = ", ".join(
                format_one(shape.wbs[x.predecessor_id], x.link_type, x.lag_days)
                for x in incoming
                if x.predecessor_id in shape.wbs
            )
            others = [(x.predecessor_id, x.successor_id) for x in links if x not in incoming]
            wanted = plan_predecessors(shape, others, task_id, specs)
            current = [(x.predecessor_id, x.link_type, x.lag_days) for x in incoming]
            if current != wanted:
                for link in incoming:
                    s.delete(link)
                s.flush()
                for pred, link_type, lag in wanted:
                    s.add(
                        TaskLink(
                            project_id=project_id,
                            predecessor_id=pred,
                            successor_id=task_id,
                            link_type=link_type,
                            lag_days=lag,
                        )
                    )
                changed = self._reschedule(s, project_id)
                links_changed = Changes.of("task_link", [], project_id)
            else:
                changed, links_changed = frozenset(), Changes()
        changes = Changes.of("task", [task_id], project_id) | rescheduled(changed, project_id)
        return Outcome(old_text, changes | links_changed)

    # -- helpers (inside a session) --------------------------------------------------
    def _reschedule(
        self, s: Session, project_id: int, touched: Sequence[int] | None = None
    ) -> frozenset[int]:
        """`touched`: the tasks of an edit that changed only their own fields."""
        ctx = self._ctx
        return reschedule(s, project_id, ctx.today(), ctx.schedule_memo, touched).changed

    @staticmethod
    def _row(s: Session, t: Task) -> TaskRow:
        return next(r for r in read_rows(s, t.project_id, t.parent_id) if r.id == t.id)


def _ref_changes(snapshot: Snapshot, project_id: int | None) -> Changes:
    """The issues and budget lines whose task reference a delete cleared or its undo
    put back."""
    changes = Changes()
    for entity, refs in (
        ("issue", getattr(snapshot, "issue_refs", ())),
        ("budget_line", getattr(snapshot, "budget_refs", ())),
    ):
        if refs:
            changes = changes | Changes.of(entity, [i for i, _ in refs], project_id)
    return changes


__all__ = ["EDITABLE_FIELDS", "TaskMoveError", "TaskRow", "TaskService", "TaskSnapshot"]
