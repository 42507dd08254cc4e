"""Our schedule of a file against the file's own: `python -m ownersrep.interchange.compare`.

    python -m ownersrep.interchange.compare FILE [--project NAME] [--against FILE]

reads an MS Project XML (.xml) or Primavera P6 (.xer) file, schedules it with our engine
and prints the share of tasks whose early start, early finish, late start, late finish,
total float and critical flag all equal the file's own, then one line per difference
with the reason when one is known. `--against` takes the expected dates from another
file of the same project (matched by task key): a file saved without computed dates
checked against one that has them.

How values are compared:
- Dates are compared as working time, at the minute, in the task's calendar: MS Project
  shows a finish at the end of the day (17:00) and a start at the beginning of the next
  working time (08:00), and writes either face for the same moment; both are the same
  working-minute ordinal, and only a real difference of working time counts. Seconds
  in the file's dates are dropped.
- Total float is compared exactly in working minutes and shown in days of the task's
  calendar (its minutes per day).
- Free float is not part of the match (neither scheduler reports it the same way).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.cpm import schedule as run_cpm
from ownersrep.domain.scheduling.model import ScheduleError, ScheduleResult, TaskDates
from ownersrep.interchange.compare_reasons import Diagnosis
from ownersrep.interchange.reader import read_schedule
from ownersrep.interchange.schedule_file import (
    ImportedSchedule,
    ImportedTask,
    ScheduleFileError,
    SourceDates,
)
from ownersrep.interchange.to_engine import map_schedule

FIELDS = ("ES", "EF", "LS", "LF", "TF", "critical")
_FLAG_ONLY = "the file gives no dates or float for it, only a critical flag"
_P6_FINISHED = (
    "finished: P6 keeps only remaining dates (at the data date) for a finished activity, "
    "not its actual dates, and no float"
)
_DATE_FIELDS = {
    "ES": "early_start",
    "EF": "early_finish",
    "LS": "late_start",
    "LF": "late_finish",
}


@dataclass(frozen=True)
class Mismatch:
    field: str  # one of FIELDS
    ours: str
    theirs: str
    delta: int  # ours − theirs, working minutes (0 for the critical flag)


@dataclass(frozen=True)
class TaskComparison:
    key: str
    name: str
    fields: tuple[str, ...]  # the fields the file states for this task
    mismatches: tuple[Mismatch, ...]
    reason: str | None = None  # why it differs, when known

    @property
    def matches(self) -> bool:
        return not self.mismatches


@dataclass(frozen=True)
class CompareReport:
    path: str
    tasks: tuple[TaskComparison, ...]  # tasks the file gives computed values for
    not_compared: tuple[tuple[str, str, str], ...] = ()  # (key, name, why)
    notes: tuple[str, ...] = field(default=())  # our engine's warnings

    @property
    def compared(self) -> int:
        return len(self.tasks)

    @property
    def matched(self) -> int:
        return sum(1 for t in self.tasks if t.matches)

    @property
    def share(self) -> float:
        return self.matched / self.compared if self.compared else 1.0

    def field_counts(self) -> dict[str, tuple[int, int]]:
        """Per field: (tasks whose value matches, tasks the file states it for)."""
        counts = {}
        for name in FIELDS:
            stated = [t for t in self.tasks if name in t.fields]
            wrong = sum(1 for t in stated if any(m.field == name for m in t.mismatches))
            counts[name] = (len(stated) - wrong, len(stated))
        return counts

    def summary(self) -> str:
        parts = [
            f"{name} n/a" if not n else f"{name} {ok}/{n}" if ok != n else f"{name} {n}"
            for name, (ok, n) in self.field_counts().items()
        ]
        return (
            f"{Path(self.path).name}: {self.matched}/{self.compared} tasks match "
            f"({100 * self.share:.1f}%)  " + " ".join(parts)
        )

    def lines(self) -> list[str]:
        out = [self.summary()]
        for t in self.tasks:
            for m in t.mismatches:
                out.append(f"  {t.name} [{t.key}] {m.field}: ours {m.ours}, theirs {m.theirs}")
            if t.mismatches:
                out.append(f"      why: {t.reason or 'not known'}")
        for key, name, why in self.not_compared:
            out.append(f"  {name} [{key}] not compared: {why}")
        out.extend(f"  note: {note}" for note in self.notes)
        return out


def _when(moment: datetime) -> str:
    return moment.strftime("%d %b %Y %H:%M")


def _days(minutes: int, per_day: int) -> str:
    return f"{minutes / per_day:g}d"


class _Comparer:
    def __init__(self, schedule: ImportedSchedule, oracle: ImportedSchedule | None) -> None:
        self.schedule = schedule
        self.mapped = map_schedule(schedule)
        self.ids = self.mapped.ids
        self.result: ScheduleResult = run_cpm(self.mapped.project)
        origin = schedule.start.date()
        self.calendars = {spec.key: WorkCalendar(spec, origin) for spec in schedule.calendars}
        expected = oracle.tasks if oracle is not None else schedule.tasks
        self.source: dict[str, SourceDates] = {t.key: t.source for t in expected}

    def calendar(self, task: ImportedTask) -> WorkCalendar:
        return self.calendars[task.calendar_key or self.schedule.default_calendar]

    def task(self, task: ImportedTask) -> TaskComparison | None:
        src = self.source.get(task.key)
        if src is None or self._finished_in_p6(task):
            return None
        ours = self.result.dates[self.ids[task.key]]
        cal = self.calendar(task)
        stated: list[str] = []
        wrong: list[Mismatch] = []
        for name, attr in _DATE_FIELDS.items():
            theirs = getattr(src, attr)
            if theirs is None:
                continue
            stated.append(name)
            mine = getattr(ours, attr)
            delta = cal.ordinal(mine) - cal.ordinal(theirs)
            if delta:
                wrong.append(Mismatch(name, _when(mine), _when(theirs), delta))
        if src.total_float is not None:
            stated.append("TF")
            delta = ours.total_float - src.total_float
            if delta:
                per_day = cal.minutes_per_day
                wrong.append(
                    Mismatch(
                        "TF",
                        _days(ours.total_float, per_day),
                        _days(src.total_float, per_day),
                        delta,
                    )
                )
        if src.critical is not None:
            stated.append("critical")
            if src.critical != ours.critical:
                wrong.append(Mismatch("critical", _yes(ours.critical), _yes(src.critical), 0))
        if stated in ([], ["critical"]):  # a flag alone was not computed from dates
            return None
        return TaskComparison(task.key, task.name, tuple(stated), tuple(wrong))

    def _finished_in_p6(self, task: ImportedTask) -> bool:
        return self.schedule.format == "xer" and task.actual_finish is not None

    def report(self) -> CompareReport:
        compared: list[TaskComparison] = []
        skipped: list[tuple[str, str, str]] = []
        for task in self.schedule.tasks:
            found = self.task(task)
            if found is not None:
                compared.append(found)
            elif self._finished_in_p6(task):
                skipped.append((task.key, task.name, _P6_FINISHED))
            elif self.source.get(task.key, SourceDates()).critical is not None:
                skipped.append((task.key, task.name, _FLAG_ONLY))
            else:
                skipped.append((task.key, task.name, "the file gives no computed dates for it"))
        diagnosis = Diagnosis(
            self.schedule, self.source, self.calendars, self.result.project_finish
        )
        reasons = diagnosis.explain(compared)
        explained = tuple(t if t.matches else _with_reason(t, reasons.get(t.key)) for t in compared)
        return CompareReport(
            path=self.schedule.path,
            tasks=explained,
            not_compared=tuple(skipped),
            notes=self.mapped.notes + self.result.warnings,
        )


def _with_reason(t: TaskComparison, reason: str | None) -> TaskComparison:
    return TaskComparison(t.key, t.name, t.fields, t.mismatches, reason)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def compare(schedule: ImportedSchedule, oracle: ImportedSchedule | None = None) -> CompareReport:
    """Schedule `schedule` with our engine and compare every task with the file's own
    computed values (or with `oracle`'s, matched by task key)."""
    return _Comparer(schedule, oracle).report()


def read_file(path: str, project: str | None = None) -> ImportedSchedule:
    """Read by extension: .xml with the MSPDI reader, .xer with the XER reader."""
    return read_schedule(path, project)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ownersrep.interchange.compare",
        description="Schedule a file with OwnersRep's engine and compare with its own dates.",
    )
    parser.add_argument("file", help="an MS Project XML (.xml) or Primavera (.xer) file")
    parser.add_argument("--project", help="which project of an XER file (id or short name)")
    parser.add_argument("--against", help="take the expected dates from this file instead")
    args = parser.parse_args(argv)
    try:
        schedule = read_file(args.file, args.project)
        oracle = read_file(args.against, args.project) if args.against else None
        report = compare(schedule, oracle)
    except (ScheduleFileError, ScheduleError) as exc:
        print(f"{Path(args.file).name}: {exc}", file=sys.stderr)
        return 2
    try:
        print("\n".join(report.lines()))
    except BrokenPipeError:  # piped into `head`: the reader has seen enough
        sys.stderr.close()
    return 0


__all__ = ["CompareReport", "Mismatch", "TaskComparison", "TaskDates", "compare", "main"]

if __name__ == "__main__":
    raise SystemExit(main())
