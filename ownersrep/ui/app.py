"""Composition root: the QApplication, the open workspace, its services, the one undo
stack and the main window. Nothing else builds these."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ownersrep import APP_NAME, ORG_NAME, __version__
from ownersrep.domain.errors import OwnersRepError
from ownersrep.paths import default_demo_path, resource_dir
from ownersrep.services.workspace_access import OpenWorkspace, open_workspace_for_use
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.error_handler import install_excepthook, setup_logging, show_error
from ownersrep.ui.main_window import MainWindow
from ownersrep.ui.settings import AppSettings

log = logging.getLogger("ownersrep")


class Application(QObject):
    """Owns the open workspace and its window; swaps both on New / Open / Restore."""

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.workspace: OpenWorkspace | None = None
        self.window: MainWindow | None = None

    # -- WorkspaceController (see main_window) -----------------------------------------
    def open_workspace(self, path: Path, *, create: bool = False) -> bool:
        # Absolute, so that the title, status bar, recent list and lock name one file.
        path = Path(path).expanduser().absolute()
        if self.workspace is not None and self.workspace.path.resolve() == path.resolve():
            self.window.raise_()  # type: ignore[union-attr]
            return True
        try:
            workspace = open_workspace_for_use(path, create=create)
        except OwnersRepError as exc:
            if not create:
                self.settings.remove_recent(path)
            show_error(self.window, "Cannot open workspace", exc)
            return False
        except Exception as exc:  # unexpected: logged, shown politely
            show_error(self.window, "Cannot open workspace", exc)
            return False
        self._install(workspace)
        return True

    def new_workspace(self, path: Path) -> None:
        if path.exists():
            # The save dialog asked to overwrite; we still never destroy a workspace.
            show_error(
                self.window,
                "Cannot create workspace",
                OwnersRepError(f"{path.name} already exists. Choose a new file name."),
            )
            return
        self.open_workspace(path, create=True)

    def save_copy(self, path: Path) -> None:
        from ownersrep.services.workspace_copy import save_copy
        from ownersrep.ui.background_task import run_in_background

        assert self.workspace is not None
        source = self.workspace.path
        try:
            run_in_background(self.window, "Saving a copy…", lambda: save_copy(source, path))
        except Exception as exc:
            show_error(self.window, "Cannot save a copy", exc)
            return
        self.window.statusBar().showMessage(f"Saved a copy as {path}", 8000)  # type: ignore[union-attr]

    def show_backups(self) -> None:
        from ownersrep.ui.backups_dialog import BackupsDialog

        assert self.workspace is not None and self.window is not None
        dialog = BackupsDialog(self.workspace.path, self.restore_backup, self.window)
        dialog.exec()

    def check_workspace(self) -> None:
        from ownersrep.services.workspace_service import check_workspace

        assert self.workspace is not None
        report = check_workspace(self.workspace.path, open_here=True)
        box = QMessageBox.information if report.ok else QMessageBox.warning
        box(self.window, "Workspace check", "\n".join(report.lines))

    def restore_backup(self, backup: Path) -> bool:
        """Close the workspace, restore the backup into its file, and open it again."""
        from ownersrep.services.workspace_service import restore_workspace
        from ownersrep.ui.background_task import run_in_background

        assert self.workspace is not None
        path = self.workspace.path
        parent: QWidget | None = self.window
        self._uninstall()
        try:
            report = run_in_background(
                parent, "Restoring backup…", lambda: restore_workspace(path, backup)
            )
        except Exception as exc:
            show_error(parent, "Cannot restore backup", exc)
            self.open_workspace(path)
            return False
        if parent is not None:
            parent.close()
        ok = self.open_workspace(path)
        if ok and self.window is not None:
            safety = (
                f" The workspace as it was is kept as {Path(report.safety.path).name}."
                if (report.safety)
                else ""
            )
            self.window.statusBar().showMessage(
                f"Restored {Path(report.restored.path).name}.{safety}", 15000
            )
        return ok

    # -- internals ---------------------------------------------------------------------
    def _install(self, workspace: OpenWorkspace) -> None:
        old_window, old_workspace = self.window, self.workspace
        services = workspace.services
        stack = QUndoStack()
        bus = ChangeBus()
        window = MainWindow(services, stack, bus, workspace.path, self, self.settings)
        # The history and the bus belong to this workspace's window and die with it.
        stack.setParent(window)
        bus.setParent(window)
        self.workspace, self.window = workspace, window
        self.settings.add_recent(workspace.path)
        if old_window is not None:
            window.restoreGeometry(old_window.saveGeometry())
            old_window.close()
            old_window.deleteLater()
        if old_workspace is not None:
            old_workspace.close()
        window.show()
        last = self.settings.last_project(workspace.path)
        if last is None:
            last = services.summary.first_project_id()
        if last is not None:
            window.open_project(last)
        if workspace.upgraded_from:
            window.statusBar().showMessage(
                f"Upgraded {workspace.path.name} from schema {workspace.upgraded_from}; "
                "the file as it was is kept in File → Backups.",
                20000,
            )
        if workspace.warnings:
            QTimer.singleShot(0, lambda: window.show_warnings(workspace.warnings))

    def _uninstall(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
        self.workspace = None

    def shutdown(self) -> None:
        self._uninstall()


def _initial_path(requested: str | None, settings: AppSettings) -> tuple[Path, bool]:
    """The workspace to open first, and whether it is the demo that must be written."""
    if requested:
        return Path(requested).expanduser(), False
    last = settings.last_workspace()
    if last is not None and last.exists():
        return last, False
    demo = default_demo_path()
    return demo, not demo.exists()


def run_gui(workspace: str | None = None) -> int:
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    qapp = QApplication.instance() or QApplication(sys.argv)
    icon = resource_dir() / "icons" / "ownersrep.svg"
    if icon.exists():
        qapp.setWindowIcon(QIcon(str(icon)))
    setup_logging()
    install_excepthook()
    app = Application()
    path, needs_demo = _initial_path(workspace, app.settings)
    if needs_demo:
        from ownersrep.services.demo import write_demo

        path.parent.mkdir(parents=True, exist_ok=True)
        write_demo(path)
    if not app.open_workspace(path):
        return 1
    code = qapp.exec()
    app.shutdown()
    return code
