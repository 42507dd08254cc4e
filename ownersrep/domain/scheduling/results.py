"""What the passes hand back: reported dates, floats, ALAP moves and the result.

A mixin of `passes.Scheduler`: it reads the arrays the passes filled in."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

from ownersrep.domain.scheduling.model import (
    ConstraintType,
    Convention,
    ScheduleResult,
    TaskDates,
)
from ownersrep.domain.scheduling.network import (
    FF,
    FINISHED,
    FS,
    NEG,
    NOT_STARTED,
    POS,
    SAME,
    SF,
    STARTED,
    SUM_OUT,
)

_FIELDS = tuple(f.name for f in fields(TaskDates))
_SETTERS = tuple(TaskDates.__dict__[name].__set__ for name in _FIELDS)
_new = object.__new__


def _task_dates(es, ef, ls, lf, tf, ff, critical) -> TaskDates:
    """`TaskDates(...)` at half the cost of the frozen dataclass's __init__: the slots are
    filled directly, once, by the engine that owns the values (10,000 tasks: 6 ms)."""
    obj = _new(TaskDates)
    s_es, s_ef, s_ls, s_lf, s_tf, s_ff, s_crit = _SETTERS
    s_es(obj, es)
    s_ef(obj, ef)
    s_ls(obj, ls)
    s_lf(obj, lf)
    s_tf(obj, tf)
    s_ff(obj, ff)
    s_crit(obj, critical)
    return obj


class ResultsMixin:
    def free_float(self, v: int, es: int, ef: int) -> int:
        """Least gap from `v` (dates es/ef, out node v) to its and its summaries'
        successors, or to the project finish when there are none. Uses the reported
        early dates (`rest`, `reft`), where a summary's in node holds its rolled-up
        dates."""
        net, cal = self.net, self.net.cal
        est, eft, out = self.rest, self.reft, net.out
        gap = POS
        node = v
        links_seen = False
        while node >= 0:
            for s, k, lag, mode in net.links_out(node):
                links_seen = True
                fin = k in (FF, SF)
                target = eft[s] if fin else est[s]
                m = self._mode_between(s, v, mode)
                if m == SAME:
                    x = target - lag
                else:
                    x = self._backward_cross(target, fin, cal[s], cal[v], lag, m)
                gap = min(gap, x - (ef if k in (FS, FF) else es))
            p = net.parent[node]
            node = out[p] if p >= 0 else -1
        if not links_seen:
            gap = self.pf_ord[cal[v]] - ef
        return gap

    def _move_alap(self) -> None:
        """Delay each not-started ALAP task by its free float, latest tasks first."""
        if not self.alap:
            return
        position = {v: n for n, v in enumerate(self.net.order)}
        self.rest, self.reft = list(self.est), list(self.eft)
        for o, s in self._summary_index.items():
            self.rest[s], self.reft[s] = self.est[o], self.eft[o]
        for v in sorted(self.alap, key=position.__getitem__, reverse=True):
            es, ef = self.est[v], self.eft[v]
            move = min(self.free_float(v, es, ef), self.lft[v] - ef)
            if move > 0:
                self.est[v], self.eft[v] = es + move, ef + move
        for o in self.net.order:
            if self.net.ntype[o] == SUM_OUT:
                self._roll_up_early(o)

    # -- run -----------------------------------------------------------------------

    def _reported(self) -> None:
        """Reported early start, early finish, late start and late finish per node
        (`rest`, `reft`, `rlst`, `rlft`): what is shown for each task and summary (a
        summary's values sit on both its nodes); and which tasks are done."""
        net = self.net
        est, eft, lst, lft = self.est, self.eft, self.lst, self.lft
        rest, reft = list(est), list(eft)
        rlst, rlft = list(lst), list(lft)
        done = [False] * net.n_nodes
        msp = self.project.convention == Convention.MS_PROJECT
        state, out = self.state, net.out
        progressed = [i for i in range(net.n_tasks) if state[i]] if any(state) else []
        for i in progressed:
            st = state[i]
            if st == FINISHED and out[i] == i:
                if i in self.actuals:
                    rest[i], reft[i] = self.actuals[i]
                rlst[i], rlft[i], done[i] = rest[i], reft[i], True
            elif st == STARTED:
                if msp:
                    rlst[i] = est[i]  # MS Project: the actual start, early and late
                else:
                    rest[i] = eft[i] - self.remaining[i]  # P6: where the rest resumes
        cal = net.cal
        for o in net.order:
            if net.ntype[o] != SUM_OUT:
                continue
            s = self._summary_index[o]
            kids = net.children.get(s, ())
            c = cal[o]
            ls, lf = POS, NEG
            for k in kids:
                ko = out[k]
                kls, klf = rlst[ko], rlft[ko]
                if cal[ko] != c:
                    kls = self._backward_cross(kls, False, cal[ko], c, 0, 1)
                    klf = self._backward_cross(klf, True, cal[ko], c, 0, 1)
                if kls < ls:
                    ls = kls
                if klf > lf:
                    lf = klf
            if kids:
                done[o] = done[s] = all(done[net.out[k]] for k in kids)
            else:
                lf = min(lft[o], self.pf_ord[c])
                ls = lf - (eft[o] - est[o])
            rlst[o] = rlst[s] = ls
            rlft[o] = rlft[s] = lf
            rest[s], reft[s] = rest[o], reft[o]
        self.rest, self.reft, self.rlst, self.rlft, self.done = rest, reft, rlst, rlft, done

    def _under_linked_summary(self) -> list[bool]:
        """Per node: whether a summary above it has links out (its free float then also
        counts the gaps to the summary's successors: the general path)."""
        net = self.net
        below = [False] * net.n_nodes
        if net.n_nodes == net.n_tasks:  # no summaries
            return below
        out, parent = net.out, net.parent
        for v in net.order:  # parents come before their children
            if v < net.n_tasks:
                pa = parent[v]
                if pa >= 0:
                    po = out[pa]
                    if below[pa] or net.succs[po] or net.fs_succs[po]:
                        below[v] = below[out[v]] = True
        return below

    def _floats(self) -> tuple[list[int], list[int]]:
        """Total and free float of every task (by task index), in its calendar's minutes."""
        net = self.net
        rest, reft, rlft, done = self.rest, self.reft, self.rlft, self.done
        out, cal_of, fs_succs, succs, pf = net.out, net.cal, net.fs_succs, net.succs, self.pf_ord
        cross = self._backward_cross
        slow = self._under_linked_summary()
        total: list[int] = []
        free: list[int] = []
        for i in range(net.n_tasks):
            o = out[i]
            if done[o]:
                total.append(0)
                free.append(0)
                continue
            es, ef = rest[o], reft[o]
            tf = rlft[o] - ef
            if slow[o]:
                ff = self.free_float(o, es, ef)
            else:
                ff = pf[cal_of[o]] - ef
                for s in fs_succs[o]:
                    x = rest[s] - ef
                    if x < ff:
                        ff = x
                for s, k, lag, mode in succs[o]:
                    fin = k in (FF, SF)
                    target = reft[s] if fin else rest[s]
                    if mode == SAME:
                        x = target - lag
                    else:
                        x = cross(target, fin, cal_of[s], cal_of[o], lag, mode)
                    x -= ef if k in (FS, FF) else es
                    if x < ff:
                        ff = x
            total.append(tf)
            free.append(tf if ff > tf else ff if ff > 0 else 0)
        return total, free

    def _faces(self) -> tuple[list[datetime], ...]:
        """Early and late dates of every task as datetimes (start faces for starts,
        finish faces for finishes; a zero-length task shows one face for all four)."""
        net, cals = self.net, self.cals
        n = net.n_tasks
        outs = net.out[:n]
        cal_of = net.cal[:n]
        if net.n_nodes == n:  # no summaries: every task is its own out node
            columns = [self.rest[:n], self.reft[:n], self.rlst[:n], self.rlft[:n]]
        else:
            cal_of = [net.cal[o] for o in outs]
            columns = [
                [self.rest[o] for o in outs],
                [self.reft[o] for o in outs],
                [self.rlst[o] for o in outs],
                [self.rlft[o] for o in outs],
            ]
        faces: list[list[datetime]] = []
        for finish in (False, True):
            first, second = columns[1:4:2] if finish else columns[0:3:2]
            if len(cals) == 1:
                found = cals[0].faces({*first, *second}, finish=finish)
                faces.append([found[v] for v in first])
                faces.append([found[v] for v in second])
                continue
            wanted: dict[int, set[int]] = {}
            for c, a, b in zip(cal_of, first, second, strict=True):
                wanted.setdefault(c, set()).update((a, b))
            maps = {c: cals[c].faces(vs, finish=finish) for c, vs in wanted.items()}
            faces.append([maps[c][v] for c, v in zip(cal_of, first, strict=True)])
            faces.append([maps[c][v] for c, v in zip(cal_of, second, strict=True)])
        faces = [
            faces[0],
            faces[2],
            faces[1],
            faces[3],
        ]  # early start, early finish, late start, late finish
        es_l, ef_l, ls_l, _ = columns
        zero = [i for i, (a, b) in enumerate(zip(es_l, ef_l, strict=True)) if a == b]
        for i in zero:
            if i not in net.children:
                cal = cals[cal_of[i]]
                face = cal.finish_datetime if self._finish_driven(i) else cal.start_datetime
                faces[0][i] = faces[1][i] = face(es_l[i])
                faces[2][i] = faces[3][i] = face(ls_l[i])
        return tuple(faces)

    def _result(self, finish_abs: int) -> ScheduleResult:
        self._reported()
        net, cals = self.net, self.cals
        total, free = self._floats()
        es, ef, ls, lf = self._faces()
        done = self.done
        critical = [tf <= 0 and not done[o] for tf, o in zip(total, net.out, strict=False)]
        make = _task_dates
        dates = {
            t.id: make(a, b, c, d, e, f, g)
            for t, a, b, c, d, e, f, g in zip(
                net.tasks, es, ef, ls, lf, total, free, critical, strict=True
            )
        }
        earliest: dict[int, int] = {}
        if len(cals) == 1 and net.n_nodes == net.n_tasks:
            if net.n_tasks:
                earliest[0] = min(self.rest)
        else:
            for i in range(net.n_tasks):
                if net.out[i] == i:
                    c = net.cal[i]
                    if self.rest[i] < earliest.get(c, POS):
                        earliest[c] = self.rest[i]
        start_abs = min([self.start_abs] + [cals[c].start_abs(v) for c, v in earliest.items()])
        first = cals[0]
        return ScheduleResult(
            dates=dates,
            project_start=first.datetime_of(start_abs),
            project_finish=first.datetime_of(finish_abs),
            warnings=tuple(self.warnings),
        )

    def _finish_driven(self, i: int) -> bool:
        """Whether a zero-length task sits where a finish put it (shown 17:00, not 08:00)."""
        t = self.net.tasks[i]
        if t.constraint in (ConstraintType.FNET, ConstraintType.MFO):
            return True
        if self.state[i] != NOT_STARTED:
            return t.actual_start is None
        es, cal = self.est[i], self.net.cal
        for p, k, lag, mode in self.net.links_in(i):
            if k in (FS, FF):
                src = self.eft[p]
                x = (
                    src + lag
                    if mode == SAME
                    else self._forward_cross(src, True, cal[p], cal[i], lag, mode)
                )
                if x == es:
                    return True
        return False
