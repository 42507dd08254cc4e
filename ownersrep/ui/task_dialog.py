"""Edit one task, milestone or summary (double-click a bar or a row).

The dialog only collects values: on OK it calls `submit(changed, predecessors)` with the
fields the user changed and the predecessor text if that changed (else None); the
caller runs the undo command. A refusal from the service is shown and the dialog stays
open with what the user typed. A summary with tasks under it keeps its kind, and its
dates and progress (rolled up from those tasks) are shown read-only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import OwnersRepError, ValidationError
from ownersrep.domain.predecessor_text import FIELD as PREDECESSORS
from ownersrep.domain.scheduling.driver import CONSTRAINT_LABELS
from ownersrep.domain.scheduling.model import ConstraintType
from ownersrep.services.party_service import PartyRef
from ownersrep.services.task_fields import MAX_DURATION
from ownersrep.services.task_tree import TaskRow
from ownersrep.ui.dates import date_edit, to_date
from ownersrep.ui.form_widgets import choice_combo

Submit = Callable[[dict[str, Any], str | None], object]
OptionalDate = tuple[QWidget, QDateEdit, QCheckBox]

GENERAL, DATES, PROGRESS, PREDECESSOR_TAB = range(4)
_ROLLED_UP_KEYS = frozenset(  # a summary's: worked out from the tasks under it
    (
        *("start", "duration_days", "finish", "constraint_type", "constraint_date"),
        *("deadline", "percent_complete", "actual_start", "actual_finish"),
    )
)


def _form(grow: bool = True) -> QFormLayout:
    """A form whose fields fill the width (`grow`) or keep their natural size (dates)."""
    form = QFormLayout()
    policy = QFormLayout.FieldGrowthPolicy
    form.setFieldGrowthPolicy(policy.AllNonFixedFieldsGrow if grow else policy.FieldsStayAtSizeHint)
    return form


def _page(form: QFormLayout) -> QWidget:
    page = QWidget()
    page.setLayout(form)
    return page


def _optional_date(value: date | None, fallback: date, none_text: str) -> OptionalDate:
    """A date editor and a "none" check box beside it (checked: no date)."""
    edit = date_edit(value or fallback)
    none = QCheckBox(none_text)
    none.setChecked(value is None)
    edit.setEnabled(value is not None)
    none.toggled.connect(lambda on: edit.setEnabled(not on))
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(none)
    return box, edit, none


def _read(optional: OptionalDate) -> date | None:
    _, edit, none = optional
    return None if none.isChecked() else to_date(edit.date())


def _day(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else "—"


def _days(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    number = f"{round(value, 1):+g}" if signed else f"{round(value, 1):g}"
    unit = "working day" if abs(value) == 1 else "working days"
    return f"{number.replace('-', '−')} {unit}"


class TaskDialog(QDialog):
    """`TaskDialog(row, parties, submit, today)`; `notes` (not part of TaskRow) is the
    task's current notes text."""

    def __init__(
        self,
        row: TaskRow,
        parties: Sequence[PartyRef],
        submit: Submit,
        today: date,
        parent: QWidget | None = None,
        *,
        notes: str = "",
    ) -> None:
        super().__init__(parent)
        self._row = row
        self._submit = submit
        self.setWindowTitle(f"{row.kind.label} {row.wbs} · {row.name}")
        self.setMinimumWidth(560)
        rolled = row.rolled_up

        # -- general ---------------------------------------------------------------------
        self.name = QLineEdit(row.name)
        self.name.setMaxLength(300)
        kinds = [TaskKind.TASK, TaskKind.MILESTONE]
        if row.kind is TaskKind.SUMMARY:
            kinds.append(TaskKind.SUMMARY)
        self.kind = choice_combo([(k.label, k.value) for k in kinds], row.kind.value)
        if rolled:
            self.kind.setEnabled(False)
            self.kind.setToolTip("It has tasks under it, so it stays a summary")
        people = [("— Nobody —", None)] + [(p.name, p.id) for p in parties]
        self.responsible = choice_combo(people, row.responsible_id)
        if row.responsible_id is not None and self.responsible.findData(row.responsible_id) < 0:
            missing = row.responsible_name or f"#{row.responsible_id}"
            self.responsible.addItem(missing, row.responsible_id)
            self.responsible.setCurrentIndex(self.responsible.count() - 1)
        self.notes = QPlainTextEdit(getattr(row, "notes", None) or notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Scope, assumptions, who to call…")

        # -- dates -----------------------------------------------------------------------
        self.start = date_edit(row.start or today)
        self.duration = QSpinBox()
        self.duration.setRange(0, MAX_DURATION)
        self.duration.setValue(row.duration_days)
        self.duration.setSuffix(" working days")
        self.finish = date_edit(row.finish or row.start or today)
        constraint = ConstraintType(row.constraint_type)
        self.constraint_type = choice_combo(
            [(label.capitalize(), ct.value) for ct, label in CONSTRAINT_LABELS.items()],
            constraint.value,
        )
        self.constraint_date = date_edit(row.constraint_date or row.start or today)
        self._deadline = _optional_date(row.deadline, row.finish or today, "No deadline")
        self.deadline, self.no_deadline = self._deadline[1], self._deadline[2]

        # -- progress --------------------------------------------------------------------
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(row.percent_complete)
        self._actual_start = _optional_date(row.actual_start, row.start or today, "Not started")
        self.actual_start, self.not_started = self._actual_start[1], self._actual_start[2]
        self._actual_finish = _optional_date(row.actual_finish, row.finish or today, "Not finished")
        self.actual_finish, self.not_finished = self._actual_finish[1], self._actual_finish[2]

        # -- predecessors ----------------------------------------------------------------
        self.predecessors = QLineEdit(row.predecessors)
        self.predecessors.setPlaceholderText("e.g. 1.2FS+3, 4SS")

        self._build_layout()
        if rolled:
            for w in (self.start, self.duration, self.finish, self.percent):
                w.setEnabled(False)
                w.setToolTip("Rolled up from the tasks under it")
            for w in (self.constraint_type, self.constraint_date, self._deadline[0]):
                w.setEnabled(False)
            self._actual_start[0].setEnabled(False)
            self._actual_finish[0].setEnabled(False)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.constraint_type.currentIndexChanged.connect(self._on_constraint_type_changed)
        self._on_kind_changed()
        self._on_constraint_type_changed()
        self._opened = self._all_values()
        self._initial_predecessors = self.predecessors.text().strip()
        self.name.setFocus()
        self.name.selectAll()

    def _build_layout(self) -> None:
        self.tabs = QTabWidget()
        general = _form()
        general.addRow("&Name:", self.name)
        general.addRow("&Kind:", self.kind)
        general.addRow("&Responsible:", self.responsible)
        general.addRow("N&otes:", self.notes)
        self.tabs.addTab(_page(general), "&General")

        dates = _form(grow=False)
        dates.addRow("&Start:", self.start)
        dates.addRow("D&uration:", self.duration)
        dates.addRow("&Finish:", self.finish)
        dates.addRow("&Constraint:", self.constraint_type)
        dates.addRow("Constraint &date:", self.constraint_date)
        dates.addRow("Dead&line:", self._deadline[0])
        hint = QLabel(
            "Its dates are rolled up from the tasks under it."
            if self._row.rolled_up
            else "A start you type becomes “Start no earlier than”; the schedule works "
            "out the other dates when you save."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)  # muted
        dates.addRow(hint)
        width = max(self.constraint_type.sizeHint().width(), self.duration.sizeHint().width())
        for w in (self.start, self.duration, self.finish, self.constraint_type):
            w.setMinimumWidth(width)
        for w in (self.constraint_date, self.deadline, self.actual_start, self.actual_finish):
            w.setMinimumWidth(width)
        self.percent.setMinimumWidth(width)
        self.tabs.addTab(_page(dates), "&Dates")

        progress = _form(grow=False)
        progress.addRow("% &complete:", self.percent)
        progress.addRow("Actual s&tart:", self._actual_start[0])
        progress.addRow("Actual fi&nish:", self._actual_finish[0])
        self.tabs.addTab(_page(progress), "&Progress")

        links = _form()
        links.addRow("Pr&edecessors:", self.predecessors)
        help_text = QLabel(
            "WBS codes separated by commas. A link type (FS, SS, FF or SF; FS if none) "
            "and a lag in working days may follow each: “1.2FS+3, 4SS, 2.1FF-1”."
        )
        help_text.setWordWrap(True)
        help_text.setEnabled(False)
        links.addRow(help_text)
        self.tabs.addTab(_page(links), "Pred&ecessors")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._schedule_box())
        layout.addWidget(self.buttons)

    def _schedule_box(self) -> QGroupBox:
        """What the schedule worked out: read-only."""
        r = self._row
        box = QGroupBox("Schedule")
        grid = QGridLayout(box)
        if r.total_float_days is None:
            grid.addWidget(QLabel("Not scheduled yet."), 0, 0)
            return box
        if r.finish_variance_days is None:
            variance = "—"
        elif round(r.finish_variance_days, 1) == 0:
            variance = "on the baseline"
        else:
            later = "later" if r.finish_variance_days > 0 else "earlier"
            variance = f"{_days(abs(r.finish_variance_days))} {later}"
        facts = [
            ("Total float:", _days(r.total_float_days)),
            ("Free float:", _days(r.free_float_days)),
            ("Critical:", "Yes — on the critical path" if r.critical else "No"),
            ("Baseline finish:", _day(r.baseline_finish)),
            ("Finish variance:", variance),
        ]
        self.schedule_labels: dict[str, QLabel] = {}
        for n, (caption, text) in enumerate(facts):
            row, col = n % 3, (n // 3) * 2
            value = QLabel(text)
            self.schedule_labels[caption.rstrip(":")] = value
            grid.addWidget(QLabel(caption), row, col)
            grid.addWidget(value, row, col + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(12)
        return box

    # -- values ----------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Every field the user may set, as the service takes them; fields that do not
        apply (a milestone's duration and finish, a summary's rolled-up dates) are left
        out."""
        values = self._all_values()
        if self._row.rolled_up:
            return {k: v for k, v in values.items() if k not in _ROLLED_UP_KEYS}
        if not self.duration.isEnabled():
            del values["duration_days"], values["finish"]
        return values

    def _all_values(self) -> dict[str, Any]:
        ctype = ConstraintType(self.constraint_type.currentData())
        return {
            "name": self.name.text(),
            "kind": self.kind.currentData(),
            "responsible_id": self.responsible.currentData(),
            "notes": self.notes.toPlainText(),
            "start": to_date(self.start.date()),
            "duration_days": self.duration.value(),
            "finish": to_date(self.finish.date()),
            "constraint_type": ctype.value,
            "constraint_date": to_date(self.constraint_date.date()) if ctype.needs_date else None,
            "deadline": _read(self._deadline),
            "percent_complete": self.percent.value(),
            "actual_start": _read(self._actual_start),
            "actual_finish": _read(self._actual_finish),
        }

    def changed_values(self) -> dict[str, Any]:
        """Only what differs from what the dialog opened with."""
        opened = self._opened
        return {k: v for k, v in self.values().items() if v != opened[k]}

    def changed_predecessors(self) -> str | None:
        text = self.predecessors.text().strip()
        return None if text == self._initial_predecessors else text

    # -- accept ----------------------------------------------------------------------------
    def accept(self) -> None:
        changed, predecessors = self.changed_values(), self.changed_predecessors()
        if not changed and predecessors is None:
            super().accept()
            return
        try:
            self._submit(changed, predecessors)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save the task", err.message)
            self._focus_field(err)
            return
        super().accept()

    def _focus_field(self, err: OwnersRepError) -> None:
        if not isinstance(err, ValidationError):
            return
        widgets: dict[str, tuple[int, QWidget]] = {
            "Name": (GENERAL, self.name),
            "Kind": (GENERAL, self.kind),
            "Responsible": (GENERAL, self.responsible),
            "Notes": (GENERAL, self.notes),
            "Start": (DATES, self.start),
            "Duration": (DATES, self.duration),
            "Finish": (DATES, self.finish),
            "Constraint": (DATES, self.constraint_type),
            "Constraint date": (DATES, self.constraint_date),
            "Deadline": (DATES, self.deadline),
            "% complete": (PROGRESS, self.percent),
            "Actual start": (PROGRESS, self.actual_start),
            "Actual finish": (PROGRESS, self.actual_finish),
            PREDECESSORS: (PREDECESSOR_TAB, self.predecessors),
        }
        found = widgets.get(err.field)
        if found is not None:
            self.tabs.setCurrentIndex(found[0])
            if found[1].isEnabled():
                found[1].setFocus()

    # -- slots -----------------------------------------------------------------------------
    def _on_kind_changed(self, *_args: object) -> None:
        """A milestone takes no duration and finishes on its start."""
        if self._row.rolled_up:
            return
        milestone = self.kind.currentData() == TaskKind.MILESTONE.value
        for w in (self.duration, self.finish):
            w.setEnabled(not milestone)
            w.setToolTip("A milestone lasts 0 days and finishes on its start" if milestone else "")
        if not milestone and self.duration.value() == 0:
            self.duration.setValue(1)

    def _on_constraint_type_changed(self, *_args: object) -> None:
        if self._row.rolled_up:
            return
        ctype = ConstraintType(self.constraint_type.currentData())
        self.constraint_date.setEnabled(ctype.needs_date)


__all__ = ["TaskDialog"]
