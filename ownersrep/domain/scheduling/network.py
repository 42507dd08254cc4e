"""The network the passes walk: tasks as integer-indexed nodes with integer links.

Every task is node `i` (its index in `SchedProject.tasks`). A summary task has a second
node, its *out* node, after all the tasks: the task's own node is its *in* node, the
gate that links into the summary (and its constraints) pass through to its children; the
out node rolls the children up and is what links out of the summary leave from. For a
plain task the two are the same node. Topological order then has, for a summary S:
S's predecessors → S(in) → children → S(out) → S's successors.

Links become tuples `(node, kind, lag, mode)`: `kind` FS/SS/FF/SF as 0..3, `lag` in
minutes and `mode` how the dates cross over (the same calendar and a working lag — plain
integer arithmetic — or a conversion through wall-clock time). The commonest link by
far, finish-to-start without lag on one calendar, is kept apart as a bare node number
(`fs_preds`, `fs_succs`) so the passes spend the least time on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.calendar import WorkCalendar, shared_calendar
from ownersrep.domain.scheduling.model import (
    Convention,
    LagUnit,
    SchedProject,
    SchedTask,
    ScheduleError,
)
from ownersrep.domain.scheduling.topo import describe_loop, find_loop

FS, SS, FF, SF = 0, 1, 2, 3
KIND_OF = {LinkType.FS: FS, LinkType.SS: SS, LinkType.FF: FF, LinkType.SF: SF}

# Link modes: how a date crosses the link.
SAME = 0  # one calendar, working lag: integer arithmetic
LAG_DST = 1  # working lag counted in the successor's calendar, calendars differ
LAG_SRC = 2  # working lag counted in the predecessor's calendar, calendars differ
ELAPSED = 3  # elapsed (24 × 7) lag

# Node types.
PLAIN = 0  # a task or milestone without progress or a pinning constraint
SPECIAL = 1  # progress, MSO/MFO or ALAP: scheduled by the slower general path
SUM_IN = 2
SUM_OUT = 3

Link = tuple[int, int, int, int]

# Sentinels for "no floor" and "no ceiling", far beyond any real ordinal.
POS = 1 << 62
NEG = -POS

# Progress states of a task.
NOT_STARTED, STARTED, FINISHED = 0, 1, 2


def label(task: SchedTask) -> str:
    return task.name.strip() or f"#{task.id}"


@dataclass(eq=False)
class Network:
    project: SchedProject
    tasks: tuple[SchedTask, ...]
    calendars: list[WorkCalendar]
    n_nodes: int
    cal: list[int]  # per node: index into calendars
    ntype: list[int]  # per node
    out: list[int]  # per node: its out node (a plain task's own node)
    parent: list[int]  # per node: the parent summary's task index, or -1
    children: dict[int, list[int]]  # summary task index → child task indices
    preds: list[list[Link]]  # per in node: links in, from predecessors' out nodes
    succs: list[list[Link]]  # per out node: links out, to successors' in nodes
    fs_preds: list[list[int]]  # per in node: plain FS predecessors (one calendar, no lag)
    fs_succs: list[list[int]]  # per out node: plain FS successors
    order: list[int]
    warnings: list[str] = field(default_factory=list)
    shape_ntype: list[int] = field(default_factory=list)  # `ntype` as built (a run marks more)

    @property
    def n_tasks(self) -> int:
        return len(self.tasks)

    def is_summary(self, i: int) -> bool:
        return self.out[i] != i

    def links_in(self, v: int) -> list[Link]:
        return [(p, FS, 0, SAME) for p in self.fs_preds[v]] + list(self.preds[v])

    def links_out(self, v: int) -> list[Link]:
        return [(s, FS, 0, SAME) for s in self.fs_succs[v]] + list(self.succs[v])

    def for_project(self, project: SchedProject) -> Network | None:
        """This network for `project`, when `project` differs from the one it was built
        for only in what the network does not hold (the tasks' durations, constraints,
        progress, names; the status date; the finish constraint); else None.

        An edit of a few tasks' own fields keeps the links (the very tuple), the
        calendars and the outline: the next run then skips building the network."""
        old = self.project
        if (
            project.links is not old.links
            or project.default_calendar != old.default_calendar
            or project.convention != old.convention
            or project.start.date() != old.start.date()
            or (project.calendars is not old.calendars and project.calendars != old.calendars)
            or len(project.tasks) != len(old.tasks)
            or self.warnings  # they name tasks: build them again
        ):
            return None
        summary = TaskKind.SUMMARY
        for a, b in zip(old.tasks, project.tasks, strict=True):
            if a is not b and (
                a.id != b.id
                or a.parent_id != b.parent_id
                or a.calendar != b.calendar
                or (a.kind is summary) != (b.kind is summary)
            ):
                return None
        return replace(
            self,
            project=project,
            tasks=project.tasks,
            ntype=list(self.shape_ntype),
            warnings=[],
        )


def _calendars(
    project: SchedProject,
) -> tuple[list[WorkCalendar], dict[str, int], list[str | None]]:
    """The calendars in use (the default first), their index by key, and each task's key."""
    specs = {}
    for spec in project.calendars:
        if spec.key in specs:
            raise ScheduleError(f"Calendar key {spec.key!r} is used by two calendars")
        specs[spec.key] = spec
    task_calendars = [t.calendar for t in project.tasks]
    wanted = [project.default_calendar, *{k for k in task_calendars if k is not None}]
    missing = sorted({k for k in wanted if k not in specs})
    if missing:
        users = [label(t) for t in project.tasks if t.calendar in missing][:5]
        who = f" (used by {', '.join(users)})" if users else " (the project's default)"
        raise ScheduleError(f"Unknown calendar {', '.join(map(repr, missing))}{who}")
    origin = project.start.date()
    calendars: list[WorkCalendar] = []
    index: dict[str, int] = {}
    for key in dict.fromkeys(wanted):
        index[key] = len(calendars)
        calendars.append(shared_calendar(specs[key], origin))
    return calendars, index, task_calendars


def build_network(project: SchedProject) -> Network:
    tasks = project.tasks
    n = len(tasks)
    pos = {t.id: i for i, t in enumerate(tasks)}
    if len(pos) < n:
        seen: dict[int, SchedTask] = {}
        for t in tasks:
            if t.id in seen:
                first = label(seen[t.id])
                raise ScheduleError(f"Two tasks have the id {t.id}: {first}, {label(t)}")
            seen[t.id] = t
    calendars, cal_index, task_calendars = _calendars(project)
    default_cal = cal_index[project.default_calendar]
    warnings: list[str] = []

    # -- outline -------------------------------------------------------------------
    parent = [-1] * n
    children: dict[int, list[int]] = {}
    orphans = []
    nested = [(i, t) for i, t in enumerate(tasks) if t.parent_id is not None]
    for i, t in nested:
        p = pos.get(t.parent_id)
        if p is None:
            orphans.append(f"{label(t)} (parent #{t.parent_id})")
            continue
        parent[i] = p
        children.setdefault(p, []).append(i)
    if orphans:
        raise ScheduleError("Tasks whose summary task does not exist: " + ", ".join(orphans))
    summary = TaskKind.SUMMARY
    summaries = [i for i, t in enumerate(tasks) if t.kind is summary or i in children]
    for i in summaries:
        if tasks[i].kind is not summary:
            warnings.append(f"{label(tasks[i])} has subtasks, so it is scheduled as a summary")
    n_nodes = n + len(summaries)
    out = list(range(n_nodes))
    if len(cal_index) == 1:
        cal = [0] * n
    else:
        cal = [default_cal if k is None else cal_index[k] for k in task_calendars]
    ntype = [PLAIN] * n_nodes
    for j, i in enumerate(summaries):
        out[i] = n + j
        cal.append(cal[i])
        ntype[i] = SUM_IN
        ntype[n + j] = SUM_OUT
    parent.extend(parent[i] for i in summaries)

    # -- links ---------------------------------------------------------------------
    # Links other than plain FS are rare: a node without any shares one empty tuple.
    preds: list[list[Link]] = [()] * n_nodes  # type: ignore[list-item]
    succs: list[list[Link]] = [()] * n_nodes  # type: ignore[list-item]
    fs_preds: list[list[int]] = [[] for _ in range(n_nodes)]
    fs_succs: list[list[int]] = [[] for _ in range(n_nodes)]
    missing = []
    lag_in_pred = project.convention == Convention.P6
    find = pos.get
    plain_fs, working = LinkType.FS, LagUnit.WORKING
    for link in project.links:
        p = find(link.predecessor)
        s = find(link.successor)
        if p is None or s is None:
            pred = label(tasks[p]) if p is not None else f"missing task #{link.predecessor}"
            succ = label(tasks[s]) if s is not None else f"missing task #{link.successor}"
            missing.append(f"{pred} → {succ}")
            continue
        if p == s:
            raise ScheduleError(f"The links form a loop: {label(tasks[p])} → {label(tasks[p])}")
        src = out[p]
        lt = link.type
        lag = link.lag
        unit = link.lag_unit
        if lt is plain_fs and not lag and unit is working and cal[src] == cal[s]:
            fs_preds[s].append(src)  # the common case, kept apart
            fs_succs[src].append(s)
            continue
        kind = KIND_OF[LinkType(lt)]
        if unit == LagUnit.ELAPSED:
            mode = ELAPSED
        elif cal[src] == cal[s]:
            if kind == FS and not lag:
                fs_preds[s].append(src)
                fs_succs[src].append(s)
                continue
            mode = SAME
        else:
            mode = LAG_SRC if lag_in_pred else LAG_DST
        entry = (src, kind, lag, mode)
        if preds[s]:
            preds[s].append(entry)
        else:
            preds[s] = [entry]
        entry = (s, kind, lag, mode)
        if succs[src]:
            succs[src].append(entry)
        else:
            succs[src] = [entry]
    if missing:
        raise ScheduleError("Links to tasks that do not exist: " + "; ".join(missing))

    # -- order ---------------------------------------------------------------------
    order = _order(n, out, parent, children, fs_succs, succs, fs_preds, preds)
    if order is None:
        edges = [fs + [d for d, _, _, _ in more] for fs, more in zip(fs_succs, succs, strict=True)]
        for p, kids in children.items():
            edges[p].append(out[p])
            for c in kids:
                edges[p].append(c)
                edges[out[c]].append(out[p])
        loop = find_loop(edges)

        def name_of(node: int) -> str:
            return label(tasks[node if node < n else summaries[node - n]])

        raise ScheduleError(f"The links form a loop: {describe_loop(loop, name_of)}")
    return Network(
        project=project,
        tasks=tasks,
        calendars=calendars,
        n_nodes=n_nodes,
        cal=cal,
        ntype=ntype,
        out=out,
        parent=parent,
        children=children,
        preds=preds,
        succs=succs,
        fs_preds=fs_preds,
        fs_succs=fs_succs,
        order=order,
        warnings=warnings,
        shape_ntype=list(ntype),
    )


def _order(
    n: int,
    out: list[int],
    parent: list[int],
    children: dict[int, list[int]],
    fs_succs: list[list[int]],
    succs: list[list[Link]],
    fs_preds: list[list[int]],
    preds: list[list[Link]],
) -> list[int] | None:
    """Kahn's algorithm straight over the link lists, without building an edge list;
    None when there is a loop.

    Edges: every link (out node → in node); a summary's in node → each child and → its
    own out node; a task's (or a summary's out) node → its parent's out node."""
    n_nodes = len(out)
    indegree = [len(a) + len(b) for a, b in zip(fs_preds, preds, strict=True)]
    if n_nodes == n and not children:  # no outline: the links alone
        order = [v for v in range(n) if not indegree[v]]
        append = order.append
        for u in order:  # the list grows as nodes free up
            for t in fs_succs[u]:
                indegree[t] -= 1
                if not indegree[t]:
                    append(t)
            for t, _, _, _ in succs[u]:
                indegree[t] -= 1
                if not indegree[t]:
                    append(t)
        return order if len(order) == n_nodes else None
    for v in range(n):
        if parent[v] >= 0:
            indegree[v] += 1
        if out[v] != v:
            indegree[out[v]] += len(children.get(v, ())) + 1
    order = [v for v in range(n_nodes) if not indegree[v]]
    append = order.append
    for u in order:
        if u < n and out[u] != u:  # a summary's in node
            for t in [*children.get(u, ()), out[u]]:
                indegree[t] -= 1
                if not indegree[t]:
                    append(t)
            continue
        for t in fs_succs[u]:
            indegree[t] -= 1
            if not indegree[t]:
                append(t)
        for t, _, _, _ in succs[u]:
            indegree[t] -= 1
            if not indegree[t]:
                append(t)
        p = parent[u]
        if p >= 0:
            t = out[p]
            indegree[t] -= 1
            if not indegree[t]:
                append(t)
    return order if len(order) == n_nodes else None
