"""Pure helpers of the task service: the WBS tree built from plain column rows (no ORM),
its WBS codes, the roll-up of summary tasks, the date rules and the checks on
dependencies (loops).

The row DTOs live in `task_rows` (re-exported here, where many callers import them), the
task fields and their validation in `task_fields`, the queries in `task_queries`."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.predecessor_text import FIELD as PRED_FIELD
from ownersrep.domain.predecessor_text import PredecessorSpec, format_one
from ownersrep.domain.scheduling.days import day_of_finish
from ownersrep.domain.workdays import add_workdays, workdays_between
from ownersrep.services.task_rows import LinkRow as LinkRow
from ownersrep.services.task_rows import TaskRow
from ownersrep.services.validation import date_order

# (id, parent_id, sort_order, name, kind, start, duration_days, finish, percent_complete,
#  responsible_id, responsible_name, total_float, free_float, critical, constraint_type,
#  constraint_date, deadline, actual_start, actual_finish, manual, minutes_per_day): the
#  columns `task_queries.rows_query` selects, in this order.
RawTask = Sequence[Any]
# (predecessor_id, successor_id, link_type, lag_days)
RawLink = Sequence[Any]

_KINDS = {k.value: k for k in TaskKind}


@dataclass(frozen=True, slots=True)
class Outline:
    """The shape of a project's WBS: children in order, pre-order, codes and depths."""

    children: Mapping[int | None, list[int]]
    order: list[int]
    wbs: dict[int, str]
    depth: dict[int, int]

    def parent_of(self) -> dict[int, int | None]:
        return {c: p for p, kids in self.children.items() for c in kids}


def outline(pairs: Iterable[tuple[int, int | None]]) -> Outline:
    """Build the outline from (id, parent_id) pairs given in sibling order (that is,
    ordered by parent, sort_order, id). Rows whose parent is missing are left out."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for tid, parent in pairs:
        children[parent].append(tid)
    order: list[int] = []
    wbs: dict[int, str] = {}
    depth: dict[int, int] = {}
    roots = children.get(None, [])
    stack = [(roots[i - 1], str(i), 0) for i in range(len(roots), 0, -1)]
    while stack:
        tid, code, level = stack.pop()
        order.append(tid)
        wbs[tid] = code
        depth[tid] = level
        kids = children.get(tid)
        if kids:
            stack.extend((kids[i - 1], f"{code}.{i}", level + 1) for i in range(len(kids), 0, -1))
    return Outline(children, order, wbs, depth)


def predecessor_texts(links: Iterable[RawLink], wbs: Mapping[int, str]) -> dict[int, str]:
    """The predecessor column of every successor, items in the links' order."""
    items: dict[int, list[str]] = defaultdict(list)
    suffixes: dict[tuple[str, int], str] = {}  # (type, lag) → "FS+3", formatted once
    for pred, succ, kind, lag in links:
        code = wbs.get(pred)
        if code is None:
            continue
        suffix = suffixes.get((kind, lag))
        if suffix is None:
            suffix = suffixes[kind, lag] = format_one("", kind, lag)
        items[succ].append(code + suffix)
    return {succ: ", ".join(parts) for succ, parts in items.items()}


def _days(minutes: int | None, per_day: int) -> float | None:
    return None if minutes is None else round(minutes / per_day, 2)


def _schedule_fields(r: RawTask, default_per_day: int) -> tuple[Any, ...]:
    """The engine's and the user's schedule fields of a raw row, as TaskRow takes them."""
    if len(r) <= 11:
        return ()
    per_day = r[20] or default_per_day
    ctype, cdate = r[14], r[15]
    if cdate is not None:
        cdate = day_of_finish(cdate) if ctype in ("fnet", "fnlt", "mfo") else cdate.date()
    deadline = None if r[16] is None else day_of_finish(r[16])
    actual_start = None if r[17] is None else r[17].date()
    actual_finish = None if r[18] is None else day_of_finish(r[18], r[17])
    return (
        _days(r[11], per_day),
        _days(r[12], per_day),
        bool(r[13]),
        ctype or "asap",
        cdate,
        deadline,
        actual_start,
        actual_finish,
        bool(r[19]),
    )


def build_rows(
    project_id: int,
    tasks: Sequence[RawTask],
    links: Iterable[RawLink],
    only_parent: Any = ...,
    default_per_day: int = 480,
    shape: Outline | None = None,
) -> list[TaskRow]:
    """TaskRows in depth-first tree order, summaries rolled up. With `only_parent`
    set (None = top level), only that parent's children are returned. With the whole
    project's `shape`, `tasks` may be a few rows without children (nothing to roll up),
    and those rows are returned."""
    by_id = {r[0]: r for r in tasks}
    partial = shape is not None
    if shape is None:
        shape = outline((r[0], r[1]) for r in tasks)
    children = shape.children
    preds = predecessor_texts(links, shape.wbs)

    # Roll-up, children before parents: (start, finish, weight, weighted %, leaves, % sum)
    rollup: dict[int, tuple[date | None, date | None, int, int, int, int]] = {}
    for tid in () if partial else reversed(shape.order):
        kids = children.get(tid)
        if not kids:
            continue
        start = finish = None
        weight = weighted = leaves = total = 0
        for kid in kids:
            agg = rollup.get(kid)
            if agg is None:
                r = by_id[kid]
                agg = (r[5], r[7], r[6], r[6] * r[8], 1, r[8])
            k_start, k_finish, k_weight, k_weighted, k_leaves, k_total = agg
            if k_start is not None and (start is None or k_start < start):
                start = k_start
            if k_finish is not None and (finish is None or k_finish > finish):
                finish = k_finish
            weight += k_weight
            weighted += k_weighted
            leaves += k_leaves
            total += k_total
        rollup[tid] = (start, finish, weight, weighted, leaves, total)

    if partial:
        wanted = [tid for tid in shape.order if tid in by_id]
    else:
        wanted = shape.order if only_parent is ... else children.get(only_parent, [])
    wbs, depth = shape.wbs, shape.depth
    rows: list[TaskRow] = []
    append = rows.append
    for tid in wanted:
        r = by_id[tid]
        kind = _KINDS.get(r[4], TaskKind.TASK)
        start, duration, finish, percent = r[5], r[6], r[7], r[8]
        has_children = tid in children
        if has_children and kind is TaskKind.SUMMARY:
            start, finish, weight, weighted, leaves, total = rollup[tid]
            duration = workdays_between(start, finish) if start and finish else 0
            if weight:
                percent = round(weighted / weight)
            elif leaves:
                percent = round(total / leaves)  # only milestones: the plain mean
            else:
                percent = 0
        append(
            TaskRow(
                tid,
                project_id,
                r[1],
                r[2],
                wbs[tid],
                depth[tid],
                r[3],
                kind,
                start,
                duration,
                finish,
                percent,
                r[9],
                r[10] or "",
                preds.get(tid, ""),
                has_children,
                *_schedule_fields(r, default_per_day),
            )
        )
    return rows


def find_loop(
    successors: Mapping[int, Iterable[int]], task_id: int, predecessor_id: int
) -> list[int] | None:
    """If a new link predecessor → task would close a loop, the loop as a list of ids
    starting and ending at the predecessor; else None. `successors` holds the links
    that stay (predecessor id → successor ids)."""
    came_from: dict[int, int | None] = {task_id: None}
    queue = deque([task_id])
    while queue:
        node = queue.popleft()
        if node == predecessor_id:
            path = [node]
            while (prev := came_from[path[-1]]) is not None:
                path.append(prev)
            path.reverse()  # task → ... → predecessor
            return [predecessor_id, *path]
        for nxt in successors.get(node, ()):
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None


def ancestors(parent_of: Mapping[int, int | None], task_id: int) -> list[int]:
    """The task's parents, nearest first."""
    chain: list[int] = []
    node = parent_of.get(task_id)
    while node is not None and node not in chain:
        chain.append(node)
        node = parent_of.get(node)
    return chain


def settle_dates(
    kind: TaskKind,
    current: tuple[date | None, int, date | None],
    given: Mapping[str, Any],
) -> tuple[date | None, int, date | None]:
    """Apply the date rules to (start, duration_days, finish) after an edit of `given`
    (a subset of "start", "duration_days", "finish"):

    - a milestone lasts 0 days and finishes on its start (an edited finish moves it);
    - an edited start or duration derives the finish (Mon–Fri working days);
    - an edited finish derives the duration;
    - all three given are taken as they are (undo, import);
    - a finish before the start is refused, and a task lasts at least one working day.
    """
    start = given.get("start", current[0])
    duration = given.get("duration_days", current[1])
    finish = given.get("finish", current[2])
    if kind is TaskKind.MILESTONE:
        if "finish" in given and "start" not in given:
            start = finish
        return start, 0, start
    if "finish" in given and "duration_days" not in given:
        if start is not None and finish is not None:
            date_order(start, finish, "Start", "Finish")
            duration = workdays_between(start, finish)
            if duration == 0 and kind is TaskKind.TASK:
                raise ValidationError(
                    "Finish",
                    f"there is no working day from Start ({start:%d %b %Y}) "
                    f"to Finish ({finish:%d %b %Y})",
                )
    elif "finish" not in given and start is not None and given:
        finish = add_workdays(start, duration)
    if kind is TaskKind.TASK and duration == 0:
        raise ValidationError("Duration", "a task lasts at least 1 working day (a milestone 0)")
    date_order(start, finish, "Start", "Finish")
    return start, duration, finish


def plan_predecessors(
    shape: Outline,
    other_links: Iterable[tuple[int, int]],
    task_id: int,
    specs: Sequence[PredecessorSpec],
) -> list[tuple[int, str, int]]:
    """Check the parsed predecessors of `task_id` against the tree and the links that
    stay (predecessor id, successor id); return (predecessor id, type, lag) to store."""
    by_code = {code: tid for tid, code in shape.wbs.items()}
    parent_of = shape.parent_of()
    successors: dict[int, list[int]] = defaultdict(list)
    for pred, succ in other_links:
        successors[pred].append(succ)
    own_code = shape.wbs.get(task_id, "?")
    own_ancestors = ancestors(parent_of, task_id)
    wanted: list[tuple[int, str, int]] = []
    for spec in specs:
        pred = by_code.get(spec.code)
        if pred is None:
            raise ValidationError(PRED_FIELD, f"no task with WBS {spec.code}")
        if pred == task_id:
            raise ValidationError(PRED_FIELD, f"a task cannot be its own predecessor ({spec.code})")
        if pred in own_ancestors:
            raise ValidationError(
                PRED_FIELD,
                f"{spec.code} is the summary of {own_code}; it cannot be its predecessor",
            )
        if task_id in ancestors(parent_of, pred):
            raise ValidationError(
                PRED_FIELD,
                f"{spec.code} is under {own_code}; a summary cannot depend on its own tasks",
            )
        loop = find_loop(successors, task_id, pred)
        if loop is not None:
            path = " → ".join(shape.wbs[i] for i in loop)
            raise ValidationError(PRED_FIELD, f"would create a loop: {path}")
        wanted.append((pred, spec.link_type.value, spec.lag_days))
    return wanted
