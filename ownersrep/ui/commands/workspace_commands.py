"""Undo commands for workspace-wide settings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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


class SetThresholdsCommand(ServiceCommand):
    """Change the workspace's RAG thresholds (given in `Thresholds.to_dict` form)."""

    def __init__(
        self, services: AppServices, bus: ChangeBus, thresholds: Mapping[str, Any]
    ) -> None:
        super().__init__("Change RAG thresholds", bus)
        self._services = services
        self._new = dict(thresholds)
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        outcome = self._services.health.set_thresholds(self._new)
        self._old = outcome.value
        return outcome.changes

    def revert(self) -> Changes:
        return self._services.health.set_thresholds(self._old).changes
