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
    # Run once every connection is closed: releasing the workspace lock any earlier
    # would let another window in while this one can still write.
    _after_dispose: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for callback in reversed(self._on_close):
            callback()
        self._on_close.clear()
        self.engine.dispose()
        for callback in reversed(self._after_dispose):
            callback()
        self._after_dispose.clear()

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


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection that leaves no trace beside a file nobody has open.

    A plain `mode=ro` open of a WAL database creates `-wal` and `-shm` files and cannot
    remove them again. When no `-wal` exists there is nothing to replay, so the file is
    opened `immutable` (no locks, no side files). When one exists (the file is open
    elsewhere, or a crash left committed pages in it), `mode=ro` reads it as SQLite must.
    The caller closes the connection."""
    path = Path(path)
    wal = Path(f"{path}-wal")
    flag = "mode=ro" if wal.exists() else "immutable=1"
    return sqlite3.connect(f"{file_uri(path)}?{flag}", uri=True)


def file_uri(path: Path) -> str:
    """An SQLite `file:` URI (without query) for a local, Windows or UNC path."""
    # '?' and '#' end the path part of a URI; '%' starts an escape.
    text = Path(path).absolute().as_posix()
    text = text.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    if not text.startswith("/"):
        text = "/" + text  # C:/x -> /C:/x, as SQLite expects on Windows
    return "file://" + text  # empty authority; //server/share keeps its two slashes


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
    try:
        conn = connect_read_only(path)
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
    if not migrate.is_known(revision):
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


def open_for_use(path: Path, *, create: bool = False, backup_dir: Path | None = None) -> Workspace:
    """Open (or create) a workspace the way the app and the CLI use it.

    The lock comes first, so a second instance is refused before it reads or writes
    anything; it is released if any later step fails, or when the workspace is closed.
    An older schema is backed up before the upgrade; afterwards a backup is taken if the
    file changed since the newest one. `warnings` lists risky locations (sync folders,
    network shares) and a failed automatic backup: the user should see them, but they do
    not stop the work."""
    # Imported here: backup uses this module's inspection helpers.
    from ownersrep.db.backup import backup_if_changed, backup_now
    from ownersrep.db.location import location_warnings
    from ownersrep.db.lock import WorkspaceLock

    path = Path(path)
    # Plain messages for a missing file or folder, rather than one about the lock file.
    if create and not path.parent.is_dir():
        raise WorkspaceError(f"The folder {path.parent} does not exist.")
    if not create and not path.is_file():
        inspect_file(path)  # raises "does not exist" / "is not a file"
    lock = WorkspaceLock(path)
    lock.acquire()
    try:
        if create:
            workspace = create_workspace(path)
        else:
            workspace = open_workspace(
                path,
                before_upgrade=lambda p: backup_now(p, backup_dir, reason="before-upgrade"),
            )
        workspace._after_dispose.append(lock.release)
    except BaseException:
        lock.release()
        raise
    try:
        if not create:
            try:
                backup_if_changed(path, backup_dir)
            except (WorkspaceError, OSError, sqlite3.Error) as exc:
                reason = exc.message if isinstance(exc, WorkspaceError) else str(exc)
                workspace.warnings.append(f"The automatic backup was not taken: {reason}")
        workspace.warnings.extend(location_warnings(path))
    except BaseException:
        workspace.close()
        raise
    return workspace
