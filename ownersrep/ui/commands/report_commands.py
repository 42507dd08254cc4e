"""Undo commands of the owner report: the rep's record of a period (narrative,
achievements, names, number), a project's report choices (sections, look-ahead), and
the workspace's branding (organisation, logos, confidentiality marking).

Each service returns the values it replaced; undo saves them back, redo saves the new
ones again. Issuing a report (`ReportService.mark_issued`) is not a command: it records
that a PDF left the app, which undo cannot call back (see `report_dialog`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ownersrep.services.changes import Changes
from ownersrep.services.report_types import ReportChoices
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices


class SavePeriodRecordCommand(ServiceCommand):
    """Save what the rep wrote for a project and period ("2026-10") in one step."""

    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        project_id: int,
        period: str,
        values: Mapping[str, Any],
    ) -> None:
        super().__init__(f"Edit report record {period}", bus)
        self._services = services
        self.project_id = project_id
        self.period = period
        self._new = dict(values)
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        outcome = self._services.report_periods.save(self.project_id, self.period, self._new)
        self._old = dict(outcome.value)
        return outcome.changes

    def revert(self) -> Changes:
        return self._services.report_periods.save(self.project_id, self.period, self._old).changes


class SetReportChoicesCommand(ServiceCommand):
    """Choose which sections a project's report prints and how far its look-ahead
    reaches; undo restores the previous choices."""

    def __init__(
        self, services: AppServices, bus: ChangeBus, project_id: int, choices: ReportChoices
    ) -> None:
        super().__init__("Change report sections", bus)
        self._services = services
        self.project_id = project_id
        self._new = choices
        self._old: ReportChoices | None = None

    def do(self) -> Changes:
        outcome = self._services.report_settings.set_choices(self.project_id, self._new)
        self._old = outcome.value
        return outcome.changes

    def revert(self) -> Changes:
        assert self._old is not None
        return self._services.report_settings.set_choices(self.project_id, self._old).changes


class SetBrandingCommand(ServiceCommand):
    """Change the workspace's report branding (keys organisation, client_logo, our_logo,
    confidentiality); undo restores the previous values."""

    def __init__(self, services: AppServices, bus: ChangeBus, values: Mapping[str, Any]) -> None:
        super().__init__("Change report branding", bus)
        self._services = services
        self._new = dict(values)
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        outcome = self._services.report_settings.set_branding(self._new)
        self._old = dict(outcome.value)
        return outcome.changes

    def revert(self) -> Changes:
        return self._services.report_settings.set_branding(self._old).changes
