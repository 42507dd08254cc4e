"""The backward pass: late dates from the project finish back, with the ceilings of
constraints, links, summaries and progress (the rules are set out in `cpm.py`).

A mixin of `passes.Scheduler`: it reads the network and the arrays the forward pass
filled in, and fills `lst`/`lft` (see `passes.py` for what each array holds)."""

from __future__ import annotations

from ownersrep.domain.scheduling.network import (
    FF,
    FINISHED,
    FS,
    LAG_DST,
    NEG,
    NOT_STARTED,
    PLAIN,
    POS,
    SAME,
    SF,
    SPECIAL,
    SS,
    SUM_OUT,
)


class BackwardMixin:
    def backward(self, back_abs: int) -> None:
        net = self.net
        lst, lft, flf, dur = self.lst, self.lft, self.flf, self.dur
        succs, parent, ntype, cal, out = net.succs, net.parent, net.ntype, net.cal, net.out
        fs_succs, state = net.fs_succs, self.state
        cross = self._backward_cross
        self.pf_ord = pf = [c.ordinal_abs(back_abs) for c in self.cals]
        for v in reversed(net.order):
            t = ntype[v]
            if t == PLAIN or (t == SPECIAL and state[v] == NOT_STARTED):
                d = dur[v]
                lf = pf[cal[v]]
                if flf[v] < lf:
                    lf = flf[v]
                for s in fs_succs[v]:
                    x = lst[s]
                    if x < lf:
                        lf = x
                for s, k, lag, mode in succs[v]:
                    if mode == 0:
                        if k == 0:
                            x = lst[s] - lag
                        elif k == 1:
                            x = lst[s] - lag + d
                        elif k == 2:
                            x = lft[s] - lag
                        else:
                            x = lft[s] - lag + d
                    elif k == 0 or k == 1:
                        x = cross(lst[s], False, cal[s], cal[v], lag, mode)
                        if k == 1:
                            x += d
                    else:
                        x = cross(lft[s], True, cal[s], cal[v], lag, mode)
                        if k == 3:
                            x += d
                    if x < lf:
                        lf = x
                pa = parent[v]
                if pa >= 0:
                    po = out[pa]
                    if cal[po] == cal[v]:  # `_ceiling` on one calendar, spelled out
                        x = lft[po]  # POS (no ceiling) never lowers one
                        if x < lf:
                            lf = x
                        x = lst[po]
                        if x < POS and x + d < lf:
                            lf = x + d
                    else:
                        lf = self._ceiling(po, v, lf, d)
                lft[v] = lf
                lst[v] = lf - d
            elif t == SPECIAL:
                self._backward_progressed(v)
            elif t == SUM_OUT:
                self._summary_ceilings(v)
            else:
                self._roll_up_late(v)

    def _ceiling(self, po: int, v: int, lf: int, d: int) -> int:
        """Apply the parent summary's finish and start ceilings (out node `po`)."""
        cal = self.net.cal
        g = self.lft[po]
        if g < POS:
            x = g if cal[po] == cal[v] else self._backward_cross(g, True, cal[po], cal[v], 0, 1)
            lf = min(lf, x)
        g = self.lst[po]
        if g < POS:
            x = g if cal[po] == cal[v] else self._backward_cross(g, False, cal[po], cal[v], 0, 1)
            lf = min(lf, x + d)
        return lf

    def _succ_ceilings(self, v: int, lf: int, ls: int, start_links: bool = True):
        lst, lft, cal = self.lst, self.lft, self.net.cal
        for s, k, lag, mode in self.net.links_out(v):
            fin = k in (FF, SF)
            if not fin and k == SS and not start_links:
                continue
            if k == SF and not start_links:
                continue
            src = lft[s] if fin else lst[s]
            if mode == SAME:
                x = src - lag
            else:
                x = self._backward_cross(src, fin, cal[s], cal[v], lag, mode)
            if k in (FS, FF):
                lf = min(lf, x)
            else:
                ls = min(ls, x)
        return lf, ls

    def _backward_progressed(self, v: int) -> None:
        if v in self.actuals:  # P6: a finished activity still passes on its successors'
            lf, ls = self._succ_ceilings(v, self.pf_ord[self.net.cal[v]], POS)
            pa = self.net.parent[v]
            if pa >= 0:
                lf = self._ceiling(self.net.out[pa], v, lf, 0)
            self.lst[v] = self.lft[v] = min(lf, ls)
            return
        if self.state[v] == FINISHED:
            self.lst[v] = self.lft[v] = POS  # holds back no predecessor
            return
        r = self.remaining[v]
        lf = min(self.pf_ord[self.net.cal[v]], self.flf[v])
        lf, _ = self._succ_ceilings(v, lf, POS, start_links=False)
        if self.p6 and self.status_ord is not None:
            lf = min(lf, self._started_ss_ceiling(v) + r)
        pa = self.net.parent[v]
        if pa >= 0:
            lf = self._ceiling(self.net.out[pa], v, lf, r)
        self.lft[v] = lf
        self.lst[v] = lf - r  # the remaining work must resume by then

    def _started_ss_ceiling(self, v: int) -> int:
        """P6: a started activity's remaining work must resume by its start-to-start
        successors' late starts, less what is left of the lag (the part already worked
        since its actual start counts against it)."""
        cal = self.net.cal
        worked = self.status_ord[cal[v]] - self.est[v]  # type: ignore[index]
        ceiling = POS
        for s, k, lag, mode in self.net.links_out(v):
            if k != SS:
                continue
            left = max(0, lag - worked)
            x = (
                self.lst[s]
                if mode == SAME
                else self._backward_cross(self.lst[s], False, cal[s], cal[v], 0, LAG_DST)
            )
            ceiling = min(ceiling, x - left)
        return ceiling

    def _summary_ceilings(self, o: int) -> None:
        net = self.net
        # Not the project finish: each child meets that on its own calendar (passed
        # through the summary's calendar it could lose the end of a longer day).
        lf, ls = self._succ_ceilings(o, self.flf[o], self.fls[o])
        pa = net.parent[o]
        if pa >= 0:  # the parent's ceilings pass on: finish to finish, start to start
            po, cal = net.out[pa], net.cal
            for ceiling, finish in ((self.lft[po], True), (self.lst[po], False)):
                if ceiling < POS:
                    if cal[po] != cal[o]:
                        ceiling = self._backward_cross(ceiling, finish, cal[po], cal[o], 0, 1)
                    if finish:
                        lf = min(lf, ceiling)
                    else:
                        ls = min(ls, ceiling)
        self.lft[o], self.lst[o] = lf, ls

    def _roll_up_late(self, s: int) -> None:
        net = self.net
        c = net.cal[s]
        ls, lf = POS, NEG
        cal, lst, lft = net.cal, self.lst, self.lft
        for k in net.children.get(s, ()):
            kls, klf = lst[k], lft[k]
            if cal[k] != c:
                kls = self._backward_cross(kls, False, cal[k], c, 0, 1)
                klf = self._backward_cross(klf, True, cal[k], c, 0, 1)
            if kls < ls:
                ls = kls
            if lf < klf < POS:
                lf = klf
        if lf == NEG:
            o = net.out[s]
            lf = self.lft[o]
            if not net.children.get(s):
                ls = min(self.lst[o], lf)
        self.lst[s], self.lft[s] = ls, lf
