"""Add or edit one issue-log record. The dialog only collects values: `save(values)`
(given by the caller) runs the undo command, and a refusal from the service is shown
while the dialog stays open with what the user typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.enums import IssueStatus, IssueType, Priority
from ownersrep.domain.errors import OwnersRepError, ValidationError
from ownersrep.domain.money import format_money
from ownersrep.services.issue_service import IssueDTO
from ownersrep.services.party_service import PartyRef
from ownersrep.ui.dates import date_edit, to_date
from ownersrep.ui.form_widgets import buddy, choice_combo, text_box

Save = Callable[[dict[str, Any]], object]


def _age_text(issue: IssueDTO) -> str:
    days = f"{issue.age_days} day{'s' if issue.age_days != 1 else ''}"
    return f"closed after {days}" if issue.closed_on else f"open {days}"


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class IssueDialog(QDialog):
    """`IssueDialog(parties, tasks, save, today, issue=None)`: a new record when `issue`
    is None (then `issue_type` preselects the type)."""

    def __init__(
        self,
        parties: Sequence[PartyRef],
        tasks: Sequence[tuple[int, str]],
        save: Save,
        today: date,
        issue: IssueDTO | None = None,
        parent: QWidget | None = None,
        *,
        issue_type: IssueType = IssueType.ISSUE,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._issue = issue
        self.setMinimumWidth(720)
        i = issue

        self.issue_type = choice_combo([(t.label, t.value) for t in IssueType], issue_type.value)
        if i is not None:
            self.issue_type.setCurrentIndex(self.issue_type.findData(i.issue_type.value))
            self.issue_type.setEnabled(False)
            self.issue_type.setToolTip("The type is part of the number and cannot change")
        self.title = QLineEdit(i.title if i else "")
        self.title.setPlaceholderText("What needs an answer or an action, in a few words")
        self.title.setMaxLength(300)
        self.priority = choice_combo(
            [(p.label, p.value) for p in Priority], (i.priority if i else Priority.MEDIUM).value
        )
        self.status = choice_combo(
            [(s.label, s.value) for s in IssueStatus], (i.status if i else IssueStatus.OPEN).value
        )
        people = [("— Nobody —", None)] + [(p.name, p.id) for p in parties]
        self.raised_by = choice_combo(people, i.raised_by_id if i else None)
        self.assigned_to = choice_combo(people, i.assigned_to_id if i else None)
        choices = [("— No task —", None), *((name, tid) for tid, name in tasks)]
        self.task = choice_combo(choices, i.task_id if i else None)
        self.task.setMinimumContentsLength(24)
        self.task.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        if i is not None:
            self._keep_missing(self.raised_by, i.raised_by_id, i.raised_by)
            self._keep_missing(self.assigned_to, i.assigned_to_id, i.assigned_to)
            self._keep_missing(self.task, i.task_id, i.task_name)

        self.raised_on = date_edit(i.raised_on if i else today)
        self.due_on = date_edit((i.due_on if i else None) or today)
        self.no_due = QCheckBox("No due date")
        self.no_due.setChecked(i is None or i.due_on is None)
        self.due_on.setEnabled(not self.no_due.isChecked())
        self.no_due.toggled.connect(lambda on: self.due_on.setEnabled(not on))
        self.closed_on = date_edit((i.closed_on if i else None) or today)
        self.closed_hint = QLabel()
        self.cost = QLineEdit(format_money(i.cost_impact) if i else "")
        self.cost.setPlaceholderText("e.g. 12,500.00 or -3,000")
        days = i.schedule_impact_days if i else None
        self.schedule = QLineEdit("" if days is None else str(days))
        self.schedule.setPlaceholderText("e.g. 5, or -2 if time is saved")
        self.description = text_box(
            i.description if i else "",
            4,
            "Background, location, drawings or spec sections…",
            grows=True,
        )
        self.resolution = text_box(
            i.resolution if i else "",
            2,
            "How it was answered or settled (needed to close)",
            grows=True,
        )
        self.internal = QCheckBox("Internal only: never shown in client reports")
        self.internal.setChecked(bool(i and i.internal))

        self._build_layout(i)
        self.issue_type.currentIndexChanged.connect(self._update_title)
        self.status.currentIndexChanged.connect(self._update_closed)
        self._update_title()
        self._update_closed()
        self._initial = self.values()
        self.title.setFocus()

    def _build_layout(self, i: IssueDTO | None) -> None:
        labels: list[QLabel] = []

        def label(text: str, field: QWidget | None = None) -> QLabel:
            widget = buddy(text, field) if field is not None else QLabel(text)
            labels.append(widget)
            return widget

        top = _form()
        if i is not None:
            facts = f"<b>{i.number}</b> · {i.issue_type.label} · {_age_text(i)}"
            if i.overdue and i.due_on is not None:
                facts += f" · <b>overdue</b> since {i.due_on:%d %b %Y}"
            top.addRow(label("Number:"), QLabel(facts))
        else:
            type_row = QHBoxLayout()
            type_row.addWidget(self.issue_type)
            type_row.addStretch(1)
            top.addRow(label("T&ype:", self.issue_type), type_row)
        top.addRow(label("&Title:", self.title), self.title)

        left = _form()
        left.addRow(label("&Priority:", self.priority), self.priority)
        left.addRow(label("&Status:", self.status), self.status)
        left.addRow(label("Raised &by:", self.raised_by), self.raised_by)
        left.addRow(label("&Assigned to:", self.assigned_to), self.assigned_to)
        left.addRow(label("Linked tas&k:", self.task), self.task)

        due_row = QHBoxLayout()
        due_row.addWidget(self.due_on, 1)
        due_row.addWidget(self.no_due)
        closed_row = QHBoxLayout()
        closed_row.addWidget(self.closed_on, 1)
        closed_row.addWidget(self.closed_hint)
        right = _form()
        right.addRow(buddy("&Raised on:", self.raised_on), self.raised_on)
        right.addRow(buddy("&Due on:", self.due_on), due_row)
        right.addRow(buddy("Closed o&n:", self.closed_on), closed_row)
        right.addRow(buddy("&Cost impact:", self.cost), self.cost)
        days_row = QHBoxLayout()
        days_row.addWidget(self.schedule, 1)
        days_row.addWidget(QLabel("days"))
        right.addRow(buddy("Sc&hedule impact:", self.schedule), days_row)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)

        bottom = _form()
        bottom.addRow(label("D&escription:", self.description), self.description)
        bottom.addRow(label("Resol&ution:", self.resolution), self.resolution)
        bottom.addRow(label(""), self.internal)
        # The three forms share the left edge of their fields.
        width = max(w.sizeHint().width() for w in labels)
        for w in labels:
            w.setMinimumWidth(width)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save" if i is not None else "Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns)
        layout.addLayout(bottom, 1)
        layout.addWidget(self.buttons)

    @staticmethod
    def _keep_missing(combo: QComboBox, value: int | None, name: str) -> None:
        """Show a reference the choices no longer hold, rather than silently dropping it."""
        if value is not None and combo.findData(value) < 0:
            combo.addItem(name or f"#{value}", value)
            combo.setCurrentIndex(combo.count() - 1)

    # -- values ----------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Every field, as the service takes them (cost and days as typed text)."""
        closed = self.status.currentData() == IssueStatus.CLOSED.value
        return {
            "issue_type": self.issue_type.currentData(),
            "title": self.title.text(),
            "description": self.description.toPlainText(),
            "priority": self.priority.currentData(),
            "status": self.status.currentData(),
            "raised_by_id": self.raised_by.currentData(),
            "assigned_to_id": self.assigned_to.currentData(),
            "raised_on": to_date(self.raised_on.date()),
            "due_on": None if self.no_due.isChecked() else to_date(self.due_on.date()),
            "closed_on": to_date(self.closed_on.date()) if closed else None,
            "resolution": self.resolution.toPlainText(),
            "cost_impact": self.cost.text(),
            "schedule_impact_days": self.schedule.text(),
            "task_id": self.task.currentData(),
            "internal": self.internal.isChecked(),
        }

    def changed_values(self) -> dict[str, Any]:
        """For a new record every field; when editing, only what the user changed (the
        type never changes)."""
        values = self.values()
        if self._issue is None:
            return values
        return {k: v for k, v in values.items() if k != "issue_type" and v != self._initial.get(k)}

    # -- accept ----------------------------------------------------------------------------
    def accept(self) -> None:
        changed = self.changed_values()
        if not changed:
            super().accept()
            return
        try:
            self._save(changed)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            self._focus_field(err)
            return
        super().accept()

    def _focus_field(self, err: OwnersRepError) -> None:
        if not isinstance(err, ValidationError):
            return
        widgets: dict[str, QWidget] = {
            "Title": self.title,
            "Priority": self.priority,
            "Status": self.status,
            "Raised by": self.raised_by,
            "Assigned to": self.assigned_to,
            "Linked task": self.task,
            "Raised date": self.raised_on,
            "Due date": self.due_on,
            "Closed date": self.closed_on,
            "Cost impact": self.cost,
            "Schedule impact": self.schedule,
            "Description": self.description,
            "Resolution": self.resolution,
        }
        widget = widgets.get(err.field)
        if widget is not None and widget.isEnabled():
            widget.setFocus()

    # -- slots -----------------------------------------------------------------------------
    def _update_title(self, *_args: object) -> None:
        if self._issue is not None:
            self.setWindowTitle(f"Edit {self._issue.number}")
        else:
            kind = IssueType(self.issue_type.currentData())
            noun = kind.label if kind is IssueType.RFI else kind.label.lower()
            self.setWindowTitle(f"New {noun}")

    def _update_closed(self, *_args: object) -> None:
        closed = self.status.currentData() == IssueStatus.CLOSED.value
        self.closed_on.setEnabled(closed)
        self.closed_hint.setText("" if closed else "when closed")


__all__ = ["IssueDialog"]
