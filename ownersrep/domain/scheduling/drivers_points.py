"""A task's dates as ordinals of its calendar, and the dates its links impose.

`PointFinder` works them out for one project and schedule result, as they are needed:
the engine's rules (`passes.py`) for progress (a started task's links hold back its
remaining work; under P6 a finished task stays in the network) and for lags across
calendars. `drivers_finder` builds the reasons for a date on it; `drivers.driving_links`
compares the imposed dates with the successors' own.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.calendar import WorkCalendar, shared_calendar
from ownersrep.domain.scheduling.model import (
    Convention,
    LagUnit,
    SchedLink,
    SchedProject,
    SchedTask,
    ScheduleResult,
)

START_LINKS = frozenset((LinkType.FS, LinkType.SS))  # they set the start; FF, SF the finish
FROM_FINISH = frozenset((LinkType.FS, LinkType.FF))  # they run from the predecessor's finish

NOT_STARTED, STARTED, FINISHED = 0, 1, 2


class Point(NamedTuple):
    """A task's dates as ordinals of its calendar: what its links out start from
    (`src_*`) and what links in are compared with (`tgt_*`, None: nothing can drive)."""

    cal: WorkCalendar
    state: int
    src_start: int
    src_finish: int
    tgt_start: int | None
    tgt_finish: int | None


class PointFinder:
    """Ordinals and links of one project and result, worked out as they are needed."""

    def __init__(self, project: SchedProject, result: ScheduleResult) -> None:
        self.project = project
        self.result = result
        self.tasks = {t.id: t for t in project.tasks}
        self.p6 = project.convention == Convention.P6
        self._specs = {c.key: c for c in project.calendars}
        self._origin = project.start.date()
        self._cals: dict[str, WorkCalendar] = {}
        self._points: dict[int, Point] = {}
        self._incoming: dict[int, list[SchedLink]] | None = None
        self._children: dict[int, list[int]] | None = None
        self._floors: dict[str, tuple[int, int | None]] = {}

    # -- calendars and ordinals --------------------------------------------------------

    def calendar(self, task: SchedTask) -> WorkCalendar:
        key = task.calendar or self.project.default_calendar
        cal = self._cals.get(key)
        if cal is None:
            cal = self._cals[key] = shared_calendar(self._specs[key], self._origin)
        return cal

    def floors(self, cal: WorkCalendar) -> tuple[int, int | None]:
        """(project start, status date) as ordinals of `cal`."""
        found = self._floors.get(cal.key)
        if found is None:
            status = self.project.status_date
            found = (
                cal.ordinal(self.project.start),
                None if status is None else cal.ordinal(status),
            )
            self._floors[cal.key] = found
        return found

    def point(self, task_id: int) -> Point:
        found = self._points.get(task_id)
        if found is not None:
            return found
        t = self.tasks[task_id]
        state = NOT_STARTED if self.is_summary(task_id) else _state(t)
        if state == FINISHED and self.p6 and (t.actual_start or t.actual_finish):
            self._held_points(task_id)
            return self._points[task_id]
        d = self.result.dates[task_id]
        cal = self.calendar(t)
        es, ef = cal.ordinal(d.early_start), cal.ordinal(d.early_finish)
        src_start = es
        tgt_start: int | None = es
        tgt_finish: int | None = ef
        if state == STARTED:
            assert t.actual_start is not None
            src_start = cal.ordinal(t.actual_start)
            if self.project.status_date is None:  # it runs on from its start: no logic
                tgt_start = tgt_finish = None
            else:  # retained logic: links hold back its remaining work
                tgt_start = ef - _remaining(t)
        elif state == FINISHED:
            tgt_start = tgt_finish = None
        found = self._points[task_id] = Point(cal, state, src_start, ef, tgt_start, tgt_finish)
        return found

    def _gates(self, task_id: int) -> list[tuple[SchedLink, list[WorkCalendar]]]:
        """The links that hold the task back: its own, then its summaries' (each with the
        calendars from the link's successor down to the task)."""
        cal = self.calendar(self.tasks[task_id])
        found = [(link, [cal]) for link in self.incoming.get(task_id, ())]
        path = [cal]
        for a in self.ancestors(task_id):
            path = [self.calendar(self.tasks[a]), *path]
            found += [(link, path) for link in self.incoming.get(a, ())]
        return found

    def _held_points(self, task_id: int) -> None:
        """P6 keeps a finished activity in the network: at its actual dates, or later
        when an unfinished predecessor holds it back (progress out of sequence), and its
        successors follow that. Its predecessors of the same kind come first (a stack,
        not recursion: such chains can be long)."""
        stack = [task_id]
        while stack:
            tid = stack[-1]
            if tid in self._points:
                stack.pop()
                continue
            gates = self._gates(tid)
            waiting = [
                link.predecessor
                for link, _ in gates
                if link.predecessor not in self._points
                and _state(self.tasks[link.predecessor]) == FINISHED
                and not self.is_summary(link.predecessor)
            ]
            if waiting:
                stack.extend(waiting)
                continue
            stack.pop()
            t = self.tasks[tid]
            cal = self.calendar(t)
            d = 0 if t.kind is TaskKind.MILESTONE else max(0, t.duration)
            a_es = cal.ordinal(t.actual_start) if t.actual_start else None
            a_ef = cal.ordinal(t.actual_finish) if t.actual_finish else None
            a_es = a_ef - d if a_es is None else a_es  # type: ignore[operator]
            a_ef = max(a_es, a_es + d if a_ef is None else a_ef)
            es, efl = a_es, a_ef
            for link, path in gates:
                start_link = link.type in START_LINKS
                x = self.down(self.imposed(link, path[0]), not start_link, path)
                if start_link:
                    es = max(es, x)
                else:
                    efl = max(efl, x)
            ef = max(es, efl)
            held_start = es if es > a_es else None
            held_finish = ef if efl > max(a_ef, es) else None
            self._points[tid] = Point(cal, FINISHED, es, ef, held_start, held_finish)

    def all_points(self) -> dict[int, Point]:
        """Every task's point at once: the plain ones (most) straight from their dates,
        one ordinal per distinct instant and calendar."""
        points, dates = self._points, self.result.dates
        progress = self.project.status_date is not None or any(
            _state(t) != NOT_STARTED for t in self.project.tasks
        )
        summaries = self.children
        plain: dict[WorkCalendar, list[int]] = {}  # calendar → its plain tasks
        calendar = self.calendar
        for t in self.project.tasks:
            tid = t.id
            if tid in points:
                continue
            if (
                tid in summaries
                or t.kind is TaskKind.SUMMARY
                or (progress and _state(t) != NOT_STARTED)
            ):
                self.point(tid)
                continue
            cal = calendar(t)
            found = plain.get(cal)
            if found is None:
                found = plain[cal] = []
            found.append(tid)
        new = Point._make
        for cal, ids in plain.items():
            starts = cal.ordinals([dates[tid].early_start for tid in ids])
            finishes = cal.ordinals([dates[tid].early_finish for tid in ids])
            for tid, es, ef in zip(ids, starts, finishes, strict=True):
                points[tid] = new((cal, NOT_STARTED, es, ef, es, ef))
        return points

    # -- the network -------------------------------------------------------------------

    @property
    def incoming(self) -> dict[int, list[SchedLink]]:
        if self._incoming is None:
            self._incoming = {}
            for link in self.project.links:
                self._incoming.setdefault(link.successor, []).append(link)
        return self._incoming

    @property
    def children(self) -> dict[int, list[int]]:
        if self._children is None:
            self._children = {}
            for t in self.project.tasks:
                if t.parent_id is not None and t.parent_id in self.tasks:
                    self._children.setdefault(t.parent_id, []).append(t.id)
        return self._children

    def ancestors(self, task_id: int) -> list[int]:
        """Summaries above the task, nearest first."""
        chain: list[int] = []
        parent = self.tasks[task_id].parent_id
        while parent is not None and parent in self.tasks and parent not in chain:
            chain.append(parent)
            parent = self.tasks[parent].parent_id
        return chain

    def is_summary(self, task_id: int) -> bool:
        return task_id in self.children or self.tasks[task_id].kind is TaskKind.SUMMARY

    # -- imposed dates -----------------------------------------------------------------

    def imposed(self, link: SchedLink, cal: WorkCalendar) -> int:
        """The date `link` imposes on its successor, as an ordinal of `cal` (the
        successor's calendar)."""
        pp = self.point(link.predecessor)
        from_finish = link.type in FROM_FINISH
        value = pp.src_finish if from_finish else pp.src_start
        src, lag = pp.cal, link.lag
        if link.lag_unit == LagUnit.ELAPSED:
            return cal.ordinal_abs(_face(src, value, from_finish) + lag)
        if src is cal:
            return value + lag
        if self.p6:  # the lag counts on the predecessor's calendar
            if lag:
                value, from_finish = value + lag, lag > 0
            return cal.ordinal_abs(_face(src, value, from_finish))
        return cal.ordinal_abs(_face(src, value, from_finish)) + lag

    @staticmethod
    def down(value: int, finish: bool, path: list[WorkCalendar]) -> int:
        """An ordinal of path[0]'s calendar passed down to path[-1]'s, level by level."""
        for upper, lower in pairwise(path):
            if upper is not lower:
                value = lower.ordinal_abs(_face(upper, value, finish))
        return value


class LazyPoints(dict):  # type: ignore[type-arg]
    """Points worked out when first asked for: for a few links, not the whole network."""

    def __init__(self, finder: PointFinder) -> None:
        super().__init__()
        self._finder = finder

    def __missing__(self, task_id: int) -> Point:
        found = self[task_id] = self._finder.point(task_id)
        return found


def _face(cal: WorkCalendar, value: int, finish: bool) -> int:
    return cal.finish_abs(value) if finish else cal.start_abs(value)


def _state(t: SchedTask) -> int:
    """The engine's progress state of a task (see `passes._prepare_progress`)."""
    if t.actual_start is None and t.actual_finish is None and t.percent_complete < 100:
        return NOT_STARTED
    if t.actual_finish is not None or (t.percent_complete >= 100 and t.actual_start is None):
        return FINISHED
    return STARTED


def _remaining(t: SchedTask) -> int:
    if t.kind is TaskKind.MILESTONE:
        return 0
    if t.remaining is not None:
        return max(0, t.remaining)
    d = max(0, t.duration)
    return max(0, round(d * (100.0 - max(0.0, t.percent_complete)) / 100.0))
