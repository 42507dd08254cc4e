"""HealthService: KPIs worked by hand, RAG per area from the thresholds, overrides that
never hide the derived status, thresholds per workspace, closing periods, and the undo
of every edit restoring the file exactly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from ownersrep.db.models import PeriodSnapshot
from ownersrep.db.workspace import Workspace
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.health.kpis import ProjectKpis
from ownersrep.domain.health.rag import Area, Rag
from ownersrep.domain.health.thresholds import Thresholds
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.health_types import Direction
from tests.helpers.health_world import Clinic, add_task, clinic, nov, set_task
from tests.helpers.workspace_fingerprint import fingerprint

D = Decimal
SKIP = ["audit_entry", "sqlite_sequence"]


@dataclass(frozen=True)
class Troubled:
    c: Clinic
    permit: int

    @property
    def app(self) -> AppServices:
        return self.c.app

    @property
    def pid(self) -> int:
        return self.c.project_id


def troubled(ctx: ServiceContext) -> Troubled:
    """The clinic at Fri 6 Nov, with some of everything a KPI counts:
    - a 1,000.00 contingency, 250.00 of it drawn onto concrete by an approved change;
    - the milestone Permit (Wed 4 Nov, not done) and a baseline saved, after which
      Topping out slips from Fri 20 to Fri 27 Nov;
    - open issues raised 6 Oct (due 30 Oct: overdue) and 27 Oct (due 20 Nov), and a
      closed one;
    - risks 4 × 4 = 16 (high), 5 × 3 = 15 but closed, and 2 × 3 = 6."""
    c = clinic(ctx)
    app, pid = c.app, c.project_id
    permit = add_task(ctx, pid, "Permit", nov(4), nov(4), parent=c.structure, kind="milestone")
    app.budget_lines.create(pid, "99-000", "Contingency", "1000", kind="contingency")
    draw = app.change_orders.create(
        pid, "Deeper footings", "250", budget_line_id=c.concrete, from_contingency=True
    ).value.id
    app.change_orders.set_status(draw, "pending", on=nov(2))
    app.change_orders.set_status(draw, "approved", on=nov(3), by="J. Owner")
    app.baselines.save_baseline(pid, "Contract")
    set_task(ctx, c.topping_out, start=nov(27), finish=nov(27))
    issues = app.issues
    issues.create(
        pid, "issue", "Rock at F3", raised_on=date(2026, 10, 6), due_on=date(2026, 10, 30)
    )
    issues.create(pid, "rfi", "Rebar spacing", raised_on=date(2026, 10, 27), due_on=nov(20))
    issues.create(
        pid, "issue", "Old", raised_on=date(2026, 9, 1), status="closed", resolution="Done"
    )
    app.risks.create(pid, "Ground water", 4, 4)
    app.risks.create(pid, "Crane", 5, 3, status="closed")
    app.risks.create(pid, "Late steel", 2, 3)
    return Troubled(c, permit)


@pytest.fixture
def t(ctx: ServiceContext) -> Troubled:
    return troubled(ctx)


def test_kpis_worked_by_hand(t: Troubled) -> None:
    # Concrete revised 10,000 + 250 = 10,250 over Excavate's 10 days: 1,025.00 a day.
    # PV 5 days = 5,125.00; EV 40 % = 4,100.00; AC 4,500.00.
    assert t.app.health.kpis(t.pid) == ProjectKpis(
        spi=D("0.80"),  # 4,100 ÷ 5,125
        finish_variance_days=7,  # forecast Fri 27 Nov − baseline Fri 20 Nov
        milestones_missed=1,  # Permit, due Wed 4 Nov, not done at Fri 6 Nov
        cpi=D("0.91"),  # 4,100 ÷ 4,500 = 0.911…
        vac=D("-1000.00"),  # EAC 10,250 × 4,500 ÷ 4,100 = 11,250.00
        vac_percent=D("-9.8"),  # −1,000 ÷ 10,250 = −9.756 %
        contingency_used_percent=D("25.0"),  # 250 of 1,000
        open_issues=2,
        overdue_issues=1,  # due 30 Oct
        average_issue_age_days=D("20.5"),  # (31 + 10) ÷ 2
        high_risks=1,  # 16; the closed 15 does not count
    )


def test_status_derives_each_area_from_the_thresholds(t: Troubled) -> None:
    h = t.app.health.status(t.pid)
    assert h.as_of == nov(6)
    derived = {a.area: a.derived for a in h.areas}
    assert derived == {
        Area.SCHEDULE: Rag.RED,  # SPI 0.80 < 0.85 (days 7 ≤ 10 and 1 missed are amber)
        Area.COST: Rag.AMBER,  # CPI 0.91 ≥ 0.90, VAC −9.8 % ≥ −10 %
        Area.ISSUES: Rag.AMBER,  # 1 overdue ≤ 3; age 20.5 ≤ 30 is green
        Area.RISK: Rag.AMBER,  # 1 high ≤ 2
    }
    assert (h.overall, h.overall_derived, h.overridden) == (Rag.RED, Rag.RED, False)
    why = {r.measure.key: r.rag for r in h.why(Area.SCHEDULE)}
    assert why == {
        "spi": Rag.RED,
        "finish_variance_days": Rag.AMBER,
        "milestones_missed": Rag.AMBER,
    }
    assert h.evm is not None and h.evm.bac == D("10250.00")


def test_a_project_with_nothing_yet(ctx: ServiceContext) -> None:
    app = AppServices(ctx)
    pid = app.projects.create("Blank").value.id
    h = app.health.status(pid)
    assert h.kpis == ProjectKpis()
    assert h.evm is None
    # Nothing late, nothing overdue, no high risk: green; no cost figures: no data.
    assert [a.derived for a in h.areas] == [Rag.GREEN, Rag.NONE, Rag.GREEN, Rag.GREEN]
    assert h.overall is Rag.GREEN
    assert app.health.period_of(pid) == "2026-11"  # no status date: today's month
    with pytest.raises(NotFoundError):
        app.health.status(999)
    with pytest.raises(NotFoundError):
        app.health.period_of(999)


def test_a_snapshot_missing_fields_reads_as_no_data(ctx: ServiceContext) -> None:
    """A snapshot written by an older (or newer) version: unknown keys are ignored and
    missing ones read as "no data", so old periods stay readable."""
    app = AppServices(ctx)
    pid = app.projects.create("Old").value.id
    with ctx.sessions.begin() as s:
        s.add(
            PeriodSnapshot(
                project_id=pid,
                period="2025-12",
                closed_on=date(2026, 1, 2),
                kpis='{"kpis": {"cpi": "0.97", "open_issues": 3, "quality": 1}}',
                rags='{"areas": {"cost": {"derived": "amber"}, "quality": {"derived": "red"}}}',
            )
        )
    (old,) = app.health.snapshots(pid)
    assert (old.as_of, old.evm, old.kpis) == (
        date(2026, 1, 2),
        None,
        ProjectKpis(cpi=D("0.97"), open_issues=3),
    )
    assert [a.derived for a in old.areas] == [Rag.NONE, Rag.AMBER, Rag.NONE, Rag.NONE]
    assert old.overall is Rag.NONE


def test_an_override_never_hides_the_derived_status(t: Troubled) -> None:
    health = t.app.health
    with pytest.raises(ValidationError, match=r"^Commentary: is required to override the sche"):
        health.set_override(t.pid, "schedule", "amber", "   ")
    with pytest.raises(ValidationError, match=r"Override: must be Green, Amber or Red"):
        health.set_override(t.pid, Area.SCHEDULE, Rag.NONE, "Why not")
    with pytest.raises(ValidationError, match=r"Override: “purple” is not one of"):
        health.set_override(t.pid, Area.SCHEDULE, "purple", "Why not")
    with pytest.raises(ValidationError, match=r"Area: “quality” is not one of"):
        health.set_override(t.pid, "quality", "green", "Why not")
    with pytest.raises(NotFoundError):
        health.set_override(999, "schedule", "green", "Why not")
    assert health.overrides(t.pid) == {}

    out = health.set_override(t.pid, "schedule", "amber", " Recovery plan agreed 5 Nov ")
    assert out.value is None and out.changes.touches("health", t.pid)
    h = health.status(t.pid)
    schedule = h.area(Area.SCHEDULE)
    assert (schedule.shown, schedule.derived, schedule.is_overridden) == (
        Rag.AMBER,
        Rag.RED,
        True,
    )
    assert schedule.commentary == "Recovery plan agreed 5 Nov"
    assert (h.overall, h.overall_derived, h.overridden) == (Rag.AMBER, Rag.RED, True)
    (given,) = h.overrides
    assert (given.area, given.rag, given.set_on, given.set_by != "") == (
        Area.SCHEDULE,
        Rag.AMBER,
        date(2026, 11, 20),
        True,
    )


def test_override_edits_undo_exactly(t: Troubled, workspace: Workspace) -> None:
    health = t.app.health
    empty = fingerprint(workspace, skip=SKIP)
    # set a new one, then undo: as if it never was
    first = health.set_override(t.pid, "cost", "green", "Claim settled").value
    assert first is None
    after_first = fingerprint(workspace, skip=SKIP)
    health.restore_override(t.pid, "cost", first)
    assert fingerprint(workspace, skip=SKIP) == empty
    # set, replace, undo the replacement: the first override again, same row
    health.set_override(t.pid, "cost", "green", "Claim settled")
    kept = health.overrides(t.pid)[Area.COST]
    replaced = health.set_override(t.pid, "cost", "red", "Claim rejected").value
    assert replaced == kept
    health.restore_override(t.pid, "cost", replaced)
    assert health.overrides(t.pid)[Area.COST] == kept
    # clear, undo: the same row with the same id
    cleared = health.clear_override(t.pid, Area.COST)
    assert cleared.value == kept and cleared.changes.touches("health", t.pid)
    assert health.status(t.pid).area(Area.COST).override is None
    health.restore_override(t.pid, Area.COST, cleared.value)
    assert health.overrides(t.pid)[Area.COST] == kept
    # clearing what is not there changes nothing
    assert health.clear_override(t.pid, Area.RISK).value is None
    health.restore_override(t.pid, "cost", None)
    assert fingerprint(workspace, skip=SKIP) == empty
    assert after_first != empty


def test_thresholds_are_validated_and_undo_exactly(t: Troubled, workspace: Workspace) -> None:
    health = t.app.health
    before = fingerprint(workspace, skip=SKIP)
    assert health.thresholds() == Thresholds()
    with pytest.raises(ValidationError, match=r"SPI amber: must not be better than green"):
        health.set_thresholds({"spi": {"green": "0.90", "amber": "0.95"}})
    with pytest.raises(ValidationError, match=r"High risks green: “many” is not a number"):
        health.set_thresholds({"high_risks": {"green": "many"}})
    assert fingerprint(workspace, skip=SKIP) == before
    # Loosen SPI: 0.80 is now amber, so schedule turns amber (days and milestones amber).
    out = health.set_thresholds({"spi": {"green": "0.90", "amber": "0.75"}})
    assert out.value == Thresholds().to_dict() and out.changes.touches("health", t.pid)
    assert health.thresholds().spi.amber == D("0.75")
    assert health.status(t.pid).area(Area.SCHEDULE).derived is Rag.AMBER
    again = health.set_thresholds(Thresholds(high_risks=health.thresholds().high_risks))
    assert again.value["spi"] == {"green": "0.90", "amber": "0.75"}
    health.set_thresholds(again.value)  # undo the second
    health.set_thresholds(out.value)  # undo the first
    assert health.thresholds() == Thresholds()
    assert fingerprint(workspace, skip=SKIP) == before


def test_close_period_keeps_kpis_and_statuses(t: Troubled, workspace: Workspace) -> None:
    health = t.app.health
    before = fingerprint(workspace, skip=SKIP)
    health.set_override(t.pid, "schedule", "amber", "Recovery plan agreed")
    assert health.period_of(t.pid) == "2026-11"
    out = health.close_period(t.pid, "2026-11")
    assert out.changes.touches("period_snapshot", t.pid) and out.changes.structural
    (snap,) = health.snapshots(t.pid)
    assert (snap.id, snap.period, snap.closed_on, snap.as_of) == (
        out.value,
        "2026-11",
        date(2026, 11, 20),
        nov(6),
    )
    live = health.status(t.pid)
    assert snap.kpis == live.kpis and snap.evm == live.evm
    assert snap.areas == live.areas
    assert snap.area("schedule").derived is Rag.RED
    assert snap.area("schedule").commentary == "Recovery plan agreed"
    assert (snap.overall, snap.overall_derived) == (Rag.AMBER, Rag.RED)
    # The snapshot does not move when the project does.
    set_task(t.c.ctx, t.c.excavate, percent_complete=60)
    assert health.snapshots(t.pid)[0] == snap
    with pytest.raises(ValidationError, match=r"^Period: 2026-11 was already closed on 20 Nov"):
        health.close_period(t.pid, "2026-11")
    for bad in ("2026-13", "Nov 2026", "", "2026-1"):
        with pytest.raises(ValidationError, match=r"^Period: .* is not a month written like"):
            health.close_period(t.pid, bad)
    with pytest.raises(ValidationError, match=r"^Period: 2026-10 is not closed$"):
        health.reopen_period(t.pid, "2026-10")
    # undo of a close is a reopen; undo of a reopen puts the same row back
    reopened = health.reopen_period(t.pid, "2026-11")
    assert health.snapshots(t.pid) == []
    health.restore_period(reopened.value)
    assert health.snapshots(t.pid) == [snap]
    health.reopen_period(t.pid, "2026-11")
    set_task(t.c.ctx, t.c.excavate, percent_complete=40)
    health.clear_override(t.pid, "schedule")
    assert fingerprint(workspace, skip=SKIP) == before


def test_trend_this_period_against_last(t: Troubled) -> None:
    health = t.app.health
    assert health.trend(t.pid).this is None
    health.close_period(t.pid, "2026-10")
    only = health.trend(t.pid)
    assert only.last is None and only.areas == ()
    assert all(k.delta is None for k in only.kpis)
    # A better month: Excavate 60 % done (EV 6,150), the overdue issue closed.
    set_task(t.c.ctx, t.c.excavate, percent_complete=60)
    overdue = t.app.issues.list_issues(t.pid)[0]
    assert overdue.title == "Rock at F3"
    t.app.issues.update(overdue.id, {"status": "closed", "resolution": "Rock removed"})
    health.close_period(t.pid, "2026-11")
    trend = health.trend(t.pid)
    assert trend.this is not None and trend.last is not None
    assert (trend.this.period, trend.last.period) == ("2026-11", "2026-10")
    changes = {k.key: k for k in trend.kpis}
    spi = changes["spi"]  # 6,150 ÷ 5,125 = 1.20 against 0.80
    assert (spi.this, spi.last, spi.delta, spi.direction) == (
        D("1.20"),
        D("0.80"),
        D("0.40"),
        Direction.BETTER,
    )
    overdue_change = changes["overdue_issues"]
    assert (overdue_change.delta, overdue_change.direction) == (-1, Direction.BETTER)
    assert changes["high_risks"].direction is Direction.SAME
    assert changes["contingency_used_percent"].direction is Direction.SAME
    areas = {a.area: a for a in trend.areas}
    assert (areas[Area.SCHEDULE].last, areas[Area.SCHEDULE].this) == (Rag.RED, Rag.AMBER)
    assert areas[Area.SCHEDULE].direction is Direction.BETTER
    assert areas[Area.RISK].direction is Direction.SAME
