"""EvmService: PV from the compared baseline spread over working days, EV from percent
complete, AC from certificates to the status date, the EAC formula setting, the S-curve,
and budget lines spread over the WBS. Every figure is worked by hand in the comments
(November 2026: Mon 2 – Fri 6, Mon 9 – Fri 13, Mon 16 – Fri 20 are working days)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete

from ownersrep.db.models import Calendar
from ownersrep.db.workspace import Workspace
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.evm import EacMethod, SCurve
from ownersrep.domain.scheduling.model import CalendarSpec
from ownersrep.services.app_services import AppServices
from ownersrep.services.calendar_codec import calendar_columns
from ownersrep.services.context import ServiceContext
from tests.helpers.health_world import (
    STATUS_DATE,
    Clinic,
    add_task,
    certify,
    clinic,
    nov,
    set_task,
)
from tests.helpers.workspace_fingerprint import fingerprint

D = Decimal
SKIP = ["audit_entry", "sqlite_sequence"]


@pytest.fixture
def c(ctx: ServiceContext) -> Clinic:
    return clinic(ctx)


def test_the_hand_worked_example(c: Clinic) -> None:
    f = c.app.evm.figures(c.project_id)
    assert f is not None
    # 10,000.00 over Excavate's 10 working days = 1,000.00 a day; 5 days to Fri 6 Nov.
    assert (f.bac, f.pv, f.ev, f.ac) == (D("10000.00"), D("5000.00"), D("4000.00"), D("4500.00"))
    assert f.spi == D("0.80")  # 4,000 ÷ 5,000
    assert f.cpi == D("0.89")  # 4,000 ÷ 4,500 = 0.888…
    assert (f.cv, f.sv) == (D("-500.00"), D("-1000.00"))
    assert f.method is EacMethod.CPI
    assert f.eac == D("11250.00")  # 10,000 × 4,500 ÷ 4,000
    assert f.vac == D("-1250.00")
    assert f.tcpi == D("1.09")  # (10,000 − 4,000) ÷ (10,000 − 4,500) = 1.0909…
    assert f.eacs() == {
        EacMethod.CPI: D("11250.00"),
        EacMethod.BUDGET_RATE: D("10500.00"),  # 4,500 + (10,000 − 4,000)
        # 4,500 + 6,000 × 4,500 × 5,000 ÷ 4,000² = 4,500 + 8,437.50
        EacMethod.CPI_SPI: D("12937.50"),
        # the ledger's ETC: revised 10,000 − certified 4,500 = 5,500; 4,500 + 5,500
        EacMethod.BOTTOM_UP: D("10000.00"),
    }


def test_no_budget_gives_no_figures(ctx: ServiceContext) -> None:
    app = AppServices(ctx)
    pid = app.projects.create("Empty").value.id
    add_task(ctx, pid, "Work", nov(2), nov(13), percent=50)
    assert app.evm.figures(pid) is None
    assert app.evm.s_curve(pid) == SCurve()
    # contingency is reserve, not planned work: still no budget to earn against
    app.budget_lines.create(pid, "99-000", "Contingency", "5000", kind="contingency")
    assert app.evm.figures(pid) is None
    # a cost line of zero is no budget either
    app.budget_lines.create(pid, "01-000", "General", "0")
    assert app.evm.figures(pid) is None
    with pytest.raises(NotFoundError):
        app.evm.figures(999)


def test_no_progress_and_no_cost_yet(ctx: ServiceContext) -> None:
    app = AppServices(ctx)
    pid = app.projects.create("Fresh").value.id
    app.projects.update(pid, {"status_date": STATUS_DATE})
    add_task(ctx, pid, "Work", nov(2), nov(13), days=10)
    app.budget_lines.create(pid, "01-000", "Work", "10000")
    f = app.evm.figures(pid)
    assert f is not None
    # PV 5,000 (5 of 10 days); nothing earned, nothing certified.
    assert (f.pv, f.ev, f.ac) == (D("5000.00"), D("0.00"), D("0.00"))
    assert f.spi == D("0.00")  # 0 ÷ 5,000
    assert f.cpi is None  # 0 ÷ 0: no cost yet
    assert f.eac is None and f.vac is None  # BAC ÷ CPI cannot be worked
    assert f.eac_by(EacMethod.BUDGET_RATE) == D("10000.00")  # 0 + (10,000 − 0)
    # Before the work was planned to start, PV is 0 and SPI is "no data".
    app.projects.update(pid, {"status_date": date(2026, 10, 30)})
    f = app.evm.figures(pid)
    assert f is not None and (f.pv, f.spi) == (D("0.00"), None)


def test_today_stands_in_for_a_missing_status_date(c: Clinic) -> None:
    c.app.projects.update(c.project_id, {"status_date": None})
    f = c.app.evm.figures(c.project_id)
    # Today (Fri 20 Nov) is after Excavate's finish: all 10,000 planned.
    assert f is not None and f.pv == D("10000.00")


def test_ac_counts_certificates_up_to_the_status_date(c: Clinic) -> None:
    certify(c.app, c.project_id, c.gc, c.concrete, "2,000.00", nov(6))  # on the date: in
    certify(c.app, c.project_id, c.gc, c.concrete, "1,000.00", nov(30))  # after: out
    f = c.app.evm.figures(c.project_id)
    assert f is not None and f.ac == D("6500.00")  # 4,500 + 2,000


def test_pv_follows_the_compared_baseline_not_the_current_dates(c: Clinic) -> None:
    c.app.baselines.save_baseline(c.project_id, "Contract")  # the first is compared
    # Excavate slips a week: Mon 9 – Fri 20 Nov.
    set_task(c.ctx, c.excavate, start=nov(9), finish=nov(20))
    f = c.app.evm.figures(c.project_id)
    assert f is not None and f.pv == D("5000.00")  # still 5 of the baseline's 10 days
    # Compared with no baseline, the current dates plan it: nothing due by Fri 6 Nov.
    c.app.baselines.set_compared_baseline(c.project_id, None)
    f = c.app.evm.figures(c.project_id)
    assert f is not None and (f.pv, f.spi) == (D("0.00"), None)


def test_a_task_added_after_the_baseline_adds_no_pv(c: Clinic) -> None:
    c.app.baselines.save_baseline(c.project_id, "Contract")
    extra = add_task(c.ctx, c.project_id, "Dewater", nov(2), nov(6), parent=c.structure, days=5)
    set_task(c.ctx, extra, percent_complete=100)
    f = c.app.evm.figures(c.project_id)
    assert f is not None
    # The line now spreads over Excavate (10 days) and Dewater (5 days): 6,666.67 and
    # 3,333.33. Dewater was never planned, so PV is only Excavate's first 5 days, at
    # 6,666.67 ÷ 10 cut to the cent = 666.66 a day (the last day takes the 0.07 left).
    assert f.bac == D("10000.00")
    assert f.pv == D("3333.30")  # 5 × 666.66
    # EV: 6,666.67 × 40 % + 3,333.33 × 100 % = 2,666.668 + 3,333.33 = 5,999.998 → 6,000.00
    assert f.ev == D("6000.00")


def test_lines_spread_over_the_leaves_by_working_days(ctx: ServiceContext) -> None:
    app = AppServices(ctx)
    pid = app.projects.create("Spread").value.id
    app.projects.update(pid, {"status_date": nov(13)})
    wbs = add_task(ctx, pid, "Building", nov(2), nov(20), kind="summary")
    a = add_task(ctx, pid, "Frame", nov(2), nov(13), parent=wbs, percent=100, days=10)
    add_task(ctx, pid, "Roof", nov(16), nov(20), parent=wbs, days=5)
    add_task(ctx, pid, "Handover", nov(20), nov(20), parent=wbs, kind="milestone")
    # 10,000 on the summary: Frame 10 days → 6,666.67, Roof 5 days → 3,333.33
    # (10,000 × 10 ÷ 15 = 6,666.666…; the spare cent goes to the larger remainder).
    app.budget_lines.create(pid, "01", "Building", "10000", task_id=wbs)
    f = app.evm.figures(pid)
    assert f is not None
    # By Fri 13 Nov Frame is done and Roof not started.
    assert (f.bac, f.pv, f.ev) == (D("10000.00"), D("6666.67"), D("6666.67"))
    # A line on one leaf stays on it; a line with no task spreads over every leaf.
    app.budget_lines.create(pid, "02", "Frame extras", "300", task_id=a)
    app.budget_lines.create(pid, "03", "General", "1500")  # Frame 1,000, Roof 500
    f = app.evm.figures(pid)
    assert f is not None
    assert f.bac == D("11800.00")
    assert f.pv == D("7966.67")  # 6,666.67 + 300 + 1,000: all of Frame's budget
    assert f.ev == D("7966.67")


def test_budget_with_no_task_to_land_on_counts_in_bac_only(ctx: ServiceContext) -> None:
    app = AppServices(ctx)
    pid = app.projects.create("No schedule").value.id
    app.budget_lines.create(pid, "01", "Everything", "2500")
    f = app.evm.figures(pid)
    assert f is not None
    assert (f.bac, f.pv, f.ev, f.ac) == (D("2500.00"), D("0.00"), D("0.00"), D("0.00"))
    assert (f.spi, f.cpi) == (None, None)


def test_approved_changes_revise_the_budget_spread(c: Clinic) -> None:
    co = c.app.change_orders
    change = co.create(c.project_id, "Deeper footings", "2000", budget_line_id=c.concrete).value
    assert c.app.evm.figures(c.project_id).bac == D("10000.00")  # type: ignore[union-attr]
    co.set_status(change.id, "pending")  # exposure only
    assert c.app.evm.figures(c.project_id).bac == D("10000.00")  # type: ignore[union-attr]
    co.set_status(change.id, "approved", by="J. Owner")
    f = c.app.evm.figures(c.project_id)
    # Revised 12,000 over 10 days: 1,200 a day; PV 6,000, EV 40 % = 4,800.
    assert f is not None and (f.bac, f.pv, f.ev) == (D("12000.00"), D("6000.00"), D("4800.00"))


def test_budget_line_task_must_be_in_the_project(c: Clinic, ctx: ServiceContext) -> None:
    other = c.app.projects.create("Other").value.id
    foreign = add_task(ctx, other, "Elsewhere", nov(2), nov(3))
    lines = c.app.budget_lines
    with pytest.raises(ValidationError, match=r"^WBS element: task #\d+ is not in this project$"):
        lines.create(c.project_id, "05-100", "Steel", "1000", task_id=foreign)
    with pytest.raises(ValidationError, match=r"WBS element: task #999 is not in this project"):
        lines.update(c.concrete, {"task_id": 999})
    with pytest.raises(ValidationError, match=r"WBS element: “x” is not a record"):
        lines.update(c.concrete, {"task_id": "x"})
    old = lines.update(c.concrete, {"task_id": c.excavate}).value
    assert old == {"task_id": c.structure}
    assert lines.get(c.concrete).task_id == c.excavate
    lines.update(c.concrete, old)
    assert lines.get(c.concrete).task_id == c.structure
    lines.update(c.concrete, {"task_id": None})
    assert lines.get(c.concrete).task_id is None


def test_eac_method_setting_and_its_undo(c: Clinic, workspace: Workspace) -> None:
    evm = c.app.evm
    before = fingerprint(workspace, skip=SKIP)
    assert evm.eac_method() is EacMethod.CPI
    out = evm.set_eac_method("budget_rate")
    assert out.value is EacMethod.CPI and out.changes.touches("health", c.project_id)
    f = evm.figures(c.project_id)
    assert f is not None and (f.method, f.eac, f.vac) == (
        EacMethod.BUDGET_RATE,
        D("10500.00"),
        D("-500.00"),
    )
    assert evm.set_eac_method(EacMethod.BOTTOM_UP).value is EacMethod.BUDGET_RATE
    f = evm.figures(c.project_id)
    assert f is not None and (f.eac, f.etc) == (D("10000.00"), D("5500.00"))
    with pytest.raises(ValidationError, match=r"EAC formula: “magic” is not one of: cpi, "):
        evm.set_eac_method("magic")
    evm.set_eac_method(EacMethod.BUDGET_RATE)  # undo the second
    evm.set_eac_method(out.value)  # undo the first
    assert evm.eac_method() is EacMethod.CPI
    assert fingerprint(workspace, skip=SKIP) == before  # the default is stored as no row


def test_s_curve(c: Clinic) -> None:
    curve = c.app.evm.s_curve(c.project_id)
    # Weekly samples (a three-week project): the first date (the 31 Oct certificate),
    # each Sunday, and the status date where EV and AC were measured.
    assert curve.dates == (
        date(2026, 10, 31),
        date(2026, 11, 1),
        nov(6),
        nov(8),
        nov(15),
    )
    assert curve.pv == (D("0.00"), D("0.00"), D("5000.00"), D("5000.00"), D("10000.00"))
    # EV only where it was measured (no period closed: the status date alone), never
    # a line invented from zero; AC 4,500 from 31 Oct.
    assert curve.ev == (None, None, D("4000.00"), None, None)
    assert curve.ac == (D("4500.00"), D("4500.00"), D("4500.00"), None, None)


def test_s_curve_takes_ev_from_closed_periods(c: Clinic) -> None:
    # The October report, taken at a status date of Wed 4 Nov with Excavate 10 % done;
    # now the status date is Fri 13 Nov and Excavate is 70 % done.
    c.app.projects.update(c.project_id, {"status_date": nov(4)})
    set_task(c.ctx, c.excavate, percent_complete=10)
    c.app.health.close_period(c.project_id, "2026-10")
    c.app.projects.update(c.project_id, {"status_date": nov(13)})
    set_task(c.ctx, c.excavate, percent_complete=70)
    curve = c.app.evm.s_curve(c.project_id)
    ev = dict(zip(curve.dates, curve.ev, strict=True))
    assert ev[nov(1)] is None  # before the first measure: a gap, not an invented line
    assert ev[nov(8)] == D("1000.00")  # the last measure by then: 10 % on 4 Nov
    assert ev[nov(13)] == D("7000.00")  # 70 % at the status date
    assert ev[nov(15)] is None  # nothing measured after the status date


def test_pv_skips_the_holidays_of_the_project_calendar(c: Clinic) -> None:
    # Wed 4 Nov is a holiday: Excavate (Mon 2 – Fri 13) has 9 working days, 1,111.11 a
    # day (10,000 ÷ 9 cut to the cent; the last day takes 1,111.12), and by Fri 6 Nov
    # four of them have passed: PV 4,444.44.
    spec = CalendarSpec(key="site", name="Site", exceptions=((nov(4), ()),))
    with c.ctx.sessions.begin() as s:
        s.add(Calendar(project_id=c.project_id, is_default=True, **calendar_columns(spec)))
    f = c.app.evm.figures(c.project_id)
    assert f is not None and f.pv == D("4444.44")
    # A plain Monday-to-Friday calendar of its own plans as the standard one does.
    with c.ctx.sessions.begin() as s:
        s.execute(delete(Calendar))
        plain = CalendarSpec(key="plain", name="Plain")
        s.add(Calendar(project_id=c.project_id, is_default=True, **calendar_columns(plain)))
    f = c.app.evm.figures(c.project_id)
    assert f is not None and f.pv == D("5000.00")
