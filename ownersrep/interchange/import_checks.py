"""The checks an import runs before it writes anything: the schedule's own consistency
(the readers check their files; this also guards schedules built elsewhere), then our
engine, which must be able to schedule it. Either refusal is a ScheduleFileError naming
the file, the element and the task, and the workspace is not touched."""

from __future__ import annotations

from dataclasses import dataclass, field

from ownersrep.domain.scheduling.cpm import schedule as run_cpm
from ownersrep.domain.scheduling.model import ScheduleError, ScheduleResult
from ownersrep.interchange.schedule_file import ImportedSchedule, ImportedTask, ScheduleFileError
from ownersrep.interchange.to_engine import map_schedule


def _task_where(task: ImportedTask, row: int) -> str:
    return f"task {row} “{task.name}” (id {task.key})"


def check_schedule(schedule: ImportedSchedule) -> None:
    """Refuse a schedule whose keys do not hold together: duplicate tasks, a parent that
    is missing or comes after its child, an unknown calendar, a link to a task that is
    not there."""
    path = schedule.path
    calendars = set()
    for cal in schedule.calendars:
        if cal.key in calendars:
            raise ScheduleFileError(path, f"calendar “{cal.name}”", f"id {cal.key} appears twice")
        calendars.add(cal.key)
    if schedule.default_calendar not in calendars:
        raise ScheduleFileError(
            path,
            "project",
            f"the default calendar (id {schedule.default_calendar}) is not in the file",
        )
    seen: set[str] = set()
    for row, task in enumerate(schedule.tasks, start=1):
        where = _task_where(task, row)
        if task.key in seen:
            raise ScheduleFileError(path, where, "the id is used by an earlier task")
        if task.parent_key is not None and task.parent_key not in seen:
            raise ScheduleFileError(
                path, where, f"its parent (id {task.parent_key}) is not listed before it"
            )
        if task.calendar_key is not None and task.calendar_key not in calendars:
            raise ScheduleFileError(
                path, where, f"its calendar (id {task.calendar_key}) is not in the file"
            )
        if task.duration < 0:
            raise ScheduleFileError(path, where, f"negative duration ({task.duration} minutes)")
        seen.add(task.key)
    for row, link in enumerate(schedule.links, start=1):
        where = f"link {row} ({link.predecessor_key} → {link.successor_key})"
        for end in (link.predecessor_key, link.successor_key):
            if end not in seen:
                raise ScheduleFileError(path, where, f"task id {end} is not in the file")
        if link.predecessor_key == link.successor_key:
            raise ScheduleFileError(path, where, "links a task to itself")


@dataclass(frozen=True)
class OurSchedule:
    """Our engine's answer for an imported schedule."""

    result: ScheduleResult
    ids: dict[str, int]  # task key → engine id
    notes: tuple[str, ...]  # where the engine's input differs from the file, and why
    spans: dict[str, int] = field(default_factory=dict)  # key → minutes its dates span

    def warnings(self) -> tuple[str, ...]:
        return self.notes + tuple(self.result.warnings)


def our_schedule(schedule: ImportedSchedule) -> OurSchedule:
    """Schedule with our engine. A network the engine refuses (a loop, say) is a
    ScheduleFileError naming the file and the tasks."""
    try:
        mapped = map_schedule(schedule)
        result = run_cpm(mapped.project)
    except ScheduleError as exc:
        text = exc.message
        if text[:2].istitle():  # "The links form a loop: …" reads on after a colon
            text = text[0].lower() + text[1:]
        raise ScheduleFileError(
            schedule.path, "scheduling", f"cannot be scheduled: {text}"
        ) from None
    by_id = {t.id: t for t in mapped.project.tasks}
    spans = {key: by_id[mapped.ids[key]].duration for key in mapped.span_keys}
    return OurSchedule(result, mapped.ids, mapped.notes, spans)
