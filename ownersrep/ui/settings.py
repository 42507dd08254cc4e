"""What the app remembers between runs (QSettings): recent files, last workspace,
window geometry and state, and the last project shown per workspace."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings()

    # -- recent files ----------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        value = self._s.value("recent/files", [])
        if isinstance(value, str):  # QSettings returns a lone string for a 1-item list
            value = [value]
        return [Path(v) for v in (value or [])]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [p for p in self.recent_files() if p != path]
        files.insert(0, path)
        self._s.setValue("recent/files", [str(p) for p in files[:MAX_RECENT]])
        self._s.setValue("recent/last", str(path))

    def remove_recent(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != Path(path).resolve()]
        self._s.setValue("recent/files", [str(p) for p in files])

    def clear_recent(self) -> None:
        self._s.setValue("recent/files", [])

    def last_workspace(self) -> Path | None:
        value = self._s.value("recent/last", "")
        return Path(value) if value else None

    # -- window ----------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    # -- per workspace ---------------------------------------------------------------
    def _key(self, workspace: Path, name: str) -> str:
        # str hash() is salted per process; a digest is stable across runs.
        digest = hashlib.sha1(str(Path(workspace).resolve()).encode()).hexdigest()[:12]
        return f"workspace/{digest}/{name}"

    def last_project(self, workspace: Path) -> int | None:
        value = self._s.value(self._key(workspace, "project"), None)
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_last_project(self, workspace: Path, project_id: int | None) -> None:
        self._s.setValue(self._key(workspace, "project"), project_id if project_id else "")

    def last_tab(self) -> int:
        try:
            return int(self._s.value("window/tab", 0))
        except (TypeError, ValueError):
            return 0

    def set_last_tab(self, index: int) -> None:
        self._s.setValue("window/tab", index)
