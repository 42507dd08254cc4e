"""The Baselines dialog of one project: save the current schedule as a named baseline,
rename or delete one, and choose the one the schedule is compared against.

Every change is one undoable command on the shared stack; the dialog has its own Undo
and Redo buttons (the main window's shortcuts miss a modal dialog) and refreshes from
the change bus, so an undo made anywhere shows here at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import NotFoundError, OwnersRepError
from ownersrep.services.baseline_types import BaselineRef
from ownersrep.services.changes import Changes
from ownersrep.ui.baseline_table_model import BaselineTableModel
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands import baseline_commands as cmd
from ownersrep.ui.commands.base import ServiceCommand, run_command
from ownersrep.ui.undo_close_row import undo_close_row

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices

INTRO = (
    "A baseline is a frozen copy of the schedule's dates. The schedule shows each "
    "task's finish variance, in working days, against the compared baseline."
)
EMPTY_HINT = "No baselines yet. Save the current schedule to start measuring slippage."


class BaselinesDialog(QDialog):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        project_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._services = services
        self._undo_stack = undo_stack
        self._bus = bus
        self._project_id = project_id
        try:
            project_name = services.projects.get(project_id).name
        except NotFoundError:
            project_name = ""
        self.setWindowTitle(f"Baselines — {project_name}" if project_name else "Baselines")
        self.resize(760, 420)

        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.model = BaselineTableModel(self)
        self.view = self._build_view()
        self.empty_label = QLabel(EMPTY_HINT, self)
        self.empty_label.setEnabled(False)
        self.empty_label.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self.view, 1)
        left.addWidget(self.empty_label)
        middle = QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addLayout(self._build_buttons())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addLayout(self._build_bottom())

        bus.changed.connect(self._on_bus_changed)
        self._reload()
        if self.model.rowCount():
            compared = self.model.compared()
            self.select_baseline(compared.id if compared else self.model.baseline_at(0).id)  # type: ignore[union-attr]
        self._update_buttons()

    # -- public API ------------------------------------------------------------------
    def selected_baseline(self) -> BaselineRef | None:
        return self.model.baseline_at(self.view.selectionModel().currentIndex().row())

    def select_baseline(self, baseline_id: int) -> None:
        row = self.model.row_of(baseline_id)
        if row < 0:
            return
        flags = QItemSelectionModel.SelectionFlag
        index = self.model.index(row, BaselineTableModel.COL_NAME)
        self.view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.view.scrollTo(index)

    # -- building --------------------------------------------------------------------
    def _build_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BaselineTableModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)
        view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        view.doubleClicked.connect(self._on_view_double_clicked)
        for key, slot in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected),
            (QKeySequence(Qt.Key.Key_F2), self.rename_selected),
        ):
            action = QAction(view)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            view.addAction(action)
        return view

    def _build_buttons(self) -> QVBoxLayout:
        self.save_button = QPushButton("&Save current schedule…", self)
        self.save_button.setToolTip("Copy every task's current dates into a new baseline")
        self.save_button.clicked.connect(self.save_current)
        self.rename_button = QPushButton("&Rename…", self)
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.compare_button = QPushButton("&Compare against this", self)
        self.compare_button.setToolTip("Show the schedule's variance against this baseline")
        self.compare_button.clicked.connect(self.compare_selected)
        self.stop_button = QPushButton("Sto&p comparing", self)
        self.stop_button.setToolTip("Show the schedule without a baseline")
        self.stop_button.clicked.connect(self.stop_comparing)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        column = QVBoxLayout()
        for widget in (
            self.save_button,
            self.rename_button,
            self.delete_button,
            line,
            self.compare_button,
            self.stop_button,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        return column

    def _build_bottom(self) -> QHBoxLayout:
        bottom, self.undo_button, self.redo_button = undo_close_row(self, self._undo_stack)
        return bottom

    # -- actions ---------------------------------------------------------------------
    def save_current(self) -> None:
        try:
            name = self._services.baselines.suggest_name(self._project_id)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            return
        command = self._ask_and_run(
            "Save baseline",
            "Name of the new baseline:",
            name,
            lambda text: cmd.SaveBaselineCommand(self._services, self._bus, self._project_id, text),
        )
        if isinstance(command, cmd.SaveBaselineCommand) and command.baseline_id is not None:
            self.select_baseline(command.baseline_id)

    def rename_selected(self) -> None:
        b = self.selected_baseline()
        if b is not None:
            self._ask_and_run(
                "Rename baseline",
                "New name:",
                b.name,
                lambda text: cmd.RenameBaselineCommand(self._services, self._bus, b.id, text),
            )

    def delete_selected(self) -> None:
        b = self.selected_baseline()
        if b is None:
            return
        more = " The schedule will no longer be compared with a baseline." if b.compared else ""
        answer = QMessageBox.question(
            self,
            "Delete baseline",
            f"Delete the baseline “{b.name}” and its dates for {b.task_count:,} "
            f"task{'s' if b.task_count != 1 else ''}?{more}\n\nYou can undo this.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(cmd.DeleteBaselineCommand(self._services, self._bus, b.id, b.name))

    def compare_selected(self) -> None:
        b = self.selected_baseline()
        if b is not None and not b.compared:
            self._run(
                cmd.SetComparedBaselineCommand(
                    self._services, self._bus, self._project_id, b.id, b.name
                )
            )

    def stop_comparing(self) -> None:
        if self.model.compared() is not None:
            self._run(
                cmd.SetComparedBaselineCommand(self._services, self._bus, self._project_id, None)
            )

    # -- helpers ---------------------------------------------------------------------
    def _ask_name(self, title: str, label: str, text: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return name if ok else None

    def _ask_and_run(
        self, title: str, label: str, text: str, make: Callable[[str], ServiceCommand]
    ) -> ServiceCommand | None:
        """Ask for a name until the service accepts it (a refusal is explained, then
        the name asked again as typed) or the user cancels."""
        while (answer := self._ask_name(title, label, text)) is not None:
            command = make(answer)
            if self._run(command):
                return command
            text = answer
        return None

    def _run(self, command: ServiceCommand) -> bool:
        try:
            run_command(self._undo_stack, command)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            return False
        return True

    def _reload(self) -> None:
        self.model.set_baselines(self._services.baselines.list_baselines(self._project_id))
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)

    def _update_buttons(self) -> None:
        b = self.selected_baseline()
        for button in (self.rename_button, self.delete_button):
            button.setEnabled(b is not None)
        self.compare_button.setEnabled(b is not None and not b.compared)
        self.stop_button.setEnabled(self.model.compared() is not None)

    # -- slots -----------------------------------------------------------------------
    def _on_bus_changed(self, changes: Changes) -> None:
        # A deleted task takes its baseline rows with it, so task changes count too.
        entities = ("baseline", "task", "schedule", "project")
        if any(changes.touches(e, self._project_id) for e in entities):
            self._reload()
            if self.selected_baseline() is None and self.model.rowCount():
                self.select_baseline(self.model.baseline_at(0).id)  # type: ignore[union-attr]
            self._update_buttons()

    def _on_view_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _on_view_double_clicked(self, _index: QModelIndex) -> None:
        self.rename_selected()
