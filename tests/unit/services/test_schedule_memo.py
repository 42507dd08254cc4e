"""The last run kept between edits (`ScheduleMemo`): an edit of a few tasks patches it
instead of reading the project again, and the result must be exactly what a full read
would give. Any other commit makes it stale."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

import pytest

from ownersrep.db.workspace import Workspace
from ownersrep.services import schedule_run
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import ProjectService
from ownersrep.services.schedule_run import reschedule
from ownersrep.services.schedule_service import ScheduleService
from ownersrep.services.task_service import TaskService

MON = date(2027, 3, 1)


@pytest.fixture
def tasks(ctx: ServiceContext) -> TaskService:
    return TaskService(ctx)


@pytest.fixture
def net(ctx: ServiceContext, tasks: TaskService) -> dict[str, int]:
    """Area (A → B → C, D beside them), E after C and D; 1.1 is A."""
    pid = ProjectService(ctx).create("Clinic", planned_start=MON).value.id
    ids = {"pid": pid}
    ids["Area"] = tasks.create_task(pid, None, "Area").value.id
    for name, days in (("A", 5), ("B", 10), ("C", 5), ("D", 3)):
        ids[name] = tasks.create_task(pid, ids["Area"], name, duration_days=days).value.id
    ids["E"] = tasks.create_task(pid, None, "E", duration_days=2).value.id
    tasks.set_predecessors(ids["B"], "1.1")
    tasks.set_predecessors(ids["C"], "1.2")
    tasks.set_predecessors(ids["E"], "1.3, 1.4SS+2")
    return ids


def _settled(ws: Workspace, pid: int) -> frozenset[int]:
    """What a full read and run (no memo) would still change: nothing, if the patched
    runs wrote what a full run writes."""
    with ws.sessions.begin() as s:
        return reschedule(s, pid, date(2026, 11, 20)).changed


def _no_full_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the edit read the whole project")

    monkeypatch.setattr(schedule_run, "load_schedule", refuse)


def test_patched_edits_write_what_a_full_run_writes(
    workspace: Workspace,
    ctx: ServiceContext,
    tasks: TaskService,
    net: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memo = ctx.schedule_memo
    assert memo.get(net["pid"]) is not None  # the last edit left its run
    _no_full_reads(monkeypatch)
    tasks.update_task(net["B"], {"start": date(2027, 3, 17)})  # a drag: SNET
    tasks.update_task(net["D"], {"duration_days": 20})  # now D drives E
    tasks.update_task(net["A"], {"percent_complete": 40})  # actual start recorded
    tasks.update_task(net["C"], {"finish": date(2027, 4, 30)})
    tasks.update_task(net["D"], {"kind": "milestone", "duration_days": 0})
    assert memo.get(net["pid"]) is not None
    monkeypatch.undo()
    assert _settled(workspace, net["pid"]) == frozenset()
    links = ScheduleService(ctx).list_links(net["pid"])
    driving = {(x.predecessor_id, x.driving) for x in links if x.successor_id == net["E"]}
    assert driving == {(net["C"], True), (net["D"], False)}


def test_the_undo_of_an_edit_patches_too(
    workspace: Workspace,
    tasks: TaskService,
    net: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = [astuple(r) for r in tasks.list_tasks(net["pid"])]
    _no_full_reads(monkeypatch)
    old = tasks.update_task(net["A"], {"start": date(2027, 3, 10)}).value
    tasks.set_stored_fields(net["A"], old)
    monkeypatch.undo()
    assert [astuple(r) for r in tasks.list_tasks(net["pid"])] == before
    assert _settled(workspace, net["pid"]) == frozenset()


def test_another_commit_makes_the_memo_stale(
    ctx: ServiceContext, tasks: TaskService, net: dict[str, int]
) -> None:
    memo = ctx.schedule_memo
    assert memo.get(net["pid"]) is not None
    PartyService(ctx).create("Summit Builders", "contractor")
    assert memo.get(net["pid"]) is None
    tasks.update_task(net["A"], {"duration_days": 6})  # a full read, kept again
    assert memo.get(net["pid"]) is not None


def test_a_refused_edit_leaves_the_memo_as_it_was(
    ctx: ServiceContext, tasks: TaskService, net: dict[str, int]
) -> None:
    kept = ctx.schedule_memo.get(net["pid"])
    with pytest.raises(ValueError), ctx.sessions.begin() as s:
        reschedule(s, net["pid"], date(2026, 11, 20), ctx.schedule_memo, [net["A"]])
        raise ValueError("the transaction fails after the run")
    assert ctx.schedule_memo.get(net["pid"]) is kept


@pytest.mark.parametrize("warm", [True, False], ids=["from the memo", "from the rows"])
def test_dates_of_equal_the_rows_of_the_list(
    ctx: ServiceContext, tasks: TaskService, net: dict[str, int], warm: bool
) -> None:
    tasks.update_task(net["B"], {"start": date(2027, 3, 17)})
    if not warm:
        ctx.schedule_memo.clear()
    rows = tasks.list_tasks(net["pid"])
    dates = ScheduleService(ctx).dates_of(net["pid"], [r.id for r in rows])
    for r in rows:
        d = dates[r.id]
        assert (d.start, d.finish, d.total_float_days, d.free_float_days, d.critical) == (
            r.start,
            r.finish,
            r.total_float_days,
            r.free_float_days,
            r.critical,
        )
        assert d.duration_days == (r.duration_days if r.has_children else None)


def test_rows_of_equal_the_rows_of_the_list_and_refuse_summaries(
    tasks: TaskService, net: dict[str, int]
) -> None:
    listed = {r.id: r for r in tasks.list_tasks(net["pid"])}
    some = tasks.rows_of(net["pid"], [net["E"], net["B"]])
    assert some == [listed[net["B"]], listed[net["E"]]]  # in tree order
    assert tasks.rows_of(net["pid"], [net["Area"]]) is None
