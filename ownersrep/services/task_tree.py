"""Helpers of the task service.

Pure ones first: field validation, the WBS tree built from plain column rows (no ORM),
its WBS codes, the roll-up of summary tasks, the date rules and the checks on
dependencies (loops). Then the few queries and row helpers the service runs inside its
own sessions (it owns the transactions)."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ownersrep.db.models import Calendar, Party, Task, TaskLink
from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.predecessor_text import FIELD as PRED_FIELD
from ownersrep.domain.predecessor_text import PredecessorSpec, format_one
from ownersrep.domain.scheduling.days import day_of_finish
from ownersrep.domain.scheduling.model import ConstraintType
from ownersrep.domain.workdays import add_workdays, workdays_between
from ownersrep.services.validation import (
    date_order,
    enum_value,
    int_in_range,
    optional_int,
    optional_text,
    required_text,
)

# (id, parent_id, sort_order, name, kind, start, duration_days, finish, percent_complete,
#  responsible_id, responsible_name, total_float, free_float, critical, constraint_type,
#  constraint_date, deadline, actual_start, actual_finish, manual, minutes_per_day): the
#  columns `list_tasks` selects, in this order.
RawTask = Sequence[Any]
# (predecessor_id, successor_id, link_type, lag_days)
RawLink = Sequence[Any]

_KINDS = {k.value: k for k in TaskKind}

DATE_FIELDS = ("start", "duration_days", "finish")
SCHEDULE_FIELDS = (
    "constraint_type",
    "constraint_date",
    "deadline",
    "actual_start",
    "actual_finish",
)
EDITABLE_FIELDS = (
    "name",
    "kind",
    *DATE_FIELDS,
    "percent_complete",
    "responsible_id",
    "notes",
    *SCHEDULE_FIELDS,
)
ROLLED_UP_FIELDS = (*DATE_FIELDS, "percent_complete", "actual_start", "actual_finish")
FIELD_LABELS = {
    "name": "Name",
    "kind": "Kind",
    "start": "Start",
    "duration_days": "Duration",
    "finish": "Finish",
    "percent_complete": "% complete",
    "responsible_id": "Responsible",
    "notes": "Notes",
    "constraint_type": "Constraint",
    "constraint_date": "Constraint date",
    "deadline": "Deadline",
    "actual_start": "Actual start",
    "actual_finish": "Actual finish",
}
_DATE_KEYS = ("start", "finish", "constraint_date", "deadline", "actual_start", "actual_finish")
MAX_DURATION = 9999


def clean_field(key: str, value: Any) -> Any:
    """Validate one field; raise ValidationError naming it."""
    if key == "name":
        return required_text(value, "Name", 300)
    if key == "kind":
        return enum_value(TaskKind, value, "Kind")
    if key == "constraint_type":
        return enum_value(ConstraintType, value, "Constraint")
    if key in _DATE_KEYS:
        if isinstance(value, datetime):
            value = value.date()
        if value is not None and not isinstance(value, date):
            raise ValidationError(FIELD_LABELS[key], f"“{value}” is not a date")
        return value
    if key == "duration_days":
        return int_in_range(value, "Duration", 0, MAX_DURATION)
    if key == "percent_complete":
        return int_in_range(value, "% complete", 0, 100)
    if key == "responsible_id":
        return optional_int(value, "Responsible")
    if key == "notes":
        return optional_text(value, "Notes")
    raise ValidationError(key, "is not a task field")


@dataclass(slots=True)
class TaskRow:
    """One WBS element as a view shows it. A summary with children carries the dates,
    duration and percent rolled up from the tasks below it (computed, never stored).

    Read-only by convention (change one with `dataclasses.replace`). Not frozen: a
    frozen dataclass sets each field through object.__setattr__, and building the
    10,000 rows of a big project took ten times as long."""

    id: int
    project_id: int
    parent_id: int | None
    sort_order: int
    wbs: str  # "1.2.3", computed from tree order
    depth: int  # 0 for top level
    name: str
    kind: TaskKind
    start: date | None
    duration_days: int
    finish: date | None
    percent_complete: int
    responsible_id: int | None
    responsible_name: str
    predecessors: str  # e.g. "1.2FS+3, 4SS": WBS codes of the predecessors
    has_children: bool
    # -- from the scheduling engine (None until the project is first scheduled) --------
    total_float_days: float | None = None  # working days; negative when late
    free_float_days: float | None = None
    critical: bool = False
    # -- what the user (or the file) set -------------------------------------------------
    constraint_type: str = "asap"  # ConstraintType value
    constraint_date: date | None = None
    deadline: date | None = None
    actual_start: date | None = None
    actual_finish: date | None = None
    manual: bool = False  # dates typed, not computed (MS Project's manual tasks)
    # -- the baseline chosen for comparison (None when none is chosen or it lacks the task)
    baseline_start: date | None = None
    baseline_finish: date | None = None
    finish_variance_days: float | None = None  # working days, positive = later than planned

    @property
    def rolled_up(self) -> bool:
        """True when dates and percent are computed from the children."""
        return self.kind is TaskKind.SUMMARY and self.has_children


class LinkRow(NamedTuple):
    """One dependency as the Gantt chart draws it. `driving` is true when this link
    sets the successor's date (no slack between them). (A tuple: a project may have
    20,000, read whenever the chart opens.)"""

    id: int
    predecessor_id: int
    successor_id: int
    link_type: LinkType
    lag_days: float
    driving: bool = False


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


# -- queries and row helpers, run inside the service's session ----------------------------
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


def renumber(tasks: Sequence[Task]) -> None:
    for i, t in enumerate(tasks):
        if t.sort_order != i:
            t.sort_order = i


def has_any_child(s: Session, task_id: int) -> bool:
    return s.scalar(select(Task.id).where(Task.parent_id == task_id).limit(1)) is not None


def check_party(s: Session, party_id: int | None) -> None:
    if party_id is not None and s.get(Party, party_id) is None:
        raise ValidationError("Responsible", f"there is no party #{party_id}")


def promote(parent: Task | None) -> None:
    if parent is not None and parent.kind != TaskKind.SUMMARY.value:
        parent.kind = TaskKind.SUMMARY.value


def demote(parent: Task | None) -> None:
    if parent is not None and parent.kind == TaskKind.SUMMARY.value:
        parent.kind = TaskKind.TASK.value
