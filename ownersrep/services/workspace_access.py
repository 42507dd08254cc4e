"""The one way the app opens a workspace. The GUI holds an `OpenWorkspace` handle and its
services, never the engine or a session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ownersrep.db.workspace import Workspace, open_for_use
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext


class OpenWorkspace:
    """An open, locked workspace file and the services that work on it."""

    def __init__(self, workspace: Workspace, today: Callable[[], date] = date.today) -> None:
        self._workspace = workspace
        self.services = AppServices(ServiceContext(workspace.sessions, today=today))

    @property
    def path(self) -> Path:
        return self._workspace.path

    @property
    def warnings(self) -> list[str]:
        return list(self._workspace.warnings)

    @property
    def upgraded_from(self) -> str | None:
        return self._workspace.upgraded_from

    def close(self) -> None:
        """Release the connections and the lock (idempotent)."""
        self._workspace.close()


def open_workspace_for_use(path: Path, *, create: bool = False) -> OpenWorkspace:
    """Lock, create or inspect and upgrade, back up, and check the location (see
    `ownersrep.db.workspace.open_for_use`)."""
    return OpenWorkspace(open_for_use(path, create=create))
