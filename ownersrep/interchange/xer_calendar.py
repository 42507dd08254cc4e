"""P6 calendars: the CALENDAR table's `clndr_data` → `CalendarSpec`.

`clndr_data` is P6's nested-parentheses "structured text". A record is

    (<number>||<name>(<key>|<value>|<key>|<value>...)(<child records>))

with blanks (and sometimes DEL characters) between records, e.g.

    (0||CalendarData()(
      (0||DaysOfWeek()(
        (0||1()())                                      Sunday: not working
        (0||2()((0||0(s|08:00|f|12:00)()) (0||1(s|13:00|f|17:00)())))   Monday
        ...))
      (0||VIEW(ShowTotal|Y)())
      (0||Exceptions()(
        (0||0(d|40000)())                               a non-working date
        (0||1(d|40001)((0||0(s|08:00|f|17:00)())))))))  a date with its own hours

Days of the week are numbered 1 = Sunday … 7 = Saturday; exception dates are whole
days since 1899-12-30 (the spreadsheet epoch); a finish of 00:00 means midnight at the
end of the day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ownersrep.domain.scheduling.model import CalendarSpec, WorkPeriod
from ownersrep.interchange.xer_tables import XerRow

EPOCH = date(1899, 12, 30)
DAY_MINUTES = 24 * 60
# P6's own fallback when a calendar has no week: Monday to Friday, 08:00 to 16:00.
DEFAULT_DAY = (WorkPeriod(8 * 60, 16 * 60),)
DEFAULT_WEEK = (DEFAULT_DAY,) * 5 + ((), ())
# P6 stores "hours per day" per calendar from version 7; before that it was an admin
# preference whose default is 8.
DEFAULT_HOURS_PER_DAY = 8


class ClndrDataError(ValueError):
    """`clndr_data` that does not parse. `position` is the character where it went wrong."""

    def __init__(self, message: str, position: int | None = None) -> None:
        at = f" (at character {position + 1})" if position is not None else ""
        super().__init__(f"{message}{at}")
        self.position = position


@dataclass(frozen=True)
class ClndrNode:
    number: str
    name: str
    attributes: tuple[tuple[str, str], ...] = ()
    children: tuple[ClndrNode, ...] = ()

    def child(self, name: str) -> ClndrNode | None:
        """The first descendant (depth first) with this name, ignoring case."""
        for node in self.children:
            if node.name.lower() == name.lower():
                return node
            found = node.child(name)
            if found is not None:
                return found
        return None

    def attribute(self, key: str) -> str | None:
        for name, value in self.attributes:
            if name == key:
                return value
        return None


def parse_clndr_data(text: str) -> ClndrNode:
    """Parse structured text into its tree. Raises ClndrDataError naming the position."""
    parser = _Parser(text)
    node = parser.record()
    parser.skip_blanks()
    if parser.pos < len(text):
        raise ClndrDataError(f"unexpected {text[parser.pos]!r} after the data", parser.pos)
    return node


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip_blanks(self) -> None:
        text = self.text
        while self.pos < len(text) and (text[self.pos].isspace() or text[self.pos] == "\x7f"):
            self.pos += 1

    def expect(self, char: str, what: str) -> None:
        self.skip_blanks()
        if self.pos >= len(self.text):
            raise ClndrDataError(f"the data ends where {what} ({char!r}) was expected", self.pos)
        if self.text[self.pos] != char:
            found = self.text[self.pos]
            raise ClndrDataError(f"expected {what} ({char!r}), found {found!r}", self.pos)
        self.pos += 1

    def until(self, stops: str, what: str) -> str:
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] not in stops:
            self.pos += 1
        if self.pos >= len(self.text):
            raise ClndrDataError(f"the data ends inside {what}", start)
        return self.text[start : self.pos].strip()

    def record(self) -> ClndrNode:
        self.expect("(", "a record")
        start = self.pos
        number = self.until("|()", "a record number")
        if not number.isdigit():
            raise ClndrDataError(f"expected a record number, found {number!r}", start)
        self.expect("|", "'||'")
        self.expect("|", "'||'")
        name = self.until("()", "a record name")
        self.expect("(", "the record's values")
        raw = self.until(")(", "the record's values")
        self.expect(")", "the end of the record's values")
        parts = raw.split("|") if raw else []
        attributes = tuple(
            (parts[i].strip(), parts[i + 1].strip()) for i in range(0, len(parts) - 1, 2)
        )
        self.expect("(", "the record's children")
        children: list[ClndrNode] = []
        while True:
            self.skip_blanks()
            if self.pos < len(self.text) and self.text[self.pos] == "(":
                children.append(self.record())
            else:
                break
        self.expect(")", "the end of the record's children")
        self.expect(")", "the end of the record")
        return ClndrNode(number, name, attributes, tuple(children))


# -- meaning ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClndrData:
    """What a `clndr_data` says. `week` is Monday..Sunday; None when it gives no week."""

    week: tuple[tuple[WorkPeriod, ...], ...] | None
    exceptions: dict[date, tuple[WorkPeriod, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def read_clndr_data(text: str) -> ClndrData:
    """The work week and date exceptions of a calendar. Raises ClndrDataError."""
    if not text.strip():
        return ClndrData(week=None)
    root = parse_clndr_data(text)
    notes: list[str] = []
    days = root.child("DaysOfWeek")
    week: tuple[tuple[WorkPeriod, ...], ...] | None = None
    if days is not None:
        slots: list[tuple[WorkPeriod, ...]] = [(), (), (), (), (), (), ()]
        for day in days.children:
            if not day.name.isdigit() or not 1 <= int(day.name) <= 7:
                raise ClndrDataError(f"day of week {day.name!r} is not 1 to 7")
            slots[(int(day.name) + 5) % 7] = _periods(day, notes)
        week = tuple(slots)
    exceptions: dict[date, tuple[WorkPeriod, ...]] = {}
    found = root.child("Exceptions")
    for exception in found.children if found is not None else ():
        exceptions[_exception_date(exception)] = _periods(exception, notes)
    return ClndrData(week, exceptions, tuple(notes))


def _exception_date(node: ClndrNode) -> date:
    serial = node.attribute("d")
    try:
        days = int(float(serial or ""))
        return EPOCH + timedelta(days=days)
    except (ValueError, OverflowError):
        raise ClndrDataError(f"exception date 'd|{serial}' is not a day number") from None


def _periods(node: ClndrNode, notes: list[str]) -> tuple[WorkPeriod, ...]:
    spans: list[tuple[int, int]] = []
    for child in node.children:
        start_text, finish_text = child.attribute("s"), child.attribute("f")
        if start_text is None or finish_text is None:
            raise ClndrDataError(f"working hours without s|start and f|finish in {node.name!r}")
        start, finish = _minutes(start_text), _minutes(finish_text)
        if finish == 0:
            finish = DAY_MINUTES
        if finish < start:  # crosses midnight: keep both ends within this day
            notes.append(f"hours {start_text}–{finish_text} cross midnight; both ends kept")
            spans += [(0, finish), (start, DAY_MINUTES)]
        else:
            spans.append((start, finish))
    return _merged(spans)


def _minutes(text: str) -> int:
    parts = text.split(":")
    try:
        hours, minutes = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        raise ClndrDataError(f"time {text!r} is not HH:MM") from None
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or hours * 60 + minutes > DAY_MINUTES:
        raise ClndrDataError(f"time {text!r} is outside the day")
    return hours * 60 + minutes


def _merged(spans: list[tuple[int, int]]) -> tuple[WorkPeriod, ...]:
    merged: list[list[int]] = []
    for start, finish in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], finish)
        else:
            merged.append([start, finish])
    return tuple(WorkPeriod(start, finish) for start, finish in merged)


# -- CALENDAR rows → CalendarSpec --------------------------------------------------------


def calendar_spec(
    row: XerRow, data: ClndrData, base: ClndrData | None
) -> tuple[CalendarSpec, list[str]]:
    """One CALENDAR row as a CalendarSpec, inheriting its base calendar's week (when it has
    none of its own) and exceptions (its own win). Returns the spec and warnings."""
    key = row.get("clndr_id")
    name = row.get("clndr_name") or f"Calendar {key}"
    warnings = [f"Calendar '{name}': {note}." for note in data.notes]
    week = data.week
    if week is None:
        week = base.week if base is not None else None
    if week is None:
        warnings.append(
            f"Calendar '{name}' ({row.where}) gives no work week; P6's default, Monday to "
            "Friday 08:00–16:00, was used."
        )
        week = DEFAULT_WEEK
    exceptions = dict(base.exceptions) if base is not None else {}
    exceptions.update(data.exceptions)
    return (
        CalendarSpec(
            key=key,
            name=name,
            week=week,
            exceptions=tuple(sorted(exceptions.items())),
            minutes_per_day=_minutes_per_day(row),
        ),
        warnings,
    )


def _minutes_per_day(row: XerRow) -> int:
    text = row.get("day_hr_cnt")
    try:
        hours = float(text) if text else DEFAULT_HOURS_PER_DAY
    except ValueError:
        hours = DEFAULT_HOURS_PER_DAY
    return round(hours * 60) if hours > 0 else DEFAULT_HOURS_PER_DAY * 60
