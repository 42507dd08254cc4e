"""Read a Primavera P6 XER file into an `ImportedSchedule`.

Tables read: PROJECT (data date, start, default calendar, critical-path setting),
PROJWBS (the WBS, as summary tasks), TASK (activities with P6's own early/late dates,
floats and critical flag), TASKPRED (relationships), CALENDAR (`clndr_data`) and
SCHEDOPTIONS (which calendar lags run on). Resource assignments, codes, UDFs and the
like are counted in `skipped`. A file that cannot be read raises ScheduleFileError
naming the file, the table and the row; nothing is returned half-read.

`xerparser` (PyPI, 0.13.9) was evaluated and not used: it cannot read a P6 6 export
(CONSRTRUCTION.xer has no `day_hr_cnt`: KeyError), decodes with `errors="ignore"` (UTF-8
text turns to mojibake), refuses a file without ERMHDR, answers a truncated row or an
unknown task with a bare KeyError naming no table or row, reads `clndr_data` with
regular expressions, needs html-sanitizer (lxml) and is GPL-3.0-only.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from ownersrep.domain.scheduling.model import CalendarSpec
from ownersrep.interchange.schedule_file import ImportedSchedule, ImportedTask
from ownersrep.interchange.xer_activities import (
    ProjectRules,
    date_value,
    read_activities,
    read_links,
)
from ownersrep.interchange.xer_calendar import (
    DEFAULT_WEEK,
    ClndrData,
    ClndrDataError,
    calendar_spec,
    read_clndr_data,
)
from ownersrep.interchange.xer_tables import XerFile, XerRow, load_xer
from ownersrep.interchange.xer_wbs import check_wbs_ids, outline, read_wbs, wbs_summaries

# Tables whose rows are project content we do not import, with the words the preview uses.
SKIPPED_TABLES = (
    ("TASKRSRC", "resource assignments"),
    ("RSRC", "resources"),
    ("RSRCRATE", "resource rates"),
    ("ROLES", "roles"),
    ("TASKACTV", "activity codes"),
    ("UDFVALUE", "UDF values"),
    ("TASKMEMO", "notebook entries"),
    ("TASKNOTE", "activity notes"),
    ("TASKPROC", "activity steps"),
    ("PROJCOST", "expenses"),
    ("TASKFIN", "financial period values"),
    ("TRSRCFIN", "financial period values"),
    ("RISK", "risks"),
    ("ISSUE", "issues"),
    ("DOCUMENT", "documents"),
)
FALLBACK_CALENDAR = "p6-default"


def list_xer_projects(path: str | Path) -> list[tuple[str, str]]:
    """The projects exported in the file, as (proj_id, "short name — name"), for a picker."""
    xer = load_xer(path)
    return [(row.get("proj_id"), _title(xer, row)) for row in _exported_projects(xer)]


def read_xer(path: str | Path, project: str | None = None) -> ImportedSchedule:
    """Read one project of an XER file. `project` is a proj_id or short name, None when
    the file holds a single project. Raises ScheduleFileError."""
    xer = load_xer(path)
    row = _choose_project(xer, project)
    proj_id = row.get("proj_id")
    if not xer.has("TASK"):
        raise xer.error("TASK", "the file has no TASK table, so no activities to import")
    task_rows = [r for r in xer.rows("TASK") if r.get("proj_id") in ("", proj_id)]
    warnings = list(xer.warnings)

    tree, wbs_warnings = read_wbs(xer, proj_id, row.get("name_sep_char") or ".")
    warnings += wbs_warnings
    check_wbs_ids(xer, tree, task_rows)

    calendar_rows = _calendar_rows(xer)
    rules = _rules(xer, row)
    activities, task_warnings = read_activities(xer, task_rows, tree, set(calendar_rows), rules)
    warnings += task_warnings
    calendars, default_calendar, calendar_warnings = _calendars(xer, row, calendar_rows, activities)
    warnings += calendar_warnings

    by_key = {t.key: t for t in activities}
    projects_of = {r.get("task_id"): r.get("proj_id") or proj_id for r in xer.rows("TASK")}
    links, external, link_warnings = read_links(xer, by_key, projects_of, rules, default_calendar)
    warnings += link_warnings

    if not activities:
        warnings.append(f"{row.where}: the project has no activities in the TASK table.")
    tasks = outline(tree, wbs_summaries(tree), activities)
    skipped = _skipped(xer, proj_id, calendar_rows, calendars, external)
    start = date_value(xer, row, "plan_start_date") or _earliest(tasks)
    if start is None:
        raise xer.error(row.where, "the project has no plan_start_date and no dated activity")
    return ImportedSchedule(
        path=str(path),
        format="xer",
        project_name=tree.root_name or row.get("proj_short_name") or Path(path).stem,
        start=start,
        status_date=date_value(xer, row, "last_recalc_date"),
        calendars=tuple(calendars),
        default_calendar=default_calendar,
        tasks=tasks,
        links=tuple(links),
        warnings=tuple(warnings),
        skipped=tuple(skipped),
        finish=date_value(xer, row, "scd_end_date"),
    )


# -- the project --------------------------------------------------------------------------


def _exported_projects(xer: XerFile) -> list[XerRow]:
    rows = xer.rows("PROJECT")
    if not rows:
        raise xer.error("PROJECT", "the file has no PROJECT table (or it is empty)")
    exported = [r for r in rows if r.get("export_flag") != "N"]
    return exported or rows


def _choose_project(xer: XerFile, wanted: str | None) -> XerRow:
    rows = _exported_projects(xer)
    if wanted is None:
        if len(rows) == 1:
            return rows[0]
        names = "; ".join(f"{r.get('proj_id')} ({_title(xer, r)})" for r in rows)
        raise xer.error("PROJECT", f"the file holds {len(rows)} projects: {names}; choose one")
    for row in rows:
        if wanted == row.get("proj_id"):
            return row
    matches = [r for r in rows if r.get("proj_short_name").casefold() == wanted.casefold()]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(f"{r.get('proj_id')} ({_title(xer, r)})" for r in rows)
    raise xer.error("PROJECT", f"no single project {wanted!r} in the file; it holds: {names}")


def _title(xer: XerFile, row: XerRow) -> str:
    short = row.get("proj_short_name")
    name = next(
        (
            w.get("wbs_name")
            for w in xer.rows("PROJWBS")
            if w.get("proj_id") == row.get("proj_id") and w.get("proj_node_flag") == "Y"
        ),
        "",
    )
    return f"{short} — {name}" if short and name and name != short else short or name


def _rules(xer: XerFile, row: XerRow) -> ProjectRules:
    proj_id = row.get("proj_id")
    options = next((r for r in xer.rows("SCHEDOPTIONS") if r.get("proj_id") == proj_id), None)
    threshold = row.get("critical_drtn_hr_cnt")
    try:
        critical_float = round(float(threshold) * 60) if threshold else 0
    except ValueError:
        raise xer.error(row.where, f"critical_drtn_hr_cnt {threshold!r} is not a number") from None
    return ProjectRules(
        proj_id=proj_id,
        critical_by_driving_path=row.get("critical_path_type") == "CT_DrivPath",
        critical_float=critical_float,
        lag_calendar=(options.get("sched_calendar_on_relationship_lag") if options else "")
        or "rcal_Predecessor",
    )


# -- calendars ----------------------------------------------------------------------------


def _calendar_rows(xer: XerFile) -> dict[str, XerRow]:
    rows: dict[str, XerRow] = {}
    for row in xer.rows("CALENDAR"):
        key = row.get("clndr_id")
        if not key:
            raise xer.error(row.where, "a calendar without a clndr_id")
        if key in rows:
            raise xer.error(row.where, f"clndr_id {key} is already used by {rows[key].where}")
        rows[key] = row
    return rows


def _calendars(
    xer: XerFile, project: XerRow, rows: dict[str, XerRow], activities: list[ImportedTask]
) -> tuple[list[CalendarSpec], str, list[str]]:
    """The calendars the activities use, plus the project's default; and that default."""
    warnings: list[str] = []
    used = Counter(t.calendar_key for t in activities if t.calendar_key)
    default = project.get("clndr_id")
    if default not in rows:
        fallback = next((k for k, r in rows.items() if r.get("default_flag") == "Y"), None)
        fallback = fallback or (used.most_common(1)[0][0] if used else None)
        if default:
            warnings.append(
                f"{project.where}: the project's calendar {default} is not in the file; "
                f"calendar {fallback or 'Mon–Fri 08:00–16:00'} is the default instead."
            )
        default = fallback
    if default is None:
        spec = CalendarSpec(FALLBACK_CALENDAR, "Mon–Fri 08:00–16:00", week=DEFAULT_WEEK)
        return [spec], FALLBACK_CALENDAR, warnings
    parsed: dict[str, ClndrData] = {}

    def data(key: str) -> ClndrData:
        if key not in parsed:
            row = rows[key]
            try:
                parsed[key] = read_clndr_data(row.get("clndr_data"))
            except ClndrDataError as exc:
                name = row.get("clndr_name") or key
                raise xer.error(row.where, f"clndr_data of calendar '{name}': {exc}") from None
        return parsed[key]

    specs: list[CalendarSpec] = []
    for key in sorted({default, *used}, key=lambda k: (k != default, rows[k].get("clndr_name"))):
        row = rows[key]
        base_key = row.get("base_clndr_id")
        if base_key and base_key not in rows:
            warnings.append(
                f"{row.where}: base calendar {base_key} is not in the file; "
                "this calendar was read on its own."
            )
        base = data(base_key) if base_key in rows and base_key != key else None
        spec, notes = calendar_spec(row, data(key), base)
        specs.append(spec)
        warnings += notes
    return specs, default, warnings


# -- the rest -----------------------------------------------------------------------------


def _skipped(
    xer: XerFile,
    proj_id: str,
    calendar_rows: dict[str, XerRow],
    calendars: list[CalendarSpec],
    external_links: int,
) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for table, label in SKIPPED_TABLES:
        rows = [r for r in xer.rows(table) if r.get("proj_id") in ("", proj_id)]
        if rows:
            counts[label] = counts.get(label, 0) + len(rows)
    if external_links:
        counts["links to other projects"] = external_links
    unused = len(calendar_rows) - sum(1 for c in calendars if c.key in calendar_rows)
    if unused:
        counts["unused calendars"] = unused
    others = len(_exported_projects(xer)) - 1
    if others:
        counts["other projects in the file"] = others
    return list(counts.items())


def _earliest(tasks: tuple[ImportedTask, ...]) -> datetime | None:
    return min((t.start for t in tasks if t.start is not None), default=None)
