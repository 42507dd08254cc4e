"""Each section of a project's report, on the hand-worked clinic of health_world (status
date Fri 6 Nov 2026, today 20 Nov 2026, period November 2026), with issues, decisions,
risks and change orders added here. Figures checked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.health.rag import Area, Rag
from ownersrep.domain.rich_text import TextBlock, TextRun
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.report_types import (
    ALL_SECTIONS,
    DecisionLine,
    ProjectReport,
    ReportChoices,
    Section,
)
from tests.helpers.health_world import Clinic, clinic, nov, set_task

OCT = 10
SECRET = "SECRET boardroom matter"


def oct_(day: int) -> date:
    return date(2026, OCT, day)


def issue(app: AppServices, pid: int, kind: str, title: str, **fields: object) -> str:
    return app.issues.create(pid, kind, title, **fields).value.number


@pytest.fixture
def world(ctx: ServiceContext) -> Clinic:
    w = clinic(ctx)
    app, pid = w.app, w.project_id
    owner = app.parties.create("Riverside Health", "owner").value.id
    app.projects.update(pid, {"client_id": owner})
    # ISS-0001..: issues; DEC-0001..: decisions (numbered per type, in creation order).
    issue(app, pid, "issue", "Late pour", raised_on=oct_(1), due_on=nov(2), assigned_to_id=w.gc)
    issue(app, pid, "issue", "Soon", raised_on=nov(1), due_on=nov(10), priority="high")
    issue(app, pid, "issue", "Undated", raised_on=nov(3))
    issue(app, pid, "issue", SECRET, raised_on=oct_(1), due_on=nov(1), internal=True)
    issue(app, pid, "issue", "Closed in October", raised_on=oct_(1), status="closed",
          closed_on=oct_(31), resolution="Done")  # fmt: skip
    issue(app, pid, "issue", "Closed on the 1st", raised_on=oct_(1), status="closed",
          closed_on=nov(1), resolution="Done")  # fmt: skip
    issue(app, pid, "decision", "Due in 30 days", raised_on=nov(1), due_on=date(2026, 12, 6))
    issue(app, pid, "decision", "Due in 31 days", raised_on=nov(1), due_on=date(2026, 12, 7))
    issue(app, pid, "decision", "No due date", raised_on=nov(1))
    issue(app, pid, "decision", SECRET + " decision", raised_on=nov(1), due_on=nov(10),
          internal=True)  # fmt: skip
    issue(app, pid, "decision", "Overdue decision", raised_on=oct_(1), due_on=nov(1),
          assigned_to_id=owner)  # fmt: skip
    app.risks.create(pid, "Crane failure", 4, 5, owner_id=w.gc, mitigation="Spare crane")
    app.risks.create(pid, "Old risk", 3, 3, status="closed")
    app.risks.create(pid, "Permit delay", 2, 5, status="monitoring")
    return w


def report(
    w: Clinic, sections: tuple[Section, ...] = ALL_SECTIONS, weeks: int = 2
) -> ProjectReport:
    return w.app.reports.project_report(w.project_id, "2026-11", ReportChoices(sections, weeks))


def test_cover(world: Clinic) -> None:
    world.app.report_periods.save(
        world.project_id, "2026-11", {"prepared_by": "A. Rep", "reviewed_by": "B. Lead"}
    )
    cover = report(world).cover
    assert (cover.project_name, cover.project_code, cover.client_name) == (
        "Riverside Clinic", "RC", "Riverside Health",
    )  # fmt: skip
    assert (cover.period, cover.period_label) == ("2026-11", "November 2026")
    assert (cover.period_start, cover.period_end) == (nov(1), nov(30))
    assert (cover.report_number, cover.prepared_by, cover.reviewed_by) == (1, "A. Rep", "B. Lead")
    assert cover.report_date == date(2026, 11, 20)  # not issued: today
    assert cover.status_date == nov(6)


def test_issues_overdue_first_and_closed_this_period(world: Clinic) -> None:
    issues = report(world).issues
    assert issues is not None
    assert [(i.number, i.title, i.overdue) for i in issues.open] == [
        ("DEC-0005", "Overdue decision", True),  # due 1 Nov
        ("ISS-0001", "Late pour", True),  # due 2 Nov
        ("ISS-0002", "Soon", False),  # due 10 Nov
        ("DEC-0001", "Due in 30 days", False),
        ("DEC-0002", "Due in 31 days", False),
        ("DEC-0003", "No due date", False),  # undated last, by number
        ("ISS-0003", "Undated", False),
    ]
    late = issues.open[1]
    assert (late.age_days, late.owner, late.priority, late.status) == (
        36, "Summit Builders", "Medium", "Open",
    )  # fmt: skip  # 1 Oct → 6 Nov
    assert issues.open[2].priority == "High"
    # Closed 31 Oct is last period; closed 1 Nov is this one.
    assert [(i.number, i.closed_on) for i in issues.closed_this_period] == [("ISS-0006", nov(1))]


def test_decisions_due_within_30_days_overdue_first_undated_last(world: Clinic) -> None:
    summary = report(world).summary
    assert summary is not None
    assert summary.decisions == (
        DecisionLine("DEC-0005", "Overdue decision", "Riverside Health", nov(1), True),
        DecisionLine("DEC-0001", "Due in 30 days", "", date(2026, 12, 6), False),
        DecisionLine("DEC-0003", "No due date", "", None, False),
    )


def test_internal_items_appear_nowhere(world: Clinic) -> None:
    built = report(world)
    assert SECRET not in repr(built)
    assert "ISS-0004" not in repr(built) and "DEC-0004" not in repr(built)
    appendix = built.appendix
    assert appendix is not None
    assert [i.number for i in appendix.issues] == [
        "DEC-0001", "DEC-0002", "DEC-0003", "DEC-0005",
        "ISS-0001", "ISS-0002", "ISS-0003", "ISS-0005", "ISS-0006",
    ]  # fmt: skip
    portfolio = world.app.reports.portfolio_report("2026-11")
    assert SECRET not in repr(portfolio)
    line = portfolio.lines[0]
    assert (line.open_issues, line.overdue_issues) == (7, 2)  # without the internal two


def test_risks_top_and_heat_map(world: Clinic) -> None:
    risks = report(world).risks
    assert risks is not None
    assert [(r.number, r.score, r.level, r.status) for r in risks.top] == [
        ("RSK-001", 20, "High", "Open"),
        ("RSK-003", 10, "Medium", "Monitoring"),
    ]
    top = risks.top[0]
    assert (top.owner, top.mitigation, top.response, top.category) == (
        "Summit Builders", "Spare crane", "Mitigate", "Construction",
    )  # fmt: skip
    heat = [[0] * 5 for _ in range(5)]
    heat[3][4] = 1  # p4 × i5
    heat[1][4] = 1  # p2 × i5; the closed p3 × i3 is left out
    assert risks.heat_map == tuple(tuple(r) for r in heat)


def test_kpis_values_thresholds_and_rag(world: Clinic) -> None:
    kpis = report(world).kpis
    assert kpis is not None and not kpis.from_snapshot and kpis.periods == ()
    lines = {line.key: line for line in kpis.lines}
    # PV 5,000.00, EV 4,000.00, AC 4,500.00 (see health_world).
    assert (lines["spi"].value, lines["spi"].rag) == ("0.80", Rag.RED)
    assert lines["spi"].thresholds == "green ≥ 0.95 · red < 0.85"
    assert (lines["cpi"].value, lines["cpi"].rag) == ("0.89", Rag.RED)
    # EAC = BAC / CPI = 10,000 / 0.888… = 11,250.00 → VAC −1,250.00, −12.5 %.
    assert lines["vac"].value == "USD -1,250.00" and lines["vac"].rag is None
    assert lines["vac_percent"].value == "-12.5 %"
    assert lines["vac_percent"].thresholds == "green ≥ -5 % · red < -10 %"
    # Open (internal ones count in the health figures): ISS-0001/2/3/4, DEC-0001/2/3/4/5.
    assert lines["overdue_issues"].value == "3"  # ISS-0001, ISS-0004, DEC-0005
    assert lines["overdue_issues"].thresholds == "green ≤ 0 · red > 3"
    assert lines["overdue_issues"].rag is Rag.AMBER
    assert lines["high_risks"].value == "1"
    assert lines["finish_variance_days"].value == "No data"  # no baseline, no planned finish
    assert lines["finish_variance_days"].thresholds == "green ≤ 0 d · red > 10 d"
    assert [line.key for line in kpis.lines][:3] == [
        "spi",
        "finish_variance_days",
        "milestones_missed",
    ]


def test_summary_rag_against_the_last_closed_period(world: Clinic) -> None:
    app, pid = world.app, world.project_id
    first = report(world).summary
    assert first is not None and first.overall_last is None
    assert all(line.last is None for line in first.areas)
    app.health.close_period(pid, "2026-10")  # as things stand now
    app.health.set_override(pid, Area.RISK, Rag.GREEN, "Crane contract signed")
    summary = report(world).summary
    assert summary is not None
    by_area = {line.area: line for line in summary.areas}
    assert [line.area for line in summary.areas] == list(Area)
    risk = by_area[Area.RISK]
    assert (risk.this, risk.last, risk.derived, risk.overridden) == (
        Rag.GREEN, Rag.AMBER, Rag.AMBER, True,
    )  # fmt: skip
    assert risk.commentary == "Crane contract signed"
    assert (by_area[Area.COST].this, by_area[Area.COST].last) == (Rag.RED, Rag.RED)
    assert (summary.overall, summary.overall_last) == (Rag.RED, Rag.RED)


def test_narrative_and_achievements(world: Clinic) -> None:
    world.app.report_periods.save(
        world.project_id,
        "2026-11",
        {"narrative_html": "<p>Slab <b>poured</b></p>", "achievements": "Slab\nRoof"},
    )
    summary = report(world).summary
    assert summary is not None
    assert summary.narrative == (TextBlock("p", (TextRun("Slab "), TextRun("poured", bold=True))),)
    assert summary.achievements == ("Slab", "Roof")


def test_frozen_overrides_make_a_rebuilt_report_identical(world: Clinic) -> None:
    app, pid = world.app, world.project_id
    app.health.set_override(pid, Area.COST, Rag.AMBER, "Claim under review")
    app.reports.mark_issued(pid, "2026-11")
    # (The audit appendix counts the override changes themselves: left out here.)
    sections = tuple(s for s in ALL_SECTIONS if s is not Section.APPENDIX_AUDIT)
    issued = report(world, sections)
    app.health.set_override(pid, Area.COST, Rag.GREEN, "Claim withdrawn")
    app.health.set_override(pid, Area.SCHEDULE, Rag.GREEN, "Recovery plan")
    assert report(world, sections) == issued
    cost = next(line for line in issued.summary.areas if line.area is Area.COST)  # type: ignore[union-attr]
    assert (cost.this, cost.derived, cost.commentary) == (Rag.AMBER, Rag.RED, "Claim under review")
    assert issued.cover.report_date == date(2026, 11, 20)
    # Another period is not frozen: the live overrides show.
    october = app.reports.project_report(pid, "2026-12", ReportChoices((Section.SUMMARY,)))
    live = {line.area: line.this for line in october.summary.areas}  # type: ignore[union-attr]
    assert (live[Area.COST], live[Area.SCHEDULE]) == (Rag.GREEN, Rag.GREEN)


def test_a_closed_period_uses_its_snapshot(world: Clinic) -> None:
    app, pid = world.app, world.project_id
    app.health.close_period(pid, "2026-11")  # SPI 0.80, CPI 0.89 stored
    set_task(world.ctx, world.excavate, percent_complete=80)  # live SPI and CPI move
    built = report(world)
    assert built.kpis is not None and built.kpis.from_snapshot
    lines = {line.key: line for line in built.kpis.lines}
    assert (lines["spi"].value, lines["cpi"].value) == ("0.80", "0.89")
    assert app.health.status(pid).kpis.cpi == Decimal("1.78")  # the live figure differs
    line = app.reports.portfolio_report("2026-11").lines[0]
    assert (line.cpi, line.spi) == (Decimal("0.89"), Decimal("0.80"))


def test_kpi_trend_over_earlier_closed_periods(world: Clinic) -> None:
    app, pid = world.app, world.project_id
    for month in ("2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09"):
        app.health.close_period(pid, month)
    app.health.close_period(pid, "2026-12")  # after this period: not in its trend
    kpis = report(world).kpis
    assert kpis is not None
    assert kpis.periods == ("2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09")
    cpi = next(line for line in kpis.lines if line.key == "cpi")
    assert cpi.trend == ("0.89",) * 6
    variance = next(line for line in kpis.lines if line.key == "finish_variance_days")
    assert variance.trend == ("",) * 6  # no data then either


def test_schedule_against_the_baseline(world: Clinic) -> None:
    app, pid, ctx = world.app, world.project_id, world.ctx
    set_task(ctx, world.excavate, critical=True, total_float=0)
    app.baselines.save_baseline(pid, "Contract")
    set_task(ctx, world.topping_out, start=nov(24), finish=nov(24), critical=True)
    schedule = report(world, weeks=2).schedule
    assert schedule is not None
    assert schedule.baseline_name == "Contract"
    assert [(m.wbs, m.name, m.baseline, m.forecast, m.actual, m.variance_days)
            for m in schedule.milestones] == [
        ("1.2", "Topping out", nov(20), nov(24), None, 2),  # Fri 20 → Tue 24: Mon, Tue
    ]  # fmt: skip
    assert (schedule.contract_completion, schedule.forecast_completion) == (nov(20), nov(24))
    assert schedule.completion_variance_days == 2
    assert [(g.wbs, g.is_summary, g.is_milestone, g.critical) for g in schedule.gantt] == [
        ("1", True, False, True),
        ("1.2", False, True, True),
    ]
    structure = schedule.gantt[0]
    assert (structure.start, structure.finish) == (nov(2), nov(24))  # rolled up
    assert (structure.baseline_start, structure.baseline_finish) == (nov(2), nov(20))
    assert [t.name for t in schedule.critical_path] == ["Excavate", "Topping out"]
    assert schedule.critical_path[0].total_float_days == 0
    assert schedule.critical_path[0].percent_complete == Decimal(40)
    # Look-ahead from Fri 6 Nov: 2 weeks reach Fri 20 Nov (Excavate finishes 13 Nov).
    assert [t.name for t in schedule.look_ahead] == ["Excavate"]
    three = report(world, weeks=3).schedule
    assert three is not None and [t.name for t in three.look_ahead] == ["Excavate", "Topping out"]
    set_task(ctx, world.excavate, percent_complete=100)
    done = report(world).schedule
    assert done is not None and [t.name for t in done.critical_path] == ["Topping out"]


def test_schedule_without_baseline_uses_the_planned_finish(world: Clinic) -> None:
    world.app.projects.update(world.project_id, {"planned_finish": nov(18)})
    schedule = report(world).schedule
    assert schedule is not None and schedule.baseline_name == ""
    assert (schedule.contract_completion, schedule.forecast_completion) == (nov(18), nov(20))
    assert schedule.completion_variance_days == 2  # Thu 19, Fri 20
    assert schedule.milestones[0].baseline is None
    assert schedule.milestones[0].variance_days is None


def test_cost_change_orders_of_the_period(world: Clinic) -> None:
    app, pid = world.app, world.project_id
    co = app.change_orders

    def change(title: str, cost: str) -> int:
        return co.create(pid, title, cost, budget_line_id=world.concrete).value.id

    october = change("October extra", "1,000")
    co.set_status(october, "pending", on=oct_(20))
    co.set_status(october, "approved", on=oct_(31), by="Owner")
    rebar = change("Extra rebar", "2,000")
    co.set_status(rebar, "pending", on=nov(2))
    co.set_status(rebar, "approved", on=nov(5), by="Owner")
    change("Potential", "500")
    pending = change("Pending", "3,000")
    co.set_status(pending, "pending", on=nov(3))
    cost = report(world).cost
    assert cost is not None
    assert [c.title for c in cost.approved_this_period] == ["Extra rebar"]
    assert [(c.title, c.cost) for c in cost.pending] == [
        ("Pending", Decimal("3000.00")), ("Potential", Decimal("500.00")),
    ]  # fmt: skip
    assert cost.pending_exposure == Decimal("3500.00")
    assert cost.currency == "USD"
    assert cost.ledger == app.cost.ledger(pid)
    assert cost.evm == app.evm.figures(pid)
    assert cost.s_curve == app.evm.s_curve(pid)
    assert cost.ledger.line_totals.revised == Decimal("13000.00")


def test_appendix_audit_summary_of_the_period(world: Clinic) -> None:
    appendix = report(world).appendix
    assert appendix is not None
    audit = {(a.entity, a.action): a.count for a in appendix.audit}
    # Everything was made "today" (the wall clock's date) in this test.
    today = date.today()
    if today.strftime("%Y-%m") != "2026-11":
        built = world.app.reports.project_report(
            world.project_id, today.strftime("%Y-%m"), ReportChoices((Section.APPENDIX_AUDIT,))
        )
        assert built.appendix is not None
        audit = {(a.entity, a.action): a.count for a in built.appendix.audit}
    assert audit[("Issue log entry", "created")] == 9  # the two internal ones left out
    assert audit[("Task", "created")] == 3
    assert audit[("Risk", "created")] == 3
    assert ("Project", "created") in audit and ("Project", "changed") in audit
    assert "parties" in appendix.audit_scope


def test_a_section_not_chosen_is_none_and_a_chosen_one_always_there(ctx: ServiceContext) -> None:
    app = AppServices(ctx)
    pid = app.projects.create("Empty").value.id
    built = app.reports.project_report(pid, "2026-11", ReportChoices(ALL_SECTIONS))
    assert built.summary is not None and built.summary.decisions == ()
    assert built.summary.overall is Rag.GREEN  # nothing overdue, no high risk, no missed milestone
    assert (
        built.schedule is not None
        and built.schedule.milestones == ()
        and built.schedule.gantt == ()
    )
    assert built.schedule.contract_completion is None and built.schedule.forecast_completion is None
    assert built.cost is not None and built.cost.evm is None and built.cost.pending == ()
    assert built.cost.ledger.lines == ()
    assert (
        built.issues is not None
        and built.issues.open == ()
        and built.issues.closed_this_period == ()
    )
    assert built.risks is not None and built.risks.top == ()
    assert built.risks.heat_map == ((0,) * 5,) * 5
    assert built.kpis is not None and len(built.kpis.lines) == 11
    assert built.appendix is not None and built.appendix.issues == () and built.appendix.risks == ()
    only = app.reports.project_report(pid, "2026-11", ReportChoices((Section.RISKS,)))
    assert only.risks is not None
    assert (only.summary, only.schedule, only.cost, only.issues, only.kpis, only.appendix) == (
        None, None, None, None, None, None,
    )  # fmt: skip
    assert only.cover.project_name == "Empty"  # the cover's facts are always gathered


def test_saved_choices_are_used_and_bad_input_refused(world: Clinic) -> None:
    app, pid = world.app, world.project_id
    app.report_settings.set_choices(pid, ReportChoices((Section.ISSUES,), 5))
    built = app.reports.project_report(pid, "2026-11")
    assert built.choices == ReportChoices((Section.ISSUES,), 5)
    assert built.issues is not None and built.summary is None
    with pytest.raises(
        ValidationError, match="Period: must be a month like 2026-10, not '2026-13'"
    ):
        app.reports.bundle(pid, "2026-13")
    with pytest.raises(NotFoundError):
        app.reports.bundle(999, "2026-11")
    with pytest.raises(ValidationError, match="Look-ahead"):
        app.reports.project_report(pid, "2026-11", replace(ReportChoices(), look_ahead_weeks=1))


def test_portfolio_report(world: Clinic, ctx: ServiceContext) -> None:
    app = world.app
    other = app.projects.create("Empty annex").value.id
    report_ = app.reports.portfolio_report("2026-11")
    assert (report_.title, report_.period_label, report_.report_date) == (
        "Portfolio", "November 2026", date(2026, 11, 20),
    )  # fmt: skip
    assert [line.project_id for line in report_.lines] == [
        p.project_id for p in app.dashboard.rows()
    ]
    clinic_line = next(line for line in report_.lines if line.project_id == world.project_id)
    row = next(r for r in app.dashboard.rows() if r.project_id == world.project_id)
    assert (clinic_line.overall, clinic_line.cpi, clinic_line.spi) == (
        row.overall,
        row.cpi,
        row.spi,
    )
    assert (clinic_line.next_milestone, clinic_line.next_milestone_on) == ("Topping out", nov(20))
    first = report_.projects[0]
    assert first.choices.sections == (
        Section.SUMMARY, Section.SCHEDULE, Section.COST, Section.ISSUES, Section.RISKS,
    )  # fmt: skip
    assert first.kpis is None and first.appendix is None
    only = app.reports.portfolio_report("2026-11", [other], [Section.RISKS])
    assert [p.project_id for p in only.projects] == [other]
    assert only.projects[0].risks is not None and only.projects[0].summary is None
    bundle = app.reports.bundle(None, "2026-11", portfolio=True)
    assert bundle.project is None and bundle.portfolio is not None
    assert len(bundle.portfolio.lines) == 2
