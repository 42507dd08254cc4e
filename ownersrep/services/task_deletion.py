"""Deleting a subtree of the WBS and undoing it, inside the task service's session.

The snapshot holds the tasks and their links (`snapshot.capture`), the issues that
pointed at them, the budget lines that paid for them and their dates in every
baseline, so a restore puts back the same ids
in the same places."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from ownersrep.db.models import BaselineTask, BudgetLine, Issue, Task, TaskLink
from ownersrep.services.snapshot import Snapshot, capture, delete_deepest_first, parents_first
from ownersrep.services.task_moves import demote, promote, renumber
from ownersrep.services.task_queries import load_siblings, subtree_ids


@dataclass(frozen=True)
class TaskSnapshot(Snapshot):
    """A deleted subtree and its links, plus the issues that pointed at its tasks."""

    issue_refs: tuple[tuple[int, int], ...] = ()  # (issue id, task id)
    budget_refs: tuple[tuple[int, int], ...] = ()  # (budget line id, task id)
    baseline_rows: tuple[dict[str, Any], ...] = ()  # their dates in every baseline


def delete_subtree(s: Session, t: Task) -> tuple[TaskSnapshot, list[int]]:
    """Delete the task, its subtree and every link touching them; issues that pointed at
    them lose the reference, the siblings are numbered again and a parent left without
    children becomes a task. Returns the snapshot that restores it all, and the ids."""
    task_id, project_id, parent_id = t.id, t.project_id, t.parent_id
    subtree = subtree_ids(task_id)
    tasks = list(s.scalars(select(Task).where(Task.id.in_(subtree))))
    links = list(
        s.scalars(
            select(TaskLink)
            .where(or_(TaskLink.predecessor_id.in_(subtree), TaskLink.successor_id.in_(subtree)))
            .order_by(TaskLink.id)
        )
    )
    issues = list(s.scalars(select(Issue).where(Issue.task_id.in_(subtree))))
    refs = tuple((i.id, i.task_id) for i in issues if i.task_id is not None)
    # Budget lines that pay for these tasks: cleared here (audited) rather than left to
    # the database's ON DELETE SET NULL, so that undo can put them back.
    lines = list(s.scalars(select(BudgetLine).where(BudgetLine.task_id.in_(subtree))))
    budget_refs = tuple((b.id, b.task_id) for b in lines if b.task_id is not None)
    parts = capture([(Task, parents_first(tasks)), (TaskLink, links)]).parts
    table = BaselineTask.__table__
    saved = tuple(
        dict(r._mapping) for r in s.execute(select(table).where(table.c.task_id.in_(subtree)))
    )
    snap = TaskSnapshot(parts, issue_refs=refs, baseline_rows=saved, budget_refs=budget_refs)
    for link in links:
        s.delete(link)
    for issue in issues:
        issue.task_id = None
    for line in lines:
        line.task_id = None
    s.flush()
    ids = [x.id for x in tasks]
    delete_deepest_first(s, tasks)
    siblings = load_siblings(s, project_id, parent_id)
    renumber(siblings)
    if parent_id is not None and not siblings:
        demote(s.get(Task, parent_id))
    return snap, ids


def restore_subtree(s: Session, snapshot: Snapshot) -> None:
    """Undo `delete_subtree`: the same ids, links, places in the tree, baseline dates and
    issue references."""
    task_rows = [row for m, rows in snapshot.parts if m is Task for row in rows]
    ids = {row["id"] for row in task_rows}
    roots = [row for row in task_rows if row["parent_id"] not in ids]
    places: dict[int, int] = {}
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
    for line_id, ref in getattr(snapshot, "budget_refs", ()):
        line = s.get(BudgetLine, line_id)
        if line is not None and line.task_id is None:
            line.task_id = ref
