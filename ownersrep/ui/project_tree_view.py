"""The project tree dock: Portfolio → programs → projects → WBS, with a small toolbar and
a context menu. Every edit (add, rename, delete, indent, outdent, drag) is an undo
command on the one QUndoStack; the model follows the ChangeBus.

Signals:
    project_selected(object): the current node's project id (a project or one of its
        tasks), or None for the portfolio or a program. Emitted when it changes.
    task_selected(object): the current task's id, or None. Emitted when it changes.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QMessageBox,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.ui.add_project_dialog import AddProjectDialog
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands import task_commands as tc
from ownersrep.ui.commands import tree_commands as tr
from ownersrep.ui.commands.base import ServiceCommand, run_command
from ownersrep.ui.error_handler import show_error
from ownersrep.ui.project_tree_model import ProjectTreeModel
from ownersrep.ui.project_tree_nodes import (
    PROGRAM,
    PROJECT,
    TASK,
    TreeRef,
    delete_question,
    svg_icon,
)
from ownersrep.ui.roles import DTO_ROLE

Key = tuple[str, int | None]
_RENAME_COMMANDS = {
    PROGRAM: tr.RenameProgramCommand,
    PROJECT: tr.RenameProjectCommand,
    TASK: tc.RenameTaskCommand,
}


class ProjectTreeView(QWidget):
    project_selected = Signal(object)
    task_selected = Signal(object)

    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        portfolio_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._stack, self._bus = services, undo_stack, bus
        self._last_project: int | None = None
        self._last_task: int | None = None
        self._refreshing = False
        self._saved_expanded: list[Key] = []
        self._saved_current: Key | None = None

        self.model = ProjectTreeModel(services, bus, portfolio_name, self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("project_tree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(16)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self._build_actions()
        self.toolbar = QToolBar(self)
        self.toolbar.setIconSize(QSize(16, 16))
        self.toolbar.addActions([self.add_program_action, self.add_project_action])
        self.toolbar.addAction(self.add_task_action)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.rename_action, self.delete_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.outdent_action, self.indent_action])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tree)

        queued = Qt.ConnectionType.QueuedConnection  # not inside the editor or the drop
        self.model.rename_requested.connect(self._on_model_rename_requested, queued)
        self.model.move_requested.connect(self._on_model_move_requested, queued)
        self.model.refresh_started.connect(self._on_model_refresh_started)
        self.model.refreshed.connect(self._on_model_refreshed)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu)
        bus.changed.connect(self._on_bus_changed)

        self._expand_programs()
        self.tree.setCurrentIndex(self.model.portfolio_index())
        self._update_actions()

    # -- public ------------------------------------------------------------------------
    def selected_ref(self) -> TreeRef | None:
        return self.model.ref(self.tree.currentIndex())

    def selected_project_id(self) -> int | None:
        ref = self.selected_ref()
        return None if ref is None else ref.project_id

    def select_project(self, project_id: int) -> None:
        self.select_node(PROJECT, project_id)

    def select_node(self, kind: str, node_id: int | None) -> bool:
        index = self.model.index_of(kind, node_id)
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.tree.scrollTo(index)
        return True

    def rename_selected(self) -> None:
        index = self.tree.currentIndex()
        if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.tree.edit(index)

    def delete_selected(self) -> None:
        ref = self.selected_ref()
        if ref is None or ref.id is None or ref.kind not in (PROGRAM, PROJECT, TASK):
            return
        try:
            counts = self._services.portfolio.count_contents(ref.kind, ref.id)
        except OwnersRepError as err:
            show_error(self, "Cannot delete", err)
            return
        title, text = delete_question(ref.kind, ref.name, counts)
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if ref.kind == TASK:
            command: ServiceCommand = tc.DeleteTaskCommand(self._services, self._bus, ref.id)
        else:
            delete = tr.DeleteProgramCommand if ref.kind == PROGRAM else tr.DeleteProjectCommand
            command = delete(self._services, self._bus, ref.id, ref.name)
        self._run(command, "Cannot delete")

    def add_program(self) -> None:
        command = tr.AddProgramCommand(
            self._services, self._bus, "New program", self._program_context()
        )
        if self._run(command, "Cannot add program") and command.program_id is not None:
            self._select_and_edit(PROGRAM, command.program_id)

    def add_project(self) -> None:
        program_id = self._program_context()
        program_name = "None (directly in the portfolio)"
        if program_id is not None:
            program = self.model.ref(self.model.index_of(PROGRAM, program_id))
            program_name = "" if program is None else program.name
        dialog = AddProjectDialog(
            self._services, self._stack, self._bus, program_id, program_name, self
        )
        if dialog.exec() and dialog.project_id is not None:
            self.select_project(dialog.project_id)

    def add_task(self) -> None:
        ref = self.selected_ref()
        if ref is None or ref.project_id is None or self._editing():
            return
        if ref.kind == TASK:  # a sibling just below the selected task
            parent_id = ref.parent_id if ref.parent_kind == TASK else None
            index: int | None = self.tree.currentIndex().row() + 1
        else:  # the last top-level task of the project
            parent_id, index = None, None
        command = tc.AddTaskCommand(
            self._services, self._bus, ref.project_id, parent_id, "New task", index=index
        )
        if self._run(command, "Cannot add task"):
            self._select_and_edit(TASK, command.task_id)

    def indent_selected(self) -> None:
        ref = self.selected_ref()
        if ref is None or ref.kind != TASK or ref.id is None or self._editing():
            return
        above = self.tree.currentIndex().siblingAtRow(self.tree.currentIndex().row() - 1)
        if self._run(tc.IndentTaskCommand(self._services, self._bus, ref.id), "Cannot indent"):
            self._reveal(above)
            self.select_node(TASK, ref.id)

    def outdent_selected(self) -> None:
        ref = self.selected_ref()
        if ref is None or ref.kind != TASK or ref.id is None or self._editing():
            return
        if self._run(tc.OutdentTaskCommand(self._services, self._bus, ref.id), "Cannot outdent"):
            self.select_node(TASK, ref.id)

    # -- slots -------------------------------------------------------------------------
    def _on_model_rename_requested(self, kind: str, node_id: int, name: str) -> None:
        rename = _RENAME_COMMANDS[kind]
        self._run(rename(self._services, self._bus, node_id, name), "Cannot rename")

    def _on_model_move_requested(
        self, kind: str, node_id: int, parent_kind: str, parent_id: object, index: int
    ) -> None:
        new_parent = parent_id if isinstance(parent_id, int) else None
        if kind in (PROGRAM, PROJECT):
            move = tr.MoveProgramCommand if kind == PROGRAM else tr.MoveProjectCommand
            at = None if index < 0 else index
            command: ServiceCommand = move(self._services, self._bus, node_id, new_parent, at)
        else:
            task = self.model.ref(self.model.index_of(TASK, node_id))
            task_parent = new_parent if parent_kind == TASK else None
            if index < 0 and task is not None and task.project_id is not None:
                counts = self._services.tasks.count_children(task.project_id, [task_parent])
                index = counts.get(task_parent, 0)
            command = tc.MoveTaskCommand(self._services, self._bus, node_id, task_parent, index)
        if self._run(command, "Cannot move"):
            self._reveal(self.model.index_of(parent_kind, new_parent))
            self.select_node(kind, node_id)

    def _on_model_refresh_started(self) -> None:
        self._refreshing = True
        self._saved_expanded = [
            (ref.kind, ref.id)
            for index in self.model.loaded_indexes()
            if self.tree.isExpanded(index) and (ref := self.model.ref(index)) is not None
        ]
        current = self.selected_ref()
        self._saved_current = None if current is None else (current.kind, current.id)

    def _on_model_refreshed(self) -> None:
        for key in self._saved_expanded:
            index = self.model.index_of(*key)
            if index.isValid() and not self.tree.isExpanded(index):
                self._reveal(index)
        current = self.selected_ref()
        if self._saved_current is not None and (
            current is None or (current.kind, current.id) != self._saved_current
        ):
            self.select_node(*self._saved_current)
        self._refreshing = False
        self._emit_selection()
        self._update_actions()

    def _on_tree_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._refreshing:
            self._emit_selection()
            self._update_actions()

    def _on_tree_context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions([self.add_program_action, self.add_project_action, self.add_task_action])
        menu.addSeparator()
        menu.addActions([self.rename_action, self.delete_action])
        menu.addSeparator()
        menu.addActions([self.indent_action, self.outdent_action])
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.touches("workspace"):
            self.model.set_portfolio_name(self._services.info.get().name)

    # -- helpers -----------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(text: str, icon: str, slot: object, tip: str, shortcut: str = "") -> QAction:
            act = QAction(svg_icon(icon), text, self)
            act.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            act.setStatusTip(tip)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
            self.addAction(act)
            return act

        self.add_program_action = action(
            "Add pro&gram",
            "tree-add-program",
            self.add_program,
            "Add a program (a folder of projects)",
        )
        self.add_project_action = action(
            "Add &project…", "tree-add-project", self.add_project, "Add a project"
        )
        self.add_task_action = action(
            "Add &task", "tree-add-task", self.add_task, "Add a task below the selected one", "Ins"
        )
        self.rename_action = action("&Rename", "tree-rename", self.rename_selected, "Rename", "F2")
        self.delete_action = action(
            "&Delete…", "tree-delete", self.delete_selected, "Delete the selected item (asks first)"
        )
        self.indent_action = action(
            "&Indent", "tree-indent", self.indent_selected, "Indent the task", "Alt+Shift+Right"
        )
        self.outdent_action = action(
            "&Outdent", "tree-outdent", self.outdent_selected, "Outdent the task", "Alt+Shift+Left"
        )

    def _update_actions(self) -> None:
        ref = self.selected_ref()
        kind = None if ref is None else ref.kind
        index = self.tree.currentIndex()
        is_task = kind == TASK
        self.add_task_action.setEnabled(kind in (PROJECT, TASK))
        self.rename_action.setEnabled(kind in (PROGRAM, PROJECT, TASK))
        self.delete_action.setEnabled(kind in (PROGRAM, PROJECT, TASK))
        above = index.siblingAtRow(index.row() - 1) if is_task else QModelIndex()
        above_dto = self.model.data(above, DTO_ROLE) if above.isValid() else None
        self.indent_action.setEnabled(getattr(above_dto, "kind", "milestone") != "milestone")
        self.outdent_action.setEnabled(is_task and ref is not None and ref.parent_kind == TASK)

    def _emit_selection(self) -> None:
        ref = self.selected_ref()
        project = None if ref is None else ref.project_id
        task = ref.id if ref is not None and ref.kind == TASK else None
        if project != self._last_project:
            self._last_project = project
            self.project_selected.emit(project)
        if task != self._last_task:
            self._last_task = task
            self.task_selected.emit(task)

    def _program_context(self) -> int | None:
        """The program a new program or project goes into: the selected one, or the
        program of the selected project (or of the task's project)."""
        ref = self.selected_ref()
        if ref is None:
            return None
        if ref.kind == PROGRAM:
            return ref.id
        if ref.project_id is not None:
            project = self.model.ref(self.model.index_of(PROJECT, ref.project_id))
            if project is not None and project.parent_kind == PROGRAM:
                return project.parent_id
        return None

    def _editing(self) -> bool:
        """True while a name is being typed (Ins and Alt+Shift+arrows belong to it)."""
        return self.tree.state() == QAbstractItemView.State.EditingState

    def _run(self, command: ServiceCommand, title: str) -> bool:
        try:
            run_command(self._stack, command)
        except OwnersRepError as err:
            show_error(self, title, err)
            return False
        return True

    def _reveal(self, index: QModelIndex) -> None:
        """Load and expand the node (and show it)."""
        if not index.isValid():
            return
        if self.model.canFetchMore(index):
            self.model.fetchMore(index)
        self.tree.expand(index)

    def _select_and_edit(self, kind: str, node_id: int | None) -> None:
        if self.select_node(kind, node_id):
            self.tree.edit(self.tree.currentIndex())

    def _expand_programs(self) -> None:
        self.tree.expand(self.model.portfolio_index())
        for index in self.model.loaded_indexes():
            ref = self.model.ref(index)
            if ref is not None and ref.kind == PROGRAM:
                self.tree.expand(index)
