"""Undo commands for schedule-wide edits: the status date and progress up to it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ownersrep.services.changes import Changes
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices


class SetStatusDateCommand(ServiceCommand):
    def __init__(
        self, services: AppServices, bus: ChangeBus, project_id: int, day: date | None
    ) -> None:
        text = f"Set status date to {day:%d %b %Y}" if day else "Clear the status date"
        super().__init__(text, bus)
        self._schedule = services.schedule
        self._project_id = project_id
        self._day = day
        self._old: tuple[date | None, datetime | None] = (None, None)

    def do(self) -> Changes:
        out = self._schedule.set_status_date(self._project_id, self._day)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._schedule.restore_status_date(self._project_id, self._old)


class MarkOnScheduleCommand(ServiceCommand):
    """Progress as planned up to the status date, for the chosen tasks."""

    def __init__(self, services: AppServices, bus: ChangeBus, task_ids: Sequence[int]) -> None:
        super().__init__("Mark on schedule", bus)
        self._schedule = services.schedule
        self._ids = list(task_ids)
        self._old: dict[int, dict[str, Any]] = {}

    def do(self) -> Changes:
        out = self._schedule.mark_on_schedule(self._ids)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._schedule.set_stored_fields(self._old).changes
