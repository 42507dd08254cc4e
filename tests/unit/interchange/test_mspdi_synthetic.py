"""Features of MSPDI that the sample files do not carry: Project 2007+ recurring
exceptions, Project 2010+ work weeks, derived calendars, elapsed and percent lags,
inactive and blank rows, cross-project links. The file is written here, as MS Project
writes it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.model import (
    ConstraintType,
    LagUnit,
    RecurringException,
    WorkPeriod,
)
from ownersrep.interchange.mspdi import read_mspdi
from ownersrep.interchange.schedule_file import ImportedSchedule, ScheduleFileError

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
STANDARD = (WorkPeriod(480, 720), WorkPeriod(780, 1020))


def _day(day_type: int, *times: tuple[str, str]) -> str:
    if not times:
        return f"<WeekDay><DayType>{day_type}</DayType><DayWorking>0</DayWorking></WeekDay>"
    spans = "".join(
        f"<WorkingTime><FromTime>{a}</FromTime><ToTime>{b}</ToTime></WorkingTime>" for a, b in times
    )
    return (
        f"<WeekDay><DayType>{day_type}</DayType><DayWorking>1</DayWorking>"
        f"<WorkingTimes>{spans}</WorkingTimes></WeekDay>"
    )


def _exception(first: str, last: str, kind: int, working: bool = False, **extra: int) -> str:
    fields = "".join(f"<{name}>{value}</{name}>" for name, value in extra.items())
    times = (
        "<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime>"
        "</WorkingTime></WorkingTimes>"
        if working
        else ""
    )
    return (
        f"<Exception><TimePeriod><FromDate>{first}T00:00:00</FromDate>"
        f"<ToDate>{last}T23:59:00</ToDate></TimePeriod><Type>{kind}</Type>{fields}"
        f"<DayWorking>{int(working)}</DayWorking>{times}</Exception>"
    )


WORK = [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")]
WEEK = "".join([_day(1), *(_day(n, *WORK) for n in range(2, 7)), _day(7)])
EXCEPTIONS = "".join(
    [
        _exception("2024-12-24", "2024-12-26", 1, Period=1, Occurrences=1),
        _exception("2024-02-03", "2024-02-03", 1, working=True, Period=1),
        _exception("2024-04-01", "2024-04-05", 1, Period=2, Occurrences=3),
        _exception("2024-05-06", "2024-05-15", 6, Period=1, Occurrences=4, DaysOfWeek=10),
        _exception(
            "2024-07-01", "2024-09-02", 5, Period=1, Occurrences=3, MonthItem=4, MonthPosition=0
        ),
        _exception("2024-07-04", "2026-07-04", 2, Occurrences=3, Month=6, MonthDay=4),
        _exception(
            "2024-05-27", "2025-05-26", 3, Occurrences=2, Month=4, MonthItem=4, MonthPosition=4
        ),
        _exception("2024-01-01", "2049-01-01", 2, Month=0, MonthDay=1),
    ]
)
OLD_STYLE = (
    "<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod>"
    "<FromDate>2024-06-03T00:00:00</FromDate><ToDate>2024-06-03T23:59:00</ToDate>"
    "</TimePeriod></WeekDay>"
)
WORK_WEEK = (
    "<WorkWeeks><WorkWeek><TimePeriod><FromDate>2024-08-01T00:00:00</FromDate>"
    "<ToDate>2024-08-31T23:59:00</ToDate></TimePeriod><Name>Summer</Name><WeekDays>"
    + _day(6)
    + _day(2, ("07:00:00", "12:00:00"), ("13:00:00", "16:00:00"))
    + "</WeekDays></WorkWeek></WorkWeeks>"
)
CALENDARS = f"""<Calendars>
<Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
<BaseCalendarUID>-1</BaseCalendarUID><WeekDays>{WEEK}{OLD_STYLE}</WeekDays>
<Exceptions>{EXCEPTIONS}</Exceptions>{WORK_WEEK}</Calendar>
<Calendar><UID>2</UID><Name>Six-day crew</Name><IsBaseCalendar>0</IsBaseCalendar>
<BaseCalendarUID>1</BaseCalendarUID><WeekDays>{_day(7, ("08:00:00", "12:00:00"))}</WeekDays>
<Exceptions>{_exception("2024-02-05", "2024-02-05", 1, Period=1)}</Exceptions></Calendar>
<Calendar><UID>3</UID><Name>Crane hire</Name><IsBaseCalendar>0</IsBaseCalendar>
<BaseCalendarUID>1</BaseCalendarUID></Calendar>
</Calendars>"""


def _link(pred: int, kind: int = 1, lag: int = 0, lag_format: int = 7, extra: str = "") -> str:
    return (
        f"<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{kind}</Type>"
        f"<LinkLag>{lag}</LinkLag><LagFormat>{lag_format}</LagFormat>{extra}</PredecessorLink>"
    )


def _task(uid: int, name: str, level: int, body: str = "") -> str:
    return (
        f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><Active>1</Active>"
        f"<OutlineLevel>{level}</OutlineLevel><WBS>W{uid}</WBS>{body}</Task>"
    )


TASKS = "".join(
    [
        _task(0, "Synthetic summary", 0, "<Summary>1</Summary>"),
        _task(1, "Phase A", 1, "<Summary>1</Summary><Duration>PT40H0M0S</Duration>"),
        _task(
            2,
            "Cure (elapsed)",
            2,
            "<Start>2024-01-08T08:00:00</Start><Finish>2024-01-11T08:00:00</Finish>"
            "<Duration>PT72H0M0S</Duration><DurationFormat>8</DurationFormat>"
            "<CalendarUID>2</CalendarUID>",
        ),
        _task(
            3,
            "Pour",
            2,
            "<Manual>1</Manual><Duration>PT16H0M0S</Duration><DurationFormat>7</DurationFormat>"
            "<RemainingDuration>PT12H0M0S</RemainingDuration><PercentComplete>25</PercentComplete>"
            "<ActualStart>2024-01-12T08:00:00</ActualStart><ConstraintType>3</ConstraintType>"
            "<ConstraintDate>2024-01-19T17:00:00</ConstraintDate>"
            "<Deadline>2024-01-20T17:00:00</Deadline><CalendarUID>-1</CalendarUID>"
            + _link(2, 1, 14400, 8)
            + _link(9),
        ),
        "<Task><UID>8</UID><ID>4</ID><IsNull>1</IsNull></Task>",
        "<Task><UID>9</UID><ID>5</ID><Name>Dropped</Name><Active>0</Active>"
        "<OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration>" + _link(2) + "</Task>",
        _task(4, "Percent lag", 1, "<Duration>PT8H0M0S</Duration>" + _link(3, 3, 50, 19)),
        _task(
            5,
            "Cross project",
            1,
            "<Duration>PT0H0M0S</Duration><Milestone>1</Milestone>"
            + _link(
                500,
                extra="<CrossProject>1</CrossProject>"
                "<CrossProjectName>C:\\jobs\\other.mpp\\3</CrossProjectName>",
            ),
        ),
        _task(6, "Phase B", 1, "<Summary>1</Summary>"),
        _task(7, "Deep", 3, "<Duration>PT4H30M0S</Duration><CalendarUID>3</CalendarUID>"),
    ]
)


def project_xml(title: str = "<Title>Synthetic</Title>", namespace: bool = True) -> str:
    xmlns = ' xmlns="http://schemas.microsoft.com/project"' if namespace else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<Project{xmlns}><SaveVersion>14</SaveVersion><Name>synthetic.xml</Name>{title}"
        "<StartDate>2024-01-08T08:00:00</StartDate><FinishDate>2024-03-01T17:00:00</FinishDate>"
        "<StatusDate>2024-01-15T17:00:00</StatusDate><CurrentDate>2024-02-01T08:00:00"
        "</CurrentDate><CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay>\n"
        f"{CALENDARS}\n<Tasks>{TASKS}</Tasks></Project>"
    )


def read_text(tmp_path: Path, text: str) -> ImportedSchedule:
    path = tmp_path / "synthetic.xml"
    path.write_text(text, encoding="utf-8")
    return read_mspdi(path)


@pytest.fixture
def schedule(tmp_path: Path) -> ImportedSchedule:
    return read_text(tmp_path, project_xml())


def spec(schedule: ImportedSchedule, key: str):
    return next(c for c in schedule.calendars if c.key == key)


def task(schedule: ImportedSchedule, key: str):
    return next(t for t in schedule.tasks if t.key == key)


def test_project_header(schedule: ImportedSchedule) -> None:
    assert schedule.project_name == "Synthetic"
    assert schedule.start == datetime(2024, 1, 8, 8)
    assert schedule.status_date == datetime(2024, 1, 15, 17)  # StatusDate, not CurrentDate
    assert schedule.finish == datetime(2024, 3, 1, 17)
    assert schedule.default_calendar == "1"


def test_recurring_exceptions_are_expanded(schedule: ImportedSchedule) -> None:
    standard = dict(spec(schedule, "1").exceptions)
    half_day = (WorkPeriod(480, 720),)
    expected = {
        date(2024, 12, 24): (),
        date(2024, 12, 25): (),
        date(2024, 12, 26): (),
        date(2024, 2, 3): half_day,  # a working Saturday morning
        date(2024, 4, 1): (),  # every 2 days, 3 times
        date(2024, 4, 3): (),
        date(2024, 4, 5): (),
        date(2024, 5, 6): (),  # Mondays and Wednesdays, 4 times
        date(2024, 5, 8): (),
        date(2024, 5, 13): (),
        date(2024, 5, 15): (),
        date(2024, 7, 1): (),  # first Monday of the month, 3 times
        date(2024, 8, 5): (),
        date(2024, 9, 2): (),
        date(2024, 7, 4): (),  # 4 July, 3 years
        date(2025, 7, 4): (),
        date(2026, 7, 4): (),
        date(2024, 5, 27): (),  # last Monday of May, twice
        date(2025, 5, 26): (),
    }
    for day, periods in expected.items():
        assert standard[day] == periods, day
    assert date(2024, 6, 3) not in standard  # old-style DayType 0 days give way
    assert spec(schedule, "1").recurring == (
        RecurringException(month=1, day=1, working=False, first_year=2024, last_year=None),
    )


def test_work_week_becomes_date_exceptions(schedule: ImportedSchedule) -> None:
    standard = dict(spec(schedule, "1").exceptions)
    summer_monday = (WorkPeriod(420, 720), WorkPeriod(780, 960))
    assert [d.day for d in standard if d.month == 8 and d.year == 2024 and not standard[d]] == [
        2,
        5,  # first Monday: the explicit exception wins over the work week
        9,
        16,
        23,
        30,
    ]
    assert standard[date(2024, 8, 12)] == summer_monday
    assert date(2024, 8, 13) not in standard  # Tuesdays keep the normal week


def test_derived_calendar_inherits_and_overrides(schedule: ImportedSchedule) -> None:
    crew = spec(schedule, "2")
    assert crew.name == "Six-day crew"
    assert crew.week[SAT] == (WorkPeriod(480, 720),)
    assert crew.week[MON] == STANDARD and crew.week[SUN] == ()
    exceptions = dict(crew.exceptions)
    assert exceptions[date(2024, 2, 5)] == ()  # its own
    assert exceptions[date(2024, 12, 25)] == ()  # from its base
    assert crew.recurring == spec(schedule, "1").recurring
    assert [c.key for c in schedule.calendars] == ["1", "2", "3"]  # 2 and 3 are used


def test_tasks_outline_and_set_aside_rows(schedule: ImportedSchedule) -> None:
    assert [(t.key, t.parent_key, t.kind) for t in schedule.tasks] == [
        ("1", None, TaskKind.SUMMARY),
        ("2", "1", TaskKind.TASK),
        ("3", "1", TaskKind.TASK),
        ("4", None, TaskKind.TASK),
        ("5", None, TaskKind.MILESTONE),
        ("6", None, TaskKind.SUMMARY),
        ("7", "6", TaskKind.TASK),
    ]
    skipped = dict(schedule.skipped)
    assert skipped["blank rows"] == 1
    assert skipped["inactive tasks"] == 1
    assert skipped["links to or from blank, inactive or external tasks"] == 2
    assert skipped["links to other projects"] == 1
    assert any("Task UID 7 'Deep': outline level 3 follows level 1" in w for w in schedule.warnings)


def test_task_fields(schedule: ImportedSchedule) -> None:
    pour = task(schedule, "3")
    assert pour.manual is True
    assert pour.wbs == "W3"
    assert pour.duration == 960
    assert (pour.constraint, pour.constraint_date) == (
        ConstraintType.MFO,
        datetime(2024, 1, 19, 17),
    )
    assert pour.deadline == datetime(2024, 1, 20, 17)
    assert (pour.percent_complete, pour.remaining) == (25, 720)
    assert pour.actual_start == datetime(2024, 1, 12, 8)
    assert pour.calendar_key is None  # CalendarUID -1: the project's calendar
    assert task(schedule, "7").duration == 270 and task(schedule, "7").calendar_key == "3"


def test_elapsed_duration_is_restated_in_working_time(schedule: ImportedSchedule) -> None:
    cure = task(schedule, "2")
    # 3 elapsed days from Monday 08:00 to Thursday 08:00 hold 3 working days.
    assert cure.duration == 3 * 480
    assert cure.calendar_key == "2"
    assert any(
        w.startswith("Task UID 2 'Cure (elapsed)': its elapsed Duration") for w in schedule.warnings
    )


def test_links_with_elapsed_and_percent_lags(schedule: ImportedSchedule) -> None:
    assert [
        (k.predecessor_key, k.successor_key, k.type, k.lag, k.lag_unit) for k in schedule.links
    ] == [
        ("2", "3", LinkType.FS, 1440, LagUnit.ELAPSED),  # 1 elapsed day
        ("3", "4", LinkType.SS, 480, LagUnit.WORKING),  # 50% of Pour's 960 minutes
    ]
    assert any(
        w.startswith("Task UID 4 'Percent lag': its lag of 50%") and "480 minutes" in w
        for w in schedule.warnings
    )
    assert any(
        w == "Task UID 3 'Pour': its link from UID 9 is dropped: that task is inactive"
        for w in schedule.warnings
    )


def test_file_without_namespace(tmp_path: Path) -> None:
    plain = read_text(tmp_path, project_xml(namespace=False))
    assert [t.key for t in plain.tasks] == ["1", "2", "3", "4", "5", "6", "7"]
    assert len(plain.links) == 2 and len(plain.calendars) == 3


def test_project_name_from_summary_task(tmp_path: Path) -> None:
    text = project_xml(title="").replace("<Name>synthetic.xml</Name>", "")
    assert read_text(tmp_path, text).project_name == "Synthetic summary"


def test_unknown_link_type_is_an_error(tmp_path: Path) -> None:
    text = project_xml().replace("<Type>3</Type>", "<Type>7</Type>")
    with pytest.raises(ScheduleFileError) as caught:
        read_text(tmp_path, text)
    assert "Task UID 4 'Percent lag', <PredecessorLink>" in caught.value.where
    assert "link type 7" in caught.value.problem


def test_duplicate_uid_is_an_error(tmp_path: Path) -> None:
    text = project_xml().replace("<UID>7</UID><ID>7</ID>", "<UID>6</UID><ID>7</ID>")
    with pytest.raises(ScheduleFileError, match=r"UID 6 is already used by .*'Phase B'"):
        read_text(tmp_path, text)


def test_root_is_not_project(tmp_path: Path) -> None:
    with pytest.raises(ScheduleFileError) as caught:
        read_text(tmp_path, '<?xml version="1.0"?><project name="gantt"/>')
    assert caught.value.where == "line 1, root element <project>"
    assert "not an MS Project XML" in caught.value.problem


def test_entities_are_refused(tmp_path: Path) -> None:
    text = '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY big "x">]><Project>&big;</Project>'
    with pytest.raises(ScheduleFileError, match="entities"):
        read_text(tmp_path, text)


def test_missing_file_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ScheduleFileError, match="does not exist"):
        read_mspdi(tmp_path / "nothing.xml")
    with pytest.raises(ScheduleFileError, match="empty"):
        read_text(tmp_path, "  \n")


def test_file_without_calendars_gets_a_standard_one(tmp_path: Path) -> None:
    text = project_xml().replace(CALENDARS, "").replace("<CalendarUID>2</CalendarUID>", "")
    text = text.replace("<CalendarUID>3</CalendarUID>", "")
    schedule = read_text(tmp_path, text)
    assert [(c.key, c.week[MON]) for c in schedule.calendars] == [("standard", STANDARD)]
    assert schedule.default_calendar == "standard"
    assert any("no calendars" in w for w in schedule.warnings)
