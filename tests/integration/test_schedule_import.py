"""Schedule import, end to end: every real file goes in whole (counts equal the preview's
and the file's own, values land where they belong, every row is audited), and every
malformed file is refused with a message naming the file, the element or table and the
row, leaving the workspace exactly as it was."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from defusedxml import ElementTree
from sqlalchemy import func, select

from ownersrep.db.models import (
    AuditEntry,
    Baseline,
    BaselineTask,
    Calendar,
    Project,
    Task,
    TaskLink,
)
from ownersrep.db.workspace import Workspace
from ownersrep.domain.enums import IssueType, LinkType
from ownersrep.domain.errors import ValidationError
from ownersrep.interchange.import_checks import our_schedule
from ownersrep.interchange.import_preview import ImportPreview
from ownersrep.interchange.importer import ScheduleImporter
from ownersrep.interchange.reader import read_schedule
from ownersrep.interchange.schedule_file import ImportedLink, ScheduleFileError
from ownersrep.services.app_services import AppServices
from ownersrep.services.baseline_service import BaselineService
from ownersrep.services.context import ServiceContext
from tests.helpers.imported_schedules import DAY, at, clinic_schedule, with_loop
from tests.helpers.schedules import SCHEDULES
from tests.helpers.workspace_fingerprint import fingerprint

# Undo and redo leave an audit trail, and with it a new AUTOINCREMENT high-water mark.
UNAUDITED = ("audit_entry", "sqlite_sequence")
MSPDI_FILES = sorted((SCHEDULES / "mspdi").glob("*.xml"))
XER_FILES = [
    SCHEDULES / "xer" / name
    for name in (
        "bhatticoder__CONSRTRUCTION.xer",
        "constology__wk2.xer",
        "bhatticoder__Convention_Exhibition_Center_Roads_Utilities.xer",
    )
]
needs_files = pytest.mark.skipif(
    not (SCHEDULES / "xer").is_dir(), reason=f"no schedule files at {SCHEDULES}"
)


@pytest.fixture
def importer(ctx: ServiceContext) -> ScheduleImporter:
    return ScheduleImporter(ctx)


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def existing(services: AppServices) -> int:
    """A project already in the workspace, which no import may touch."""
    pid = services.projects.create("Riverside Medical Clinic").value.id
    services.tasks.create_task(pid, None, "Design development")
    services.issues.create(pid, IssueType.RFI, "Fire-rated ceiling at Level 2 corridor")
    return pid


def count(ctx: ServiceContext, model: type, project_id: int) -> int:
    with ctx.sessions() as s:
        query = select(func.count()).select_from(model).where(model.project_id == project_id)
        return s.scalar(query)


def audited(ctx: ServiceContext, entity: str, ids: list[int]) -> int:
    with ctx.sessions() as s:
        return s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.entity == entity,
                AuditEntry.action == "insert",
                AuditEntry.entity_id.in_(ids),
            )
        )


# -- a hand-built schedule: every field lands where it belongs ---------------------------
def test_a_schedule_becomes_a_project(
    ctx: ServiceContext, importer: ScheduleImporter, existing: int
) -> None:
    schedule = clinic_schedule()
    steps: list[tuple[int, int]] = []
    out = importer.import_schedule(schedule, progress=lambda d, t: steps.append((d, t)))
    result = out.value
    pid = result.project_id
    assert result.project_name == "Riverside Clinic — enabling works"
    assert (result.tasks, result.links, result.calendars, result.baselines) == (7, 5, 2, 1)
    assert result.warnings[0].startswith("Task 4: the resource “Crane 2”")
    assert out.changes.structural and out.changes.touches("project", pid)
    assert out.changes.touches("task", pid) and len(out.changes.ids_of("task")) == 7
    assert steps[0] == (0, steps[0][1]) and steps[-1] == (steps[-1][1], steps[-1][1])
    assert [d for d, _t in steps] == sorted(d for d, _t in steps)

    ours = our_schedule(schedule)
    with ctx.sessions() as s:
        project = s.get(Project, pid)
        assert project is not None
        assert (project.kind, project.currency, project.source_format) == (
            "construction",
            "USD",
            "mspdi",
        )
        assert project.source_file == "riverside-clinic.xml"
        assert project.status_date == date(2027, 3, 2)
        assert project.planned_start == ours.result.project_start.date()
        assert "Imported from riverside-clinic.xml (MS Project XML)" in project.description
        cals = {c.key: c for c in s.scalars(select(Calendar).where(Calendar.project_id == pid))}
        assert cals["standard"].is_default and not cals["night"].is_default
        tasks = {t.source_key: t for t in s.scalars(select(Task).where(Task.project_id == pid))}
        links = list(s.scalars(select(TaskLink).where(TaskLink.project_id == pid)))
        baseline = s.scalars(select(Baseline).where(Baseline.project_id == pid)).one()
        base_rows = s.scalars(
            select(BaselineTask).where(BaselineTask.baseline_id == baseline.id)
        ).all()

    # The tree, in file order.
    assert tasks["2"].parent_id == tasks["1"].id and tasks["7"].parent_id == tasks["5"].id
    assert [tasks[k].sort_order for k in "1234567"] == [0, 0, 1, 2, 1, 0, 1]
    assert [tasks[k].kind for k in "157"] == ["summary", "summary", "milestone"]
    # Durations in days of the task's calendar; the exact minutes when not whole days.
    assert (tasks["3"].duration_days, tasks["3"].work_minutes) == (5, None)
    assert (tasks["4"].duration_days, tasks["4"].work_minutes) == (2, DAY + 240)
    assert tasks["4"].calendar_id == cals["night"].id and tasks["3"].calendar_id is None
    # Constraints, deadline, progress, and the file's own dates kept beside ours.
    assert (tasks["3"].constraint_type, tasks["3"].constraint_date) == ("snet", at(2))
    assert tasks["6"].deadline == at(31, 17)
    assert (tasks["2"].actual_start, tasks["2"].percent_complete) == (at(1), 40)
    assert tasks["2"].remaining_minutes == 2 * DAY
    assert (tasks["4"].src_early_start, tasks["4"].src_late_finish) == (at(4), at(9, 12))
    assert (tasks["4"].src_total_float, tasks["4"].src_critical) == (4 * DAY, False)
    # Stored dates are our engine's early dates.
    for key, task in tasks.items():
        dates = ours.result.dates[ours.ids[key]]
        assert task.start == dates.early_start.date(), key
    # Links: exact minutes, rounded days, elapsed marked.
    by_pair = {(lk.predecessor_id, lk.successor_id): lk for lk in links}
    ss = by_pair[(tasks["2"].id, tasks["4"].id)]
    assert (ss.link_type, ss.lag_days, ss.lag_minutes, ss.lag_elapsed) == ("SS", 2, 960, False)
    elapsed = by_pair[(tasks["4"].id, tasks["6"].id)]
    assert (elapsed.lag_days, elapsed.lag_minutes, elapsed.lag_elapsed) == (2, 36 * 60, True)
    # The baseline and its task rows.
    assert (baseline.name, baseline.number) == ("Baseline", 0)
    # ... compared from the start, so the variance column shows against it.
    assert [r.compared for r in BaselineService(ctx).list_baselines(pid)] == [True]
    assert {(b.task_id, b.start) for b in base_rows} == {
        (tasks["2"].id, at(1)),
        (tasks["3"].id, at(4)),
    }
    # Every row audited.
    assert audited(ctx, "project", [pid]) == 1
    assert audited(ctx, "task", [t.id for t in tasks.values()]) == 7
    assert audited(ctx, "task_link", [lk.id for lk in links]) == 5
    assert audited(ctx, "calendar", [c.id for c in cals.values()]) == 2
    assert audited(ctx, "baseline", [baseline.id]) == 1
    assert count(ctx, Task, existing) == 1  # the other project is untouched


def test_a_name_in_use_gets_a_number(importer: ScheduleImporter, existing: int) -> None:
    first = importer.import_schedule(clinic_schedule()).value
    second = importer.import_schedule(clinic_schedule()).value
    assert second.project_name == f"{first.project_name} (2)"
    assert importer.suggest_name(first.project_name) == f"{first.project_name} (3)"
    named = importer.import_schedule(clinic_schedule(), name="riverside medical clinic").value
    assert named.project_name == "riverside medical clinic (2)"
    assert second.project_id > first.project_id


def test_ids_are_never_reused_after_a_delete(
    ctx: ServiceContext, importer: ScheduleImporter, services: AppServices
) -> None:
    first = importer.import_schedule(clinic_schedule()).value
    with ctx.sessions() as s:
        top_task = s.scalar(select(func.max(Task.id)))
    importer.remove(first.project_id)
    again = importer.import_schedule(clinic_schedule()).value
    assert again.project_id > first.project_id
    with ctx.sessions() as s:
        assert s.scalar(select(func.min(Task.id))) > top_task


def test_remove_and_restore_bring_back_every_row(
    workspace: Workspace, importer: ScheduleImporter, existing: int
) -> None:
    pid = importer.import_schedule(clinic_schedule()).value.project_id
    imported = fingerprint(workspace, skip=UNAUDITED)
    snapshot = importer.remove(pid).value
    assert snapshot.count(Calendar) == 2 and snapshot.count(BaselineTask) == 2
    with workspace.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Calendar)) == 0
        removed = s.scalars(select(AuditEntry.entity).where(AuditEntry.action == "delete")).all()
    assert Counter(removed) == {
        "task": 7,
        "task_link": 5,
        "calendar": 2,
        "baseline": 1,
        "project": 1,
    }
    importer.restore(snapshot)
    assert fingerprint(workspace, skip=UNAUDITED) == imported


# -- refusals of a hand-built schedule: nothing written ----------------------------------
Refusal = Callable[[ScheduleImporter], object]

REFUSALS = [
    pytest.param(
        lambda imp: imp.import_schedule(with_loop(clinic_schedule())),
        ScheduleFileError,
        ["riverside-clinic.xml", "cannot be scheduled"],
        id="engine loop",
    ),
    pytest.param(
        lambda imp: imp.import_schedule(
            replace(clinic_schedule(), links=(ImportedLink("2", "99", LinkType.FS),))
        ),
        ScheduleFileError,
        ["riverside-clinic.xml", "link 1 (2 → 99)", "task id 99 is not in the file"],
        id="link to a task not in the schedule",
    ),
    pytest.param(
        lambda imp: imp.import_schedule(
            replace(
                clinic_schedule(),
                tasks=tuple(
                    replace(t, calendar_key="7x24") if t.key == "6" else t
                    for t in clinic_schedule().tasks
                ),
            )
        ),
        ScheduleFileError,
        ["riverside-clinic.xml", "task 6 “Piling” (id 6)", "calendar (id 7x24) is not in the file"],
        id="unknown calendar",
    ),
    pytest.param(
        lambda imp: imp.import_schedule(
            replace(clinic_schedule(), tasks=clinic_schedule().tasks[1:])
        ),
        ScheduleFileError,
        ["task 1 “Site set-up and hoarding” (id 2)", "parent (id 1) is not listed before it"],
        id="orphan task",
    ),
    pytest.param(
        lambda imp: imp.import_schedule(clinic_schedule(), program_id=999),
        ValidationError,
        ["Program: program #999 does not exist"],
        id="unknown program",
    ),
    pytest.param(
        lambda imp: imp.import_schedule(clinic_schedule(), name="   "),
        ValidationError,
        ["Project name: is required"],
        id="blank name",
    ),
]


@pytest.mark.parametrize(("action", "error", "fragments"), REFUSALS)
def test_a_refused_schedule_writes_nothing(
    workspace: Workspace,
    importer: ScheduleImporter,
    existing: int,
    action: Refusal,
    error: type[Exception],
    fragments: list[str],
) -> None:
    before = fingerprint(workspace)
    with pytest.raises(error) as refused:
        action(importer)
    for fragment in fragments:
        assert fragment in str(refused.value)
    assert fingerprint(workspace) == before


# -- the real files ----------------------------------------------------------------------
def _file_tasks_and_links(path: Path, schedule_skipped: dict[str, int]) -> tuple[int, int]:
    """The file's own count of tasks and links, read independently of our readers."""
    if path.suffix == ".xml":
        root = ElementTree.parse(path).getroot()
        ns = {"p": "http://schemas.microsoft.com/project"}
        tasks = [
            t for t in root.findall("p:Tasks/p:Task", ns) if t.findtext("p:UID", "", ns) != "0"
        ]
        dropped = sum(
            schedule_skipped.get(what, 0)
            for what in ("blank rows", "inactive tasks", "external tasks (from other projects)")
        )
        links = sum(len(t.findall("p:PredecessorLink", ns)) for t in tasks)
        dropped_links = sum(n for what, n in schedule_skipped.items() if "links" in what)
        return len(tasks) - dropped, links - dropped_links
    text = path.read_bytes().decode("cp1252", errors="replace")
    tables: dict[str, list[dict[str, str]]] = {}
    fields: list[str] = []
    name = ""
    for line in text.splitlines():
        parts = line.split("\t")
        if parts[0] == "%T":
            name = parts[1]
            tables[name] = []
        elif parts[0] == "%F":
            fields = parts[1:]
        elif parts[0] == "%R":
            tables[name].append(dict(zip(fields, parts[1:], strict=False)))
    (project,) = [p for p in tables["PROJECT"] if p.get("export_flag", "Y") == "Y"]
    pid = project["proj_id"]
    task_ids = {t["task_id"] for t in tables["TASK"] if t["proj_id"] == pid}
    wbs = [w for w in tables["PROJWBS"] if w["proj_id"] == pid and w["proj_node_flag"] != "Y"]
    links = [
        p for p in tables["TASKPRED"] if p["task_id"] in task_ids and p["pred_task_id"] in task_ids
    ]
    return len(task_ids) + len(wbs), len(links)


@needs_files
@pytest.mark.parametrize("path", MSPDI_FILES + XER_FILES, ids=lambda p: p.name)
def test_a_real_file_imports_whole(
    ctx: ServiceContext, importer: ScheduleImporter, existing: int, path: Path
) -> None:
    schedule = read_schedule(path)
    preview = ImportPreview.of(schedule)
    result = importer.import_schedule(schedule).value
    pid = result.project_id

    file_tasks, file_links = _file_tasks_and_links(path, dict(schedule.skipped))
    assert count(ctx, Task, pid) == preview.rows == result.tasks == file_tasks
    assert count(ctx, TaskLink, pid) == preview.links == result.links == file_links
    assert count(ctx, Calendar, pid) == preview.calendars == result.calendars
    assert count(ctx, Baseline, pid) == len(preview.baselines) == result.baselines
    with ctx.sessions() as s:
        rows = s.execute(
            select(Task.id, Task.source_key, Task.src_early_start, Task.start, Task.manual).where(
                Task.project_id == pid
            )
        ).all()
        project = s.get(Project, pid)
        assert project is not None
        assert project.source_file == path.name
        assert project.status_date == (schedule.status_date and schedule.status_date.date())
        pairs = sum(len(t.baselines) for t in schedule.tasks)
        assert (
            s.scalar(
                select(func.count())
                .select_from(BaselineTask)
                .join(Task, Task.id == BaselineTask.task_id)
                .where(Task.project_id == pid)
            )
            == pairs
        )
    by_key = {t.key: t for t in schedule.tasks}
    parents = {t.parent_key for t in schedule.tasks if t.parent_key is not None}
    ours = our_schedule(schedule)
    for _id, key, src_es, start, manual in rows:
        assert src_es == by_key[key].source.early_start, key
        typed = by_key[key].start
        if manual and typed is not None:  # typed in MS Project: kept as typed
            assert start == typed.date(), key
        elif key in parents:  # a summary spans its children's days (schedule_run._days)
            continue
        else:  # scheduled: our engine's early start
            assert start == ours.result.dates[ours.ids[key]].early_start.date(), key
    assert audited(ctx, "task", [r[0] for r in rows]) == len(rows)
    assert audited(ctx, "project", [pid]) == 1
    assert 0 <= result.comparison.matching <= result.comparison.compared <= len(rows)
    assert count(ctx, Task, existing) == 1


KNOWN_TASKS = [
    # file, source key, duration days, work minutes, constraint, its date, file's early start
    ("mspdi/mpxj__mspdirelations.xml", "1", 1, None, "asap", None, datetime(2006, 9, 21, 8)),
    # 100 days in the file, 50 on its calendar between its own dates (MS Project used its
    # resources' calendars): stored as scheduled, so that a later edit reschedules the same.
    ("mspdi/mpxj__legacy-sample.xml", "2", 50, None, "asap", None, datetime(2003, 1, 7, 8)),
    (
        "mspdi/mpxj__legacy-sample.xml",
        "7",
        1,
        None,
        "snet",
        datetime(2003, 2, 1, 8),
        datetime(2003, 2, 3, 8),
    ),
    ("xer/constology__wk2.xer", "106071", 10, None, "asap", None, datetime(2013, 9, 16, 12)),
    (
        "xer/bhatticoder__CONSRTRUCTION.xer",
        "80965",
        5,
        None,
        "asap",
        None,
        datetime(2010, 2, 20, 8),
    ),
    (
        "xer/bhatticoder__Convention_Exhibition_Center_Roads_Utilities.xer",
        "87336",
        8,
        3600,
        "snet",
        datetime(2013, 4, 27),
        datetime(2013, 4, 27, 7),
    ),
]


@needs_files
@pytest.mark.parametrize(
    ("name", "key", "days", "minutes", "constraint", "constraint_date", "early_start"),
    KNOWN_TASKS,
    ids=[f"{Path(k[0]).stem}-{k[1]}" for k in KNOWN_TASKS],
)
def test_a_known_task_keeps_its_values(
    ctx: ServiceContext,
    importer: ScheduleImporter,
    name: str,
    key: str,
    days: int,
    minutes: int | None,
    constraint: str,
    constraint_date: datetime | None,
    early_start: datetime,
) -> None:
    pid = importer.import_schedule(read_schedule(SCHEDULES / name)).value.project_id
    with ctx.sessions() as s:
        task = s.scalars(select(Task).where(Task.project_id == pid, Task.source_key == key)).one()
    assert (task.duration_days, task.work_minutes) == (days, minutes)
    assert (task.constraint_type, task.constraint_date) == (constraint, constraint_date)
    assert task.src_early_start == early_start


# -- malformed files: refused, with a message that finds the problem, nothing written -----
def _sub_once(data: bytes, pattern: bytes, replacement: bytes) -> bytes:
    new, n = re.subn(pattern, replacement, data, count=1, flags=re.S)
    assert n == 1, pattern
    return new


def _xer_value(data: bytes, table: bytes, row: int, field: bytes, value: bytes) -> bytes:
    """Set one value of row `row` (1-based) of an XER table."""
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    lines = data.split(newline)
    at_table = lines.index(b"%T\t" + table)
    column = lines[at_table + 1].split(b"\t").index(field)
    values = lines[at_table + 1 + row].split(b"\t")
    assert values[0] == b"%R"
    values[column] = value
    lines[at_table + 1 + row] = b"\t".join(values)
    return newline.join(lines)


def _task_calendar(data: bytes) -> bytes:
    task = re.search(rb"<UID>3</UID>.*?<CalendarUID>-1</CalendarUID>", data, re.S)
    assert task is not None
    changed = task.group(0).replace(b"<CalendarUID>-1<", b"<CalendarUID>77<")
    return data[: task.start()] + changed + data[task.end() :]


XML = "mspdi/mpxj__mspdirelations.xml"
XER = "xer/constology__wk2.xer"
MALFORMED = [
    pytest.param(
        XML,
        lambda b: b[: len(b) * 6 // 10],
        ["line 558", "<Task> UID 5", "truncated"],
        id="truncated XML",
    ),
    pytest.param(
        XML,
        lambda b: _sub_once(b, rb"<PredecessorUID>2<", b"<PredecessorUID>99<"),
        ["line 441", "Task UID 3 'Task 3'", "<PredecessorLink>", "UID 99 does not exist"],
        id="XML link to an unknown UID",
    ),
    pytest.param(
        XML,
        _task_calendar,
        ["line 372", "Task UID 3 'Task 3'", "<CalendarUID>", "calendar UID 77"],
        id="XML unknown calendar",
    ),
    pytest.param(
        XML,
        lambda b: _sub_once(b, rb"<Name>Task 2</Name>", "<Name>Tâche 2</Name>".encode("cp1252")),
        ["line 296", "<Name>", "wrong encoding", "byte 0xE2"],
        id="XML wrong encoding",
    ),
    pytest.param(
        XER,
        lambda b: b[: len(b) // 2],
        ["TASKRSRC, row 106", "truncated"],
        id="truncated XER",
    ),
    pytest.param(
        XER,
        lambda b: _xer_value(b, b"TASKPRED", 3, b"pred_task_id", b"999999"),
        ["TASKPRED, row 3", "pred_task_id 999999 is not an activity"],
        id="XER unknown predecessor",
    ),
    pytest.param(
        XER,
        lambda b: _xer_value(b, b"TASK", 5, b"clndr_id", b"999999"),
        ["TASK, row 5", "calendar 999999", "not in the CALENDAR table"],
        id="XER unknown calendar",
    ),
    pytest.param(
        XER,
        lambda b: _xer_value(b, b"TASK", 7, b"task_name", b"EXCAV\x81\x8d\x90TION"),
        ["TASK, row 7", "byte 0x81", "encoding"],
        id="XER bad bytes",
    ),
]


@needs_files
@pytest.mark.parametrize(("source", "spoil", "fragments"), MALFORMED)
def test_a_malformed_file_is_refused_and_nothing_is_written(
    workspace: Workspace,
    importer: ScheduleImporter,
    existing: int,
    tmp_path: Path,
    source: str,
    spoil: Callable[[bytes], bytes],
    fragments: list[str],
) -> None:
    importer.import_schedule(clinic_schedule())  # a workspace that already holds an import
    original = SCHEDULES / source
    bad = tmp_path / f"from the contractor{original.suffix}"
    bad.write_bytes(spoil(original.read_bytes()))
    before = fingerprint(workspace)
    with pytest.raises(ScheduleFileError) as refused:
        importer.import_schedule(read_schedule(bad))
    message = str(refused.value)
    assert message.startswith(f"{bad}: ")
    for fragment in fragments:
        assert fragment in message
    assert fingerprint(workspace) == before
