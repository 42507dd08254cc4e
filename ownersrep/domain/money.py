"""Money is Decimal end to end. Parsing accepts what a user types; floats are refused."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ownersrep.domain.errors import ValidationError

CENT = Decimal("0.01")


def parse_money(value: object, field: str = "Amount") -> Decimal | None:
    """Turn user input into a Decimal rounded to cents; None or "" means no value.

    Accepts "12,500.00", "-300", "(300)" (accounting negative) and Decimal/int.
    A float is refused because it has already lost the exact amount.
    """
    if value is None:
        return None
    if isinstance(value, float):
        raise ValidationError(field, "must be given as text or Decimal, not a float")
    if isinstance(value, Decimal | int):
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    text = str(value).strip()
    if not text:
        return None
    negative = text.startswith("(") and text.endswith(")")
    cleaned = text.strip("()").replace(",", "").replace(" ", "")
    for symbol in ("$", "€", "£", "¥"):
        cleaned = cleaned.replace(symbol, "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(field, f"“{text}” is not a number") from None
    if not amount.is_finite():
        raise ValidationError(field, f"“{text}” is not a number")
    if negative:
        amount = -amount
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_minor(amount: Decimal | None) -> int | None:
    """Decimal → integer cents for storage (exact)."""
    if amount is None:
        return None
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_minor(cents: int | None) -> Decimal | None:
    if cents is None:
        return None
    return (Decimal(cents) / 100).quantize(CENT)


def format_money(amount: Decimal | None, currency: str = "") -> str:
    if amount is None:
        return ""
    text = f"{amount:,.2f}"
    return f"{currency} {text}".strip() if currency else text
