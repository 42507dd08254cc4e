"""The Schedule tab's row helpers: a reschedule's dates patched into the shown rows."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from ownersrep.domain.enums import TaskKind
from ownersrep.services.baseline_types import BaselineDates
from ownersrep.services.schedule_dates import ScheduledDates
from ownersrep.services.task_tree import TaskRow
from ownersrep.ui.schedule_rows import rescheduled_rows, with_baseline


def _row(tid: int, **kw: object) -> TaskRow:
    values: dict[str, object] = {f.name: f"<{f.name}>" for f in fields(TaskRow)}
    values.update(id=tid, kind=TaskKind.TASK, duration_days=4, **kw)
    return TaskRow(**values)  # type: ignore[arg-type]


def test_every_field_but_the_dates_is_kept() -> None:
    shown = {1: _row(1), 2: _row(2)}
    dates = {
        1: ScheduledDates(date(2027, 3, 1), date(2027, 3, 5), None, 2.5, 1.0, False),
        2: ScheduledDates(date(2027, 3, 8), date(2027, 3, 19), 10, 0.0, 0.0, True),
        3: ScheduledDates(None, None, None, None, None, False),  # not shown: left out
    }
    got = rescheduled_rows(shown.get, dates)
    assert got == [
        replace(
            shown[1],
            start=date(2027, 3, 1),
            finish=date(2027, 3, 5),
            total_float_days=2.5,
            free_float_days=1.0,
            critical=False,
        ),
        replace(
            shown[2],
            start=date(2027, 3, 8),
            finish=date(2027, 3, 19),
            duration_days=10,  # a summary's span
            total_float_days=0.0,
            free_float_days=0.0,
            critical=True,
        ),
    ]


def test_the_compared_baseline_is_merged_by_id() -> None:
    rows = [_row(1), _row(2)]
    merged = with_baseline(rows, {2: BaselineDates(date(2027, 1, 4), date(2027, 1, 8), 3.0)})
    assert merged[0] is rows[0]
    assert (merged[1].baseline_start, merged[1].baseline_finish) == (
        date(2027, 1, 4),
        date(2027, 1, 8),
    )
    assert merged[1].finish_variance_days == 3.0
