"""Turn a WBS outline into coherent task and link rows.

Content modules describe a project as nested `group`s of `task`s and `milestone`s with
their predecessors ("pour_l2, steel_l3:SS+5, deck:FF+2, cure+3"). `add_schedule` assigns
ids in outline order, checks the network has no loop, computes dates with a forward pass
over working days (Mon–Fri), rolls summaries up from their children and sets percent
complete from the status date.

Dates follow the usual desktop-scheduler convention, on working-day boundaries: a task of
D days occupies days [ES, ES + D); a milestone sits at the end of the day before its
boundary, i.e. on the finish date of an FS predecessor. So an FS successor task starts on
the working day after its predecessor's finish, and a milestone shares that finish date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from random import Random

from ownersrep.domain.scheduling.days import finish_moment, start_moment
from ownersrep.services.demo.rows import DemoRows


@dataclass(frozen=True)
class Pred:
    key: str
    link_type: str = "FS"
    lag: int = 0


@dataclass(frozen=True)
class Leaf:
    key: str
    name: str
    duration: int
    preds: tuple[Pred, ...] = ()
    who: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    children: tuple[Node, ...]
    who: str | None = None
    key: str | None = None


Node = Leaf | Group

_PRED = re.compile(r"^(\w+)(?::(FS|SS|FF|SF))?([+-]\d+)?$")


def parse_preds(text: str) -> tuple[Pred, ...]:
    preds = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        match = _PRED.match(part)
        if match is None:
            raise ValueError(f"bad predecessor {part!r}")
        key, kind, lag = match.groups()
        preds.append(Pred(key, kind or "FS", int(lag) if lag else 0))
    return tuple(preds)


def task(key: str, name: str, duration: int, preds: str = "", who: str | None = None) -> Leaf:
    if duration < 1:
        raise ValueError(f"task {key!r} needs at least one day")
    return Leaf(key, name, duration, parse_preds(preds), who)


def milestone(key: str, name: str, preds: str = "", who: str | None = None) -> Leaf:
    return Leaf(key, name, 0, parse_preds(preds), who)


def group(name: str, *children: Node, who: str | None = None, key: str | None = None) -> Group:
    return Group(name, tuple(children), who, key)


@dataclass(frozen=True)
class Scheduled:
    """A task as placed by the forward pass: what issue and risk content links to."""

    id: int
    name: str
    kind: str
    start: date
    finish: date


def workday_calendar(start: date) -> tuple[date, Callable[[int], date], Callable[[date], int]]:
    """The first working day on or after `start`, index → date, and date → index of the
    last working day on or before it."""
    while start.weekday() >= 5:
        start += timedelta(days=1)
    w0 = start.weekday()
    monday = start - timedelta(days=w0)

    def day(i: int) -> date:
        n = w0 + i
        return monday + timedelta(days=7 * (n // 5) + n % 5)

    def index(d: date) -> int:
        weeks, rem = divmod((d - monday).days, 7)
        return weeks * 5 + min(rem, 4) - w0

    return start, day, index


@dataclass
class _Flat:
    id: int
    parent_id: int | None
    order: int
    spec: Node
    who: str | None
    preds: tuple[Pred, ...] = ()  # leaves only
    duration: int = 0  # leaves only; summaries get theirs from the roll-up
    start: int = 0
    finish: int = 0
    done: float = 0.0  # working days of progress
    weight: int = 0  # working days of work (leaf durations)
    percent: int = 0


def _flatten(rows: DemoRows, wbs: Sequence[Node], default_who: str | None) -> list[_Flat]:
    flat: list[_Flat] = []

    def walk(children: Sequence[Node], parent_id: int | None, who: str | None) -> None:
        for order, spec in enumerate(children, 1):
            node = _Flat(rows.new_id("task"), parent_id, order, spec, spec.who or who)
            if isinstance(spec, Leaf):
                node.preds, node.duration = spec.preds, spec.duration
            flat.append(node)
            if isinstance(spec, Group):
                if not spec.children:
                    raise ValueError(f"summary {spec.name!r} has no children")
                walk(spec.children, node.id, node.who)

    walk(wbs, None, default_who)
    return flat


def _topological(leaves: dict[str, _Flat]) -> list[_Flat]:
    indegree = {key: len(node.preds) for key, node in leaves.items()}
    successors: dict[str, list[str]] = {key: [] for key in leaves}
    for key, node in leaves.items():
        for pred in node.preds:
            if pred.key not in leaves:
                raise ValueError(f"unknown predecessor {pred.key!r} of {key!r}")
            successors[pred.key].append(key)
    ready = [key for key, n in indegree.items() if n == 0]
    order: list[_Flat] = []
    while ready:
        key = ready.pop()
        order.append(leaves[key])
        for succ in successors[key]:
            indegree[succ] -= 1
            if indegree[succ] == 0:
                ready.append(succ)
    if len(order) != len(leaves):
        raise ValueError("the task network has a loop")
    return order


def _forward_pass(ordered: list[_Flat]) -> None:
    """Early dates in working-day indices, predecessors before successors."""
    early: dict[str | None, tuple[int, int]] = {}
    for node in ordered:
        dur = node.duration
        es = 0
        for pred in node.preds:
            p_es, p_ef = early[pred.key]
            if pred.link_type == "FS":
                bound = p_ef + pred.lag
            elif pred.link_type == "SS":
                bound = p_es + pred.lag
            elif pred.link_type == "FF":
                bound = p_ef + pred.lag - dur
            else:  # SF
                bound = p_es + pred.lag - dur
            es = max(es, bound)
        early[node.spec.key] = (es, es + dur)
        if dur:
            node.start, node.finish = es, es + dur - 1
        else:
            node.start = node.finish = max(es - 1, 0)


def _progress(leaf: _Flat, status: int, rng: Random | None) -> None:
    dur = leaf.duration
    leaf.weight = dur
    if dur == 0:
        leaf.percent = 100 if leaf.finish <= status else 0
        return
    done = min(max(status - leaf.start + 1, 0), dur)
    if done == dur:
        leaf.percent = 100
    elif done == 0:
        leaf.percent = 0
    else:
        planned = round(100 * done / dur)
        slip = rng.randint(-12, 4) if rng is not None else 0
        leaf.percent = min(99, max(1, planned + slip))
    leaf.done = dur * leaf.percent / 100


def _roll_up(flat: list[_Flat]) -> None:
    by_id = {n.id: n for n in flat}
    summaries = {n.id: n for n in flat if isinstance(n.spec, Group)}
    for node in summaries.values():
        node.start, node.finish = 10**9, -(10**9)
    complete: dict[int, bool] = dict.fromkeys(summaries, True)
    started: dict[int, bool] = dict.fromkeys(summaries, False)
    for node in reversed(flat):  # children come after their parent in outline order
        if node.id in summaries and node.weight:
            pct = round(100 * node.done / node.weight)
            if not complete[node.id]:
                pct = min(pct, 99)
            node.percent = max(pct, 1) if started[node.id] and pct == 0 else pct
        elif node.id in summaries:
            node.percent = 100 if complete[node.id] else 0
        if node.parent_id is None:
            continue
        parent = by_id[node.parent_id]
        parent.start = min(parent.start, node.start)
        parent.finish = max(parent.finish, node.finish)
        parent.weight += node.weight
        parent.done += node.done
        complete[parent.id] = complete[parent.id] and node.percent == 100
        started[parent.id] = started[parent.id] or node.percent > 0


def _actuals(kind: str, percent: int, start: date, finish: date) -> dict[str, datetime | None]:
    """The actual dates progress implies: work went as planned up to the status date."""
    if kind == "summary" or percent == 0:
        return {"actual_start": None, "actual_finish": None}
    begun = start_moment(start)
    if percent < 100:
        return {"actual_start": begun, "actual_finish": None}
    return {
        "actual_start": begun,
        "actual_finish": begun if kind == "milestone" else finish_moment(finish),
    }


def add_schedule(
    rows: DemoRows,
    project_id: int,
    wbs: Sequence[Node],
    start: date,
    parties: Mapping[str, int],
    *,
    default_who: str | None = None,
    rng: Random | None = None,
) -> dict[str, Scheduled]:
    """Append the project's tasks and links to `rows`; return the placed tasks by key
    (leaves, and groups that were given a key)."""
    project = rows.project(project_id)
    first, day, index = workday_calendar(start)
    status = index(project["status_date"])
    flat = _flatten(rows, wbs, default_who)
    leaves = {n.spec.key: n for n in flat if isinstance(n.spec, Leaf)}
    if len(leaves) != sum(isinstance(n.spec, Leaf) for n in flat):
        raise ValueError("duplicate task keys")
    _forward_pass(_topological(leaves))
    for leaf in leaves.values():
        _progress(leaf, status, rng)
    _roll_up(flat)

    placed: dict[str, Scheduled] = {}
    for node in flat:
        spec = node.spec
        is_group = isinstance(spec, Group)
        kind = "summary" if is_group else ("milestone" if node.duration == 0 else "task")
        s, f = day(node.start), day(node.finish)
        duration = node.finish - node.start + 1 if is_group else node.duration
        rows.tasks.append(
            {
                "id": node.id,
                "project_id": project_id,
                "parent_id": node.parent_id,
                "sort_order": node.order,
                "name": spec.name,
                "kind": kind,
                "start": s,
                "duration_days": duration,
                "finish": f,
                "percent_complete": node.percent,
                "responsible_id": parties.get(node.who) if node.who else None,
                "notes": "" if is_group else spec.notes,
                **_actuals(kind, node.percent, s, f),
            }
        )
        if spec.key is not None:
            placed[spec.key] = Scheduled(node.id, spec.name, kind, s, f)
    for node in leaves.values():
        for pred in node.preds:
            rows.links.append(
                {
                    "id": rows.new_id("task_link"),
                    "project_id": project_id,
                    "predecessor_id": leaves[pred.key].id,
                    "successor_id": node.id,
                    "link_type": pred.link_type,
                    "lag_days": pred.lag,
                }
            )
    roots = [n for n in flat if n.parent_id is None]
    project["planned_start"] = day(min(n.start for n in roots)) if roots else first
    project["planned_finish"] = day(max(n.finish for n in roots)) if roots else first
    return placed
