"""TaskService: the WBS tree, the date rules, roll-ups, moves, dependencies, and undo
(every edit returns what it takes to put things back exactly)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from ownersrep.db.models import AuditEntry, Issue, Task, TaskLink
from ownersrep.domain.enums import PartyRole, TaskKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.budget_line_service import BudgetLineService
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import ProjectService
from ownersrep.services.task_service import TaskRow, TaskService

MON = date(2027, 3, 1)  # a Monday


@pytest.fixture
def tasks(ctx: ServiceContext) -> TaskService:
    return TaskService(ctx)


@pytest.fixture
def pid(ctx: ServiceContext) -> int:
    return ProjectService(ctx).create("Riverside Clinic").value.id


@pytest.fixture
def wbs(tasks: TaskService, pid: int) -> dict[str, int]:
    """1 Substructure (1.1 Excavation, 1.2 Footings, 1.3 Slab), 2 Frame, 3 Topped out ◆."""
    sub = tasks.create_task(pid, None, "Substructure").value.id
    ids = {"1": sub}
    ids["1.1"] = tasks.create_task(pid, sub, "Excavation", start=MON, duration_days=5).value.id
    ids["1.2"] = tasks.create_task(
        pid, sub, "Footings", start=date(2027, 3, 8), duration_days=10
    ).value.id
    ids["1.3"] = tasks.create_task(
        pid, sub, "Slab", start=date(2027, 3, 22), duration_days=5
    ).value.id
    ids["2"] = tasks.create_task(
        pid, None, "Frame", start=date(2027, 3, 29), duration_days=20
    ).value.id
    ids["3"] = tasks.create_task(
        pid, None, "Topped out", TaskKind.MILESTONE, start=date(2027, 4, 23)
    ).value.id
    return ids


def by_wbs(tasks: TaskService, pid: int) -> dict[str, TaskRow]:
    return {r.wbs: r for r in tasks.list_tasks(pid)}


def outline_of(tasks: TaskService, pid: int) -> list[tuple[str, str, str]]:
    return [(r.wbs, r.name, r.kind.value) for r in tasks.list_tasks(pid)]


def stored(ctx: ServiceContext, task_id: int) -> dict[str, Any]:
    with ctx.sessions() as s:
        t = s.get(Task, task_id)
        assert t is not None
        return {
            k: getattr(t, k) for k in ("kind", "start", "duration_days", "finish", "sort_order")
        }


def audit_count(ctx: ServiceContext) -> int:
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def sort_orders(ctx: ServiceContext, pid: int, parent_id: int | None) -> list[int]:
    cond = Task.parent_id.is_(None) if parent_id is None else Task.parent_id == parent_id
    with ctx.sessions() as s:
        return list(
            s.scalars(
                select(Task.sort_order)
                .where(Task.project_id == pid, cond)
                .order_by(Task.sort_order)
            )
        )


# -- create and list ---------------------------------------------------------------------
def test_create_and_list_in_tree_order(tasks: TaskService, pid: int, wbs: dict[str, int]) -> None:
    rows = tasks.list_tasks(pid)
    assert [(r.wbs, r.depth, r.name, r.kind) for r in rows] == [
        ("1", 0, "Substructure", TaskKind.SUMMARY),
        ("1.1", 1, "Excavation", TaskKind.TASK),
        ("1.2", 1, "Footings", TaskKind.TASK),
        ("1.3", 1, "Slab", TaskKind.TASK),
        ("2", 0, "Frame", TaskKind.TASK),
        ("3", 0, "Topped out", TaskKind.MILESTONE),
    ]
    assert [r.has_children for r in rows] == [True, False, False, False, False, False]
    assert rows[1].parent_id == wbs["1"] and rows[0].parent_id is None
    assert [r.sort_order for r in rows] == [0, 0, 1, 2, 1, 2]


def test_create_returns_the_row_and_structural_changes(tasks: TaskService, pid: int) -> None:
    out = tasks.create_task(pid, None, "  Site set-up  ", start=MON, duration_days=3)
    row = out.value
    assert (row.wbs, row.name, row.start, row.duration_days, row.finish) == (
        "1",
        "Site set-up",
        MON,
        3,
        date(2027, 3, 3),
    )
    assert out.changes.touches("task", pid) and out.changes.structural
    assert out.changes.ids_of("task") == {row.id}


def test_a_new_task_lasts_one_day_and_a_milestone_none(tasks: TaskService, pid: int) -> None:
    task = tasks.create_task(pid, None, "Task", start=MON).value
    assert (task.duration_days, task.finish) == (1, MON)
    bare = tasks.create_task(pid, None, "No dates yet").value
    # No start typed: the engine starts it with the project, and nothing holds it there.
    assert (bare.start, bare.duration_days, bare.finish) == (MON, 1, MON)
    assert bare.constraint_type == "asap" and task.constraint_type == "snet"
    ms = tasks.create_task(pid, None, "Permit", "milestone", start=MON, duration_days=4).value
    assert (ms.kind, ms.duration_days, ms.finish) == (TaskKind.MILESTONE, 0, MON)


def test_create_with_start_and_finish_derives_the_duration(tasks: TaskService, pid: int) -> None:
    row = tasks.create_task(pid, None, "Piling", start=MON, finish=date(2027, 3, 12)).value
    assert row.duration_days == 10


def test_create_at_an_index_shifts_the_siblings(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    new = tasks.create_task(pid, wbs["1"], "Blinding", index=1).value
    assert new.wbs == "1.2"
    names = [r.name for r in tasks.children(pid, wbs["1"])]
    assert names == ["Excavation", "Blinding", "Footings", "Slab"]
    assert sort_orders(ctx, pid, wbs["1"]) == [0, 1, 2, 3]
    first = tasks.create_task(pid, None, "Preconstruction", index=0).value
    assert first.wbs == "1"
    assert [r.name for r in tasks.children(pid, None)] == [
        "Preconstruction",
        "Substructure",
        "Frame",
        "Topped out",
    ]


def test_a_task_that_gets_a_child_becomes_a_summary(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    tasks.create_task(pid, wbs["2"], "Columns L1")
    assert by_wbs(tasks, pid)["2"].kind is TaskKind.SUMMARY


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "  "}, "Name: is required"),
        ({"kind": "phase"}, "Kind: “phase” is not one of: summary, task, milestone"),
        ({"duration_days": -1}, "Duration: must be between 0 and 9999, not -1"),
        ({"duration_days": 0}, "Duration: a task lasts at least 1 working day"),
        (
            {"start": date(2027, 3, 10), "finish": date(2027, 3, 9)},
            "Finish: (09 Mar 2027) is before Start (10 Mar 2027)",  # checked before the engine
        ),
        ({"responsible_id": 999}, "Responsible: there is no party #999"),
    ],
)
def test_create_refuses_bad_values(
    ctx: ServiceContext, tasks: TaskService, pid: int, kwargs: dict[str, Any], message: str
) -> None:
    args = {"name": "Piling", **kwargs}
    name = args.pop("name")
    kind = args.pop("kind", TaskKind.TASK)
    with pytest.raises(
        ValidationError, match="^" + message.replace("(", r"\(").replace(")", r"\)")
    ):
        tasks.create_task(pid, None, name, kind, **args)
    assert tasks.list_tasks(pid) == []


def test_create_refuses_a_milestone_parent_and_unknown_ids(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    with pytest.raises(ValidationError, match="“Topped out” is a milestone; tasks cannot go"):
        tasks.create_task(pid, wbs["3"], "Party")
    with pytest.raises(NotFoundError):
        tasks.create_task(pid, 9999, "Orphan")
    with pytest.raises(NotFoundError):
        tasks.create_task(9999, None, "Nowhere")


def test_create_refuses_a_parent_of_another_project(
    ctx: ServiceContext, tasks: TaskService, wbs: dict[str, int]
) -> None:
    other = ProjectService(ctx).create("Depot").value.id
    with pytest.raises(ValidationError, match="belongs to another project"):
        tasks.create_task(other, wbs["1"], "Stray")


def test_responsible_party_is_shown_by_name(
    ctx: ServiceContext, tasks: TaskService, pid: int
) -> None:
    gc = PartyService(ctx).create("Apex Builders", PartyRole.CONTRACTOR).value.id
    row = tasks.create_task(pid, None, "Piling", responsible_id=gc).value
    assert (row.responsible_id, row.responsible_name) == (gc, "Apex Builders")
    tasks.update_task(row.id, {"responsible_id": None})
    assert tasks.get(row.id).responsible_name == ""


# -- roll-up -----------------------------------------------------------------------------
def test_summary_rolls_up_dates_and_duration_weighted_percent(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    tasks.update_task(wbs["1.1"], {"percent_complete": 100})  # 5 days
    tasks.update_task(wbs["1.2"], {"percent_complete": 50})  # 10 days
    summary = by_wbs(tasks, pid)["1"]
    assert summary.start == MON
    assert summary.finish == date(2027, 3, 26)
    assert summary.duration_days == 20
    # (5×100 + 10×50 + 5×0) / 20 = 50
    assert summary.percent_complete == 50
    # The engine's roll-up is stored with the summary, like every computed date.
    assert stored(ctx, wbs["1"])["start"] == MON


def test_nested_summaries_roll_up_from_all_the_tasks_below(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    inner = tasks.create_task(pid, wbs["1"], "Retaining walls").value.id
    tasks.create_task(
        pid, inner, "Wall A", start=date(2027, 2, 15), duration_days=10
    )  # starts earliest
    wall_b = tasks.create_task(
        pid, inner, "Wall B", start=date(2027, 4, 5), duration_days=10
    ).value.id
    tasks.update_task(wall_b, {"percent_complete": 100})
    rows = by_wbs(tasks, pid)
    assert rows["1.4"].kind is TaskKind.SUMMARY
    assert (rows["1.4"].start, rows["1.4"].finish) == (date(2027, 2, 15), date(2027, 4, 16))
    assert rows["1.4"].percent_complete == 50
    assert (rows["1"].start, rows["1"].finish) == (date(2027, 2, 15), date(2027, 4, 16))
    # leaves: 5, 10, 5, 10, 10 days; only Wall B (10 days) is done: 10×100/40 = 25
    assert rows["1"].percent_complete == 25


def test_milestones_weigh_nothing_unless_alone(tasks: TaskService, pid: int) -> None:
    phase = tasks.create_task(pid, None, "Handover").value.id
    a = tasks.create_task(pid, phase, "Keys", "milestone", start=MON).value.id
    tasks.create_task(pid, phase, "Certificate", "milestone", start=date(2027, 3, 5))
    tasks.update_task(a, {"percent_complete": 100})
    row = by_wbs(tasks, pid)["1"]
    assert row.percent_complete == 50  # the plain mean when nothing has a duration
    assert (row.start, row.finish, row.duration_days) == (MON, date(2027, 3, 5), 5)
    tasks.create_task(pid, phase, "Snagging", start=MON, duration_days=4)
    assert by_wbs(tasks, pid)["1"].percent_complete == 0


# -- update: the date rules --------------------------------------------------------------
def test_editing_start_derives_the_finish(tasks: TaskService, wbs: dict[str, int]) -> None:
    out = tasks.update_task(wbs["1.2"], {"start": date(2027, 3, 10)})  # Wed, 10 days
    row = tasks.get(wbs["1.2"])
    assert (row.start, row.duration_days, row.finish) == (date(2027, 3, 10), 10, date(2027, 3, 23))
    # A typed start is a start-no-earlier-than constraint; undo puts the old one back.
    assert out.value == {"constraint_date": datetime(2027, 3, 8)}
    assert row.constraint_type == "snet" and row.constraint_date == date(2027, 3, 10)
    assert not out.changes.structural


def test_editing_duration_derives_the_finish(tasks: TaskService, wbs: dict[str, int]) -> None:
    tasks.update_task(wbs["1.1"], {"duration_days": 6})
    assert tasks.get(wbs["1.1"]).finish == date(2027, 3, 8)  # over the weekend


def test_editing_finish_derives_the_duration(tasks: TaskService, wbs: dict[str, int]) -> None:
    tasks.update_task(wbs["1.1"], {"finish": date(2027, 3, 12)})
    row = tasks.get(wbs["1.1"])
    assert (row.start, row.duration_days, row.finish) == (MON, 10, date(2027, 3, 12))


def test_finish_before_start_is_refused_and_nothing_is_written(
    ctx: ServiceContext, tasks: TaskService, wbs: dict[str, int]
) -> None:
    before = stored(ctx, wbs["1.2"])
    audits = audit_count(ctx)
    with pytest.raises(ValidationError) as info:
        tasks.update_task(wbs["1.2"], {"finish": date(2027, 3, 5)})
    assert str(info.value) == "Finish: is before the start (08 Mar 2027)"
    assert info.value.field == "Finish"
    assert stored(ctx, wbs["1.2"]) == before
    assert audit_count(ctx) == audits


def test_a_finish_with_no_working_day_is_refused(tasks: TaskService, pid: int) -> None:
    sat = date(2027, 3, 6)
    row = tasks.create_task(pid, None, "Weekend pour", start=sat, duration_days=1).value
    assert row.finish == date(2027, 3, 8)  # a weekend start begins on Monday
    with pytest.raises(ValidationError, match=r"^Finish: there is no working day from 06 Mar"):
        tasks.update_task(row.id, {"start": sat, "finish": date(2027, 3, 7)})


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"percent_complete": 101}, "% complete: must be between 0 and 100, not 101"),
        ({"percent_complete": -1}, "% complete: must be between 0 and 100, not -1"),
        ({"percent_complete": "lots"}, "% complete: “lots” is not a whole number"),
        ({"start": "tomorrow"}, "Start: “tomorrow” is not a date"),
        ({"duration_days": 0}, "Duration: a task lasts at least 1 working day"),
        ({"colour": "red"}, "colour: is not a task field"),
        ({"name": ""}, "Name: is required"),
    ],
)
def test_update_refuses_bad_values(
    ctx: ServiceContext,
    tasks: TaskService,
    wbs: dict[str, int],
    values: dict[str, Any],
    message: str,
) -> None:
    before = tasks.get(wbs["1.1"])
    with pytest.raises(ValidationError) as info:
        tasks.update_task(wbs["1.1"], values)
    assert str(info.value).startswith(message)
    assert tasks.get(wbs["1.1"]) == before


def test_undo_by_passing_back_the_old_values(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    before = tasks.list_tasks(pid)
    for values in (
        {"start": date(2027, 3, 3)},
        {"finish": date(2027, 4, 2)},
        {"duration_days": 3, "percent_complete": 40, "name": "Footings (revised)"},
        {"kind": "milestone"},
    ):
        old = tasks.update_task(wbs["1.2"], values).value
        assert tasks.list_tasks(pid) != before
        tasks.update_task(wbs["1.2"], old)
        assert tasks.list_tasks(pid) == before


def test_update_returns_only_what_changed(tasks: TaskService, wbs: dict[str, int]) -> None:
    assert tasks.update_task(wbs["1.1"], {"percent_complete": 0, "name": "Excavation"}).value == {}
    # Progress records the actual start at the scheduled start (as MS Project does).
    assert tasks.update_task(wbs["1.1"], {"percent_complete": 30}).value == {
        "percent_complete": 0,
        "actual_start": None,
    }
    assert tasks.get(wbs["1.1"]).actual_start == MON


def test_a_milestone_lasts_zero_days_and_finishes_on_its_start(
    tasks: TaskService, wbs: dict[str, int]
) -> None:
    old = tasks.update_task(wbs["1.3"], {"kind": TaskKind.MILESTONE}).value
    row = tasks.get(wbs["1.3"])
    assert (row.kind, row.duration_days, row.start, row.finish) == (
        TaskKind.MILESTONE,
        0,
        date(2027, 3, 22),
        date(2027, 3, 22),
    )
    assert old["kind"] == "task" and old["duration_days"] == 5
    with pytest.raises(ValidationError, match=r"^Duration: a milestone lasts 0 days"):
        tasks.update_task(wbs["1.3"], {"duration_days": 4})
    assert tasks.get(wbs["1.3"]).duration_days == 0
    tasks.update_task(wbs["3"], {"start": date(2027, 5, 3)})
    assert tasks.get(wbs["3"]).finish == date(2027, 5, 3)
    tasks.update_task(wbs["3"], {"finish": date(2027, 5, 7)})  # moving its finish moves it
    assert (tasks.get(wbs["3"]).start, tasks.get(wbs["3"]).finish) == (
        date(2027, 5, 7),
        date(2027, 5, 7),
    )


def test_a_milestone_made_a_task_lasts_one_day(tasks: TaskService, wbs: dict[str, int]) -> None:
    tasks.update_task(wbs["3"], {"kind": "task"})
    row = tasks.get(wbs["3"])
    assert (row.kind, row.duration_days, row.finish) == (TaskKind.TASK, 1, date(2027, 4, 23))


def test_summary_dates_and_kind_are_not_edited_directly(
    tasks: TaskService, wbs: dict[str, int]
) -> None:
    with pytest.raises(ValidationError, match=r"^Start: is rolled up from the tasks under"):
        tasks.update_task(wbs["1"], {"start": MON})
    with pytest.raises(ValidationError, match=r"^% complete: is rolled up"):
        tasks.update_task(wbs["1"], {"percent_complete": 10})
    with pytest.raises(ValidationError, match="has tasks under it, so it stays a summary"):
        tasks.update_task(wbs["1"], {"kind": "task"})
    assert tasks.update_task(wbs["1"], {"name": "Below ground"}).value == {"name": "Substructure"}


def test_rename_returns_the_old_name(tasks: TaskService, wbs: dict[str, int]) -> None:
    out = tasks.rename_task(wbs["2"], " Structural frame ")
    assert out.value == "Frame"
    assert tasks.get(wbs["2"]).name == "Structural frame"
    with pytest.raises(ValidationError, match=r"^Name: is required"):
        tasks.rename_task(wbs["2"], "")


def test_edits_are_audited(ctx: ServiceContext, tasks: TaskService, wbs: dict[str, int]) -> None:
    tasks.update_task(wbs["1.1"], {"percent_complete": 60})
    with ctx.sessions() as s:
        row = s.execute(
            select(AuditEntry.action, AuditEntry.field, AuditEntry.old, AuditEntry.new)
            .where(AuditEntry.entity == "task", AuditEntry.entity_id == wbs["1.1"])
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).one()
        fields = {
            f: (old, new)
            for f, old, new in s.execute(
                select(AuditEntry.field, AuditEntry.old, AuditEntry.new).where(
                    AuditEntry.entity == "task", AuditEntry.entity_id == wbs["1.1"]
                )
            )
        }
    assert row.action == "update"
    assert fields["percent_complete"] == ("0", "60")
    assert fields["actual_start"] == (None, "2027-03-01 00:00:00")


def test_missing_task_raises_not_found(tasks: TaskService) -> None:
    for call in (
        lambda: tasks.update_task(999, {"name": "x"}),
        lambda: tasks.delete_task(999),
        lambda: tasks.move_task(999, None, 0),
        lambda: tasks.set_predecessors(999, ""),
        lambda: tasks.get(999),
    ):
        with pytest.raises(NotFoundError):
            call()


# -- delete and restore ------------------------------------------------------------------
def add_issue(ctx: ServiceContext, pid: int, task_id: int, number: str) -> int:
    with ctx.sessions.begin() as s:
        issue = Issue(
            project_id=pid,
            issue_type="issue",
            number=number,
            title=f"About task {task_id}",
            raised_on=date(2026, 11, 1),
            task_id=task_id,
        )
        s.add(issue)
        s.flush()
        return issue.id


def issue_task(ctx: ServiceContext, issue_id: int) -> int | None:
    with ctx.sessions() as s:
        return s.scalar(select(Issue.task_id).where(Issue.id == issue_id))


def links(ctx: ServiceContext, pid: int) -> list[tuple[int, int, int, str, int]]:
    with ctx.sessions() as s:
        rows = s.execute(
            select(
                TaskLink.id,
                TaskLink.predecessor_id,
                TaskLink.successor_id,
                TaskLink.link_type,
                TaskLink.lag_days,
            )
            .where(TaskLink.project_id == pid)
            .order_by(TaskLink.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_delete_and_restore_a_subtree_keeps_ids_links_and_issue_links(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    tasks.set_predecessors(wbs["1.2"], "1.1")  # inside the subtree
    tasks.set_predecessors(wbs["2"], "1.3SS+2")  # from the subtree out
    tasks.set_predecessors(wbs["1.1"], "3FF")  # into the subtree (odd, but allowed)
    issue_in = add_issue(ctx, pid, wbs["1.2"], "ISS-0001")
    issue_out = add_issue(ctx, pid, wbs["2"], "ISS-0002")
    before = tasks.list_tasks(pid)
    links_before = links(ctx, pid)

    out = tasks.delete_task(wbs["1"])
    assert outline_of(tasks, pid) == [("1", "Frame", "task"), ("2", "Topped out", "milestone")]
    assert links(ctx, pid) == []
    assert issue_task(ctx, issue_in) is None
    assert issue_task(ctx, issue_out) == wbs["2"]
    assert sort_orders(ctx, pid, None) == [0, 1]
    assert out.value.count(Task) == 4 and out.value.count(TaskLink) == 3
    assert out.changes.structural and out.changes.touches("task", pid)
    assert out.changes.touches("issue", pid)
    # The deleted tasks, and those the engine moved once they were gone.
    assert out.changes.ids_of("task") >= {wbs["1"], wbs["1.1"], wbs["1.2"], wbs["1.3"]}

    changes = tasks.restore_tasks(out.value)
    assert tasks.list_tasks(pid) == before  # same ids, places, kinds, dates, predecessors
    assert links(ctx, pid) == links_before  # the same link ids too
    assert issue_task(ctx, issue_in) == wbs["1.2"]
    assert sort_orders(ctx, pid, None) == [0, 1, 2]
    assert changes.structural and changes.touches("task", pid) and changes.touches("issue", pid)


def test_deleting_the_last_child_makes_the_parent_a_task_and_restore_undoes_it(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    child = tasks.create_task(pid, wbs["2"], "Columns").value.id
    assert tasks.get(wbs["2"]).kind is TaskKind.SUMMARY
    before = tasks.list_tasks(pid)
    snap = tasks.delete_task(child).value
    assert tasks.get(wbs["2"]).kind is TaskKind.TASK
    tasks.restore_tasks(snap)
    assert tasks.list_tasks(pid) == before


def test_delete_in_the_middle_closes_the_gap_and_restore_reopens_it(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    before = tasks.list_tasks(pid)
    snap = tasks.delete_task(wbs["1.2"]).value
    assert sort_orders(ctx, pid, wbs["1"]) == [0, 1]
    assert [r.name for r in tasks.children(pid, wbs["1"])] == ["Excavation", "Slab"]
    tasks.restore_tasks(snap)
    assert tasks.list_tasks(pid) == before


# -- moves -------------------------------------------------------------------------------
def test_move_within_the_same_parent(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    before = tasks.list_tasks(pid)
    out = tasks.move_task(wbs["1.3"], wbs["1"], 0)
    assert out.value == (wbs["1"], 2)
    assert out.changes.structural and out.changes.touches("task", pid)
    assert [r.name for r in tasks.children(pid, wbs["1"])] == ["Slab", "Excavation", "Footings"]
    assert sort_orders(ctx, pid, wbs["1"]) == [0, 1, 2]
    tasks.move_task(wbs["1.3"], *out.value)
    assert tasks.list_tasks(pid) == before


def test_move_to_another_parent_changes_kinds_and_undo_restores_them(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    only = tasks.create_task(pid, wbs["2"], "Columns").value.id  # Frame becomes a summary
    before = tasks.list_tasks(pid)
    old = tasks.move_task(only, wbs["1"], 1).value
    assert old == (wbs["2"], 0)
    rows = by_wbs(tasks, pid)
    assert rows["1.2"].name == "Columns"
    assert rows["2"].kind is TaskKind.TASK  # lost its last child
    assert sort_orders(ctx, pid, wbs["1"]) == [0, 1, 2, 3]
    tasks.move_task(only, *old)
    assert tasks.list_tasks(pid) == before
    assert by_wbs(tasks, pid)["2"].kind is TaskKind.SUMMARY


def test_move_under_a_task_makes_it_a_summary_and_to_top_level(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    before = tasks.list_tasks(pid)
    old = tasks.move_task(wbs["1.1"], wbs["2"], 5).value  # an index past the end appends
    assert by_wbs(tasks, pid)["2"].kind is TaskKind.SUMMARY
    assert by_wbs(tasks, pid)["2.1"].name == "Excavation"
    tasks.move_task(wbs["1.1"], *old)
    assert tasks.list_tasks(pid) == before
    old = tasks.move_task(wbs["1.2"], None, 0).value
    assert outline_of(tasks, pid)[0] == ("1", "Footings", "task")
    tasks.move_task(wbs["1.2"], *old)
    assert tasks.list_tasks(pid) == before


def test_move_under_itself_or_a_descendant_is_refused(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    before = tasks.list_tasks(pid)
    with pytest.raises(ValidationError) as info:
        tasks.move_task(wbs["1"], wbs["1"], 0)
    assert str(info.value) == "A task cannot be moved under itself"
    with pytest.raises(ValidationError, match=r"^A task cannot be moved under itself$"):
        tasks.move_task(wbs["1"], wbs["1.2"], 0)
    with pytest.raises(ValidationError, match="“Topped out” is a milestone"):
        tasks.move_task(wbs["2"], wbs["3"], 0)
    assert tasks.list_tasks(pid) == before


def test_indent_makes_the_task_the_last_child_of_the_one_above(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    before = tasks.list_tasks(pid)
    out = tasks.indent_task(wbs["2"])
    assert out.value == (None, 1)
    assert out.changes.structural
    assert outline_of(tasks, pid)[4] == ("1.4", "Frame", "task")
    tasks.move_task(wbs["2"], *out.value)
    assert tasks.list_tasks(pid) == before
    # under a plain task: it becomes a summary
    old = tasks.indent_task(wbs["1.2"]).value
    assert outline_of(tasks, pid)[1:4] == [
        ("1.1", "Excavation", "summary"),
        ("1.1.1", "Footings", "task"),
        ("1.2", "Slab", "task"),
    ]
    tasks.move_task(wbs["1.2"], *old)
    assert tasks.list_tasks(pid) == before


def test_indent_is_refused_without_a_task_above(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    with pytest.raises(ValidationError) as info:
        tasks.indent_task(wbs["1.1"])
    assert str(info.value) == "“Excavation” has no task above it to indent under"
    after = tasks.create_task(pid, None, "After the milestone").value.id
    with pytest.raises(ValidationError, match="“Topped out” is a milestone; tasks cannot go"):
        tasks.indent_task(after)


def test_outdent_makes_the_task_the_next_sibling_of_its_parent(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    before = tasks.list_tasks(pid)
    out = tasks.outdent_task(wbs["1.2"])
    assert out.value == (wbs["1"], 1)
    assert [r.name for r in tasks.children(pid, None)] == [
        "Substructure",
        "Footings",
        "Frame",
        "Topped out",
    ]
    assert [r.name for r in tasks.children(pid, wbs["1"])] == ["Excavation", "Slab"]
    tasks.move_task(wbs["1.2"], *out.value)
    assert tasks.list_tasks(pid) == before
    with pytest.raises(ValidationError) as info:
        tasks.outdent_task(wbs["2"])
    assert str(info.value) == "“Frame” is already at the top level"


def test_outdenting_the_only_child_makes_the_parent_a_task(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    child = tasks.create_task(pid, wbs["2"], "Columns").value.id
    before = tasks.list_tasks(pid)
    old = tasks.outdent_task(child).value
    assert by_wbs(tasks, pid)["2"].kind is TaskKind.TASK
    assert by_wbs(tasks, pid)["3"].name == "Columns"
    tasks.move_task(child, *old)
    assert tasks.list_tasks(pid) == before


# -- predecessors ------------------------------------------------------------------------
def test_set_predecessors_stores_links_and_shows_wbs_codes(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    out = tasks.set_predecessors(wbs["2"], "1.3FS+3, 1.2SS-2, 1.1")
    assert out.value == ""
    assert not out.changes.structural and out.changes.touches("task", pid)
    assert tasks.get(wbs["2"]).predecessors == "1.3FS+3, 1.2SS-2, 1.1"
    assert [(p, s, t, lag) for _, p, s, t, lag in links(ctx, pid)] == [
        (wbs["1.3"], wbs["2"], "FS", 3),
        (wbs["1.2"], wbs["2"], "SS", -2),
        (wbs["1.1"], wbs["2"], "FS", 0),
    ]
    assert tasks.set_predecessors(wbs["2"], "1.3ff").value == "1.3FS+3, 1.2SS-2, 1.1"
    assert tasks.get(wbs["2"]).predecessors == "1.3FF"
    assert tasks.set_predecessors(wbs["2"], "").value == "1.3FF"
    assert links(ctx, pid) == []


def test_predecessor_codes_follow_the_tree(
    tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    tasks.set_predecessors(wbs["3"], "1.3, 2SS")
    tasks.move_task(wbs["1.3"], wbs["1"], 0)
    assert tasks.get(wbs["3"]).predecessors == "1.1, 2SS"
    tasks.create_task(pid, None, "Preconstruction", index=0)
    assert tasks.get(wbs["3"]).predecessors == "2.1, 3SS"


def test_unchanged_predecessors_write_nothing(
    ctx: ServiceContext, tasks: TaskService, wbs: dict[str, int]
) -> None:
    tasks.set_predecessors(wbs["2"], "1.1, 1.2SS")
    audits = audit_count(ctx)
    assert tasks.set_predecessors(wbs["2"], " 1.1FS+0 ; 1.2ss ").value == "1.1, 1.2SS"
    assert audit_count(ctx) == audits


@pytest.mark.parametrize(
    ("task", "text", "message"),
    [
        ("2", "9.9", "Predecessors: no task with WBS 9.9"),
        ("2", "1.1, 2", "Predecessors: a task cannot be its own predecessor (2)"),
        ("2", "1.1, 1.1SS", "Predecessors: 1.1 is listed twice"),
        ("2", "1.1FS+", "Predecessors: “1.1FS+” is not a predecessor"),
        ("1.2", "1", "Predecessors: 1 is the summary of 1.2; it cannot be its predecessor"),
        ("1", "1.2", "Predecessors: 1.2 is under 1; a summary cannot depend on its own tasks"),
        ("1.2", "1.3", "Predecessors: would create a loop: 1.3 → 1.2 → 1.3"),
        ("1.1", "2", "Predecessors: would create a loop: 2 → 1.1 → 1.3 → 2"),
    ],
)
def test_bad_predecessors_are_refused_and_nothing_is_written(
    ctx: ServiceContext,
    tasks: TaskService,
    pid: int,
    wbs: dict[str, int],
    task: str,
    text: str,
    message: str,
) -> None:
    tasks.set_predecessors(wbs["1.3"], "1.1, 1.2")
    tasks.set_predecessors(wbs["2"], "1.3")
    before = links(ctx, pid)
    with pytest.raises(ValidationError) as info:
        tasks.set_predecessors(wbs[task], text)
    assert str(info.value).startswith(message)
    assert links(ctx, pid) == before


def test_the_loop_message_of_the_brief(tasks: TaskService, pid: int, wbs: dict[str, int]) -> None:
    tasks.set_predecessors(wbs["1.2"], "1.3")
    with pytest.raises(ValidationError) as info:
        tasks.set_predecessors(wbs["1.3"], "1.2")
    assert str(info.value) == "Predecessors: would create a loop: 1.2 → 1.3 → 1.2"


def test_undo_predecessors_with_the_old_text(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    tasks.set_predecessors(wbs["2"], "1.2SS+1, 1.3")
    before = tasks.list_tasks(pid)
    old = tasks.set_predecessors(wbs["2"], "1.1FF-1").value
    tasks.set_predecessors(wbs["2"], old)
    assert tasks.list_tasks(pid) == before


# -- lazy tree helpers -------------------------------------------------------------------
def test_children_and_count_children(tasks: TaskService, pid: int, wbs: dict[str, int]) -> None:
    top = tasks.children(pid, None)
    assert [(r.wbs, r.name) for r in top] == [
        ("1", "Substructure"),
        ("2", "Frame"),
        ("3", "Topped out"),
    ]
    assert top[0].start == MON  # rolled up like list_tasks
    assert [r.wbs for r in tasks.children(pid, wbs["1"])] == ["1.1", "1.2", "1.3"]
    assert tasks.children(pid, wbs["1.1"]) == []
    assert tasks.count_children(pid, [None, wbs["1"], wbs["2"]]) == {
        None: 3,
        wbs["1"]: 3,
        wbs["2"]: 0,
    }
    assert tasks.count_children(pid, []) == {}


def test_list_tasks_of_a_large_project_is_complete_and_in_order(
    ctx: ServiceContext, tasks: TaskService, pid: int
) -> None:
    # 100 phases × 99 tasks, written in one go (ids not in tree order), each task linked
    # to the one before it.
    rows: list[dict[str, Any]] = []
    link_rows: list[dict[str, Any]] = []
    for phase in range(100):
        phase_id = 20_000 - phase  # later phases get smaller ids
        rows.append(
            {
                "id": phase_id,
                "project_id": pid,
                "parent_id": None,
                "sort_order": phase,
                "name": f"Phase {phase + 1}",
                "kind": "summary",
                "duration_days": 0,
            }
        )
        for k in range(99):
            task_id = phase * 100 + k + 1
            rows.append(
                {
                    "id": task_id,
                    "project_id": pid,
                    "parent_id": phase_id,
                    "sort_order": 98 - k,
                    "name": f"Task {phase + 1}.{99 - k}",
                    "kind": "task",
                    "start": MON,
                    "duration_days": 1,
                    "finish": MON,
                    "percent_complete": k % 2 * 100,
                }
            )
            if k:
                link_rows.append(
                    {
                        "project_id": pid,
                        "predecessor_id": task_id - 1,
                        "successor_id": task_id,
                        "link_type": "FS",
                        "lag_days": 0,
                    }
                )
    with ctx.sessions.begin() as s:
        s.execute(insert(Task), rows)
        s.execute(insert(TaskLink), link_rows)
    listed = tasks.list_tasks(pid)
    assert len(listed) == 10_000
    assert [r.wbs for r in listed[:3]] == ["1", "1.1", "1.2"]
    assert listed[-1].wbs == "100.99" and listed[-1].name == "Task 100.99"
    assert all(r.name == f"Task {r.wbs}" for r in listed if r.depth == 1)
    assert [r.name for r in listed if r.depth == 0] == [f"Phase {i}" for i in range(1, 101)]
    # Task 1.98 (id 2) follows Task 1.99 (id 1): shown as the WBS of its predecessor.
    assert next(r for r in listed if r.id == 2).predecessors == "1.99"
    assert all(r.percent_complete == 49 for r in listed if r.depth == 0)  # 49 of 99 done


def test_a_budget_line_loses_its_deleted_task_audited_and_undo_puts_it_back(
    ctx: ServiceContext, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    lines = BudgetLineService(ctx)
    line = lines.create(pid, "03 30 00", "Cast-in-place concrete", "250000", task_id=wbs["1.2"])
    out = tasks.delete_task(wbs["1"])
    assert lines.get(line.value.id).task_id is None
    assert out.changes.touches("budget_line", pid)
    with ctx.sessions() as s:
        cleared = s.execute(
            select(AuditEntry.old, AuditEntry.new).where(
                AuditEntry.entity == "budget_line", AuditEntry.field == "task_id"
            )
        ).all()
    assert [tuple(r) for r in cleared] == [(str(wbs["1.2"]), None)]
    changes = tasks.restore_tasks(out.value)
    assert lines.get(line.value.id).task_id == wbs["1.2"]
    assert changes.touches("budget_line", pid)
