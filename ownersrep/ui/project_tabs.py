"""The centre of the main window for one project: Overview, Schedule, Issues, Risks.

Only the visible tab loads its data; the others are told the project and load when
they are first shown (query only what is shown)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QTabWidget, QWidget


class ProjectPage(Protocol):
    def set_project(self, project_id: int | None) -> None: ...


class ProjectTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self._project_id: int | None = None
        self._loaded: dict[int, int | None] = {}
        self.currentChanged.connect(self._on_current_changed)

    def add_page(self, page: QWidget, title: str) -> None:
        self.addTab(page, title)

    def set_project(self, project_id: int | None) -> None:
        self._project_id = project_id
        self._load(self.currentIndex())

    def project_id(self) -> int | None:
        return self._project_id

    def _load(self, index: int) -> None:
        if index < 0:
            return
        if self._loaded.get(index, -1) != self._project_id:
            page: ProjectPage = self.widget(index)  # type: ignore[assignment]
            page.set_project(self._project_id)
            self._loaded[index] = self._project_id

    def _on_current_changed(self, index: int) -> None:
        self._load(index)
