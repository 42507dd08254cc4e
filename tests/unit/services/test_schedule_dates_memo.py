"""`schedule_dates._from_memo`, the fast path of `ScheduleService.dates_of` after a
drag, gives for every task exactly what the reference conversion `_dates` gives, also
when tasks on calendars of different day lengths share the same float in minutes."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any, cast

from ownersrep.services.schedule_dates import _dates, _from_memo
from ownersrep.services.schedule_input import StoredResult


def test_the_memo_path_equals_the_reference_conversion() -> None:
    start, finish = date(2027, 3, 1), date(2027, 3, 12)
    stored = {
        1: StoredResult(start, finish, 960, 480, False),  # "std": 8-hour days
        2: StoredResult(start, finish, 960, 480, False),  # "long": 10-hour days
        3: StoredResult(start, finish, 960, 0, False),  # "std" again: from the cache
        4: StoredResult(start, finish, None, None, True),
        5: StoredResult(start, finish, -700, -700, True),  # "long"
        6: StoredResult(start, finish, 1000, 200, False),  # a summary
        7: StoredResult(start, finish, 1000, 200, False),  # "long", 1000 / 600 rounded
    }
    calendar_of = {1: "std", 2: "long", 3: "std", 4: "std", 5: "long", 6: "std", 7: "long"}
    specs = {
        "std": SimpleNamespace(minutes_per_day=None),
        "long": SimpleNamespace(minutes_per_day=600),
    }
    loaded = SimpleNamespace(stored=stored, parents={6}, calendar_of=calendar_of, specs=specs)
    got = _from_memo(cast(Any, loaded), [*stored, 99])  # 99: not in the project
    per_day = {"std": 480, "long": 600}
    assert got == {
        tid: _dates(r, per_day[calendar_of[tid]], tid in {6}) for tid, r in stored.items()
    }
    assert got[2].total_float_days == 1.6 and got[1].total_float_days == 2.0
    assert got[7].total_float_days == 1.67
    assert all(type(d).__name__ == "ScheduledDates" for d in got.values())
