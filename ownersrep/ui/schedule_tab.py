"""The Schedule tab: the project's WBS as an editable task table beside its Gantt chart.

The chart (`GanttControls.chart`) paints the rows the table shows, so scrolling,
expanding, collapsing and selection stay in step by construction.

Every edit is an undo command on the one stack: cells through the model's
`edit_requested`, the toolbar through the task commands. The table reloads when the bus
reports a task or party change for this project, keeping expansion and selection.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QPoint, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMessageBox,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.party_service import PartyRef
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand, run_command
from ownersrep.ui.commands.task_commands import (
    AddTaskCommand,
    DeleteTaskCommand,
    EditTaskCommand,
    IndentTaskCommand,
    OutdentTaskCommand,
    SetPredecessorsCommand,
    TaskBatchCommand,
)
from ownersrep.ui.gantt_controls import GanttControls
from ownersrep.ui.schedule_actions import build_actions, build_toolbar
from ownersrep.ui.schedule_columns import hide_default_columns, set_up_columns, show_column_menu
from ownersrep.ui.schedule_rows import rescheduled_rows, with_baseline
from ownersrep.ui.schedule_selection import ScheduleSelection
from ownersrep.ui.task_tree_model import TaskTreeModel

M = TaskTreeModel


# Above this many edited rows a patch costs more than reading the WBS again.
_PATCH_MAX = 200


class ScheduleTab(QWidget):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._stack = undo_stack
        self._bus = bus
        self._project_id: int | None = None
        self._parties: list[PartyRef] = []
        self._compared = False  # a baseline is compared: variance follows each reschedule

        self.model = TaskTreeModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("schedule_table")
        self.view.setModel(self.model)
        self.view.setTreePosition(M.COL_NAME)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAllColumnsShowFocus(True)
        # Sorting reorders siblings inside each summary (the WBS keeps its shape); WBS
        # ascending is plain tree order. The chart paints the rows in the tree's order.
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(M.COL_WBS, Qt.SortOrder.AscendingOrder)
        self.view.setIndentation(18)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.header()
        self._delegates = set_up_columns(self.view, services.ctx.today, lambda: self._parties, self)
        self._selection = ScheduleSelection(self.view, self.model)
        actions = build_actions(
            self,
            self.view,
            add_task=self.add_task,
            add_milestone=self.add_milestone,
            outdent=self.outdent_selected,
            indent=self.indent_selected,
            delete=self.delete_selected,
        )
        self.add_task_action, self.add_milestone_action = actions.add_task, actions.add_milestone
        self.outdent_action, self.indent_action = actions.outdent, actions.indent
        self.delete_action = actions.delete
        self.toolbar, self.count_label, self.filter_edit = build_toolbar(self, actions)
        self.gantt = GanttControls(
            services,
            undo_stack,
            bus,
            self.view,
            self.model.row_for,
            self._selection.top_selected_ids,
            lambda task_id: self._selection.select_ids([task_id]),
            self,
        )
        self.chart = self.gantt.chart
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("schedule_splitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        # Rows line up only if both headers are equally tall: the chart's two tiers set it.
        height = max(header.sizeHint().height(), self.chart.header().sizeHint().height())
        header.setFixedHeight(height)
        self.chart.header().set_header_height(height)
        hide_default_columns(self.view)
        header.customContextMenuRequested.connect(self._on_header_menu_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.gantt.toolbar)
        layout.addWidget(self.splitter)

        self.model.edit_requested.connect(self._on_model_edit_requested)
        self.view.expanded.connect(self._selection.on_expanded)
        self.view.collapsed.connect(self._selection.on_collapsed)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.filter_edit.textChanged.connect(self._on_filter_text_changed)
        bus.changed.connect(self._on_bus_changed)
        self._update_actions()

    # -- public ------------------------------------------------------------------------
    def set_project(self, project_id: int | None) -> None:
        self._project_id = project_id
        self._selection.forget_collapsed()
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.model.set_filter("")
        self._parties = self._services.parties.list_parties() if project_id else []
        self.model.set_rows([])  # a reset: nothing of the last project survives
        if project_id is not None:
            self._services.schedule.ensure_scheduled(project_id)
        self.gantt.set_project(project_id)
        self.reload()
        if project_id is not None:
            # Once laid out: fitting needs the chart's real width.
            QTimer.singleShot(0, self.chart, self.chart.fit_project)  # dropped if closed first

    def project_id(self) -> int | None:
        return self._project_id

    def reload(self) -> None:
        """Read the WBS again; keep expansion, selection and the current row."""
        pid = self._project_id
        rows = self._services.tasks.list_tasks(pid) if pid is not None else []
        compared = self._services.baselines.compared_task_dates(pid) if pid is not None else {}
        self._compared = bool(compared)
        rows = with_baseline(rows, compared)
        selected, current = self.selected_ids(), self.current_id()
        if self.model.set_rows(rows):
            self._selection.restore(selected, current)
        self.gantt.set_range(rows)
        self._update_count()
        self._update_actions()

    def add_task(self) -> None:
        self._add(TaskKind.TASK, "New task")

    def add_milestone(self) -> None:
        self._add(TaskKind.MILESTONE, "New milestone")

    def delete_selected(self) -> None:
        ids = self._selection.top_selected_ids()
        if not ids:
            return
        rows = [r for r in (self.model.row_for(i) for i in ids) if r is not None]
        if len(rows) > 1 or any(r.has_children for r in rows):
            what = (
                f"“{rows[0].name}” and the tasks under it"
                if len(rows) == 1
                else f"these {len(rows)} tasks (and any tasks under them)"
            )
            answer = QMessageBox.question(
                self, "Delete tasks", f"Delete {what}? Undo brings them back."
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        parts = [DeleteTaskCommand(self._services, self._bus, i) for i in ids]
        name = rows[0].name if len(rows) == 1 else f"{len(rows)} tasks"
        self._run(self._batch(f"Delete “{name}”" if len(rows) == 1 else f"Delete {name}", parts))

    def indent_selected(self) -> None:
        ids = self._selection.top_selected_ids()
        parts = [IndentTaskCommand(self._services, self._bus, i) for i in ids]
        if parts and self._run(self._batch("Indent tasks", parts)):
            self._selection.select_ids(ids)

    def outdent_selected(self) -> None:
        ids = self._selection.top_selected_ids()
        # Bottom first, so that several outdented siblings keep their order.
        parts = [OutdentTaskCommand(self._services, self._bus, i) for i in reversed(ids)]
        if parts and self._run(self._batch("Outdent tasks", parts)):
            self._selection.select_ids(ids)

    def focus_search(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def selected_ids(self) -> list[int]:
        """Selected task ids, in tree order."""
        return self._selection.selected_ids()

    def current_id(self) -> int | None:
        return self._selection.current_id()

    def select_tasks(self, task_ids: Sequence[int]) -> None:
        """Select these tasks, expanding their parents; the first becomes current."""
        self._selection.select_ids(task_ids)

    # -- slots -------------------------------------------------------------------------
    def _on_bus_changed(self, changes: Changes) -> None:
        if self._project_id is None:
            return
        if changes.touches("party"):
            self._parties = self._services.parties.list_parties()
        pid = self._project_id
        tasks, dates = changes.touches("task", pid), changes.touches("schedule", pid)
        if changes.touches("project", pid):
            self.gantt.refresh_status()
        if changes.touches("baseline", pid):
            self.gantt.refresh_baselines()
        if (tasks and changes.structural) or changes.touches("task_link", pid):
            self.gantt.refresh_links()
        if (
            (tasks and changes.structural)
            or changes.touches("party")
            or changes.touches("baseline")
        ):
            self.reload()
        elif tasks or dates:
            self._patch(changes.ids_of("task"), changes.ids_of("schedule"))

    def _patch(self, edited: set[int], moved: set[int]) -> None:
        """Update in place the rows an edit changed and those its reschedule moved: a
        drag on a big project moves thousands, and reading the WBS again costs more than
        the engine."""
        pid = self._project_id
        assert pid is not None
        fresh = self._services.tasks.rows_of(pid, edited) if len(edited) <= _PATCH_MAX else None
        if fresh is None or any(self.model.row_for(r.id) is None for r in fresh):
            self.reload()
            return
        dates = self._services.schedule.dates_of(pid, moved - edited)
        rows = [*fresh, *rescheduled_rows(self.model.row_for, dates)]
        if self._compared:
            rows = with_baseline(rows, self._services.baselines.compared_task_dates(pid))
        self.model.patch_rows(rows)
        self.gantt.set_range([r for r in map(self.model.row_for, self.model.tree_ids()) if r])

    def _on_header_menu_requested(self, pos: QPoint) -> None:
        show_column_menu(self.view, pos, self)

    def _on_model_edit_requested(self, task_id: int, field: str, value: object) -> None:
        if field == "predecessors":
            command: ServiceCommand = SetPredecessorsCommand(
                self._services, self._bus, task_id, str(value)
            )
        else:
            command = EditTaskCommand(self._services, self._bus, task_id, {field: value})
        # A message box opened while the cell editor commits would make the editor
        # commit again on focus-out; show it once control is back in the event loop.
        self._run(command, deferred_message=True)

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _on_filter_text_changed(self, text: str) -> None:
        selected, current = self.selected_ids(), self.current_id()
        if self.model.set_filter(text):
            self._selection.restore(selected, current)
        self._update_count()

    # -- helpers -----------------------------------------------------------------------
    def _add(self, kind: TaskKind, name: str) -> None:
        if self._project_id is None:
            return
        current = self.model.row_for(self.current_id() or 0)
        parent_id = current.parent_id if current else None
        index = current.sort_order + 1 if current else None
        start = (
            current.start
            if current
            else self._services.projects.get(self._project_id).planned_start
        )
        command = AddTaskCommand(
            self._services,
            self._bus,
            self._project_id,
            parent_id,
            name,
            kind,
            index=index,
            start=start,
        )
        if self._run(command) and command.task_id is not None:
            if self.model.filter_text():
                self.filter_edit.clear()
            self._selection.select_ids([command.task_id])
            self.view.edit(self.model.index_of(command.task_id, M.COL_NAME))

    def _run(self, command: ServiceCommand, *, deferred_message: bool = False) -> bool:
        try:
            run_command(self._stack, command)
        except OwnersRepError as err:
            message = err.message
            if deferred_message:
                QTimer.singleShot(0, self, lambda: self._warn(message))
            else:
                self._warn(message)
            return False
        return True

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, "Cannot change the schedule", message)

    def _batch(self, text: str, parts: Sequence[ServiceCommand]) -> ServiceCommand:
        return parts[0] if len(parts) == 1 else TaskBatchCommand(text, self._bus, parts)

    def _update_actions(self) -> None:
        has_project = self._project_id is not None
        has_selection = has_project and bool(self.selected_ids() or self.current_id())
        for action in (self.add_task_action, self.add_milestone_action):
            action.setEnabled(has_project)
        for action in (self.delete_action, self.indent_action, self.outdent_action):
            action.setEnabled(has_selection)
        self.filter_edit.setEnabled(has_project)

    def _update_count(self) -> None:
        shown = len(self.model.visible_ids())
        total = self.model.total_count()
        if self._project_id is None:
            text = ""
        elif total == 0:
            text = "No tasks yet: Add task (Ins) starts the WBS"
        elif self.model.filter_text():
            text = f"{shown} of {total} tasks"
        else:
            text = f"{total} task" + ("" if total == 1 else "s")
        self.count_label.setText(text)
