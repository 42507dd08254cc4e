"""Automatic, rotating backups of a workspace, made with SQLite's online backup API.

The backup API copies a consistent snapshot even while OwnersRep has the file open in
WAL mode; a plain file copy could catch a half-written page or miss the WAL. Backups live
outside the workspace's folder (a per-user data folder, one sub-folder per workspace), so
that losing the folder or a sync mishap does not take the backups with it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import platformdirs

from ownersrep import APP_NAME, ORG_NAME
from ownersrep.db.lock import WorkspaceLock
from ownersrep.db.workspace import EXTENSION, connect_read_only, file_uri, inspect_file
from ownersrep.domain.errors import WorkspaceError, WorkspaceLockedError

log = logging.getLogger(__name__)

BACKUP_DIR_ENV = "OWNERSREP_BACKUP_DIR"
KEEP_RECENT = 5
KEEP_DAYS = 7
KEEP_WEEKS = 5
_STAMP = "%Y%m%d-%H%M%S"
# stem-YYYYMMDD-HHMMSS[-N].orep; the stem may itself contain hyphens.
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?" + re.escape(EXTENSION) + "$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what it holds."""

    path: Path
    taken_at: datetime  # local time, from the file name
    size: int
    revision: str | None
    last_audit_id: int | None
    seq: int = 1  # orders backups taken within the same second


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety: BackupInfo | None  # backup of the file as it was just before the restore
    damaged_copy: Path | None  # raw copy kept when the old file was too damaged to back up


def backup_dir_for(db_path: Path, dest_dir: Path | None = None) -> Path:
    """The folder holding this workspace's backups.

    `dest_dir` is used as is; OWNERSREP_BACKUP_DIR replaces the per-user data folder, and
    each workspace gets its own sub-folder named after its stem and full path."""
    if dest_dir is not None:
        return Path(dest_dir)
    resolved = Path(db_path).expanduser().resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:8]
    env = os.environ.get(BACKUP_DIR_ENV)
    root = Path(env) if env else platformdirs.user_data_path(APP_NAME, ORG_NAME) / "backups"
    return root / f"{resolved.stem}-{digest}"


def _state(conn: sqlite3.Connection) -> tuple[str | None, int | None]:
    """(schema revision, last audit id) of an open database."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    except sqlite3.DatabaseError:
        revision = None
    try:
        last = conn.execute("SELECT coalesce(max(id), 0) FROM audit_entry").fetchone()[0]
    except sqlite3.DatabaseError:
        last = None
    return revision, last


def read_backup(path: Path) -> BackupInfo | None:
    """Describe a backup file, or None if it is not one of ours or cannot be read."""
    path = Path(path)
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken_at = datetime.strptime(match["stamp"], _STAMP)
        size = path.stat().st_size
        # Backups are written in rollback-journal mode, so a read-only open creates no
        # sidecar files in the backup folder.
        with closing(sqlite3.connect(f"{file_uri(path)}?mode=ro", uri=True)) as conn:
            revision, last_audit_id = _state(conn)
    except (ValueError, OSError, sqlite3.Error):
        return None
    if revision is None:
        return None  # an empty placeholder or a foreign file: nothing to restore from
    return BackupInfo(path, taken_at, size, revision, last_audit_id, int(match["seq"] or 1))


def list_backups(db_path: Path, dest_dir: Path | None = None) -> list[BackupInfo]:
    """This workspace's readable backups, newest first."""
    folder = backup_dir_for(db_path, dest_dir)
    if not folder.is_dir():
        return []
    found = (read_backup(p) for p in folder.iterdir() if p.suffix == EXTENSION)
    backups = [b for b in found if b is not None]
    backups.sort(key=lambda b: (b.taken_at, b.seq), reverse=True)
    return backups


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise WorkspaceError(
            f"Cannot create the backup folder {folder} ({exc.strerror})."
        ) from None


def _reserve_name(folder: Path, stem: str, when: datetime) -> Path:
    """Claim a fresh backup name (O_EXCL), adding -2, -3... within the same second."""
    base = f"{stem}-{when.strftime(_STAMP)}"
    for seq in range(1, 1000):
        candidate = folder / (f"{base}{EXTENSION}" if seq == 1 else f"{base}-{seq}{EXTENSION}")
        try:
            fd = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise WorkspaceError(f"Too many backups of {stem} in one second in {folder}.")


def _detail(exc: OSError | sqlite3.Error) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).rstrip(".")


def _restrict(path: Path) -> None:
    if os.name == "posix":
        os.chmod(path, 0o600)


@contextmanager
def reading(db_path: Path) -> Iterator[tuple[sqlite3.Connection, bool]]:
    """A read-only connection to a live workspace, and whether nobody else has it open.

    When the workspace lock is free it is held for the duration: no OwnersRep writer can
    start, so the trace-free `connect_read_only` is safe (a plain read-only open would
    leave empty -wal/-shm files beside a closed workspace). When someone holds it, the
    file is read with `mode=ro` and SQLite's shared locks, which sees their last commit."""
    lock = WorkspaceLock(db_path)
    with suppress(WorkspaceError):  # locked elsewhere, or no lock file possible here
        lock.acquire()
    try:
        if lock.held:
            conn = connect_read_only(db_path)
        else:
            conn = sqlite3.connect(f"{file_uri(db_path)}?mode=ro", uri=True)
        with closing(conn):
            yield conn, lock.held
    finally:
        lock.release()


def _copy_database(source: Path, target: Path) -> None:
    """Online-backup `source` into the (new, empty) file `target`, journal mode DELETE."""
    with (
        reading(source) as (src, _alone),
        closing(sqlite3.connect(target, isolation_level=None)) as dst,
    ):
        src.backup(dst)
        # A backup is one self-contained file: no -wal or -shm beside it, and no
        # sidecar files created when it is read later.
        dst.execute("PRAGMA journal_mode = DELETE")


def backup_now(
    db_path: Path,
    dest_dir: Path | None = None,
    reason: str = "manual",
    *,
    now: datetime | None = None,
    rotate_folder: bool = True,
) -> BackupInfo:
    """Take a backup of `db_path` now, then rotate the folder. Returns the new backup."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise WorkspaceError(f"{db_path} does not exist; there is nothing to back up.")
    folder = backup_dir_for(db_path, dest_dir)
    _make_folder(folder)
    when = (now or datetime.now()).replace(microsecond=0)
    final = _reserve_name(folder, db_path.stem, when)
    temp = final.with_name(f".{final.name}.tmp")
    try:
        temp.unlink(missing_ok=True)
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        _restrict(temp)  # umask can only narrow; chmod pins it to the owner alone
        _copy_database(db_path, temp)
        os.replace(temp, final)  # atomic: a crash never leaves a half backup under a real name
    except (OSError, sqlite3.Error) as exc:
        temp.unlink(missing_ok=True)
        final.unlink(missing_ok=True)
        raise WorkspaceError(f"Backup of {db_path.name} failed: {_detail(exc)}.") from None
    info = read_backup(final)
    if info is None:
        final.unlink(missing_ok=True)
        raise WorkspaceError(f"Backup of {db_path.name} could not be read back; it was removed.")
    log.info("backup of %s taken (%s): %s", db_path, reason, final)
    if rotate_folder:
        rotate(db_path, dest_dir, now=when)
    return info


def backup_if_changed(db_path: Path, dest_dir: Path | None = None) -> BackupInfo | None:
    """Back up when the file changed since its newest backup (or has none yet)."""
    db_path = Path(db_path)
    backups = list_backups(db_path, dest_dir)
    if backups:
        with reading(db_path) as (conn, _alone):
            live = _state(conn)
        if live == (backups[0].revision, backups[0].last_audit_id):
            return None
    return backup_now(db_path, dest_dir, reason="changed")


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())  # ISO weeks start on Monday


def rotation_keep(
    taken: Sequence[datetime],
    now: datetime,
    *,
    recent: int = KEEP_RECENT,
    days: int = KEEP_DAYS,
    weeks: int = KEEP_WEEKS,
) -> set[int]:
    """Indexes of the backups to keep: the `recent` newest, the newest of each of the
    last `days` calendar days, and the newest of each of the last `weeks` ISO weeks.

    Pure, so it is tested with synthetic times. Backups dated after `now` (a clock set
    back) count as today rather than being deleted."""
    order = sorted(range(len(taken)), key=lambda i: taken[i], reverse=True)
    keep = set(order[:recent])
    today = now.date()
    seen_days: set[date] = set()
    seen_weeks: set[date] = set()
    for i in order:  # newest first, so the first one seen per period is its newest
        day = taken[i].date()
        if (today - day).days < days and day not in seen_days:
            seen_days.add(day)
            keep.add(i)
        week = _week_start(day)
        if (_week_start(today) - week).days // 7 < weeks and week not in seen_weeks:
            seen_weeks.add(week)
            keep.add(i)
    return keep


def rotate(
    db_path: Path, dest_dir: Path | None = None, *, now: datetime | None = None
) -> list[Path]:
    """Delete the backups the rotation does not keep; returns the deleted paths."""
    backups = list_backups(db_path, dest_dir)
    # Within one second the -2, -3 suffix orders them; a microsecond offset keeps that.
    stamps = [b.taken_at + timedelta(microseconds=b.seq) for b in backups]
    keep = rotation_keep(stamps, now or datetime.now())
    deleted = []
    for i, backup in enumerate(backups):
        if i not in keep:
            with suppress(OSError):  # a file we cannot delete is kept, not fatal
                backup.path.unlink()
                deleted.append(backup.path)
    return deleted


def _side_files(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def _keep_damaged_copy(db_path: Path, folder: Path) -> Path:
    """Raw copy of a file the backup API cannot read, so nothing is thrown away."""
    _make_folder(folder)
    stamp = datetime.now().strftime(_STAMP)
    target = folder / f"{db_path.stem}-{stamp}.damaged"
    for side in [db_path, *_side_files(db_path)]:
        if side.exists():
            copy = Path(f"{target}{side.name[len(db_path.name) :]}")
            shutil.copyfile(side, copy)
            _restrict(copy)
    return target


def _write_into(backup_path: Path, db_path: Path) -> None:
    """Copy the backup's pages into the live file through SQLite, so the target keeps its
    path and mode and its WAL is checkpointed and removed rather than left stale."""
    with (
        closing(connect_read_only(backup_path)) as src,
        closing(sqlite3.connect(db_path, isolation_level=None)) as dst,
    ):
        # Leaving WAL first lets the page size change if the backup's differs.
        dst.execute("PRAGMA journal_mode = DELETE")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = WAL")
        problems = [row[0] for row in dst.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise WorkspaceError(f"the result failed its check ({'; '.join(problems)})")


def restore_backup(
    backup_path: Path,
    db_path: Path,
    *,
    holds_lock: bool = False,
    dest_dir: Path | None = None,
) -> RestoreResult:
    """Replace the contents of `db_path` with a backup, after backing up the current file.

    The caller must have closed its own connections. Unless `holds_lock` says the caller
    holds the workspace lock (a `WorkspaceLock` it keeps across the restore), the lock is
    taken here, so a workspace open in another window is refused. A closed `Workspace`
    from `open_for_use` has already released its lock: restore with holds_lock=False."""
    backup_path, db_path = Path(backup_path), Path(db_path)
    if backup_path.resolve() == db_path.resolve():
        raise WorkspaceError(f"{backup_path.name} is the workspace itself, not a backup of it.")
    inspect_file(backup_path)  # refuses non-workspaces, damaged and newer files
    restored = read_backup(backup_path) or _describe_other(backup_path)
    lock = None if holds_lock else WorkspaceLock(db_path)
    if lock is not None:
        lock.acquire()
    safety: BackupInfo | None = None
    damaged: Path | None = None
    try:
        if db_path.exists():
            try:
                # No rotation here: it could delete the very backup being restored.
                safety = backup_now(db_path, dest_dir, reason="before-restore", rotate_folder=False)
            except WorkspaceError:
                damaged = _keep_damaged_copy(db_path, backup_dir_for(db_path, dest_dir))
        else:
            os.close(os.open(db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            _write_into(backup_path, db_path)
        except sqlite3.DatabaseError:
            if damaged is None:
                raise
            # The old file is not a database SQLite can write into: empty it (its bytes
            # are in the damaged copy) and write the backup into the same file.
            for side in _side_files(db_path):
                side.unlink(missing_ok=True)
            os.truncate(db_path, 0)
            _write_into(backup_path, db_path)
        _restrict(db_path)
    except (sqlite3.Error, OSError, WorkspaceError) as exc:
        if isinstance(exc, WorkspaceLockedError):
            raise
        detail = exc.message if isinstance(exc, WorkspaceError) else _detail(exc)
        kept = safety.path if safety else damaged
        note = f" The file as it was before is saved as {kept}." if kept else ""
        raise WorkspaceError(f"Restore into {db_path.name} failed: {detail}.{note}") from None
    finally:
        if lock is not None:
            lock.release()
    log.info("restored %s from %s", db_path, backup_path)
    return RestoreResult(restored=restored, safety=safety, damaged_copy=damaged)


def _describe_other(path: Path) -> BackupInfo:
    """BackupInfo for a valid workspace file that is not named like one of our backups."""
    with closing(connect_read_only(path)) as conn:
        revision, last = _state(conn)
    taken = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    return BackupInfo(path, taken, path.stat().st_size, revision, last)
