"""The engine against a plain reference CPM on random networks.

On one calendar every date is a working-minute ordinal, so a textbook forward and
backward pass over integers (below, written for clarity, not speed) must give exactly
the engine's early and late dates, floats and critical flags, whatever the mix of link
types and lags."""

from __future__ import annotations

import random
from datetime import date

import pytest

from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.model import SchedLink
from tests.helpers.schedules import DAY, STANDARD, LinkType, at, run, task

KINDS = (LinkType.FS, LinkType.SS, LinkType.FF, LinkType.SF)


def reference(durations: dict[int, int], links: list[SchedLink]) -> dict[int, tuple]:
    """(ES, EF, LS, LF, TF, FF) in minutes from the project start, textbook CPM; nothing
    starts before the project start (0)."""
    ids = sorted(durations)
    es = {t: 0 for t in ids}
    changed = True
    while changed:  # relax until nothing moves (the network is acyclic)
        changed = False
        for ln in links:
            p, s, d = ln.predecessor, ln.successor, durations[ln.successor]
            need = {
                LinkType.FS: es[p] + durations[p] + ln.lag,
                LinkType.SS: es[p] + ln.lag,
                LinkType.FF: es[p] + durations[p] + ln.lag - d,
                LinkType.SF: es[p] + ln.lag - d,
            }[ln.type]
            if need > es[s]:
                es[s], changed = need, True
    ef = {t: es[t] + durations[t] for t in ids}
    finish = max(ef.values())
    lf = {t: finish for t in ids}
    changed = True
    while changed:
        changed = False
        for ln in links:
            p, s, d = ln.predecessor, ln.successor, durations[ln.predecessor]
            ls_s, lf_s = lf[s] - durations[s], lf[s]
            cap = {
                LinkType.FS: ls_s - ln.lag,
                LinkType.SS: ls_s - ln.lag + d,
                LinkType.FF: lf_s - ln.lag,
                LinkType.SF: lf_s - ln.lag + d,
            }[ln.type]
            if cap < lf[p]:
                lf[p], changed = cap, True
    free = {}
    for t in ids:
        gaps = [finish - ef[t]]
        for ln in links:
            if ln.predecessor == t:
                s = ln.successor
                gaps.append(
                    {
                        LinkType.FS: es[s] - ln.lag - ef[t],
                        LinkType.SS: es[s] - ln.lag - es[t],
                        LinkType.FF: ef[s] - ln.lag - ef[t],
                        LinkType.SF: ef[s] - ln.lag - es[t],
                    }[ln.type]
                )
        free[t] = max(0, min(min(gaps), lf[t] - ef[t]))
    return {t: (es[t], ef[t], lf[t] - durations[t], lf[t], lf[t] - ef[t], free[t]) for t in ids}


@pytest.mark.parametrize("seed", range(12))
def test_random_networks_match_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(5, 60)
    durations = {t: rng.choice((0, 60, 240, DAY, 2 * DAY, 5 * DAY)) for t in range(1, n + 1)}
    links = []
    for s in range(2, n + 1):
        for p in rng.sample(range(1, s), k=min(s - 1, rng.randint(0, 3))):
            lag = rng.choice((0, 0, 0, 120, DAY, -DAY, 3 * DAY))
            links.append(SchedLink(p, s, rng.choice(KINDS), lag))
    tasks = [task(t, durations[t] / DAY) for t in durations]
    result = run(tasks, links)
    cal = WorkCalendar(STANDARD, date(2026, 11, 23))
    start = cal.ordinal(at(23))
    expected = reference(durations, links)
    for t, (es, ef, ls, lf, tf, ff) in expected.items():
        d = result.dates[t]
        got = (
            cal.ordinal(d.early_start) - start,
            cal.ordinal(d.early_finish) - start,
            cal.ordinal(d.late_start) - start,
            cal.ordinal(d.late_finish) - start,
            d.total_float,
            d.free_float,
        )
        assert got == (es, ef, ls, lf, tf, ff), f"task {t}"
        assert d.critical == (tf <= 0)
