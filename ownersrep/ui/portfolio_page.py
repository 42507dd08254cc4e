"""Shown when the portfolio or a program is selected: every project at a glance."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.portfolio_table_model import COL_NAME, PortfolioTableModel


class PortfolioPage(QWidget):
    """Projects of the portfolio (or of one program), with open and overdue counts.
    Double-click opens the project."""

    project_activated = Signal(int)

    def __init__(self, services: AppServices, bus: ChangeBus, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._program_id: int | None = None
        self._stale = False
        self._title = QLabel()
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self._title.setFont(font)
        self._caption = QLabel()
        muted = self._caption.palette()
        muted.setColor(
            QPalette.ColorRole.WindowText, muted.color(QPalette.ColorRole.PlaceholderText)
        )
        self._caption.setPalette(muted)  # secondary text, readable in light and dark palettes
        self.model = PortfolioTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._caption)
        layout.addWidget(self.table, 1)
        bus.changed.connect(self._on_bus_changed)

    def show_scope(self, title: str, program_id: int | None) -> None:
        self._program_id = program_id
        self._title.setText(title)
        self.reload()

    def reload(self) -> None:
        self._stale = False
        rows = self._services.summary.rows(self._program_id)
        self.model.set_rows(rows)
        overdue = sum(r.overdue_issues for r in rows)
        high = sum(r.high_risks for r in rows)
        self._caption.setText(
            f"{len(rows)} projects · {sum(r.open_issues for r in rows):,} open issues "
            f"({overdue:,} overdue) · {sum(r.open_risks for r in rows):,} open risks "
            f"({high:,} high) — double-click a project to open it"
        )

    def _on_table_double_clicked(self, index: object) -> None:
        self.project_activated.emit(self.model.row_at(index.row()).id)  # type: ignore[attr-defined]

    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.entities & {"project", "program", "issue", "risk", "task", "schedule", "party"}:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # refreshed when shown again

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self.reload()


__all__ = ["PortfolioPage"]
