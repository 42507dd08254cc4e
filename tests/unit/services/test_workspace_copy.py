import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from ownersrep.db.workspace import Workspace, inspect_file
from ownersrep.domain.errors import WorkspaceError
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyService
from ownersrep.services.workspace_copy import save_copy


def test_copy_holds_committed_data_and_is_private(
    workspace: Workspace, ctx: ServiceContext, tmp_path: Path
) -> None:
    PartyService(ctx).create("Summit Builders Inc.", "contractor")
    target = save_copy(workspace.path, tmp_path / "copy.orep")
    assert inspect_file(target).needs_upgrade is False
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT name FROM party").fetchall() == [("Summit Builders Inc.",)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".copy-*"))


def test_copy_refuses_to_replace_its_original(workspace: Workspace) -> None:
    with pytest.raises(WorkspaceError, match="cannot replace its original"):
        save_copy(workspace.path, workspace.path)


def test_copy_into_missing_folder_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="does not exist"):
        save_copy(workspace.path, tmp_path / "nowhere" / "copy.orep")
