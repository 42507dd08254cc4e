"""MS Project XML files saved by MS Project and other tools: what the reader gets out of
each, and the message it gives for a damaged file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.model import ConstraintType, LagUnit, WorkPeriod
from ownersrep.interchange.mspdi import read_mspdi
from ownersrep.interchange.schedule_file import ImportedSchedule, ScheduleFileError

MSPDI_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "schedules" / "mspdi"
needs_files = pytest.mark.skipif(
    not MSPDI_DIR.is_dir(), reason="../shared/data/schedules/mspdi is not present"
)
pytestmark = needs_files

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
STANDARD = (WorkPeriod(480, 720), WorkPeriod(780, 1020))


def read(name: str) -> ImportedSchedule:
    return read_mspdi(MSPDI_DIR / name)


def task(schedule: ImportedSchedule, key: str):
    return next(t for t in schedule.tasks if t.key == key)


def calendar(schedule: ImportedSchedule, name: str):
    return next(c for c in schedule.calendars if c.name == name)


def links(schedule: ImportedSchedule) -> set[tuple[str, str, LinkType, int, LagUnit]]:
    return {(k.predecessor_key, k.successor_key, k.type, k.lag, k.lag_unit) for k in schedule.links}


# -- every file ----------------------------------------------------------------------


def all_files() -> list[str]:
    return sorted(p.name for p in MSPDI_DIR.glob("*.xml")) if MSPDI_DIR.is_dir() else []


@pytest.mark.parametrize("name", all_files())
def test_every_file_is_consistent(name: str) -> None:
    schedule = read(name)
    assert schedule.format == "mspdi"
    assert schedule.path == str(MSPDI_DIR / name)
    keys = [t.key for t in schedule.tasks]
    assert len(keys) == len(set(keys))
    assert "0" not in keys  # the project summary task is not a task
    seen: set[str] = set()
    for t in schedule.tasks:  # outline order: a parent comes before its children
        assert t.parent_key is None or t.parent_key in seen
        seen.add(t.key)
    for link in schedule.links:
        assert link.predecessor_key in seen and link.successor_key in seen
    calendar_keys = {c.key for c in schedule.calendars}
    assert schedule.default_calendar in calendar_keys
    assert {t.calendar_key for t in schedule.tasks} - {None} <= calendar_keys
    parents = {t.parent_key for t in schedule.tasks}
    for t in schedule.tasks:
        assert (t.kind is TaskKind.SUMMARY) == (t.key in parents)


# -- one file at a time ----------------------------------------------------------------


def test_mspdirelations_has_all_four_link_types_and_ms_project_dates() -> None:
    s = read("mpxj__mspdirelations.xml")
    assert s.project_name == "mspdirelations"
    assert [t.name for t in s.tasks] == ["Task 1", "Task 2", "Task 3", "Task 4", "Task 5"]
    assert all(t.duration == 480 for t in s.tasks)  # PT8H0M0S
    assert links(s) == {
        ("1", "2", LinkType.FS, 0, LagUnit.WORKING),
        ("2", "3", LinkType.SS, 480, LagUnit.WORKING),  # LinkLag 4800 tenths, LagFormat 7
        ("3", "4", LinkType.FF, 0, LagUnit.WORKING),
        ("4", "5", LinkType.SF, 0, LagUnit.WORKING),
    }
    five = task(s, "5").source
    assert five.early_start == datetime(2006, 9, 22, 8)
    assert five.late_finish == datetime(2006, 9, 25, 17)
    assert (five.total_float, five.free_float, five.critical) == (480, 480, False)
    assert task(s, "1").source.critical is True
    assert s.start == datetime(2006, 9, 21, 8) and s.finish == datetime(2006, 9, 25, 17)
    assert s.date_range == (datetime(2006, 9, 21, 8), datetime(2006, 9, 25, 17))
    assert s.skipped == () and s.warnings == ()


def test_legacy_sample_outline_links_constraints_and_source_dates() -> None:
    s = read("mpxj__legacy-sample.xml")
    assert s.project_name == "sample"
    assert len(s.tasks) == 19
    first, second, third = task(s, "1"), task(s, "2"), task(s, "3")
    assert (first.kind, first.parent_key, first.wbs) == (TaskKind.SUMMARY, None, "1")
    assert (second.kind, second.parent_key, second.duration) == (TaskKind.TASK, "1", 48000)
    assert (third.kind, third.duration, third.wbs) == (TaskKind.MILESTONE, 0, "1.2")
    assert first.notes == "Test Task Notes"
    # File order, not UID order: UID 19 (ID 7) comes before UID 9 (ID 8).
    keys = [t.key for t in s.tasks]
    assert keys.index("19") < keys.index("9")
    assert {t.parent_key for t in s.tasks if t.key in ("9", "10", "21")} == {"19"}
    assert links(s) == {
        ("9", "10", LinkType.FS, 0, LagUnit.WORKING),
        ("11", "12", LinkType.FS, 480, LagUnit.WORKING),
        ("13", "14", LinkType.FS, -480, LagUnit.WORKING),  # negative lag (a lead)
        ("15", "16", LinkType.SS, 0, LagUnit.WORKING),
        ("17", "18", LinkType.FF, 0, LagUnit.WORKING),
        ("20", "21", LinkType.SF, 0, LagUnit.WORKING),
    }
    seven = task(s, "7")
    assert (seven.constraint, seven.constraint_date) == (
        ConstraintType.SNET,
        datetime(2003, 2, 1, 8),
    )
    assert task(s, "3").source.total_float == 24000  # TotalSlack 240000 tenths = 50 days
    assert task(s, "2").source.critical is True
    assert task(s, "2").source.early_start == datetime(2003, 1, 7, 8)
    assert s.skipped == (("resources", 2), ("resource assignments", 2), ("resource calendars", 2))
    # Its two resources work on Standard and Night Shift: not something a task calendar
    # can say, so the import says it instead.
    assert s.warnings == (
        "Task UID 2 'Second Task': its resources 'First Resource', 'Second Resource' work "
        "on other calendars than the task; OwnersRep schedules it on calendar 'Standard' "
        "and ignores the resources' working times",
    )


def test_legacy_sample_night_shift_runs_to_midnight() -> None:
    """ToTime 00:00:00 ends a working period at midnight (24:00), so a shift from 23:00
    on one day continues at 00:00 the next."""
    night = calendar(read("mpxj__legacy-sample.xml"), "Night Shift")
    assert night.week[MON] == (WorkPeriod(23 * 60, 24 * 60),)
    assert night.week[TUE] == (
        WorkPeriod(0, 180),
        WorkPeriod(240, 480),
        WorkPeriod(23 * 60, 24 * 60),
    )
    assert night.week[SAT] == (WorkPeriod(0, 180), WorkPeriod(240, 480))
    assert night.week[SUN] == ()
    assert sum(p.end - p.start for p in night.week[WED]) == 480


def test_legacy_sample1_has_no_computed_dates_and_lags_in_hours() -> None:
    s = read("mpxj__legacy-sample1.xml")
    assert len(s.tasks) == 22
    assert all(t.source.early_start is None and t.source.critical is None for t in s.tasks)
    original = read("mpxj__legacy-sample.xml")
    assert links(s) == links(original)  # LagFormat 5 (hours) here, 7 (days) there
    assert task(s, "24").parent_key == "22" and task(s, "22").parent_key == "19"
    assert [t.key for t in s.tasks if t.notes] == ["1", "2", "3"]


def test_legacy_caltest_task_calendars() -> None:
    s = read("mpxj__legacy-caltest.xml")
    assert [(t.name, t.calendar_key) for t in s.tasks] == [
        ("Task One", None),
        ("Task Two", "1"),
        ("Task Three", "3"),
    ]
    assert [(c.key, c.name) for c in s.calendars] == [("1", "Standard"), ("3", "Base Calendar")]
    assert dict(s.skipped) == {"resources": 3, "resource calendars": 3}


def test_ganttproject_holidays_are_calendar_exceptions() -> None:
    s = read("ganttproject__holidays.xml")
    assert s.project_name == "foobar"
    (only,) = s.tasks
    assert (only.name, only.duration, only.wbs) == ("task1", 32 * 60, "1")
    standard = calendar(s, "Standard")
    assert standard.exceptions == (
        (date(2010, 9, 16), ()),
        (date(2010, 9, 23), ()),
        (date(2010, 9, 24), ()),
    )
    assert standard.week[MON] == STANDARD and standard.week[SAT] == ()
    assert calendar(s, "24 Hours").week == ((WorkPeriod(0, 1440),),) * 7
    assert s.default_calendar == "1"
    assert ("extended attributes", 260) in s.skipped


def test_project_2019_calendars_file() -> None:
    s = read("mpxj__calendar-calendars-project2019-mspdi.xml")
    assert s.tasks == () and s.links == ()
    assert [(c.key, c.name) for c in s.calendars] == [
        ("1", "Standard"),
        ("3", "Calendar1"),
        ("4", "Calendar2"),
    ]
    assert s.start == datetime(2018, 10, 18, 8)
    assert dict(s.skipped) == {"resources": 2, "resource calendars": 2, "VBA macros": 1}


def test_mspdiresource_progress_and_rounded_seconds() -> None:
    s = read("mpxj__mspdiresource.xml")
    done = task(s, "4")
    assert done.name == "Completed Task"
    assert done.percent_complete == 100
    assert done.actual_start == datetime(2006, 8, 26, 8)
    assert done.actual_finish == datetime(2006, 8, 29, 17)
    assert done.remaining == 0
    assert task(s, "3").duration == 3428  # PT57H8M24S
    assert any(w.startswith("Task UID 3 'Contoured Task'") and "rounded" in w for w in s.warnings)
    assert any("no status date" in w for w in s.warnings)
    assert s.status_date is None
    skipped = dict(s.skipped)
    assert skipped["resource assignments"] == 5 and skipped["outline codes"] == 10


def test_mspdisplittask_durations_and_slack() -> None:
    s = read("mpxj__mspdisplittask.xml")
    assert [(t.name, t.duration) for t in s.tasks] == [
        ("Split Task 1", 80 * 60),
        ("Split Task 2", 120 * 60),
    ]
    assert task(s, "1").source.total_float == 3360
    # The split is in the assignments' timephased data, which is not imported: the
    # file's Start-Finish holds more working time than the duration, and the user is told.
    split = [w for w in s.warnings if "has split it" in w]
    assert [w.split(":")[0] for w in split] == [
        "Task UID 1 'Split Task 1'",
        "Task UID 2 'Split Task 2'",
    ]
    assert "holds 6240 working minutes, more than its duration of 4800" in split[0]


def test_mspditimephased_calendars_and_progress() -> None:
    s = read("mpxj__mspditimephased.xml")
    assert len(s.tasks) == 40
    assert all(c.minutes_per_day == 450 for c in s.calendars)  # MinutesPerDay 450
    assert calendar(s, "24 Hours").week == ((WorkPeriod(0, 1440),),) * 7
    # Tasks without a calendar of their own run on their resource's calendar.
    assert task(s, "1").calendar_key is None  # its resource's calendar is Standard's
    assert {task(s, str(uid)).calendar_key for uid in range(9, 17)} == {"12"}  # Night Shift
    assert {task(s, str(uid)).calendar_key for uid in range(17, 25)} == {"28"}  # 24 Hours
    assert any(w.startswith("Calendar 'Night Shift': 8 task(s)") for w in s.warnings)
    half = task(s, "4")
    assert (half.percent_complete, half.remaining, half.duration) == (50, 2250, 4500)
    assert dict(s.skipped)["resource assignments"] == 40


def test_task_baselines_file() -> None:
    s = read("mpxj__task-baselines-project2019-mspdi.xml")
    assert len(s.tasks) == 110
    assert all(t.manual for t in s.tasks)
    (b0,) = task(s, "12").baselines  # "Baseline Duration - Task"
    assert (b0.number, b0.work_minutes, b0.start) == (0, 88 * 60, None)
    assert task(s, "22").baselines[0].number == 10
    assert task(s, "22").baselines[0].work_minutes == 168 * 60
    assert task(s, "23").baselines[0].finish == datetime(2014, 3, 1, 9)
    assert task(s, "35").baselines[0].start == datetime(2014, 4, 2, 10)
    assert task(s, "1").baselines == ()  # a cost-only baseline is not a date baseline
    assert sum(1 for t in s.tasks if t.baselines) == 66
    assert dict(s.skipped)["baseline cost and work values"] == 22


# -- damaged files: one message naming the file and the place ------------------------


def damaged(tmp_path: Path, source: str, change) -> tuple[Path, bytes]:
    data = change((MSPDI_DIR / source).read_bytes())
    path = tmp_path / f"damaged-{source}"
    path.write_bytes(data)
    return path, data


@pytest.mark.parametrize("source", ["mpxj__mspdirelations.xml", "mpxj__legacy-sample.xml"])
def test_truncated_file(tmp_path: Path, source: str) -> None:
    path, _ = damaged(tmp_path, source, lambda data: data[: len(data) // 2])
    with pytest.raises(ScheduleFileError) as caught:
        read_mspdi(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: line ")
    assert "not well-formed" in message and "truncated" in message
    assert ", column " in caught.value.where and "in <" in caught.value.where


def test_link_to_unknown_task(tmp_path: Path) -> None:
    path, data = damaged(
        tmp_path,
        "mpxj__mspdirelations.xml",
        lambda d: d.replace(
            b"<PredecessorUID>3</PredecessorUID>", b"<PredecessorUID>9999</PredecessorUID>"
        ),
    )
    with pytest.raises(ScheduleFileError) as caught:
        read_mspdi(path)
    err = caught.value
    line = data[: data.index(b"9999")].count(b"\n")  # the <PredecessorLink> opens above
    assert err.path == str(path)
    assert err.where == f"line {line}, Task UID 4 'Task 4', <PredecessorLink>"
    assert "predecessor UID 9999 does not exist" in err.problem


def test_task_with_unknown_calendar(tmp_path: Path) -> None:
    def change(data: bytes) -> bytes:
        at = data.index(b"<Name>Task 3</Name>")
        return data[:at] + data[at:].replace(b"<CalendarUID>-1<", b"<CalendarUID>777<", 1)

    path, _ = damaged(tmp_path, "mpxj__mspdirelations.xml", change)
    with pytest.raises(ScheduleFileError) as caught:
        read_mspdi(path)
    assert "Task UID 3 'Task 3', <CalendarUID>" in caught.value.where
    assert caught.value.where.startswith("line ")
    assert caught.value.problem == "calendar UID 777 is not defined in the file's <Calendars>"


def test_declared_utf8_but_cp1252_bytes(tmp_path: Path) -> None:
    path, data = damaged(
        tmp_path,
        "mpxj__mspdirelations.xml",
        lambda d: d.replace(b"<Name>Task 2</Name>", "<Name>Tâche 2</Name>".encode("cp1252")),
    )
    with pytest.raises(ScheduleFileError) as caught:
        read_mspdi(path)
    line = data[: data.index(b"T\xe2che")].count(b"\n") + 1
    assert caught.value.where == f"line {line}, column 11, in <Name>"
    assert "wrong encoding" in caught.value.problem and "UTF-8" in caught.value.problem
    assert "Windows-1252" in caught.value.problem


def test_whole_file_re_encoded_as_utf16(tmp_path: Path) -> None:
    path, _ = damaged(
        tmp_path,
        "mpxj__mspdirelations.xml",
        lambda d: d.decode("utf-8").encode("utf-16-le"),  # no byte-order mark
    )
    with pytest.raises(ScheduleFileError) as caught:
        read_mspdi(path)
    assert caught.value.where == "line 1, column 2"
    assert caught.value.problem.startswith("wrong encoding: the file is UTF-8")
    assert "UTF-16" in caught.value.problem


def test_utf16_with_byte_order_mark_reads(tmp_path: Path) -> None:
    path, _ = damaged(
        tmp_path,
        "mpxj__mspdirelations.xml",
        lambda d: (
            d.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        ),
    )
    assert [t.name for t in read_mspdi(path).tasks][:2] == ["Task 1", "Task 2"]


def test_declared_cp1252_reads_accents(tmp_path: Path) -> None:
    path, _ = damaged(
        tmp_path,
        "mpxj__mspdirelations.xml",
        lambda d: d.replace(b'encoding="UTF-8"', b'encoding="windows-1252"').replace(
            b"<Name>Task 2</Name>", "<Name>Tâche 2 – béton</Name>".encode("cp1252")
        ),
    )
    assert task(read_mspdi(path), "2").name == "Tâche 2 – béton"


def test_bad_duration_names_the_task_and_element(tmp_path: Path) -> None:
    def change(data: bytes) -> bytes:
        at = data.index(b"<Name>Task 5</Name>")
        return data[:at] + data[at:].replace(b"<Duration>PT8H0M0S<", b"<Duration>8 days<", 1)

    path, _ = damaged(tmp_path, "mpxj__mspdirelations.xml", change)
    with pytest.raises(ScheduleFileError) as caught:
        read_mspdi(path)
    assert caught.value.where.endswith("Task UID 5 'Task 5', <Duration>")
    assert "'8 days' is not a duration" in caught.value.problem


def test_broken_tag_in_the_middle(tmp_path: Path) -> None:
    path, data = damaged(
        tmp_path,
        "mpxj__mspdirelations.xml",
        lambda d: d.replace(b"<Name>Task 3</Name>", b"<Name>Task 3 & 4</Name>"),
    )
    with pytest.raises(ScheduleFileError) as caught:
        read_mspdi(path)
    line = data[: data.index(b"Task 3 & 4")].count(b"\n") + 1
    assert caught.value.where.startswith(f"line {line}, column ")
    assert caught.value.where.endswith(", in <Task> UID 3, <Name>")
    assert caught.value.problem == (
        "the XML is not well-formed (invalid token); the file may be damaged or edited by hand"
    )
