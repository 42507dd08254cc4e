"""Working time of a calendar as integer minutes.

A `WorkCalendar` numbers the working minutes of a `CalendarSpec` from an origin date:
ordinal 0 is midnight at the start of the origin day, and every working minute after it
counts one (minutes before the origin count negative). Durations and working lags are
then plain integer additions, which keeps the scheduling engine's hot loop on integers.

An ordinal is a position *between* working minutes, so one ordinal has two wall-clock
faces when it falls on a break: Friday 17:00 (the end of the week's work, how a finish
is shown) and Monday 08:00 (the start of the next work, how a start is shown).
`start_abs`/`finish_abs` give the two faces; `ordinal_abs` maps any instant back.

"Abs" minutes are wall-clock minutes since the origin's midnight (24 × 7), used for
elapsed lags and to move an instant from one calendar to another.

The days are precomputed into a cumulative working-minute index (one list entry per
day) that grows in either direction on demand; public holidays come from the
`holidays` package, fetched lazily per year.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from threading import Lock, get_ident

from ownersrep.domain.scheduling.model import (
    STANDARD_DAY,
    CalendarSpec,
    RecurringException,
    ScheduleError,
)

DAY = 1440
_CHUNK = 366  # days added per extension
_MAX_DAYS = 200 * 366  # refuse to search further than this for working time

Periods = tuple[tuple[int, int], ...]
_MINUTES = tuple(timedelta(minutes=m) for m in range(DAY))


@lru_cache(maxsize=256)
def _public_holidays(country: str, region: str | None, year: int) -> frozenset[date]:
    import holidays  # deferred: only calendars with a country pay for the import

    try:
        days = holidays.country_holidays(country, subdiv=region, years=year)
    except NotImplementedError as exc:  # unknown country or region
        raise ScheduleError(f"Public holidays: {exc}") from exc
    return frozenset(days)


def _normalise(periods: object) -> Periods:
    """WorkPeriods (or pairs) → sorted, merged ((start, end), ...) within one day."""
    pairs = sorted(
        (int(getattr(p, "start", 0)), int(getattr(p, "end", 0)))
        for p in periods  # type: ignore[attr-defined]
    )
    merged: list[list[int]] = []
    for start, end in pairs:
        start, end = max(0, start), min(DAY, end)
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


_SHARED: dict[tuple[CalendarSpec, date, int], WorkCalendar] = {}
_SHARED_MAX = 8
_SHARED_LOCK = Lock()
_MEMO_MAX = 40_000


def shared_calendar(spec: CalendarSpec, origin: date) -> WorkCalendar:
    """One `WorkCalendar` per (spec, origin), kept between runs: an edit reschedules
    the same project again and again, and its calendars' day index (and the instants
    already turned into ordinals) then carry over. A calendar's answers depend on its
    spec and origin alone, so sharing it changes none of them. (Per thread: a calendar
    grows its index as it is asked, which is not safe from two threads at once.)"""
    key = (spec, origin, get_ident())
    found = _SHARED.get(key)
    if found is None:
        found = WorkCalendar(spec, origin)
        with _SHARED_LOCK:
            while len(_SHARED) >= _SHARED_MAX:
                del _SHARED[next(iter(_SHARED))]  # the oldest
            _SHARED[key] = found
    return found


class WorkCalendar:
    """Working-minute arithmetic over one `CalendarSpec`, from an origin date."""

    def __init__(self, spec: CalendarSpec, origin: date) -> None:
        self.spec = spec
        self.key = spec.key
        self.origin = origin
        self.minutes_per_day = spec.minutes_per_day or 480
        self._origin_dt = datetime.combine(origin, time())
        self._week: tuple[Periods, ...] = tuple(_normalise(day) for day in spec.week)
        if len(self._week) != 7:
            raise ScheduleError(f"Calendar {spec.name}: the work week must have 7 days")
        exceptions = {d.toordinal(): _normalise(periods) for d, periods in spec.exceptions}
        self._typical = next((w for w in self._week if w), _normalise(STANDARD_DAY))
        self._recurring: dict[tuple[int, int], list[RecurringException]] = {}
        for rec in spec.recurring:
            self._recurring.setdefault((rec.month, rec.day), []).append(rec)
        # Day ordinal (date.toordinal) → periods, for every day that is not its weekday's.
        self._fixed = frozenset(exceptions)
        self._special: dict[int, Periods] = dict(exceptions)
        self._years: set[int] = set()
        if (
            not any(self._week)
            and not any(exceptions.values())
            and not any(r.working for r in spec.recurring)
        ):
            raise ScheduleError(f"Calendar {spec.name}: it has no working time at all")
        # Day k of the index is origin + first + k; cum[k] is the ordinal at its midnight.
        self._first = 0
        self._midnights: dict[int, datetime] = {}
        self._ordinal_memo: dict[datetime, int] = {}
        self._start_faces: dict[int, datetime] = {}
        self._finish_faces: dict[int, datetime] = {}
        self._periods: list[Periods] = []
        self._cum: list[int] = [0]
        self._extend_forward(_CHUNK)

    # -- the day index -----------------------------------------------------------------

    def _load_year(self, year: int) -> None:
        """Put the year's holidays and recurring days into `_special` (by day ordinal)."""
        self._years.add(year)
        special, fixed = self._special, self._fixed
        spec = self.spec
        if spec.country:
            for day in _public_holidays(spec.country, spec.region, year):
                o = day.toordinal()
                if o not in fixed:
                    special[o] = ()
        for (month, mday), recs in self._recurring.items():
            try:
                day = date(year, month, mday)
            except ValueError:  # 29 February of a common year
                continue
            for rec in recs:
                if (rec.first_year is None or year >= rec.first_year) and (
                    rec.last_year is None or year <= rec.last_year
                ):
                    o = day.toordinal()
                    if o not in fixed:
                        week = self._week[day.weekday()] or self._typical
                        special[o] = week if rec.working else ()

    def _days(self, first: date, count: int) -> list[Periods]:
        """The working periods of `count` days from `first`."""
        last = first + timedelta(days=count - 1)
        for year in range(first.year, last.year + 1):
            if year not in self._years:
                self._load_year(year)
        get, week = self._special.get, self._week
        o, w = first.toordinal(), first.weekday()
        out = []
        append = out.append
        for k in range(count):
            p = get(o + k)
            append(week[(w + k) % 7] if p is None else p)
        return out

    def periods_on(self, day: date) -> Periods:
        """The working periods of one date, after exceptions, recurring days and holidays."""
        return self._days(day, 1)[0]

    def _extend_forward(self, days: int) -> None:
        if len(self._periods) + days > _MAX_DAYS:
            raise ScheduleError(f"Calendar {self.spec.name}: no working time within 200 years")
        start = self.origin + timedelta(days=self._first + len(self._periods))
        new = self._days(start, days)
        cum = self._cum
        total = cum[-1]
        append = cum.append
        for p in new:
            for s, e in p:
                total += e - s
            append(total)
        self._periods.extend(new)

    def _extend_backward(self, days: int) -> None:
        if len(self._periods) + days > _MAX_DAYS:
            raise ScheduleError(f"Calendar {self.spec.name}: no working time within 200 years")
        new_first = self._first - days
        new_periods = self._days(self.origin + timedelta(days=new_first), days)
        work = [sum(e - s for s, e in p) for p in new_periods]
        total = self._cum[0] - sum(work)
        new_cum = []
        for w in work:
            new_cum.append(total)
            total += w
        self._cum[0:0] = new_cum
        self._periods[0:0] = new_periods
        self._first = new_first

    def _index_of_day(self, day: int) -> int:
        """List index of day offset `day`, extending the index to cover it."""
        k = day - self._first
        if k < 0:
            self._extend_backward(max(_CHUNK, -k + 1))
            k = day - self._first
        elif k >= len(self._periods):
            self._extend_forward(max(_CHUNK, k - len(self._periods) + 1))
        return k

    def _cover(self, ordinal: int) -> None:
        """Extend the index until `ordinal` lies strictly inside it."""
        while ordinal <= self._cum[0]:
            self._extend_backward(_CHUNK)
        while ordinal >= self._cum[-1]:
            self._extend_forward(_CHUNK)

    # -- instants (abs minutes) ↔ ordinals -----------------------------------------------

    def ordinal_abs(self, abs_minute: int) -> int:
        """Working minutes before the instant `abs_minute` (counted from the origin)."""
        day, minute = divmod(abs_minute, DAY)
        k = self._index_of_day(day)
        ordinal = self._cum[k]
        for s, e in self._periods[k]:
            if minute <= s:
                break
            ordinal += (e if minute >= e else minute) - s
        return ordinal

    def start_abs(self, ordinal: int) -> int:
        """The instant working minute `ordinal` begins (a start's face: Monday 08:00)."""
        self._cover(ordinal)
        cum = self._cum
        k = bisect_right(cum, ordinal) - 1
        offset = ordinal - cum[k]
        for s, e in self._periods[k]:
            if offset < e - s:
                return (self._first + k) * DAY + s + offset
            offset -= e - s
        raise AssertionError("unreachable: the index covers the ordinal")  # pragma: no cover

    def finish_abs(self, ordinal: int) -> int:
        """The instant working minute `ordinal - 1` ends (a finish's face: Friday 17:00)."""
        self._cover(ordinal)
        cum = self._cum
        k = bisect_left(cum, ordinal) - 1
        offset = ordinal - cum[k]
        for s, e in self._periods[k]:
            if offset <= e - s:
                return (self._first + k) * DAY + s + offset
            offset -= e - s
        raise AssertionError("unreachable: the index covers the ordinal")  # pragma: no cover

    # -- datetimes -------------------------------------------------------------------

    def abs_of(self, moment: datetime) -> int:
        """Wall-clock minutes from the origin's midnight (seconds are dropped)."""
        delta = moment - self._origin_dt
        return delta.days * DAY + delta.seconds // 60

    def datetime_of(self, abs_minute: int) -> datetime:
        day, minute = divmod(abs_minute, DAY)
        midnight = self._midnights.get(day)
        if midnight is None:
            midnight = self._midnights[day] = self._origin_dt + timedelta(days=day)
        return midnight + _MINUTES[minute]

    def faces(self, ordinals: set[int], *, finish: bool) -> dict[int, datetime]:
        """`datetimes`, remembered between calls: the answer holds these ordinals and
        maybe more, and is the calendar's own (read it, do not change it). A schedule's
        thousands of dates are mostly those of the run before."""
        memo = self._finish_faces if finish else self._start_faces
        missing = ordinals.difference(memo)
        if missing:
            if len(memo) > _MEMO_MAX:
                memo.clear()
                missing = ordinals
            memo.update(self.datetimes(missing, finish=finish))
        return memo

    def datetimes(self, ordinals: set[int], *, finish: bool) -> dict[int, datetime]:
        """Many ordinals at once → their start (or finish) faces as datetimes."""
        if not ordinals:
            return {}
        self._cover(min(ordinals))
        self._cover(max(ordinals))
        cum, periods, first = self._cum, self._periods, self._first
        midnights, minutes, origin = self._midnights, _MINUTES, self._origin_dt
        find = bisect_left if finish else bisect_right
        out = {}
        for o in ordinals:
            k = find(cum, o) - 1
            offset = o - cum[k]
            day_periods = periods[k]
            if not offset:  # a start at the day's first working minute
                minute = day_periods[0][0]
            elif finish and o == cum[k + 1]:  # a finish at the day's last
                minute = day_periods[-1][1]
            else:
                for s, e in day_periods:
                    if offset < e - s or (finish and offset == e - s):
                        break
                    offset -= e - s
                minute = s + offset
            day = first + k
            if minute == DAY:  # the end of a day that works until midnight
                day, minute = day + 1, 0
            midnight = midnights.get(day)
            if midnight is None:
                midnight = midnights[day] = origin + timedelta(days=day)
            out[o] = midnight + minutes[minute]
        return out

    def ordinals(self, moments: list[datetime]) -> list[int]:
        """`ordinal` of each of many datetimes, remembered between calls (a schedule's
        thousands of dates are mostly those of the run before)."""
        memo = self._ordinal_memo
        if len(memo) > _MEMO_MAX:
            memo.clear()
        out = []
        append = out.append
        get = memo.get
        for m in moments:
            o = get(m)
            if o is None:
                o = memo[m] = self.ordinal_abs(self.abs_of(m))
            append(o)
        return out

    def ordinal(self, moment: datetime) -> int:
        """Working minutes between the origin and `moment` (a datetime or a date)."""
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, time())
        return self.ordinal_abs(self.abs_of(moment))

    def start_datetime(self, ordinal: int) -> datetime:
        return self.datetime_of(self.start_abs(ordinal))

    def finish_datetime(self, ordinal: int) -> datetime:
        return self.datetime_of(self.finish_abs(ordinal))

    def add_working(self, moment: datetime, minutes: int, *, as_finish: bool = True) -> datetime:
        """`moment` plus (or minus) working minutes; shown as a finish unless told."""
        ordinal = self.ordinal(moment) + minutes
        return self.finish_datetime(ordinal) if as_finish else self.start_datetime(ordinal)

    def working_minutes_between(self, start: datetime, finish: datetime) -> int:
        """Working minutes from `start` to `finish` (negative when finish is earlier)."""
        return self.ordinal(finish) - self.ordinal(start)

    def elapsed_minutes(self, start: datetime, finish: datetime) -> int:
        return self.abs_of(finish) - self.abs_of(start)

    def is_working_day(self, day: date) -> bool:
        return bool(self.periods_on(day))

    def working_minutes_on(self, day: date) -> int:
        return sum(e - s for s, e in self.periods_on(day))
