"""The row of filter widgets above the issue table: search, type, status, priority,
assignee, overdue only, and the "37 of 412 issues" count."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ownersrep.domain.enums import IssueStatus, IssueType, Priority
from ownersrep.ui.issue_filter import UNASSIGNED, IssueFilter

_ANY: frozenset = frozenset()
_ACTIVE = frozenset({IssueStatus.OPEN, IssueStatus.IN_PROGRESS})
_NOT_CLOSED = frozenset(s for s in IssueStatus if s is not IssueStatus.CLOSED)
_URGENT = frozenset({Priority.HIGH, Priority.CRITICAL})


def _fill(combo: QComboBox, entries: Sequence[tuple[str, object]]) -> None:
    for text, value in entries:
        combo.addItem(text, value)


class IssueFilterBar(QWidget):
    """Emits `filter_changed(IssueFilter)` on every change (each keystroke included: the
    filtering is fast enough not to need a debounce)."""

    filter_changed = Signal(object)  # IssueFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("issue_search")
        self.search_edit.setPlaceholderText("Search number, title, assignee…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.search_edit.setToolTip(
            "Every word must occur in the number, title, assignee or raiser (Ctrl+F)"
        )
        self.search_edit.installEventFilter(self)  # Escape clears the search

        self.type_combo = QComboBox(self)
        self.type_combo.setAccessibleName("Type filter")
        _fill(self.type_combo, [("All types", _ANY)])
        _fill(self.type_combo, [(t.label, frozenset({t})) for t in IssueType])

        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Status filter")
        _fill(
            self.status_combo,
            [
                ("Not closed", _NOT_CLOSED),
                ("All statuses", _ANY),
                ("Open or in progress", _ACTIVE),
            ]
            + [(s.label, frozenset({s})) for s in IssueStatus],
        )
        self.status_combo.setToolTip("By default closed records are hidden")

        self.priority_combo = QComboBox(self)
        self.priority_combo.setAccessibleName("Priority filter")
        _fill(self.priority_combo, [("All priorities", _ANY), ("High and critical", _URGENT)])
        _fill(self.priority_combo, [(p.label, frozenset({p})) for p in Priority])

        self.assignee_combo = QComboBox(self)
        self.assignee_combo.setAccessibleName("Assignee filter")
        self.assignee_combo.setMinimumContentsLength(14)
        self.assignee_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.set_assignees([])

        self.overdue_check = QCheckBox("Overdue only", self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("issue_count")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit, 3)
        for combo in (self.type_combo, self.status_combo, self.priority_combo):
            layout.addWidget(combo)
        layout.addWidget(self.assignee_combo, 1)
        layout.addWidget(self.overdue_check)
        layout.addStretch(0)
        layout.addWidget(self.count_label)

        self.search_edit.textChanged.connect(self._on_any_changed)
        for combo in (self.type_combo, self.status_combo, self.priority_combo):
            combo.currentIndexChanged.connect(self._on_any_changed)
        self.assignee_combo.currentIndexChanged.connect(self._on_any_changed)
        self.overdue_check.toggled.connect(self._on_any_changed)

    # -- public API ------------------------------------------------------------------------
    def current_filter(self) -> IssueFilter:
        return IssueFilter(
            text=self.search_edit.text(),
            types=self.type_combo.currentData() or _ANY,
            statuses=self.status_combo.currentData() or _ANY,
            priorities=self.priority_combo.currentData() or _ANY,
            assignee_id=self.assignee_combo.currentData(),
            overdue_only=self.overdue_check.isChecked(),
        )

    def set_assignees(self, parties: Sequence[tuple[int, str]]) -> None:
        """Offer these (id, name) pairs, keeping the current choice when it is still there.
        Emits `filter_changed` only if the choice had to be reset."""
        current = self.assignee_combo.currentData()
        self.assignee_combo.blockSignals(True)
        self.assignee_combo.clear()
        self.assignee_combo.addItem("Anyone", None)
        self.assignee_combo.addItem("Unassigned", UNASSIGNED)
        for pid, name in parties:
            self.assignee_combo.addItem(name, pid)
        found = self.assignee_combo.findData(current) if current is not None else 0
        self.assignee_combo.setCurrentIndex(max(found, 0))
        self.assignee_combo.blockSignals(False)
        if current is not None and found < 0:
            self._on_any_changed()

    def show_all_statuses(self) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findText("All statuses"))

    def set_counts(self, shown: int, total: int) -> None:
        noun = "issue" if total == 1 else "issues"
        if shown == total:
            self.count_label.setText(f"{total} {noun}")
        else:
            self.count_label.setText(f"{shown} of {total} {noun}")

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def reset(self) -> None:
        """Back to the defaults: no text, everything but closed records (one
        `filter_changed`, not six)."""
        widgets = (
            self.search_edit,
            self.type_combo,
            self.status_combo,
            self.priority_combo,
            self.assignee_combo,
            self.overdue_check,
        )
        for w in widgets:
            w.blockSignals(True)
        self.search_edit.clear()
        for combo in (self.type_combo, self.status_combo, self.priority_combo):
            combo.setCurrentIndex(0)
        self.assignee_combo.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        for w in widgets:
            w.blockSignals(False)
        self._on_any_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search_edit.text()
        ):
            self.search_edit.clear()
            return True
        return super().eventFilter(watched, event)

    # -- slots -----------------------------------------------------------------------------
    def _on_any_changed(self, *_args: object) -> None:
        self.filter_changed.emit(self.current_filter())


__all__ = ["IssueFilterBar"]
