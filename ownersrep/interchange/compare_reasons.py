"""Why our value for a task differs from the file's own, when that can be shown.

Each reason is a check on the file itself, not a list of known files:

- the task is manually scheduled (its dates were typed, not computed);
- the file puts the task outside its own calendar's working time, or its start and
  finish span a different amount of working time than its duration (the source
  scheduler used resource calendars, contours or splits, which OwnersRep does not
  model);
- the file's own dates disagree with the file's own links, constraints and project
  finish (saved without recalculating, or a rule of that scheduler's own, such as a
  one-minute offset);
- the task follows a predecessor (early dates), a successor (late dates), or for a
  summary a subtask, that differs for one of the reasons above.

Early dates (ES, EF) and late values (LS, LF, TF, critical) are explained separately.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.model import ConstraintType, LagUnit
from ownersrep.interchange.schedule_file import (
    ImportedLink,
    ImportedSchedule,
    ImportedTask,
    SourceDates,
)

EARLY = ("ES", "EF")
LATE = ("LS", "LF", "TF", "critical")


class _Compared(Protocol):
    key: str
    mismatches: Sequence  # of objects with .field


@dataclass(frozen=True)
class _Check:
    expected: int
    stated: int


def _when(moment: datetime) -> str:
    return moment.strftime("%d %b %Y %H:%M")


def _amount(minutes: int) -> str:
    minutes = abs(minutes)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{minutes / 60:g} working hours"


class Diagnosis:
    def __init__(
        self,
        schedule: ImportedSchedule,
        source: dict[str, SourceDates],
        calendars: dict[str, WorkCalendar],
        our_finish: datetime,
    ) -> None:
        self.schedule = schedule
        self.our_finish = our_finish
        self.source = source
        self.calendars = calendars
        self.tasks = {t.key: t for t in schedule.tasks}
        self.preds: dict[str, list[ImportedLink]] = {}
        self.succs: dict[str, list[ImportedLink]] = {}
        for link in schedule.links:
            self.preds.setdefault(link.successor_key, []).append(link)
            self.succs.setdefault(link.predecessor_key, []).append(link)
        self.children: dict[str, list[str]] = {}
        for t in schedule.tasks:
            if t.parent_key is not None:
                self.children.setdefault(t.parent_key, []).append(t.key)
        finishes = [
            s.early_finish
            for k, s in source.items()
            if s.early_finish is not None and self._kind(k) is not TaskKind.SUMMARY
        ]
        self.file_finish = max(finishes, default=schedule.finish)

    def _kind(self, key: str) -> TaskKind | None:
        task = self.tasks.get(key)
        return task.kind if task is not None else None

    def calendar(self, task: ImportedTask) -> WorkCalendar:
        return self.calendars[task.calendar_key or self.schedule.default_calendar]

    # -- the checks ----------------------------------------------------------------------

    def _manual(self, task: ImportedTask, _group: str) -> str | None:
        if task.manual:
            return "manually scheduled in the file: its dates were typed, not computed"
        return None

    def _off_calendar(self, task: ImportedTask, _group: str) -> str | None:
        src = self.source[task.key]
        cal = self.calendar(task)
        for attr in ("early_start", "early_finish", "late_start", "late_finish"):
            moment = getattr(src, attr)
            if moment is None:
                continue
            at = cal.abs_of(moment)
            ordinal = cal.ordinal_abs(at)
            if at not in (cal.start_abs(ordinal), cal.finish_abs(ordinal)):
                return (
                    f"the file has it at {_when(moment)}, outside its calendar's working "
                    "time: its resources' calendars set its dates, which OwnersRep does not "
                    "model"
                )
        return None

    def _seconds(self, task: ImportedTask, group: str) -> str | None:
        src = self.source[task.key]
        names = ("early_start", "early_finish")
        if group == "late":
            names = ("late_start", "late_finish", "early_start", "early_finish")
        for attr in names:
            moment = getattr(src, attr)
            if moment is not None and moment.second:
                return (
                    f"the file's dates carry seconds ({moment:%H:%M:%S}): its duration is not "
                    "a whole number of minutes, and OwnersRep counts whole minutes"
                )
        return None

    def _span(self, task: ImportedTask, group: str) -> str | None:
        src = self.source[task.key]
        if task.kind is not TaskKind.TASK or (group == "late" and task.actual_start):
            return None
        first, last = src.early_start, src.early_finish
        if group == "late":
            first, last = src.late_start, src.late_finish
        if first is None or last is None:
            return None
        cal = self.calendar(task)
        span = cal.working_minutes_between(first, last)
        if span == task.duration:
            return None
        per_day = cal.minutes_per_day
        return (
            f"its {group} dates in the file span {span / per_day:.4g} d of its calendar, "
            f"not its duration of {task.duration / per_day:.4g} d: resource calendars, "
            "contours or splits set them, which OwnersRep does not model"
        )

    def _self_consistent(self, task: ImportedTask, group: str) -> str | None:
        check = self._early_check(task) if group == "early" else self._late_check(task)
        if check is None or check.expected == check.stated:
            return None
        cal = self.calendar(task)
        src = self.source[task.key]
        delta = check.stated - check.expected
        side = "later" if delta > 0 else "earlier"
        if group == "early":
            what, stated = "early start", src.early_start
            shown = cal.start_datetime(check.expected)
        else:
            what, stated = "late finish", src.late_finish
            shown = cal.finish_datetime(check.expected)
        assert stated is not None
        return (
            f"the file's own {what} ({_when(stated)}) is {_amount(delta)} {side} than its "
            f"own links, constraints and project finish give ({_when(shown)})"
        )

    def _float_follows(self, task: ImportedTask, own: set[str], group: str) -> str | None:
        if group != "late" or own & {"LS", "LF"}:
            return None
        if "EF" in own:
            return "its float differs because its early finish does"
        src = self.source[task.key]
        if "TF" in own and src.early_finish and src.late_finish and src.total_float is not None:
            project = self.calendars[self.schedule.default_calendar]
            if project is not self.calendar(task):
                on_project = project.working_minutes_between(src.early_finish, src.late_finish)
                if on_project == src.total_float:
                    return (
                        "the file counts this task's float on the project calendar, not on "
                        f"{self.calendar(task).spec.name}, the calendar its dates follow"
                    )
        return None

    def _follows(self, task: ImportedTask, group: str, wrong: dict[str, set[str]]) -> str | None:
        fields = EARLY if group == "early" else LATE
        links = self.preds if group == "early" else self.succs
        for link in links.get(task.key, ()):
            other = link.predecessor_key if group == "early" else link.successor_key
            if wrong.get(other, set()) & set(fields + EARLY):
                return f"follows {self.tasks[other].name}, which differs"
        parent = task.parent_key
        while parent is not None:
            if wrong.get(parent) and (self.preds if group == "early" else self.succs).get(parent):
                return f"follows its summary {self.tasks[parent].name}, which differs"
            parent = self.tasks[parent].parent_key
        uncovered = [k for k in self.children.get(task.key, ()) if k not in self.source]
        if uncovered:
            return (
                f"a summary over subtasks the expected dates do not cover "
                f"({', '.join(self.tasks[k].name for k in uncovered[:3])})"
            )
        for kid in self.children.get(task.key, ()):
            if wrong.get(kid):
                return f"a summary: rolls up {self.tasks[kid].name}, which differs"
        if group == "late" and self.file_finish is not None:
            cal = self.calendars[self.schedule.default_calendar]
            if cal.ordinal(self.our_finish) != cal.ordinal(self.file_finish):
                return (
                    f"the project finish differs (ours {_when(self.our_finish)}, the file's "
                    f"{_when(self.file_finish)}), and late dates count back from it"
                )
        return None

    # -- the file's own dates, checked against its own network ---------------------------

    def _ordinal(self, cal: WorkCalendar, moment: datetime, lag: int, link: ImportedLink) -> int:
        if link.lag_unit == LagUnit.ELAPSED:
            return cal.ordinal_abs(cal.abs_of(moment) + lag)
        return cal.ordinal(moment) + lag

    def _early_check(self, task: ImportedTask) -> _Check | None:
        src = self.source[task.key]
        if src.early_start is None or task.kind is TaskKind.SUMMARY or task.actual_start:
            return None
        cal = self.calendar(task)
        d = task.duration if task.kind is TaskKind.TASK else 0
        es = cal.ordinal(self.schedule.start)
        if self.schedule.status_date is not None:
            es = max(es, cal.ordinal(self.schedule.status_date))
        if task.constraint_date is not None:
            c = cal.ordinal(task.constraint_date)
            if task.constraint == ConstraintType.SNET:
                es = max(es, c)
            elif task.constraint == ConstraintType.FNET:
                es = max(es, c - d)
            elif task.constraint in (ConstraintType.MSO, ConstraintType.MFO):
                return None
        for link in self.preds.get(task.key, ()):
            p = self.source.get(link.predecessor_key)
            if p is None:
                return None
            start_type = link.type in (LinkType.FS, LinkType.SS)
            moment = p.early_finish if link.type in (LinkType.FS, LinkType.FF) else p.early_start
            if moment is None:
                return None
            x = self._ordinal(cal, moment, link.lag, link)
            es = max(es, x if start_type else x - d)
        return _Check(es, cal.ordinal(src.early_start))

    def _late_check(self, task: ImportedTask) -> _Check | None:
        src = self.source[task.key]
        if src.late_finish is None or task.kind is TaskKind.SUMMARY or task.actual_finish:
            return None
        if self.file_finish is None:
            return None
        parent = task.parent_key
        while parent is not None:  # a summary's own successors: not checked here
            if self.succs.get(parent):
                return None
            parent = self.tasks[parent].parent_key
        cal = self.calendar(task)
        d = task.duration if task.kind is TaskKind.TASK else 0
        lf = cal.ordinal(self.file_finish)
        for moment in (task.deadline,):
            if moment is not None:
                lf = min(lf, cal.ordinal(moment))
        if task.constraint_date is not None and task.constraint not in (
            ConstraintType.SNET,
            ConstraintType.FNET,
            ConstraintType.ALAP,
            ConstraintType.ASAP,
        ):
            return None
        for link in self.succs.get(task.key, ()):
            s = self.source.get(link.successor_key)
            if s is None:
                return None
            moment = s.late_start if link.type in (LinkType.FS, LinkType.SS) else s.late_finish
            if moment is None:
                return None
            x = self._ordinal(cal, moment, -link.lag, link)
            lf = min(lf, x + d if link.type in (LinkType.SS, LinkType.SF) else x)
        return _Check(lf, cal.ordinal(src.late_finish))

    # -- putting it together -----------------------------------------------------------

    def explain(self, compared: Iterable[_Compared]) -> dict[str, str]:
        """A reason for each differing task that has one: key → text."""
        wrong = {c.key: {m.field for m in c.mismatches} for c in compared if c.mismatches}
        reasons: dict[str, str] = {}
        for key, fields in wrong.items():
            task = self.tasks[key]
            parts: list[str] = []
            for group, names in (("early", EARLY), ("late", LATE)):
                if not fields & set(names):
                    continue
                checks = (
                    self._manual,
                    self._off_calendar,
                    self._seconds,
                    self._self_consistent,
                    self._span,
                )
                found = self._float_follows(task, fields, group)
                for check in () if found else checks:
                    found = check(task, group)
                    if found:
                        break
                if not found:
                    found = self._follows(task, group, wrong)
                if found and found not in parts:
                    parts.append(found)
            if parts:
                reasons[key] = "; ".join(parts)
        return reasons
