"""Open or create a workspace file safely.

A file is opened only if it is an SQLite database stamped with our application_id, passes
`PRAGMA quick_check`, and has a schema revision this version knows. Every check before
the upgrade reads the file in read-only mode, so a refused file is never modified.
An older schema is upgraded only after a backup has been taken.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from ownersrep.db import migrate
from ownersrep.db.engine import APPLICATION_ID, make_engine, make_sessionmaker
from ownersrep.domain.errors import WorkspaceError

SQLITE_HEADER = b"SQLite format 3\x00"
EXTENSION = ".orep"


@dataclass
class Workspace:
    """An open workspace: its engine and session factory. Close it when done."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    warnings: list[str] = field(default_factory=list)
    upgraded_from: str | None = None
    _on_close: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for callback in reversed(self._on_close):
            callback()
        self._on_close.clear()
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _restrict_mode(path: Path) -> None:
    # Budgets and disputes are confidential: the owner alone may read the file.
    if os.name == "posix":
        os.chmod(path, 0o600)


def create_workspace(path: Path) -> Workspace:
    """Create a new, empty workspace at the head schema."""
    path = Path(path)
    if path.exists():
        raise WorkspaceError(f"{path} already exists; choose another name.")
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise WorkspaceError(f"Cannot create {path}: {exc.strerror}.") from None
    os.close(fd)
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            migrate.upgrade(conn)
    except Exception:
        engine.dispose()
        path.unlink(missing_ok=True)
        raise
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            _restrict_mode(side)
    _restrict_mode(path)
    return Workspace(path=path, engine=engine, sessions=make_sessionmaker(engine))


@dataclass(frozen=True)
class FileInspection:
    """What a read-only look at a workspace file found."""

    revision: str | None
    needs_upgrade: bool


def inspect_file(path: Path) -> FileInspection:
    """Refuse anything that is not a healthy OwnersRep workspace of a known schema.

    Opens the file read-only; raises WorkspaceError with a message for the user."""
    path = Path(path)
    if not path.exists():
        raise WorkspaceError(f"{path} does not exist.")
    if not path.is_file():
        raise WorkspaceError(f"{path} is not a file.")
    with open(path, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise WorkspaceError(
            f"{path.name} is not an OwnersRep workspace (it is not an SQLite database)."
        )
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise WorkspaceError(
            f"{path.name} is an SQLite database from another application "
            f"(application id {app_id:#x}), not an OwnersRep workspace."
        )
    uri = f"file:{path.as_posix()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise WorkspaceError(f"{path.name} cannot be read: {exc}.") from None
    try:
        try:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(f"{path.name} is damaged and was not opened: {exc}.") from None
        if problems != ["ok"]:
            raise WorkspaceError(
                f"{path.name} is damaged and was not opened ({'; '.join(problems)}). "
                "Restore a backup from File → Backups."
            )
        try:
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.DatabaseError:
            rows = []
    finally:
        conn.close()
    revision = rows[0][0] if rows else None
    if revision is None:
        raise WorkspaceError(f"{path.name} has no schema version; it was not opened.")
    if revision not in migrate.known_revisions():
        raise WorkspaceError(
            f"{path.name} was saved by a newer version of OwnersRep (schema {revision}). "
            "Update OwnersRep to open it; the file was not changed."
        )
    return FileInspection(revision=revision, needs_upgrade=revision != migrate.head_revision())


def open_workspace(
    path: Path,
    *,
    before_upgrade: Callable[[Path], object] | None = None,
) -> Workspace:
    """Open an existing workspace, upgrading an older schema after `before_upgrade`
    (which takes the backup) has returned."""
    path = Path(path)
    found = inspect_file(path)
    if found.needs_upgrade and before_upgrade is not None:
        before_upgrade(path)
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            if found.needs_upgrade:
                migrate.upgrade(conn)
            conn.execute(text("SELECT 1"))
    except Exception:
        engine.dispose()
        raise
    return Workspace(
        path=path,
        engine=engine,
        sessions=make_sessionmaker(engine),
        upgraded_from=found.revision if found.needs_upgrade else None,
    )
