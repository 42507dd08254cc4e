"""Save a copy: a consistent snapshot of the open workspace in another file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from ownersrep.db.workspace import connect_read_only
from ownersrep.domain.errors import WorkspaceError


def save_copy(source: Path, target: Path) -> Path:
    """Copy with SQLite's online backup API (consistent even while the app writes),
    into a temporary file beside the target that replaces it only when complete."""
    source, target = Path(source).resolve(), Path(target).resolve()
    if source == target:
        raise WorkspaceError("Choose another file name: a copy cannot replace its original.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    fd, tmp_name = tempfile.mkstemp(prefix=".copy-", suffix=".orep", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with (
            contextlib.closing(connect_read_only(source)) as src,
            contextlib.closing(sqlite3.connect(tmp)) as dst,
        ):
            src.backup(dst)
            # A copy is a single self-contained file: no WAL beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise WorkspaceError(f"Could not write {target.name}: {exc}") from None
    return target
