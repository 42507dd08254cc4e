"""`check`, `backup` and `restore` through their argparse handlers, as the CLI runs them."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from ownersrep import cli_workspace
from ownersrep.db import backup, migrate
from ownersrep.db.lock import WorkspaceLock
from ownersrep.db.models import Party
from ownersrep.db.workspace import connect_read_only, create_workspace, open_workspace


@pytest.fixture(autouse=True)
def backup_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "backup-root"
    monkeypatch.setenv("OWNERSREP_BACKUP_DIR", str(root))
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="ownersrep")
    cli_workspace.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.handler(args)
    out, err = capsys.readouterr()
    return code, out, err


def names(path: Path) -> list[str]:
    with closing(connect_read_only(path)) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM party ORDER BY name")]


def add(path: Path, name: str) -> None:
    with open_workspace(path) as ws, ws.sessions.begin() as s:
        s.add(Party(name=name, role="owner", notes=""))


def raw(path: Path, *statements: str) -> None:
    """Edit the file behind OwnersRep's back (foreign keys off), to plant a problem."""
    with closing(sqlite3.connect(path)) as conn:
        for sql in statements:
            conn.execute(sql)
        conn.commit()


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.orep"
    create_workspace(path).close()
    add(path, "Acme")
    return path


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


# --- check ---------------------------------------------------------------------------


def test_check_a_healthy_workspace(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    before = ws_path.read_bytes()
    code, out, err = run(capsys, "check", str(ws_path))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "ok    application id 0x4f524550 (OwnersRep workspace)",
        "ok    not open in another OwnersRep window",
        "ok    integrity check",
        "ok    foreign keys",
        f"ok    schema {migrate.HEAD_REVISION} (current)",
        "ok    tables, columns and indexes match this version",
        "clinic.orep: no problems found",
    ]
    assert ws_path.read_bytes() == before
    assert siblings(ws_path) == ["clinic.orep"]


def test_check_names_each_broken_link(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    raw(
        ws_path,
        "INSERT INTO contact(id, party_id, name, title, email, phone) "
        "VALUES (7, 999, 'Ghost', '', '', '')",
    )
    code, out, _ = run(capsys, "check", str(ws_path))
    assert code == 1
    assert "FAIL  1 row(s) refer to rows that do not exist:" in out
    assert "        contact row 7 (party_id=999): no such party row" in out
    assert out.rstrip().endswith("clinic.orep: PROBLEMS FOUND")


def test_check_reports_schema_drift(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    raw(ws_path, "ALTER TABLE party ADD COLUMN rating INTEGER", "CREATE TABLE scratch(x)")
    code, out, _ = run(capsys, "check", str(ws_path))
    assert code == 1
    assert "FAIL  2 difference(s) from this version's schema:" in out
    assert "        column party.rating: not expected" in out
    assert "        table scratch: not expected" in out


def test_check_a_newer_file(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    raw(ws_path, "UPDATE alembic_version SET version_num = 'ffff9999'")
    code, out, _ = run(capsys, "check", str(ws_path))
    assert code == 1
    assert "FAIL  schema ffff9999 is from a newer version of OwnersRep" in out


def test_check_a_damaged_file_without_changing_it(
    capsys: pytest.CaptureFixture[str], ws_path: Path
) -> None:
    data = bytearray(ws_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    target = (len(data) // page // 2) * page
    data[target : target + 256] = b"\x5a" * 256
    ws_path.write_bytes(bytes(data))
    code, out, _ = run(capsys, "check", str(ws_path))
    assert code == 1
    assert "FAIL  integrity check" in out
    assert ws_path.read_bytes() == bytes(data)
    assert siblings(ws_path) == ["clinic.orep"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"hello, not a database", "FAIL  clinic.orep is not an SQLite database."),
        (None, "FAIL  application id 0x0: this is not an OwnersRep workspace"),
    ],
)
def test_check_foreign_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, expected: str
) -> None:
    path = tmp_path / "clinic.orep"
    if content is None:
        raw(path, "CREATE TABLE t(x)")
    else:
        path.write_bytes(content)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert out.splitlines()[0].startswith(expected)


def test_check_a_missing_file_is_an_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "check", str(tmp_path / "nope.orep"))
    assert (code, out) == (1, "")
    assert err == f"error: {tmp_path / 'nope.orep'} does not exist or is not a file.\n"


def test_check_while_open_elsewhere(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    with open_workspace(ws_path) as ws, WorkspaceLock(ws_path):
        with ws.sessions.begin() as s:
            s.add(Party(name="Unsaved to main file", role="owner", notes=""))
        code, out, _ = run(capsys, "check", str(ws_path))
    assert code == 0
    assert "note  open in another OwnersRep window; checked what it has saved" in out


# --- backup and restore --------------------------------------------------------------


def test_backup_prints_where_it_went(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    code, out, err = run(capsys, "backup", str(ws_path))
    assert (code, err) == (0, "")
    (taken,) = backup.list_backups(ws_path)
    kb = round(taken.size / 1024)
    assert out == f"Backup taken: {taken.path} ({kb} KB, schema {migrate.HEAD_REVISION})\n"
    assert names(taken.path) == ["Acme"]
    assert siblings(ws_path) == ["clinic.orep"]  # the closed workspace gained no side files


def test_restore_lists_then_restores(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    code, out, _ = run(capsys, "restore", str(ws_path))
    assert code == 0
    assert out.startswith(f"No backups of {ws_path} yet (backup folder: ")
    run(capsys, "backup", str(ws_path))
    add(ws_path, "Later")
    run(capsys, "backup", str(ws_path))
    code, out, _ = run(capsys, "restore", str(ws_path))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith(f"Backups of {ws_path}, newest first (folder: ")
    assert [line.split()[0] for line in lines[1:3]] == ["1", "2"]
    oldest = backup.list_backups(ws_path)[1]
    assert lines[2].endswith(oldest.path.name)

    code, out, _ = run(capsys, "restore", str(ws_path), "2")
    assert code == 0
    assert names(ws_path) == ["Acme"]
    assert out.splitlines()[0] == f"Restored {ws_path} from {oldest.path}"
    assert out.splitlines()[1].startswith("The previous contents were backed up to ")

    code, _, _ = run(capsys, "restore", str(ws_path), "--latest")  # the safety backup
    assert code == 0
    assert names(ws_path) == ["Acme", "Later"]

    code, _, _ = run(capsys, "restore", str(ws_path), oldest.path.name)  # by name
    assert code == 0
    assert names(ws_path) == ["Acme"]


def test_restore_usage_errors(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    code, _, err = run(capsys, "restore", str(ws_path), "--latest")
    assert code == 1
    assert err.startswith(f"error: there are no backups of {ws_path} in ")
    run(capsys, "backup", str(ws_path))
    code, _, err = run(capsys, "restore", str(ws_path), "x.orep", "--latest")
    assert (code, err) == (2, "error: give either a BACKUP or --latest, not both\n")
    code, _, err = run(capsys, "restore", str(ws_path), "9")
    assert (code, err) == (2, "error: there is no backup number 9 (1 to 1)\n")
    code, _, err = run(capsys, "restore", str(ws_path), "clinic-19990101-000000.orep")
    assert code == 1
    assert err.startswith("error: No backup named clinic-19990101-000000.orep")


def test_restore_refused_while_open(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    run(capsys, "backup", str(ws_path))
    add(ws_path, "Keep me")
    with WorkspaceLock(ws_path):
        code, out, err = run(capsys, "restore", str(ws_path), "--latest")
    assert (code, out) == (1, "")
    assert err.startswith("error: clinic.orep is already open in another OwnersRep window")
    assert "Traceback" not in err
    assert names(ws_path) == ["Acme", "Keep me"]


def test_headless_in_a_fresh_process(ws_path: Path, backup_root: Path) -> None:
    """The handlers run without Qt: check in a new interpreter, then look at sys.modules."""
    script = (
        "import argparse, sys\n"
        "from ownersrep import cli_workspace\n"
        "p = argparse.ArgumentParser()\n"
        "cli_workspace.register(p.add_subparsers())\n"
        "a = p.parse_args(sys.argv[1:])\n"
        "code = a.handler(a)\n"
        "print('qt loaded' if any(m.startswith('PySide6') for m in sys.modules) else 'no qt')\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "check", str(ws_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    assert "clinic.orep: no problems found" in result.stdout
    assert result.stdout.splitlines()[-1] == "no qt"
