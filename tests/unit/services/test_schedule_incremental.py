"""A drag reschedules from the memo and re-derives the driving flag of only the links
with an end whose early dates moved (`schedule_run._write_links`). After any series of
such edits, and their undos, the stored flags and dates must be exactly what a full run
from the stored rows gives."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from random import Random

import pytest
from sqlalchemy import insert

from ownersrep.db.models import Task, TaskLink
from ownersrep.db.workspace import Workspace
from ownersrep.domain.scheduling.cpm import schedule
from ownersrep.domain.scheduling.drivers import driving_links
from ownersrep.services import schedule_run
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_service import ProjectService
from ownersrep.services.schedule_input import load_schedule
from ownersrep.services.schedule_run import reschedule
from ownersrep.services.task_service import TaskService

START = date(2027, 3, 1)
TODAY = date(2026, 11, 20)


def _project(ctx: ServiceContext, seed: int) -> tuple[int, list[int]]:
    """6 summaries of 8 tasks, chains inside each and random forward links of every
    type and lag across them; returns the project id and the leaf ids."""
    pid = ProjectService(ctx).create("Plant", planned_start=START).value.id
    rng = Random(seed)
    tasks, links, leaves = [], [], []
    next_id = 1000
    for g in range(6):
        group, next_id = next_id, next_id + 1
        tasks.append(_task(group, pid, None, g, "summary", 0))
        for k in range(8):
            tid, next_id = next_id, next_id + 1
            tasks.append(_task(tid, pid, group, k, "task", rng.randint(0, 6)))
            leaves.append(tid)
    pairs = {(a, b) for a, b in pairwise(leaves) if rng.random() < 0.6}
    while len(pairs) < 90:
        a, b = sorted(rng.sample(range(len(leaves)), 2))
        pairs.add((leaves[a], leaves[b]))
    for n, (a, b) in enumerate(sorted(pairs)):
        kind = rng.choice(["FS", "FS", "SS", "FF"])
        links.append(
            {
                "id": 5000 + n,
                "project_id": pid,
                "predecessor_id": a,
                "successor_id": b,
                "link_type": kind,
                "lag_days": rng.choice([0, 0, 1, -1, 2]),
            }
        )
    with ctx.sessions.begin() as s:
        s.execute(insert(Task.__table__), tasks)
        s.execute(insert(TaskLink.__table__), links)
        reschedule(s, pid, TODAY, ctx.schedule_memo)
    return pid, leaves


def _task(tid: int, pid: int, parent: int | None, order: int, kind: str, days: int) -> dict:
    return {
        "id": tid,
        "project_id": pid,
        "parent_id": parent,
        "sort_order": order,
        "name": f"Task {tid}",
        "kind": kind,
        "start": START,
        "duration_days": days,
        "finish": START,
        "percent_complete": 0,
        "notes": "",
        "constraint_type": "asap",
    }


def _assert_as_a_full_run(workspace: Workspace, ctx: ServiceContext, pid: int) -> None:
    with workspace.sessions() as s:
        loaded = load_schedule(s, pid, TODAY)
    full = driving_links(loaded.project, schedule(loaded.project))
    stored = {
        (x.predecessor, x.successor): driving
        for x, (_, driving) in zip(loaded.project.links, loaded.link_state, strict=True)
    }
    assert stored == {pair: pair in full for pair in stored}
    with workspace.sessions.begin() as s:  # no edit: reads and runs everything
        assert reschedule(s, pid, TODAY, ctx.schedule_memo).changed == frozenset()
    assert ctx.schedule_memo.get(pid) is not None  # kept for the next edit


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_drags_and_their_undos_store_what_a_full_run_stores(
    workspace: Workspace, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    pid, leaves = _project(ctx, seed)
    tasks = TaskService(ctx)
    rng = Random(seed)
    flips = 0
    for _ in range(8):
        tid = rng.choice(leaves)
        with monkeypatch.context() as m:  # each edit patches the memo's run
            m.setattr(schedule_run, "load_schedule", _refuse)
            before = _driving(workspace, pid)
            old = tasks.update_task(tid, {"start": START + timedelta(days=rng.randint(0, 30))})
            flips += len(before ^ _driving(workspace, pid))
        _assert_as_a_full_run(workspace, ctx, pid)
        if rng.random() < 0.5:
            with monkeypatch.context() as m:
                m.setattr(schedule_run, "load_schedule", _refuse)
                tasks.set_stored_fields(tid, old.value)
            _assert_as_a_full_run(workspace, ctx, pid)
    assert flips  # the drags did change which links drive


def _driving(workspace: Workspace, pid: int) -> set[int]:
    with workspace.sessions() as s:
        rows = s.query(TaskLink.id).filter_by(project_id=pid, driving=True).all()
    return {r.id for r in rows}


def _refuse(*_args: object) -> None:
    raise AssertionError("the edit read the whole project")
