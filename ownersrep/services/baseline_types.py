"""What the baseline service hands out: plain frozen values, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ownersrep.services.snapshot import Snapshot


@dataclass(frozen=True)
class BaselineRef:
    """One saved (or imported) baseline of a project."""

    id: int
    project_id: int
    name: str
    number: int  # MS Project's Baseline N (0 = "Baseline")
    saved_at: datetime | None  # None: it came with an imported schedule file
    task_count: int
    compared: bool  # the one the project's schedule is compared against


@dataclass(frozen=True)
class BaselineDates:
    """A task's dates in a baseline, and how far its current finish has moved."""

    start: date | None
    finish: date | None
    # Working days from the baseline finish to the current finish on the project's
    # default calendar, rounded to 0.1 (positive = late); None if either is missing.
    finish_variance_days: float | None


@dataclass(frozen=True)
class BaselineSnapshot(Snapshot):
    """A deleted baseline with its task rows, and whether it was the compared one."""

    compared: bool = False
