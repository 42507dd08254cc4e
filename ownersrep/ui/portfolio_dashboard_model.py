"""The portfolio dashboard's table: one row per project with its RAG status per area and
overall, CPI, SPI, variance at completion, next milestone and today's issue counts.

Sorting is done here in Python (`sort`, called by the view's header) rather than by a
proxy: a key per row, one `sorted`, a layout change. Empty values sort last either way;
column -1 is the portfolio's own order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ownersrep.domain.health.rag import Area, AreaStatus, Rag
from ownersrep.domain.money import format_money
from ownersrep.services.health_types import DashboardRow
from ownersrep.services.portfolio_summary import ProjectSummaryRow
from ownersrep.ui.rag_swatch import rag_icon, status_text, status_tooltip
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, SORT_ROLE

(
    COL_NAME,
    COL_OVERALL,
    COL_SCHEDULE,
    COL_COST,
    COL_ISSUES,
    COL_RISK,
    COL_CPI,
    COL_SPI,
    COL_VAC,
    COL_OPEN_ISSUES,
    COL_MILESTONE,
) = range(11)

HEADERS = (
    "Project",
    "Overall",
    "Schedule",
    "Cost",
    "Issues",
    "Risk",
    "CPI",
    "SPI",
    "VAC",
    "Open issues",
    "Next milestone",
)
HEADER_TIPS = {
    COL_OVERALL: "The worst of the four areas as shown (overrides included)",
    COL_CPI: "Cost performance index EV ÷ AC at the status date (1.00 is on budget)",
    COL_SPI: "Schedule performance index EV ÷ PV at the status date (1.00 is on plan)",
    COL_VAC: "Variance at completion: budget at completion − estimate at completion "
    "(negative: a forecast overrun)",
    COL_MILESTONE: "The next milestone not yet finished, with its forecast date",
    COL_OPEN_ISSUES: "Open issues, RFIs, decisions and actions today (how many are overdue)",
}
AREA_COLUMNS: dict[int, Area] = {
    COL_SCHEDULE: Area.SCHEDULE,
    COL_COST: Area.COST,
    COL_ISSUES: Area.ISSUES,
    COL_RISK: Area.RISK,
}
RAG_COLUMNS = (COL_OVERALL, *AREA_COLUMNS)
_NUMERIC = {COL_CPI, COL_SPI, COL_VAC, COL_OPEN_ISSUES}
_WARN = QColor(200, 40, 40)

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class DashboardLine:
    """A project's counts (portfolio summary) and its health (None: not worked out)."""

    summary: ProjectSummaryRow
    health: DashboardRow | None

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def name(self) -> str:
        return self.summary.name

    @property
    def open_issues(self) -> int:
        return self.summary.open_issues

    @property
    def overdue_issues(self) -> int:
        return self.summary.overdue_issues

    @property
    def tasks(self) -> int:
        return self.summary.tasks

    @property
    def high_risks(self) -> int:
        return self.summary.high_risks

    def area(self, column: int) -> AreaStatus | None:
        """The status shown in a RAG column (overall as an AreaStatus-like value)."""
        if self.health is None:
            return None
        return self.health.area(AREA_COLUMNS[column]) if column in AREA_COLUMNS else None

    def overall(self) -> Rag:
        return self.health.overall if self.health is not None else Rag.NONE


def build_lines(
    summaries: Sequence[ProjectSummaryRow], health: Sequence[DashboardRow]
) -> list[DashboardLine]:
    """The summary rows in their order, each with its dashboard row when there is one."""
    by_id = {row.project_id: row for row in health}
    return [DashboardLine(s, by_id.get(s.id)) for s in summaries]


def _plain(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


class PortfolioDashboardModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DashboardLine] = []
        self._order: dict[int, int] = {}  # project id → position in the portfolio
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- rows --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[DashboardLine]) -> None:
        """Show these rows, kept in the current sort."""
        self.beginResetModel()
        self._order = {line.id: n for n, line in enumerate(rows)}
        self._rows = self._sorted(list(rows))
        self.endResetModel()

    def row_at(self, row: int) -> DashboardLine:
        return self._rows[row]

    def row_of(self, project_id: int) -> int:
        """The row showing the project, or -1."""
        return next((n for n, line in enumerate(self._rows) if line.id == project_id), -1)

    # -- Qt overrides ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, col)
        if role == SORT_ROLE:
            return self._sort_value(line, col)
        if role == ID_ROLE:
            return line.id
        if role == DTO_ROLE:
            return line
        if role == Qt.ItemDataRole.DecorationRole and col in RAG_COLUMNS:
            return rag_icon(self._rag(line, col))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._warns(line, col):
            return QBrush(_WARN)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._sort_column, self._sort_order = column, order
        self._rows = self._sorted(self._rows)
        moves = {line.id: n for n, line in enumerate(self._rows)}
        for index in self.persistentIndexList():
            if index.isValid():
                new_row = moves[old[index.row()].id]
                self.changePersistentIndex(index, self.index(new_row, index.column()))
        self.layoutChanged.emit()

    # -- helpers -----------------------------------------------------------------------
    def _sorted(self, rows: list[DashboardLine]) -> list[DashboardLine]:
        col = self._sort_column
        if col < 0 or col >= len(HEADERS):
            return sorted(rows, key=lambda line: self._order.get(line.id, 0))
        known = [line for line in rows if self._sort_value(line, col) is not None]
        empty = [line for line in rows if self._sort_value(line, col) is None]
        known.sort(
            key=lambda line: (self._sort_value(line, col), self._order.get(line.id, 0)),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )
        return known + sorted(empty, key=lambda line: self._order.get(line.id, 0))

    @staticmethod
    def _rag(line: DashboardLine, col: int) -> Rag:
        if col == COL_OVERALL:
            return line.overall()
        status = line.area(col)
        return status.shown if status is not None else Rag.NONE

    def _sort_value(self, line: DashboardLine, col: int) -> Any:
        s, h = line.summary, line.health
        if col in RAG_COLUMNS:
            rag = self._rag(line, col)
            return rag.severity or None  # no data sorts last
        if col == COL_NAME:
            return s.name.casefold()
        if col == COL_OPEN_ISSUES:
            return (s.open_issues, s.overdue_issues)
        if h is None:
            return None
        if col == COL_MILESTONE:
            return h.next_milestone_on
        return {COL_CPI: h.cpi, COL_SPI: h.spi, COL_VAC: h.vac}[col]

    def _display(self, line: DashboardLine, col: int) -> str:
        s, h = line.summary, line.health
        if col == COL_NAME:
            return s.name
        if col == COL_OPEN_ISSUES:
            late = f" ({s.overdue_issues:,} overdue)" if s.overdue_issues else ""
            return f"{s.open_issues:,}{late}"
        if col == COL_OVERALL:
            text = line.overall().word
            overridden = h is not None and h.overall is not h.overall_derived
            return f"{text} (override)" if overridden else text
        if col in AREA_COLUMNS:
            status = line.area(col)
            return status_text(status) if status is not None else Rag.NONE.word
        if h is None:
            return "—"
        if col == COL_CPI:
            return _plain(h.cpi)
        if col == COL_SPI:
            return _plain(h.spi)
        if col == COL_VAC:
            return "—" if h.vac is None else format_money(h.vac)
        if h.next_milestone_on is None:
            return "None left"
        return f"{h.next_milestone_on:%d %b %Y} · {h.next_milestone}"

    def _tooltip(self, line: DashboardLine, col: int) -> str | None:
        h = line.health
        if col in (COL_NAME, COL_CPI, COL_SPI):
            when: date | None = h.as_of if h else line.summary.status_date
            program = f" ({line.summary.program})" if line.summary.program else ""
            text = f"{line.name}{program}: figures at the status date "
            return text + (f"{when:%d %b %Y}" if when else "(none: today)")
        if col in AREA_COLUMNS:
            status = line.area(col)
            return status_tooltip(status, line.name) if status is not None else None
        if col == COL_OVERALL and h is not None:
            shown = [a for a in h.areas if a.shown is h.overall]
            worst = ", ".join(a.area.label for a in shown) or "no area"
            text = f"{line.name} — overall {h.overall.word}: the worst of {worst}"
            if h.overall is not h.overall_derived:
                text += f"\nDerived from the KPIs alone: {h.overall_derived.word}"
            return text
        if col == COL_VAC and h is not None and h.vac is not None:
            pct = f" ({h.vac_percent} % of budget)" if h.vac_percent is not None else ""
            eac = format_money(h.eac, h.currency) if h.eac is not None else "—"
            return f"VAC {format_money(h.vac, h.currency)}{pct}\nEAC {eac}"
        if col == COL_MILESTONE and h is not None and h.next_milestone:
            return h.next_milestone
        return None

    @staticmethod
    def _warns(line: DashboardLine, col: int) -> bool:
        h = line.health
        if col == COL_OPEN_ISSUES:
            return line.overdue_issues > 0
        if h is None:
            return False
        return col == COL_VAC and h.vac is not None and h.vac < 0
