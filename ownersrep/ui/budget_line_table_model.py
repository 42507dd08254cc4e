"""The budget table: every budget line with its figures, under a subtotal row per group
(a CSI division, a workstream) when lines are grouped, and the ledger's totals at the
bottom. Sorting by a column sorts the lines within their group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ownersrep.domain.cost.enums import BudgetLineKind
from ownersrep.domain.cost.ledger import LineFigures
from ownersrep.services.cost_types import BudgetLineRow, CostLedger
from ownersrep.ui.cost_table_model import GROUP, ROW, TOTAL, CostItem, CostTableModel

(
    COL_CODE,
    COL_DESCRIPTION,
    COL_ORIGINAL,
    COL_APPROVED,
    COL_REVISED,
    COL_COMMITTED,
    COL_UNCOMMITTED,
    COL_EXPOSURE,
    COL_CERTIFIED,
    COL_ETC,
    COL_EAC,
    COL_VAC_ORIGINAL,
    COL_VAC_REVISED,
) = range(13)

HEADERS = (
    "Code",
    "Description",
    "Original",
    "Approved\nchanges",
    "Revised",
    "Committed",
    "Uncommitted",
    "Pending\nexposure",
    "Certified",
    "Estimate to\ncomplete",
    "Estimate at\ncompletion",
    "VAC\noriginal",
    "VAC\nrevised",
)
#: Shown from the header's context menu.
HIDDEN_BY_DEFAULT = (COL_VAC_ORIGINAL,)
TIPS = {
    COL_ORIGINAL: "The original budget",
    COL_APPROVED: "Approved change orders on the line (a contingency line shows its drawdown)",
    COL_REVISED: "Original budget + approved changes",
    COL_COMMITTED: "What contracts and purchase orders draw on the line, with their approved "
    "changes",
    COL_UNCOMMITTED: "Revised budget − committed",
    COL_EXPOSURE: "Cost of potential and pending change orders on the line: not decided yet",
    COL_CERTIFIED: "Certified to date on the commitments drawing on the line (actual cost)",
    COL_ETC: "Estimate to complete: entered by you, or derived as revised − certified (grey)",
    COL_EAC: "Estimate at completion: certified + estimate to complete",
    COL_VAC_ORIGINAL: "Variance at completion against the original budget; negative is an overrun",
    COL_VAC_REVISED: "Variance at completion against the revised budget; negative is an overrun",
}
# Typical widest content per column, for the view's starting widths.
COLUMN_SAMPLES = {
    COL_CODE: "00-0000",
    COL_DESCRIPTION: "Temporary facilities and",
    **{c: "14,000,000.00" for c in range(COL_ORIGINAL, COL_VAC_REVISED + 1)},
}
_FIGURE = {
    COL_ORIGINAL: "original",
    COL_APPROVED: "approved",
    COL_REVISED: "revised",
    COL_COMMITTED: "committed",
    COL_UNCOMMITTED: "uncommitted",
    COL_EXPOSURE: "exposure",
    COL_CERTIFIED: "certified",
    COL_ETC: "etc",
    COL_EAC: "eac",
    COL_VAC_ORIGINAL: "vac_original",
    COL_VAC_REVISED: "vac_revised",
}
UNGROUPED = "Ungrouped"


@dataclass(frozen=True)
class GroupRow:
    """A group's subtotal row."""

    name: str
    count: int
    totals: LineFigures


def _lines(n: int) -> str:
    return f"{n} budget line{'s' if n != 1 else ''}"


class BudgetLineTableModel(CostTableModel):
    HEADERS = HEADERS
    TIPS = TIPS
    MONEY = frozenset(_FIGURE)
    NEGATIVE_IS_BAD = frozenset({COL_UNCOMMITTED, COL_VAC_ORIGINAL, COL_VAC_REVISED})

    def set_ledger(self, ledger: CostLedger | None) -> None:
        """Lines under their group subtotals (when any line has a group), then totals."""
        if ledger is None or not ledger.lines:
            self.set_items([])
            return
        self.set_currency(ledger.currency)
        items: list[CostItem] = []
        if any(line.group for line in ledger.lines):
            for group in ledger.groups:
                members = [line for line in ledger.lines if line.group == group.name]
                items.append(
                    CostItem(GROUP, group.name, GroupRow(group.name, len(members), group.totals))
                )
                items.extend(CostItem(ROW, line.id, line) for line in members)
        else:
            items.extend(CostItem(ROW, line.id, line) for line in ledger.lines)
        items.append(CostItem(TOTAL, TOTAL, ledger.line_totals))
        self.set_items(items)

    def group_rows(self) -> list[int]:
        """Rows of the group subtotals (the view spans their name over two columns)."""
        return [n for n, item in enumerate(self.items()) if item.kind == GROUP]

    def line_count(self) -> int:
        return len(self.records())

    # -- cells ---------------------------------------------------------------------------
    def value(self, item: CostItem, column: int) -> Any:
        obj = item.obj
        if column in _FIGURE:
            figures = obj.totals if item.kind == GROUP else obj
            return getattr(figures, _FIGURE[column])
        if item.kind == ROW:
            line: BudgetLineRow = obj
            return line.code if column == COL_CODE else line.description
        if item.kind == GROUP:
            return (obj.name or UNGROUPED) if column == COL_CODE else _lines(obj.count)
        return "Total" if column == COL_CODE else _lines(self.line_count())

    def tooltip(self, item: CostItem, column: int) -> str | None:
        if item.kind == ROW and column in (COL_CODE, COL_DESCRIPTION):
            line: BudgetLineRow = item.obj
            kind = "Contingency" if line.kind is BudgetLineKind.CONTINGENCY else "Cost line"
            group = f" in {line.group}" if line.group else ""
            return f"{line.code} {line.description}\n{kind}{group}"
        if item.kind == ROW and column == COL_ETC:
            line = item.obj
            how = "Entered" if line.etc_entered else "Derived: revised − certified"
            return f"{super().tooltip(item, column)}\n{how}"
        if item.kind == GROUP and column == COL_CODE:
            return f"{item.obj.name or UNGROUPED}: {_lines(item.obj.count)}"
        return super().tooltip(item, column)

    def foreground(self, item: CostItem, column: int) -> QColor | None:
        if item.kind == ROW and column == COL_ETC and not item.obj.etc_entered:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return super().foreground(item, column)


__all__ = ["BudgetLineTableModel", "GroupRow"]
