"""The forward pass and the run of both passes (the rules are set out in `cpm.py`; the
backward pass is in `backward.py`).

Every array is indexed by node (see `network.py`) and holds working-minute ordinals of
that node's calendar: `est`/`eft` early start and finish, `lst`/`lft` late start and
finish; `fes`/`fef` floors for the forward pass, `fls`/`flf` ceilings for the backward.
"""

from __future__ import annotations

from datetime import datetime

from ownersrep.domain.enums import TaskKind
from ownersrep.domain.scheduling.backward import BackwardMixin
from ownersrep.domain.scheduling.model import (
    ConstraintType,
    Convention,
    SchedTask,
    ScheduleResult,
)
from ownersrep.domain.scheduling.network import (
    ELAPSED,
    FF,
    FINISHED,
    FS,
    LAG_DST,
    LAG_SRC,
    NEG,
    NOT_STARTED,
    PLAIN,
    POS,
    SAME,
    SPECIAL,
    SS,
    STARTED,
    SUM_IN,
    Network,
    label,
)
from ownersrep.domain.scheduling.results import ResultsMixin

_HALF = 1 << 61


class Scheduler(BackwardMixin, ResultsMixin):
    """Both passes over one network: the forward pass here, the backward in
    `BackwardMixin`; the results are put together by `ResultsMixin`."""

    def __init__(self, net: Network) -> None:
        self.net = net
        self.project = project = net.project
        self.cals = cals = net.calendars
        self.warnings = list(net.warnings)
        n_nodes = net.n_nodes
        self.est = [0] * n_nodes
        self.eft = [0] * n_nodes
        self.lst = [POS] * n_nodes
        self.lft = [POS] * n_nodes
        # Floors for the forward pass, ceilings for the backward (task's calendar).
        self.fes = [NEG] * n_nodes
        self.fef = [NEG] * n_nodes
        self.fls = [POS] * n_nodes
        self.flf = [POS] * n_nodes
        self.dur = [0] * n_nodes
        self.state = [NOT_STARTED] * n_nodes
        self.remaining = [0] * n_nodes
        self.pinned: dict[int, int] = {}  # MSO/MFO: node → early start
        self.actuals: dict[int, tuple[int, int]] = {}  # P6 finished points: their actuals
        self.p6 = project.convention == Convention.P6
        self._memo: list[dict[int, int]] = [{} for _ in range(2 * len(cals) ** 2)]
        self.alap: list[int] = []
        origin_cal = cals[0]
        self.start_abs = origin_cal.abs_of(project.start)
        self.start_ord = [c.ordinal_abs(self.start_abs) for c in cals]
        self.status_ord: list[int] | None = None
        if project.status_date is not None:
            status_abs = origin_cal.abs_of(project.status_date)
            self.status_ord = [c.ordinal_abs(status_abs) for c in cals]
        self._prepare()

    # -- set-up --------------------------------------------------------------------

    def _ordinal(self, node: int, moment: datetime) -> int:
        return self.cals[self.net.cal[node]].ordinal(moment)

    def _prepare(self) -> None:
        net, fes, flf, dur = self.net, self.fes, self.flf, self.dur
        tasks, cal, out, state = net.tasks, net.cal, net.out, self.state
        n = net.n_tasks
        floor = self.start_ord
        if self.status_ord is not None:
            floor = [max(a, b) for a, b in zip(floor, self.status_ord, strict=True)]
        milestone, asap = TaskKind.MILESTONE, ConstraintType.ASAP
        dur[:n] = [0 if t.kind is milestone else max(0, t.duration) for t in tasks]
        fes[:n] = [floor[c] for c in cal[:n]]
        # Only the few tasks with more than a duration need a closer look.
        special = [
            i
            for i, t in enumerate(tasks)
            if t.deadline is not None
            or t.actual_start is not None
            or t.actual_finish is not None
            or t.percent_complete >= 100
            or t.constraint is not asap
            or out[i] != i
        ]
        for i in special:
            t = tasks[i]
            if out[i] != i:
                dur[i] = 0
                fes[i] = NEG
                self._prepare_summary(i)
                continue
            d = dur[i]
            if t.deadline is not None:
                flf[i] = self._ordinal(i, t.deadline)
            if (
                t.actual_start is not None
                or t.actual_finish is not None
                or t.percent_complete >= 100
            ):
                self._prepare_progress(i, d)
            if t.constraint is not asap and state[i] != FINISHED:
                self._prepare_constraint(i, t, d, state[i] == NOT_STARTED)

    def _prepare_constraint(self, i: int, t: SchedTask, d: int, not_started: bool) -> None:
        fes, fef, flf = self.fes, self.fef, self.flf
        ctype, cdate = t.constraint, t.constraint_date
        if ctype == ConstraintType.ALAP:
            if not_started:
                self.alap.append(i)
            return
        if cdate is None:
            self.warnings.append(f"{label(t)}: {ctype.value.upper()} has no date; ignored")
            return
        x = self._ordinal(i, cdate)
        if ctype == ConstraintType.SNET:
            fes[i] = max(fes[i], x)
        elif ctype == ConstraintType.FNET:
            fef[i] = x
        elif ctype == ConstraintType.SNLT:
            flf[i] = min(flf[i], x + d)
        elif ctype == ConstraintType.FNLT:
            flf[i] = min(flf[i], x)
        elif ctype in (ConstraintType.MSO, ConstraintType.MFO):
            pinned = x if ctype == ConstraintType.MSO else x - d
            flf[i] = min(flf[i], pinned + d)
            if not_started:
                self.pinned[i] = pinned
                self.net.ntype[i] = SPECIAL

    def _prepare_progress(self, i: int, d: int) -> None:
        t = self.net.tasks[i]
        if t.actual_finish is not None or (t.percent_complete >= 100 and t.actual_start is None):
            self.state[i] = FINISHED
        else:  # started; with nothing left (100%, no actual finish) it ends at the status date
            self.state[i] = STARTED
            if t.remaining is not None:
                r = t.remaining
            else:
                r = round(d * (100.0 - max(0.0, t.percent_complete)) / 100.0)
            # What is left may exceed the plan (a task running late): it is not capped.
            self.remaining[i] = 0 if t.kind is TaskKind.MILESTONE else max(0, r)
        started, finished = t.actual_start, t.actual_finish
        if started is not None and finished is not None and finished < started:
            self.warnings.append(f"{label(t)}: actual finish is before actual start")
        if self.state[i] == FINISHED and self.p6 and (started or finished):
            # P6's retained logic: a finished activity stays in the network. Its
            # successors follow its actual dates, unless an unfinished predecessor (work
            # out of sequence) holds it back: then it is a point after that predecessor,
            # and its successors wait for it. It is reported at its actual dates.
            self.actuals[i] = self._actual_dates(i, d)
            self.dur[i] = 0
            self.flf[i] = POS
        self.net.ntype[i] = SPECIAL

    def _actual_dates(self, i: int, d: int) -> tuple[int, int]:
        t = self.net.tasks[i]
        es = self._ordinal(i, t.actual_start) if t.actual_start is not None else None
        ef = self._ordinal(i, t.actual_finish) if t.actual_finish is not None else None
        if es is None:
            es = ef - d  # type: ignore[operator]
        if ef is None:
            ef = es + d
        return es, max(es, ef)

    def _prepare_summary(self, i: int) -> None:
        t, net = self.net.tasks[i], self.net
        o = net.out[i]
        if t.deadline is not None:
            self.flf[o] = self._ordinal(i, t.deadline)
        ctype, cdate = t.constraint, t.constraint_date
        if cdate is None or not ctype.needs_date:
            return
        x = self._ordinal(i, cdate)
        if ctype in (ConstraintType.SNET, ConstraintType.MSO):
            self.fes[i] = x
        if ctype in (ConstraintType.FNET, ConstraintType.MFO):
            self.fef[i] = x
        if ctype in (ConstraintType.SNLT, ConstraintType.MSO):
            self.fls[o] = x
        if ctype in (ConstraintType.FNLT, ConstraintType.MFO):
            self.flf[o] = min(self.flf[o], x)

    # -- crossing calendars ----------------------------------------------------------

    def _face(self, c: int, value: int, finish: bool) -> int:
        cal = self.cals[c]
        return cal.finish_abs(value) if finish else cal.start_abs(value)

    def _convert(self, value: int, finish: bool, src: int, dst: int) -> int:
        """The instant of ordinal `value` of calendar `src` (its finish or start face), as
        an ordinal of `dst`. Remembered: many tasks share a date."""
        memo = self._memo[(src * len(self.cals) + dst) * 2 + finish]
        found = memo.get(value)
        if found is None:
            cal = self.cals[src]
            at = cal.finish_abs(value) if finish else cal.start_abs(value)
            found = memo[value] = self.cals[dst].ordinal_abs(at)
        return found

    def _forward_cross(self, value: int, finish: bool, src: int, dst: int, lag: int, mode: int):
        """A predecessor's date (calendar `src`) plus lag, as an ordinal of `dst`."""
        if value <= -_HALF:
            return NEG
        if mode == LAG_DST:
            return self._convert(value, finish, src, dst) + lag
        if mode == LAG_SRC:
            if lag:
                value, finish = value + lag, lag > 0
            return self._convert(value, finish, src, dst)
        if mode == ELAPSED:
            return self.cals[dst].ordinal_abs(self._face(src, value, finish) + lag)
        return self._convert(value + lag, finish, src, dst)

    def _backward_cross(self, value: int, finish: bool, src: int, dst: int, lag: int, mode: int):
        """A successor's date (calendar `src`) less lag, as an ordinal of `dst`."""
        if value >= _HALF:
            return POS
        if mode == LAG_DST:
            return self._convert(value - lag, finish, src, dst)
        if mode == LAG_SRC:
            return self._convert(value, finish, src, dst) - lag
        if mode == ELAPSED:
            return self.cals[dst].ordinal_abs(self._face(src, value, finish) - lag)
        return self._convert(value - lag, finish, src, dst)

    def _mode_between(self, a: int, b: int, mode: int) -> int:
        if mode == ELAPSED:
            return ELAPSED
        cal = self.net.cal
        if cal[a] == cal[b]:
            return SAME
        return LAG_SRC if self.project.convention == Convention.P6 else LAG_DST

    # -- forward pass ------------------------------------------------------------------

    def _link_floors(self, v: int, es: int, efl: int, start_links: bool = True):
        """Start and finish floors from links into `v` and from its summaries' gates."""
        est, eft, cal = self.est, self.eft, self.net.cal
        for p, k, lag, mode in self.net.links_in(v):
            if k in (FS, SS):
                if not start_links:
                    continue
                src = eft[p] if k == FS else est[p]
                if mode == SAME:
                    x = src + lag
                else:
                    x = self._forward_cross(src, k == FS, cal[p], cal[v], lag, mode)
                if x > es:
                    es = x
            else:
                src = eft[p] if k == FF else est[p]
                if mode == SAME:
                    x = src + lag
                else:
                    x = self._forward_cross(src, k == FF, cal[p], cal[v], lag, mode)
                if x > efl:
                    efl = x
        pa = self.net.parent[v]
        if pa >= 0:
            es, efl = self._gate(pa, v, es, efl, start_links)
        return es, efl

    def _gate(self, pa: int, v: int, es: int, efl: int, start_links: bool = True):
        cal = self.net.cal
        g = self.est[pa]
        if g > NEG and start_links:
            x = g if cal[pa] == cal[v] else self._forward_cross(g, False, cal[pa], cal[v], 0, 1)
            if x > es:
                es = x
        g = self.eft[pa]
        if g > NEG:
            x = g if cal[pa] == cal[v] else self._forward_cross(g, True, cal[pa], cal[v], 0, 1)
            if x > efl:
                efl = x
        return es, efl

    def forward(self) -> None:
        net = self.net
        est, eft, fes, fef, dur = self.est, self.eft, self.fes, self.fef, self.dur
        preds, parent, ntype, cal = net.preds, net.parent, net.ntype, net.cal
        fs_preds = net.fs_preds
        cross, gate = self._forward_cross, self._gate
        for v in net.order:
            t = ntype[v]
            if t == PLAIN:
                es = fes[v]
                efl = fef[v]
                for p in fs_preds[v]:
                    x = eft[p]
                    if x > es:
                        es = x
                for p, k, lag, mode in preds[v]:
                    if mode == 0:
                        if k == 0:
                            x = eft[p] + lag
                            if x > es:
                                es = x
                        elif k == 1:
                            x = est[p] + lag
                            if x > es:
                                es = x
                        else:
                            x = (eft[p] if k == 2 else est[p]) + lag
                            if x > efl:
                                efl = x
                    elif k < 2:
                        x = cross(eft[p] if k == 0 else est[p], k == 0, cal[p], cal[v], lag, mode)
                        if x > es:
                            es = x
                    else:
                        x = cross(eft[p] if k == 2 else est[p], k == 2, cal[p], cal[v], lag, mode)
                        if x > efl:
                            efl = x
                pa = parent[v]
                if pa >= 0:
                    if cal[pa] == cal[v]:  # `_gate` on one calendar, spelled out
                        x = est[pa]  # NEG (no gate) never passes a floor
                        if x > es:
                            es = x
                        x = eft[pa]
                        if x > efl:
                            efl = x
                    else:
                        es, efl = gate(pa, v, es, efl)
                d = dur[v]
                if efl - d > es:
                    es = efl - d
                est[v] = es
                eft[v] = es + d
            elif t == SPECIAL:
                self._forward_special(v)
            elif t == SUM_IN:
                est[v], eft[v] = self._link_floors(v, fes[v], fef[v])
            else:
                self._roll_up_early(v)

    def _forward_special(self, v: int) -> None:
        t, d, state = self.net.tasks[v], self.dur[v], self.state[v]
        if v in self.actuals:  # a finished activity under P6's rule
            es, ef = self.actuals[v]
            es, ef_floor = self._link_floors(v, es, ef)
            self.est[v], self.eft[v] = es, max(es, ef_floor)
            return
        if state == FINISHED and (t.actual_start is not None or t.actual_finish is not None):
            self.est[v], self.eft[v] = self._actual_dates(v, d)
            return
        if state == STARTED:
            assert t.actual_start is not None
            es = self._ordinal(v, t.actual_start)
            r = self.remaining[v]
            ef_floor = NEG
            if self.status_ord is not None:
                # Retained logic: what is left starts at the status date, or later if
                # an unfinished predecessor holds it back.
                resume, ef_floor = self._link_floors(v, self.status_ord[self.net.cal[v]], NEG)
            else:  # no status date: the work runs on from its start as planned
                resume = es + d - r
            self.est[v], self.eft[v] = es, max(resume + r, ef_floor, es)
            return
        es, efl = self._link_floors(v, self.fes[v], self.fef[v])
        if efl - d > es:
            es = efl - d
        pinned = self.pinned.get(v)
        if pinned is not None:
            es = pinned
            if self.status_ord is not None:
                es = max(es, self.status_ord[self.net.cal[v]])
        self.est[v], self.eft[v] = es, es + d

    def _roll_up_early(self, o: int) -> None:
        net = self.net
        s = self._summary_index[o]
        kids = net.children.get(s, ())
        c = net.cal[o]
        es, ef = POS, NEG
        out, cal, est, eft = net.out, net.cal, self.est, self.eft
        for k in kids:
            ko = out[k]
            kes, kef = est[ko], eft[ko]
            if cal[ko] != c:
                kes = self._forward_cross(kes, False, cal[ko], c, 0, 1)
                kef = self._forward_cross(kef, True, cal[ko], c, 0, 1)
            if kes < es:
                es = kes
            if kef > ef:
                ef = kef
        if not kids:
            es = self.est[s] if self.est[s] > NEG else self.start_ord[c]
            ef = max(es, self.eft[s])
        self.est[o], self.eft[o] = es, ef

    # -- project finish ------------------------------------------------------------------

    def project_finish(self) -> tuple[int, int]:
        """(finish instant, instant the backward pass starts from) as abs minutes."""
        net, cals = self.net, self.cals
        latest: dict[int, int] = {}
        n = net.n_tasks
        if len(cals) == 1 and net.n_nodes == n:  # one calendar, no summaries
            if n:
                latest[0] = max(self.eft[:n])
        else:
            out, cal, eft = net.out, net.cal, self.eft
            for i in range(n):
                if out[i] == i and eft[i] > latest.get(cal[i], NEG):
                    latest[cal[i]] = eft[i]
        finish = max((cals[c].finish_abs(v) for c, v in latest.items()), default=self.start_abs)
        back = finish
        if self.project.finish_constraint is not None:
            back = max(back, cals[0].abs_of(self.project.finish_constraint))
        return finish, back

    # -- run -------------------------------------------------------------------------

    def run(self) -> ScheduleResult:
        net = self.net
        out = net.out
        self._summary_index = {out[i]: i for i in range(net.n_tasks) if out[i] != i}
        self.forward()
        finish_abs, back_abs = self.project_finish()
        self.backward(back_abs)
        self._move_alap()
        return self._result(finish_abs)
