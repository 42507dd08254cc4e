"""calendar_codec: a CalendarSpec survives the calendar row's JSON columns unchanged, and
a column that is not a calendar is refused with a message naming the calendar."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ownersrep.db.models import Calendar
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.scheduling.model import (
    STANDARD_DAY,
    CalendarSpec,
    RecurringException,
    WorkPeriod,
)
from ownersrep.services.calendar_codec import (
    calendar_columns,
    calendar_spec,
    encode_recurring,
    encode_week,
)
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_service import ProjectService

TEN_HOURS = (WorkPeriod(7 * 60, 12 * 60), WorkPeriod(12 * 60 + 30, 17 * 60 + 30))
NIGHT = (WorkPeriod(0, 6 * 60), WorkPeriod(22 * 60, 24 * 60))

SPECS = [
    CalendarSpec(key="standard", name="Standard"),
    CalendarSpec(
        key="1249",
        name="10-hour days, Fridays off",
        week=(TEN_HOURS, TEN_HOURS, TEN_HOURS, TEN_HOURS, (), (), TEN_HOURS),
        exceptions=(
            (date(2026, 12, 25), ()),
            (date(2026, 12, 26), (WorkPeriod(8 * 60, 12 * 60),)),
        ),
        recurring=(
            RecurringException(1, 1),
            RecurringException(2, 29, working=True, first_year=2024, last_year=2032),
        ),
        minutes_per_day=600,
    ),
    CalendarSpec(
        key="24h",
        name="24 Hours — nuit/jour",
        week=((WorkPeriod(0, 1440),),) * 7,
        country="CA",
        region="QC",
        minutes_per_day=1440,
    ),
    CalendarSpec(key="night", name="Night shift", week=(NIGHT,) * 5 + ((), ())),
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_round_trip_in_memory(spec: CalendarSpec) -> None:
    assert calendar_spec(calendar_columns(spec)) == spec


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_round_trip_through_the_database(ctx: ServiceContext, spec: CalendarSpec) -> None:
    pid = ProjectService(ctx).create("Riverside Clinic").value.id
    with ctx.sessions.begin() as s:
        s.add(Calendar(project_id=pid, is_default=True, **calendar_columns(spec)))
    with ctx.sessions() as s:
        row = s.scalars(select(Calendar)).one()
        values = {c.key: getattr(row, c.key) for c in Calendar.__table__.columns}
    assert calendar_spec(values) == spec


def test_the_json_is_compact_and_readable() -> None:
    assert encode_week(SPECS[0].week) == (
        "[[[480,720],[780,1020]],[[480,720],[780,1020]],[[480,720],[780,1020]],"
        "[[480,720],[780,1020]],[[480,720],[780,1020]],[],[]]"
    )
    assert encode_recurring(SPECS[1].recurring) == (
        '[{"month":1,"day":1},'
        '{"month":2,"day":29,"working":true,"first_year":2024,"last_year":2032}]'
    )
    assert calendar_columns(SPECS[1])["exceptions_json"] == (
        '[["2026-12-25",[]],["2026-12-26",[[480,720]]]]'
    )
    assert SPECS[0].week[0] == STANDARD_DAY


def _columns(**changes: object) -> dict[str, object]:
    return {**calendar_columns(CalendarSpec(key="std", name="Standard")), **changes}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"week_json": "[[], []]"}, "the week does not have seven days"),
        ({"week_json": "{not json"}, "the week is not valid JSON"),
        ({"week_json": "[[[480, 420]],[],[],[],[],[],[]]"}, "Monday: [480, 420] is not a period"),
        ({"week_json": '[[], [["8", 9]], [], [], [], [], []]'}, "Tuesday is not a whole number"),
        ({"exceptions_json": '[["2026-02-30", []]]'}, "“2026-02-30” is not a date"),
        ({"exceptions_json": '["2026-12-25"]'}, "is not a [date, periods] pair"),
        ({"recurring_json": '[{"month": 13, "day": 1}]'}, "1/13 is not a day of the year"),
        ({"recurring_json": '[{"day": 1}]'}, "has no month and day"),
        ({"minutes_per_day": 0}, "0 minutes per day is not between 1 and 1440"),
    ],
)
def test_a_broken_column_names_the_calendar(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        calendar_spec(_columns(**changes))
    assert str(refused.value).startswith("Calendar “Standard”: ")
    assert message in str(refused.value)
