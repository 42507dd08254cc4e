"""The owner report gathered from the demo workspace (the clinic and the ERP roll-out):
internal items never appear, a closed period prints its snapshot, the sections hold the
demo's own figures, and the portfolio lists both projects."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ownersrep.db.workspace import open_workspace
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.demo import write_demo
from ownersrep.services.report_types import ALL_SECTIONS, ReportChoices

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-demo") / "demo.orep"
    write_demo(path, scale=0)
    return path


@pytest.fixture
def app(demo_file: Path, tmp_path: Path) -> Iterator[AppServices]:
    copy = tmp_path / "demo.orep"
    shutil.copy(demo_file, copy)
    with open_workspace(copy) as ws:
        yield AppServices(ServiceContext(ws.sessions, today=lambda: TODAY))


@pytest.fixture(scope="module")
def internal_titles(demo_file: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{demo_file}?mode=ro", uri=True)) as db:
        return [t for (t,) in db.execute("SELECT title FROM issue WHERE internal = 1")]


def test_internal_items_appear_in_no_report(app: AppServices, internal_titles: list[str]) -> None:
    assert len(internal_titles) >= 4
    everything = ReportChoices(ALL_SECTIONS)
    texts = [
        repr(app.reports.bundle(app.reports.project_by_code(code), period, choices=everything))
        for code in ("RMC", "ERP")
        for period in ("2026-10", "2026-11")
    ]
    texts.append(repr(app.reports.bundle(None, "2026-11", portfolio=True, choices=everything)))
    for text in texts:
        for title in internal_titles:
            assert title not in text


def test_clinic_report_holds_the_demo_figures(app: AppServices) -> None:
    pid = app.reports.project_by_code("RMC")
    assert app.reports.default_period(pid) == "2026-11"  # status date Fri 13 Nov
    bundle = app.reports.bundle(pid, "2026-11")
    r = bundle.project
    assert r is not None and bundle.portfolio is None
    assert (r.cover.project_name, r.cover.client_name) == (
        "Riverside Medical Clinic", "Riverside Health System",
    )  # fmt: skip
    assert r.cover.status_date == date(2026, 11, 13)
    assert r.kpis is not None and not r.kpis.from_snapshot
    assert r.kpis.periods == ("2026-08", "2026-09", "2026-10")
    cpi = next(line for line in r.kpis.lines if line.key == "cpi")
    assert cpi.value == "0.96"  # the demo's narrative: CPI 0.96
    assert r.cost is not None and r.cost.evm is not None
    assert r.cost.evm.cpi == Decimal("0.96")
    assert r.schedule is not None and r.schedule.baseline_name == "Contract baseline"
    assert len(r.schedule.milestones) == 11
    assert all(g.level <= 1 or g.is_milestone for g in r.schedule.gantt)
    assert r.issues is not None
    overdue = [i.overdue for i in r.issues.open]
    assert overdue == sorted(overdue, reverse=True)  # overdue first
    assert r.risks is not None and len(r.risks.top) <= 10
    scores = [x.score for x in r.risks.top]
    assert scores == sorted(scores, reverse=True)
    assert sum(map(sum, r.risks.heat_map)) == len(
        [x for x in app.risks.list_risks(pid) if x.status.value != "closed"]
    )


def test_a_closed_period_prints_its_snapshot(app: AppServices) -> None:
    pid = app.reports.project_by_code("RMC")
    closed = next(p for p in app.health.snapshots(pid) if p.period == "2026-10")
    r = app.reports.project_report(pid, "2026-10", ReportChoices(ALL_SECTIONS))
    assert r.kpis is not None and r.kpis.from_snapshot
    assert r.kpis.periods == ("2026-08", "2026-09")
    by_key = {line.key: line for line in r.kpis.lines}
    assert by_key["cpi"].value == f"{closed.kpis.cpi:.2f}"
    assert by_key["open_issues"].value == str(closed.kpis.open_issues)
    assert r.summary is not None
    assert [a.this for a in r.summary.areas] == [a.shown for a in closed.areas]
    assert r.summary.overall == closed.overall
    september = next(p for p in app.health.snapshots(pid) if p.period == "2026-09")
    assert r.summary.overall_last == september.overall


def test_portfolio_of_the_demo(app: AppServices) -> None:
    bundle = app.reports.bundle(None, app.reports.default_period(None), portfolio=True)
    portfolio = bundle.portfolio
    assert portfolio is not None and bundle.project is None
    assert portfolio.title == "Demo portfolio"
    assert [line.code for line in portfolio.lines] == [r.code for r in app.dashboard.rows()]
    assert len(portfolio.projects) == 2
    assert all(p.cover is not None and p.kpis is None for p in portfolio.projects)
    rows = {r.project_id: r for r in app.dashboard.rows()}
    for line in portfolio.lines:
        row = rows[line.project_id]
        assert (line.cpi, line.spi, line.next_milestone) == (row.cpi, row.spi, row.next_milestone)
