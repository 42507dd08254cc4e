"""P6's WBS (the PROJWBS table) as summary tasks, and the outline order of a schedule.

The project's own root node (`proj_node_flag` = Y) is the project itself, not a task: its
activities and child nodes become top-level. Under each node P6 lists the activities
first (by Activity ID) and then the child nodes (by `seq_num`); the outline here follows
that order, each summary before what it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from ownersrep.domain.enums import TaskKind
from ownersrep.interchange.schedule_file import ImportedTask, ScheduleFileError
from ownersrep.interchange.xer_tables import XerFile, XerRow

WBS_PREFIX = "wbs:"


def wbs_key(wbs_id: str) -> str:
    return WBS_PREFIX + wbs_id


@dataclass(frozen=True)
class WbsTree:
    root_id: str | None  # the project node, which is not a task
    rows: dict[str, XerRow]  # wbs_id → row, the project's nodes except the root
    parent: dict[str, str | None]  # wbs_id → parent wbs_id (None: top level)
    code: dict[str, str]  # wbs_id → WBS code built from short names
    root_name: str | None

    def parent_key(self, wbs_id: str) -> str | None:
        """The summary key above an activity assigned to `wbs_id` (None: top level)."""
        return wbs_key(wbs_id) if wbs_id in self.rows else None

    def knows(self, wbs_id: str) -> bool:
        return wbs_id in self.rows or wbs_id == self.root_id


def read_wbs(xer: XerFile, proj_id: str, separator: str) -> tuple[WbsTree, list[str]]:
    rows = [r for r in xer.rows("PROJWBS") if not r.get("proj_id") or r.get("proj_id") == proj_id]
    by_id: dict[str, XerRow] = {}
    for row in rows:
        wbs_id = row.get("wbs_id")
        if not wbs_id:
            raise xer.error(row.where, "a WBS node without a wbs_id")
        if wbs_id in by_id:
            raise xer.error(row.where, f"wbs_id {wbs_id} is already used by {by_id[wbs_id].where}")
        by_id[wbs_id] = row
    roots = [i for i, r in by_id.items() if r.get("proj_node_flag") == "Y"]
    root_id = roots[0] if len(roots) == 1 else None
    warnings: list[str] = []
    if len(roots) > 1:
        warnings.append(f"PROJWBS: {len(roots)} project nodes; all were kept as summaries.")
    nodes = {i: r for i, r in by_id.items() if i != root_id}
    parent: dict[str, str | None] = {}
    for wbs_id, row in nodes.items():
        up = row.get("parent_wbs_id")
        parent[wbs_id] = up if up in nodes else None
        if up not in nodes and up != root_id and root_id is not None:
            warnings.append(
                f"{row.where}: WBS '{row.get('wbs_name')}' has parent {up or '(none)'}, "
                "which is not in this project; it was put at the top level."
            )
    _check_loops(xer, nodes, parent)
    root_code = by_id[root_id].get("wbs_short_name") if root_id is not None else ""
    code: dict[str, str] = {}
    for wbs_id in nodes:
        code[wbs_id] = _code(wbs_id, nodes, parent, root_code, separator, code)
    root_name = by_id[root_id].get("wbs_name") if root_id is not None else None
    return WbsTree(root_id, nodes, parent, code, root_name), warnings


def _check_loops(xer: XerFile, nodes: dict[str, XerRow], parent: dict[str, str | None]) -> None:
    for start in nodes:
        seen = {start}
        up = parent[start]
        while up is not None:
            if up in seen:
                raise xer.error(nodes[start].where, f"the WBS loops back on itself at node {up}")
            seen.add(up)
            up = parent[up]


def _code(
    wbs_id: str,
    nodes: dict[str, XerRow],
    parent: dict[str, str | None],
    root_code: str,
    separator: str,
    done: dict[str, str],
) -> str:
    chain: list[str] = []
    node: str | None = wbs_id
    while node is not None and node not in done:
        chain.append(nodes[node].get("wbs_short_name"))
        node = parent[node]
    prefix = done[node] if node is not None else root_code
    parts = [prefix] if prefix else []
    return separator.join(parts + list(reversed(chain)))


def wbs_summaries(tree: WbsTree) -> list[ImportedTask]:
    return [
        ImportedTask(
            key=wbs_key(wbs_id),
            name=row.get("wbs_name") or row.get("wbs_short_name") or f"WBS {wbs_id}",
            parent_key=wbs_key(up) if (up := tree.parent[wbs_id]) is not None else None,
            kind=TaskKind.SUMMARY,
            wbs=tree.code[wbs_id],
        )
        for wbs_id, row in tree.rows.items()
    ]


def outline(
    tree: WbsTree, summaries: list[ImportedTask], activities: list[ImportedTask]
) -> tuple[ImportedTask, ...]:
    """All tasks in outline order, summaries carrying the span of what they hold."""
    acts_under: dict[str | None, list[ImportedTask]] = {}
    for task in activities:
        acts_under.setdefault(task.parent_key, []).append(task)
    nodes_under: dict[str | None, list[ImportedTask]] = {}
    for summary in summaries:
        nodes_under.setdefault(summary.parent_key, []).append(summary)

    def node_order(task: ImportedTask) -> tuple[int, list[tuple[int, int, str]]]:
        row = tree.rows[task.key.removeprefix(WBS_PREFIX)]
        return _int(row.get("seq_num")), natural_key(row.get("wbs_short_name"))

    ordered: list[ImportedTask] = []

    def emit(parent: str | None) -> None:
        for task in sorted(acts_under.get(parent, ()), key=lambda t: natural_key(t.wbs)):
            ordered.append(task)
        for summary in sorted(nodes_under.get(parent, ()), key=node_order):
            ordered.append(summary)
            emit(summary.key)

    emit(None)
    return _rolled_up(ordered)


def _rolled_up(tasks: list[ImportedTask]) -> tuple[ImportedTask, ...]:
    """Give each summary the earliest start and latest finish of the tasks under it."""
    span: dict[str, tuple[list[datetime], list[datetime]]] = {}
    index = {t.key: i for i, t in enumerate(tasks)}
    for task in reversed(tasks):
        if task.kind is TaskKind.SUMMARY:
            starts, finishes = span.get(task.key, ([], []))
            first, last = min(starts, default=None), max(finishes, default=None)
            task = replace(task, start=first, finish=last)
            tasks[index[task.key]] = task
        if task.parent_key is not None:
            starts, finishes = span.setdefault(task.parent_key, ([], []))
            if task.start is not None:
                starts.append(task.start)
            if task.finish is not None:
                finishes.append(task.finish)
    return tuple(tasks)


def natural_key(text: str) -> list[tuple[int, int, str]]:
    """Sort "A9" before "A10": digits compare as numbers."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in _DIGITS.split(text) if p]


_DIGITS = re.compile(r"(\d+)")


def _int(text: str) -> int:
    try:
        return int(float(text))
    except ValueError:
        return 0


def check_wbs_ids(xer: XerFile, tree: WbsTree, rows: Iterable[XerRow]) -> None:
    """Every activity's wbs_id must be a node of the project (when PROJWBS is there)."""
    if not xer.has("PROJWBS"):
        return
    for row in rows:
        wbs_id = row.get("wbs_id")
        if wbs_id and not tree.knows(wbs_id):
            raise ScheduleFileError(
                xer.path, row.where, f"wbs_id {wbs_id} is not a WBS node of this project"
            )
