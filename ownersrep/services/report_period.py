"""A reporting period: a calendar month written "YYYY-MM", its first and last day and
its label ("October 2026"), and the month a status date reports on by default."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ownersrep.domain.errors import ValidationError

PERIOD_FIELD = "Period"
_PERIOD = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
# A status date in the first week of a month still reports on the month before.
REPORT_GRACE_DAYS = 7


@dataclass(frozen=True)
class Period:
    text: str  # "2026-10"
    start: date  # 1 Oct 2026
    end: date  # 31 Oct 2026
    label: str  # "October 2026"

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def parse_period(value: object) -> Period:
    """The month written "2026-10" (ValidationError naming the period otherwise)."""
    text = str(value if value is not None else "").strip()
    match = _PERIOD.fullmatch(text)
    if match is None:
        raise ValidationError(PERIOD_FIELD, f"must be a month like 2026-10, not '{text}'")
    year, month = int(match.group(1)), int(match.group(2))
    if year < 1900:
        raise ValidationError(PERIOD_FIELD, f"must be a month like 2026-10, not '{text}'")
    last = calendar.monthrange(year, month)[1]
    return Period(
        text, date(year, month, 1), date(year, month, last), f"{calendar.month_name[month]} {year}"
    )


def month_of(day: date) -> str:
    return f"{day:%Y-%m}"


def default_period_for(status_date: date) -> str:
    """The month a report made at `status_date` covers: the month before when the
    status date falls in a month's first week, else the status date's own month."""
    if status_date.day <= REPORT_GRACE_DAYS:
        return month_of(status_date.replace(day=1) - timedelta(days=1))
    return month_of(status_date)
