"""`Driver`, one reason for a task's date, and the wording of its sentences: constraint
names, days and lags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ownersrep.domain.enums import LinkType
from ownersrep.domain.scheduling.days import day_of_finish, day_of_start
from ownersrep.domain.scheduling.model import ConstraintType

CONSTRAINT_LABELS = {
    ConstraintType.ASAP: "as soon as possible",
    ConstraintType.ALAP: "as late as possible",
    ConstraintType.SNET: "start no earlier than",
    ConstraintType.SNLT: "start no later than",
    ConstraintType.FNET: "finish no earlier than",
    ConstraintType.FNLT: "finish no later than",
    ConstraintType.MSO: "must start on",
    ConstraintType.MFO: "must finish on",
}

ELAPSED_DAY = 1440


@dataclass(frozen=True)
class Driver:
    """One reason for a task's date. `sets` says which date it sets ("start" or
    "finish"); `relation` is the link's type and lag as written ("FS +2d")."""

    kind: str  # "link" | "summary_link" | "constraint" | "status_date" | "project_start"
    #            | "actual" | "manual"
    predecessor_id: int | None  # links: the predecessor (summary_link: the summary's)
    link_type: LinkType | None
    lag: int  # minutes, as in SchedLink
    text: str  # "finish of 1.2.3 Pour slab L2 (FS +2d)", "the status date 20 Nov 2026"
    sets: str = "start"
    relation: str = ""

    @property
    def is_link(self) -> bool:
        return self.predecessor_id is not None


def day_text(moment: datetime, *, finish: bool = False) -> str:
    """The day a start (or a finish) falls on, as in a sentence: 3 Mar 2027."""
    day = day_of_finish(moment) if finish else day_of_start(moment)
    return f"{day.day} {day:%b %Y}"


def lag_text(lag: int, minutes_per_day: int, elapsed: bool = False) -> str:
    """A lag as written after a link type: +2d, -0.5d, +3h, +2ed (elapsed days); ""
    for none."""
    if not lag:
        return ""
    per_day = ELAPSED_DAY if elapsed else (minutes_per_day or 480)
    e = "e" if elapsed else ""
    if (lag * 4) % per_day == 0:
        days = f"{lag / per_day:+.2f}".rstrip("0").rstrip(".")
        return f"{days}{e}d"
    if lag % 60 == 0:
        return f"{lag // 60:+d}{e}h"
    return f"{lag:+d}{e}min"
