"""P6 `clndr_data`: the structured-text parser and what it means as a CalendarSpec."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ownersrep.domain.scheduling.model import WorkPeriod
from ownersrep.interchange.xer_calendar import (
    DEFAULT_WEEK,
    ClndrDataError,
    calendar_spec,
    parse_clndr_data,
    read_clndr_data,
)
from ownersrep.interchange.xer_tables import XerRow, load_xer

XER_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "schedules" / "xer"
REAL_FILES = (
    "bhatticoder__CONSRTRUCTION.xer",
    "constology__wk2.xer",
    "bhatticoder__Convention_Exhibition_Center_Roads_Utilities.xer",
)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
H = 60

BRIEF_EXAMPLE = (
    "(0||CalendarData()("
    "(0||DaysOfWeek()("
    "(0||1()())"
    "(0||2()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))"
    "(0||3()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))"
    "(0||4()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))"
    "(0||5()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))"
    "(0||6()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))"
    "(0||7()())))"
    "(0||VIEW(ShowTotal|Y)())"
    "(0||Exceptions()("
    "(0||0(d|40000)())"
    "(0||1(d|40001)((0||0(s|08:00|f|17:00)())))))))"
)
STANDARD = (WorkPeriod(8 * H, 12 * H), WorkPeriod(13 * H, 17 * H))


def _row(data: str, **values: str) -> XerRow:
    return XerRow("CALENDAR", 1, 10, {"clndr_id": "7", "clndr_data": data, **values})


def _need(name: str) -> Path:
    path = XER_DIR / name
    if not path.exists():
        pytest.skip(f"test schedules not found at {XER_DIR}")
    return path


def _calendars(name: str) -> dict[str, XerRow]:
    return {row.get("clndr_id"): row for row in load_xer(_need(name)).rows("CALENDAR")}


# -- the parser -------------------------------------------------------------------------


def test_tree_of_the_example() -> None:
    root = parse_clndr_data(BRIEF_EXAMPLE)
    assert root.name == "CalendarData"
    assert [c.name for c in root.children] == ["DaysOfWeek", "VIEW", "Exceptions"]
    monday = root.children[0].children[1]
    assert monday.name == "2"
    assert [c.attributes for c in monday.children] == [
        (("s", "08:00"), ("f", "12:00")),
        (("s", "13:00"), ("f", "17:00")),
    ]
    assert root.child("view").attribute("ShowTotal") == "Y"  # type: ignore[union-attr]


def test_meaning_of_the_example() -> None:
    data = read_clndr_data(BRIEF_EXAMPLE)
    assert data.week == (STANDARD,) * 5 + ((), ())  # 1 = Sunday … 7 = Saturday
    # Serial days count from 1899-12-30: 40000 is 2009-07-06.
    assert data.exceptions == {
        date(2009, 7, 6): (),
        date(2009, 7, 7): (WorkPeriod(8 * H, 17 * H),),
    }


def test_blanks_del_characters_swapped_ends_and_midnight() -> None:
    text = (
        "(0||CalendarData()(\r\n  (0||DaysOfWeek()(\x7f\x7f"
        "    (0||1()( (0||0(f|12:00|s|8:00)()) ))"  # finish first, one-digit hour
        "    (0||7()( (0||0(s|00:00|f|00:00)()) ))"  # the whole day
        "    (0||4()( (0||0(s|13:00|f|17:00)()) (0||1(s|08:00|f|13:00)()) ))"  # touching
        ")) (0||Exceptions()())))"
    )
    data = read_clndr_data(text)
    assert data.week is not None
    assert data.week[SUN] == (WorkPeriod(8 * H, 12 * H),)
    assert data.week[SAT] == (WorkPeriod(0, 24 * H),)
    assert data.week[WED] == (WorkPeriod(8 * H, 17 * H),)  # merged into one period
    assert data.week[MON] == ()
    assert data.exceptions == {}


def test_shift_across_midnight_keeps_both_ends_and_says_so() -> None:
    data = read_clndr_data(
        "(0||CalendarData()((0||DaysOfWeek()((0||2()((0||0(s|22:00|f|06:00)())))))))"
    )
    assert data.week is not None
    assert data.week[MON] == (WorkPeriod(0, 6 * H), WorkPeriod(22 * H, 24 * H))
    assert any("midnight" in note for note in data.notes)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("(0||CalendarData()((0||DaysOfWeek()(", "ends"),
        ("(0||CalendarData()((0||DaysOfWeek()()))", "ends"),
        ("(0||CalendarData()()))", "after the data"),
        ("(x||CalendarData()())", "record number"),
        ("(0|CalendarData()())", "'||'"),
        ("(0||CalendarData()((0||DaysOfWeek()((0||9()())))))", "not 1 to 7"),
        ("(0||CalendarData()((0||DaysOfWeek()((0||2()((0||0(s|8h|f|12:00)())))))))", "HH:MM"),
        ("(0||CalendarData()((0||DaysOfWeek()((0||2()((0||0(s|25:00|f|26:00)())))))))", "outside"),
        ("(0||CalendarData()((0||Exceptions()((0||0(d|soon)())))))", "day number"),
        ("(0||CalendarData()((0||DaysOfWeek()((0||2()((0||0(s|08:00)())))))))", "s|start"),
    ],
)
def test_malformed_data_says_what_and_where(text: str, words: str) -> None:
    with pytest.raises(ClndrDataError, match=words):
        read_clndr_data(text)


def test_error_names_the_character() -> None:
    with pytest.raises(ClndrDataError, match=r"found '0x' \(at character 2\)"):
        parse_clndr_data("(0x||A()())")


# -- CalendarSpec ---------------------------------------------------------------------------


def test_spec_from_a_row_uses_hours_per_day() -> None:
    spec, warnings = calendar_spec(
        _row(BRIEF_EXAMPLE, clndr_name="Std", day_hr_cnt="7.5"),
        read_clndr_data(BRIEF_EXAMPLE),
        None,
    )
    assert (spec.key, spec.name, spec.minutes_per_day) == ("7", "Std", 450)
    assert spec.exceptions[0] == (date(2009, 7, 6), ())
    assert warnings == []


def test_spec_without_week_or_hours_takes_p6_defaults_and_warns() -> None:
    spec, warnings = calendar_spec(_row("", clndr_name="Bare"), read_clndr_data(""), None)
    assert spec.week == DEFAULT_WEEK
    assert spec.minutes_per_day == 480
    assert "Bare" in warnings[0] and "CALENDAR, row 1 (line 10)" in warnings[0]


def test_derived_calendar_inherits_base_week_and_exceptions_its_own_win() -> None:
    base = read_clndr_data(BRIEF_EXAMPLE)
    own = read_clndr_data(
        "(0||CalendarData()((0||Exceptions()("
        "(0||0(d|40001)())"  # own: 2009-07-07 off, the base says it works
        "(0||1(d|40002)())))))"
    )
    spec, _ = calendar_spec(_row("x"), own, base)
    assert spec.week == base.week
    assert dict(spec.exceptions) == {
        date(2009, 7, 6): (),
        date(2009, 7, 7): (),
        date(2009, 7, 8): (),
    }


# -- every calendar in the real files -------------------------------------------------------


# Hours of each weekday, Monday to Sunday, and the number of exception dates, as the
# files' clndr_data give them.
REAL_CALENDARS = {
    "bhatticoder__CONSRTRUCTION.xer": {
        "597": ([8, 8, 8, 8, 8, 0, 0], 0),
        "841": ([8, 8, 8, 8, 8, 8, 0], 5),
    },
    "constology__wk2.xer": {"6690": ([8, 8, 8, 8, 0, 8, 8], 79)},
    "bhatticoder__Convention_Exhibition_Center_Roads_Utilities.xer": {
        "597": ([8, 8, 8, 8, 8, 0, 0], 0),
        "842": ([8, 8, 8, 8, 0, 8, 8], 19),
        "1423": ([9, 9, 9, 9, 0, 0, 9], 38),
        "1473": ([10, 10, 10, 0, 0, 10, 10], 65),
        "1474": ([10, 10, 10, 10, 10, 10, 10], 1),
        "1522": ([9, 9, 9, 0, 0, 9, 9], 330),
    },
}


@pytest.mark.parametrize("name", REAL_FILES)
def test_every_calendar_in_the_real_files_parses(name: str) -> None:
    rows = _calendars(name)
    assert set(rows) == set(REAL_CALENDARS[name])
    for key, row in rows.items():
        data = read_clndr_data(row.get("clndr_data"))
        assert data.week is not None, row.where
        hours = [sum(p.end - p.start for p in day) / H for day in data.week]
        assert (hours, len(data.exceptions)) == REAL_CALENDARS[name][key], row.where
        for day, periods in data.exceptions.items():
            assert date(1995, 1, 1) < day < date(2040, 1, 1), row.where
            assert all(0 <= p.start < p.end <= 24 * H for p in periods), row.where
        spec, _ = calendar_spec(row, data, None)
        assert spec.minutes_per_day == round(float(row.get("day_hr_cnt") or 8) * H)


def test_wk2_calendar_has_ten_hour_days_and_fridays_off() -> None:
    row = _calendars("constology__wk2.xer")["6690"]
    spec, warnings = calendar_spec(row, read_clndr_data(row.get("clndr_data")), None)
    assert spec.name == "test project"
    assert spec.minutes_per_day == 600  # day_hr_cnt 10
    assert spec.week[FRI] == ()
    assert all(spec.week[d] == (WorkPeriod(8 * H, 16 * H),) for d in (SAT, SUN, MON, TUE, WED, THU))
    exceptions = dict(spec.exceptions)
    assert exceptions[date(2001, 1, 6)] == ()  # d|36897
    assert exceptions[date(2001, 2, 3)] == ()  # d|36925
    assert exceptions[date(2001, 4, 1)] == STANDARD  # d|36982: a day with its own hours
    assert warnings == []


def test_construction_six_day_calendar() -> None:
    rows = _calendars("bhatticoder__CONSRTRUCTION.xer")
    assert set(rows) == {"597", "841"}
    data = read_clndr_data(rows["841"].get("clndr_data"))
    assert data.week is not None
    assert data.week[SUN] == ()
    assert all(data.week[d] == (WorkPeriod(8 * H, 16 * H),) for d in range(6))
    assert sorted(data.exceptions) == [
        date(2011, 1, 1),
        date(2011, 1, 8),
        date(2011, 1, 15),
        date(2011, 1, 22),
        date(2011, 1, 29),
    ]
    standard = read_clndr_data(rows["597"].get("clndr_data"))
    assert standard.week == (STANDARD,) * 5 + ((), ())


def test_convention_calendars_with_a_middle_eastern_week_and_split_exceptions() -> None:
    rows = _calendars("bhatticoder__Convention_Exhibition_Center_Roads_Utilities.xer")
    main = read_clndr_data(rows["1473"].get("clndr_data"))
    assert main.week is not None
    ten_hours = (WorkPeriod(7 * H, 17 * H),)
    assert [bool(day) for day in main.week] == [True, True, True, False, False, True, True]
    assert main.week[SUN] == ten_hours
    assert len(main.exceptions) == 65
    sil = read_clndr_data(rows["1423"].get("clndr_data"))
    # d|41535 = 2013-09-18: 00:00–00:30, 07:00–12:00 and 13:00–17:00.
    assert sil.exceptions[date(2013, 9, 18)] == (
        WorkPeriod(0, 30),
        WorkPeriod(7 * H, 12 * H),
        WorkPeriod(13 * H, 17 * H),
    )
