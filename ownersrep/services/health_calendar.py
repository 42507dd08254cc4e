"""Whether a project's default calendar works a day, and how many working days a span
holds: as `WorkCalendar` answers, but without building one for a calendar that is only
a working week (most projects), and building it lazily for the others."""

from __future__ import annotations

from datetime import date

from ownersrep.domain.evm import IsWorking
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.model import CalendarSpec
from ownersrep.services.schedule_calendar import STANDARD

_DAY = 24 * 60


class _LazyCalendar:
    """is_working of a calendar, built on the first question (most dashboard projects
    never ask: no task of theirs is under way at the status date)."""

    def __init__(self, spec: CalendarSpec, origin: date) -> None:
        self._spec, self._origin = spec, origin
        self._calendar: WorkCalendar | None = None

    def __call__(self, day: date) -> bool:
        if self._calendar is None:
            self._calendar = WorkCalendar(self._spec, self._origin)
        return self._calendar.is_working_day(day)


class _WeekOnly:
    """is_working of a calendar that is only a working week (no holidays, exceptions
    or recurring days): a look-up by weekday, as WorkCalendar would answer."""

    def __init__(self, spec: CalendarSpec) -> None:
        self._working = tuple(
            any(min(_DAY, p.end) > max(0, p.start) for p in periods) for periods in spec.week
        )

    def __call__(self, day: date) -> bool:
        return self._working[day.weekday()]

    def between(self, start: date, finish: date) -> int:
        """Working days from `start` to `finish`, both included (0 if reversed)."""
        if finish < start:
            return 0
        weeks, rest = divmod((finish - start).days + 1, 7)
        first = start.weekday()
        extra = sum(self._working[(first + i) % 7] for i in range(rest))
        return weeks * sum(self._working) + extra


def working_days_of(spec: CalendarSpec, origin: date) -> IsWorking:
    if spec.country or spec.exceptions or spec.recurring or len(spec.week) != 7:
        return _LazyCalendar(spec, origin)
    return _WeekOnly(spec)


# The standard calendar's days, for projects without a calendar of their own.
STANDARD_DAYS = _WeekOnly(STANDARD)
