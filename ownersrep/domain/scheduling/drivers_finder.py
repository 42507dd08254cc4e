"""The reasons for a task's date (see `drivers` for the rules), found on the ordinals and
imposed dates of `PointFinder`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.driver import CONSTRAINT_LABELS, Driver, day_text, lag_text
from ownersrep.domain.scheduling.drivers_points import (
    FINISHED,
    NOT_STARTED,
    START_LINKS,
    Point,
    PointFinder,
)
from ownersrep.domain.scheduling.model import (
    ConstraintType,
    LagUnit,
    SchedLink,
    SchedProject,
    SchedTask,
    ScheduleResult,
)

Label = Callable[[int], str]

_START_PINS = (ConstraintType.SNET, ConstraintType.MSO)
_FINISH_PINS = (ConstraintType.FNET, ConstraintType.MFO)


class DriverFinder(PointFinder):
    """The drivers of the tasks of one project and result; `label` names a task in the
    texts (default: its name)."""

    def __init__(self, project: SchedProject, result: ScheduleResult, label: Label | None):
        super().__init__(project, result)
        self.label: Label = label or self._name

    def _name(self, task_id: int) -> str:
        task = self.tasks.get(task_id)
        return (task.name.strip() or f"#{task_id}") if task else f"#{task_id}"

    def relation(self, link: SchedLink, succ_cal: WorkCalendar) -> str:
        elapsed = link.lag_unit == LagUnit.ELAPSED
        per_day = succ_cal.minutes_per_day
        if self.p6 and not elapsed:
            per_day = self.point(link.predecessor).cal.minutes_per_day
        lag = lag_text(link.lag, per_day, elapsed)
        return f"{LinkType(link.type).value} {lag}" if lag else LinkType(link.type).value

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

    def _gate_drivers(self, task_id: int, pt: Point) -> list[Driver]:
        """The task's links, then its summaries', whose date is the one they hold."""
        found: list[Driver] = []
        if pt.tgt_start is None and pt.tgt_finish is None:
            return found
        for link, path in self._gates(task_id):
            start_link = link.type in START_LINKS
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

    def _constraint_drivers(self, task_id: int, pt: Point) -> list[Driver]:
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

    def _status_driver(self, pt: Point) -> list[Driver]:
        status = self.project.status_date
        start_o, status_o = self.floors(pt.cal)
        if status is None or status_o is None or status_o < start_o or pt.tgt_start != status_o:
            return []
        text = f"the status date {day_text(status, finish=True)}"
        return [Driver("status_date", None, None, 0, text)]

    def _floor_drivers(self, pt: Point, status: bool = True) -> list[Driver]:
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
