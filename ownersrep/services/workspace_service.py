"""Workspace file care for the CLI and the GUI: integrity check, backup, restore.

Everything here returns plain data. `check_workspace` only reads: it opens the file
read-only and never migrates, repairs or checkpoints it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from ownersrep.db import backup, migrate
from ownersrep.db.engine import APPLICATION_ID
from ownersrep.db.workspace import SQLITE_HEADER, connect_read_only
from ownersrep.domain.errors import WorkspaceError

_MAX_LINES = 50  # per check: enough to judge the damage, short enough to read


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    lines: list[str]


@dataclass(frozen=True)
class BackupRow:
    path: str
    taken_at: datetime
    size: int
    revision: str | None


@dataclass(frozen=True)
class RestoreReport:
    restored: BackupRow
    safety: BackupRow | None  # the workspace as it was before the restore
    damaged_copy: str | None  # raw copy of a file too damaged to back up


def _row(info: backup.BackupInfo) -> BackupRow:
    return BackupRow(str(info.path), info.taken_at, info.size, info.revision)


def backup_workspace(path: Path | str) -> BackupRow:
    return _row(backup.backup_now(Path(path), reason="manual"))


def list_workspace_backups(path: Path | str) -> list[BackupRow]:
    """Backups of the workspace, newest first."""
    return [_row(b) for b in backup.list_backups(Path(path))]


def backup_folder(path: Path | str) -> str:
    return str(backup.backup_dir_for(Path(path)))


def find_backup(path: Path | str, name: str) -> Path:
    """A backup given as a path, or as a file name from the workspace's backup list."""
    given = Path(name).expanduser()
    if given.is_file():
        return given
    in_folder = backup.backup_dir_for(Path(path)) / given.name
    if given.name == name and in_folder.is_file():
        return in_folder
    raise WorkspaceError(
        f"No backup named {name} (looked for the file, and in {in_folder.parent})."
    )


def restore_workspace(
    path: Path | str, backup_file: Path | str, *, holds_lock: bool = False
) -> RestoreReport:
    """Restore a backup into the workspace; refused while it is open in another window.

    The GUI closes its workspace first (which also releases its lock), restores, then
    opens it again with `open_for_use`. `holds_lock=True` is for a caller that holds a
    `WorkspaceLock` of its own and has closed every connection."""
    result = backup.restore_backup(Path(backup_file), Path(path), holds_lock=holds_lock)
    return RestoreReport(
        restored=_row(result.restored),
        safety=_row(result.safety) if result.safety else None,
        damaged_copy=str(result.damaged_copy) if result.damaged_copy else None,
    )


def check_workspace(path: Path | str, *, open_here: bool = False) -> CheckReport:
    """Integrity, foreign keys, schema revision and schema shape of a workspace file.

    `open_here` is true when the caller (the GUI) has the workspace open itself, so
    that its own lock is not reported as another window's."""
    path = Path(path)
    if not path.is_file():
        raise WorkspaceError(f"{path} does not exist or is not a file.")
    with open(path, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return CheckReport(False, [f"FAIL  {path.name} is not an SQLite database."])
    lines: list[str] = []
    ok = True
    app_id = int.from_bytes(header[68:72], "big")
    ours = app_id == APPLICATION_ID
    if ours:
        lines.append(f"ok    application id {app_id:#x} (OwnersRep workspace)")
    else:
        ok = False
        lines.append(
            f"FAIL  application id {app_id:#x}: this is not an OwnersRep workspace "
            f"(expected {APPLICATION_ID:#x})"
        )
    try:
        with backup.reading(path) as (conn, alone):
            if open_here:
                lines.append("ok    open in this window; checked what it has saved")
            elif alone:
                lines.append("ok    not open in another OwnersRep window")
            else:
                lines.append("note  open in another OwnersRep window; checked what it has saved")
            ok &= _integrity(conn, lines)
            if ok:
                ok &= _foreign_keys(conn, lines)
            if ours and ok:
                ok &= _schema(path, conn, lines)
    except sqlite3.DatabaseError as exc:
        ok = False
        lines.append(f"FAIL  the file cannot be read: {exc}")
    lines.append(f"{path.name}: {'no problems found' if ok else 'PROBLEMS FOUND'}")
    return CheckReport(ok, lines)


def _integrity(conn: sqlite3.Connection, lines: list[str]) -> bool:
    try:
        found = [r[0] for r in conn.execute(f"PRAGMA integrity_check({_MAX_LINES})")]
    except sqlite3.DatabaseError as exc:
        lines.append(f"FAIL  integrity check could not run: {exc}")
        return False
    if found == ["ok"]:
        lines.append("ok    integrity check")
        return True
    lines.append(f"FAIL  integrity check found {len(found)} problem(s):")
    lines.extend(f"        {problem}" for problem in found)
    return False


def _foreign_keys(conn: sqlite3.Connection, lines: list[str]) -> bool:
    violations = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not violations:
        lines.append("ok    foreign keys")
        return True
    lines.append(f"FAIL  {len(violations)} row(s) refer to rows that do not exist:")
    for table, rowid, parent, fkid in violations[:_MAX_LINES]:
        columns = [
            r[3] for r in conn.execute(f'PRAGMA foreign_key_list("{table}")') if r[0] == fkid
        ]
        values = ""
        if columns and rowid is not None:
            cols = ", ".join(f'"{c}"' for c in columns)
            row = conn.execute(f'SELECT {cols} FROM "{table}" WHERE rowid = ?', (rowid,))
            got = row.fetchone()
            if got is not None:
                values = (
                    " (" + ", ".join(f"{c}={v}" for c, v in zip(columns, got, strict=True)) + ")"
                )
        lines.append(f"        {table} row {rowid}{values}: no such {parent} row")
    return False


def _schema(path: Path, conn: sqlite3.Connection, lines: list[str]) -> bool:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        row = None
    revision = row[0] if row else None
    head = migrate.head_revision()
    if revision is None:
        lines.append("FAIL  no schema version (alembic_version is missing or empty)")
        return False
    if revision not in migrate.known_revisions():
        lines.append(
            f"FAIL  schema {revision} is from a newer version of OwnersRep (this one knows "
            f"up to {head}); update OwnersRep to use the file"
        )
        return False
    if revision != head:
        lines.append(
            f"ok    schema {revision} is older than {head}; it will be upgraded, after a "
            "backup, when the workspace is opened"
        )
        return True  # an older schema is expected to differ from the models
    lines.append(f"ok    schema {revision} (current)")
    differences = schema_differences(path)
    if not differences:
        lines.append("ok    tables, columns and indexes match this version")
        return True
    lines.append(f"FAIL  {len(differences)} difference(s) from this version's schema:")
    lines.extend(f"        {d}" for d in differences[:_MAX_LINES])
    return False


def schema_differences(path: Path) -> list[str]:
    """Alembic's comparison of the file's live schema with the models, as text."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from ownersrep.db import models  # noqa: F401  (registers every table)
    from ownersrep.db.base import Base

    engine = create_engine("sqlite://", creator=lambda: connect_read_only(path), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    return [_describe(d) for d in _without_fk_name_noise(_flatten(diffs))]


def _fk_shape(fk: Any) -> tuple[Any, ...]:
    return (
        fk.table.name,
        tuple(c.name for c in fk.columns),
        fk.referred_table.name,
        tuple(e.column.name for e in fk.elements),
    )


def _without_fk_name_noise(diffs: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Drop an unnamed live foreign key paired with the same key named in the models.

    A column added by ALTER TABLE ADD COLUMN can only carry a column-level REFERENCES,
    whose name SQLite's reflection does not report; the key itself is the same."""
    added = {_fk_shape(d[1]) for d in diffs if d[0] == "add_fk"}
    removed = {_fk_shape(d[1]) for d in diffs if d[0] == "remove_fk" and not d[1].name}
    same = added & removed
    return [d for d in diffs if not (d[0] in ("add_fk", "remove_fk") and _fk_shape(d[1]) in same)]


def _flatten(diffs: list[Any]) -> list[tuple[Any, ...]]:
    # Column modifications come as a list of tuples; everything else as one tuple.
    flat: list[tuple[Any, ...]] = []
    for diff in diffs:
        flat.extend(diff if isinstance(diff, list) else [diff])
    return flat


def _describe(diff: tuple[Any, ...]) -> str:
    kind = diff[0]
    if kind in ("add_table", "remove_table"):
        return f"table {diff[1].name}: {'missing' if kind == 'add_table' else 'not expected'}"
    if kind in ("add_column", "remove_column"):
        what = "missing" if kind == "add_column" else "not expected"
        return f"column {diff[2]}.{diff[3].name}: {what}"
    if kind in ("add_index", "remove_index"):
        what = "missing" if kind == "add_index" else "not expected"
        return f"index {diff[1].name} on {diff[1].table.name}: {what}"
    if kind in ("add_constraint", "remove_constraint", "add_fk", "remove_fk"):
        what = "missing" if kind.startswith("add") else "not expected"
        name = getattr(diff[1], "name", None) or "(unnamed)"
        return f"constraint {name} on {diff[1].table.name}: {what}"
    if kind.startswith("modify_"):
        # ('modify_type', schema, table, column, info, existing, new)
        field = kind.removeprefix("modify_")
        return f"column {diff[2]}.{diff[3]}: {field} is {diff[5]!r}, expected {diff[6]!r}"
    return " ".join(str(part) for part in diff)
