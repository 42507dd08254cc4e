"""How figures print: dates as "21 Nov 2026", money with thousands separators and two
places (the currency code sits in the column header), indices to two places."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ownersrep.domain.money import format_money

DASH = "–"


def day(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value is not None else DASH


def money(amount: Decimal | None) -> str:
    return format_money(amount) if amount is not None else DASH


def idx(value: Decimal | None) -> str:
    return f"{value:.2f}" if value is not None else DASH


def signed_days(value: int | None) -> str:
    """Working days against the baseline: "+5 d" late, "−3 d" early, "0 d" on time."""
    if value is None:
        return DASH
    if value > 0:
        return f"+{value} d"
    if value < 0:
        return f"−{-value} d"
    return "0 d"


def percent(value: Decimal | None) -> str:
    return f"{value:.0f} %" if value is not None else DASH
