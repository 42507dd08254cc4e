"""The WBS of one project as an editable tree: WBS, name, kind, dates, duration, percent,
predecessors and responsible party.

The model never writes. `setData` emits `edit_requested(task_id, field, value)`; the
schedule tab turns it into an undo command, and the change comes back through the bus
as fresh rows (`set_rows`). Rows whose shape is unchanged are updated in place, so open
editors, selection and expansion survive ordinary edits.

Internal ids of the indexes are task ids; the filter keeps the matching rows and their
ancestors (for context).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
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
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, KIND_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
ItemFlag = Qt.ItemFlag
_TOP = QModelIndex()  # the default parent (read-only)
ROLLED_UP_TIP = "Rolled up from the tasks under it"
LATE_COLOR = QColor("#c62828")
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


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


def _fmt_date(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else ""


def _fmt_days(value: float | None, *, signed: bool = False) -> str:
    """Working days to one decimal, without a trailing ".0" (2, 2.5, +3, -1.5)."""
    if value is None:
        return ""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    text = f"{rounded:+.1f}" if signed else f"{rounded:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _constraint_text(row: TaskRow) -> str:
    if row.constraint_type == "asap":
        return ""
    label = ConstraintType(row.constraint_type).label
    return f"{label} {row.constraint_date:%d %b %Y}" if row.constraint_date else label


class TaskTreeModel(QAbstractItemModel):
    COL_WBS = 0
    COL_NAME = 1
    COL_KIND = 2
    COL_START = 3
    COL_DURATION = 4
    COL_FINISH = 5
    COL_PERCENT = 6
    COL_PREDECESSORS = 7
    COL_RESPONSIBLE = 8
    COL_FLOAT = 9
    COL_VARIANCE = 10
    COL_BASELINE_FINISH = 11
    COL_ACTUAL_START = 12
    COL_ACTUAL_FINISH = 13
    COL_CONSTRAINT = 14
    HEADERS = (
        "WBS",
        "Name",
        "Kind",
        "Start",
        "Duration (d)",
        "Finish",
        "% complete",
        "Predecessors",
        "Responsible",
        "Total float (d)",
        "Finish var. (d)",
        "Baseline finish",
        "Actual start",
        "Actual finish",
        "Constraint",
    )
    # Shown until the user chooses otherwise from the header's menu.
    HIDDEN_BY_DEFAULT = frozenset(
        {COL_KIND, COL_BASELINE_FINISH, COL_ACTUAL_START, COL_ACTUAL_FINISH, COL_CONSTRAINT}
    )
    # The service field each editable column writes ("predecessors" is its own command).
    FIELDS: ClassVar[dict[int, str]] = {
        COL_NAME: "name",
        COL_START: "start",
        COL_DURATION: "duration_days",
        COL_FINISH: "finish",
        COL_PERCENT: "percent_complete",
        COL_PREDECESSORS: "predecessors",
        COL_RESPONSIBLE: "responsible_id",
        COL_ACTUAL_START: "actual_start",
        COL_ACTUAL_FINISH: "actual_finish",
    }
    ROLLED_UP_COLUMNS = frozenset(
        {COL_START, COL_DURATION, COL_FINISH, COL_PERCENT, COL_ACTUAL_START, COL_ACTUAL_FINISH}
    )
    NUMBER_COLUMNS = frozenset({COL_DURATION, COL_PERCENT, COL_FLOAT, COL_VARIANCE})
    DATE_COLUMNS = frozenset({COL_START, COL_FINISH, COL_ACTUAL_START, COL_ACTUAL_FINISH})

    edit_requested = Signal(int, str, object)  # task id, field, new value

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[TaskRow] = []
        self._rows: dict[int, TaskRow] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._parent: dict[int, int | None] = {}
        self._position: dict[int, int] = {}
        self._filter = ""
        self._fonts: dict[tuple[bool, bool], QFont] = {}

    # -- public ------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[TaskRow]) -> bool:
        """Show these rows (tree order). Returns True if the model was reset (the shape
        changed), False if rows were updated in place."""
        self._all = list(rows)
        return self._rebuild()

    def set_filter(self, text: str) -> bool:
        """Keep rows whose name contains `text` or whose WBS is `text` or under it,
        with their ancestors. Returns True if the model was reset."""
        text = text.strip().casefold()
        if text == self._filter:
            return False
        self._filter = text
        return self._rebuild()

    def filter_text(self) -> str:
        return self._filter

    def row_for(self, task_id: int) -> TaskRow | None:
        return self._rows.get(task_id)

    def ancestor_ids(self, task_id: int) -> list[int]:
        """The shown parents of a task, nearest first."""
        chain: list[int] = []
        parent = self._parent.get(task_id)
        while parent is not None:
            chain.append(parent)
            parent = self._parent.get(parent)
        return chain

    def task_id(self, index: Index) -> int | None:
        return index.internalId() if index.isValid() else None

    def index_of(self, task_id: int, column: int = 0) -> QModelIndex:
        if task_id not in self._rows:
            return QModelIndex()
        return self.createIndex(self._position[task_id], column, task_id)

    def total_count(self) -> int:
        """How many tasks the project has, shown or filtered out."""
        return len(self._all)

    def visible_ids(self) -> list[int]:
        """Ids of the rows shown, in tree order."""
        return [r.id for r in self._all if r.id in self._rows]

    def parent_ids(self) -> list[int]:
        """Ids of the shown rows that have shown children."""
        return [k for k, v in self._children.items() if k is not None and v]

    # -- Qt overrides: shape -----------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _TOP) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        kids = self._children.get(parent.internalId() if parent.isValid() else None, [])
        return self.createIndex(row, column, kids[row])

    def parent(self, index: Index = _TOP) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent_id = self._parent.get(index.internalId())
        if parent_id is None:
            return QModelIndex()
        return self.createIndex(self._position[parent_id], 0, parent_id)

    def rowCount(self, parent: Index = _TOP) -> int:
        if parent.column() > 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else None, ()))

    def columnCount(self, parent: Index = _TOP) -> int:
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMBER_COLUMNS:
            return ALIGN_RIGHT
        return None

    # -- Qt overrides: data ------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows.get(index.internalId())
        if row is None:
            return None
        col = index.column()
        rolled = row.rolled_up and col in self.ROLLED_UP_COLUMNS
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, col)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, col, rolled)
        if role == Qt.ItemDataRole.ForegroundRole and self._late(row, col):
            return LATE_COLOR
        if role == Qt.ItemDataRole.ForegroundRole and rolled:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.NUMBER_COLUMNS:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.DecorationRole and col == self.COL_NAME:
            return milestone_icon() if row.kind is TaskKind.MILESTONE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return ROLLED_UP_TIP if rolled else None
        if role == ID_ROLE:
            return row.id
        if role == KIND_ROLE:
            return row.kind.value
        if role == DTO_ROLE:
            return row
        if role == SORT_ROLE:
            return self._sort_value(row, col)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return ItemFlag.NoItemFlags
        base = ItemFlag.ItemIsEnabled | ItemFlag.ItemIsSelectable
        row = self._rows.get(index.internalId())
        if row is not None and self._editable(row, index.column()):
            base |= ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the change (see the module doc); the model itself stays as it is."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows.get(index.internalId())
        col = index.column()
        if row is None or not self._editable(row, col):
            return False
        new = self._to_field_value(col, value)
        if new == self._to_field_value(col, self._edit_value(row, col)):
            return False
        self.edit_requested.emit(row.id, self.FIELDS[col], new)
        return True

    # -- helpers -----------------------------------------------------------------------
    def _rebuild(self) -> bool:
        rows = self._all
        if self._filter:
            keep = self._matching_ids(rows)
            rows = [r for r in rows if r.id in keep]
        children: dict[int | None, list[int]] = {None: []}
        parent: dict[int, int | None] = {}
        position: dict[int, int] = {}
        for r in rows:
            siblings = children.setdefault(r.parent_id, [])
            position[r.id] = len(siblings)
            siblings.append(r.id)
            parent[r.id] = r.parent_id
        new_rows = {r.id: r for r in rows}
        if children == self._children:
            changed = [i for i, r in new_rows.items() if self._rows.get(i) != r]
            self._rows = new_rows
            # One signal per parent over the span of its changed rows: a reschedule can
            # touch thousands of rows, and a signal per row costs a view update each.
            spans: dict[int | None, tuple[int, int]] = {}
            for task_id in changed:
                at, key = position[task_id], parent[task_id]
                lo, hi = spans.get(key, (at, at))
                spans[key] = (min(lo, at), max(hi, at))
            last = self.columnCount() - 1
            for key, (lo, hi) in spans.items():
                kids = children[key]
                self.dataChanged.emit(
                    self.createIndex(lo, 0, kids[lo]), self.createIndex(hi, last, kids[hi])
                )
            return False
        self.beginResetModel()
        self._rows, self._children, self._parent, self._position = (
            new_rows,
            children,
            parent,
            position,
        )
        self.endResetModel()
        return True

    def _matching_ids(self, rows: Sequence[TaskRow]) -> set[int]:
        text = self._filter
        by_id = {r.id: r for r in rows}
        keep: set[int] = set()
        for r in rows:
            if text in r.name.casefold() or r.wbs == text or r.wbs.startswith(text + "."):
                node: int | None = r.id
                while node is not None and node not in keep:
                    keep.add(node)
                    node = by_id[node].parent_id if node in by_id else None
        return keep

    def _editable(self, row: TaskRow, col: int) -> bool:
        if col not in self.FIELDS:
            return False
        if row.rolled_up and col in self.ROLLED_UP_COLUMNS:
            return False
        milestone = row.kind is TaskKind.MILESTONE
        return not (milestone and col in (self.COL_DURATION, self.COL_FINISH))

    def _display(self, row: TaskRow, col: int) -> str | None:
        if col == self.COL_WBS:
            return row.wbs
        if col == self.COL_NAME:
            return row.name
        if col == self.COL_KIND:
            return row.kind.label
        if col == self.COL_START:
            return _fmt_date(row.start)
        if col == self.COL_DURATION:
            return str(row.duration_days)
        if col == self.COL_FINISH:
            return _fmt_date(row.finish)
        if col == self.COL_PERCENT:
            return f"{row.percent_complete}%"
        if col == self.COL_PREDECESSORS:
            return row.predecessors
        if col == self.COL_RESPONSIBLE:
            return row.responsible_name
        if col == self.COL_FLOAT:
            return _fmt_days(row.total_float_days)
        if col == self.COL_VARIANCE:
            return _fmt_days(row.finish_variance_days, signed=True)
        if col == self.COL_BASELINE_FINISH:
            return _fmt_date(row.baseline_finish)
        if col == self.COL_ACTUAL_START:
            return _fmt_date(row.actual_start)
        if col == self.COL_ACTUAL_FINISH:
            return _fmt_date(row.actual_finish)
        if col == self.COL_CONSTRAINT:
            return _constraint_text(row)
        return None

    def _edit_value(self, row: TaskRow, col: int) -> Any:
        if col in self.DATE_COLUMNS:
            value = {
                self.COL_START: row.start,
                self.COL_FINISH: row.finish,
                self.COL_ACTUAL_START: row.actual_start,
                self.COL_ACTUAL_FINISH: row.actual_finish,
            }[col]
            return QDate(value) if value else QDate()
        if col == self.COL_DURATION:
            return row.duration_days
        if col == self.COL_PERCENT:
            return row.percent_complete
        if col == self.COL_RESPONSIBLE:
            return row.responsible_id
        return self._display(row, col)

    def _to_field_value(self, col: int, value: Any) -> Any:
        """What the service takes for this column: date | None, int, str, int | None."""
        if col in self.DATE_COLUMNS:
            if isinstance(value, QDate):
                return value.toPython() if value.isValid() else None
            return value if isinstance(value, date) or value is None else str(value)
        if col in (self.COL_NAME, self.COL_PREDECESSORS):
            return "" if value is None else str(value)
        return value

    def _font(self, row: TaskRow, col: int, rolled: bool) -> QFont | None:
        summary = row.kind is TaskKind.SUMMARY and col in (self.COL_WBS, self.COL_NAME)
        if not (summary or rolled):
            return None
        font = self._fonts.get((summary, rolled))
        if font is None:
            font = self._fonts[summary, rolled] = QFont()
            font.setBold(summary)
            font.setItalic(rolled)
        return font

    def _late(self, row: TaskRow, col: int) -> bool:
        """Float at or below zero on a critical task, or a finish later than the baseline."""
        if col == self.COL_FLOAT:
            return row.critical
        if col == self.COL_VARIANCE:
            return (row.finish_variance_days or 0) > 0
        return False

    def _sort_value(self, row: TaskRow, col: int) -> Any:
        if col == self.COL_START:
            return row.start.toordinal() if row.start else 0
        if col == self.COL_FINISH:
            return row.finish.toordinal() if row.finish else 0
        if col == self.COL_DURATION:
            return row.duration_days
        if col == self.COL_PERCENT:
            return row.percent_complete
        if col in (self.COL_FLOAT, self.COL_VARIANCE):
            value = row.total_float_days if col == self.COL_FLOAT else row.finish_variance_days
            return -1e9 if value is None else value
        if col == self.COL_WBS:
            return ".".join(f"{int(p):05d}" for p in row.wbs.split("."))
        return self._display(row, col)
