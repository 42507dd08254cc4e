"""Where OwnersRep keeps its own files (never the workspaces, which the user places).

Environment variables override each folder, so tests and portable installs can redirect
them: OWNERSREP_DATA_DIR, OWNERSREP_LOG_DIR, OWNERSREP_BACKUP_DIR.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from ownersrep import APP_NAME, ORG_NAME


def _dir(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value) if value else default


def data_dir() -> Path:
    return _dir("OWNERSREP_DATA_DIR", platformdirs.user_data_path(APP_NAME, ORG_NAME))


def log_dir() -> Path:
    return _dir("OWNERSREP_LOG_DIR", platformdirs.user_log_path(APP_NAME, ORG_NAME))


def default_demo_path() -> Path:
    return data_dir() / "Demo portfolio.orep"


def resource_dir() -> Path:
    """`resources/` beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
