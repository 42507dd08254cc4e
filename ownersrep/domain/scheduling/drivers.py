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
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import pairwise
from typing import NamedTuple

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.days import day_of_finish, day_of_start
from ownersrep.domain.scheduling.model import (
    ConstraintType,
    Convention,
    LagUnit,
    SchedLink,
    SchedProject,
    SchedTask,
    ScheduleResult,
)

Label = Callable[[int], str]

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
_START_PINS = (ConstraintType.SNET, ConstraintType.MSO)
_FINISH_PINS = (ConstraintType.FNET, ConstraintType.MFO)

_START_LINKS = frozenset((LinkType.FS, LinkType.SS))  # they set the start; FF, SF the finish
_FROM_FINISH = frozenset((LinkType.FS, LinkType.FF))  # they run from the predecessor's finish

NOT_STARTED, STARTED, FINISHED = 0, 1, 2
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


class _Point(NamedTuple):
    """A task's dates as ordinals of its calendar: what its links out start from
    (`src_*`) and what links in are compared with (`tgt_*`, None: nothing can drive)."""

    cal: WorkCalendar
    state: int
    src_start: int
    src_finish: int
    tgt_start: int | None
    tgt_finish: int | None


class _Finder:
    """Ordinals and links of one project and result, worked out as they are needed."""

    def __init__(self, project: SchedProject, result: ScheduleResult, label: Label | None):
        self.project = project
        self.result = result
        self.tasks = {t.id: t for t in project.tasks}
        self.label: Label = label or self._name
        self.p6 = project.convention == Convention.P6
        self._specs = {c.key: c for c in project.calendars}
        self._origin = project.start.date()
        self._cals: dict[str, WorkCalendar] = {}
        self._points: dict[int, _Point] = {}
        self._incoming: dict[int, list[SchedLink]] | None = None
        self._children: dict[int, list[int]] | None = None
        self._floors: dict[str, tuple[int, int | None]] = {}

    def _name(self, task_id: int) -> str:
        task = self.tasks.get(task_id)
        return (task.name.strip() or f"#{task_id}") if task else f"#{task_id}"

    # -- calendars and ordinals --------------------------------------------------------

    def calendar(self, task: SchedTask) -> WorkCalendar:
        key = task.calendar or self.project.default_calendar
        cal = self._cals.get(key)
        if cal is None:
            cal = self._cals[key] = WorkCalendar(self._specs[key], self._origin)
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

    def point(self, task_id: int) -> _Point:
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
        found = self._points[task_id] = _Point(cal, state, src_start, ef, tgt_start, tgt_finish)
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
                start_link = link.type in _START_LINKS
                x = self.down(self.imposed(link, path[0]), not start_link, path)
                if start_link:
                    es = max(es, x)
                else:
                    efl = max(efl, x)
            ef = max(es, efl)
            held_start = es if es > a_es else None
            held_finish = ef if efl > max(a_ef, es) else None
            self._points[tid] = _Point(cal, FINISHED, es, ef, held_start, held_finish)

    def all_points(self) -> dict[int, _Point]:
        """Every task's point at once: the plain ones (most) straight from their dates,
        one ordinal per distinct instant and calendar."""
        points, dates = self._points, self.result.dates
        progress = self.project.status_date is not None or any(
            _state(t) != NOT_STARTED for t in self.project.tasks
        )
        summaries = self.children
        memos: dict[str, dict[datetime, int]] = {}
        new = _Point._make
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
            cal = self.calendar(t)
            memo = memos.get(cal.key)
            if memo is None:
                memo = memos[cal.key] = {}
            d = dates[tid]
            es = memo.get(d.early_start)
            if es is None:
                es = memo[d.early_start] = cal.ordinal(d.early_start)
            ef = memo.get(d.early_finish)
            if ef is None:
                ef = memo[d.early_finish] = cal.ordinal(d.early_finish)
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
        from_finish = link.type in _FROM_FINISH
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

    def relation(self, link: SchedLink, succ_cal: WorkCalendar) -> str:
        elapsed = link.lag_unit == LagUnit.ELAPSED
        per_day = succ_cal.minutes_per_day
        if self.p6 and not elapsed:
            per_day = self.point(link.predecessor).cal.minutes_per_day
        lag = lag_text(link.lag, per_day, elapsed)
        return f"{LinkType(link.type).value} {lag}" if lag else LinkType(link.type).value

    @staticmethod
    def down(value: int, finish: bool, path: list[WorkCalendar]) -> int:
        """An ordinal of path[0]'s calendar passed down to path[-1]'s, level by level."""
        for upper, lower in pairwise(path):
            if upper is not lower:
                value = lower.ordinal_abs(_face(upper, value, finish))
        return value

    # -- drivers -----------------------------------------------------------------------

    def drivers(self, task_id: int) -> list[Driver]:
        t = self.tasks[task_id]
        pt = self.point(task_id)
        if pt.state == FINISHED:  # under P6 its predecessors may hold it back
            return [*self._gate_drivers(task_id, pt), self._actual(t)]
        found = self._gate_drivers(task_id, pt)
        if self.is_summary(task_id):
            found = found or self._constraint_drivers(task_id, pt)
            found = found or self._through_first_child(task_id)
            if not found and pt.tgt_start == self.floors(pt.cal)[0]:  # no tasks under it
                found = self._floor_drivers(pt, status=False)
        elif pt.state == NOT_STARTED:
            found = found or self._constraint_drivers(task_id, pt) or self._floor_drivers(pt)
            if not found and t.constraint == ConstraintType.ALAP:
                text = CONSTRAINT_LABELS[ConstraintType.ALAP]
                found.append(Driver("constraint", None, None, 0, text, "finish"))
        else:  # started: links or the status date hold back the remaining work
            found = found or self._status_driver(pt)
            found.append(self._actual(t))  # and its start is its actual start
        if not found:
            found.append(Driver("manual", None, None, 0, "its own dates"))
        return found

    def _gate_drivers(self, task_id: int, pt: _Point) -> list[Driver]:
        """The task's links, then its summaries', whose date is the one they hold."""
        found: list[Driver] = []
        if pt.tgt_start is None and pt.tgt_finish is None:
            return found
        for link, path in self._gates(task_id):
            start_link = link.type in _START_LINKS
            target = pt.tgt_start if start_link else pt.tgt_finish
            if target is None:
                continue
            if self.down(self.imposed(link, path[0]), not start_link, path) == target:
                if link.successor == task_id:
                    found.append(self._link_driver(link, path[0], "link", ""))
                else:
                    via = f", linked to its summary {self.label(link.successor)}"
                    found.append(self._link_driver(link, path[0], "summary_link", via))
        return found

    def _link_driver(self, link: SchedLink, cal: WorkCalendar, kind: str, via: str) -> Driver:
        lt = LinkType(link.type)
        end = "finish" if lt in (LinkType.FS, LinkType.FF) else "start"
        sets = "start" if lt in (LinkType.FS, LinkType.SS) else "finish"
        relation = self.relation(link, cal)
        text = f"{end} of {self.label(link.predecessor)} ({relation}){via}"
        return Driver(kind, link.predecessor, lt, link.lag, text, sets, relation)

    def _constraint_drivers(self, task_id: int, pt: _Point) -> list[Driver]:
        """The task's own SNET/FNET/MSO/MFO date, then its summaries' (which hold back
        every task under them), where it equals the date it sets."""
        found = []
        path = [pt.cal]
        owners = [task_id, *self.ancestors(task_id)]
        for n, owner in enumerate(owners):
            t = self.tasks[owner]
            if n:
                path.insert(0, self.calendar(t))
            ctype, when = t.constraint, t.constraint_date
            if when is None or ctype not in (*_START_PINS, *_FINISH_PINS):
                continue
            finish = ctype in _FINISH_PINS
            value = self.down(path[0].ordinal(when), finish, path)
            if value != (pt.tgt_finish if finish else pt.tgt_start):
                continue
            text = f"{CONSTRAINT_LABELS[ctype]} {day_text(when, finish=finish)}"
            if n:
                text += f" (set on its summary {self.label(owner)})"
            sets = "finish" if finish else "start"
            found.append(Driver("constraint", None, None, 0, text, sets))
        return found

    def _status_driver(self, pt: _Point) -> list[Driver]:
        status = self.project.status_date
        start_o, status_o = self.floors(pt.cal)
        if status is None or status_o is None or status_o < start_o or pt.tgt_start != status_o:
            return []
        text = f"the status date {day_text(status, finish=True)}"
        return [Driver("status_date", None, None, 0, text)]

    def _floor_drivers(self, pt: _Point, status: bool = True) -> list[Driver]:
        found = self._status_driver(pt) if status else []
        if not found and pt.tgt_start == self.floors(pt.cal)[0]:
            text = f"the project start {day_text(self.project.start)}"
            found.append(Driver("project_start", None, None, 0, text))
        return found

    def _actual(self, t: SchedTask) -> Driver:
        if t.actual_start is not None:
            return Driver("actual", None, None, 0, f"its actual start {day_text(t.actual_start)}")
        if t.actual_finish is not None:
            text = f"its actual finish {day_text(t.actual_finish, finish=True)}"
            return Driver("actual", None, None, 0, text, "finish")
        return Driver("actual", None, None, 0, "its progress: 100% complete")

    def _through_first_child(self, task_id: int) -> list[Driver]:
        """A summary starts with its first task: that task's drivers, saying so."""
        kids = self.children.get(task_id)
        if not kids:
            return []
        dates, children, tasks = self.result.dates, self.children, self.tasks

        def empty(k: int) -> bool:
            return k not in children and tasks[k].kind is TaskKind.SUMMARY

        # The earliest; of those starting together, one with work of its own.
        first = min(kids, key=lambda k: (dates[k].early_start, empty(k)))
        via = f", via its first task {self.label(first)}"
        return [replace(d, text=d.text + via) for d in self.drivers(first)]


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


# -- public API ---------------------------------------------------------------------------


def drivers_of(
    project: SchedProject, result: ScheduleResult, task_id: int, label: Label | None = None
) -> list[Driver]:
    """Everything that sets the task's date: driving links first (its own, then its
    summaries'), then the non-link reasons. Never empty ("manual" when nothing else)."""
    return _Finder(project, result, label).drivers(task_id)


def driving_path(
    project: SchedProject, result: ScheduleResult, task_id: int, label: Label | None = None
) -> list[tuple[int, Driver | None]]:
    """From the task back to where its date comes from: each step is (task id, its first
    driving link), the last (origin id, the reason that is not a link)."""
    finder = _Finder(project, result, label)
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
    project: SchedProject, result: ScheduleResult, only: Collection[int] | None = None
) -> set[tuple[int, int]]:
    """Every (predecessor id, successor id) link that drives its successor's date, as
    stored (a link into a summary drives when it sets the summary's rolled-up date).

    With `only`, just the links with an end among those tasks are looked at (the others
    keep what they were: whether a link drives depends on its two ends' dates)."""
    finder = _Finder(project, result, None)
    imposed = finder.imposed
    links: Iterable[SchedLink] = project.links
    if only is not None:
        links = [x for x in links if x.predecessor in only or x.successor in only]
    # All at once is cheaper per point; one by one pays off for a small part of the plan.
    few = only is not None and len(only) * 4 < len(project.tasks)
    points: Mapping[int, _Point] = _LazyPoints(finder) if few else finder.all_points()
    working = LagUnit.WORKING
    found: set[tuple[int, int]] = set()
    add = found.add
    for link in links:
        p, s = link.predecessor, link.successor
        s_cal, _, _, _, s_start, s_finish = points[s]
        lt = link.type
        target = s_start if lt in _START_LINKS else s_finish
        if target is None:
            continue
        p_cal, _, p_start, p_finish, _, _ = points[p]
        if p_cal is s_cal and link.lag_unit is working:  # the common case: integers
            x = (p_finish if lt in _FROM_FINISH else p_start) + link.lag
        else:
            x = imposed(link, s_cal)
        if x == target:
            add((p, s))
    return found


class _LazyPoints(dict):  # type: ignore[type-arg]
    """Points worked out when first asked for: for a few links, not the whole network."""

    def __init__(self, finder: _Finder) -> None:
        super().__init__()
        self._finder = finder

    def __missing__(self, task_id: int) -> _Point:
        found = self[task_id] = self._finder.point(task_id)
        return found
