"""The Cost tab's Earned value page: the project's figures at its status date, each with
its formula (worked with the project's numbers in the tooltip) and what it means in
plain words, and every EAC formula side by side with the one in use marked.

A figure that cannot be worked shows "—" and, in place of its meaning, why: no cost
budget, no progress yet, no cost yet, nothing planned yet, budget spent. Choosing a
formula ("Use this formula", or a double-click) is an undoable command; it is a setting
of the workspace, so it applies to every project. The Cost tab hands the page the
figures it read for its summary (`show_figures`) on the same changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.evm import EacMethod, EvmFigures
from ownersrep.domain.money import format_money
from ownersrep.services.app_services import AppServices
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.evm_commands import SetEacMethodCommand
from ownersrep.ui.cost_page import CostPage
from ownersrep.ui.cost_table_model import BAD_INK, WARN_INK
from ownersrep.ui.eac_formula_model import (
    COL_NOTE,
    COLUMN_SAMPLES,
    DASH,
    NO_BUDGET,
    NOTHING_PLANNED,
    EacFormulaModel,
    why_no_eac,
)

m = format_money
BOTTOM_UP_ETC = "ETC = Σ the cost lines' estimates to complete (entered, or revised − certified)"
NO_BUDGET_SHORT = NO_BUDGET.split(":")[0]
NO_COST_YET = "No cost yet: nothing certified by the status date"
BUDGET_SPENT = "Budget spent: AC has reached BAC, so no efficiency finishes within it"
NOTHING_LEFT = "EAC is not above AC: nothing left to spend"
_TIGHT, _OVER = Decimal("0.95"), Decimal("1.10")

# key → (caption, formula, meaning in plain words), in the grid's order.
FIGURES: dict[str, tuple[str, str, str]] = {
    "bac": ("BAC · budget at completion", "BAC = Σ revised budgets of the cost lines",
            "The whole cost budget (contingency is reserve, not planned work)"),
    "pv": ("PV · planned value", "PV = budget of the work the baseline planned to date",
           "What should have been done by the status date, at budget"),
    "ev": ("EV · earned value", "EV = Σ task budget × % complete",
           "What has been done, at budget"),
    "ac": ("AC · actual cost", "AC = certified on pay applications to the status date",
           "What the work done has cost"),
    "cv": ("CV · cost variance", "CV = EV − AC", "Negative is over cost"),
    "sv": ("SV · schedule variance", "SV = EV − PV", "Negative is behind plan"),
    "cpi": ("CPI · cost performance", "CPI = EV ÷ AC",
            "Value earned per unit spent; below 1 is over cost"),
    "spi": ("SPI · schedule performance", "SPI = EV ÷ PV",
            "Work done per unit planned; below 1 is behind plan"),
    "eac": ("EAC · estimate at completion", "EAC = {formula}",
            "Where the cost is forecast to land"),
    "etc": ("ETC · estimate to complete", "ETC = EAC − AC", "What the rest is forecast to cost"),
    "vac": ("VAC · variance at completion", "VAC = BAC − EAC",
            "Negative is a forecast overrun"),
    "vac_percent": ("VAC %", "VAC % = VAC ÷ BAC × 100",
                    "The overrun (−) or saving (+) as a share of the budget"),
    "tcpi": ("TCPI to BAC", "TCPI = (BAC − EV) ÷ (BAC − AC)",
             "Cost efficiency the rest must reach to finish on budget; above 1 is harder than "
             "planned"),
    "tcpi_eac": ("TCPI to EAC", "TCPI = (BAC − EV) ÷ (EAC − AC)",
                 "Cost efficiency the rest must reach to land on the EAC"),
}  # fmt: skip
SECTIONS = (
    ("Measured", ("bac", "pv", "ev", "ac")),
    ("Performance", ("cv", "sv", "cpi", "spi")),
    ("Forecast", ("eac", "etc", "vac", "vac_percent")),
    ("To complete", ("tcpi", "tcpi_eac")),
)
INDICES = frozenset({"cpi", "spi", "tcpi", "tcpi_eac"})
NEGATIVE_IS_BAD = frozenset({"cv", "sv", "vac", "vac_percent"})

# The figures worked with the project's numbers, for the tooltips.
_WORKED: dict[str, Callable[[EvmFigures], str]] = {
    "cv": lambda f: f"{m(f.ev)} − {m(f.ac)}",
    "sv": lambda f: f"{m(f.ev)} − {m(f.pv)}",
    "cpi": lambda f: f"{m(f.ev)} ÷ {m(f.ac)}",
    "spi": lambda f: f"{m(f.ev)} ÷ {m(f.pv)}",
    "etc": lambda f: f"{m(f.eac)} − {m(f.ac)}",
    "vac": lambda f: f"{m(f.bac)} − {m(f.eac)}",
    "vac_percent": lambda f: f"{m(f.vac)} ÷ {m(f.bac)} × 100",
    "tcpi": lambda f: f"({m(f.bac)} − {m(f.ev)}) ÷ ({m(f.bac)} − {m(f.ac)})",
    "tcpi_eac": lambda f: f"({m(f.bac)} − {m(f.ev)}) ÷ ({m(f.eac)} − {m(f.ac)})",
}


def why_missing(f: EvmFigures | None, key: str) -> str | None:
    """Why the figure `key` cannot be worked, or None when it can (short where the
    reason is said once for the page, or once at the EAC)."""
    if f is None:
        return NO_BUDGET_SHORT
    if getattr(f, key) is not None:
        return None
    if key == "cpi":
        return NO_COST_YET
    if key == "spi":
        return NOTHING_PLANNED
    if key == "tcpi":
        return BUDGET_SPENT
    if f.eac is None:
        reason = why_no_eac(f, f.method) or ""
        if key == "eac":
            return reason
        return f"Needs the EAC: {reason.split(':')[0].lower()}"  # etc, vac, vac_percent…
    if key == "tcpi_eac":
        return NOTHING_LEFT
    return "No budget: BAC is 0.00"  # vac_percent


def figure_text(f: EvmFigures | None, key: str) -> str:
    value = None if f is None else getattr(f, key)
    if value is None:
        return DASH
    if key in INDICES:
        return f"{value:.2f}"
    if key == "vac_percent":
        return f"{value:+.1f} %"
    return format_money(value)


def figure_ink(f: EvmFigures | None, key: str) -> QColor | None:
    value = None if f is None else getattr(f, key)
    if value is None:
        return None
    if key in NEGATIVE_IS_BAD:
        return BAD_INK if value < 0 else None
    if key in ("cpi", "spi"):
        return BAD_INK if value < _TIGHT else WARN_INK if value < 1 else None
    if key in ("tcpi", "tcpi_eac"):
        return BAD_INK if value > _OVER else WARN_INK if value > 1 else None
    return None


def figure_tooltip(f: EvmFigures | None, key: str, method: EacMethod, currency: str) -> str:
    """The formula, worked with the figures when it can be, then what it means."""
    bottom_up_etc = key == "etc" and method is EacMethod.BOTTOM_UP
    lines = [BOTTOM_UP_ETC if bottom_up_etc else FIGURES[key][1].format(formula=method.formula)]
    worked = _WORKED.get(key)
    reason = why_missing(f, key)
    if f is not None and reason is None:
        if key == "eac":
            lines[0] += f" ({method.label.lower()})"
        if worked is not None and not bottom_up_etc:
            lines.append(f"= {worked(f)}")
        value = getattr(f, key)
        plain = key in INDICES or key == "vac_percent"
        lines.append(f"= {figure_text(f, key) if plain else format_money(value, currency)}")
    lines.append(reason if reason is not None else FIGURES[key][2])
    return "\n".join(lines)


def _muted_ink(palette: QPalette) -> QColor:
    """Secondary text: two thirds of the way from the background to the text colour, so
    it reads in light and dark palettes alike (the disabled colour is too faint here)."""
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    return QColor(
        *((2 * a + b) // 3 for a, b in zip(text.getRgb()[:3], back.getRgb()[:3], strict=True))
    )


class EarnedValuePage(CostPage):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, undo_stack, bus, parent)
        self._figures: EvmFigures | None = None
        self._method = EacMethod.CPI
        self.as_of: date | None = None
        self._muted = f"color: {_muted_ink(self.palette()).name()}"

        self.as_of_label = self._caption()
        self.notice_label = self._caption()
        self.notice_label.setStyleSheet(f"color: {WARN_INK.name()}")
        self.titles: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(1)
        for band, (section, keys) in enumerate(SECTIONS):
            heading = QLabel(f"<b>{section}</b>", self)
            grid.addWidget(heading, band * 4, 0, Qt.AlignmentFlag.AlignTop)
            for column, key in enumerate(keys, start=1):
                self._add_figure(grid, key, band * 4, column)
            if band < len(SECTIONS) - 1:
                grid.setRowMinimumHeight(band * 4 + 3, 10)
        for column in range(1, 5):
            grid.setColumnStretch(column, 1)

        self.eac_title = QLabel("<b>Estimate at completion by each formula</b>", self)
        self.eac_caption = self._caption()
        self.eac_caption.setText(
            "The formula in use gives the EAC, ETC, VAC and TCPI (to EAC) above. It is a "
            "setting of the workspace: changing it changes every project's forecast, and "
            "Edit › Undo changes it back."
        )
        self.eac_caption.setStyleSheet(self._muted)
        self.use_button = self._button(
            "&Use this formula",
            "Forecast the estimate at completion with the selected formula (double-click "
            "a row does the same)",
        )
        self.model = EacFormulaModel(self)
        self.table = self._make_table()

        eac_head = QHBoxLayout()
        eac_head.addWidget(self.eac_title)
        eac_head.addStretch(1)
        eac_head.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self.as_of_label)
        layout.addWidget(self.notice_label)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addSpacing(14)
        layout.addLayout(eac_head)
        layout.addWidget(self.eac_caption)
        layout.addWidget(self.table)
        layout.addStretch(1)

        self.use_button.clicked.connect(self.use_selected)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_button)
        self.show_figures(None)

    # -- public --------------------------------------------------------------------------
    def show_figures(self, figures: EvmFigures | None) -> None:
        """Show the project's figures (None: no project, or no cost budget)."""
        pid = self._project_id
        self._figures = figures
        if figures is not None:
            self._method = figures.method
        elif pid is not None:  # the formula is the workspace's, budget or not
            self._method = self._services.evm.eac_method()
        self.as_of = None
        status_date = None
        if pid is not None:
            status_date = self._services.projects.get(pid).status_date
            self.as_of = status_date or self._services.ctx.today()
        self._show_as_of(status_date)
        self.notice_label.setText(
            f"{NO_BUDGET}; earned value measures progress and cost against them."
            if pid is not None and figures is None
            else ""
        )
        self.notice_label.setVisible(bool(self.notice_label.text()))
        for key in FIGURES:
            self._show_figure(key, figures if pid is not None else None)
        self.model.set_figures(figures, self._method, self._currency)
        self.table.setEnabled(pid is not None)
        self._update_button()

    def figures(self) -> EvmFigures | None:
        return self._figures

    def method(self) -> EacMethod:
        """The EAC formula in use, as last shown."""
        return self._method

    def text_of(self, key: str) -> str:
        return self.values[key].text()

    def note_of(self, key: str) -> str:
        return self.notes[key].text()

    def selected_method(self) -> EacMethod | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.method_at(rows[0].row()) if rows else None

    def select_method(self, method: EacMethod) -> None:
        self.table.selectRow(self.model.row_of(method))

    def use_selected(self) -> None:
        method = self.selected_method()
        if method is not None:
            self.use_method(method)

    def use_method(self, method: EacMethod) -> bool:
        """Forecast with `method` (an undoable command); False if it was already used."""
        if self._project_id is None or method is self._method:
            return False
        command = SetEacMethodCommand(self._services.evm, self._bus, method)
        return self._run(command, "Cannot change the formula")

    def delete_selected(self) -> None:
        """Nothing to delete on this page."""

    # -- internals -----------------------------------------------------------------------
    def _add_figure(self, grid: QGridLayout, key: str, row: int, column: int) -> None:
        title = QLabel(FIGURES[key][0], self)
        title.setStyleSheet(self._muted)
        value = QLabel(DASH, self)
        font = value.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        value.setFont(font)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(self)
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(title, row, column)
        grid.addWidget(value, row + 1, column)
        grid.addWidget(note, row + 2, column, Qt.AlignmentFlag.AlignTop)
        self.titles[key], self.values[key], self.notes[key] = title, value, note

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        row_height = table.fontMetrics().height() + 10
        table.verticalHeader().setDefaultSectionSize(row_height)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        bold = QFont(table.font())
        bold.setBold(True)  # the row in use is bold
        metrics = QFontMetrics(bold)
        for column, sample in COLUMN_SAMPLES.items():
            header.resizeSection(column, int(metrics.horizontalAdvance(sample) * 1.1) + 24)
        header.resizeSection(COL_NOTE, 200)
        rows = self.model.rowCount()
        table.setFixedHeight(
            header.sizeHint().height() + rows * row_height + 2 * table.frameWidth() + 2
        )
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table

    def _show_as_of(self, status_date: date | None) -> None:
        if self.as_of is None:
            self.as_of_label.setText("")
            return
        when = f"As of <b>{self.as_of:%d %b %Y}</b>"
        if status_date is None:
            text = f"{when}, today: the project has no status date"
        else:
            text = f"{when}, the project's status date"
        currency = f" · amounts in {self._currency}" if self._currency else ""
        self.as_of_label.setText(
            f"{text}{currency} · EAC by <b>{self._method.formula}</b> "
            f"({self._method.label.lower()})"
        )

    def _show_figure(self, key: str, f: EvmFigures | None) -> None:
        value, note = self.values[key], self.notes[key]
        value.setText(figure_text(f, key))
        ink = figure_ink(f, key)
        value.setStyleSheet(f"color: {ink.name()}" if ink is not None else "")
        reason = None if self._project_id is None else why_missing(f, key)
        note.setText(reason if reason is not None else FIGURES[key][2])
        note.setStyleSheet(
            f"color: {WARN_INK.name()}" if reason is not None and f is not None else self._muted
        )
        tip = figure_tooltip(f, key, self._method, self._currency)
        for label in (self.titles[key], value, note):
            label.setToolTip(tip)

    def _update_button(self, *_args: object) -> None:
        method = self.selected_method()
        self.use_button.setEnabled(
            self._project_id is not None and method is not None and method is not self._method
        )

    # -- slots ---------------------------------------------------------------------------
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        method = self.model.method_at(index.row())
        if method is not None:
            self.use_method(method)
