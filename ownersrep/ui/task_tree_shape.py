"""The pure tree arithmetic behind TaskTreeModel: parent → children lists in tree (WBS)
order, the same lists sorted by a column, row positions, the shown order, the spans of
changed rows per parent, and the name/WBS filter. No Qt here.

`Children` maps a parent id (None for the top level) to its children's ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ownersrep.services.task_service import TaskRow

Children = dict[int | None, list[int]]
Key = Callable[[int], Any]


def tree_shape(rows: Iterable[TaskRow]) -> tuple[Children, dict[int, int | None]]:
    """Children lists in the rows' (tree) order, and each row's parent."""
    children: Children = {None: []}
    parent: dict[int, int | None] = {}
    for r in rows:
        siblings = children.get(r.parent_id)
        if siblings is None:
            siblings = children[r.parent_id] = []
        siblings.append(r.id)
        parent[r.id] = r.parent_id
    return children, parent


def ordered(kids: list[int], key: Key | None, descending: bool) -> list[int]:
    """Siblings in the shown order. `key` None is tree order (WBS). A stable sort, so
    ties keep tree order, descending too."""
    if key is None:
        return kids[::-1] if descending else list(kids)
    return sorted(kids, key=key, reverse=descending)


def sort_children(shape: Children, key: Key | None, descending: bool) -> Children:
    return {p: ordered(kids, key, descending) for p, kids in shape.items()}


def positions(children: Children) -> dict[int, int]:
    """Each row's number among its siblings."""
    out: dict[int, int] = {}
    for kids in children.values():
        out.update(zip(kids, range(len(kids)), strict=True))
    return out


def preorder(children: Mapping[int | None, Sequence[int]]) -> list[int]:
    """All ids, each parent before its children, siblings in the lists' order."""
    out: list[int] = []
    stack: list[int] = list(reversed(children.get(None, ())))
    while stack:
        node = stack.pop()
        out.append(node)
        kids = children.get(node)
        if kids:
            stack.extend(reversed(kids))
    return out


def change_spans(
    ids: Iterable[int], position: Mapping[int, int], parent: Mapping[int, int | None]
) -> dict[int | None, tuple[int, int]]:
    """Per parent, the first and last row number among these ids."""
    spans: dict[int | None, tuple[int, int]] = {}
    for task_id in ids:
        at, key = position[task_id], parent[task_id]
        span = spans.get(key)
        if span is None:
            spans[key] = (at, at)
        elif at < span[0]:
            spans[key] = (at, span[1])
        elif at > span[1]:
            spans[key] = (span[0], at)
    return spans


def matching_ids(rows: Sequence[TaskRow], text: str) -> set[int]:
    """Rows whose name contains `text` (casefolded) or whose WBS is `text` or under it,
    and their ancestors."""
    by_id = {r.id: r for r in rows}
    keep: set[int] = set()
    for r in rows:
        if text in r.name.casefold() or r.wbs == text or r.wbs.startswith(text + "."):
            node: int | None = r.id
            while node is not None and node not in keep:
                keep.add(node)
                node = by_id[node].parent_id if node in by_id else None
    return keep
