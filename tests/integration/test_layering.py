"""Layering is law: Qt only in ui/, and ui/ never touches the database.

Two independent checks: import-linter's contracts from pyproject.toml (which follow
indirect imports), and a plain AST scan that also proves it can fail."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ownersrep"
CORE_LAYERS = ("domain", "db", "services", "interchange", "reports")
QT = ("PySide6", "shiboken6")
DB = ("ownersrep.db", "sqlalchemy", "sqlite3", "alembic")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violations(package: Path) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        layer = path.relative_to(package).parts[0]
        for name in imported_modules(path):
            top = name.split(".")[0]
            if layer in CORE_LAYERS and top in QT:
                found.append(f"{path.relative_to(package)} imports {name} (Qt outside ui)")
            if layer == "ui" and any(name == d or name.startswith(d + ".") for d in DB):
                found.append(f"{path.relative_to(package)} imports {name} (database in ui)")
    return found


def test_no_layer_violations() -> None:
    assert violations(PACKAGE) == []


def test_scan_catches_a_violation(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "ui").mkdir()
    (tmp_path / "services" / "bad.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "ui" / "worse.py").write_text("import sqlalchemy.orm\n")
    assert violations(tmp_path) == [
        "services/bad.py imports PySide6.QtCore (Qt outside ui)",
        "ui/worse.py imports sqlalchemy.orm (database in ui)",
    ]


def test_import_linter_contracts_hold() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is a test dependency (pip install -e .[test])"
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_cli_does_not_import_qt() -> None:
    code = (
        "import sys, ownersrep.cli, ownersrep.cli_demo, ownersrep.cli_workspace,"
        " ownersrep.cli_import;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
