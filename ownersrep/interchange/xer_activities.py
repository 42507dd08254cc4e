"""P6 activities (TASK) and relationships (TASKPRED) → imported tasks and links.

Durations, floats and lags are hours in the file and become minutes (an hour of work is
60 working minutes on any calendar). The file's own early/late dates, floats and critical
flag are kept in `SourceDates`, so our engine can be checked against P6. As in P6, a
started activity's early and late dates are those of its remaining work (for a finished
one P6 leaves them at or after the data date), and its start and finish are the actual
dates where there are some, else the early ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.model import ConstraintType, LagUnit
from ownersrep.interchange.schedule_file import (
    ImportedBaseline,
    ImportedLink,
    ImportedTask,
    SourceDates,
)
from ownersrep.interchange.xer_tables import XerFile, XerRow
from ownersrep.interchange.xer_wbs import WbsTree

_KINDS = {
    "TT_Task": TaskKind.TASK,
    "TT_Rsrc": TaskKind.TASK,
    "TT_Mile": TaskKind.MILESTONE,
    "TT_FinMile": TaskKind.MILESTONE,
    "TT_LOE": TaskKind.TASK,
    "TT_WBS": TaskKind.TASK,
}
# Activity types whose duration P6 derives and our engine cannot (yet): (what, from what).
_NOT_MODELLED = {
    "TT_LOE": ("level of effort", "between its links"),
    "TT_WBS": ("WBS summary activity", "over the activities of its WBS"),
}
_CONSTRAINTS = {
    "CS_ALAP": ConstraintType.ALAP,
    "CS_MSO": ConstraintType.MSO,
    "CS_MSOA": ConstraintType.SNET,
    "CS_MSOB": ConstraintType.SNLT,
    "CS_MEO": ConstraintType.MFO,
    "CS_MEOA": ConstraintType.FNET,
    "CS_MEOB": ConstraintType.FNLT,
    "CS_MANDSTART": ConstraintType.MSO,
    "CS_MANDFIN": ConstraintType.MFO,
}
_MANDATORY = {
    "CS_MANDSTART": ("mandatory start", "must start on"),
    "CS_MANDFIN": ("mandatory finish", "must finish on"),
}
_LINK_TYPES = {"FS": LinkType.FS, "SS": LinkType.SS, "FF": LinkType.FF, "SF": LinkType.SF}
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
NOTE_LIMIT = 20  # per kind of note; the rest are counted in one line


@dataclass(frozen=True)
class ProjectRules:
    """Settings of the P6 project that change how its rows read."""

    proj_id: str
    critical_by_driving_path: bool  # PROJECT.critical_path_type = CT_DrivPath
    critical_float: int  # minutes: critical when total float ≤ this (CT_TotFloat)
    lag_calendar: str  # SCHEDOPTIONS.sched_calendar_on_relationship_lag


class Notes:
    """Warnings about single rows, at most NOTE_LIMIT of a kind; the rest are counted."""

    def __init__(self) -> None:
        self._by_kind: dict[str, list[str]] = {}

    def add(self, kind: str, text: str) -> None:
        self._by_kind.setdefault(kind, []).append(text)

    def lines(self) -> list[str]:
        out: list[str] = []
        for kind, texts in self._by_kind.items():
            out += texts[:NOTE_LIMIT]
            if len(texts) > NOTE_LIMIT:
                out.append(f"… and {len(texts) - NOTE_LIMIT} more: {kind}.")
        return out


# -- TASK ---------------------------------------------------------------------------------


def read_activities(
    xer: XerFile, rows: list[XerRow], tree: WbsTree, calendars: set[str], rules: ProjectRules
) -> tuple[list[ImportedTask], list[str]]:
    notes = Notes()
    tasks: list[ImportedTask] = []
    seen: dict[str, XerRow] = {}
    for row in rows:
        key = row.get("task_id")
        if not key:
            raise xer.error(row.where, "an activity without a task_id")
        if key in seen:
            raise xer.error(row.where, f"task_id {key} is already used by {seen[key].where}")
        seen[key] = row
        calendar = row.get("clndr_id")
        if calendar and calendar not in calendars:
            raise xer.error(
                row.where,
                f"activity {row.get('task_code') or key} uses calendar {calendar}, "
                "which is not in the CALENDAR table",
            )
        tasks.append(_activity(xer, row, tree, rules, notes))
    return tasks, notes.lines()


def _activity(
    xer: XerFile, row: XerRow, tree: WbsTree, rules: ProjectRules, notes: Notes
) -> ImportedTask:
    code = row.get("task_code")
    name = row.get("task_name") or code
    label = f"Activity {code} '{name}'" if code else f"Activity '{name}'"
    task_type = row.get("task_type")
    kind = _KINDS.get(task_type, TaskKind.TASK)
    if task_type in _NOT_MODELLED:
        what, span = _NOT_MODELLED[task_type]
        notes.add(
            f"{what} activities",
            f"{label} is a {what}: imported as an ordinary task with its current duration; "
            f"OwnersRep does not stretch it {span} as P6 does.",
        )
    elif task_type and task_type not in _KINDS:
        notes.add("unknown activity types", f"{label}: type {task_type} read as a task.")
    complete = row.get("status_code") == "TK_Complete"
    duration = _minutes(xer, row, "target_drtn_hr_cnt") or 0
    remaining = _minutes(xer, row, "remain_drtn_hr_cnt")
    if kind is TaskKind.MILESTONE:
        duration, remaining = 0, 0
    if complete:
        remaining = 0
    actual_start = date_value(xer, row, "act_start_date")
    actual_finish = date_value(xer, row, "act_end_date")
    early_start = date_value(xer, row, "early_start_date")
    early_finish = date_value(xer, row, "early_end_date")
    total_float = _minutes(xer, row, "total_float_hr_cnt")
    constraint, constraint_date, deadline = _constraints(xer, row, label, notes)
    baseline_start = date_value(xer, row, "target_start_date")
    baseline_finish = date_value(xer, row, "target_end_date")
    baselines = ()
    if baseline_start is not None or baseline_finish is not None:
        baselines = (ImportedBaseline(0, baseline_start, baseline_finish, duration),)
    return ImportedTask(
        key=row.get("task_id"),
        name=name,
        parent_key=tree.parent_key(row.get("wbs_id")),
        kind=kind,
        wbs=code,
        duration=duration,
        calendar_key=row.get("clndr_id") or None,
        constraint=constraint,
        constraint_date=constraint_date,
        deadline=deadline,
        start=actual_start or early_start,
        finish=actual_finish or early_finish,
        actual_start=actual_start,
        actual_finish=actual_finish,
        percent_complete=_percent(xer, row, complete, duration, remaining),
        remaining=remaining,
        source=SourceDates(
            early_start=early_start,
            early_finish=early_finish,
            late_start=date_value(xer, row, "late_start_date"),
            late_finish=date_value(xer, row, "late_end_date"),
            total_float=total_float,
            free_float=_minutes(xer, row, "free_float_hr_cnt"),
            critical=_critical(row, total_float, complete, rules),
        ),
        baselines=baselines,
    )


def _constraints(
    xer: XerFile, row: XerRow, label: str, notes: Notes
) -> tuple[ConstraintType, datetime | None, datetime | None]:
    """(constraint, its date, deadline). A secondary "finish on or before" becomes the
    deadline (it bounds late dates only, as a deadline does); other second constraints
    cannot be held and are reported."""
    kind = ConstraintType.ASAP
    when: datetime | None = None
    deadline: datetime | None = None
    for type_field, date_field, primary in (
        ("cstr_type", "cstr_date", True),
        ("cstr_type2", "cstr_date2", False),
    ):
        code = row.get(type_field)
        if not code:
            continue
        mapped = _CONSTRAINTS.get(code)
        date = date_value(xer, row, date_field)
        if mapped is None:
            notes.add("unknown constraints", f"{label}: constraint {code} is unknown; ignored.")
            continue
        if mapped.needs_date and date is None:
            notes.add("constraints without a date", f"{label}: {code} has no date; ignored.")
            continue
        if primary:
            kind, when = mapped, (date if mapped.needs_date else None)
            if code in _MANDATORY:
                p6_name, ours = _MANDATORY[code]
                notes.add(
                    "mandatory constraints",
                    f"{label}: P6's {p6_name} constraint was imported as '{ours}'; "
                    "in P6 a mandatory date may override the activity's links.",
                )
        elif mapped is ConstraintType.FNLT:
            deadline = date
        else:
            notes.add(
                "secondary constraints",
                f"{label}: the second constraint {code} cannot be kept; it was dropped.",
            )
    return kind, when, deadline


def _percent(
    xer: XerFile, row: XerRow, complete: bool, duration: int, remaining: int | None
) -> float:
    if complete:
        return 100.0
    if row.get("complete_pct_type") == "CP_Phys":
        value = _number(xer, row, "phys_complete_pct") or 0.0
    elif duration > 0 and remaining is not None:
        value = 100.0 * (duration - remaining) / duration
    else:
        value = 0.0
    return min(100.0, max(0.0, value))


def _critical(
    row: XerRow, total_float: int | None, complete: bool, rules: ProjectRules
) -> bool | None:
    """P6's own answer: the longest path, or total float at or under the threshold,
    whichever the project is set to; a finished activity is not critical."""
    driving = row.get("driving_path_flag")
    if complete:
        return False
    if rules.critical_by_driving_path:
        return driving == "Y" if driving else None
    if total_float is not None:
        return total_float <= rules.critical_float
    return driving == "Y" if driving else None


# -- TASKPRED -----------------------------------------------------------------------------


def read_links(
    xer: XerFile,
    tasks: dict[str, ImportedTask],
    projects_of: dict[str, str],
    rules: ProjectRules,
    default_calendar: str,
) -> tuple[list[ImportedLink], int, list[str]]:
    """Links between this project's activities; returns (links, skipped, warnings).
    `projects_of` maps every task_id in the file to its project."""
    notes = Notes()
    links: list[ImportedLink] = []
    skipped = 0
    other_calendar = 0
    elapsed = rules.lag_calendar == "rcal_24Hour"
    for row in xer.rows("TASKPRED"):
        succ, pred = row.get("task_id"), row.get("pred_task_id")
        row_project = row.get("proj_id") or rules.proj_id
        if succ not in projects_of:
            if row_project == rules.proj_id:
                raise xer.error(
                    row.where, f"task_id {succ or '(empty)'} is not an activity in the file"
                )
            continue
        if pred not in projects_of and (row.get("pred_proj_id") or row_project) == row_project:
            if succ in tasks:
                raise xer.error(
                    row.where, f"pred_task_id {pred or '(empty)'} is not an activity in the file"
                )
            continue
        if succ not in tasks and pred not in tasks:
            continue  # a link of another project in the same file
        if succ not in tasks or pred not in tasks:
            skipped += 1
            inside, outside = (succ, pred) if succ in tasks else (pred, succ)
            project = projects_of.get(outside) or row.get("pred_proj_id")
            notes.add(
                "links to other projects",
                f"{row.where}: the link between {_label(tasks[inside])} and activity "
                f"{outside} of project {project} was skipped (that project is not imported).",
            )
            continue
        link_type = _LINK_TYPES.get(row.get("pred_type").removeprefix("PR_"))
        if link_type is None:
            raise xer.error(row.where, f"pred_type {row.get('pred_type')!r} is not PR_FS/SS/FF/SF")
        lag = _minutes(xer, row, "lag_hr_cnt") or 0
        if lag and not elapsed:
            theirs = _p6_lag_calendar(tasks[succ], rules, default_calendar)
            other_calendar += theirs not in (None, tasks[pred].calendar_key or default_calendar)
        links.append(
            ImportedLink(
                predecessor_key=pred,
                successor_key=succ,
                type=link_type,
                lag=lag,
                lag_unit=LagUnit.ELAPSED if elapsed else LagUnit.WORKING,
            )
        )
    warnings = notes.lines()
    if other_calendar:
        warnings.append(
            f"{other_calendar} link(s) have a lag that P6 counts on the "
            f"{_lag_calendar_name(rules)} (a scheduling option of this project) and "
            "OwnersRep on the predecessor's, which is another calendar; their dates may differ."
        )
    return links, skipped, warnings


def _p6_lag_calendar(succ: ImportedTask, rules: ProjectRules, default_calendar: str) -> str | None:
    """The calendar P6 counts a working lag on when it is not the predecessor's (which is
    P6's default, and the engine's rule for P6 files); None when it is."""
    if rules.lag_calendar == "rcal_Successor":
        return succ.calendar_key or default_calendar
    if rules.lag_calendar == "rcal_ProjDefault":
        return default_calendar
    return None


def _lag_calendar_name(rules: ProjectRules) -> str:
    if rules.lag_calendar == "rcal_ProjDefault":
        return "project's default calendar"
    return "successor's calendar"


def _label(task: ImportedTask) -> str:
    return f"{task.wbs} '{task.name}'" if task.wbs else f"'{task.name}'"


# -- values -------------------------------------------------------------------------------


def date_value(xer: XerFile, row: XerRow, field: str) -> datetime | None:
    """A P6 date, "yyyy-mm-dd hh:mm" (seconds and the time may be missing)."""
    text = row.get(field)
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match is not None:
        try:
            return datetime(*(int(part) for part in match.groups(default="0")))
        except ValueError:
            pass
    raise xer.error(row.where, f"{field} {text!r} is not a date (yyyy-mm-dd hh:mm)")


def _number(xer: XerFile, row: XerRow, field: str) -> float | None:
    text = row.get(field)
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise xer.error(row.where, f"{field} {text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise xer.error(row.where, f"{field} {text!r} is not a number")
    return value


def _minutes(xer: XerFile, row: XerRow, field: str) -> int | None:
    """Hours in the file → whole minutes."""
    hours = _number(xer, row, field)
    return None if hours is None else round(hours * 60)
