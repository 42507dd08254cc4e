"""ScheduleService: the status date, progress up to it, links with their driving flag,
and the explanation of a date; plus the engine's rules as the task edits apply them."""

from __future__ import annotations

from datetime import date

import pytest

from ownersrep.domain.errors import ValidationError
from ownersrep.services.baseline_service import BaselineService
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_service import ProjectService
from ownersrep.services.schedule_service import ScheduleService
from ownersrep.services.task_service import TaskMoveError, TaskService

MON = date(2027, 3, 1)


@pytest.fixture
def tasks(ctx: ServiceContext) -> TaskService:
    return TaskService(ctx)


@pytest.fixture
def sched(ctx: ServiceContext) -> ScheduleService:
    return ScheduleService(ctx)


@pytest.fixture
def chain(ctx: ServiceContext, tasks: TaskService) -> dict[str, int]:
    """A (5 d, starts Mon 1 Mar) → B (10 d) → C (5 d), and D (3 d) beside them."""
    pid = ProjectService(ctx).create("Clinic", planned_start=MON).value.id
    ids = {"pid": pid}
    ids["A"] = tasks.create_task(pid, None, "A", start=MON, duration_days=5).value.id
    ids["B"] = tasks.create_task(pid, None, "B", duration_days=10).value.id
    ids["C"] = tasks.create_task(pid, None, "C", duration_days=5).value.id
    ids["D"] = tasks.create_task(pid, None, "D", start=MON, duration_days=3).value.id
    tasks.set_predecessors(ids["B"], "1")
    tasks.set_predecessors(ids["C"], "2")
    return ids


def test_links_drive_and_the_longest_path_is_critical(
    tasks: TaskService, sched: ScheduleService, chain: dict[str, int]
) -> None:
    c, d = tasks.get(chain["C"]), tasks.get(chain["D"])
    assert (c.start, c.finish) == (date(2027, 3, 22), date(2027, 3, 26))
    assert c.critical and c.total_float_days == 0
    assert not d.critical and d.total_float_days == 17  # 20 working days less its 3
    links = sched.list_links(chain["pid"])
    assert [(link.predecessor_id, link.driving) for link in links] == [
        (chain["A"], True),
        (chain["B"], True),
    ]


def test_a_dragged_start_is_a_constraint_and_moves_the_successors(
    tasks: TaskService, chain: dict[str, int]
) -> None:
    out = tasks.update_task(chain["B"], {"start": date(2027, 3, 15)})
    assert out.changes.ids_of("task") == {chain["B"]}  # what the edit changed
    assert chain["C"] in out.changes.ids_of("schedule")  # what its reschedule moved
    assert tasks.get(chain["C"]).start == date(2027, 3, 29)
    tasks.set_stored_fields(chain["B"], out.value)  # undo
    assert tasks.get(chain["C"]).start == date(2027, 3, 22)


def test_status_date_and_mark_on_schedule(
    tasks: TaskService, sched: ScheduleService, chain: dict[str, int]
) -> None:
    with pytest.raises(ValidationError, match=r"^Status date: set the status date first"):
        sched.mark_on_schedule([chain["A"]])
    old = sched.set_status_date(chain["pid"], date(2027, 3, 10)).value
    assert sched.info(chain["pid"]).status_date == date(2027, 3, 10)
    out = sched.mark_on_schedule([chain["A"], chain["B"], chain["C"]])
    a, b, c = (tasks.get(chain[k]) for k in "ABC")
    assert (a.percent_complete, a.actual_start, a.actual_finish) == (100, MON, date(2027, 3, 5))
    assert (b.percent_complete, b.actual_start) == (30, date(2027, 3, 8))  # 3 of 10 days
    assert c.percent_complete == 0 and c.actual_start is None
    assert set(out.value) == {chain["A"], chain["B"]}
    sched.set_stored_fields(out.value)  # undo
    assert tasks.get(chain["A"]).percent_complete == 0
    assert tasks.get(chain["A"]).actual_start is None
    sched.restore_status_date(chain["pid"], old)
    assert sched.info(chain["pid"]).status_date is None


def test_unfinished_work_waits_for_the_status_date(
    tasks: TaskService, sched: ScheduleService, chain: dict[str, int]
) -> None:
    sched.set_status_date(chain["pid"], date(2027, 3, 17))
    assert tasks.get(chain["A"]).start == date(2027, 3, 18)  # nothing done yet
    tasks.update_task(chain["A"], {"percent_complete": 100})
    assert tasks.get(chain["A"]).actual_finish == date(2027, 3, 24)  # its finish when marked


def test_explain_walks_back_the_driving_path(sched: ScheduleService, chain: dict[str, int]) -> None:
    steps = sched.explain(chain["C"])
    assert [s.name for s in steps] == ["C", "B", "A"]
    assert steps[0].critical and steps[0].total_float_days == 0


def test_a_task_cannot_go_under_a_task_it_is_linked_with(
    tasks: TaskService, chain: dict[str, int]
) -> None:
    with pytest.raises(TaskMoveError, match="“B” depends on “A”"):
        tasks.indent_task(chain["B"])


def test_undoing_a_task_delete_brings_back_its_baseline_dates(
    ctx: ServiceContext, tasks: TaskService, chain: dict[str, int]
) -> None:
    baselines = BaselineService(ctx)
    bid = baselines.save_baseline(chain["pid"], "Contract").value.id
    before = baselines.task_dates(bid)
    snapshot = tasks.delete_task(chain["D"]).value
    assert chain["D"] not in baselines.task_dates(bid)
    tasks.restore_tasks(snapshot)
    assert baselines.task_dates(bid) == before
