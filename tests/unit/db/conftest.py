"""Fixtures for the workspace-file tests: a backup folder per test and small helpers."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from ownersrep.db.models import Party
from ownersrep.db.workspace import (
    Workspace,
    connect_read_only,
    create_workspace,
    open_workspace,
)


@pytest.fixture
def backup_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """OWNERSREP_BACKUP_DIR for this test (tests/conftest.py sets one too; be explicit)."""
    root = tmp_path / "backup-root"
    monkeypatch.setenv("OWNERSREP_BACKUP_DIR", str(root))
    return root


def add_party(ws: Workspace, name: str) -> None:
    with ws.sessions.begin() as s:
        s.add(Party(name=name, role="contractor", notes=""))


def party_names(path: Path) -> list[str]:
    # connect_read_only: a plain mode=ro open would leave -wal/-shm files behind.
    with closing(connect_read_only(path)) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM party ORDER BY name")]


@pytest.fixture
def make_workspace(tmp_path: Path) -> Callable[..., Path]:
    """Create a closed workspace file holding the given parties."""

    def make(name: str = "clinic.orep", parties: tuple[str, ...] = ()) -> Path:
        path = tmp_path / name
        with create_workspace(path) as ws:
            for party in parties:
                add_party(ws, party)
        return path

    return make


def change(path: Path, party: str) -> None:
    """Add a party to a closed workspace (an audited change)."""
    with open_workspace(path) as ws:
        add_party(ws, party)
