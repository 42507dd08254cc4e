"""The Cost tab's headline figures: budget, changes, commitments, cost to date, the
forecast, contingency and the earned-value indices, each a caption over its value, and
the reconciliation indicator ("Ledger reconciles", or what does not)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ownersrep.domain.evm import EvmFigures
from ownersrep.domain.money import format_money
from ownersrep.services.cost_types import CostLedger
from ownersrep.ui.cost_table_model import BAD_INK, WARN_INK

GOOD_INK = QColor("#2e7d32")

# key → (caption, tooltip), in reading order: two rows of six.
FIGURES: dict[str, tuple[str, str]] = {
    "original": ("Original budget", "Sum of the budget lines' original budgets"),
    "approved": (
        "Approved changes (net)",
        "Approved change orders, less what they drew from contingency (a draw moves budget "
        "from contingency to a line and leaves the total unchanged)",
    ),
    "revised": ("Revised budget", "Original budget + approved changes"),
    "committed": ("Committed", "Contracts and purchase orders with their approved changes"),
    "certified": ("Certified to date", "Actual cost: what you certified on pay applications"),
    "retainage": ("Retainage held", "Held back from certified amounts and not yet released"),
    "exposure": ("Pending exposure", "Potential and pending change orders: may still come"),
    "eac": ("Forecast at completion", "Certified + estimate to complete, over every line"),
    "vac": ("Variance at completion", "Revised budget − forecast; negative is an overrun"),
    "contingency": ("Contingency remaining", "Contingency left after approved draws"),
    "cpi": ("CPI", "Cost performance index EV ÷ AC at the status date; below 1 is over cost"),
    "spi": ("SPI", "Schedule performance index EV ÷ PV at the status date; below 1 is late"),
}
COLUMNS = 6


class CostSummary(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        self._eac_tip = FIGURES["eac"][1]
        grid = QGridLayout()
        grid.setHorizontalSpacing(22)
        grid.setVerticalSpacing(2)
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        for n, (key, (caption, tip)) in enumerate(FIGURES.items()):
            row, column = divmod(n, COLUMNS)
            title = QLabel(caption, self)
            title.setStyleSheet(f"color: {muted.name()}")
            value = QLabel("—", self)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            font.setBold(True)
            value.setFont(font)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            for label in (title, value):
                label.setToolTip(tip)
            grid.addWidget(title, row * 2, column)
            grid.addWidget(value, row * 2 + 1, column)
            self.values[key] = value
        grid.setColumnStretch(COLUMNS, 1)

        self.reconcile_label = QLabel(self)
        self.reconcile_label.setWordWrap(True)
        self.reconcile_label.setTextFormat(Qt.TextFormat.RichText)
        self.reconcile_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addSpacing(4)
        layout.addWidget(self.reconcile_label)

    # -- public --------------------------------------------------------------------------
    def show_figures(
        self, ledger: CostLedger | None, problems: list[str], evm: EvmFigures | None
    ) -> None:
        if ledger is None:
            for label in self.values.values():
                self._set(label, "—")
            self.reconcile_label.setText("")
            return
        t = ledger.line_totals
        money = {
            "original": t.original,
            "approved": t.approved,
            "revised": t.revised,
            "committed": ledger.commitment_totals.revised,
            "certified": t.certified,
            "retainage": ledger.commitment_totals.retainage,
            "exposure": t.exposure,
            "eac": t.eac,
            "vac": t.vac_revised,
            "contingency": ledger.contingency.remaining,
        }
        for key, amount in money.items():
            self._set(self.values[key], format_money(amount))
            self.values[key].setToolTip(
                f"{FIGURES[key][1]}\n{format_money(amount, ledger.currency)}"
            )
        self._eac_tip = self.values["eac"].toolTip()
        drawn = ledger.contingency.drawn
        if drawn:
            self.values["approved"].setToolTip(
                f"{FIGURES['approved'][1]}\n{format_money(t.approved, ledger.currency)} = "
                f"{format_money(t.approved + drawn)} approved − {format_money(drawn)} drawn "
                "from contingency"
            )
        self._ink(self.values["vac"], BAD_INK if t.vac_revised < 0 else None)
        self._ink(self.values["exposure"], WARN_INK if t.exposure else None)
        used = ledger.contingency.used_percent
        if used is not None:
            self._set(
                self.values["contingency"],
                f"{format_money(ledger.contingency.remaining)}  ({used:.0f} % used)",
            )
        self.show_evm(evm)
        self.show_reconciliation(problems)

    def show_evm(self, evm: EvmFigures | None) -> None:
        """CPI and SPI at the status date ("—" without a cost budget or progress), and
        the EAC formula earned value uses, in the forecast's tooltip."""
        tip = self._eac_tip
        if evm is not None:
            eac = evm.eac
            by = format_money(eac) if eac is not None else "cannot be worked yet"
            tip += (
                f"\nEarned value forecasts EAC = {evm.method.formula} "
                f"({evm.method.label.lower()}): {by}; see the Earned value page"
            )
        self.values["eac"].setToolTip(tip)
        self._show_index("cpi", evm.cpi if evm else None)
        self._show_index("spi", evm.spi if evm else None)

    def show_reconciliation(self, problems: list[str]) -> None:
        if not problems:
            self.reconcile_label.setText(
                f"<span style='color:{GOOD_INK.name()}'>✓ <b>Ledger reconciles</b></span>: "
                "original + approved changes = revised, and paid + retainage + unpaid = "
                "certified."
            )
            self.reconcile_label.setToolTip("")
            return
        shown = problems[:3]
        more = len(problems) - len(shown)
        text = "; ".join(shown) + (f"; and {more} more" if more else "")
        self.reconcile_label.setText(
            f"<span style='color:{BAD_INK.name()}'>⚠ <b>Ledger does not reconcile</b>: "
            f"{text}</span>"
        )
        self.reconcile_label.setToolTip("\n".join(problems))

    def text_of(self, key: str) -> str:
        return self.values[key].text()

    # -- internals -----------------------------------------------------------------------
    def _show_index(self, key: str, value: Decimal | None) -> None:
        label = self.values[key]
        if value is None:
            self._set(label, "—")
            self._ink(label, None)
            return
        self._set(label, f"{value:.2f}")
        self._ink(label, BAD_INK if value < Decimal("0.95") else WARN_INK if value < 1 else None)

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)

    @staticmethod
    def _ink(label: QLabel, colour: QColor | None) -> None:
        label.setStyleSheet(f"color: {colour.name()}" if colour is not None else "")
