"""Every EAC formula side by side for one project: what it says, the EAC and VAC it
gives, and which one the workspace uses (bold, "✓ used").

The rows are the EacMethod members, always all of them in their own order, so that a
formula can be chosen even before it can be worked; a refresh changes cells in place
(`dataChanged`), never the rows. A formula that cannot be worked shows "—" and says why
(no budget, no progress yet, no cost yet, nothing planned yet).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ownersrep.domain.evm import EacMethod, EvmFigures, percent
from ownersrep.domain.money import format_money
from ownersrep.ui.cost_table_model import BAD_INK
from ownersrep.ui.roles import DTO_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

DASH = "—"
USED_TEXT = "✓ used"
NO_BUDGET = "No cost budget yet: add cost lines on the Budget page"
NO_PROGRESS = "No progress yet: EV is 0.00, so CPI (EV ÷ AC) is unknown"
NO_COST = "No cost yet: nothing certified by the status date, so CPI (EV ÷ AC) is unknown"
NOTHING_PLANNED = "Nothing planned yet by the status date: PV is 0.00, so SPI is unknown"
NO_ETC = "No estimate to complete: the project has no cost lines to sum"

COL_METHOD, COL_FORMULA, COL_EAC, COL_VAC, COL_NOTE = range(5)
HEADERS = ("Method", "Formula", "EAC", "VAC", "")
TIPS = {
    COL_METHOD: "How the remaining work is assumed to go",
    COL_FORMULA: "BAC: budget at completion · EV: earned value · AC: actual cost · "
    "CPI = EV ÷ AC · SPI = EV ÷ PV",
    COL_EAC: "Estimate at completion: where the cost is forecast to land",
    COL_VAC: "Variance at completion BAC − EAC; negative is a forecast overrun",
    COL_NOTE: "The formula in use, or why a formula cannot be worked yet",
}
MONEY_COLUMNS = (COL_EAC, COL_VAC)
#: Widest expected text per column, for the view's widths.
COLUMN_SAMPLES = {
    COL_METHOD: "Remaining work at today's cost and schedule efficiency",
    COL_FORMULA: "AC + (BAC − EV) ÷ (CPI × SPI)",
    COL_EAC: "999,999,999.99",
    COL_VAC: "-999,999,999.99",
}
_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ForegroundRole,
    SORT_ROLE,
]


def why_no_eac(figures: EvmFigures | None, method: EacMethod) -> str | None:
    """Why `method` gives no EAC for these figures, or None when it gives one."""
    if figures is None:
        return NO_BUDGET
    if figures.eac_by(method) is not None:
        return None
    if method is EacMethod.BOTTOM_UP:
        return NO_ETC
    if not figures.ev:
        return NO_PROGRESS
    if not figures.ac:
        return NO_COST
    return NOTHING_PLANNED  # CPI × SPI: only PV is left to be zero


class EacFormulaModel(QAbstractTableModel):
    """Read-only rows, one per EacMethod. DTO_ROLE gives the row's EacMethod."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._methods = list(EacMethod)
        self._figures: EvmFigures | None = None
        self._chosen = EacMethod.CPI
        self._currency = ""
        self._bold = QFont()
        self._bold.setBold(True)

    # -- public ----------------------------------------------------------------------
    def set_figures(
        self, figures: EvmFigures | None, chosen: EacMethod, currency: str = ""
    ) -> None:
        """Show these figures (None: no cost budget) with `chosen` marked."""
        self._figures = figures
        self._chosen = EacMethod(chosen)
        self._currency = currency
        if self._methods:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._methods) - 1, len(HEADERS) - 1), _ROLES
            )

    def figures(self) -> EvmFigures | None:
        return self._figures

    def chosen(self) -> EacMethod:
        return self._chosen

    def method_at(self, row: int) -> EacMethod | None:
        return self._methods[row] if 0 <= row < len(self._methods) else None

    def row_of(self, method: EacMethod) -> int:
        return self._methods.index(EacMethod(method))

    def eac(self, method: EacMethod) -> Decimal | None:
        return None if self._figures is None else self._figures.eac_by(method)

    def vac(self, method: EacMethod) -> Decimal | None:
        eac = self.eac(method)
        return None if eac is None or self._figures is None else self._figures.bac - eac

    def display(self, row: int, column: int) -> str:
        """The text shown in a cell (for tests and copy)."""
        return str(self.data(self.index(row, column)) or "")

    # -- Qt overrides ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._methods)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return TIPS.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._methods):
            return None
        method, column = self._methods[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(method, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(method, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if method is self._chosen else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._ink(method, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return self._sort_key(method, column)
        if role == DTO_ROLE:
            return method
        return None

    # -- cells -----------------------------------------------------------------------
    def _money(self, amount: Decimal | None) -> str:
        return DASH if amount is None else format_money(amount)

    def _text(self, method: EacMethod, column: int) -> str:
        if column == COL_METHOD:
            return method.label
        if column == COL_FORMULA:
            return method.formula
        if column == COL_EAC:
            return self._money(self.eac(method))
        if column == COL_VAC:
            return self._money(self.vac(method))
        used = method is self._chosen
        reason = why_no_eac(self._figures, method)
        if reason is None:
            return USED_TEXT if used else ""
        short = reason.split(":")[0]
        return f"{USED_TEXT} · {short}" if used else short

    def _tooltip(self, method: EacMethod, column: int) -> str:
        reason = why_no_eac(self._figures, method)
        f = self._figures
        if column in MONEY_COLUMNS and reason is not None:
            return f"{method.formula} cannot be worked. {reason}."
        if column == COL_EAC and f is not None:
            return f"EAC = {method.formula} = {format_money(f.eac_by(method), self._currency)}"
        if column == COL_VAC and f is not None:
            vac = self.vac(method)
            assert vac is not None
            share = percent(vac, f.bac)
            tail = "" if share is None else f" ({share:+.1f} % of BAC)"
            return (
                f"VAC = BAC − EAC = {format_money(f.bac)} − {format_money(f.eac_by(method))} "
                f"= {format_money(vac, self._currency)}{tail}"
            )
        if column == COL_NOTE:
            parts = []
            if method is self._chosen:
                parts.append(
                    "The formula in use for every project of this workspace: it gives the "
                    "EAC, ETC, VAC and TCPI (to EAC) shown above"
                )
            if reason is not None:
                parts.append(reason)
            return ".\n".join(parts) + ("." if parts else "")
        if column == COL_METHOD:
            return f"{method.label}: EAC = {method.formula}. Double-click to use it."
        return self._text(method, column)

    def _ink(self, method: EacMethod, column: int) -> QColor | None:
        if column == COL_VAC:
            vac = self.vac(method)
            return BAD_INK if vac is not None and vac < 0 else None
        return None

    def _sort_key(self, method: EacMethod, column: int) -> Any:
        if column == COL_EAC:
            return self.eac(method)
        if column == COL_VAC:
            return self.vac(method)
        if column == COL_NOTE:
            return int(method is self._chosen)
        return self._text(method, column)
