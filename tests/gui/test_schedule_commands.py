"""Push, undo and redo of the schedule-wide commands: status date, mark on schedule, and
a Gantt drag (move and resize) turned into the task edit command."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.schedule_commands import MarkOnScheduleCommand, SetStatusDateCommand
from ownersrep.ui.commands.task_commands import EditTaskCommand

MON = date(2027, 3, 1)


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def ids(services: AppServices) -> dict[str, int]:
    pid = services.projects.create("Clinic", planned_start=MON).value.id
    tasks = services.tasks
    a = tasks.create_task(pid, None, "Excavate", start=MON, duration_days=5).value.id
    b = tasks.create_task(pid, None, "Footings", duration_days=10).value.id
    tasks.set_predecessors(b, "1")
    return {"pid": pid, "A": a, "B": b}


def test_set_status_date(services: AppServices, ids: dict[str, int]) -> None:
    stack, bus = QUndoStack(), ChangeBus()
    seen = []
    bus.changed.connect(seen.append)
    run_command(stack, SetStatusDateCommand(services, bus, ids["pid"], date(2027, 3, 3)))
    assert services.schedule.info(ids["pid"]).status_date == date(2027, 3, 3)
    assert services.tasks.get(ids["A"]).start == date(2027, 3, 4)  # unstarted work waits
    assert seen[-1].touches("schedule", ids["pid"]) and seen[-1].touches("project", ids["pid"])
    stack.undo()
    assert services.schedule.info(ids["pid"]).status_date is None
    assert services.tasks.get(ids["A"]).start == MON
    stack.redo()
    assert services.schedule.info(ids["pid"]).status_date == date(2027, 3, 3)


def test_mark_on_schedule(services: AppServices, ids: dict[str, int]) -> None:
    stack, bus = QUndoStack(), ChangeBus()
    services.schedule.set_status_date(ids["pid"], date(2027, 3, 10))
    run_command(stack, MarkOnScheduleCommand(services, bus, [ids["A"], ids["B"]]))
    a, b = services.tasks.get(ids["A"]), services.tasks.get(ids["B"])
    assert (a.percent_complete, a.actual_finish) == (100, date(2027, 3, 5))
    assert (b.percent_complete, b.actual_start) == (30, date(2027, 3, 8))
    stack.undo()
    a, b = services.tasks.get(ids["A"]), services.tasks.get(ids["B"])
    assert (a.percent_complete, a.actual_start, b.percent_complete) == (0, None, 0)
    stack.redo()
    assert services.tasks.get(ids["B"]).percent_complete == 30


@pytest.mark.parametrize(
    ("values", "b_after"),
    [
        ({"start": date(2027, 3, 8)}, (date(2027, 3, 8), date(2027, 3, 19))),  # a drag
        ({"finish": date(2027, 3, 12)}, (date(2027, 3, 8), date(2027, 3, 12))),  # its end
    ],
)
def test_a_gantt_drag_is_one_undo_step(
    services: AppServices, ids: dict[str, int], values: dict, b_after: tuple[date, date]
) -> None:
    stack, bus = QUndoStack(), ChangeBus()
    tasks = services.tasks
    run_command(stack, EditTaskCommand(services, bus, ids["A"], {"start": date(2027, 3, 3)}))
    assert tasks.get(ids["B"]).start == date(2027, 3, 10)  # its successor follows
    stack.undo()
    assert (tasks.get(ids["A"]).start, tasks.get(ids["A"]).constraint_date) == (MON, MON)
    run_command(stack, EditTaskCommand(services, bus, ids["B"], values))
    b = tasks.get(ids["B"])
    assert (b.start, b.finish) == b_after
    stack.undo()
    b = tasks.get(ids["B"])
    assert (b.start, b.finish, b.constraint_type) == (date(2027, 3, 8), date(2027, 3, 19), "asap")
    stack.redo()
    assert (tasks.get(ids["B"]).start, tasks.get(ids["B"]).finish) == b_after
