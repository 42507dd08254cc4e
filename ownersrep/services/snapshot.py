"""Row snapshots, so that a delete can be undone with the same ids (and the same issue
numbers, which are never reused)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

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


R = TypeVar("R")


def _field(row: Any, key: str) -> Any:
    # ORM objects and plain row dicts (Core snapshots) alike.
    return row[key] if isinstance(row, dict) else getattr(row, key)


def depth_levels(objs: Sequence[R], parent_key: str = "parent_id") -> list[list[R]]:
    """Group self-referencing rows by depth: roots first, then their children, ...

    A row whose parent is not among `objs` counts as a root."""
    by_id = {_field(o, "id"): o for o in objs}
    depth: dict[int, int] = {}

    def depth_of(o: R) -> int:
        oid = _field(o, "id")
        if oid not in depth:
            parent = by_id.get(_field(o, parent_key))
            depth[oid] = 0 if parent is None else depth_of(parent) + 1
        return depth[oid]

    levels: list[list[R]] = []
    for o in objs:
        d = depth_of(o)
        while len(levels) <= d:
            levels.append([])
        levels[d].append(o)
    return levels


def parents_first(objs: Sequence[R], parent_key: str = "parent_id") -> list[R]:
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
