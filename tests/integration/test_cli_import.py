"""`ownersrep import WORKSPACE FILE`: through the real parser in-process, and once as a
separate `python -m ownersrep` process."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from ownersrep import cli
from ownersrep.db.workspace import Workspace, connect_read_only, create_workspace, open_workspace
from tests.helpers.schedules import SCHEDULES
from tests.helpers.workspace_fingerprint import fingerprint

ROOT = Path(__file__).resolve().parents[2]
WK2 = SCHEDULES / "xer" / "constology__wk2.xer"
RELATIONS = SCHEDULES / "mspdi" / "mpxj__mspdirelations.xml"
pytestmark = pytest.mark.skipif(not WK2.is_file(), reason=f"no schedule files at {SCHEDULES}")


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    path = tmp_path / "portfolio.orep"
    create_workspace(path).close()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def projects(path: Path) -> list[tuple[str, str | None, int]]:
    with closing(connect_read_only(path)) as conn:
        return list(
            conn.execute(
                "SELECT p.name, p.source_format, count(t.id) FROM project p "
                "LEFT JOIN task t ON t.project_id = p.id GROUP BY p.id ORDER BY p.id"
            )
        )


def test_import_prints_the_preview_and_the_outcome(
    capsys: pytest.CaptureFixture[str], ws_path: Path
) -> None:
    code, out, err = run(capsys, "import", str(ws_path), str(WK2))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["File:", "constology__wk2.xer"]
    assert lines[1].split() == ["Format:", "Primavera", "P6", "XER"]
    assert "Project in the file: TRIAL PROJECT" in out
    assert "Skipped:             596 resource assignments, 59 resources," in out
    assert lines[-1].startswith("Imported constology__wk2.xer as project “TRIAL PROJECT”: ")
    assert "198 tasks, 301 links, 1 calendar, 1 baseline. Our dates match the file's" in out
    assert projects(ws_path) == [("TRIAL PROJECT", "xer", 198)]


def test_a_new_name_and_a_second_import(capsys: pytest.CaptureFixture[str], ws_path: Path) -> None:
    assert run(capsys, "import", str(ws_path), str(RELATIONS), "--name", "Relations")[0] == 0
    code, out, _err = run(capsys, "import", str(ws_path), str(RELATIONS), "--name", "Relations")
    assert code == 0 and "as project “Relations (2)”" in out
    assert projects(ws_path) == [("Relations", "mspdi", 5), ("Relations (2)", "mspdi", 5)]


def test_a_bad_file_is_an_error_and_the_workspace_is_untouched(
    capsys: pytest.CaptureFixture[str], ws_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "update 7.xer"
    bad.write_bytes(WK2.read_bytes()[:150_000])
    with open_workspace(ws_path) as ws:
        before = fingerprint(ws)
    code, out, err = run(capsys, "import", str(ws_path), str(bad))
    assert code == 1 and out == ""
    assert err.startswith(f"error: {bad}: ") and "truncated" in err
    assert err.count("\n") == 1  # one line, never a traceback
    with open_workspace(ws_path) as ws:
        assert fingerprint(ws) == before
    assert run(capsys, "import", str(ws_path), str(tmp_path / "plan.mpp"))[2] == (
        f"error: {tmp_path / 'plan.mpp'}: file: is not an MS Project XML (.xml) or "
        "Primavera (.xer) file\n"
    )


def test_an_unknown_xer_project_is_refused(
    capsys: pytest.CaptureFixture[str], ws_path: Path
) -> None:
    code, _out, err = run(capsys, "import", str(ws_path), str(WK2), "--project", "NOPE")
    assert code == 1 and err.startswith(f"error: {WK2}: ") and "NOPE" in err
    assert projects(ws_path) == []


def test_a_locked_workspace_is_refused(
    capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    from ownersrep.services.workspace_access import open_workspace_for_use

    workspace.close()
    held = open_workspace_for_use(workspace.path)
    try:
        code, _out, err = run(capsys, "import", str(workspace.path), str(RELATIONS))
    finally:
        held.close()
    assert code == 1 and err.startswith("error: ") and "open" in err
    assert projects(workspace.path) == []


def test_python_dash_m_ownersrep_import(ws_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "OWNERSREP_BACKUP_DIR": str(tmp_path / "backups")}
    result = subprocess.run(
        [sys.executable, "-m", "ownersrep", "import", str(ws_path), str(RELATIONS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Imported mpxj__mspdirelations.xml as project “mspdirelations”: 5 tasks" in result.stdout
    assert projects(ws_path) == [("mspdirelations", "mspdi", 5)]
