"""Import a contractor's schedule into the workspace as a new project: all or nothing.

The order of work keeps a refusal free of side effects:

1. The schedule is checked (keys, parents, links, calendars) and scheduled with our own
   engine before anything is written; a file that cannot be scheduled (a loop, say) is
   refused with a message and the workspace is left as it was.
2. One transaction then writes the project, its calendars, tasks, links and baselines
   (`import_writer.ProjectWriter`: Core bulk inserts, every row audited).

Stored dates are *our* early dates, except for manually scheduled tasks, whose typed
dates are kept. The file's own early and late dates, floats and critical flags are kept
beside them (`task.src_*`), so the user can see where our schedule and the contractor's
disagree; `ImportResult.comparison` sums that up.

A project name already used in the workspace gets a number ("Tower B (2)"): importing
each monthly update of the same schedule must not fail on its name. The caller may
show the name in advance with `suggest_name`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ownersrep.db.models import Project
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.interchange.import_checks import OurSchedule, check_schedule, our_schedule
from ownersrep.interchange.import_preview import format_label
from ownersrep.interchange.import_writer import NAME_MAX, Progress, ProjectWriter, unique_name
from ownersrep.interchange.schedule_file import ImportedSchedule
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_removal import remove_project, restore_projects
from ownersrep.services.schedule_run import reschedule
from ownersrep.services.snapshot import Snapshot
from ownersrep.services.validation import required_text


@dataclass(frozen=True)
class DateComparison:
    """How our early dates compare with the file's own, over the tasks for which the
    file states both an early start and an early finish."""

    compared: int
    matching: int

    @property
    def share(self) -> float:
        return self.matching / self.compared if self.compared else 1.0

    def sentence(self) -> str:
        if not self.compared:
            return "The file states no early dates of its own to compare ours with."
        return (
            f"Our dates match the file's for {self.matching:,} of {self.compared:,} tasks "
            f"({self.share:.0%})."
        )


@dataclass(frozen=True)
class ImportResult:
    project_id: int
    project_name: str
    file_name: str
    format_label: str
    tasks: int  # every WBS row: summaries, tasks and milestones
    links: int
    calendars: int
    baselines: int
    warnings: tuple[str, ...]  # the reader's, then our engine's
    comparison: DateComparison


def compare_dates(schedule: ImportedSchedule, ours: OurSchedule) -> DateComparison:
    """Count the tasks whose early start and early finish are ours too. Moments are
    compared as working time of the task's calendar, as the compare tool does: MS
    Project writes a finish at 17:00 and the next start at 08:00 for the same moment."""
    origin = schedule.start.date()
    calendars = {spec.key: WorkCalendar(spec, origin) for spec in schedule.calendars}
    compared = matching = 0
    for task in schedule.tasks:
        src = task.source
        mine = ours.result.dates.get(ours.ids[task.key])
        if mine is None or src.early_start is None or src.early_finish is None:
            continue
        cal = calendars[task.calendar_key or schedule.default_calendar]
        compared += 1
        if cal.ordinal(mine.early_start) == cal.ordinal(src.early_start) and cal.ordinal(
            mine.early_finish
        ) == cal.ordinal(src.early_finish):
            matching += 1
    return DateComparison(compared, matching)


def _changes(project_id: int, task_ids: list[int] | tuple[()] = ()) -> Changes:
    return Changes.of("project", [project_id], project_id, structural=True) | Changes.of(
        "task", task_ids, project_id, structural=True
    )


class ScheduleImporter:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def suggest_name(self, wanted: str) -> str:
        """The name an import would get: `wanted`, numbered if a project has it."""
        clean = required_text(wanted, "Project name", NAME_MAX)
        with self._ctx.sessions() as s:
            return unique_name(clean, s.scalars(select(Project.name)))

    def import_schedule(
        self,
        schedule: ImportedSchedule,
        *,
        name: str | None = None,
        program_id: int | None = None,
        progress: Progress | None = None,
    ) -> Outcome[ImportResult]:
        """Schedule `schedule` with our engine, then write it as a new project in one
        transaction. Raises ScheduleFileError (nothing written) if it does not hold
        together or cannot be scheduled, ValidationError for a bad name or program.
        `progress(done, total)` is called as the work goes."""
        wanted = required_text(
            name if name is not None else schedule.project_name or Path(schedule.path).stem,
            "Project name",
            NAME_MAX,
        )
        report = progress or (lambda _done, _total: None)
        total = 2 + len(schedule.tasks) + len(schedule.links)
        total += sum(len(t.baselines) for t in schedule.tasks)
        report(0, total)
        check_schedule(schedule)
        ours = our_schedule(schedule)
        report(1, total)
        with self._ctx.sessions.begin() as s:
            writer = ProjectWriter(s, schedule, ours, self._ctx.today(), report, total)
            project_id, final_name = writer.write(wanted, program_id)
            # From the stored rows, as after any later edit: float, the critical flag
            # and the driving links, in the same transaction.
            reschedule(s, project_id, self._ctx.today())
        report(total, total)
        value = ImportResult(
            project_id=project_id,
            project_name=final_name,
            file_name=Path(schedule.path).name,
            format_label=format_label(schedule.format),
            tasks=len(schedule.tasks),
            links=len(schedule.links),
            calendars=len(schedule.calendars),
            baselines=writer.baselines,
            warnings=tuple(schedule.warnings) + ours.warnings(),
            comparison=compare_dates(schedule, ours),
        )
        return Outcome(value, _changes(project_id, writer.task_ids))

    def remove(self, project_id: int) -> Outcome[Snapshot]:
        """Undo an import: delete the project and all it holds (calendars and baselines
        too), audited. The snapshot brings it all back with the same ids."""
        with self._ctx.sessions.begin() as s:
            snapshot = remove_project(s, project_id)
        return Outcome(snapshot, _changes(project_id))

    def restore(self, snapshot: Snapshot) -> Changes:
        """Redo an import after `remove`: the same rows, the same ids."""
        with self._ctx.sessions.begin() as s:
            project_id = restore_projects(s, snapshot)[0]
        return _changes(project_id)
