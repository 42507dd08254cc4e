"""Why is this critical, why does it start then? A task's driving path, walked back
from the task to what its date comes from, with a plain-English summary on top.

The steps come from `services.schedule_explain.explain`; the dialog only shows them.
"Go to task" (or a double-click) emits `task_chosen(task id)` and closes the dialog, so
the caller can select that task in the schedule."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ownersrep.services.schedule_explain import PathStep, explain_text

COL_WBS, COL_NAME, COL_START, COL_FINISH, COL_FLOAT, COL_REASON = range(6)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
HEADERS = ("WBS", "Task", "Start", "Finish", "Total float", "Its date is set by")


def _day(value: object) -> str:
    return f"{value:%d %b %Y}" if value else "—"


def _float_text(step: PathStep) -> str:
    tf = step.total_float_days
    if tf is None:
        return "—"
    number = f"{round(tf, 1):g}".replace("-", "−")
    return f"{number} d · critical" if step.critical else f"{number} d"


def _reason_text(step: PathStep, last: bool) -> str:
    if not step.reason:
        return "—"
    if step.kind in ("link", "summary_link") and not last:
        return f"{step.reason} ↓"  # the next row is that predecessor
    return step.reason


class DrivingPathDialog(QDialog):
    """`DrivingPathDialog(steps, title)`: the steps from the task asked about (first)
    back to the origin of its date."""

    task_chosen = Signal(int)

    def __init__(
        self, steps: Sequence[PathStep], title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._steps = list(steps)
        self.setWindowTitle(title)
        self.setMinimumWidth(760)

        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)

        self.summary = QLabel(explain_text(self._steps) or "Nothing drives this task.")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setContentsMargins(0, 2, 0, 6)

        self.table = self._build_table()

        hint = QLabel("From the task (top) back to where its date comes from (bottom).")
        hint.setEnabled(False)  # the palette's muted text

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.go_button = self.buttons.addButton(
            "&Go to task", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.go_button.setToolTip("Select this task in the schedule")
        self.go_button.clicked.connect(self._on_go_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

        self._fit_rows()
        self.resize(980, self.sizeHint().height())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.reject)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.itemActivated.connect(self._on_table_item_activated)
        if self._steps:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._on_table_selection_changed()
        self.table.setFocus()

    def _build_table(self) -> QTreeWidget:
        table = QTreeWidget()
        table.setColumnCount(len(HEADERS))
        table.setHeaderLabels(list(HEADERS))
        table.setRootIsDecorated(False)
        table.setUniformRowHeights(True)
        table.setAlternatingRowColors(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        bold = QFont(table.font())
        bold.setBold(True)
        last = len(self._steps) - 1
        for n, step in enumerate(self._steps):
            item = QTreeWidgetItem(
                [
                    step.wbs,
                    step.name,
                    _day(step.start),
                    _day(step.finish),
                    _float_text(step),
                    _reason_text(step, n == last),
                ]
            )
            item.setData(COL_WBS, Qt.ItemDataRole.UserRole, step.task_id)
            item.setToolTip(COL_REASON, step.reason)
            item.setToolTip(COL_NAME, step.name)
            item.setTextAlignment(COL_FLOAT, _RIGHT)
            if step.critical:
                item.setFont(COL_FLOAT, bold)
            if n == 0:
                item.setFont(COL_NAME, bold)
            table.addTopLevelItem(item)
        header = table.header()
        header.setStretchLastSection(True)
        for col in (COL_WBS, COL_START, COL_FINISH, COL_FLOAT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(COL_NAME, 240)
        return table

    def _fit_rows(self) -> None:
        """Tall enough for the path (3 to 12 rows), then it scrolls."""
        table = self.table
        row = table.sizeHintForRow(0) if self._steps else table.fontMetrics().height() + 6
        rows = min(max(len(self._steps), 3), 12) + 1  # and a little room below
        header = table.header().sizeHint().height()
        table.setMinimumHeight(header + rows * row + 2 * table.frameWidth())

    # -- queries ---------------------------------------------------------------------------
    def selected_task_id(self) -> int | None:
        item = self.table.currentItem()
        if item is None or not item.isSelected():
            return None
        return item.data(COL_WBS, Qt.ItemDataRole.UserRole)

    # -- slots -----------------------------------------------------------------------------
    def _on_table_selection_changed(self) -> None:
        self.go_button.setEnabled(self.selected_task_id() is not None)

    def _on_table_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.table.setCurrentItem(item)
        self._on_go_clicked()

    def _on_go_clicked(self) -> None:
        task_id = self.selected_task_id()
        if task_id is None:
            return
        self.task_chosen.emit(task_id)
        self.accept()


__all__ = ["DrivingPathDialog"]
