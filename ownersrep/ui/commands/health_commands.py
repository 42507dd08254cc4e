"""Undo commands of project health: the rep's RAG overrides, closing a reporting period,
and the prioritisation weights and ratings.

Each undo puts back exactly what the service replaced: the previous override (or none),
the snapshot row of the closed period (so redo restores the very figures that were
stored, not today's), the previous criteria, the previous rating.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ownersrep.domain.health.rag import Area, Rag
from ownersrep.domain.health.scoring import Criterion
from ownersrep.services.changes import Changes
from ownersrep.services.health_service import HealthService
from ownersrep.services.health_types import OverrideDTO
from ownersrep.services.priority_service import PriorityService
from ownersrep.services.snapshot import Snapshot
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand


class SetRagOverrideCommand(ServiceCommand):
    """Show `rag` for an area of a project instead of the derived status, with the
    commentary; undo restores the override it replaced, or none."""

    def __init__(
        self,
        health: HealthService,
        bus: ChangeBus,
        project_id: int,
        area: Area | str,
        rag: Rag | str,
        commentary: str,
    ) -> None:
        self.area = Area(area)
        super().__init__(f"Override {self.area.label.lower()} status", bus)
        self._health = health
        self.project_id = project_id
        self._rag = rag
        self._commentary = commentary
        self._old: OverrideDTO | None = None

    def do(self) -> Changes:
        out = self._health.set_override(self.project_id, self.area, self._rag, self._commentary)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._health.restore_override(self.project_id, self.area, self._old)


class ClearRagOverrideCommand(ServiceCommand):
    """Show the derived status again; undo puts the override back as it was."""

    def __init__(
        self, health: HealthService, bus: ChangeBus, project_id: int, area: Area | str
    ) -> None:
        self.area = Area(area)
        super().__init__(f"Clear {self.area.label.lower()} override", bus)
        self._health = health
        self.project_id = project_id
        self._old: OverrideDTO | None = None

    def do(self) -> Changes:
        out = self._health.clear_override(self.project_id, self.area)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._health.restore_override(self.project_id, self.area, self._old)


class ClosePeriodCommand(ServiceCommand):
    """Store the project's KPIs and statuses for the period "YYYY-MM". Undo reopens the
    period; redo puts back the snapshot that undo removed."""

    def __init__(self, health: HealthService, bus: ChangeBus, project_id: int, period: str):
        super().__init__(f"Close period {period.strip()}", bus)
        self._health = health
        self.project_id = project_id
        self.period = period.strip()
        self.snapshot_id: int | None = None
        self._removed: Snapshot | None = None

    def do(self) -> Changes:
        if self._removed is not None:
            return self._health.restore_period(self._removed)
        out = self._health.close_period(self.project_id, self.period)
        self.snapshot_id = out.value
        return out.changes

    def revert(self) -> Changes:
        out = self._health.reopen_period(self.project_id, self.period)
        self._removed = out.value
        return out.changes


class SetPriorityWeightsCommand(ServiceCommand):
    """Change the criteria weights (whole percent by criterion key, adding up to 100);
    undo restores the previous criteria."""

    def __init__(
        self, priorities: PriorityService, bus: ChangeBus, weights: Mapping[str, Any]
    ) -> None:
        super().__init__("Change prioritisation weights", bus)
        self._priorities = priorities
        self._weights = dict(weights)
        self._old: tuple[Criterion, ...] = ()

    def do(self) -> Changes:
        out = self._priorities.set_weights(self._weights)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._priorities.set_criteria(self._old).changes


class SetPriorityRatingCommand(ServiceCommand):
    """Rate a project 1–5 on one criterion (None clears); undo restores the old rating."""

    def __init__(
        self,
        priorities: PriorityService,
        bus: ChangeBus,
        project_id: int,
        key: str,
        rating: Any,
        label: str = "",
    ) -> None:
        super().__init__(f"Rate {label or key}".strip(), bus)
        self._priorities = priorities
        self.project_id = project_id
        self.key = key
        self._rating = rating
        self._old: int | None = None

    def do(self) -> Changes:
        out = self._priorities.set_rating(self.project_id, self.key, self._rating)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._priorities.set_rating(self.project_id, self.key, self._old).changes
