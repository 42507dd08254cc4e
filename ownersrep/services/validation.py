"""Small checks shared by the services; each raises ValidationError naming the field."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from ownersrep.domain.errors import ValidationError

E = TypeVar("E", bound=StrEnum)


def required_text(value: str | None, field: str, max_len: int = 300) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, "is required")
    if len(text) > max_len:
        raise ValidationError(field, f"is longer than {max_len} characters")
    return text


def optional_text(value: str | None, field: str, max_len: int = 20000) -> str:
    text = (value or "").strip()
    if len(text) > max_len:
        raise ValidationError(field, f"is longer than {max_len} characters")
    return text


def enum_value(enum: type[E], value: object, field: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise ValidationError(field, f"“{value}” is not one of: {allowed}") from None


def int_in_range(value: object, field: str, low: int, high: int) -> int:
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(field, f"“{value}” is not a whole number") from None
    if isinstance(value, bool) or not low <= number <= high:
        raise ValidationError(field, f"must be between {low} and {high}, not {number}")
    return number


def optional_int(value: object, field: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValidationError(field, f"“{value}” is not a whole number") from None


def date_order(first: date | None, second: date | None, first_name: str, second_name: str) -> None:
    if first is not None and second is not None and second < first:
        raise ValidationError(
            second_name, f"({second:%d %b %Y}) is before {first_name} ({first:%d %b %Y})"
        )
