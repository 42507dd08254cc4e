"""Earned-value figures from BAC, PV, EV and AC.

Money stays Decimal, rounded half-up to the cent. Indices (CPI, SPI, TCPI) are Decimals
rounded half-up to 2 places (INDEX_PLACES), the precision owner reports print, so the
figure a user sees is the figure the RAG thresholds judge. EAC, ETC and VAC are worked
from the exact ratios, not from the rounded indices, and rounded once to the cent.

Anything whose divisor is zero is None: no cost yet (CPI), nothing planned yet (SPI),
no progress yet (EAC by CPI), no budget left (TCPI).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ownersrep.domain.evm.spread import cents

INDEX_PLACES = Decimal("0.01")
PERCENT_PLACES = Decimal("0.1")


def index(numerator: Decimal, divisor: Decimal) -> Decimal | None:
    """numerator ÷ divisor to INDEX_PLACES, or None when the divisor is zero."""
    if divisor == 0:
        return None
    return (numerator / divisor).quantize(INDEX_PLACES, rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part as a percentage of whole to one decimal place, or None when whole is zero."""
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


class EacMethod(StrEnum):
    """The formula for the estimate at completion. The value is stored as a setting."""

    CPI = "cpi"
    BUDGET_RATE = "budget_rate"
    CPI_SPI = "cpi_spi"
    BOTTOM_UP = "bottom_up"

    @property
    def formula(self) -> str:
        return _FORMULA[self]

    @property
    def label(self) -> str:
        return _LABEL[self]


_FORMULA = {
    EacMethod.CPI: "BAC ÷ CPI",
    EacMethod.BUDGET_RATE: "AC + (BAC − EV)",
    EacMethod.CPI_SPI: "AC + (BAC − EV) ÷ (CPI × SPI)",
    EacMethod.BOTTOM_UP: "AC + bottom-up ETC",
}
_LABEL = {
    EacMethod.CPI: "Remaining work at today's cost efficiency",
    EacMethod.BUDGET_RATE: "Remaining work at the budgeted rate",
    EacMethod.CPI_SPI: "Remaining work at today's cost and schedule efficiency",
    EacMethod.BOTTOM_UP: "Actual cost plus the estimate to complete, line by line",
}


@dataclass(frozen=True, slots=True)
class EvmFigures:
    """BAC, PV, EV and AC as of a status date, and everything derived from them.

    `method` picks the EAC formula that `eac`, `etc`, `vac` and `tcpi_eac` use;
    `eac_by(m)` and `eacs()` give the others. `bottom_up_etc` is the estimate to complete
    the rep entered (or the forecast summed over the budget lines), for EacMethod.BOTTOM_UP.
    """

    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal
    method: EacMethod = EacMethod.CPI
    bottom_up_etc: Decimal | None = None

    def __post_init__(self) -> None:
        # Amounts to the cent (ints welcome, floats refused); a stored method name works.
        for name in ("bac", "pv", "ev", "ac"):
            object.__setattr__(self, name, cents(getattr(self, name)))
        if self.bottom_up_etc is not None:
            object.__setattr__(self, "bottom_up_etc", cents(self.bottom_up_etc))
        object.__setattr__(self, "method", EacMethod(self.method))

    # -- variances and indices ------------------------------------------------------

    @property
    def cv(self) -> Decimal:
        """Cost variance EV − AC; negative is over cost."""
        return cents(self.ev - self.ac)

    @property
    def sv(self) -> Decimal:
        """Schedule variance EV − PV; negative is behind plan."""
        return cents(self.ev - self.pv)

    @property
    def cpi(self) -> Decimal | None:
        """EV ÷ AC; None before any cost is recorded."""
        return index(self.ev, self.ac)

    @property
    def spi(self) -> Decimal | None:
        """EV ÷ PV; None before any work was planned."""
        return index(self.ev, self.pv)

    # -- forecasts --------------------------------------------------------------------

    def eac_by(self, method: EacMethod) -> Decimal | None:
        """The estimate at completion by one formula, or None when it cannot be worked."""
        bac, ev, ac, pv = self.bac, self.ev, self.ac, self.pv
        method = EacMethod(method)
        if method is EacMethod.CPI:
            # BAC ÷ (EV ÷ AC) = BAC × AC ÷ EV; undefined without cost or without progress.
            return cents(bac * ac / ev) if ev and ac else None
        if method is EacMethod.BUDGET_RATE:
            return cents(ac + bac - ev)
        if method is EacMethod.CPI_SPI:
            # CPI × SPI = EV² ÷ (AC × PV); undefined when any of EV, AC, PV is zero.
            if not (ev and ac and pv):
                return None
            return cents(ac + (bac - ev) * ac * pv / (ev * ev))
        if self.bottom_up_etc is None:
            return None
        return cents(ac + self.bottom_up_etc)

    def eacs(self) -> dict[EacMethod, Decimal | None]:
        """EAC by every formula, in EacMethod order (for showing the choice)."""
        return {method: self.eac_by(method) for method in EacMethod}

    def with_method(self, method: EacMethod) -> EvmFigures:
        return replace(self, method=method)

    @property
    def eac(self) -> Decimal | None:
        """Estimate at completion by the chosen method."""
        return self.eac_by(self.method)

    @property
    def etc(self) -> Decimal | None:
        """Estimate to complete: EAC − AC (the entered figure for the bottom-up method)."""
        if self.method is EacMethod.BOTTOM_UP:
            return self.bottom_up_etc
        eac = self.eac
        return None if eac is None else cents(eac - self.ac)

    @property
    def vac(self) -> Decimal | None:
        """Variance at completion BAC − EAC; negative is a forecast overrun."""
        eac = self.eac
        return None if eac is None else cents(self.bac - eac)

    @property
    def vac_percent(self) -> Decimal | None:
        """VAC as a percentage of BAC, one decimal place; None without a budget."""
        vac = self.vac
        return None if vac is None else percent(vac, self.bac)

    @property
    def tcpi(self) -> Decimal | None:
        """To-complete performance index against BAC: (BAC − EV) ÷ (BAC − AC).

        None when BAC − AC ≤ 0: the budget is spent, no efficiency finishes within it."""
        funds = self.bac - self.ac
        return index(self.bac - self.ev, funds) if funds > 0 else None

    @property
    def tcpi_eac(self) -> Decimal | None:
        """To-complete performance index against EAC: (BAC − EV) ÷ (EAC − AC); None when
        there is no EAC or EAC − AC ≤ 0."""
        eac = self.eac
        if eac is None or eac - self.ac <= 0:
            return None
        return index(self.bac - self.ev, eac - self.ac)
