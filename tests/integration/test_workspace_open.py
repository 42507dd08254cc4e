"""Opening workspace files for real: migrations, refusals that leave the file untouched,
backup before upgrade, one instance per file, restore and file modes."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from ownersrep.db import backup, migrate
from ownersrep.db.engine import APPLICATION_ID, make_engine
from ownersrep.db.models import AuditEntry, Party
from ownersrep.db.workspace import Workspace, connect_read_only, open_for_use
from ownersrep.domain.errors import WorkspaceError, WorkspaceLockedError
from ownersrep.services.workspace_service import schema_differences

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes")


@pytest.fixture(autouse=True)
def backup_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "backup-root"
    monkeypatch.setenv("OWNERSREP_BACKUP_DIR", str(root))
    return root


def add_party(ws: Workspace, name: str) -> None:
    with ws.sessions.begin() as s:
        s.add(Party(name=name, role="contractor", notes=""))


def names(path: Path) -> list[str]:
    with closing(connect_read_only(path)) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM party ORDER BY name")]


def revision(path: Path) -> str:
    with closing(connect_read_only(path)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def siblings(path: Path) -> list[str]:
    """Files next to `path` that belong to it (-wal, -shm, .lock)."""
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A closed workspace with enough rows that its middle pages hold table data."""
    path = tmp_path / "good.orep"
    with open_for_use(path, create=True) as ws, ws.sessions.begin() as s:
        s.add_all(
            Party(name=f"Contractor {i:03d} " + "x" * 60, role="contractor", notes="")
            for i in range(300)
        )
    assert siblings(path) == ["good.orep"]
    return path


# --- schema --------------------------------------------------------------------------


def test_empty_file_migrates_to_head_and_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "bare.sqlite"
    path.touch()
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn)
    finally:
        engine.dispose()
    assert revision(path) == migrate.head_revision()
    assert schema_differences(path) == []


def test_a_new_workspace_is_at_head_stamped_and_private(tmp_path: Path) -> None:
    path = tmp_path / "new.orep"
    with open_for_use(path, create=True) as ws:
        add_party(ws, "Acme")  # a write, so -wal and -shm exist
        assert ws.upgraded_from is None
        assert siblings(path) == ["new.orep", "new.orep-shm", "new.orep-wal", "new.orep.lock"]
        if os.name == "posix":
            assert [mode(path.parent / n) for n in siblings(path)] == [0o600] * 4
    assert siblings(path) == ["new.orep"]
    assert path.read_bytes()[68:72] == APPLICATION_ID.to_bytes(4, "big")
    assert revision(path) == migrate.head_revision()
    assert schema_differences(path) == []


def test_missing_file_or_folder_gives_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match=r"gone\.orep does not exist\.$"):
        open_for_use(tmp_path / "gone.orep")
    with pytest.raises(WorkspaceError, match=r"^The folder .*nowhere does not exist\.$"):
        open_for_use(tmp_path / "nowhere" / "new.orep", create=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_create_refuses_an_existing_file_and_keeps_it(good: Path) -> None:
    before = good.read_bytes()
    with pytest.raises(WorkspaceError, match="already exists"):
        open_for_use(good, create=True)
    assert good.read_bytes() == before
    assert siblings(good) == ["good.orep"]


# --- refusals that leave the file untouched ----------------------------------------


def _sqlite(app_id: int) -> Callable[[Path, Path], None]:
    def build(good: Path, path: Path) -> None:
        with closing(sqlite3.connect(path)) as conn:
            conn.execute(f"PRAGMA application_id = {app_id}")
            conn.execute("CREATE TABLE note(x)")
            conn.commit()

    return build


def _text(good: Path, path: Path) -> None:
    path.write_text("Site diary, 21 Nov: rain all day.\n" * 50, encoding="utf-8")


def _empty(good: Path, path: Path) -> None:
    path.write_bytes(b"")


def _truncated(good: Path, path: Path) -> None:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt_page(good: Path, path: Path) -> None:
    data = bytearray(good.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + 512] = b"\xa5" * 512  # a b-tree page header and cells
    path.write_bytes(bytes(data))


def _no_version(good: Path, path: Path) -> None:
    shutil.copyfile(good, path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TABLE alembic_version")
        conn.commit()


def _newer(good: Path, path: Path) -> None:
    shutil.copyfile(good, path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
        conn.commit()


REFUSALS = {
    "foreign": (
        _sqlite(0x12345678),
        r"^bad\.orep is an SQLite database from another application "
        r"\(application id 0x12345678\), not an OwnersRep workspace\.$",
    ),
    "plain-sqlite": (_sqlite(0), r"another application \(application id 0x0\)"),
    "text": (_text, r"^bad\.orep is not an OwnersRep workspace \(it is not an SQLite database\)"),
    "empty": (_empty, r"^bad\.orep is not an OwnersRep workspace"),
    "truncated": (_truncated, r"^bad\.orep is damaged and was not opened"),
    "corrupt-page": (_corrupt_page, r"^bad\.orep is damaged and was not opened"),
    "no-version": (_no_version, r"^bad\.orep has no schema version"),
    "newer": (_newer, r"^bad\.orep was saved by a newer version of OwnersRep \(schema ffff9999\)"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_refused_files_are_left_byte_identical(
    good: Path, tmp_path: Path, backup_root: Path, case: str
) -> None:
    build, message = REFUSALS[case]
    path = tmp_path / "bad.orep"
    build(good, path)
    assert siblings(path) == ["bad.orep"]
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match=message):
        open_for_use(path)
    assert path.read_bytes() == before
    assert siblings(path) == ["bad.orep"]  # no -wal, -shm or .lock created or left
    assert not backup_root.exists()  # and nothing was backed up


# --- upgrade after a backup --------------------------------------------------------


def write_at_revision(path: Path, target: str) -> None:
    """A workspace file as an older OwnersRep wrote it: schema `target`, with a project,
    two linked tasks and an issue pointing at a task (the rows a careless table rebuild
    would lose through ON DELETE actions)."""
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            migrate.upgrade(conn, target)
            conn.exec_driver_sql(
                "INSERT INTO party (id, name, role, notes) VALUES (1, 'Summit', 'contractor', '')"
            )
            conn.exec_driver_sql(
                "INSERT INTO project (id, sort_order, name, code, kind, status, currency, "
                "location, description) VALUES (1, 1, 'Clinic', '', 'construction', 'active', "
                "'USD', '', '')"
            )
            for tid, name in ((1, "Excavate"), (2, "Pour footings")):
                conn.exec_driver_sql(
                    "INSERT INTO task (id, project_id, sort_order, name, kind, duration_days, "
                    f"percent_complete, notes) VALUES ({tid}, 1, {tid}, '{name}', 'task', 5, "
                    "0, '')"
                )
            conn.exec_driver_sql(
                "INSERT INTO task_link (id, project_id, predecessor_id, successor_id, "
                "link_type, lag_days) VALUES (1, 1, 1, 2, 'FS', 2)"
            )
            conn.exec_driver_sql(
                "INSERT INTO issue (id, project_id, issue_type, number, title, description, "
                "priority, status, raised_on, resolution, task_id, internal) VALUES (1, 1, "
                "'issue', 'ISS-0001', 'Rock at footing F3', '', 'high', 'open', '2026-11-02', "
                "'', 2, 0)"
            )
    finally:
        engine.dispose()


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(connect_read_only(path)) as conn:
        return {
            "links": conn.execute(
                "SELECT id, predecessor_id, successor_id, lag_days FROM task_link"
            ).fetchall(),
            "issue_tasks": conn.execute("SELECT id, task_id FROM issue").fetchall(),
            "tasks": conn.execute(
                "SELECT id, name, duration_days FROM task ORDER BY id"
            ).fetchall(),
        }


@pytest.mark.parametrize("earlier", ["0001", "0002", "0003", "0004", "0005"])
def test_an_older_file_is_backed_up_then_upgraded(
    tmp_path: Path, backup_root: Path, earlier: str
) -> None:
    # Every earlier schema gets this test: add each new revision's predecessor above.
    path = tmp_path / "older.orep"
    write_at_revision(path, earlier)
    rows = table_rows(path)
    with open_for_use(path) as ws:
        assert ws.upgraded_from == earlier
        add_party(ws, "After upgrade")
    assert revision(path) == migrate.HEAD_REVISION
    assert table_rows(path) == rows  # links and issue→task references all survived
    taken = backup.list_backups(path)
    # Newest first: the backup on open (at head), then the one before the upgrade.
    assert [b.revision for b in taken] == [migrate.HEAD_REVISION, earlier]
    assert "After upgrade" not in names(taken[1].path)
    assert table_rows(taken[1].path) == rows
    assert schema_differences(path) == []


def test_no_upgrade_when_the_backup_fails(tmp_path: Path, backup_root: Path) -> None:
    good = tmp_path / "older.orep"
    write_at_revision(good, "0001")
    backup_root.write_text("a file where the backup folder should be", encoding="utf-8")
    before = good.read_bytes()
    with pytest.raises(WorkspaceError, match="Cannot create the backup folder"):
        open_for_use(good)
    assert good.read_bytes() == before
    assert revision(good) == "0001"
    assert not Path(f"{good}.lock").exists()


# --- one instance per file ---------------------------------------------------------

SECOND_OPEN = """
import sys
from pathlib import Path
from ownersrep.db.workspace import open_for_use
from ownersrep.domain.errors import WorkspaceLockedError
try:
    ws = open_for_use(Path(sys.argv[1]))
except WorkspaceLockedError as exc:
    print(exc.message)
    sys.exit(3)
if sys.argv[2] == "crash":
    import os
    os._exit(0)  # like a crash: no close, the lock file stays behind
ws.close()
"""


def run_second(path: Path, how: str = "close") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SECOND_OPEN, str(path), how],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )


def test_a_second_open_is_refused_in_this_process_and_another(good: Path) -> None:
    expected = (
        f"good.orep is already open in another OwnersRep window "
        f"(process {os.getpid()} on {socket.gethostname()}). Close it there first."
    )
    with open_for_use(good) as ws:
        with pytest.raises(WorkspaceLockedError) as info:
            open_for_use(good)
        assert info.value.message == expected
        other = run_second(good)
        assert other.returncode == 3, other.stderr
        assert other.stdout.strip() == expected
        add_party(ws, "Still works")  # the refused attempts did not disturb the holder
        holder = json.loads(Path(f"{good}.lock").read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid()
    other = run_second(good)
    assert other.returncode == 0, other.stdout + other.stderr
    assert "Still works" in " ".join(names(good))


def test_a_lock_file_left_by_a_crash_does_not_block(good: Path) -> None:
    crashed = run_second(good, "crash")
    assert crashed.returncode == 0, crashed.stderr
    assert Path(f"{good}.lock").exists()
    with open_for_use(good) as ws:
        add_party(ws, "After crash")
    assert not Path(f"{good}.lock").exists()


# --- automatic backups, restore, modes, warnings ------------------------------------


def test_backup_on_open_only_when_changed(good: Path) -> None:
    assert len(backup.list_backups(good)) == 0  # created, never opened since
    open_for_use(good).close()
    assert len(backup.list_backups(good)) == 1
    open_for_use(good).close()
    assert len(backup.list_backups(good)) == 1
    with open_for_use(good) as ws:
        add_party(ws, "New")
    open_for_use(good).close()
    taken = backup.list_backups(good)
    assert len(taken) == 2
    assert "New" in names(taken[0].path)


def test_restore_undoes_later_changes_and_keeps_the_audit_consistent(good: Path) -> None:
    open_for_use(good).close()
    (before,) = backup.list_backups(good)
    with open_for_use(good) as ws:
        add_party(ws, "Mistake")
    result = backup.restore_backup(before.path, good)
    assert result.safety is not None and "Mistake" in names(result.safety.path)
    with open_for_use(good) as ws, ws.sessions() as s:
        parties = {p.id: p.name for p in s.scalars(select(Party))}
        inserted = set(
            s.scalars(
                select(AuditEntry.entity_id).where(
                    AuditEntry.entity == "party", AuditEntry.action == "insert"
                )
            )
        )
        mentions = s.scalars(select(AuditEntry).where(AuditEntry.new.contains("Mistake")))
        assert "Mistake" not in parties.values()
        assert len(parties) == 300
        assert inserted == set(parties)  # every row has its audit, and no audit is orphaned
        assert list(mentions) == []


@posix_only
def test_workspace_and_backups_are_private(good: Path, backup_root: Path) -> None:
    assert mode(good) == 0o600
    with open_for_use(good) as ws:
        add_party(ws, "Private")
        assert mode(Path(f"{good}.lock")) == 0o600
        assert mode(Path(f"{good}-wal")) == 0o600
        assert mode(Path(f"{good}-shm")) == 0o600
    taken = backup.list_backups(good)
    assert taken
    assert all(mode(b.path) == 0o600 for b in taken)
    assert mode(taken[0].path.parent) == 0o700


def test_location_warnings_reach_the_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "Dropbox" / "PMO"
    folder.mkdir(parents=True)
    with open_for_use(folder / "clinic.orep", create=True) as ws:
        assert len(ws.warnings) == 1
        assert "clinic.orep is inside a Dropbox folder" in ws.warnings[0]


def test_a_failed_automatic_backup_is_a_warning_not_a_refusal(
    good: Path, backup_root: Path
) -> None:
    backup_root.write_text("not a folder", encoding="utf-8")
    with open_for_use(good) as ws:
        assert any(
            w.startswith("The automatic backup was not taken: Cannot create the backup folder")
            for w in ws.warnings
        )
        add_party(ws, "Works anyway")


def test_0003_keeps_typed_starts_and_progress_of_tasks_made_here(
    tmp_path: Path, backup_root: Path
) -> None:
    """Until 0003 a task made in OwnersRep kept its typed dates; from 0003 the engine
    schedules it, so a typed start becomes a start-no-earlier-than constraint (unless a
    link drives the task) and progress records the actual start."""
    path = tmp_path / "older.orep"
    write_at_revision(path, "0002")
    with closing(sqlite3.connect(path)) as con, con:
        con.execute(
            "UPDATE task SET start = '2027-03-01', finish = '2027-03-05', "
            "percent_complete = CASE id WHEN 1 THEN 40 ELSE 0 END"
        )
    with open_for_use(path):
        pass
    with closing(sqlite3.connect(path)) as con:
        rows = con.execute(
            "SELECT id, constraint_type, constraint_date, actual_start FROM task ORDER BY id"
        ).fetchall()
    assert rows == [
        (1, "snet", "2027-03-01 00:00:00.000000", "2027-03-01 00:00:00.000000"),
        (2, "asap", None, None),  # its link from task 1 drives it
    ]


def test_0005_keeps_the_cost_ledger_and_links_budget_lines_to_tasks(
    tmp_path: Path, backup_root: Path
) -> None:
    """0005 adds budget_line.task_id without rebuilding budget_line, so no commitment
    line or change order loses its budget line through an ON DELETE action; and deleting
    a task afterwards empties the lines' task_id (ON DELETE SET NULL)."""
    path = tmp_path / "older.orep"
    write_at_revision(path, "0004")
    with closing(sqlite3.connect(path)) as con, con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(
            "INSERT INTO budget_line (id, project_id, code, description, group_name, kind, "
            "original, sort_order) VALUES (1, 1, '03-300', 'Concrete', '', 'cost', 100000, 1)"
        )
        con.execute(
            "INSERT INTO commitment (id, project_id, number, title, kind, party_id, amount, "
            "retainage_percent) VALUES (1, 1, 'CT-001', 'GC', 'contract', 1, 100000, 500)"
        )
        con.execute(
            "INSERT INTO commitment_line (id, commitment_id, budget_line_id, amount) "
            "VALUES (1, 1, 1, 100000)"
        )
        con.execute(
            "INSERT INTO change_order (id, project_id, number, title, description, reason, "
            "status, commitment_id, budget_line_id, cost, time_impact_days, approved_by, "
            "from_contingency) VALUES (1, 1, 'CO-001', 'Rock', '', 'owner_request', "
            "'potential', 1, 1, 5000, 0, '', 0)"
        )
    with open_for_use(path) as ws:
        assert ws.upgraded_from == "0004"
    with closing(sqlite3.connect(path)) as con, con:
        con.execute("PRAGMA foreign_keys = ON")
        assert con.execute("SELECT id, budget_line_id FROM commitment_line").fetchall() == [(1, 1)]
        assert con.execute("SELECT id, budget_line_id FROM change_order").fetchall() == [(1, 1)]
        assert con.execute("SELECT id, task_id FROM budget_line").fetchall() == [(1, None)]
        con.execute("UPDATE budget_line SET task_id = 2")
        con.execute("DELETE FROM task WHERE id = 2")
        assert con.execute("SELECT task_id FROM budget_line").fetchall() == [(None,)]
    assert schema_differences(path) == []
