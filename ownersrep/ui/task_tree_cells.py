"""What the task table's cells show, edit and sort by, for one TaskRow.

Cells are named by a key ("start", "float", ...); `TaskTreeModel.CELLS` maps its columns
to these keys. Everything here is a plain function of a row, so the model's `data()` is
one dictionary look-up and a sort calls a key function once per row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
)

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.scheduling.model import ConstraintType
from ownersrep.services.task_service import TaskRow
from ownersrep.ui import roles

# The cell of each of TaskTreeModel's columns, in column order (COL_WBS, COL_NAME, ...).
COLUMN_CELLS = (
    "wbs",
    "name",
    "kind",
    "start",
    "duration",
    "finish",
    "percent",
    "predecessors",
    "responsible",
    "float",
    "variance",
    "baseline_finish",
    "actual_start",
    "actual_finish",
    "constraint",
)
ROLLED_UP_TIP = "Rolled up from the tasks under it"
LATE_COLOR = QColor("#c62828")
R = Qt.ItemDataRole  # as ints: data() runs for every painted cell
DISPLAY_ROLE, EDIT_ROLE, FONT_ROLE, FOREGROUND_ROLE = map(
    int, (R.DisplayRole, R.EditRole, R.FontRole, R.ForegroundRole)
)
ALIGN_ROLE, DECORATION_ROLE, TOOLTIP_ROLE = map(
    int, (R.TextAlignmentRole, R.DecorationRole, R.ToolTipRole)
)
ID_ROLE, KIND_ROLE, DTO_ROLE, SORT_ROLE = map(
    int, (roles.ID_ROLE, roles.KIND_ROLE, roles.DTO_ROLE, roles.SORT_ROLE)
)
# The cells that hold a date field of the same name on TaskRow.
DATE_CELLS = frozenset({"start", "finish", "actual_start", "actual_finish"})
TEXT_CELLS = frozenset({"name", "predecessors"})
NO_VALUE = -1e9  # sorts an empty float or variance first (ascending)


@cache
def milestone_icon() -> QIcon:
    """A small diamond, the usual mark of a milestone (drawn, so it is sharp and needs
    no file). Needs a QGuiApplication."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#3b6ea8"))
        c, r = size / 2, size * 0.36
        painter.drawPolygon(
            QPolygonF([QPointF(c, c - r), QPointF(c + r, c), QPointF(c, c + r), QPointF(c - r, c)])
        )
        painter.end()
        icon.addPixmap(pixmap)
    return icon


# -- formatting -------------------------------------------------------------------------
def fmt_date(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else ""


def fmt_days(value: float | None, *, signed: bool = False) -> str:
    """Working days to one decimal, without a trailing ".0" (2, 2.5, +3, -1.5)."""
    if value is None:
        return ""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    text = f"{rounded:+.1f}" if signed else f"{rounded:.1f}"
    return text[:-2] if text.endswith(".0") else text


def constraint_text(row: TaskRow) -> str:
    if row.constraint_type == "asap":
        return ""
    label = ConstraintType(row.constraint_type).label
    return f"{label} {row.constraint_date:%d %b %Y}" if row.constraint_date else label


def _date_text(field: str) -> Callable[[TaskRow], str]:
    get = attrgetter(field)
    return lambda row: fmt_date(get(row))


DISPLAY: dict[str, Callable[[TaskRow], str]] = {
    "wbs": attrgetter("wbs"),
    "name": attrgetter("name"),
    "kind": lambda row: row.kind.label,
    "start": _date_text("start"),
    "duration": lambda row: str(row.duration_days),
    "finish": _date_text("finish"),
    "percent": lambda row: f"{row.percent_complete}%",
    "predecessors": attrgetter("predecessors"),
    "responsible": attrgetter("responsible_name"),
    "float": lambda row: fmt_days(row.total_float_days),
    "variance": lambda row: fmt_days(row.finish_variance_days, signed=True),
    "baseline_finish": _date_text("baseline_finish"),
    "actual_start": _date_text("actual_start"),
    "actual_finish": _date_text("actual_finish"),
    "constraint": constraint_text,
}


# -- sorting ------------------------------------------------------------------------------
def _ordinal(field: str) -> Callable[[TaskRow], int]:
    """A date as a number; no date sorts first (ascending)."""
    get = attrgetter(field)

    def key(row: TaskRow) -> int:
        value = get(row)
        return value.toordinal() if value else 0

    return key


def _days(field: str) -> Callable[[TaskRow], float]:
    get = attrgetter(field)

    def key(row: TaskRow) -> float:
        value = get(row)
        return NO_VALUE if value is None else value

    return key


def _folded(text: Callable[[TaskRow], str]) -> Callable[[TaskRow], str]:
    return lambda row: text(row).casefold()


def wbs_key(row: TaskRow) -> str:
    """ "1.10" after "1.9": each part zero-padded."""
    return ".".join(f"{int(part):05d}" if part.isdigit() else part for part in row.wbs.split("."))


SORT_KEYS: dict[str, Callable[[TaskRow], Any]] = {
    "wbs": wbs_key,
    "name": _folded(DISPLAY["name"]),
    "kind": _folded(DISPLAY["kind"]),
    "start": _ordinal("start"),
    "duration": attrgetter("duration_days"),
    "finish": _ordinal("finish"),
    "percent": attrgetter("percent_complete"),
    "predecessors": _folded(DISPLAY["predecessors"]),
    "responsible": _folded(DISPLAY["responsible"]),
    "float": _days("total_float_days"),
    "variance": _days("finish_variance_days"),
    "baseline_finish": _ordinal("baseline_finish"),
    "actual_start": _ordinal("actual_start"),
    "actual_finish": _ordinal("actual_finish"),
    "constraint": _folded(constraint_text),
}


def role_data(row: TaskRow, cell: str, role: int, rolled: bool) -> Any:
    """What a cell holds for a role other than display, alignment and the DTO (the model
    answers those). `rolled`: the cell shows a value rolled up from the children."""
    if role == EDIT_ROLE:
        return edit_value(row, cell)
    if role == FONT_ROLE:
        return font(row, cell, rolled)
    if role == FOREGROUND_ROLE and is_late(row, cell):
        return LATE_COLOR
    if role == FOREGROUND_ROLE and rolled:
        return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    if role == DECORATION_ROLE and cell == "name":
        return milestone_icon() if row.kind is TaskKind.MILESTONE else None
    if role == TOOLTIP_ROLE:
        return ROLLED_UP_TIP if rolled else None
    if role == ID_ROLE:
        return row.id
    if role == KIND_ROLE:
        return row.kind.value
    if role == SORT_ROLE:
        return SORT_KEYS[cell](row)
    return None


# -- editing ----------------------------------------------------------------------------
def edit_value(row: TaskRow, cell: str) -> Any:
    """What an editor starts from: a QDate (null for none), an int, a party id, text."""
    if cell in DATE_CELLS:
        value = getattr(row, cell)
        return QDate(value) if value else QDate()
    if cell == "duration":
        return row.duration_days
    if cell == "percent":
        return row.percent_complete
    if cell == "responsible":
        return row.responsible_id
    return DISPLAY[cell](row)


def to_field_value(cell: str, value: Any) -> Any:
    """What the service takes for this cell: date | None, int, str, int | None."""
    if cell in DATE_CELLS:
        if isinstance(value, QDate):
            return value.toPython() if value.isValid() else None
        return value if isinstance(value, date) or value is None else str(value)
    if cell in TEXT_CELLS:
        return "" if value is None else str(value)
    return value


def wbs_cell_changed(old: TaskRow, new: TaskRow) -> bool:
    """Does the WBS cell read differently (its text, or bold for a summary)?"""
    return old.wbs != new.wbs or old.kind is not new.kind


def font(row: TaskRow, cell: str, rolled: bool) -> QFont | None:
    """Bold for a summary's WBS and name, italic for a rolled-up value."""
    summary = row.kind is TaskKind.SUMMARY and cell in ("wbs", "name")
    return _font(summary, rolled) if summary or rolled else None


@cache
def _font(bold: bool, italic: bool) -> QFont:
    out = QFont()
    out.setBold(bold)
    out.setItalic(italic)
    return out


def is_late(row: TaskRow, cell: str) -> bool:
    """Float at or below zero on a critical task, or a finish later than the baseline."""
    if cell == "float":
        return row.critical
    if cell == "variance":
        return (row.finish_variance_days or 0) > 0
    return False
