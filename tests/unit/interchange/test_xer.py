"""The XER reader on real P6 exports, and on broken copies of them."""

from __future__ import annotations

import codecs
from datetime import datetime
from pathlib import Path

import pytest

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.model import ConstraintType, LagUnit, WorkPeriod
from ownersrep.interchange.schedule_file import ImportedSchedule, ImportedTask, ScheduleFileError
from ownersrep.interchange.xer import list_xer_projects, read_xer

XER_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "schedules" / "xer"
CONSTRUCTION = "bhatticoder__CONSRTRUCTION.xer"
WK2 = "constology__wk2.xer"
CONVENTION = "bhatticoder__Convention_Exhibition_Center_Roads_Utilities.xer"
SP10 = "pyp6xer__SP10_COST_LOADED.xer"
MALFORMED = "nmoghimi__sample_malformed.xer"
H = 60


def _need(name: str) -> Path:
    path = XER_DIR / name
    if not path.exists():
        pytest.skip(f"test schedules not found at {XER_DIR}")
    return path


def _text(name: str) -> str:
    return _need(name).read_bytes().decode("cp1252")


def _write(tmp_path: Path, data: str | bytes, name: str = "variant.xer") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("cp1252") if isinstance(data, str) else data)
    return path


def _by_code(schedule: ImportedSchedule) -> dict[str, ImportedTask]:
    return {t.wbs: t for t in schedule.tasks if t.kind is not TaskKind.SUMMARY}


def _links(schedule: ImportedSchedule) -> list[tuple[str, str, LinkType, int]]:
    code = {t.key: t.wbs for t in schedule.tasks}
    return [(code[x.predecessor_key], code[x.successor_key], x.type, x.lag) for x in schedule.links]


def _fails(path: Path, *words: str, project: str | None = None) -> ScheduleFileError:
    with pytest.raises(ScheduleFileError) as caught:
        read_xer(path, project)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    for word in words:
        assert word in message, message
    return caught.value


def _edit_row(
    text: str, table: str, key_field: str, key: str, **changes: str
) -> tuple[str, int, int]:
    """Change fields of the row of `table` whose `key_field` is `key`. Returns the new
    text, the row's number within its table and its line number (both 1-based)."""
    lines = text.split("\n")
    current, fields, number = "", [], 0
    for index, line in enumerate(lines):
        parts = line.rstrip("\r").split("\t")
        if parts[0] == "%T":
            current, number = parts[1], 0
        elif parts[0] == "%F":
            fields = parts[1:]
        elif parts[0] == "%R" and current == table:
            number += 1
            if parts[1 + fields.index(key_field)] == key:
                for name, value in changes.items():
                    parts[1 + fields.index(name)] = value
                ending = "\r" if line.endswith("\r") else ""
                lines[index] = "\t".join(parts) + ending
                return "\n".join(lines), number, index + 1
    raise AssertionError(f"no {table} row with {key_field} = {key}")


def _merge(first: str, second: str) -> str:
    """One XER holding both files' tables, as P6 writes a multi-project export: each table
    once, with the union of both files' fields."""
    tables: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    header = ""
    for text in (first, second):
        current = ""
        fields: list[str] = []
        for line in text.split("\n"):
            parts = line.rstrip("\r").split("\t")
            if parts[0] == "ERMHDR" and not header:
                header = line.rstrip("\r")
            elif parts[0] == "%T":
                current = parts[1]
                tables.setdefault(current, ([], []))
            elif parts[0] == "%F":
                fields = parts[1:]
                known = tables[current][0]
                known += [f for f in fields if f not in known]
            elif parts[0] == "%R":
                tables[current][1].append(dict(zip(fields, parts[1:], strict=True)))
    out = [header]
    for name, (fields, rows) in tables.items():
        out += [f"%T\t{name}", "%F\t" + "\t".join(fields)]
        out += ["%R\t" + "\t".join(row.get(f, "") for f in fields) for row in rows]
    return "\n".join([*out, "%E", ""])


# -- real files ----------------------------------------------------------------------------


def test_construction_counts_dates_and_calendar() -> None:
    schedule = read_xer(_need(CONSTRUCTION))
    assert schedule.format == "xer"
    assert schedule.project_name == "KHANS CONS"
    assert schedule.start == datetime(2010, 2, 18)
    assert schedule.status_date == datetime(2010, 2, 20)  # last_recalc_date, the data date
    assert schedule.finish == datetime(2010, 5, 19, 16, 0)
    assert len(_by_code(schedule)) == 51
    assert [t.name for t in schedule.tasks if t.kind is TaskKind.SUMMARY] == [
        "RESC",
        "ROAD",
        "LSCP",
    ]
    assert len(schedule.links) == 59
    assert schedule.default_calendar == "841"
    assert [c.name for c in schedule.calendars] == ["6 days a week"]
    assert schedule.date_range == (datetime(2010, 2, 20, 8), datetime(2010, 5, 19, 16))
    assert schedule.warnings == ()
    assert dict(schedule.skipped) == {
        "resource assignments": 56,
        "resources": 21,
        "resource rates": 15,
        "activity codes": 51,
        "activity notes": 1,
        "unused calendars": 1,
    }


def test_construction_activity_keeps_p6_own_dates() -> None:
    task = _by_code(read_xer(_need(CONSTRUCTION)))["REARCH01"]
    assert task.name == "Architechtural planning"
    assert task.key == "80965"
    assert task.parent_key == "wbs:10190"
    assert task.duration == 40 * H  # target_drtn_hr_cnt 40
    assert task.remaining == 40 * H
    assert task.calendar_key == "841"
    assert (task.start, task.finish) == (datetime(2010, 2, 20, 8), datetime(2010, 2, 25, 16))
    source = task.source
    assert (source.early_start, source.early_finish) == (task.start, task.finish)
    assert (source.late_start, source.late_finish) == (task.start, task.finish)
    assert (source.total_float, source.free_float, source.critical) == (0, 0, True)
    assert task.baselines[0].start == datetime(2010, 2, 20, 8)
    assert task.baselines[0].work_minutes == 40 * H
    painting = _by_code(read_xer(_need(CONSTRUCTION)))["REARCH05"]
    assert painting.source.total_float == 528 * H  # 528 hours of float
    assert painting.source.critical is False


def test_construction_links_types_and_lags() -> None:
    links = _links(read_xer(_need(CONSTRUCTION)))
    assert ("REARCH02", "RECONS01", LinkType.FS, 56 * H) in links  # lag_hr_cnt 56
    assert ("RECONS01", "RECONS02", LinkType.FS, -8 * H) in links  # a lead
    assert ("RDCONS01", "RDCONS02", LinkType.SS, 16 * H) in links
    assert ("RDCONS01", "RDCONS02", LinkType.FF, 16 * H) in links
    assert ("REPLBE01", "REPLBE03", LinkType.SF, 0) in links
    assert sorted({t for _p, _s, t, _l in links}) == sorted(LinkType)


def test_construction_outline_order_and_wbs_codes() -> None:
    tasks = read_xer(_need(CONSTRUCTION)).tasks
    summaries = [(i, t.wbs) for i, t in enumerate(tasks) if t.kind is TaskKind.SUMMARY]
    # By seq_num (0, 100, 200), each before its activities; codes start with the project's.
    assert [code for _i, code in summaries] == ["KH 10.RE", "KH 10.RD", "KH 10.LS"]
    assert summaries[0][0] == 0
    seen: set[str] = set()
    for task in tasks:
        assert task.parent_key is None or task.parent_key in seen, task.name
        seen.add(task.key)
    block = [t.wbs for t in tasks[1 : summaries[1][0]]]
    assert block[:3] == ["REARCH01", "REARCH02", "REARCH03"]
    assert block == sorted(block)
    road = tasks[summaries[1][0]]
    assert road.start == datetime(2010, 2, 20, 8)  # summaries span what they hold
    # P6 doubles quotes inside text: `1"" G.I` in the file is 1" G.I.
    assert _by_code(read_xer(_need(CONSTRUCTION)))["REPLBI01"].name == '1" G.I w/c pipe laying'


def test_wk2_ten_hour_days_fridays_off() -> None:
    schedule = read_xer(_need(WK2))
    activities = _by_code(schedule)
    assert len(activities) == 198
    assert schedule.project_name == "TRIAL PROJECT"
    (calendar,) = schedule.calendars
    assert (calendar.key, calendar.minutes_per_day) == ("6690", 600)
    assert calendar.week[4] == ()  # Friday
    assert calendar.week[0] == (WorkPeriod(8 * H, 16 * H),)
    excavation = activities["10"]
    assert excavation.name == "EXCAVATION"
    assert excavation.duration == 100 * H  # ten 10-hour days
    assert excavation.source.early_start == datetime(2013, 9, 16, 12)
    assert excavation.source.early_finish == datetime(2013, 9, 30, 16)
    assert activities["1400"].kind is TaskKind.MILESTONE
    assert activities["1400"].duration == 0
    links = _links(schedule)
    assert len(links) == 301
    assert sum(1 for link in links if link[2] is LinkType.SF) == 20
    assert ("80", "1600", LinkType.SF, 0) in links
    assert all(t.parent_key is None for t in schedule.tasks)  # only the project node
    assert dict(schedule.skipped)["resource assignments"] == 596


def test_convention_progress_actuals_and_status_date() -> None:
    schedule = read_xer(_need(CONVENTION))
    activities = _by_code(schedule)
    assert len(activities) == 1193
    assert len(schedule.links) == 1693
    assert schedule.status_date == datetime(2013, 4, 23)
    assert schedule.default_calendar == "1473"
    assert {c.key for c in schedule.calendars} == {"1473", "1474"}

    award = activities["A1"]  # complete milestone
    assert award.kind is TaskKind.MILESTONE
    assert award.actual_start == award.actual_finish == datetime(2012, 12, 17, 7)
    assert award.start == datetime(2012, 12, 17, 7)  # the actual, not the early date
    assert (award.percent_complete, award.remaining) == (100.0, 0)
    assert award.source.critical is False

    preliminaries = activities["A4"]  # in progress, physical % complete
    assert preliminaries.actual_start == datetime(2013, 1, 16, 16)
    assert preliminaries.actual_finish is None
    assert preliminaries.percent_complete == 40.0
    assert preliminaries.remaining == 1870 * H
    assert preliminaries.source.early_finish == datetime(2014, 1, 14, 17)
    assert preliminaries.source.total_float == 9 * H

    rebar = activities["A10540"]  # more remaining than planned
    assert (rebar.duration, rebar.remaining) == (50 * H, 63 * H)

    pattern = activities["A15131"]
    assert pattern.constraint is ConstraintType.SNET  # CS_MSOA
    assert pattern.constraint_date == datetime(2013, 4, 27)

    # The project's critical activities are its longest path (CT_DrivPath).
    assert activities["A15091"].source.critical is True
    assert sum(1 for t in activities.values() if t.source.critical) == 129
    assert sum(1 for t in activities.values() if t.actual_finish) == 157

    skipped = dict(schedule.skipped)
    assert (skipped["resource assignments"], skipped["UDF values"]) == (3575, 709)
    # Its POBS table holds bytes that are not text in any encoding; that table is skipped.
    assert any(w.startswith("POBS: 44 row(s)") for w in schedule.warnings)


def test_level_of_effort_activities_are_named_in_warnings() -> None:
    schedule = read_xer(_need(SP10))
    assert len(_by_code(schedule)) == 3994
    loe = [w for w in schedule.warnings if "level of effort" in w]
    assert len(loe) == 3
    assert "P1EWCC-PWP09-1020" in loe[0]
    alap = [t for t in schedule.tasks if t.constraint is ConstraintType.ALAP]
    assert len(alap) == 381


def test_list_projects_for_the_picker() -> None:
    assert list_xer_projects(_need(CONSTRUCTION)) == [("771", "KH 10 — KHANS CONS")]


def test_hand_made_malformed_sample_names_its_row() -> None:
    _fails(_need(MALFORMED), "TASK, row 3 (line 15)", "early_end_date '29-JAN-24'")


# -- variants: still readable ---------------------------------------------------------------


def test_crlf_reads_the_same(tmp_path: Path) -> None:
    text = _text(CONSTRUCTION)
    plain = read_xer(_write(tmp_path, text, "lf.xer"))
    crlf = read_xer(_write(tmp_path, text.replace("\n", "\r\n"), "crlf.xer"))
    assert crlf.tasks == plain.tasks
    assert crlf.links == plain.links
    assert crlf.calendars == plain.calendars
    assert crlf.warnings == ()


def test_missing_ermhdr_is_a_warning(tmp_path: Path) -> None:
    text = _text(CONSTRUCTION)
    path = _write(tmp_path, text[text.index("%T") :])
    schedule = read_xer(path)
    assert len(_by_code(schedule)) == 51
    assert schedule.warnings == ("The file has no ERMHDR header line; it was read anyway.",)
    assert list_xer_projects(path) == [("771", "KH 10 — KHANS CONS")]


def test_utf8_with_or_without_bom(tmp_path: Path) -> None:
    text, _row, _line = _edit_row(
        _text(CONSTRUCTION), "TASK", "task_code", "REARCH01", task_name="Planification été"
    )
    for name, data in (
        ("utf8.xer", text.encode("utf-8")),
        ("bom.xer", codecs.BOM_UTF8 + text.encode("utf-8")),
    ):
        schedule = read_xer(_write(tmp_path, data, name))
        assert _by_code(schedule)["REARCH01"].name == "Planification été"
    latin = read_xer(_write(tmp_path, text, "cp1252.xer"))
    assert _by_code(latin)["REARCH01"].name == "Planification été"


def test_missing_end_line_is_a_warning(tmp_path: Path) -> None:
    text = _text(CONSTRUCTION)
    schedule = read_xer(_write(tmp_path, text[: text.index("%E")]))
    assert len(schedule.links) == 59
    assert any("no %E end line" in w and "TASKRSRC, row 56" in w for w in schedule.warnings)


def test_bad_bytes_in_a_skipped_table_cost_only_that_table(tmp_path: Path) -> None:
    data = _need(CONSTRUCTION).read_bytes()
    at = data.index(b"%T\tTASKRSRC")
    at = data.index(b"\n%R\t", at) + 5
    schedule = read_xer(_write(tmp_path, data[:at] + b"\x81" + data[at:]))
    assert len(_by_code(schedule)) == 51
    assert any(w.startswith("TASKRSRC: 1 row(s) hold bytes") for w in schedule.warnings)


def test_two_projects_in_one_file_and_the_picker(tmp_path: Path) -> None:
    path = _write(tmp_path, _merge(_text(CONSTRUCTION), _text(WK2)))
    assert list_xer_projects(path) == [
        ("771", "KH 10 — KHANS CONS"),
        ("4680", "TP — TRIAL PROJECT"),
    ]
    _fails(path, "PROJECT: the file holds 2 projects: 771 (KH 10 — KHANS CONS); 4680", "choose one")
    first = read_xer(path, "771")
    assert len(_by_code(first)) == 51
    assert len(first.links) == 59
    assert [c.key for c in first.calendars] == ["841"]
    second = read_xer(path, "tp")  # the short name will do, in any case
    assert len(_by_code(second)) == 198
    assert len(second.links) == 301
    assert second.calendars[0].minutes_per_day == 600
    assert dict(second.skipped)["other projects in the file"] == 1
    _fails(path, "no single project 'XYZ'", "771 (KH 10 — KHANS CONS)", project="XYZ")


def test_link_to_another_project_is_skipped_and_named(tmp_path: Path) -> None:
    text, row, line = _edit_row(
        _text(CONSTRUCTION),
        "TASKPRED",
        "task_pred_id",
        "67870",
        pred_task_id="555555",
        pred_proj_id="999",
    )
    schedule = read_xer(_write(tmp_path, text))
    assert len(schedule.links) == 58
    assert dict(schedule.skipped)["links to other projects"] == 1
    (warning,) = schedule.warnings
    assert warning.startswith(f"TASKPRED, row {row} (line {line}): the link between RECONS01")
    assert "activity 555555 of project 999" in warning


def test_unmodelled_types_and_constraints_are_reported(tmp_path: Path) -> None:
    text, _r, _l = _edit_row(
        _text(CONSTRUCTION),
        "TASK",
        "task_code",
        "REARCH01",
        task_type="TT_LOE",
        cstr_type="CS_MANDSTART",
        cstr_date="2010-02-22 08:00",
        cstr_type2="CS_MEOB",
        cstr_date2="2010-03-01 16:00",
    )
    text, _r, _l = _edit_row(
        text,
        "TASK",
        "task_code",
        "REARCH02",
        cstr_type="CS_MEO",
        cstr_date="2010-03-03 16:00",
        cstr_type2="CS_MSOA",
        cstr_date2="2010-02-26 08:00",
    )
    schedule = read_xer(_write(tmp_path, text))
    tasks = _by_code(schedule)
    first = tasks["REARCH01"]
    assert first.kind is TaskKind.TASK
    assert (first.constraint, first.constraint_date) == (
        ConstraintType.MSO,
        datetime(2010, 2, 22, 8),
    )
    assert first.deadline == datetime(2010, 3, 1, 16)  # secondary finish-on-or-before
    second = tasks["REARCH02"]
    assert second.constraint is ConstraintType.MFO
    assert second.deadline is None
    text_of = " | ".join(schedule.warnings)
    assert "REARCH01 'Architechtural planning' is a level of effort" in text_of
    assert "mandatory start" in text_of
    assert "REARCH02 'RCC Planning & Design': the second constraint CS_MSOA" in text_of


def test_elapsed_lags_when_p6_counts_them_on_a_24_hour_calendar(tmp_path: Path) -> None:
    text, _r, _l = _edit_row(
        _text(CONSTRUCTION),
        "SCHEDOPTIONS",
        "proj_id",
        "771",
        sched_calendar_on_relationship_lag="rcal_24Hour",
    )
    schedule = read_xer(_write(tmp_path, text))
    assert {link.lag_unit for link in schedule.links} == {LagUnit.ELAPSED}


# -- variants: refused, naming file, table and row -----------------------------------------


def test_truncated_at_half(tmp_path: Path) -> None:
    data = _need(CONSTRUCTION).read_bytes()
    half = data[: len(data) // 2]
    line = half.count(b"\n") + 1
    row = half[half.rindex(b"%T\tTASK\n") :].count(b"\n%R")
    _fails(_write(tmp_path, half), f"TASK, row {row} (line {line}):", "the file looks truncated")


@pytest.mark.parametrize("name", [CONSTRUCTION, WK2, CONVENTION])
@pytest.mark.parametrize("fraction", [0.2, 0.45, 0.7, 0.95])
def test_cut_anywhere_is_refused(tmp_path: Path, name: str, fraction: float) -> None:
    data = _need(name).read_bytes()
    cut = int(len(data) * fraction)
    if data[cut - 1 : cut] == b"\n":
        cut += 1  # a cut at a line boundary is only a warning; see below
    error = _fails(_write(tmp_path, data[:cut]), "the file looks truncated")
    assert ", row " in error.where


def test_truncated_right_after_a_table_header(tmp_path: Path) -> None:
    text = _text(CONSTRUCTION)
    cut = text.index("\n", text.index("%F", text.index("%T\tTASKPRED"))) + 1
    line = text[:cut].count("\n") + 1
    _fails(
        _write(tmp_path, text[:cut]), f"TASKPRED, row 1 (line {line})", "before the table's rows"
    )


def test_link_to_an_unknown_task(tmp_path: Path) -> None:
    text, row, line = _edit_row(
        _text(CONSTRUCTION), "TASKPRED", "task_pred_id", "67870", pred_task_id="999999"
    )
    _fails(
        _write(tmp_path, text),
        f"TASKPRED, row {row} (line {line})",
        "pred_task_id 999999 is not an activity in the file",
    )


def test_activity_on_an_unknown_calendar(tmp_path: Path) -> None:
    text, row, line = _edit_row(
        _text(CONSTRUCTION), "TASK", "task_code", "RECONS03", clndr_id="4242"
    )
    _fails(
        _write(tmp_path, text),
        f"TASK, row {row} (line {line})",
        "activity RECONS03 uses calendar 4242, which is not in the CALENDAR table",
    )


def test_bytes_neither_utf8_nor_cp1252_in_an_imported_table(tmp_path: Path) -> None:
    data = _need(CONSTRUCTION).read_bytes()
    bad = data.replace(b"Architechtural planning", b"Architechtural \x81planning")
    line = data[: data.index(b"Architechtural planning")].count(b"\n") + 1
    _fails(
        _write(tmp_path, bad),
        f"TASK, row 1 (line {line})",
        "byte 0x81 in task_name is neither UTF-8 nor Windows-1252",
    )


def test_bom_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    text = _text(CONSTRUCTION)
    body = codecs.BOM_UTF8 + text.encode("utf-8")
    # A Windows-1252 £ in a table that is not imported costs only that table …
    pound = body.replace("£".encode(), b"\xa3", 1)
    schedule = read_xer(_write(tmp_path, pound, "pound.xer"))
    assert len(_by_code(schedule)) == 51
    assert "CURRTYPE: 1 row(s) hold bytes that are not UTF-8 text" in schedule.warnings[0]
    # … in an activity's name it stops the import.
    bad = body.replace(b"Architechtural planning", b"Architechtural pl\xe4nning")
    line = text[: text.index("Architechtural planning")].count("\n") + 1
    _fails(
        _write(tmp_path, bad, "name.xer"),
        f"TASK, row 1 (line {line}): byte 0xE4 in task_name is not UTF-8, though the file "
        "starts with a UTF-8 byte-order mark",
    )


@pytest.mark.parametrize(
    ("data", "where", "words"),
    [
        ("", "file", "no tables"),
        ("hello\tworld\n", "line 1", "not a Primavera XER file"),
        ("ERMHDR\t8.0\n%R\t1\t2\n", "line 2", "a row (%R) before any %T"),
        ("ERMHDR\t8.0\n%T\tTASK\n%R\t1\t2\n%E\n", "TASK, row 1 (line 3)", "before the table's"),
        (
            "ERMHDR\t8.0\n%T\tTASK\n%F\ttask_id\n%R\t1\t2\n%E\n",
            "TASK, row 1 (line 4)",
            "2 values for 1 fields",
        ),
        ("ERMHDR\t8.0\n%T\tPROJECT\n%F\tproj_id\n%R\t1\n%E\n", "TASK", "no TASK table"),
        ("ERMHDR\t8.0\n%T\tTASK\n%F\ttask_id\n%R\t1\n%E\n", "PROJECT", "no PROJECT table"),
        (
            "ERMHDR\t8.0\n%T\tTASK\n%F\ttask_id\n%R\t1\nhi there\n",
            "line 5",
            "unexpected 'hi there'",
        ),
        ("ERMHDR\t8.0\n%T\tTASK\n%F\ttask_id\n%R\t1\nERMHDR\t8.0\n", "line 5", "two files"),
        ("ERMHDR\t8.0\n%T\n%F\ttask_id\n%E\n", "line 2", "without a table name"),
        ("ERMHDR\t8.0\n%F\ttask_id\n%E\n", "line 2", "field names (%F) before any %T"),
    ],
)
def test_broken_structure(tmp_path: Path, data: str, where: str, words: str) -> None:
    error = _fails(_write(tmp_path, data), words)
    assert error.where == where


def test_unreadable_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.xer"
    _fails(missing, "file: cannot be read")


def test_short_rows_inside_the_file_are_padded_with_a_warning(tmp_path: Path) -> None:
    text = _text(CONSTRUCTION)
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("%R\t80965\t"))
    lines[at] = lines[at].rstrip("\t")  # as a spreadsheet saves it: trailing blanks gone
    schedule = read_xer(_write(tmp_path, "\n".join(lines)))
    assert _by_code(schedule)["REARCH01"].name == "Architechtural planning"
    (warning,) = schedule.warnings
    assert warning.startswith(
        f"TASK: 1 row(s) have fewer values than fields, the first TASK, row 1 (line {at + 1})"
    )


def test_project_without_activities_reads_with_a_warning(tmp_path: Path) -> None:
    kept: list[str] = []
    table = ""
    for line in _text(CONSTRUCTION).split("\n"):
        if line.startswith("%T"):
            table = line.split("\t")[1]
        if not (line.startswith("%R") and table.startswith("TASK")):
            kept.append(line)
    schedule = read_xer(_write(tmp_path, "\n".join(kept)))
    assert [t.name for t in schedule.tasks] == ["RESC", "ROAD", "LSCP"]
    assert schedule.links == ()
    assert "the project has no activities" in schedule.warnings[0]
    assert schedule.default_calendar == "841"


def test_lags_on_another_calendar_than_the_predecessors_are_counted(tmp_path: Path) -> None:
    text = _need(CONVENTION).read_bytes().decode("latin-1")  # it holds bytes cp1252 lacks
    assert read_xer(_need(CONVENTION)).warnings[-1].startswith("POBS")
    text, _r, _l = _edit_row(
        text,
        "SCHEDOPTIONS",
        "proj_id",
        "1346",
        sched_calendar_on_relationship_lag="rcal_Successor",
    )
    text, _r, _l = _edit_row(text, "TASK", "task_code", "OCEC4020", clndr_id="1474")
    schedule = read_xer(_write(tmp_path, text.encode("latin-1")))
    assert ("OCEC4010", "OCEC4020", LinkType.SS, 16 * H) in _links(schedule)
    calendar = {t.key: t.calendar_key for t in schedule.tasks}
    expected = sum(
        1
        for x in schedule.links
        if x.lag and calendar[x.predecessor_key] != calendar[x.successor_key]
    )
    assert expected > 0
    assert schedule.warnings[-1].startswith(
        f"{expected} link(s) have a lag that P6 counts on the successor's calendar"
    )


def test_a_project_only_referenced_by_the_export_is_not_offered(tmp_path: Path) -> None:
    merged = _merge(_text(CONSTRUCTION), _text(WK2))
    text, _r, _l = _edit_row(merged, "PROJECT", "proj_id", "4680", export_flag="N")
    path = _write(tmp_path, text)
    assert list_xer_projects(path) == [("771", "KH 10 — KHANS CONS")]
    assert len(_by_code(read_xer(path))) == 51
