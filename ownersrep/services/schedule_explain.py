"""Why does this task start then, and why is it critical? The driving path of a task
as steps a view can list, and the plain-English paragraph that sums it up.

Pure functions over the engine's input and result (no session, no Qt): the caller
schedules (or already holds the result) and passes the WBS codes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ownersrep.domain.scheduling.days import day_of_finish, day_of_start
from ownersrep.domain.scheduling.drivers import driving_path
from ownersrep.domain.scheduling.model import SchedProject, ScheduleResult

# (task id, minutes) → working days of that task's calendar.
DaysOf = Callable[[int, int], float]

LINK_KINDS = ("link", "summary_link")
_SHOWN_LINKS = 3  # sentences about links before the paragraph skips to the origin


@dataclass(frozen=True)
class PathStep:
    """One task on a driving path, from the task asked about back to the origin.

    `reason` is what sets this task's date (`Driver.text`): for every step but the last
    the link from the next step; `kind` is the driver's kind, `sets` the date it sets
    ("start" or "finish") and `relation` a link's type and lag ("FS +2d")."""

    task_id: int
    wbs: str
    name: str
    start: date | None
    finish: date | None
    total_float_days: float | None
    critical: bool
    reason: str
    kind: str = ""
    sets: str = "start"
    relation: str = ""


def explain(
    project: SchedProject,
    result: ScheduleResult,
    task_id: int,
    wbs: Mapping[int, str],
    *,
    days: DaysOf | None = None,
    names: Mapping[int, str] | None = None,
) -> list[PathStep]:
    """The driving path of `task_id` as steps, the task first.

    `days(task_id, minutes)` turns a float into working days; by default the minutes
    are divided by the `minutes_per_day` of the task's calendar. `names` overrides the
    engine's task names (the engine may hold shortened ones)."""
    tasks = {t.id: t for t in project.tasks}
    per_day = {c.key: c.minutes_per_day or 480 for c in project.calendars}

    def name_of(tid: int) -> str:
        if names is not None and tid in names:
            return names[tid]
        task = tasks.get(tid)
        return task.name if task is not None else f"#{tid}"

    def label(tid: int) -> str:
        code = wbs.get(tid, "")
        return f"{code} {name_of(tid)}" if code else name_of(tid)

    def to_days(tid: int, minutes: int) -> float:
        if days is not None:
            return days(tid, minutes)
        task = tasks[tid]
        return minutes / per_day.get(task.calendar or project.default_calendar, 480)

    steps = []
    for tid, driver in driving_path(project, result, task_id, label):
        d = result.dates.get(tid)
        steps.append(
            PathStep(
                task_id=tid,
                wbs=wbs.get(tid, ""),
                name=name_of(tid),
                start=day_of_start(d.early_start) if d else None,
                finish=day_of_finish(d.early_finish, d.early_start) if d else None,
                total_float_days=to_days(tid, d.total_float) if d else None,
                critical=bool(d and d.critical),
                reason=driver.text if driver else "",
                kind=driver.kind if driver else "",
                sets=driver.sets if driver else "start",
                relation=driver.relation if driver else "",
            )
        )
    return steps


# -- the paragraph --------------------------------------------------------------------------


def day_text(day: date | None) -> str:
    """A day as written in a sentence: 3 Mar 2027 (no leading zero)."""
    return f"{day.day} {day:%b %Y}" if day else "an unknown date"


def days_text(value: float) -> str:
    """Working days in words: 1 working day, 2.5 working days, −3 working days."""
    rounded = round(value, 1)
    number = f"{rounded:g}" if rounded != int(rounded) else f"{int(rounded)}"
    number = number.replace("-", "−")
    return f"{number} working day{'' if abs(rounded) == 1 else 's'}"


def _date_of(step: PathStep, end: str) -> tuple[str, str]:
    """("starts", "3 Mar 2027") or ("finishes", ...)."""
    if end == "finish":
        return "finishes", day_text(step.finish)
    return "starts", day_text(step.start)


def _link_sentence(subject: str, step: PathStep, pred: PathStep) -> str:
    verb, when = _date_of(step, step.sets)
    kind = step.relation.split(" ")[0] if step.relation else "FS"
    pred_verb, pred_when = _date_of(pred, "finish" if kind in ("FS", "FF") else "start")
    through = "its summary is linked to " if step.kind == "summary_link" else ""
    relation = f" ({step.relation})" if step.relation else ""
    return (
        f"{subject} {verb} on {when} because {through}“{pred.name}” "
        f"{pred_verb} on {pred_when}{relation}."
    )


def _origin_sentence(subject: str, step: PathStep) -> str:
    verb, when = _date_of(step, step.sets)
    reason = step.reason
    if step.kind == "constraint":
        if reason == "as late as possible":
            return f"{subject} is scheduled as late as possible without delaying what follows."
        return f"{subject} {verb} on {when} because of its constraint “{reason}”."
    if step.kind == "status_date":
        return (
            f"{subject} {verb} on {when} because of {reason}: work not yet done is not "
            "scheduled before it."
        )
    if step.kind == "project_start":
        return f"{subject} {verb} on {when} because of {reason}: nothing holds it later."
    if step.kind == "actual":
        return f"{subject} {verb} on {when} because of {reason}."
    return f"{subject} {verb} on {when}: no link, constraint or status date sets it."


def _float_sentence(step: PathStep) -> str:
    tf = step.total_float_days
    if tf is None:
        return ""
    if step.critical:
        if tf < 0:
            return (
                f"It is critical: its total float is {days_text(tf)}, so it is already "
                f"{days_text(-tf)} later than its deadline or constraints allow."
            )
        return (
            f"It is critical: its total float is {days_text(max(tf, 0))}, so a day's slip "
            "here delays the project finish."
        )
    if tf > 0:
        return (
            f"It is not critical: it has {days_text(tf)} of total float before it "
            "delays the project finish."
        )
    return ""


def explain_text(steps: Sequence[PathStep]) -> str:
    """One paragraph: why the first step is where it is, back along the path, and
    whether it is critical."""
    if not steps:
        return ""
    sentences = []
    links = [s for s in steps[:-1] if s.kind in LINK_KINDS]
    shown = len(links) if len(links) <= _SHOWN_LINKS + 1 else _SHOWN_LINKS
    for i, step in enumerate(steps[:shown]):
        subject = f"“{step.name}”" if i == 0 else "That task"
        sentences.append(_link_sentence(subject, step, steps[i + 1]))
    origin = steps[-1]
    if shown < len(links):
        more = len(links) - shown
        sentences.append(
            f"The chain goes back through {more} more task{'s' if more != 1 else ''} "
            f"to “{origin.name}”."
        )
        subject = f"“{origin.name}”"
    else:
        subject = "That task" if len(steps) > 1 else f"“{origin.name}”"
    if origin.kind not in LINK_KINDS:
        sentences.append(_origin_sentence(subject, origin))
    float_sentence = _float_sentence(steps[0])
    if float_sentence:
        sentences.append(float_sentence)
    return " ".join(sentences)
