"""The driving path as steps, and the paragraph that explains it. The project starts
Monday 23 November 2026 on the standard calendar (480 minutes a day)."""

from __future__ import annotations

from datetime import date

from ownersrep.domain.enums import LinkType
from ownersrep.domain.scheduling.cpm import schedule
from ownersrep.domain.scheduling.model import (
    CalendarSpec,
    ConstraintType,
    SchedLink,
    SchedProject,
    SchedTask,
    ScheduleResult,
)
from ownersrep.services.schedule_explain import PathStep, days_text, explain, explain_text
from tests.helpers.schedules import STANDARD, at, link, task

WBS = {1: "1.1", 2: "1.2", 3: "1.3", 4: "2", 5: "3", 6: "4", 7: "5"}


def project(
    tasks: list[SchedTask],
    links: list[SchedLink],
    calendars: tuple[CalendarSpec, ...] = (STANDARD,),
    status: object = None,
) -> tuple[SchedProject, ScheduleResult]:
    p = SchedProject(
        start=at(23),
        calendars=calendars,
        default_calendar="std",
        tasks=tuple(tasks),
        links=tuple(links),
        status_date=status,  # type: ignore[arg-type]
    )
    return p, schedule(p)


def slab() -> tuple[SchedProject, ScheduleResult]:
    """Formwork (2 days, Mon–Tue) → Pour slab (1 day, Wed), and a short Rebar order
    that also precedes the slab but does not drive it."""
    tasks = [
        task(1, 2, name="Formwork L2"),
        task(2, 1, name="Pour slab L2"),
        task(3, 1, name="Order rebar"),
    ]
    return project(tasks, [link(1, 2), link(3, 2)])


def test_steps_from_the_task_back_to_the_project_start() -> None:
    p, r = slab()
    steps = explain(p, r, 2, WBS)
    assert [s.task_id for s in steps] == [2, 1]
    first, origin = steps
    assert first == PathStep(
        task_id=2,
        wbs="1.2",
        name="Pour slab L2",
        start=date(2026, 11, 25),
        finish=date(2026, 11, 25),
        total_float_days=0.0,
        critical=True,
        reason="finish of 1.1 Formwork L2 (FS)",
        kind="link",
        sets="start",
        relation="FS",
    )
    assert (origin.kind, origin.reason) == ("project_start", "the project start 23 Nov 2026")
    assert (origin.start, origin.finish) == (date(2026, 11, 23), date(2026, 11, 24))


def test_the_paragraph_for_a_critical_task() -> None:
    p, r = slab()
    text = explain_text(explain(p, r, 2, WBS))
    assert text == (
        "“Pour slab L2” starts on 25 Nov 2026 because “Formwork L2” finishes on "
        "24 Nov 2026 (FS). That task starts on 23 Nov 2026 because of the project start "
        "23 Nov 2026: nothing holds it later. It is critical: its total float is 0 working "
        "days, so a day's slip here delays the project finish."
    )


def test_the_paragraph_for_a_task_with_float() -> None:
    p, r = slab()
    steps = explain(p, r, 3, WBS)
    assert steps[0].total_float_days == 1.0
    assert not steps[0].critical
    assert explain_text(steps) == (
        "“Order rebar” starts on 23 Nov 2026 because of the project start 23 Nov 2026: "
        "nothing holds it later. It is not critical: it has 1 working day of total float "
        "before it delays the project finish."
    )


def test_days_come_from_the_callers_conversion_or_the_tasks_calendar() -> None:
    long_days = CalendarSpec(key="std", name="Ten hours", minutes_per_day=600)
    p, r = project([task(1, 1), task(2, 3)], [], calendars=(long_days,))
    # Task 1 has 2 days of the engine's 480 minutes of float, which are 960 / 600 days.
    assert explain(p, r, 1, WBS)[0].total_float_days == 960 / 600
    fixed = explain(p, r, 1, WBS, days=lambda tid, minutes: minutes / 480)
    assert fixed[0].total_float_days == 2.0


def test_a_constraint_and_the_names_given() -> None:
    t2 = task(2, 1, name="Pour", constraint=ConstraintType.SNET, constraint_date=at(26))
    p, r = project([task(1), t2], [link(1, 2)])
    steps = explain(p, r, 2, WBS, names={2: "Pour slab L2"})
    assert len(steps) == 1
    assert steps[0].name == "Pour slab L2"
    assert explain_text(steps).startswith(
        "“Pour slab L2” starts on 26 Nov 2026 because of its constraint "
        "“start no earlier than 26 Nov 2026”."
    )


def test_the_status_date_and_a_finish_link() -> None:
    p, r = project([task(1, 3), task(2, 1)], [link(1, 2, LinkType.FF, 1)], status=at(24))
    steps = explain(p, r, 2, WBS)
    assert [s.kind for s in steps] == ["link", "status_date"]
    text = explain_text(steps)
    assert text.startswith(
        "“T2” finishes on 27 Nov 2026 because “T1” finishes on 26 Nov 2026 (FF +1d). "
        "That task starts on 24 Nov 2026 because of the status date 24 Nov 2026: work not "
        "yet done is not scheduled before it."
    )


def test_a_long_path_is_summed_up() -> None:
    tasks = [task(i, 1) for i in range(1, 8)]
    p, r = project(tasks, [link(i, i + 1) for i in range(1, 7)])
    steps = explain(p, r, 7, WBS)
    assert len(steps) == 7
    text = explain_text(steps)
    assert text.count(" because “") == 3
    assert "The chain goes back through 3 more tasks to “T1”. “T1” starts on" in text


def test_days_text() -> None:
    assert days_text(1) == "1 working day"
    assert days_text(0) == "0 working days"
    assert days_text(2.5) == "2.5 working days"
    assert days_text(-3) == "−3 working days"


def test_nothing_to_explain() -> None:
    assert explain_text([]) == ""
