"""File → Import schedule…: pick an MS Project XML or Primavera XER file, see what it
holds, then import it as a new project (one undoable step).

The file is read in the background (a large XER takes a moment), the preview shows the
counts, the file's date range and status date, and every warning and skipped item, and
the user names the project and picks its program before anything is written. A file
that cannot be read or scheduled is explained in a message box; the dialog stays open
so another file can be picked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.interchange.import_preview import ImportPreview
from ownersrep.interchange.importer import ImportResult, ScheduleImporter
from ownersrep.interchange.reader import FILE_FILTER, projects_in, read_schedule
from ownersrep.interchange.schedule_file import ImportedSchedule
from ownersrep.services.app_services import AppServices
from ownersrep.services.portfolio_service import ProgramNode
from ownersrep.ui.background_task import run_in_background, run_with_progress
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.import_commands import ImportScheduleCommand, Progress, Runner
from ownersrep.ui.error_handler import show_error

TITLE = "Import schedule"
T = TypeVar("T")


def progress_runner(window: QWidget | None) -> Runner:
    """Runs the command's work behind a progress dialog: over the modal dialog that is
    open (the import dialog, on the first run), else over `window` (undo and redo run
    long after the import dialog has closed)."""

    def run(label: str, work: Callable[[Progress | None], Any]) -> Any:
        parent = QApplication.activeModalWidget() or window
        return run_with_progress(parent, label, work)

    return run


class ImportScheduleDialog(QDialog):
    """Emits `project_imported(project_id)` once the import has committed."""

    project_imported = Signal(int)

    def __init__(
        self,
        services: AppServices,
        importer_factory: Callable[[], ScheduleImporter],
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumSize(760, 600)
        self._services, self._stack, self._bus = services, undo_stack, bus
        self._importer = importer_factory()
        self._path: Path | None = None
        self.schedule: ImportedSchedule | None = None
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None

        # -- the file, and the project within it (XER files may hold several) -----------
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("An MS Project XML (.xml) or Primavera P6 (.xer) file")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(lambda: self.choose_file())
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.project_combo = QComboBox()
        self.project_combo.currentIndexChanged.connect(self._on_project_combo_changed)
        self.project_label = QLabel("Project in the &file:")
        self.project_label.setBuddy(self.project_combo)
        source = QFormLayout()
        source.addRow("File:", file_row)
        source.addRow(self.project_label, self.project_combo)

        # -- the preview ------------------------------------------------------------------
        self.preview_box = QGroupBox("What the file holds")
        self.preview_form = QFormLayout(self.preview_box)
        self.preview_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.notes_list = QListWidget()
        self.notes_list.setWordWrap(True)
        self.notes_list.setAlternatingRowColors(True)
        notes_box = QGroupBox("Warnings and what is left out")
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes_list)

        # -- the target -------------------------------------------------------------------
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.textChanged.connect(self._on_name_edit_changed)
        self.name_hint = QLabel()
        self.name_hint.setWordWrap(True)
        self.name_hint.setEnabled(False)  # greyed: a note, not a label
        self.program_combo = QComboBox()
        self._fill_programs()
        target_box = QGroupBox("Import as a new project")
        target = QFormLayout(target_box)
        target.addRow("Project &name:", self.name_edit)
        target.addRow("", self.name_hint)
        target.addRow("&Program:", self.program_combo)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addWidget(self.preview_box)
        layout.addWidget(notes_box, 1)
        layout.addWidget(target_box)
        layout.addWidget(self.buttons)
        self._show_preview()

    # -- public --------------------------------------------------------------------------
    def choose_file(self, path: str | Path | None = None) -> bool:
        """Ask for a file (unless given) and read it in the background. False if none
        was read (cancelled, or refused with a message)."""
        if path is None:
            start = str(self._path.parent) if self._path else ""
            chosen, _filter = QFileDialog.getOpenFileName(self, TITLE, start, FILE_FILTER)
            if not chosen:
                return False
            path = chosen
        file = Path(path)

        def read() -> tuple[list[tuple[str, str]], ImportedSchedule]:
            projects = projects_in(file)  # XER: pick the first until the user chooses
            return projects, read_schedule(file, projects[0][0] if projects else None)

        self.file_edit.setText(str(file))
        got = self._in_background(file, read)
        projects, schedule = got if got is not None else ([], None)
        self._path = None if got is None else file
        self._fill_programs()
        self.project_combo.blockSignals(True)
        self.project_combo.clear()
        for key, name in projects:
            self.project_combo.addItem(f"{name} ({key})" if name and name != key else key, key)
        self.project_combo.blockSignals(False)
        several = len(projects) > 1
        self.project_combo.setVisible(several)
        self.project_label.setVisible(several)
        if schedule is not None:
            self._show_schedule(schedule)
        return schedule is not None

    def project_name(self) -> str:
        return self.name_edit.text()

    def program_id(self) -> int | None:
        data = self.program_combo.currentData()
        return data if isinstance(data, int) else None

    # -- reading -------------------------------------------------------------------------
    def _in_background(self, file: Path, work: Callable[[], T]) -> T | None:
        """Run a read off the GUI thread; a refusal is shown, and the preview cleared."""
        try:
            return run_in_background(self, f"Reading {file.name}…", work)
        except OwnersRepError as err:
            self._show_schedule(None)
            QMessageBox.warning(self, "Cannot import", str(err))
        except Exception as exc:  # a reader bug: logged, explained, never a traceback
            self._show_schedule(None)
            show_error(self, "Cannot import", exc)
        return None

    def _show_schedule(self, schedule: ImportedSchedule | None) -> None:
        self.schedule = schedule
        self.preview = None if schedule is None else ImportPreview.of(schedule)
        self._show_preview()
        if schedule is None:
            return
        wanted = schedule.project_name or Path(schedule.path).stem
        try:
            self.name_edit.setText(self._importer.suggest_name(wanted))
        except OwnersRepError:
            self.name_edit.setText(Path(schedule.path).stem)

    def _on_project_combo_changed(self, index: int) -> None:
        file = self._path
        if index < 0 or file is None:
            return
        project = self.project_combo.itemData(index)
        schedule = self._in_background(file, lambda: read_schedule(file, project))
        if schedule is not None:
            self._show_schedule(schedule)

    # -- showing -------------------------------------------------------------------------
    def _show_preview(self) -> None:
        while self.preview_form.rowCount():
            self.preview_form.removeRow(0)
        self.notes_list.clear()
        preview = self.preview
        self.import_button.setEnabled(preview is not None)
        self.name_edit.setEnabled(preview is not None)
        self.program_combo.setEnabled(preview is not None)
        if preview is None:
            empty = QLabel("Choose a file to see what it holds.")
            empty.setEnabled(False)
            self.preview_form.addRow(empty)
            return
        for label, value in preview.summary_rows():
            field = QLabel(value)
            field.setToolTip(value)  # a long project name may not fit
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.preview_form.addRow(f"{label}:", field)
        style = self.style()
        skipped_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for line in preview.skipped_lines():
            QListWidgetItem(skipped_icon, line, self.notes_list)
        for line in preview.warnings:
            QListWidgetItem(warning_icon, line, self.notes_list)
        if not self.notes_list.count():
            item = QListWidgetItem("No warnings: everything in the file is imported.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.notes_list.addItem(item)

    def _fill_programs(self) -> None:
        """List the portfolio's programs (again: they may have changed since the dialog
        was built), keeping the one chosen."""
        chosen = self.program_id()
        self.program_combo.clear()
        self.program_combo.addItem("No program (top level)", None)

        def add(nodes: tuple[Any, ...], depth: int) -> None:
            for node in nodes:
                if isinstance(node, ProgramNode):
                    self.program_combo.addItem("    " * depth + node.name, node.id)
                    add(node.children, depth + 1)

        add(self._services.portfolio.tree().children, 0)
        self.program_combo.setCurrentIndex(max(self.program_combo.findData(chosen), 0))

    def _on_name_edit_changed(self, text: str) -> None:
        wanted = text.strip()
        hint = ""
        if wanted and self.preview is not None:
            try:
                final = self._importer.suggest_name(wanted)
            except OwnersRepError:
                final = wanted
            if final != wanted:
                hint = f"A project is already called “{wanted}”: this one will be “{final}”."
        self.name_hint.setText(hint)
        self.name_hint.setVisible(bool(hint))

    # -- importing -----------------------------------------------------------------------
    def accept(self) -> None:
        if self.schedule is None:
            return
        command = ImportScheduleCommand(
            self._importer,
            self._bus,
            self.schedule,
            name=self.name_edit.text(),
            program_id=self.program_id(),
            runner=progress_runner(self.parentWidget()),
        )
        try:
            run_command(self._stack, command)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot import", str(err))
            self.name_edit.setFocus()
            return
        except Exception as exc:  # a bug: logged, explained, nothing written, no traceback
            show_error(self, "Cannot import", exc)
            return
        self.result = command.result
        self.schedule = None  # the rows are in the workspace now; free the memory
        super().accept()
        self.project_imported.emit(command.project_id)
