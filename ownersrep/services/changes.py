"""What a use case changed, so that each view refreshes only what it shows (as Anki's
OpChanges do)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Entities touched by one operation.

    `structural` is true when rows were added, removed or moved, and false when only
    fields of existing rows changed (a view may then update rows in place)."""

    entities: frozenset[str] = field(default_factory=frozenset)
    project_ids: frozenset[int] = field(default_factory=frozenset)
    ids: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    structural: bool = False

    @classmethod
    def of(
        cls,
        entity: str,
        ids: Iterable[int] = (),
        project_id: int | None = None,
        *,
        structural: bool = False,
    ) -> Changes:
        return cls(
            entities=frozenset({entity}),
            project_ids=frozenset() if project_id is None else frozenset({project_id}),
            ids=frozenset((entity, i) for i in ids),
            structural=structural,
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.entities | other.entities,
            self.project_ids | other.project_ids,
            self.ids | other.ids,
            self.structural or other.structural,
        )

    def touches(self, entity: str, project_id: int | None = None) -> bool:
        if entity not in self.entities:
            return False
        return project_id is None or not self.project_ids or project_id in self.project_ids

    def ids_of(self, entity: str) -> set[int]:
        return {i for e, i in self.ids if e == entity}


NOTHING = Changes()


def rescheduled(ids: Iterable[int], project_id: int | None) -> Changes:
    """Tasks whose computed dates, float or critical flag a reschedule changed (entity
    "schedule"), apart from the tasks the edit itself changed (entity "task")."""
    return Changes.of("schedule", ids, project_id)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A use case's result: the value for the caller and what it changed."""

    value: T
    changes: Changes
