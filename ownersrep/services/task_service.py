"""The project WBS: summary tasks, tasks and milestones in a tree, with their dates and
dependencies. Dates are as entered (scheduling comes later); see
`task_tree.settle_dates` for the rules that derive a finish or a duration.

Invariants kept by every method: siblings are numbered 0..n-1 by `sort_order`; a task
with children is a summary, and a summary that loses its last child becomes a task
again; milestones have no children.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from ownersrep.db.models import BaselineTask, Issue, Project, Task, TaskLink
from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.predecessor_text import format_one, parse_predecessors
from ownersrep.domain.scheduling.days import start_moment
from ownersrep.domain.scheduling.model import ConstraintType
from ownersrep.services.changes import Changes, Outcome, rescheduled
from ownersrep.services.context import ServiceContext
from ownersrep.services.schedule_calendar import default_minutes_per_day, task_calendar
from ownersrep.services.schedule_run import reschedule
from ownersrep.services.snapshot import Snapshot, capture, delete_deepest_first, parents_first
from ownersrep.services.task_edits import apply_fields, plan_edit
from ownersrep.services.task_outline import OutlineNode, outline_children
from ownersrep.services.task_tree import (
    EDITABLE_FIELDS,
    FIELD_LABELS,
    ROLLED_UP_FIELDS,
    TaskRow,
    build_rows,
    by_parent,
    check_party,
    clean_field,
    demote,
    has_any_child,
    links_query,
    load_siblings,
    outline,
    plan_predecessors,
    promote,
    renumber,
    rows_query,
    settle_dates,
    shape_query,
    subtree_ids,
)


class TaskMoveError(ValidationError):
    """A refused move. Its message is a whole sentence rather than "Field: problem"."""

    def __init__(self, message: str) -> None:
        super().__init__("Move", message)
        self.args = (message,)


@dataclass(frozen=True)
class TaskSnapshot(Snapshot):
    """A deleted subtree and its links, plus the issues that pointed at its tasks."""

    issue_refs: tuple[tuple[int, int], ...] = ()  # (issue id, task id)
    baseline_rows: tuple[dict[str, Any], ...] = ()  # their dates in every baseline


class TaskService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def list_tasks(self, project_id: int) -> list[TaskRow]:
        """The whole WBS in depth-first tree order, summaries rolled up."""
        with self._ctx.sessions() as s:
            return self._rows(s, project_id)

    def rows_of(self, project_id: int, task_ids: Collection[int]) -> list[TaskRow] | None:
        """These tasks' rows, in tree order, without reading the whole WBS; None when one
        of them has tasks under it (its roll-up needs them: read the list instead)."""
        with self._ctx.sessions() as s:
            conn = s.connection()
            shape = outline(conn.execute(shape_query(project_id)))
            if any(shape.children.get(i) for i in task_ids):
                return None
            ids = list(task_ids)
            tasks = conn.execute(rows_query(project_id).where(Task.id.in_(ids))).all()
            links = conn.execute(
                links_query(project_id).where(TaskLink.successor_id.in_(ids))
            ).all()
            per_day = default_minutes_per_day(s, project_id)
        return build_rows(project_id, tasks, links, ..., per_day, shape)

    def children(self, project_id: int, parent_id: int | None) -> list[TaskRow]:
        """One level of the tree, in order (parent None = top level)."""
        with self._ctx.sessions() as s:
            return self._rows(s, project_id, parent_id)

    def outline_children(self, project_id: int, parent_id: int | None) -> list[OutlineNode]:
        """One level with WBS codes and child flags only: cheap, for the project tree."""
        with self._ctx.sessions() as s:
            return outline_children(s, project_id, parent_id)

    def get(self, task_id: int) -> TaskRow:
        with self._ctx.sessions() as s:
            return self._row(s, self._task(s, task_id))

    def notes(self, task_id: int) -> str:
        with self._ctx.sessions() as s:
            return self._task(s, task_id).notes

    def count_children(
        self, project_id: int, parent_ids: Sequence[int | None]
    ) -> dict[int | None, int]:
        counts: dict[int | None, int] = dict.fromkeys(parent_ids, 0)
        ids = [p for p in parent_ids if p is not None]
        with self._ctx.sessions() as s:
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
            parent = None if parent_id is None else self._task(s, parent_id)
            if parent is not None:
                self._check_parent(parent, project_id)
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
            t = self._task(s, task_id)
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
            t = self._task(s, task_id)
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
            t = self._task(s, task_id)
            old = t.name
            if old != clean:
                t.name = clean
            project_id = t.project_id
        return Outcome(old, Changes.of("task", [task_id], project_id))

    def delete_task(self, task_id: int) -> Outcome[Snapshot]:
        """Delete the task, its subtree and every link touching them; issues that
        pointed at them lose the reference. The snapshot restores all of it."""
        with self._ctx.sessions.begin() as s:
            t = self._task(s, task_id)
            project_id, parent_id = t.project_id, t.parent_id
            subtree = subtree_ids(task_id)
            tasks = list(s.scalars(select(Task).where(Task.id.in_(subtree))))
            links = list(
                s.scalars(
                    select(TaskLink)
                    .where(
                        or_(
                            TaskLink.predecessor_id.in_(subtree), TaskLink.successor_id.in_(subtree)
                        )
                    )
                    .order_by(TaskLink.id)
                )
            )
            issues = list(s.scalars(select(Issue).where(Issue.task_id.in_(subtree))))
            refs = tuple((i.id, i.task_id) for i in issues if i.task_id is not None)
            parts = capture([(Task, parents_first(tasks)), (TaskLink, links)]).parts
            table = BaselineTask.__table__
            saved = tuple(
                dict(r._mapping)
                for r in s.execute(select(table).where(table.c.task_id.in_(subtree)))
            )
            snap = TaskSnapshot(parts, issue_refs=refs, baseline_rows=saved)
            for link in links:
                s.delete(link)
            for issue in issues:
                issue.task_id = None
            s.flush()
            ids = [x.id for x in tasks]
            delete_deepest_first(s, tasks)
            siblings = load_siblings(s, project_id, parent_id)
            renumber(siblings)
            if parent_id is not None and not siblings:
                demote(s.get(Task, parent_id))
            changed = self._reschedule(s, project_id)
        changes = Changes.of("task", ids, project_id, structural=True) | rescheduled(
            changed, project_id
        )
        if refs:
            changes = changes | Changes.of("issue", [i for i, _ in refs], project_id)
        return Outcome(snap, changes)

    def restore_tasks(self, snapshot: Snapshot) -> Changes:
        """Undo a delete: the same ids, links, places in the tree and issue references."""
        task_rows = [row for m, rows in snapshot.parts if m is Task for row in rows]
        ids = {row["id"] for row in task_rows}
        roots = [row for row in task_rows if row["parent_id"] not in ids]
        places: dict[int, int] = {}
        with self._ctx.sessions.begin() as s:
            for root in roots:
                siblings = load_siblings(s, root["project_id"], root["parent_id"])
                at = max(0, min(root["sort_order"], len(siblings)))
                places[root["id"]] = at
                for i, sib in enumerate(siblings):
                    want = i if i < at else i + 1
                    if sib.sort_order != want:
                        sib.sort_order = want
            for model, rows in snapshot.parts:
                for values in rows:
                    obj = model(**values)
                    if model is Task and obj.id in places:
                        obj.sort_order = places[obj.id]
                    s.add(obj)
                s.flush()
            for root in roots:
                if root["parent_id"] is not None:
                    promote(s.get(Task, root["parent_id"]))
            saved = getattr(snapshot, "baseline_rows", ())
            if saved:
                s.execute(insert(BaselineTask.__table__), list(saved))
            for issue_id, ref in getattr(snapshot, "issue_refs", ()):
                issue = s.get(Issue, issue_id)
                if issue is not None and issue.task_id is None:
                    issue.task_id = ref
            project_id = task_rows[0]["project_id"] if task_rows else None
            changed = self._reschedule(s, project_id) if project_id is not None else ()
        changes = Changes.of("task", ids, project_id, structural=True) | rescheduled(
            changed, project_id
        )
        issue_ids = [i for i, _ in getattr(snapshot, "issue_refs", ())]
        if issue_ids:
            changes = changes | Changes.of("issue", issue_ids, project_id)
        return changes

    def move_task(
        self, task_id: int, new_parent_id: int | None, new_index: int
    ) -> Outcome[tuple[int | None, int]]:
        """Put the task (with its subtree) at `new_index` among the children of
        `new_parent_id`. Returns (old parent id, old index), so undo moves it back."""
        with self._ctx.sessions.begin() as s:
            t = self._task(s, task_id)
            parent = None if new_parent_id is None else self._task(s, new_parent_id)
            old = self._move(s, t, parent, new_index)
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
            t = self._task(s, task_id)
            siblings = load_siblings(s, t.project_id, t.parent_id)
            at = siblings.index(t)
            if at == 0:
                raise TaskMoveError(f"“{t.name}” has no task above it to indent under")
            above = siblings[at - 1]
            count = s.scalar(select(func.count()).select_from(Task).where(by_parent(above.id)))
            old = self._move(s, t, above, count or 0)
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
            t = self._task(s, task_id)
            if t.parent_id is None:
                raise TaskMoveError(f"“{t.name}” is already at the top level")
            parent = self._task(s, t.parent_id)
            grand = None if parent.parent_id is None else self._task(s, parent.parent_id)
            at = load_siblings(s, parent.project_id, parent.parent_id).index(parent)
            old = self._move(s, t, grand, at + 1)
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
            t = self._task(s, task_id)
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
    def _task(s: Session, task_id: int) -> Task:
        t = s.get(Task, task_id)
        if t is None:
            raise NotFoundError("task", task_id)
        return t

    @staticmethod
    def _rows(s: Session, project_id: int, only_parent: Any = ...) -> list[TaskRow]:
        # Core rows straight off the connection: no ORM loading machinery for a hot list.
        conn = s.connection()
        tasks = conn.execute(rows_query(project_id)).all()
        links = conn.execute(links_query(project_id)).all()
        per_day = default_minutes_per_day(s, project_id)
        return build_rows(project_id, tasks, links, only_parent, per_day)

    def _row(self, s: Session, t: Task) -> TaskRow:
        return next(r for r in self._rows(s, t.project_id, t.parent_id) if r.id == t.id)

    @staticmethod
    def _check_no_link_to_summary(s: Session, t: Task, summaries: list[int]) -> None:
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
                f"“{succ}” depends on “{pred}”, so one cannot go under the other; "
                "remove the link first"
            )

    @staticmethod
    def _check_parent(parent: Task, project_id: int) -> None:
        if parent.project_id != project_id:
            raise TaskMoveError(f"“{parent.name}” belongs to another project")
        if parent.kind == TaskKind.MILESTONE.value:
            raise TaskMoveError(f"“{parent.name}” is a milestone; tasks cannot go under it")

    def _move(
        self, s: Session, t: Task, parent: Task | None, new_index: int
    ) -> tuple[int | None, int]:
        if parent is not None:
            self._check_parent(parent, t.project_id)
            chain = [parent.id]
            node = parent
            while node.parent_id is not None and node.id != t.id:
                node = self._task(s, node.parent_id)
                chain.append(node.id)
            if t.id in chain:
                raise TaskMoveError("A task cannot be moved under itself")
            self._check_no_link_to_summary(s, t, chain)
        new_parent_id = None if parent is None else parent.id
        old_parent_id = t.parent_id
        old_siblings = load_siblings(s, t.project_id, old_parent_id)
        old_index = old_siblings.index(t)
        rest = [x for x in old_siblings if x is not t]
        target = (
            rest
            if new_parent_id == old_parent_id
            else load_siblings(s, t.project_id, new_parent_id)
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


__all__ = ["EDITABLE_FIELDS", "TaskMoveError", "TaskRow", "TaskService", "TaskSnapshot"]
