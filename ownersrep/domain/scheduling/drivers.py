"""Why a task is where it is: the links, constraints and dates that drive it.

A link *drives* its successor when the date it imposes is the successor's date: for FS
and SS its early start, for FF and SF its early finish. The imposed instant is worked
out as the engine does (`passes.py`): the predecessor's finish (or start) face, plus the
lag — working minutes of the successor's calendar (MS Project) or the predecessor's
(P6), or wall-clock minutes for an elapsed lag — compared as working-minute ordinals of
the successor's calendar. A link into a summary holds back every task under it, so it
drives a child whose date it equals ("summary_link").

When no link drives, the reason is one of: the task's (or its summary's) SNET, FNET,
MSO or MFO date; the status date (work not yet done is not scheduled before it); the
project start; its actual start (a task in progress or done). "manual" is what is left
when nothing else explains the dates: they are the task's own.

A started task's links (with a status date) drive its *remaining* work: its finish less
what is left, not the actual start it reports.

`driver` holds the Driver and its wording, `drivers_points` the tasks' dates as calendar
ordinals and the dates links impose, `drivers_finder` the reasons; this module the API.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from ownersrep.domain.scheduling.driver import Driver
from ownersrep.domain.scheduling.drivers_finder import DriverFinder, Label
from ownersrep.domain.scheduling.drivers_points import (
    FROM_FINISH,
    START_LINKS,
    LazyPoints,
    Point,
    PointFinder,
)
from ownersrep.domain.scheduling.model import LagUnit, SchedLink, SchedProject, ScheduleResult


def drivers_of(
    project: SchedProject, result: ScheduleResult, task_id: int, label: Label | None = None
) -> list[Driver]:
    """Everything that sets the task's date: driving links first (its own, then its
    summaries'), then the non-link reasons. Never empty ("manual" when nothing else)."""
    return DriverFinder(project, result, label).drivers(task_id)


def driving_path(
    project: SchedProject, result: ScheduleResult, task_id: int, label: Label | None = None
) -> list[tuple[int, Driver | None]]:
    """From the task back to where its date comes from: each step is (task id, its first
    driving link), the last (origin id, the reason that is not a link)."""
    finder = DriverFinder(project, result, label)
    path: list[tuple[int, Driver | None]] = []
    seen: set[int] = set()
    current: int | None = task_id
    while current is not None and current not in seen:
        seen.add(current)
        found = finder.drivers(current)
        step = next((d for d in found if d.is_link), found[0] if found else None)
        path.append((current, step))
        current = step.predecessor_id if step is not None and step.is_link else None
    return path


def driving_links(
    project: SchedProject,
    result: ScheduleResult,
    only: Collection[int] | None = None,
    candidates: Iterable[SchedLink] | None = None,
) -> set[tuple[int, int]]:
    """Every (predecessor id, successor id) link that drives its successor's date, as
    stored (a link into a summary drives when it sets the summary's rolled-up date).

    With `only`, just the links with an end among those tasks are looked at (the others
    keep what they were: whether a link drives depends on its two ends' dates); a caller
    that has picked those links already passes them as `candidates`."""
    finder = PointFinder(project, result)
    imposed = finder.imposed
    links: Iterable[SchedLink] = project.links
    if only is not None:
        if candidates is None:
            candidates = [x for x in links if x.predecessor in only or x.successor in only]
        links = candidates
    # All at once is cheaper per point; one by one pays off for a small part of the plan.
    few = only is not None and len(only) * 4 < len(project.tasks)
    points: Mapping[int, Point] = LazyPoints(finder) if few else finder.all_points()
    working = LagUnit.WORKING
    found: set[tuple[int, int]] = set()
    add = found.add
    for link in links:
        p, s = link.predecessor, link.successor
        s_cal, _, _, _, s_start, s_finish = points[s]
        lt = link.type
        target = s_start if lt in START_LINKS else s_finish
        if target is None:
            continue
        p_cal, _, p_start, p_finish, _, _ = points[p]
        if p_cal is s_cal and link.lag_unit is working:  # the common case: integers
            x = (p_finish if lt in FROM_FINISH else p_start) + link.lag
        else:
            x = imposed(link, s_cal)
        if x == target:
            add((p, s))
    return found
