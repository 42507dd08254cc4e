"""Whole days to and from the engine's instants.

The schedule tables show dates; the engine works on instants. A typed start day is the
midnight that opens it (which the engine reads as the day's first working minute), a
typed finish day the midnight that closes it (the day's last working minute). Back from
the engine, a finish that falls on midnight belongs to the day before.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta


def start_moment(day: date) -> datetime:
    """The instant a task starting on `day` starts at (midnight opening the day)."""
    return datetime.combine(day, time())


def finish_moment(day: date) -> datetime:
    """The instant a task finishing on `day` finishes at (midnight closing the day)."""
    return datetime.combine(day + timedelta(days=1), time())


def day_of_start(moment: datetime) -> date:
    return moment.date()


def day_of_finish(finish: datetime, start: datetime | None = None) -> date:
    """The day a finish falls on: a finish at midnight ends the day before (a 24-hour
    calendar's task that runs to 00:00 worked the previous day)."""
    if finish.time() == time(0) and (start is None or finish > start):
        return (finish - timedelta(days=1)).date()
    return finish.date()
