"""Undo commands for workspace-wide settings."""

from __future__ import annotations

from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand


class RenamePortfolioCommand(ServiceCommand):
    def __init__(self, services: AppServices, bus: ChangeBus, name: str) -> None:
        super().__init__("Rename portfolio", bus)
        self._services = services
        self._new = name
        self._old = ""

    def do(self) -> Changes:
        outcome = self._services.info.rename(self._new)
        self._old = outcome.value
        return outcome.changes

    def revert(self) -> Changes:
        return self._services.info.rename(self._old).changes
