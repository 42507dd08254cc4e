"""Scheduling engine: our CPM pass against TaskJuggler 3 and against a bare floor.

Builds the same random finish-to-start network (about two links per task, durations of
1 to 10 working days, a Monday–Friday 08:00–17:00 calendar with the public holidays of
England) for 1,000 and 10,000 tasks, and prints, for each size:

- floor: a bare topological forward and backward pass over integer day numbers, with no
  calendar at all, in plain Python (measured in the same run);
- ours: `ownersrep.domain.scheduling.cpm.schedule` (median of 5), from the project to the
  result with datetimes, early/late dates and floats of every task; and once more with a
  fifth of the tasks on a second (Mon–Sat) calendar, so that links cross calendars;
- tj3: TaskJuggler 3 on the same project (`tj3` on PATH), wall time of one run, skipped
  for 10,000 tasks if it takes longer than TJ3_TIMEOUT seconds;

and checks that our project finish equals TaskJuggler's. Run by hand:

    .venv/bin/python bench/schedule.py [--sizes 1000 10000] [--no-tj3]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ownersrep.domain.scheduling.calendar import WorkCalendar
from ownersrep.domain.scheduling.cpm import schedule
from ownersrep.domain.scheduling.model import (
    STANDARD_DAY,
    CalendarSpec,
    SchedLink,
    SchedProject,
    SchedTask,
)
from ownersrep.runtime import tune_gc

START = datetime(2027, 1, 4, 8, 0)  # a Monday
DAY = 480
RUNS = 5
TJ3_TIMEOUT = 90.0
TJ3_LAST_DAY = date(2035, 12, 1)  # TaskJuggler 3 refuses years after 2035
CALENDAR = CalendarSpec(key="std", name="Standard", country="GB", region="ENG")
SIX_DAYS = CalendarSpec(
    key="6d", name="Mon–Sat", week=(STANDARD_DAY,) * 6 + ((),), country="GB", region="ENG"
)


def network(n: int, seed: int = 7) -> tuple[list[int], list[tuple[int, int]]]:
    """Durations (days) and FS links (pred, succ), ~2 predecessors per task, acyclic."""
    rng = random.Random(seed)
    durations = [rng.randint(1, 10) for _ in range(n)]
    links: set[tuple[int, int]] = set()
    for s in range(1, n):
        for _ in range(2):
            # Predecessors from the last 200 tasks: long chains, as in real plans, and a
            # finish (10,000 tasks: 2032) inside TaskJuggler's calendar, which ends in 2035.
            p = rng.randrange(max(0, s - 200), s)
            links.add((p, s))
    return durations, sorted(links)


def project_of(
    durations: list[int], links: list[tuple[int, int]], *, mixed: bool = False
) -> SchedProject:
    """The engine's project; `mixed` puts every fifth task on a Mon–Sat calendar, so that
    a fifth of the links cross calendars."""
    tasks = tuple(
        SchedTask(
            i + 1, f"T{i + 1}", duration=d * DAY, calendar="6d" if mixed and i % 5 == 4 else None
        )
        for i, d in enumerate(durations)
    )
    return SchedProject(
        start=START,
        calendars=(CALENDAR, SIX_DAYS),
        default_calendar="std",
        tasks=tasks,
        links=tuple(SchedLink(p + 1, s + 1) for p, s in links),
    )


def floor_pass(durations: list[int], links: list[tuple[int, int]]) -> int:
    """Bare CPM on integers: Kahn's order, forward pass, backward pass. Returns the end."""
    n = len(durations)
    succs: list[list[int]] = [[] for _ in range(n)]
    preds: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for p, s in links:
        succs[p].append(s)
        preds[s].append(p)
        indegree[s] += 1
    order = [v for v in range(n) if not indegree[v]]
    i = 0
    while i < len(order):
        for t in succs[order[i]]:
            indegree[t] -= 1
            if not indegree[t]:
                order.append(t)
        i += 1
    es = [0] * n
    ef = [0] * n
    for v in order:
        start = 0
        for p in preds[v]:
            if ef[p] > start:
                start = ef[p]
        es[v] = start
        ef[v] = start + durations[v]
    end = max(ef)
    lf = [end] * n
    ls = [0] * n
    for v in reversed(order):
        finish = end
        for s in succs[v]:
            if ls[s] < finish:
                finish = ls[s]
        lf[v] = finish
        ls[v] = finish - durations[v]
    return end


def timed(fn, runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def tjp_text(durations: list[int], links: list[tuple[int, int]], holidays: list[date]) -> str:
    end = TJ3_LAST_DAY
    lines = [
        f'project bench "Bench" {START:%Y-%m-%d-%H:%M} - {end:%Y-%m-%d} {{',
        '  timezone "UTC"',
        "  timingresolution 60min",
        "  dailyworkinghours 8",
        "  workinghours mon - fri 8:00 - 12:00, 13:00 - 17:00",
        "  workinghours sat, sun off",
        "}",
    ]
    lines += [f'leaves holiday "public holiday" {d:%Y-%m-%d}' for d in holidays]
    preds: dict[int, list[int]] = {}
    for p, s in links:
        preds.setdefault(s, []).append(p)
    for i, d in enumerate(durations):
        dep = ", ".join(f"t{p}" for p in preds.get(i, ()))
        body = f"length {d}d" + (f" depends {dep}" if dep else "")
        lines.append(f'task t{i} "T{i}" {{ {body} }}')
    lines += [
        'taskreport "bench" {',
        "  formats csv",
        "  columns id, start, end",
        '  timeformat "%Y-%m-%d %H:%M"',
        "}",
    ]
    return "\n".join(lines) + "\n"


def run_tj3(text: str, timeout: float) -> tuple[float, datetime] | None:
    with tempfile.TemporaryDirectory() as tmp:
        tjp = Path(tmp) / "bench.tjp"
        tjp.write_text(text, encoding="utf-8")
        t0 = time.perf_counter()
        try:
            subprocess.run(
                ["tj3", "--silent", "--no-color", "-o", tmp, str(tjp)],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return None
        seconds = time.perf_counter() - t0
        with open(Path(tmp) / "bench.csv", encoding="utf-8") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
        ends = [datetime.strptime(row[2], "%Y-%m-%d %H:%M") for row in rows[1:] if row[2]]
        return seconds, max(ends)


def holidays_between(first: date, last: date) -> list[date]:
    cal = WorkCalendar(CALENDAR, first)
    weekdays = (first + timedelta(days=k) for k in range((last - first).days + 1))
    return [d for d in weekdays if d.weekday() < 5 and not cal.is_working_day(d)]


def main() -> None:
    tune_gc()  # as the app runs (ownersrep.runtime)
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-tj3", action="store_true")
    args = parser.parse_args()
    have_tj3 = shutil.which("tj3") is not None and not args.no_tj3
    print(f"{'tasks':>7} {'links':>7} {'floor':>9} {'ours':>9} {'ratio':>6} {'tj3':>10}  finish")
    for n in args.sizes:
        durations, links = network(n)
        project = project_of(durations, links)
        floor_s, _ = timed(lambda d=durations, lk=links: floor_pass(d, lk))
        ours_s, result = timed(lambda p=project: schedule(p))
        finish = result.project_finish  # type: ignore[attr-defined]
        tj3_text = "not run"
        verdict = f"ours {finish:%Y-%m-%d %H:%M}"
        if have_tj3:
            holidays = holidays_between(START.date(), finish.date() + timedelta(days=30))
            tj = run_tj3(tjp_text(durations, links, holidays), TJ3_TIMEOUT)
            if tj is None:
                tj3_text = f">{TJ3_TIMEOUT:.0f} s"
                verdict += ", tj3 stopped"
            else:
                tj3_text = f"{tj[0]:.2f} s"
                same = "=" if tj[1] == finish else "≠"
                verdict += f" {same} tj3 {tj[1]:%Y-%m-%d %H:%M}"
        print(
            f"{n:>7} {len(links):>7} {floor_s * 1000:>7.1f}ms {ours_s * 1000:>7.1f}ms "
            f"{ours_s / floor_s:>5.1f}x {tj3_text:>10}  {verdict}"
        )
    n = max(args.sizes)
    durations, links = network(n)
    mixed = project_of(durations, links, mixed=True)
    mixed_s, _ = timed(lambda: schedule(mixed))
    print(f"{n:>7} tasks, a fifth on a Mon–Sat calendar (ours only): {mixed_s * 1000:.1f}ms")


if __name__ == "__main__":
    main()
