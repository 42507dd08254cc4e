"""File → Backups: the automatic backups of this workspace, a manual backup, restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ownersrep.services import workspace_service as ws
from ownersrep.ui.background_task import run_in_background
from ownersrep.ui.error_handler import show_error


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


class BackupsDialog(QDialog):
    """Lists backups newest first. Restore closes the workspace, puts the backup in its
    place (keeping a safety copy of the current state) and opens it again."""

    def __init__(
        self,
        workspace_path: Path,
        restore: Callable[[Path], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = workspace_path
        self._restore = restore
        self.setWindowTitle("Backups")
        self.resize(720, 420)
        folder = ws.backup_folder(workspace_path)
        intro = QLabel(
            f"OwnersRep backs up <b>{workspace_path.name}</b> each time it is opened after a "
            "change, and keeps the 5 most recent, one a day for a week and one a week for "
            f"five weeks.<br>Folder: <a href='{QUrl.fromLocalFile(folder).toString()}'>"
            f"{folder}</a>"
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        intro.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Taken", "Size", "File"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._on_restore_clicked())

        self.backup_button = QPushButton("Back up now")
        self.backup_button.clicked.connect(self._on_backup_clicked)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.clicked.connect(self._on_restore_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._rows: list[ws.BackupRow] = []
        self.reload()

    def reload(self) -> None:
        self._rows = ws.list_workspace_backups(self._path)
        self.table.setRowCount(len(self._rows))
        for i, row in enumerate(self._rows):
            size = QTableWidgetItem(_size(row.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 0, QTableWidgetItem(f"{row.taken_at:%d %b %Y  %H:%M:%S}"))
            self.table.setItem(i, 1, size)
            self.table.setItem(i, 2, QTableWidgetItem(Path(row.path).name))
        if self._rows:
            self.table.selectRow(0)
        self._on_table_selection_changed()

    def selected_backup(self) -> ws.BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _on_table_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def _on_backup_clicked(self) -> None:
        try:
            run_in_background(self, "Backing up…", lambda: ws.backup_workspace(self._path))
        except Exception as exc:
            show_error(self, "Backup failed", exc)
        self.reload()

    def _on_restore_clicked(self) -> None:
        row = self.selected_backup()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            "Restore backup",
            f"Replace the workspace with the backup taken {row.taken_at:%d %b %Y at %H:%M}?"
            "\n\nThe current state is backed up first, so this can itself be undone "
            "from this list. Undo history is cleared.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.accept()
        self._restore(Path(row.path))
