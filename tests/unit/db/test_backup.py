"""Backups through SQLite's backup API: naming, modes, change detection, rotation on
disk, and restore (with its safety backup and refusals)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import platformdirs
import pytest

from ownersrep.db import backup, migrate
from ownersrep.db.lock import WorkspaceLock
from ownersrep.db.workspace import connect_read_only, inspect_file, open_workspace
from ownersrep.domain.errors import WorkspaceError, WorkspaceLockedError
from tests.unit.db.conftest import add_party, change, party_names

MakeWorkspace = Callable[..., Path]
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def last_audit_id(path: Path) -> int:
    with closing(connect_read_only(path)) as conn:
        return conn.execute("SELECT coalesce(max(id), 0) FROM audit_entry").fetchone()[0]


# --- where backups go -------------------------------------------------------------


def test_backup_folder_from_environment(backup_root: Path, tmp_path: Path) -> None:
    folder = backup.backup_dir_for(tmp_path / "sub" / ".." / "clinic.orep")
    digest = hashlib.sha1(str((tmp_path / "clinic.orep").resolve()).encode()).hexdigest()[:8]
    assert folder == backup_root / f"clinic-{digest}"
    # Same stem elsewhere: another folder, so two workspaces never share a rotation.
    assert backup.backup_dir_for(tmp_path / "other" / "clinic.orep") != folder


def test_backup_folder_default_and_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OWNERSREP_BACKUP_DIR", raising=False)
    folder = backup.backup_dir_for(tmp_path / "clinic.orep")
    assert folder.parent == platformdirs.user_data_path("OwnersRep", "OwnersRep") / "backups"
    assert folder.name.startswith("clinic-") and len(folder.name) == len("clinic-") + 8
    assert backup.backup_dir_for(tmp_path / "clinic.orep", tmp_path / "x") == tmp_path / "x"


# --- taking backups ------------------------------------------------------------------


def test_backup_now_makes_a_private_self_contained_copy(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace(parties=("Acme Build",))
    info = backup.backup_now(path, now=datetime(2026, 11, 21, 14, 30, 5))
    assert info.path.name == "clinic-20261121-143005.orep"
    assert info.path.parent == backup.backup_dir_for(path)
    assert info.taken_at == datetime(2026, 11, 21, 14, 30, 5)
    assert info.revision == migrate.HEAD_REVISION
    assert info.last_audit_id == last_audit_id(path) > 0
    assert info.size == info.path.stat().st_size > 0
    assert inspect_file(info.path).revision == migrate.HEAD_REVISION  # a valid workspace
    assert party_names(info.path) == ["Acme Build"]
    # Rollback-journal mode (header bytes 18-19 == 1): one file, no -wal/-shm beside it.
    assert info.path.read_bytes()[18:20] == b"\x01\x01"
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]
    # Nor beside the closed workspace: no -wal/-shm from the read, no .lock left.
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("clinic")) == [
        "clinic.orep"
    ]
    if os.name == "posix":
        assert mode(info.path) == 0o600
        assert mode(info.path.parent) == 0o700


def test_names_collide_within_a_second(backup_root: Path, make_workspace: MakeWorkspace) -> None:
    path = make_workspace()
    when = datetime(2026, 11, 21, 14, 30, 5)
    names = [backup.backup_now(path, now=when).path.name for _ in range(3)]
    assert names == [
        "clinic-20261121-143005.orep",
        "clinic-20261121-143005-2.orep",
        "clinic-20261121-143005-3.orep",
    ]
    assert [b.path.name for b in backup.list_backups(path)] == names[::-1]


def test_backup_reads_committed_changes_still_in_the_wal(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace()
    with open_workspace(path) as ws:
        add_party(ws, "Only In WAL")
        assert Path(f"{path}-wal").stat().st_size > 0  # not checkpointed yet
        info = backup.backup_now(path)
        assert party_names(info.path) == ["Only In WAL"]


def test_backup_of_a_missing_or_foreign_file_is_refused(backup_root: Path, tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match=r"does not exist; there is nothing to back up"):
        backup.backup_now(tmp_path / "gone.orep")
    text = tmp_path / "notes.orep"
    text.write_text("meeting notes " * 100, encoding="utf-8")
    with pytest.raises(WorkspaceError, match=r"^Backup of notes\.orep failed: "):
        backup.backup_now(text)
    assert list(backup.backup_dir_for(text).iterdir()) == []  # no half backup left


def test_backup_if_changed(backup_root: Path, make_workspace: MakeWorkspace) -> None:
    path = make_workspace(parties=("A",))
    first = backup.backup_if_changed(path)
    assert first is not None  # no backup yet
    assert backup.backup_if_changed(path) is None  # nothing changed since
    change(path, "B")
    second = backup.backup_if_changed(path)
    assert second is not None
    assert second.last_audit_id == last_audit_id(path) > first.last_audit_id  # type: ignore[operator]
    assert party_names(second.path) == ["A", "B"]
    assert backup.backup_if_changed(path) is None


def test_a_schema_change_alone_counts_as_a_change(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace()
    backup.backup_now(path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000'")
        conn.commit()
    taken = backup.backup_if_changed(path)
    assert taken is not None and taken.revision == "0000"


def test_rotation_on_disk(backup_root: Path, make_workspace: MakeWorkspace) -> None:
    path = make_workspace()
    start = datetime(2026, 11, 25, 9, 0, 0)
    for minute in range(8):
        backup.backup_now(path, now=start + timedelta(minutes=minute))
    left = [b.taken_at for b in backup.list_backups(path)]
    assert left == [start + timedelta(minutes=m) for m in (7, 6, 5, 4, 3)]
    assert len(list(backup.backup_dir_for(path).iterdir())) == 5


def test_rotation_keeps_daily_and_weekly(backup_root: Path, make_workspace: MakeWorkspace) -> None:
    path = make_workspace()
    days = [datetime(2026, 11, 25, 12) - timedelta(days=d) for d in range(20, -1, -1)]
    for when in days:
        backup.backup_now(path, now=when)
    kept_days = sorted(b.taken_at.day for b in backup.list_backups(path))
    # 7 daily (19..25 Nov) plus the newest of the ISO weeks starting 9 Nov (15th) and
    # 2 Nov (8th); 5 Nov is in the week of 2 Nov but older than the 8th.
    assert kept_days == [8, 15, 19, 20, 21, 22, 23, 24, 25]


def test_list_ignores_files_that_are_not_backups(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace()
    good = backup.backup_now(path, now=datetime(2026, 11, 21, 10, 0, 0))
    folder = good.path.parent
    (folder / "clinic-20261121-110000.orep").write_text("not a db", encoding="utf-8")
    (folder / "clinic-20261121-120000.orep").write_bytes(b"")  # a crash's placeholder
    (folder / ".clinic-20261121-130000.orep.tmp").write_bytes(b"x")
    (folder / "readme.txt").write_text("hi", encoding="utf-8")
    assert [b.path for b in backup.list_backups(path)] == [good.path]
    assert backup.list_backups(path.with_name("never-backed-up.orep")) == []


def test_stem_with_hyphens_and_digits(backup_root: Path, make_workspace: MakeWorkspace) -> None:
    path = make_workspace("tower-2026-phase-1.orep")
    info = backup.backup_now(path, now=datetime(2026, 11, 21, 10, 0, 0))
    assert info.path.name == "tower-2026-phase-1-20261121-100000.orep"
    assert backup.list_backups(path)[0].taken_at == datetime(2026, 11, 21, 10, 0, 0)


# --- restore -----------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_saves_the_current_file(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace(parties=("Before",))
    taken = backup.backup_now(path, now=datetime(2026, 11, 20, 9, 0, 0))
    change(path, "After")
    inode = path.stat().st_ino
    result = backup.restore_backup(taken.path, path)
    assert party_names(path) == ["Before"]
    assert last_audit_id(path) == taken.last_audit_id
    assert result.restored.path == taken.path
    assert result.safety is not None and party_names(result.safety.path) == ["After", "Before"]
    assert result.damaged_copy is None
    assert path.stat().st_ino == inode  # written into the same file
    assert side_files(path) == []  # WAL checkpointed and removed by SQLite itself
    assert not Path(f"{path}.lock").exists()
    assert inspect_file(path).revision == migrate.HEAD_REVISION
    if os.name == "posix":
        assert mode(path) == 0o600
    with open_workspace(path) as ws:  # and it opens and works
        add_party(ws, "Later")
    assert party_names(path) == ["Before", "Later"]


def test_restore_with_uncheckpointed_wal_in_the_target(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace(parties=("Before",))
    taken = backup.backup_now(path)
    # A crash left committed pages in the WAL (a writer that never closed).
    writer = sqlite3.connect(path)
    writer.execute("INSERT INTO setting(key, value) VALUES ('k', 'v')")
    writer.commit()
    try:
        wal_copy = Path(f"{path}-wal").read_bytes()
    finally:
        writer.close()
    Path(f"{path}-wal").write_bytes(wal_copy)
    backup.restore_backup(taken.path, path)
    assert side_files(path) == []
    with closing(connect_read_only(path)) as conn:
        assert conn.execute("SELECT count(*) FROM setting").fetchone()[0] == 0
    assert party_names(path) == ["Before"]


def test_restore_refuses_a_file_that_is_not_a_workspace(
    backup_root: Path, make_workspace: MakeWorkspace, tmp_path: Path
) -> None:
    path = make_workspace(parties=("Keep",))
    before = path.read_bytes()
    fake = tmp_path / "fake.orep"
    fake.write_text("hello", encoding="utf-8")
    with pytest.raises(WorkspaceError, match=r"fake\.orep is not an OwnersRep workspace"):
        backup.restore_backup(fake, path)
    assert path.read_bytes() == before
    assert backup.list_backups(path) == []  # refused before any safety backup


def test_restore_refuses_a_backup_from_a_newer_version(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace()
    newer = backup.backup_now(path)
    with closing(sqlite3.connect(newer.path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
        conn.commit()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="newer version of OwnersRep"):
        backup.restore_backup(newer.path, path)
    assert path.read_bytes() == before


def test_restore_refuses_while_open_elsewhere(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace(parties=("Before",))
    taken = backup.backup_now(path)
    change(path, "After")
    with WorkspaceLock(path):
        with pytest.raises(WorkspaceLockedError, match="already open"):
            backup.restore_backup(taken.path, path)
        assert party_names(path) == ["After", "Before"]
        # The holder itself (the GUI, its connections closed) may restore.
        backup.restore_backup(taken.path, path, holds_lock=True)
        assert Path(f"{path}.lock").exists()  # still the holder's
    assert party_names(path) == ["Before"]


def test_restore_refuses_the_workspace_itself(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace()
    with pytest.raises(WorkspaceError, match="is the workspace itself"):
        backup.restore_backup(path, path)


def test_restore_over_a_damaged_file_keeps_a_raw_copy(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace(parties=("Good",))
    taken = backup.backup_now(path)
    garbage = b"this used to be a workspace " * 500
    path.write_bytes(garbage)
    if os.name == "posix":
        path.chmod(0o600)
    result = backup.restore_backup(taken.path, path)
    assert result.safety is None
    assert result.damaged_copy is not None
    assert result.damaged_copy.read_bytes() == garbage
    assert result.damaged_copy.parent == backup.backup_dir_for(path)
    assert party_names(path) == ["Good"]
    assert inspect_file(path).revision == migrate.HEAD_REVISION


def test_restore_to_a_missing_file_creates_it_private(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace(parties=("Good",))
    taken = backup.backup_now(path)
    path.unlink()
    result = backup.restore_backup(taken.path, path)
    assert result.safety is None and result.damaged_copy is None
    assert party_names(path) == ["Good"]
    if os.name == "posix":
        assert mode(path) == 0o600


def test_restore_does_not_rotate_away_the_backup_it_restores(
    backup_root: Path, make_workspace: MakeWorkspace
) -> None:
    path = make_workspace(parties=("Old",))
    start = datetime.now().replace(microsecond=0) - timedelta(hours=1)
    oldest = backup.backup_now(path, now=start)
    for minute in range(1, 5):  # four more today: the oldest is now 5th of 5
        backup.backup_now(path, now=start + timedelta(minutes=minute))
    backup.restore_backup(oldest.path, path)
    assert oldest.path.exists()
    assert len(backup.list_backups(path)) == 6  # 5 + the safety backup, not rotated yet


def test_a_failed_restore_says_where_the_old_file_went(
    backup_root: Path, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_workspace(parties=("Before",))
    taken = backup.backup_now(path, now=datetime(2026, 11, 20, 9, 0, 0))

    def broken(backup_path: Path, db_path: Path) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backup, "_write_into", broken)
    with pytest.raises(WorkspaceError) as info:
        backup.restore_backup(taken.path, path)
    (safety,) = [b for b in backup.list_backups(path) if b.path != taken.path]
    assert info.value.message == (
        f"Restore into clinic.orep failed: disk I/O error. "
        f"The file as it was before is saved as {safety.path}."
    )
    assert not Path(f"{path}.lock").exists()
