"""Column types that keep values exact."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer
from sqlalchemy.types import TypeDecorator

from ownersrep.domain.money import from_minor, to_minor


class Money(TypeDecorator[Decimal]):
    """Decimal in Python, integer minor units (cents) in SQLite: exact, sortable, summable."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: object) -> int | None:
        if value is not None and not isinstance(value, Decimal):
            raise TypeError(f"Money columns take Decimal, got {type(value).__name__}")
        return to_minor(value)

    def process_result_value(self, value: int | None, dialect: object) -> Decimal | None:
        return from_minor(value)
