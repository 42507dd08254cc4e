"""Fixtures for every test: a fresh workspace file, its services, a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ownersrep.db.workspace import Workspace, create_workspace
from ownersrep.services.context import ServiceContext

TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Backups, logs and settings of a test never touch the developer's own folders."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("OWNERSREP_BACKUP_DIR", str(base / "backups"))
    monkeypatch.setenv("OWNERSREP_LOG_DIR", str(base / "logs"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = create_workspace(tmp_path / "test.orep")
    yield ws
    ws.close()


@pytest.fixture
def ctx(workspace: Workspace) -> ServiceContext:
    return ServiceContext(workspace.sessions, today=lambda: TODAY)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # As qutebrowser does: everything under tests/gui needs a QApplication.
    for item in items:
        if "tests/gui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
