"""The fields of a task a user edits: their names, their labels in messages, and the
validation of one value (`clean_field`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.scheduling.model import ConstraintType
from ownersrep.services.validation import (
    enum_value,
    int_in_range,
    optional_int,
    optional_text,
    required_text,
)

DATE_FIELDS = ("start", "duration_days", "finish")
SCHEDULE_FIELDS = (
    "constraint_type",
    "constraint_date",
    "deadline",
    "actual_start",
    "actual_finish",
)
EDITABLE_FIELDS = (
    "name",
    "kind",
    *DATE_FIELDS,
    "percent_complete",
    "responsible_id",
    "notes",
    *SCHEDULE_FIELDS,
)
ROLLED_UP_FIELDS = (*DATE_FIELDS, "percent_complete", "actual_start", "actual_finish")
FIELD_LABELS = {
    "name": "Name",
    "kind": "Kind",
    "start": "Start",
    "duration_days": "Duration",
    "finish": "Finish",
    "percent_complete": "% complete",
    "responsible_id": "Responsible",
    "notes": "Notes",
    "constraint_type": "Constraint",
    "constraint_date": "Constraint date",
    "deadline": "Deadline",
    "actual_start": "Actual start",
    "actual_finish": "Actual finish",
}
_DATE_KEYS = ("start", "finish", "constraint_date", "deadline", "actual_start", "actual_finish")
MAX_DURATION = 9999


def clean_field(key: str, value: Any) -> Any:
    """Validate one field; raise ValidationError naming it."""
    if key == "name":
        return required_text(value, "Name", 300)
    if key == "kind":
        return enum_value(TaskKind, value, "Kind")
    if key == "constraint_type":
        return enum_value(ConstraintType, value, "Constraint")
    if key in _DATE_KEYS:
        if isinstance(value, datetime):
            value = value.date()
        if value is not None and not isinstance(value, date):
            raise ValidationError(FIELD_LABELS[key], f"“{value}” is not a date")
        return value
    if key == "duration_days":
        return int_in_range(value, "Duration", 0, MAX_DURATION)
    if key == "percent_complete":
        return int_in_range(value, "% complete", 0, 100)
    if key == "responsible_id":
        return optional_int(value, "Responsible")
    if key == "notes":
        return optional_text(value, "Notes")
    raise ValidationError(key, "is not a task field")
