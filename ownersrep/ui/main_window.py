"""The main window: project tree on the left, the selected project's tabs (or the
portfolio page) in the centre, menus, toolbar and status bar."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ownersrep import APP_NAME, __version__
from ownersrep.domain.errors import OwnersRepError
from ownersrep.paths import log_dir
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.workspace_commands import RenamePortfolioCommand, SetThresholdsCommand
from ownersrep.ui.cost_tab import CostTab
from ownersrep.ui.error_handler import show_error
from ownersrep.ui.issues_tab import IssuesTab
from ownersrep.ui.main_actions import build_actions
from ownersrep.ui.overview_tab import OverviewTab
from ownersrep.ui.parties_dialog import PartiesDialog
from ownersrep.ui.portfolio_page import PortfolioPage
from ownersrep.ui.project_tabs import ProjectTabs
from ownersrep.ui.project_tree_view import ProjectTreeView
from ownersrep.ui.rag_thresholds_dialog import RagThresholdsDialog
from ownersrep.ui.risks_tab import RisksTab
from ownersrep.ui.schedule_tab import ScheduleTab
from ownersrep.ui.settings import AppSettings

if TYPE_CHECKING:
    from ownersrep.interchange.importer import ImportResult

FILE_FILTER = "OwnersRep workspaces (*.orep);;All files (*)"
TAB_OVERVIEW, TAB_SCHEDULE, TAB_ISSUES, TAB_RISKS, TAB_COST = range(5)


class WorkspaceController(Protocol):
    """What the window asks of the application: the things that swap the workspace."""

    def new_workspace(self, path: Path) -> None: ...
    def open_workspace(self, path: Path) -> None: ...
    def save_copy(self, path: Path) -> None: ...
    def show_backups(self) -> None: ...
    def check_workspace(self) -> None: ...


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        workspace_path: Path,
        controller: WorkspaceController,
        settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.bus = bus
        self.workspace_path = workspace_path
        self._controller = controller
        self._settings = settings
        self._portfolio_name = services.info.get().name
        self.setObjectName("main_window")
        self.setWindowFilePath(str(workspace_path))
        self.resize(1400, 860)

        # -- centre ----------------------------------------------------------------------
        self.portfolio_page = PortfolioPage(services, bus, self, undo_stack=undo_stack)
        self.portfolio_page.project_activated.connect(self._on_portfolio_project_activated)
        self.tabs = ProjectTabs(self)
        self.overview_tab = OverviewTab(services, undo_stack, bus, self)
        self.schedule_tab = ScheduleTab(services, undo_stack, bus, self)
        self.issues_tab = IssuesTab(services, undo_stack, bus, self)
        self.risks_tab = RisksTab(services, undo_stack, bus, self)
        self.cost_tab = CostTab(services, undo_stack, bus, self)
        self.tabs.add_page(self.overview_tab, "Overview")
        self.tabs.add_page(self.schedule_tab, "Schedule")
        self.tabs.add_page(self.issues_tab, "Issues")
        self.tabs.add_page(self.risks_tab, "Risks")
        self.tabs.add_page(self.cost_tab, "Cost")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.portfolio_page)
        self.centre.addWidget(self.tabs)
        self.setCentralWidget(self.centre)

        # -- left: project tree ----------------------------------------------------------
        self.tree = ProjectTreeView(services, undo_stack, bus, self._portfolio_name, self)
        self.tree.project_selected.connect(self._on_tree_project_selected)
        self.tree_dock = QDockWidget("Projects", self)
        self.tree_dock.setObjectName("project_tree_dock")
        self.tree_dock.setWidget(self.tree)
        self.tree_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tree_dock)
        self.tree.setMinimumWidth(220)

        # -- actions and status bar ------------------------------------------------------
        self.actions_ = build_actions(self, undo_stack, self)
        self.actions_.show_tree.setChecked(True)
        self.actions_.show_tree.toggled.connect(self.tree_dock.setVisible)
        self.tree_dock.visibilityChanged.connect(self.actions_.show_tree.setChecked)
        self.actions_.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._path_label = QLabel()
        self._project_label = QLabel()
        self._status_date_label = QLabel()
        for label in (self._path_label, self._project_label, self._status_date_label):
            self.statusBar().addPermanentWidget(label)
        self._path_label.setText(str(workspace_path))
        bus.changed.connect(self._on_bus_changed)

        self._restore_state()
        self._update_title()
        # The composition root opens the last project; showing the portfolio meanwhile
        # must not overwrite that memory.
        self._show_project(None, remember=False)

    # -- public ------------------------------------------------------------------------
    def current_project_id(self) -> int | None:
        return self.tabs.project_id() if self.centre.currentWidget() is self.tabs else None

    def open_project(self, project_id: int, tab: int | None = None) -> None:
        """Select the project in the tree (which shows its tabs)."""
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        self.tree.select_project(project_id)
        if self.current_project_id() != project_id:  # the tree may not list it yet
            self._show_project(project_id)

    def show_warnings(self, warnings: list[str]) -> None:
        if warnings:
            QMessageBox.warning(self, "Workspace location", "\n\n".join(warnings))

    # -- slots -------------------------------------------------------------------------
    def _on_tree_project_selected(self, project_id: object) -> None:
        self._show_project(project_id if isinstance(project_id, int) else None)

    def _on_portfolio_project_activated(self, project_id: int) -> None:
        self.open_project(project_id)

    def _on_tabs_current_changed(self, index: int) -> None:
        self._settings.set_last_tab(index)

    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.touches("workspace"):
            self._portfolio_name = self.services.info.get().name
            self._update_title()
        pid = self.current_project_id()
        if pid is not None and changes.touches("project", pid):
            self._update_project_labels(pid)

    def _show_project(self, project_id: int | None, *, remember: bool = True) -> None:
        if project_id is None:
            self.centre.setCurrentWidget(self.portfolio_page)
            self.portfolio_page.show_scope(self._portfolio_name, None)
            self._project_label.setText("Portfolio")
            self._status_date_label.setText("")
        else:
            self.centre.setCurrentWidget(self.tabs)
            self.tabs.set_project(project_id)
            self._update_project_labels(project_id)
        if remember:
            self._settings.set_last_project(self.workspace_path, project_id)

    def _update_project_labels(self, project_id: int) -> None:
        try:
            project = self.services.projects.get(project_id)
        except OwnersRepError:
            self._show_project(None)
            return
        self._project_label.setText(project.name)
        status = project.status_date
        self._status_date_label.setText(
            f"Status date {status:%d %b %Y}" if status else "No status date"
        )

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self._portfolio_name} — {self.workspace_path.name} — {APP_NAME}")

    # -- action handlers (see main_actions.MainHandlers) -------------------------------
    def on_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New workspace", str(self.workspace_path.parent / "Portfolio.orep"), FILE_FILTER
        )
        if path:
            target = Path(path)
            if target.suffix == "":
                target = target.with_suffix(".orep")
            self._controller.new_workspace(target)

    def on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open workspace", str(self.workspace_path.parent), FILE_FILTER
        )
        if path:
            self._controller.open_workspace(Path(path))

    def on_import_schedule(self) -> None:
        # Imported here: the readers and the engine are not needed to show the window,
        # and loading them at start-up cost about 0.2 s.
        from ownersrep.interchange.importer import ScheduleImporter
        from ownersrep.ui.import_dialog import ImportScheduleDialog

        dialog = ImportScheduleDialog(
            self.services,
            lambda: ScheduleImporter(self.services.ctx),
            self.undo_stack,
            self.bus,
            self,
        )
        dialog.project_imported.connect(
            lambda pid: self._on_import_project_imported(pid, dialog.result)
        )
        if dialog.choose_file():
            dialog.exec()
        dialog.deleteLater()

    def _on_import_project_imported(self, project_id: int, result: ImportResult | None) -> None:
        self.open_project(project_id, TAB_SCHEDULE)
        if result is not None:
            self.statusBar().showMessage(
                f"Imported {result.file_name} as “{result.project_name}”. "
                + result.comparison.sentence(),
                30_000,
            )

    def on_save_copy(self) -> None:
        default = self.workspace_path.with_name(f"{self.workspace_path.stem} copy.orep")
        path, _ = QFileDialog.getSaveFileName(self, "Save a copy", str(default), FILE_FILTER)
        if path:
            self._controller.save_copy(Path(path))

    def on_backups(self) -> None:
        self._controller.show_backups()

    def on_check(self) -> None:
        self._controller.check_workspace()

    def on_delete(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and self.tree.isAncestorOf(focus):
            self.tree.delete_selected()
            return
        page = self.tabs.currentWidget() if self.centre.currentWidget() is self.tabs else None
        if page is not None and page is not self.overview_tab:
            page.delete_selected()  # type: ignore[attr-defined]
        else:
            self.tree.delete_selected()

    def on_find(self) -> None:
        page = self.tabs.currentWidget()
        if self.centre.currentWidget() is self.tabs and hasattr(page, "focus_search"):
            page.focus_search()
        elif self.centre.currentWidget() is self.tabs:
            self.tabs.setCurrentIndex(TAB_ISSUES)
            self.issues_tab.focus_search()

    def on_parties(self) -> None:
        PartiesDialog(self.services, self.undo_stack, self.bus, self).exec()

    def on_thresholds(self) -> None:
        def submit(values: Mapping[str, Any]) -> None:
            run_command(self.undo_stack, SetThresholdsCommand(self.services, self.bus, values))

        RagThresholdsDialog(self.services.health.thresholds(), submit, self).exec()

    def on_owner_report(self) -> None:
        # Imported here: ReportLab and QtPdf load only when a report is made.
        from ownersrep.ui.report_dialog import ReportDialog

        dialog = ReportDialog(
            self.services,
            self.undo_stack,
            self.bus,
            self.tree.selected_project_id(),
            parent=self,
            status=lambda text: self.statusBar().showMessage(text, 30_000),
        )
        dialog.exec()
        if dialog.built is not None and dialog.preview is not None:
            built = dialog.built
            self.statusBar().showMessage(
                f"Owner report saved: {built.path} ({built.pages} pages)", 30_000
            )
        dialog.deleteLater()

    def on_branding(self) -> None:
        from ownersrep.ui.branding_dialog import BrandingDialog
        from ownersrep.ui.commands.report_commands import SetBrandingCommand

        def submit(values: Mapping[str, Any]) -> None:
            run_command(self.undo_stack, SetBrandingCommand(self.services, self.bus, values))

        BrandingDialog(self.services.report_settings.branding(), submit, self).exec()

    def on_rename_portfolio(self) -> None:
        name, ok = QInputDialog.getText(
            self, "Rename portfolio", "Portfolio name:", text=self._portfolio_name
        )
        if ok:
            try:
                run_command(self.undo_stack, RenamePortfolioCommand(self.services, self.bus, name))
            except OwnersRepError as exc:
                show_error(self, "Cannot rename", exc)

    def on_show_tab(self, index: int) -> None:
        if self.centre.currentWidget() is self.tabs:
            self.tabs.setCurrentIndex(index)

    def on_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>The owner's representative's workspace: projects, schedules, issues, RFIs "
            "and risks of a whole portfolio in one local file.</p>"
            f"<p>Workspace: {self.workspace_path}<br>Log folder: {log_dir()}</p>",
        )

    def on_open_logs(self) -> None:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _fill_recent_menu(self) -> None:
        menu = self.actions_.recent_menu
        menu.clear()
        files = [p for p in self._settings.recent_files() if p != self.workspace_path.resolve()]
        for i, path in enumerate(files, start=1):
            action = menu.addAction(f"&{i} {path.name}  —  {path.parent}")
            action.triggered.connect(lambda _c=False, p=path: self._controller.open_workspace(p))
        if not files:
            menu.addAction("No other recent workspaces").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear list", self._settings.clear_recent)

    # -- window state ------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self._settings.window_state()
        self._has_saved_state = state is not None and self.restoreState(state)
        self.tabs.setCurrentIndex(self._settings.last_tab())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._has_saved_state:
            # Dock sizes only apply to a laid-out window: give the tree room on first run.
            self._has_saved_state = True
            self.resizeDocks([self.tree_dock], [330], Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.save_window(self.saveGeometry(), self.saveState())
        super().closeEvent(event)
