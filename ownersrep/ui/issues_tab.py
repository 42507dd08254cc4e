"""The Issues tab: the project's issue log (issues, RFIs, decisions, action items).

Rows are loaded once per change (one column select), and every filter keystroke filters
and sorts them in Python (`issue_filter.apply`) before handing the result to the model.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.enums import IssueStatus, IssueType, Priority
from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.changes import Changes
from ownersrep.services.issue_csv import write_csv
from ownersrep.services.issue_service import IssueDTO, IssueRow
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.close_issue_dialog import CloseIssueDialog
from ownersrep.ui.commands.base import ServiceCommand, run_command
from ownersrep.ui.commands.issue_commands import (
    AddIssueCommand,
    CloseIssueCommand,
    DeleteIssueCommand,
    EditIssueCommand,
)
from ownersrep.ui.issue_dialog import IssueDialog, Save
from ownersrep.ui.issue_filter import IssueFilter, SortOrder, apply, search_blob, sort_rows
from ownersrep.ui.issue_filter_bar import IssueFilterBar
from ownersrep.ui.issue_table_model import COL_NUMBER, HEADERS, IssueTableModel, export_value
from ownersrep.ui.issue_table_view import IssueTableView

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices


class IssuesTab(QWidget):
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
        self._all_rows: list[IssueRow] = []
        self._blobs: list[str] = []

        # -- tool row ----------------------------------------------------------------------
        self.add_button = QPushButton("&Add…", self)
        self.add_button.setToolTip("Add an issue, RFI, decision or action item (Insert)")
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setToolTip("Edit the selected record (Enter or double-click)")
        self.close_button = QPushButton("&Close issue…", self)
        self.close_button.setToolTip("Close the selected record with its resolution")
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.setToolTip("Delete the selected records (asks first; undoable)")
        self.export_button = QPushButton("E&xport CSV…", self)
        self.export_button.setToolTip("Save the rows shown, as filtered and sorted, to CSV")
        tools = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.close_button, self.delete_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.export_button)

        self.filter_bar = IssueFilterBar(self)

        # -- table -------------------------------------------------------------------------
        self.model = IssueTableModel(self)
        self.table = IssueTableView(self.model, self)

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)

        add_action = QAction("Add issue", self)
        add_action.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        add_action.triggered.connect(lambda: self.add_issue())
        self.addAction(add_action)

        # -- wiring ------------------------------------------------------------------------
        self.add_button.clicked.connect(lambda: self.add_issue())
        self.edit_button.clicked.connect(self.edit_selected)
        self.close_button.clicked.connect(self.close_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_csv)
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        bus.changed.connect(self._on_bus_changed)
        self.set_project(None)

    # -- public API --------------------------------------------------------------------------
    def set_project(self, project_id: int | None) -> None:
        if project_id != self._project_id:
            self.filter_bar.search_edit.clear()
        self._project_id = project_id
        self.add_button.setEnabled(project_id is not None)
        self.filter_bar.setEnabled(project_id is not None)
        self.reload()

    def project_id(self) -> int | None:
        return self._project_id

    def reload(self) -> None:
        """Read the project's rows again and show them through the current filter."""
        if self._project_id is None:
            self._all_rows = []
        else:  # in number order, so that sorting by another column breaks ties by number
            rows = self._services.issues.list_issues(self._project_id)
            self._all_rows = sort_rows(rows, COL_NUMBER)
        self._blobs = [search_blob(r) for r in self._all_rows]
        assignees = {r.assigned_to_id: r.assigned_to for r in self._all_rows if r.assigned_to_id}
        self.filter_bar.set_assignees(sorted(assignees.items(), key=lambda p: p[1].casefold()))
        self._refilter()

    def all_rows(self) -> list[IssueRow]:
        return list(self._all_rows)

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def selected_rows(self) -> list[IssueRow]:
        return self.table.selected_rows()

    def current_row(self) -> IssueRow | None:
        return self.table.current_row()

    def select_issues(self, issue_ids: list[int], current: int | None = None) -> bool:
        return self.table.select_issues(issue_ids, current)

    def set_column_visible(self, column: int, visible: bool) -> None:
        self.table.set_column_visible(column, visible)

    def add_issue(self, issue_type: IssueType = IssueType.ISSUE) -> None:
        if self._project_id is None:
            return
        project_id = self._project_id
        added: list[AddIssueCommand] = []

        def save(values: dict[str, Any]) -> None:
            fields = dict(values)
            kind, title = fields.pop("issue_type"), fields.pop("title")
            cmd = AddIssueCommand(self._services.issues, self._bus, project_id, kind, title, fields)
            run_command(self._stack, cmd)
            added.append(cmd)

        self._open_dialog(save, None, issue_type)
        if added and added[0].issue_id is not None:
            self._reveal(added[0].issue_id)

    def edit_selected(self) -> None:
        issue = self._fetch_current("Cannot edit")
        if issue is None:
            return

        def save(values: dict[str, Any]) -> None:
            edits = {issue.id: values}
            text = f"Edit {issue.number}"
            run_command(
                self._stack, EditIssueCommand(self._services.issues, self._bus, edits, text)
            )

        self._open_dialog(save, issue, issue.issue_type)

    def close_selected(self) -> None:
        issue = self._fetch_current("Cannot close")
        if issue is None:
            return

        def save(resolution: str, closed_on: date) -> None:
            cmd = CloseIssueCommand(
                self._services.issues, self._bus, issue.id, resolution, closed_on, issue.number
            )
            run_command(self._stack, cmd)

        today = self._services.ctx.today()
        dialog = CloseIssueDialog(
            issue.number, issue.title, issue.raised_on, save, today, issue.resolution, self
        )
        dialog.exec()
        dialog.deleteLater()

    def delete_selected(self) -> None:
        """Delete the selected records after asking (Edit › Delete)."""
        rows = self.selected_rows()
        if not rows:
            return
        if len(rows) == 1:
            question = f"Delete {rows[0].number} “{rows[0].title}”?"
        else:
            listed = ", ".join(r.number for r in rows[:5]) + (", …" if len(rows) > 5 else "")
            question = f"Delete {len(rows)} records ({listed})?"
        answer = QMessageBox.question(
            self,
            "Delete",
            f"{question}\n\nTheir numbers are not reused. Edit › Undo brings them back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        next_row = min(self.model.row_of_id(r.id) or 0 for r in rows)
        text = f"Delete {rows[0].number}" if len(rows) == 1 else f"Delete {len(rows)} issues"
        cmd = DeleteIssueCommand(self._services.issues, self._bus, [r.id for r in rows], text)
        if self._run(cmd, "Cannot delete") and self.model.rowCount():
            row = min(next_row, self.model.rowCount() - 1)
            self.select_issues([self.model.row_at(row).id])

    def set_selected_field(self, field: str, value: str, label: str) -> None:
        """Set one field (status or priority) on every selected record, as one undo step."""
        rows = self.selected_rows()
        if not rows:
            return
        edits = {r.id: {field: value} for r in rows}
        target = rows[0].number if len(rows) == 1 else f"{len(rows)} issues"
        text = f"Set {label} of {target}"
        self._run(EditIssueCommand(self._services.issues, self._bus, edits, text), "Cannot save")

    def export_csv(self) -> Path | None:
        """Ask where, then write the rows shown (filtered, sorted; columns as shown)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / self._export_name()) if folder else self._export_name()
        path_text, _chosen = QFileDialog.getSaveFileName(
            self, "Export issues to CSV", suggested, "CSV files (*.csv);;All files (*)"
        )
        if not path_text:
            return None
        path = Path(path_text)
        if not path.suffix:
            path = path.with_suffix(".csv")
        columns = self.table.visible_columns()
        rows = ([export_value(r, c) for c in columns] for r in self.model.rows())
        try:
            write_csv(path, [HEADERS[c] for c in columns], rows)
        except OSError as err:
            QMessageBox.warning(self, "Cannot export", f"{path}: {err.strerror or err}")
            return None
        return path

    # -- internals ---------------------------------------------------------------------------
    def _open_dialog(self, save: Save, issue: IssueDTO | None, issue_type: IssueType) -> None:
        assert self._project_id is not None
        dialog = IssueDialog(
            self._services.parties.list_parties(),
            self._services.issues.task_choices(self._project_id),
            save,
            self._services.ctx.today(),
            issue,
            self,
            issue_type=issue_type,
        )
        dialog.exec()
        dialog.deleteLater()

    def _fetch_current(self, title: str) -> IssueDTO | None:
        row = self.current_row()
        if row is None or self._project_id is None:
            return None
        try:
            return self._services.issues.get(row.id)
        except OwnersRepError as err:
            QMessageBox.warning(self, title, str(err))
            self.reload()
            return None

    def _run(self, cmd: ServiceCommand, title: str) -> bool:
        try:
            run_command(self._stack, cmd)
        except OwnersRepError as err:
            QMessageBox.warning(self, title, str(err))
            self.reload()
            return False
        return True

    def _refilter(self) -> None:
        keep = [r.id for r in self.selected_rows()]
        current = self.current_row()
        column, order = self.model.sort_column, self.model.sort_order
        if column == COL_NUMBER and order == SortOrder.ASCENDING:
            column = -1  # `_all_rows` is in number order already
        rows = apply(
            self._all_rows, self.filter_bar.current_filter(), column, order, blobs=self._blobs
        )
        self.model.set_rows(rows)
        if keep:
            self.select_issues(keep, current.id if current else None)
        if self._project_id is None:
            self.filter_bar.count_label.setText("")
        else:
            self.filter_bar.set_counts(len(rows), len(self._all_rows))

    def _reveal(self, issue_id: int) -> None:
        """Select a record, clearing the filters that hide it if need be."""
        if self.select_issues([issue_id]):
            return
        self.filter_bar.reset()
        if not self.select_issues([issue_id]):
            self.filter_bar.show_all_statuses()
            self.select_issues([issue_id])

    def _export_name(self) -> str:
        base = "issues"
        if self._project_id is not None:
            try:
                project = self._services.projects.get(self._project_id)
                base = f"{project.code or project.name} issues"
            except OwnersRepError:
                pass
        safe = re.sub(r"[^\w\- ]+", "", base).strip() or "issues"
        return f"{safe} {self._services.ctx.today():%Y-%m-%d}.csv"

    def _update_buttons(self, *_args: object) -> None:
        one = self.current_row()
        self.edit_button.setEnabled(one is not None)
        self.close_button.setEnabled(one is not None and one.status is not IssueStatus.CLOSED)
        self.delete_button.setEnabled(one is not None)
        self.export_button.setEnabled(self._project_id is not None and self.model.rowCount() > 0)

    # -- slots -------------------------------------------------------------------------------
    def _on_filter_bar_filter_changed(self, _flt: IssueFilter) -> None:
        self._refilter()

    def _on_table_activated(self, _index: QModelIndex) -> None:
        self.edit_selected()

    def _on_table_context_menu(self, pos: QPoint) -> None:
        if self._project_id is None:
            return
        menu = QMenu(self)
        menu.addAction("Add…", lambda: self.add_issue())
        for kind in (IssueType.RFI, IssueType.DECISION, IssueType.ACTION):
            noun = kind.label if kind is IssueType.RFI else kind.label.lower()
            menu.addAction(f"Add {noun}…", lambda k=kind: self.add_issue(k))
        if self.selected_rows():
            menu.addSeparator()
            menu.addAction("Edit…", self.edit_selected)
            close = menu.addAction("Close issue…", self.close_selected)
            close.setEnabled(self.close_button.isEnabled())
            status_menu = menu.addMenu("Set status")
            for status in (IssueStatus.OPEN, IssueStatus.IN_PROGRESS):
                status_menu.addAction(
                    status.label,
                    lambda s=status: self.set_selected_field("status", s.value, "status"),
                )
            priority_menu = menu.addMenu("Set priority")
            for priority in Priority:
                priority_menu.addAction(
                    priority.label,
                    lambda p=priority: self.set_selected_field("priority", p.value, "priority"),
                )
            menu.addSeparator()
            menu.addAction("Delete…", self.delete_selected)
        menu.addSeparator()
        menu.addAction("Export CSV…", self.export_csv)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _on_bus_changed(self, changes: Changes) -> None:
        if self._project_id is None:
            return
        if changes.touches("issue", self._project_id) or "party" in changes.entities:
            self.reload()


__all__ = ["IssuesTab"]
