"""The Gantt side of the Schedule tab: the chart, its toolbar, and what its gestures and
the schedule actions turn into (undo commands, dialogs, exports).

The chart draws the rows of the tab's tree view; this object feeds it what is not in
the rows (links, calendar, today and the status date) and answers its signals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QToolBar,
    QToolButton,
    QTreeView,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.services.task_tree import TaskRow
from ownersrep.ui.baselines_dialog import BaselinesDialog
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand, run_command
from ownersrep.ui.commands.baseline_commands import SetComparedBaselineCommand
from ownersrep.ui.commands.schedule_commands import MarkOnScheduleCommand, SetStatusDateCommand
from ownersrep.ui.commands.task_commands import (
    EditTaskCommand,
    SetPredecessorsCommand,
    TaskBatchCommand,
)
from ownersrep.ui.driving_path_dialog import DrivingPathDialog
from ownersrep.ui.gantt.gantt_chart import GanttChart
from ownersrep.ui.gantt.gantt_export import export_pdf, export_png
from ownersrep.ui.task_dialog import TaskDialog

RowOf = Callable[[int], TaskRow | None]


def _d(day: date | None) -> str:
    return f"{day:%d %b %Y}" if day else "—"


def _days(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{round(value, 1):g}"
    return f"{text} working day" + ("" if text in ("1", "-1") else "s")


class GanttControls(QObject):
    """Owns the chart and the schedule toolbar of one Schedule tab."""

    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        tree: QTreeView,
        row_of: RowOf,
        selected_ids: Callable[[], list[int]],
        select_task: Callable[[int], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._services, self._stack, self._bus = services, undo_stack, bus
        self._row_of, self._selected_ids, self._select_task = row_of, selected_ids, select_task
        self._parent = parent
        self._project_id: int | None = None
        self._status: date | None = None
        self.chart = GanttChart(tree, parent)
        self.chart.set_tooltip_provider(self.tooltip)
        self.chart.move_requested.connect(self._on_chart_move_requested)
        self.chart.finish_requested.connect(self._on_chart_finish_requested)
        self.chart.link_requested.connect(self._on_chart_link_requested)
        self.chart.task_activated.connect(self.open_task_dialog)
        self.toolbar = self._build_toolbar(parent)

    # -- public ------------------------------------------------------------------------
    def set_project(self, project_id: int | None) -> None:
        self._project_id = project_id
        if project_id is None:
            self.chart.set_links([])
            return
        cal = self._services.schedule.calendar(project_id)
        self.chart.set_calendar(cal.is_working_day)
        self.refresh_links()
        self.refresh_status()
        self.refresh_baselines()

    def refresh_links(self) -> None:
        if self._project_id is None:
            return
        self.chart.set_links(self._services.schedule.list_links(self._project_id))

    def refresh_status(self) -> None:
        if self._project_id is None:
            return
        info = self._services.schedule.info(self._project_id)
        self._status = info.status_date
        self.chart.set_dates(self._services.ctx.today(), info.status_date)
        self.status_label.setText(f"Status date {_d(info.status_date)}")

    def refresh_baselines(self) -> None:
        """Fill the "compare with" list; returns nothing (the rows carry the dates)."""
        combo = self.baseline_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("No baseline", None)
        if self._project_id is not None:
            for ref in self._services.baselines.list_baselines(self._project_id):
                combo.addItem(ref.name, ref.id)
                if ref.compared:
                    combo.setCurrentIndex(combo.count() - 1)
        combo.blockSignals(False)
        self.show_baseline_action.setEnabled(combo.currentData() is not None)

    def set_range(self, rows: Sequence[TaskRow]) -> None:
        starts = [r.start for r in rows if r.start is not None]
        finishes = [r.finish for r in rows if r.finish is not None]
        self.chart.set_project_range(min(starts, default=None), max(finishes, default=None))

    def tooltip(self, task_id: int) -> str:
        row = self._row_of(task_id)
        if row is None:
            return ""
        lines = [f"<b>{row.wbs} {row.name}</b>"]
        if row.kind.value == "milestone":
            lines.append(f"Date: {_d(row.start)}")
        else:
            lines.append(f"{_d(row.start)} – {_d(row.finish)} ({row.duration_days} d)")
        if row.percent_complete:
            lines.append(f"{row.percent_complete}% complete")
        critical = " — critical" if row.critical else ""
        lines.append(f"Total float: {_days(row.total_float_days)}{critical}")
        if row.baseline_finish is not None:
            lines.append(
                f"Baseline finish {_d(row.baseline_finish)}; "
                f"variance {_days(row.finish_variance_days)}"
            )
        # Asked when shown: a drag changes which links drive without a links reload.
        driving = [x for x in self._services.schedule.incoming_links(task_id) if x.driving]
        if driving:
            names = []
            for link in driving:
                pred = self._row_of(link.predecessor_id)
                label = f"{pred.wbs} {pred.name}" if pred else f"#{link.predecessor_id}"
                names.append(f"{label} ({link.link_type.value})")
            lines.append("Driven by: " + "; ".join(names))
        elif row.constraint_type in ("snet", "mso") and row.constraint_date == row.start:
            lines.append(f"Held by its constraint ({_d(row.constraint_date)})")
        return "<br>".join(lines)

    # -- actions -----------------------------------------------------------------------
    def open_task_dialog(self, task_id: int) -> None:
        row = self._row_of(task_id)
        if row is None:
            return
        parties = self._services.parties.list_parties()

        def submit(values: dict, predecessors: str | None) -> None:
            parts: list[ServiceCommand] = []
            if values:
                parts.append(EditTaskCommand(self._services, self._bus, task_id, values))
            if predecessors is not None:
                parts.append(
                    SetPredecessorsCommand(self._services, self._bus, task_id, predecessors)
                )
            if parts:
                command = (
                    parts[0]
                    if len(parts) == 1
                    else TaskBatchCommand(f"Edit “{row.name}”", self._bus, parts)
                )
                run_command(self._stack, command)

        dialog = TaskDialog(
            row,
            parties,
            submit,
            self._services.ctx.today(),
            self._parent,
            notes=self._services.tasks.notes(task_id),
        )
        dialog.exec()

    def explain_current(self) -> None:
        ids = self._selected_ids()
        if not ids:
            return
        row = self._row_of(ids[0])
        try:
            steps = self._services.schedule.explain(ids[0])
        except OwnersRepError as err:
            self._warn(err.message)
            return
        title = f"Why “{row.name if row else ''}” is where it is"
        dialog = DrivingPathDialog(steps, title, self._parent)
        dialog.task_chosen.connect(self._select_task)
        dialog.exec()

    def set_status_date(self) -> None:
        if self._project_id is None:
            return
        dialog = QDialog(self._parent)
        dialog.setWindowTitle("Status date")
        form = QFormLayout(dialog)
        form.addRow(
            QLabel(
                "Work up to the end of this day is reported; what is left of\n"
                "unfinished work is scheduled after it."
            )
        )
        edit = QDateEdit(dialog)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd MMM yyyy")
        edit.setDate(QDate(self._status or self._services.ctx.today()))
        form.addRow("Status date:", edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            day = edit.date().toPython()
            if day != self._status:
                self._run(SetStatusDateCommand(self._services, self._bus, self._project_id, day))

    def mark_on_schedule(self) -> None:
        ids = self._selected_ids()
        if ids:
            self._run(MarkOnScheduleCommand(self._services, self._bus, ids))

    def manage_baselines(self) -> None:
        if self._project_id is not None:
            BaselinesDialog(
                self._services, self._stack, self._bus, self._project_id, self._parent
            ).exec()

    def export(self, whole: bool) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self._parent,
            "Export the Gantt chart",
            str(Path.home() / "gantt.pdf"),
            "PDF (*.pdf);;PNG image (*.png)",
        )
        if not path:
            return
        if not Path(path).suffix:
            path += ".png" if "PNG" in chosen else ".pdf"
        title = "Gantt chart"
        if self._project_id is not None:
            title = self._services.projects.get(self._project_id).name
        try:
            if path.lower().endswith(".png"):
                export_png(self.chart, path, whole)
            else:
                export_pdf(self.chart, path, whole, title)
        except OSError as err:
            self._warn(f"Could not write {path}: {err.strerror or err}")

    # -- slots -------------------------------------------------------------------------
    def _on_chart_move_requested(self, task_id: int, start: date) -> None:
        self._run(EditTaskCommand(self._services, self._bus, task_id, {"start": start}))

    def _on_chart_finish_requested(self, task_id: int, finish: date) -> None:
        self._run(EditTaskCommand(self._services, self._bus, task_id, {"finish": finish}))

    def _on_chart_link_requested(self, pred_id: int, succ_id: int) -> None:
        pred, succ = self._row_of(pred_id), self._row_of(succ_id)
        if pred is None or succ is None:
            return
        text = ", ".join(part for part in (succ.predecessors, pred.wbs) if part)
        self._run(SetPredecessorsCommand(self._services, self._bus, succ_id, text))

    def _on_baseline_combo_activated(self, _index: int) -> None:
        if self._project_id is None:
            return
        baseline_id = self.baseline_combo.currentData()
        self._run(
            SetComparedBaselineCommand(
                self._services,
                self._bus,
                self._project_id,
                baseline_id,
                self.baseline_combo.currentText(),
            )
        )
        if baseline_id is not None:
            self.show_baseline_action.setChecked(True)

    # -- helpers -----------------------------------------------------------------------
    def _run(self, command: ServiceCommand) -> bool:
        try:
            run_command(self._stack, command)
        except OwnersRepError as err:
            self._warn(err.message)
            return False
        return True

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self._parent, "Cannot change the schedule", message)

    def _build_toolbar(self, parent: QWidget) -> QToolBar:
        chart = self.chart
        bar = QToolBar("Gantt", parent)
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        def act(text: str, slot: Callable[[], None], tip: str, shortcut: str = "") -> QAction:
            action = QAction(text, parent)
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                parent.addAction(action)
            action.triggered.connect(lambda _c=False: slot())
            bar.addAction(action)
            return action

        self.zoom_out_action = act("−", chart.zoom_out, "Zoom out (or Ctrl+wheel)", "Ctrl+-")
        self.zoom_in_action = act("+", chart.zoom_in, "Zoom in (or Ctrl+wheel)", "Ctrl+=")
        levels = QActionGroup(parent)
        for level in ("day", "week", "month", "quarter"):
            action = act(level.capitalize(), lambda lv=level: chart.set_zoom(lv), f"Show {level}s")
            levels.addAction(action)
        self.fit_action = act("Fit project", chart.fit_project, "Fit the whole project", "Ctrl+0")
        act("Today", lambda: chart.scroll_to_date(self._services.ctx.today()), "Go to today")
        bar.addSeparator()
        self.critical_action = act(
            "Critical path",
            lambda: chart.set_show_critical(self.critical_action.isChecked()),
            "Show the critical path in red",
        )
        self.critical_action.setCheckable(True)
        self.critical_action.setChecked(True)
        chart.set_show_critical(True)
        self.show_baseline_action = act(
            "Baseline bars",
            lambda: chart.set_show_baseline(self.show_baseline_action.isChecked()),
            "Show the compared baseline under each bar",
        )
        self.show_baseline_action.setCheckable(True)
        labels = QComboBox(bar)
        labels.setToolTip("Labels beside the bars")
        for text, mode in (
            ("No labels", "none"),
            ("Names", "name"),
            ("Dates", "dates"),
            ("Float", "float"),
        ):
            labels.addItem(text, mode)
        labels.setCurrentIndex(1)
        chart.set_labels("name")
        labels.activated.connect(lambda _i: chart.set_labels(labels.currentData()))
        bar.addWidget(labels)
        bar.addSeparator()
        bar.addWidget(QLabel(" Compare with ", bar))
        self.baseline_combo = QComboBox(bar)
        self.baseline_combo.setMinimumContentsLength(16)
        self.baseline_combo.activated.connect(self._on_baseline_combo_activated)
        bar.addWidget(self.baseline_combo)
        act("Baselines…", self.manage_baselines, "Save, rename or delete baselines")
        bar.addSeparator()
        self.status_action = act("Status date…", self.set_status_date, "Set the status (data) date")
        self.mark_action = act(
            "Mark on schedule",
            self.mark_on_schedule,
            "Record progress as planned up to the status date for the selected tasks",
        )
        self.why_action = act(
            "Why?", self.explain_current, "What sets the selected task's date", "Ctrl+Shift+W"
        )
        export_button = QToolButton(bar)
        export_button.setText("Export")
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(export_button)
        menu.addAction("Visible range as PDF or PNG…", lambda: self.export(False))
        menu.addAction("Whole project as PDF or PNG…", lambda: self.export(True))
        export_button.setMenu(menu)
        bar.addWidget(export_button)
        self.status_label = QLabel(bar)
        self.status_label.setContentsMargins(12, 0, 0, 0)
        bar.addWidget(self.status_label)
        return bar
