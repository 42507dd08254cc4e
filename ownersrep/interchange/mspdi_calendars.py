"""Calendars of an MSPDI file as engine `CalendarSpec`s.

A base calendar gives its week in `<WeekDays>` (DayType 1 = Sunday .. 7 = Saturday). A
derived calendar (a resource's, usually) takes its base's week and exceptions and
overrides what it lists itself. Exceptions come from `<Exceptions>` (Project 2007+) or,
in older files, from `<WeekDay>` entries with DayType 0 and a TimePeriod. Project 2010+
work weeks (`<WorkWeeks>`) are turned into date exceptions over their period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from xml.etree.ElementTree import Element

from ownersrep.domain.scheduling.model import (
    STANDARD_DAY,
    CalendarSpec,
    RecurringException,
    WorkPeriod,
)
from ownersrep.interchange import mspdi_recurrence as rec
from ownersrep.interchange.mspdi_values import (
    parse_bool,
    parse_datetime,
    parse_int,
    parse_time_of_day,
)
from ownersrep.interchange.mspdi_xml import XmlDocument
from ownersrep.interchange.schedule_file import ScheduleFileError

Periods = tuple[WorkPeriod, ...]
DEFAULT_WEEK: tuple[Periods, ...] = CalendarSpec(key="", name="").week
MAX_EXCEPTION_DATES = 3660  # per exception or work week: ten years of days


@dataclass
class _Raw:
    uid: str
    name: str
    is_base: bool
    base_uid: str | None
    line: int | None
    week: list[Periods | None]  # Monday..Sunday; None: not given (inherit / default)
    exceptions: dict[date, Periods]
    work_weeks: list[tuple[date, date, dict[int, Periods]]]
    recurring: list[RecurringException] = field(default_factory=list)


@dataclass
class CalendarSet:
    specs: dict[str, CalendarSpec]  # every calendar of the file, by UID
    base_keys: list[str]  # base calendars, in file order
    warnings: list[str]


class CalendarReader:
    def __init__(self, doc: XmlDocument, path: str, minutes_per_day: int, start: date) -> None:
        self._doc = doc
        self._path = path
        self._minutes_per_day = minutes_per_day
        self._horizon = date(max(start.year, 2000) + 30, 12, 31)
        self._warnings: list[str] = []

    def read(self) -> CalendarSet:
        raws: dict[str, _Raw] = {}
        for element in self._doc.root.iterfind(f"{self._tag('Calendars')}/{self._tag('Calendar')}"):
            raw = self._read_calendar(element)
            if raw.uid in raws:
                raise self._error(element, f"calendar UID {raw.uid} appears twice")
            raws[raw.uid] = raw
        specs: dict[str, CalendarSpec] = {}
        resolved: dict[str, tuple[tuple[Periods, ...], dict[date, Periods], list]] = {}
        for uid in raws:
            week, exceptions, recurring = self._resolve(uid, raws, resolved, ())
            raw = raws[uid]
            specs[uid] = CalendarSpec(
                key=uid,
                name=raw.name,
                week=week,
                exceptions=tuple(sorted(exceptions.items())),
                recurring=tuple(recurring),
                minutes_per_day=self._minutes_per_day,
            )
        base_keys = [uid for uid, raw in raws.items() if raw.is_base]
        return CalendarSet(specs, base_keys, self._warnings)

    # -- one calendar --------------------------------------------------------------

    def _read_calendar(self, element: Element) -> _Raw:
        uid = self._text(element, "UID")
        if not uid:
            raise self._error(element, "a calendar has no <UID>")
        name = self._text(element, "Name") or f"Calendar {uid}"
        base_uid = self._text(element, "BaseCalendarUID")
        is_base_text = self._text(element, "IsBaseCalendar")
        is_base = parse_bool(is_base_text) if is_base_text else base_uid in (None, "", "-1")
        raw = _Raw(
            uid,
            name,
            is_base,
            None if is_base else base_uid,
            self._doc.line(element),
            [None] * 7,
            {},
            [],
        )
        exceptions = element.find(self._tag("Exceptions"))
        old_style: list[Element] = []
        for day in element.iterfind(f"{self._tag('WeekDays')}/{self._tag('WeekDay')}"):
            day_type = self._int(day, "DayType", raw)
            if day_type == 0:
                old_style.append(day)
            elif day_type is not None and 1 <= day_type <= 7:
                raw.week[(day_type + 5) % 7] = self._day_periods(day, raw)
        if exceptions is not None:
            for item in exceptions.iterfind(self._tag("Exception")):
                self._read_exception(item, raw)
        else:
            for day in old_style:  # Project 2003: exceptions are DayType 0 week days
                first, last = self._period(day, raw)
                if first is not None:
                    periods = self._day_periods(day, raw)
                    self._add_dates(raw, _date_range(first, last or first), periods, day)
        for week in element.iterfind(f"{self._tag('WorkWeeks')}/{self._tag('WorkWeek')}"):
            self._read_work_week(week, raw)
        return raw

    def _read_exception(self, item: Element, raw: _Raw) -> None:
        first, last = self._period(item, raw)
        if first is None:
            self._warn(raw, f"an exception without a date (line {self._doc.line(item)}) is ignored")
            return
        periods = self._day_periods(item, raw)
        kind = self._int(item, "Type", raw)
        occurrences = self._int(item, "Occurrences", raw)
        if (
            kind is None
            or kind == 0
            or (kind in rec.DAILY_TYPES and self._period_n(item, raw) == 1)
        ):
            self._add_dates(raw, _date_range(first, last or first), periods, item)
            return
        if kind not in rec.KNOWN_TYPES:
            self._warn(
                raw,
                f"exception type {kind} on {first} is not known; its dates "
                f"{first}..{last or first} are used as one range",
            )
            self._add_dates(raw, _date_range(first, last or first), periods, item)
            return
        month_item = self._int(item, "MonthItem", raw)
        month = self._int(item, "Month", raw)
        position = self._int(item, "MonthPosition", raw)
        rule = rec.Recurrence(
            type=kind,
            first=first,
            last=last,
            occurrences=occurrences,
            period=self._period_n(item, raw),
            month=month + 1 if month is not None else first.month,
            month_day=self._int(item, "MonthDay", raw) or first.day,
            weekday=rec.month_item_weekday(month_item) if month_item is not None else None,
            position=position + 1 if position is not None else None,
            weekday_bits=self._int(item, "DaysOfWeek", raw) or 0,
        )
        if kind in (rec.YEARLY_BY_POSITION, rec.MONTHLY_BY_POSITION) and rule.weekday is None:
            self._warn(
                raw,
                f"a {rule.describe()} exception from {first} on a 'day', "
                "'weekday' or 'weekend day' of the month is not expanded",
            )
            return
        if kind == rec.YEARLY_ON_DAY and not occurrences and (last is None or last.year >= 2049):
            raw.recurring.append(
                RecurringException(
                    month=rule.month or first.month,
                    day=rule.month_day or first.day,
                    working=bool(periods),
                    first_year=first.year,
                    last_year=None if last is None or last.year >= 2049 else last.year,
                )
            )
            if periods:
                self._warn(
                    raw,
                    f"a yearly working exception on {first:%d %b} keeps the "
                    "calendar's normal hours, not its own",
                )
            return
        dates, cut = rec.occurrence_dates(rule, self._horizon, MAX_EXCEPTION_DATES)
        if cut:
            self._warn(
                raw,
                f"a {rule.describe()} exception from {first} is cut after "
                f"{MAX_EXCEPTION_DATES} dates",
            )
        self._add_dates(raw, dates, periods, item)

    def _read_work_week(self, week: Element, raw: _Raw) -> None:
        first, last = self._period(week, raw)
        if first is None:
            self._warn(raw, f"a work week without dates (line {self._doc.line(week)}) is ignored")
            return
        days: dict[int, Periods] = {}
        for day in week.iterfind(f"{self._tag('WeekDays')}/{self._tag('WeekDay')}"):
            day_type = self._int(day, "DayType", raw)
            if day_type is not None and 1 <= day_type <= 7:
                days[(day_type + 5) % 7] = self._day_periods(day, raw)
        end = min(last or self._horizon, self._horizon)
        if (end - first).days > MAX_EXCEPTION_DATES:
            end = first + timedelta(days=MAX_EXCEPTION_DATES)
            self._warn(
                raw, f"work week '{self._text(week, 'Name') or first}' is applied up to {end} only"
            )
        raw.work_weeks.append((first, end, days))

    # -- inheritance ---------------------------------------------------------------

    def _resolve(self, uid: str, raws: dict[str, _Raw], done: dict, chain: tuple[str, ...]):
        if uid in done:
            return done[uid]
        raw = raws[uid]
        base = None
        if raw.base_uid is not None:
            if raw.base_uid in chain or raw.base_uid == uid:
                raise ScheduleFileError(
                    self._path, self._where(raw), f"calendar UID {uid} derives from itself"
                )
            if raw.base_uid in raws:
                base = self._resolve(raw.base_uid, raws, done, (*chain, uid))
            else:
                self._warn(
                    raw,
                    f"its base calendar UID {raw.base_uid} is not in the file; "
                    "the standard week is used instead",
                )
        if base is None:
            week = tuple(p if p is not None else DEFAULT_WEEK[i] for i, p in enumerate(raw.week))
            exceptions: dict[date, Periods] = {}
            recurring: list[RecurringException] = []
        else:
            week = tuple(p if p is not None else base[0][i] for i, p in enumerate(raw.week))
            exceptions, recurring = dict(base[1]), list(base[2])
        for first, last, days in raw.work_weeks:
            for day in _date_range(first, last):
                periods = days.get(day.weekday(), week[day.weekday()])
                if periods != week[day.weekday()]:
                    exceptions[day] = periods
        exceptions.update(raw.exceptions)
        recurring.extend(raw.recurring)
        done[uid] = (week, exceptions, recurring)
        return done[uid]

    # -- element helpers -------------------------------------------------------------

    def _day_periods(self, element: Element, raw: _Raw) -> Periods:
        working_text = self._text(element, "DayWorking")
        if working_text and not parse_bool(working_text):
            return ()
        periods: list[WorkPeriod] = []
        for time in element.iterfind(f"{self._tag('WorkingTimes')}/{self._tag('WorkingTime')}"):
            start_text, end_text = self._text(time, "FromTime"), self._text(time, "ToTime")
            if not start_text or not end_text:
                continue
            try:
                start = parse_time_of_day(start_text)
                end = parse_time_of_day(end_text, end=True)
            except ValueError as err:
                raise self._error(element, f"<WorkingTime>: {err}") from None
            if end <= start:
                self._warn(
                    raw,
                    f"working time {start_text}-{end_text} runs past midnight; "
                    "it is cut at midnight",
                )
                end = 1440
            periods.append(WorkPeriod(start, end))
        if not periods:
            return STANDARD_DAY if working_text else ()
        return tuple(sorted(periods, key=lambda p: p.start))

    def _period(self, element: Element, raw: _Raw) -> tuple[date | None, date | None]:
        period = element.find(self._tag("TimePeriod"))
        if period is None:
            return None, None
        first, last = (self._datetime(period, name, raw) for name in ("FromDate", "ToDate"))
        midnight = last is not None and last.time() == datetime.min.time()
        if midnight and first is not None and last.date() > first.date():
            last -= timedelta(days=1)  # an end at midnight ends the day before
        return (first.date() if first else None, last.date() if last else None)

    def _add_dates(self, raw: _Raw, dates, periods: Periods, element: Element) -> None:
        dates = list(dates)
        if len(dates) > MAX_EXCEPTION_DATES:
            self._warn(
                raw,
                f"an exception of {len(dates)} days (line "
                f"{self._doc.line(element)}) is cut after {MAX_EXCEPTION_DATES}",
            )
            dates = dates[:MAX_EXCEPTION_DATES]
        for day in dates:
            raw.exceptions[day] = periods

    def _period_n(self, element: Element, raw: _Raw) -> int:
        return self._int(element, "Period", raw) or 1

    def _tag(self, name: str) -> str:
        return self._doc.tag(name)

    def _text(self, element: Element, name: str) -> str | None:
        child = element.find(self._tag(name))
        return child.text.strip() if child is not None and child.text else None

    def _int(self, element: Element, name: str, raw: _Raw) -> int | None:
        text = self._text(element, name)
        try:
            return parse_int(text) if text else None
        except ValueError as err:
            raise self._error(element, f"<{name}>: {err}", raw) from None

    def _datetime(self, element: Element, name: str, raw: _Raw) -> datetime | None:
        text = self._text(element, name)
        try:
            return parse_datetime(text) if text else None
        except ValueError as err:
            raise self._error(element, f"<{name}>: {err}", raw) from None

    def _where(self, raw: _Raw) -> str:
        line = f"line {raw.line}, " if raw.line else ""
        return f"{line}Calendar UID {raw.uid} '{raw.name}'"

    def _error(self, element: Element, problem: str, raw: _Raw | None = None) -> ScheduleFileError:
        line = self._doc.line(element)
        where = f"line {line}, " if line else ""
        if raw is not None:
            where = self._where(raw) + (f", line {line}" if line and line != raw.line else "")
        return ScheduleFileError(self._path, where or "<Calendars>", problem)

    def _warn(self, raw: _Raw, message: str) -> None:
        self._warnings.append(f"Calendar UID {raw.uid} '{raw.name}': {message}")


def _date_range(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def working_minutes_between(spec: CalendarSpec, start: datetime, end: datetime) -> int:
    """Working minutes of `spec` in [start, end)."""
    return CalendarClock(spec).minutes(start, end)


class CalendarClock:
    """Counts working time of one calendar: used to restate an elapsed duration as
    working time, and to see whether a task's Start-Finish in the file holds its
    duration."""

    def __init__(self, spec: CalendarSpec) -> None:
        self.spec = spec
        self._exceptions = dict(spec.exceptions)

    def minutes(self, start: datetime, end: datetime) -> int:
        if end <= start:
            return 0
        total = 0
        for day in _date_range(start.date(), end.date()):
            periods = self._exceptions.get(day)
            if periods is None:
                periods = self._regular(day)
            lo = start.hour * 60 + start.minute if day == start.date() else 0
            hi = end.hour * 60 + end.minute if day == end.date() else 1440
            total += sum(max(0, min(p.end, hi) - max(p.start, lo)) for p in periods)
        return total

    def _regular(self, day: date) -> Periods:
        for rule in self.spec.recurring:
            if (rule.month, rule.day) == (day.month, day.day) and (
                (rule.first_year is None or day.year >= rule.first_year)
                and (rule.last_year is None or day.year <= rule.last_year)
            ):
                return self.spec.week[day.weekday()] if rule.working else ()
        return self.spec.week[day.weekday()]
