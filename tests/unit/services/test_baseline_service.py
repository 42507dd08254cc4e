"""BaselineService: save, list, rename, delete and restore baselines, the compared
choice, and the finish variance of the schedule against a baseline."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from ownersrep.db.models import AuditEntry, Baseline, BaselineTask, Calendar, Setting, Task
from ownersrep.domain.enums import TaskKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.scheduling.model import CalendarSpec, WorkPeriod
from ownersrep.services.baseline_service import BaselineService, compared_key
from ownersrep.services.baseline_types import BaselineDates
from ownersrep.services.calendar_codec import calendar_columns
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_service import ProjectService
from ownersrep.services.task_service import TaskService

MON = date(2027, 3, 1)  # a Monday
FRI = date(2027, 3, 5)


@pytest.fixture
def baselines(ctx: ServiceContext) -> BaselineService:
    return BaselineService(ctx)


@pytest.fixture
def tasks(ctx: ServiceContext) -> TaskService:
    return TaskService(ctx)


@pytest.fixture
def pid(ctx: ServiceContext) -> int:
    return ProjectService(ctx).create("Riverside Clinic").value.id


@pytest.fixture
def wbs(tasks: TaskService, pid: int) -> dict[str, int]:
    """1 Substructure (1.1 Excavation, 1.2 Footings), 2 Frame, 3 Topped out ◆."""
    sub = tasks.create_task(pid, None, "Substructure").value.id
    ids = {"1": sub}
    ids["1.1"] = tasks.create_task(pid, sub, "Excavation", start=MON, duration_days=5).value.id
    ids["1.2"] = tasks.create_task(
        pid, sub, "Footings", start=date(2027, 3, 8), duration_days=10
    ).value.id
    ids["2"] = tasks.create_task(
        pid, None, "Frame", start=date(2027, 3, 22), duration_days=20
    ).value.id
    ids["3"] = tasks.create_task(
        pid, None, "Topped out", TaskKind.MILESTONE, start=date(2027, 4, 19)
    ).value.id
    return ids


def set_finishes(ctx: ServiceContext, finishes: dict[int, date]) -> None:
    """Set tasks' dates straight in the table (whatever the engine would do): each
    starts on MON and finishes as given."""
    with ctx.sessions.begin() as s:
        for task_id, finish in finishes.items():
            s.execute(update(Task).where(Task.id == task_id).values(start=MON, finish=finish))


def add_calendar(ctx: ServiceContext, pid: int, spec: CalendarSpec) -> None:
    with ctx.sessions.begin() as s:
        s.add(Calendar(project_id=pid, is_default=True, **calendar_columns(spec)))


def audit_actions(ctx: ServiceContext, entity: str) -> list[str]:
    with ctx.sessions() as s:
        return list(
            s.scalars(
                select(AuditEntry.action).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
            )
        )


def imported(ctx: ServiceContext, pid: int, number: int, dates: dict[int, tuple]) -> int:
    """A baseline as an MS Project import writes it (no saved_at, times of day)."""
    name = "Baseline" if number == 0 else f"Baseline {number}"
    with ctx.sessions.begin() as s:
        b = Baseline(project_id=pid, name=name, number=number, saved_at=None)
        s.add(b)
        s.flush()
        for task_id, (start, finish) in dates.items():
            s.add(BaselineTask(baseline_id=b.id, task_id=task_id, start=start, finish=finish))
        return b.id


# -- saving and listing -------------------------------------------------------------
def test_save_copies_every_task_as_the_schedule_shows_it(
    baselines: BaselineService, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    out = baselines.save_baseline(pid, "  Contract baseline ")
    ref = out.value
    assert (ref.name, ref.number, ref.task_count, ref.compared) == (
        "Contract baseline",
        0,
        5,
        True,
    )
    assert ref.saved_at is not None and ref.saved_at.microsecond == 0
    assert out.changes.touches("baseline", pid) and out.changes.structural
    assert out.changes.ids_of("baseline") == {ref.id}

    rows = {r.id: r for r in tasks.list_tasks(pid)}
    got = baselines.task_dates(ref.id)
    assert set(got) == set(wbs.values())  # summaries too
    for task_id, dates in got.items():
        assert (dates.start, dates.finish) == (rows[task_id].start, rows[task_id].finish)
        assert dates.finish_variance_days == 0.0
    summary = got[wbs["1"]]
    assert summary.start == rows[wbs["1.1"]].start
    assert summary.finish == rows[wbs["1.2"]].finish


def test_saved_rows_hold_moments_and_durations(
    ctx: ServiceContext, baselines: BaselineService, tasks: TaskService, pid: int, wbs: dict
) -> None:
    bid = baselines.save_baseline(pid, "B").value.id
    rows = {r.id: r for r in tasks.list_tasks(pid)}
    with ctx.sessions() as s:
        saved = {r.task_id: r for r in s.scalars(select(BaselineTask))}
    exc = saved[wbs["1.1"]]
    start, finish = rows[wbs["1.1"]].start, rows[wbs["1.1"]].finish
    assert exc.start == datetime.combine(start, datetime.min.time())
    assert exc.finish == datetime.combine(finish + timedelta(days=1), datetime.min.time())
    assert exc.work_minutes == rows[wbs["1.1"]].duration_days * 480
    assert saved[wbs["3"]].work_minutes == 0
    # The summary spans its tasks on the calendar: its rolled-up working days.
    assert saved[wbs["1"]].work_minutes == rows[wbs["1"]].duration_days * 480
    assert bid == exc.baseline_id


def test_numbers_count_up_and_only_the_first_becomes_compared(
    baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    first = baselines.save_baseline(pid, "Contract").value
    second = baselines.save_baseline(pid, "Re-plan").value
    third = baselines.save_baseline(pid, "After storm").value
    assert [b.number for b in (first, second, third)] == [0, 1, 2]
    assert (first.compared, second.compared, third.compared) == (True, False, False)
    assert baselines.compared_baseline(pid) == first.id
    listed = baselines.list_baselines(pid)
    assert [(b.name, b.number, b.task_count, b.compared) for b in listed] == [
        ("Contract", 0, 5, True),
        ("Re-plan", 1, 5, False),
        ("After storm", 2, 5, False),
    ]


def test_a_project_without_tasks_saves_an_empty_baseline(
    baselines: BaselineService, pid: int
) -> None:
    ref = baselines.save_baseline(pid, "Empty").value
    assert ref.task_count == 0
    assert baselines.task_dates(ref.id) == {}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Name: is required"),
        ("   ", "Name: is required"),
        ("x" * 201, "Name: is longer than 200 characters"),
        ("CONTRACT", "Name: a baseline called “CONTRACT” already exists"),
    ],
)
def test_save_refuses_bad_names(
    baselines: BaselineService, pid: int, wbs: dict[str, int], name: str, message: str
) -> None:
    baselines.save_baseline(pid, "Contract")
    with pytest.raises(ValidationError) as err:
        baselines.save_baseline(pid, name)
    assert str(err.value) == message
    assert len(baselines.list_baselines(pid)) == 1


def test_the_same_name_is_fine_in_another_project(
    ctx: ServiceContext, baselines: BaselineService, pid: int
) -> None:
    other = ProjectService(ctx).create("Data centre").value.id
    baselines.save_baseline(pid, "Contract")
    assert baselines.save_baseline(other, "Contract").value.number == 0


def test_save_in_a_missing_project(baselines: BaselineService) -> None:
    with pytest.raises(NotFoundError):
        baselines.save_baseline(999, "Contract")


def test_save_is_audited_once_not_per_task(
    ctx: ServiceContext, baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    baselines.save_baseline(pid, "Contract")
    assert audit_actions(ctx, "baseline") == ["insert"]
    assert audit_actions(ctx, "setting") == ["insert"]  # it became the compared one


# -- suggested names ----------------------------------------------------------------
def test_suggest_name_follows_ms_project_numbers_and_today(
    ctx: ServiceContext, baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    assert baselines.suggest_name(pid) == "Baseline — 20 Nov 2026"
    imported(ctx, pid, 0, {})
    imported(ctx, pid, 1, {})
    assert baselines.suggest_name(pid) == "Baseline 2 — 20 Nov 2026"
    baselines.save_baseline(pid, "baseline 2 — 20 NOV 2026")  # taken (any case)
    assert baselines.suggest_name(pid) == "Baseline 3 — 20 Nov 2026"
    baselines.rename_baseline(baselines.list_baselines(pid)[-1].id, "Baseline 3 — 20 Nov 2026")
    assert baselines.suggest_name(pid) == "Baseline 3 — 20 Nov 2026 (2)"


# -- rename ---------------------------------------------------------------------------
def test_rename_returns_the_old_name(baselines: BaselineService, pid: int, wbs: dict) -> None:
    bid = baselines.save_baseline(pid, "Contract").value.id
    out = baselines.rename_baseline(bid, " Contract (GMP) ")
    assert out.value == "Contract"
    assert out.changes.touches("baseline", pid) and not out.changes.structural
    assert [b.name for b in baselines.list_baselines(pid)] == ["Contract (GMP)"]
    assert baselines.rename_baseline(bid, "contract (gmp)").value == "Contract (GMP)"  # case


def test_rename_refuses_a_taken_or_empty_name(
    baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    baselines.save_baseline(pid, "Contract")
    bid = baselines.save_baseline(pid, "Re-plan").value.id
    with pytest.raises(ValidationError, match="Name: a baseline called “contract” already"):
        baselines.rename_baseline(bid, "contract")
    with pytest.raises(ValidationError, match="Name: is required"):
        baselines.rename_baseline(bid, "")
    with pytest.raises(NotFoundError):
        baselines.rename_baseline(999, "X")
    assert [b.name for b in baselines.list_baselines(pid)] == ["Contract", "Re-plan"]


# -- delete and restore -------------------------------------------------------------
def test_delete_and_restore_keep_the_id_rows_and_compared_choice(
    ctx: ServiceContext, baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    first = baselines.save_baseline(pid, "Contract").value
    before = baselines.task_dates(first.id)
    out = baselines.delete_baseline(first.id)
    assert out.changes.touches("baseline", pid) and out.changes.structural
    assert baselines.list_baselines(pid) == []
    assert baselines.compared_baseline(pid) is None
    with ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(BaselineTask)) == 0
        assert s.get(Setting, compared_key(pid)) is None

    changes = baselines.restore_baseline(out.value)
    assert changes.touches("baseline", pid) and changes.ids_of("baseline") == {first.id}
    assert baselines.list_baselines(pid) == [first]
    assert baselines.compared_baseline(pid) == first.id
    assert baselines.task_dates(first.id) == before
    assert audit_actions(ctx, "baseline") == ["insert", "delete", "insert"]


def test_deleting_another_baseline_keeps_the_compared_choice(
    baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    first = baselines.save_baseline(pid, "Contract").value.id
    second = baselines.save_baseline(pid, "Re-plan").value.id
    snap = baselines.delete_baseline(second).value
    assert baselines.compared_baseline(pid) == first
    baselines.restore_baseline(snap)
    assert baselines.compared_baseline(pid) == first
    assert [b.id for b in baselines.list_baselines(pid)] == [first, second]


def test_delete_a_missing_baseline(baselines: BaselineService) -> None:
    with pytest.raises(NotFoundError):
        baselines.delete_baseline(42)
    with pytest.raises(NotFoundError):
        baselines.task_dates(42)


def test_deleting_the_project_removes_its_baselines_and_undo_brings_them_back(
    ctx: ServiceContext, baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    bid = baselines.save_baseline(pid, "Contract").value.id
    projects = ProjectService(ctx)
    snap = projects.delete(pid).value
    assert baselines.list_baselines(pid) == []
    assert baselines.compared_baseline(pid) is None
    projects.restore(snap)
    assert [b.id for b in baselines.list_baselines(pid)] == [bid]
    assert baselines.compared_baseline(pid) == bid
    assert len(baselines.task_dates(bid)) == 5


# -- the compared choice ------------------------------------------------------------
def test_set_compared_returns_the_old_choice(
    ctx: ServiceContext, baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    first = baselines.save_baseline(pid, "Contract").value.id
    second = baselines.save_baseline(pid, "Re-plan").value.id
    out = baselines.set_compared_baseline(pid, second)
    assert out.value == first
    assert out.changes.touches("baseline", pid) and out.changes.ids_of("baseline") == {
        first,
        second,
    }
    assert [b.compared for b in baselines.list_baselines(pid)] == [False, True]
    assert baselines.set_compared_baseline(pid, None).value == second
    assert baselines.compared_baseline(pid) is None
    assert baselines.compared_task_dates(pid) == {}
    assert baselines.set_compared_baseline(pid, first).value is None
    assert set(baselines.compared_task_dates(pid)) == set(wbs.values())
    with ctx.sessions() as s:
        assert s.get(Setting, compared_key(pid)).value == str(first)  # type: ignore[union-attr]


def test_set_compared_refuses_another_projects_baseline(
    ctx: ServiceContext, baselines: BaselineService, pid: int
) -> None:
    other = ProjectService(ctx).create("Data centre").value.id
    theirs = baselines.save_baseline(other, "Their plan").value.id
    with pytest.raises(ValidationError, match="Baseline: “Their plan” belongs to another"):
        baselines.set_compared_baseline(pid, theirs)
    with pytest.raises(NotFoundError):
        baselines.set_compared_baseline(pid, 999)
    with pytest.raises(NotFoundError):
        baselines.set_compared_baseline(999, None)


def test_a_stale_setting_means_no_comparison(
    ctx: ServiceContext, baselines: BaselineService, pid: int
) -> None:
    with ctx.sessions.begin() as s:
        s.add(Setting(key=compared_key(pid), value="77"))
    assert baselines.compared_baseline(pid) is None
    assert baselines.compared_task_dates(pid) == {}


# -- variance -------------------------------------------------------------------------
def test_variance_counts_working_days_across_a_weekend(
    ctx: ServiceContext, baselines: BaselineService, tasks: TaskService, pid: int, wbs: dict
) -> None:
    exc, foot, frame = wbs["1.1"], wbs["1.2"], wbs["2"]
    set_finishes(ctx, {exc: FRI, foot: date(2027, 3, 19), frame: date(2027, 4, 16)})
    bid = baselines.save_baseline(pid, "Contract").value.id
    set_finishes(
        ctx,
        {
            exc: date(2027, 3, 9),  # Fri → Tue: two working days late
            foot: date(2027, 3, 17),  # Fri → Wed: two early
            frame: date(2027, 4, 17),  # Fri → Sat: no working time between
        },
    )
    got = baselines.task_dates(bid)
    assert got[exc] == BaselineDates(got[exc].start, FRI, 2.0)
    assert got[foot].finish_variance_days == -2.0
    assert got[frame].finish_variance_days == 0.0
    # The summary rolls up: it finished with the footings (19 Mar), now on 17 Mar.
    assert got[wbs["1"]].finish == date(2027, 3, 19)
    assert got[wbs["1"]].finish_variance_days == -2.0


def test_variance_skips_a_holiday_of_the_project_calendar(
    ctx: ServiceContext, baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    half_day = (WorkPeriod(8 * 60, 12 * 60),)
    spec = CalendarSpec(
        key="site",
        name="Site",
        exceptions=((date(2027, 3, 8), ()), (date(2027, 3, 10), half_day)),  # Mon off
    )
    add_calendar(ctx, pid, spec)
    exc = wbs["1.1"]
    set_finishes(ctx, {exc: FRI})
    bid = baselines.save_baseline(pid, "Contract").value.id
    set_finishes(ctx, {exc: date(2027, 3, 9)})  # Tue: Monday is a holiday → 1 day
    assert baselines.task_dates(bid)[exc].finish_variance_days == 1.0
    set_finishes(ctx, {exc: date(2027, 3, 10)})  # Wed works a morning → 1.5
    assert baselines.task_dates(bid)[exc].finish_variance_days == 1.5


def test_variance_uses_the_calendars_hours_per_day(
    ctx: ServiceContext, baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    ten_hours = (WorkPeriod(7 * 60, 17 * 60),)
    spec = CalendarSpec(
        key="long", name="Ten-hour days", week=(ten_hours,) * 5 + ((), ()), minutes_per_day=480
    )
    add_calendar(ctx, pid, spec)
    exc = wbs["1.1"]
    set_finishes(ctx, {exc: FRI})
    bid = baselines.save_baseline(pid, "Contract").value.id
    set_finishes(ctx, {exc: date(2027, 3, 8)})
    assert baselines.task_dates(bid)[exc].finish_variance_days == 1.2  # 600 / 480 minutes


def test_imported_baselines_read_back_to_days(
    ctx: ServiceContext, baselines: BaselineService, pid: int, wbs: dict[str, int]
) -> None:
    exc, frame, done = wbs["1.1"], wbs["2"], wbs["3"]
    set_finishes(ctx, {exc: FRI, frame: date(2027, 4, 16)})
    b0 = imported(
        ctx,
        pid,
        0,
        {
            exc: (datetime(2027, 3, 1, 8), datetime(2027, 3, 4, 17)),  # Thu 17:00
            frame: (datetime(2027, 3, 22, 8), datetime(2027, 4, 17, 0)),  # midnight → Fri
            done: (None, None),
        },
    )
    b1 = imported(ctx, pid, 1, {exc: (datetime(2027, 3, 1, 8), datetime(2027, 3, 5, 17))})
    got = baselines.task_dates(b0)
    assert got[exc] == BaselineDates(MON, date(2027, 3, 4), 1.0)
    assert got[frame] == BaselineDates(date(2027, 3, 22), date(2027, 4, 16), 0.0)
    assert got[done] == BaselineDates(None, None, None)
    assert wbs["1.2"] not in got  # not in the file's baseline
    assert baselines.task_dates(b1) == {exc: BaselineDates(MON, FRI, 0.0)}
    listed = baselines.list_baselines(pid)
    assert [(b.name, b.number, b.saved_at, b.task_count, b.compared) for b in listed] == [
        ("Baseline", 0, None, 3, False),
        ("Baseline 1", 1, None, 1, False),
    ]
    assert baselines.save_baseline(pid, "Mine").value.number == 2


def test_a_task_added_after_the_baseline_has_no_baseline_dates(
    baselines: BaselineService, tasks: TaskService, pid: int, wbs: dict[str, int]
) -> None:
    bid = baselines.save_baseline(pid, "Contract").value.id
    new = tasks.create_task(pid, None, "Fit-out", start=date(2027, 5, 3), duration_days=5)
    assert new.value.id not in baselines.task_dates(bid)
