"""Write an imported schedule as a new project, inside the caller's transaction.

Rows go in with Core `executemany` (ids assigned here, parents first, above every id
each table has used), and every row of an audited table is audited with
`audit_core_rows`, in the same transaction: 10,000 tasks take a few seconds and still
leave a trail. Stored dates are our engine's early dates (the date part), except for
manually scheduled tasks, whose typed dates are kept; the file's own dates go to
`task.src_*`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from ownersrep.db.audit import audit_core_rows, audit_json
from ownersrep.db.models import (
    Baseline,
    BaselineTask,
    Calendar,
    Program,
    Project,
    Setting,
    Task,
    TaskLink,
)
from ownersrep.domain.enums import ProjectKind, ProjectStatus, TaskKind
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.scheduling.days import day_of_finish
from ownersrep.domain.scheduling.model import Convention, LagUnit
from ownersrep.interchange.import_checks import OurSchedule
from ownersrep.interchange.import_preview import baseline_name, format_label
from ownersrep.interchange.schedule_file import ImportedSchedule, ImportedTask
from ownersrep.interchange.to_engine import convention_of
from ownersrep.services.baseline_service import compared_key
from ownersrep.services.calendar_codec import calendar_columns
from ownersrep.services.schedule_input import MINUTES_PER_ELAPSED_DAY

Progress = Callable[[int, int], None]
Row = dict[str, Any]

NAME_MAX = 200
CHUNK = 2000  # rows per executemany between two progress reports


def _rounded_days(minutes: int, per_day: int) -> int:
    """Half away from zero: a lag of 2.5 days is 3 and -2.5 is -3 (Python's round gives 2
    and -2)."""
    days = math.floor(abs(minutes) / per_day + 0.5)
    return -days if minutes < 0 else days


def unique_name(wanted: str, taken: Iterable[str]) -> str:
    used = {name.casefold() for name in taken}
    if wanted.casefold() not in used:
        return wanted
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = wanted[: NAME_MAX - len(suffix)] + suffix
        if candidate.casefold() not in used:
            return candidate
        n += 1


_TASK_AUDIT = ("project_id", "parent_id", "name", "kind", "start", "finish", "source_key")
_LINK_AUDIT = ("predecessor_id", "successor_id", "link_type", "lag_minutes", "lag_elapsed")
_CAL_AUDIT = ("project_id", "key", "name", "is_default", "minutes_per_day")
_BASELINE_AUDIT = ("project_id", "name", "number")


class ProjectWriter:
    """Writes one ImportedSchedule as a new project inside the caller's transaction."""

    def __init__(
        self,
        s: Session,
        schedule: ImportedSchedule,
        ours: OurSchedule,
        today: date,
        report: Progress,
        total: int,
    ) -> None:
        self.s = s
        self.schedule = schedule
        self.result = ours.result
        self.engine_ids = ours.ids
        self.spans = ours.spans
        self.today = today
        self.report = report
        self.total = total
        self.done = 1
        self.task_ids: list[int] = []
        self.baselines = 0

    def write(self, wanted: str, program_id: int | None) -> tuple[int, str]:
        s = self.s
        if program_id is not None and s.get(Program, program_id) is None:
            raise ValidationError("Program", f"program #{program_id} does not exist")
        final_name = unique_name(wanted, s.scalars(select(Project.name)))
        project_id = self._next_id(Project)
        self._insert(Project, [self._project_row(project_id, final_name, program_id)], None)
        calendar_ids = self._write_calendars(project_id)
        task_ids = self._write_tasks(project_id, calendar_ids)
        self._write_links(project_id, task_ids)
        self._write_baselines(project_id, task_ids)
        return project_id, final_name

    # -- ids and inserts ---------------------------------------------------------------
    def _next_id(self, model: type[Any]) -> int:
        """Above every id the table has ever used (AUTOINCREMENT tables remember deleted
        ones in sqlite_sequence), so an id is never reused and the audit trail of a
        deleted row never mixes with a new one."""
        table = model.__tablename__
        top = self.s.scalar(select(func.max(model.id))) or 0
        if self.s.get_bind().dialect.name == "sqlite":
            seq = self.s.execute(
                text("SELECT seq FROM sqlite_sequence WHERE name = :t"), {"t": table}
            ).scalar()
            top = max(top, seq or 0)
        return top + 1

    def _insert(self, model: type[Any], rows: list[Row], fields: Sequence[str] | None) -> None:
        """Insert in chunks, audit each row (all its fields when `fields` is None) and
        report progress."""
        entity = model.__audit_entity__
        for at in range(0, len(rows), CHUNK):
            chunk = rows[at : at + CHUNK]
            self.s.execute(insert(model.__table__), chunk)
            audit_core_rows(
                self.s,
                entity,
                "insert",
                [(r["id"], None, None, audit_json(r, fields or None)) for r in chunk],
            )
            if model in (Task, TaskLink):
                self.done += len(chunk)
                self.report(self.done, self.total)

    # -- rows --------------------------------------------------------------------------
    def _project_row(self, project_id: int, name: str, program_id: int | None) -> Row:
        s, sched, result = self.s, self.schedule, self.result
        last = s.scalar(
            select(func.max(Project.sort_order)).where(
                Project.program_id.is_(None)
                if program_id is None
                else Project.program_id == program_id
            )
        )
        currency = s.scalar(select(Setting.value).where(Setting.key == "currency")) or "USD"
        file_name = Path(sched.path).name
        start = result.project_start.date()
        finish = max(day_of_finish(result.project_finish, result.project_start), start)
        return {
            "id": project_id,
            "program_id": program_id,
            "sort_order": (last or 0) + 1,
            "name": name,
            "code": "",
            "kind": ProjectKind.CONSTRUCTION.value,
            "status": ProjectStatus.ACTIVE.value,
            "client_id": None,
            "contractor_id": None,
            "planned_start": start,
            "planned_finish": finish,
            "status_date": None if sched.status_date is None else sched.status_date.date(),
            "data_date": sched.status_date,
            "currency": currency,
            "location": "",
            "description": (
                f"Imported from {file_name} ({format_label(sched.format)}) "
                f"on {self.today:%d %b %Y}."
            ),
            "source_format": sched.format,
            "source_file": file_name[-260:],
        }

    def _write_calendars(self, project_id: int) -> dict[str, tuple[int, int]]:
        """Insert the calendars; returns key → (calendar id, minutes per day)."""
        first = self._next_id(Calendar)
        rows = []
        out: dict[str, tuple[int, int]] = {}
        for i, spec in enumerate(self.schedule.calendars):
            row = {
                "id": first + i,
                "project_id": project_id,
                "is_default": spec.key == self.schedule.default_calendar,
                **calendar_columns(spec),
            }
            row["key"] = row["key"][:60]
            row["name"] = (row["name"] or spec.key)[:200]
            rows.append(row)
            out[spec.key] = (first + i, spec.minutes_per_day)
        self._insert(Calendar, rows, (*_CAL_AUDIT, "week_json"))
        return out

    def _write_tasks(
        self, project_id: int, calendars: dict[str, tuple[int, int]]
    ) -> dict[str, int]:
        tasks = self.schedule.tasks
        first = self._next_id(Task)
        ids = {t.key: first + i for i, t in enumerate(tasks)}
        with_children = {t.parent_key for t in tasks if t.parent_key is not None}
        next_order: dict[str | None, int] = {}
        default_cal = calendars[self.schedule.default_calendar]
        rows = []
        for t in tasks:
            order = next_order.get(t.parent_key, 0)
            next_order[t.parent_key] = order + 1
            cal_id, per_day = calendars[t.calendar_key] if t.calendar_key else (None, 0)
            per_day = per_day or default_cal[1]
            rows.append(
                self._task_row(t, ids, project_id, order, t.key in with_children, cal_id, per_day)
            )
        self._insert(Task, rows, _TASK_AUDIT)
        self.task_ids = list(ids.values())
        return ids

    def _task_row(
        self,
        t: ImportedTask,
        ids: dict[str, int],
        project_id: int,
        order: int,
        has_children: bool,
        calendar_id: int | None,
        per_day: int,
    ) -> Row:
        # A summary is a node with children; one without is a plain task (the house rule
        # of the WBS), and a "task" or milestone with children rolls them up.
        kind = TaskKind.SUMMARY if has_children else t.kind
        if kind is TaskKind.SUMMARY and not has_children:
            kind = TaskKind.TASK
        # The file's duration, as its scheduler shows it (where our engine scheduled the
        # span of the task's dates instead, a warning says so).
        duration = max(t.duration, 0)
        if t.key in self.spans:
            # Scheduled over the span of its dates in the file (a note says why): store
            # that, so that rescheduling after an edit gives the same dates.
            duration = self.spans[t.key]
        whole = duration % per_day == 0
        ours = self.result.dates.get(self.engine_ids[t.key])
        start: datetime | None = t.start
        finish: datetime | None = t.finish
        if ours is not None and not t.manual:
            start, finish = ours.early_start, ours.early_finish
        start_day = None if start is None else start.date()
        finish_day = None if finish is None else day_of_finish(finish, start)
        if start_day is not None and finish_day is not None and finish_day < start_day:
            finish_day = start_day
        src = t.source
        return {
            "id": ids[t.key],
            "project_id": project_id,
            "parent_id": None if t.parent_key is None else ids[t.parent_key],
            "sort_order": order,
            "name": (t.name.strip() or f"(no name) {t.wbs or t.key}")[:300],
            "kind": kind.value,
            "start": start_day,
            "duration_days": 0 if kind is TaskKind.MILESTONE else math.ceil(duration / per_day),
            "finish": finish_day,
            "percent_complete": round(min(max(t.percent_complete, 0.0), 100.0)),
            "responsible_id": None,
            "notes": t.notes,
            "calendar_id": calendar_id,
            "work_minutes": None if whole else duration,
            "constraint_type": t.constraint.value,
            "constraint_date": t.constraint_date,
            "deadline": t.deadline,
            "actual_start": t.actual_start,
            "actual_finish": t.actual_finish,
            "remaining_minutes": t.remaining,
            "manual": t.manual,
            "source_key": t.key[:60],
            "src_early_start": src.early_start,
            "src_early_finish": src.early_finish,
            "src_late_start": src.late_start,
            "src_late_finish": src.late_finish,
            "src_total_float": src.total_float,
            "src_free_float": src.free_float,
            "src_critical": src.critical,
        }

    def _write_links(self, project_id: int, ids: dict[str, int]) -> None:
        per_day = {c.key: c.minutes_per_day for c in self.schedule.calendars}
        default = per_day[self.schedule.default_calendar]
        calendar_of = {t.key: t.calendar_key for t in self.schedule.tasks}
        # A working lag counts in the successor's calendar (MS Project) or in the
        # predecessor's (P6): the engine's convention, by the file's format.
        by_predecessor = convention_of(self.schedule) is Convention.P6
        first = self._next_id(TaskLink)
        rows = []
        for i, link in enumerate(self.schedule.links):
            elapsed = link.lag_unit is LagUnit.ELAPSED
            lag_task = link.predecessor_key if by_predecessor else link.successor_key
            day = (
                MINUTES_PER_ELAPSED_DAY
                if elapsed
                else per_day.get(calendar_of[lag_task] or "", default)
            )
            rows.append(
                {
                    "id": first + i,
                    "project_id": project_id,
                    "predecessor_id": ids[link.predecessor_key],
                    "successor_id": ids[link.successor_key],
                    "link_type": link.type.value,
                    "lag_days": _rounded_days(link.lag, day),
                    "lag_minutes": link.lag,
                    "lag_elapsed": elapsed,
                }
            )
        self._insert(TaskLink, rows, _LINK_AUDIT)

    def _write_baselines(self, project_id: int, ids: dict[str, int]) -> None:
        numbers = sorted({b.number for t in self.schedule.tasks for b in t.baselines})
        if not numbers:
            return
        first = self._next_id(Baseline)
        baseline_ids = {n: first + i for i, n in enumerate(numbers)}
        rows = [
            {
                "id": baseline_ids[n],
                "project_id": project_id,
                "name": baseline_name(n),
                "number": n,
                "saved_at": None,
            }
            for n in numbers
        ]
        self._insert(Baseline, rows, _BASELINE_AUDIT)
        self.baselines = len(rows)
        # Compare against the file's first baseline (MS Project's "Baseline", P6's
        # project baseline), so the variance column means something from the start.
        self.s.add(Setting(key=compared_key(project_id), value=str(baseline_ids[numbers[0]])))
        # One row per task and baseline (the first if a file repeats a number); not
        # audited row by row: the baseline's own insert is the audit record.
        seen: set[tuple[int, int]] = set()
        task_rows = []
        for t in self.schedule.tasks:
            for b in t.baselines:
                pair = (baseline_ids[b.number], ids[t.key])
                if pair in seen:
                    continue
                seen.add(pair)
                task_rows.append(
                    {
                        "baseline_id": pair[0],
                        "task_id": pair[1],
                        "start": b.start,
                        "finish": b.finish,
                        "work_minutes": b.work_minutes,
                    }
                )
        for at in range(0, len(task_rows), CHUNK):
            chunk = task_rows[at : at + CHUNK]
            self.s.execute(insert(BaselineTask.__table__), chunk)
            self.done += len(chunk)
            self.report(self.done, self.total)
