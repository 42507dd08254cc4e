"""Row snapshots, so that a delete can be undone with the same ids (and the same issue
numbers, which are never reused)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from ownersrep.db.base import Base


def row_values(obj: Base) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs}


@dataclass(frozen=True)
class Snapshot:
    """Rows of several tables, in the order they must be inserted again."""

    parts: tuple[tuple[type[Base], tuple[dict[str, Any], ...]], ...]

    def count(self, model: type[Base]) -> int:
        return sum(len(rows) for m, rows in self.parts if m is model)


def capture(parts: Iterable[tuple[type[Base], Sequence[Base]]]) -> Snapshot:
    return Snapshot(tuple((model, tuple(row_values(o) for o in objs)) for model, objs in parts))


def depth_levels(objs: Sequence[Base], parent_key: str = "parent_id") -> list[list[Base]]:
    """Group self-referencing rows by depth: roots first, then their children, ..."""
    by_id = {o.id: o for o in objs}  # type: ignore[attr-defined]
    depth: dict[int, int] = {}

    def depth_of(o: Base) -> int:
        oid = o.id  # type: ignore[attr-defined]
        if oid not in depth:
            parent = by_id.get(getattr(o, parent_key))
            depth[oid] = 0 if parent is None else depth_of(parent) + 1
        return depth[oid]

    levels: list[list[Base]] = []
    for o in objs:
        d = depth_of(o)
        while len(levels) <= d:
            levels.append([])
        levels[d].append(o)
    return levels


def parents_first(objs: Sequence[Base], parent_key: str = "parent_id") -> list[Base]:
    """Order self-referencing rows so that each parent precedes its children."""
    return [o for level in depth_levels(objs, parent_key) for o in level]


def delete_deepest_first(session: Session, objs: Sequence[Base]) -> None:
    """Delete a tree of rows leaf level by leaf level, each level in its own flush, so
    that no FK cascade removes a row the ORM still expects to delete (and audit)."""
    for level in reversed(depth_levels(objs)):
        for o in level:
            session.delete(o)
        session.flush()


def restore(session: Session, snapshot: Snapshot) -> None:
    """Insert the snapshot's rows again through the ORM, so that the audit records them."""
    for model, rows in snapshot.parts:
        for values in rows:
            session.add(model(**values))
        session.flush()
