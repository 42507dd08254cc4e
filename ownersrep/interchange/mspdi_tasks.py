"""MSPDI task rows as `ImportedTask`s: outline, durations, constraints, progress,
baselines and the file's own computed dates. Links are read in `mspdi_links`."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.scheduling.model import CalendarSpec, ConstraintType
from ownersrep.interchange.mspdi_calendars import CalendarClock
from ownersrep.interchange.mspdi_resources import CalendarChooser
from ownersrep.interchange.mspdi_rows import Row
from ownersrep.interchange.mspdi_values import (
    CONSTRAINT_TYPES,
    duration_format,
    is_true,
    parse_bool,
    parse_datetime,
    parse_duration_minutes,
    parse_int,
    parse_number,
    tenths_to_minutes,
)
from ownersrep.interchange.schedule_file import (
    ImportedBaseline,
    ImportedTask,
    ScheduleFileError,
    SourceDates,
)

_COMPUTED = ("EarlyStart", "EarlyFinish", "LateStart", "LateFinish", "TotalSlack")


class TaskBuilder:
    """Turns kept rows into `ImportedTask`s, in file order (which is outline order)."""

    def __init__(
        self,
        path: str,
        calendars: dict[str, CalendarSpec],
        default_calendar: str,
        minutes_per_day: int,
        chooser: CalendarChooser | None = None,
    ) -> None:
        self._path = path
        self._chooser = chooser
        self._calendars = calendars
        self._default = default_calendar
        self._minutes_per_day = minutes_per_day
        self.warnings: list[str] = []
        self.skipped: Counter = Counter()
        self._clocks: dict[str, CalendarClock] = {}

    def build(self, rows: list[Row]) -> list[ImportedTask]:
        parents = self._outline(rows)
        has_children = {p for p in parents.values() if p is not None}
        return [self._task(row, parents[row.uid], row.uid in has_children) for row in rows]

    def _outline(self, rows: list[Row]) -> dict[str, str | None]:
        stack: list[tuple[int, str]] = []
        parents: dict[str, str | None] = {}
        for row in rows:
            level = self._level(row)
            while stack and stack[-1][0] >= level:
                stack.pop()
            if stack and level > stack[-1][0] + 1:
                self._warn(
                    row,
                    f"outline level {level} follows level {stack[-1][0]}; it "
                    "is placed directly under the task above",
                )
            parents[row.uid] = stack[-1][1] if stack else None
            stack.append((level, row.uid))
        return parents

    def _level(self, row: Row) -> int:
        text = row.fields.get("OutlineLevel")
        if text:
            return self._parse(row, "OutlineLevel", parse_int)
        number = row.fields.get("OutlineNumber")
        return number.count(".") + 1 if number else 1

    def _task(self, row: Row, parent: str | None, has_children: bool) -> ImportedTask:
        get = row.fields.get
        kind = self._kind(row, has_children)
        manual = is_true(get("Manual"))
        calendar_key, resources_differ = self._scheduling_calendar(row, kind)
        spec = self._calendars[calendar_key or self._default]
        start, finish = self._date(row, "Start"), self._date(row, "Finish")
        duration = self._duration(row, "Duration", spec, start, finish, kind)
        actual_start, actual_finish = (
            self._date(row, "ActualStart"),
            self._date(row, "ActualFinish"),
        )
        percent = self._parse(row, "PercentComplete", parse_number) if get("PercentComplete") else 0
        started = percent > 0 or actual_start is not None
        remaining = None
        if started and get("RemainingDuration"):
            remaining = self._duration(row, "RemainingDuration", spec, None, None, kind)
        if kind is TaskKind.TASK and not (started or manual or resources_differ):
            self._check_span(row, spec, start, finish, duration)
        if kind is TaskKind.MILESTONE and duration:
            self._warn(
                row,
                f"a milestone with a duration of {duration} working minutes; the duration is kept",
            )
        constraint, constraint_date = self._constraint(row)
        self._notice_extras(row)
        return ImportedTask(
            key=row.uid,
            name=row.name or self._unnamed(row),
            parent_key=parent,
            kind=kind,
            wbs=get("WBS") or get("OutlineNumber") or "",
            duration=duration,
            calendar_key=calendar_key,
            constraint=constraint,
            constraint_date=constraint_date,
            deadline=self._date(row, "Deadline"),
            start=start,
            finish=finish,
            actual_start=actual_start,
            actual_finish=actual_finish,
            percent_complete=float(percent),
            remaining=remaining,
            manual=manual,
            source=self._source(row),
            baselines=self._baselines(row),
            notes=get("Notes", ""),
        )

    def _kind(self, row: Row, has_children: bool) -> TaskKind:
        """A task with subtasks is a summary whatever its flag says (as MS Project
        derives it); a summary flag without active subtasks is read as a task."""
        if has_children:
            return TaskKind.SUMMARY
        if is_true(row.fields.get("Milestone")):
            return TaskKind.MILESTONE
        if is_true(row.fields.get("Summary")):
            self._warn(
                row, "marked as a summary task but has no active subtasks; it is read as a task"
            )
        return TaskKind.TASK

    def _unnamed(self, row: Row) -> str:
        name = f"(unnamed task UID {row.uid})"
        self._warn(row, f"the task has no name; it is called '{name}'")
        return name

    def _scheduling_calendar(self, row: Row, kind: TaskKind) -> tuple[str | None, bool]:
        """The task's calendar key (None: the project's) and whether its resources work
        on other calendars, which this import cannot follow."""
        calendar_key = self._calendar(row)
        if self._chooser is None or kind is TaskKind.SUMMARY:
            return calendar_key, False
        calendar_key, note = self._chooser.choose(
            row.uid, calendar_key, row.fields.get("IgnoreResourceCalendar")
        )
        if note:
            self._warn(row, note)
        return calendar_key, note is not None

    def _calendar(self, row: Row) -> str | None:
        uid = row.fields.get("CalendarUID", "")
        if uid in ("", "-1"):
            return None
        if uid not in self._calendars:
            raise ScheduleFileError(
                self._path,
                row.where("CalendarUID"),
                f"calendar UID {uid} is not defined in the file's <Calendars>",
            )
        return uid

    def _duration(
        self,
        row: Row,
        element: str,
        spec: CalendarSpec,
        start: datetime | None,
        finish: datetime | None,
        kind: TaskKind,
    ) -> int:
        text = row.fields.get(element)
        if not text:
            return 0
        minutes = self._parse(row, element, parse_duration_minutes)
        fmt_text = row.fields.get("DurationFormat")
        fmt = duration_format(self._parse(row, "DurationFormat", parse_int) if fmt_text else None)
        if fmt.elapsed and kind is not TaskKind.SUMMARY and minutes:
            elapsed = minutes
            if start is not None and finish is not None and element == "Duration":
                minutes = self._clock(spec).minutes(start, finish)
                how = "the working time between its Start and Finish"
            else:
                minutes = elapsed * self._minutes_per_day / 1440
                how = f"at {self._minutes_per_day} working minutes per 24 hours"
            self._warn(
                row,
                f"its elapsed {element} of {elapsed / 60:g} hours (shown as "
                f"'{fmt.label}') is read as {round(minutes)} working minutes, {how}; "
                "OwnersRep schedules durations in working time",
            )
        if minutes != round(minutes):
            self._warn(row, f"{element} {text} is rounded to {round(minutes)} minutes")
        return round(minutes)

    def _check_span(
        self,
        row: Row,
        spec: CalendarSpec,
        start: datetime | None,
        finish: datetime | None,
        duration: int,
    ) -> None:
        """Say when the file's Start-Finish does not hold the duration on the task's
        calendar: MS Project split the task, levelled it, or followed its resources'
        hours, none of which OwnersRep models."""
        if start is None or finish is None or duration <= 0:
            return
        span = self._clock(spec).minutes(start, finish)
        if span > duration + 1:
            self._warn(
                row,
                f"its Start to Finish in the file holds {span} working minutes, more than "
                f"its duration of {duration}: MS Project has split it or delayed part of "
                "it; OwnersRep schedules its work without a gap",
            )
        elif span < duration - 1:
            self._warn(
                row,
                f"its Start to Finish in the file holds only {span} working minutes of "
                f"calendar '{spec.name}', less than its duration of {duration}: MS Project "
                "followed its resources' working times; OwnersRep uses the calendar",
            )

    def _clock(self, spec: CalendarSpec) -> CalendarClock:
        clock = self._clocks.get(spec.key)
        if clock is None:
            clock = self._clocks[spec.key] = CalendarClock(spec)
        return clock

    def _constraint(self, row: Row) -> tuple[ConstraintType, datetime | None]:
        text = row.fields.get("ConstraintType")
        code = self._parse(row, "ConstraintType", parse_int) if text else 0
        constraint = CONSTRAINT_TYPES.get(code)
        if constraint is None:
            self._warn(row, f"constraint type {code} is not known; 'as soon as possible' is used")
            return ConstraintType.ASAP, None
        if not constraint.needs_date:
            return constraint, None
        when = self._date(row, "ConstraintDate")
        if when is None:
            self._warn(
                row, f"constraint '{constraint.value}' has no date; 'as soon as possible' is used"
            )
            return ConstraintType.ASAP, None
        return constraint, when

    def _source(self, row: Row) -> SourceDates:
        get = row.fields.get
        computed = any(get(name) for name in _COMPUTED)
        critical = get("Critical")
        return SourceDates(
            early_start=self._date(row, "EarlyStart"),
            early_finish=self._date(row, "EarlyFinish"),
            late_start=self._date(row, "LateStart"),
            late_finish=self._date(row, "LateFinish"),
            total_float=self._slack(row, "TotalSlack"),
            free_float=self._slack(row, "FreeSlack"),
            # Without computed dates the flag was not computed either (legacy-sample1).
            critical=self._parse(row, "Critical", parse_bool) if computed and critical else None,
        )

    def _slack(self, row: Row, element: str) -> int | None:
        text = row.fields.get(element)
        return self._parse(row, element, tenths_to_minutes) if text else None

    def _baselines(self, row: Row) -> tuple[ImportedBaseline, ...]:
        found: list[ImportedBaseline] = []
        for element in row.baselines:
            values = {child.tag.rsplit("}", 1)[-1]: (child.text or "").strip() for child in element}
            start, finish, duration = (
                values.get("Start"),
                values.get("Finish"),
                values.get("Duration"),
            )
            if not (start or finish or duration):
                self.skipped["baseline cost and work values"] += 1
                continue
            number = self._parse(row, "Baseline", parse_int, values.get("Number") or "0")
            found.append(
                ImportedBaseline(
                    number=number,
                    start=self._parse(row, "Baseline", parse_datetime, start) if start else None,
                    finish=self._parse(row, "Baseline", parse_datetime, finish) if finish else None,
                    work_minutes=(
                        round(self._parse(row, "Baseline", parse_duration_minutes, duration))
                        if duration
                        else None
                    ),
                )
            )
        return tuple(sorted(found, key=lambda b: b.number))

    def _notice_extras(self, row: Row) -> None:
        get = row.fields.get
        delay = get("LevelingDelay")
        if delay and delay not in ("0", "0.0"):
            self._warn(row, "its resource-leveling delay is ignored")
        if is_true(get("IsSubproject")):
            self._warn(row, f"the inserted project '{get('SubprojectName', '')}' is not read")

    # -- helpers -------------------------------------------------------------------

    def _date(self, row: Row, element: str) -> datetime | None:
        text = row.fields.get(element)
        return self._parse(row, element, parse_datetime) if text else None

    def _parse(self, row: Row, element: str, parser, text: str | None = None):
        value = row.fields.get(element, "") if text is None else text
        try:
            return parser(value)
        except ValueError as err:
            raise ScheduleFileError(self._path, row.where(element), str(err)) from None

    def _warn(self, row: Row, message: str) -> None:
        self.warnings.append(f"Task UID {row.uid} '{row.name}': {message}")
