"""Shown when the portfolio or a program is selected: the portfolio dashboard, every
project at a glance with its RAG status per area, CPI, SPI, VAC, next milestone and
issue counts. Click a header to sort; double-click a project to open it; the context
menu overrides a status; "Prioritise…" scores and ranks the projects."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QPalette, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.health.rag import Area, Rag
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.health_types import ENTITY_PRIORITY, HEALTH_SOURCES
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.health_commands import ClearRagOverrideCommand
from ownersrep.ui.portfolio_dashboard_model import (
    AREA_COLUMNS,
    COL_MILESTONE,
    PortfolioDashboardModel,
    build_lines,
)
from ownersrep.ui.priority_dialog import PriorityDialog
from ownersrep.ui.rag_override_dialog import RagOverrideDialog

REFRESH_ON = frozenset({*HEALTH_SOURCES, "program", "party"}) - {ENTITY_PRIORITY}


class PortfolioPage(QWidget):
    """Projects of the portfolio (or of one program) with their health and counts.
    Double-click opens the project."""

    project_activated = Signal(int)

    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ):
        super().__init__(parent)
        self._services = services
        self._bus = bus
        # The window's one stack (a test may leave it out: then one of its own).
        self._undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
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
        self.prioritise_button = QPushButton("&Prioritise…")
        self.prioritise_button.setToolTip("Weight the criteria, rate the projects, see the ranking")
        self.prioritise_button.clicked.connect(self.on_prioritise)
        self.model = PortfolioDashboardModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # long milestone names elide; the tooltip has them
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the portfolio's order
        header.setSortIndicatorClearable(True)
        self.table.setSortingEnabled(True)  # the model sorts in Python (no proxy)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_MILESTONE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        head = QHBoxLayout()
        head.addWidget(self._title, 1)
        head.addWidget(self.prioritise_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
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
        health = self._services.dashboard.rows([r.id for r in rows]) if rows else []
        self.model.set_rows(build_lines(rows, health))
        overdue = sum(r.overdue_issues for r in rows)
        high = sum(r.high_risks for r in rows)
        red = sum(1 for h in health if h.overall is Rag.RED)
        self._caption.setText(
            f"{len(rows)} projects ({red} red overall) · "
            f"{sum(r.open_issues for r in rows):,} open issues ({overdue:,} overdue) · "
            f"{sum(r.open_risks for r in rows):,} open risks ({high:,} high) — "
            "double-click a project to open it, right-click to override a status"
        )

    def open_override(self, project_id: int, column: int = -1) -> None:
        area = AREA_COLUMNS.get(column)
        RagOverrideDialog(
            self._services, self._undo_stack, self._bus, project_id, area, self
        ).exec()

    def on_prioritise(self) -> None:
        PriorityDialog(self._services, self._undo_stack, self._bus, self).exec()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.project_activated.emit(self.model.row_at(index.row()).id)

    def context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a point of the table's viewport: the project's actions there."""
        index = self.table.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            line = self.model.row_at(index.row())
            menu.addAction("&Open project", lambda: self.project_activated.emit(line.id))
            menu.addSeparator()
            area = AREA_COLUMNS.get(index.column())
            what = f"{area.label.lower()} status" if area else "status"
            menu.addAction(
                f"O&verride {what}…", lambda: self.open_override(line.id, index.column())
            )
            status = line.area(index.column())
            if area is not None and status is not None and status.is_overridden:
                menu.addAction(
                    f"&Clear {area.label.lower()} override",
                    lambda: self._clear_override(line.id, area),
                )
            menu.addSeparator()
        menu.addAction("&Prioritise projects…", self.on_prioritise)
        return menu

    def _on_table_context_menu(self, pos: QPoint) -> None:
        self.context_menu(pos).exec(self.table.viewport().mapToGlobal(pos))

    def _clear_override(self, project_id: int, area: Area) -> None:
        command = ClearRagOverrideCommand(self._services.health, self._bus, project_id, area)
        run_command(self._undo_stack, command)

    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.entities & REFRESH_ON:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # refreshed when shown again

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self.reload()


__all__ = ["PortfolioPage"]
