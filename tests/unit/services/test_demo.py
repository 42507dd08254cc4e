"""The demo workspace generator: realistic content, coherent schedules, valid keys."""

from __future__ import annotations

import argparse
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import astuple
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from ownersrep.cli_demo import register
from ownersrep.db.workspace import open_workspace
from ownersrep.domain.errors import WorkspaceError
from ownersrep.services import demo
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.demo import build_demo_rows, write_demo

STATUS_DATE = date(2026, 11, 13)
CLINIC = "Riverside Medical Clinic"
ERP = "Finance & Supply Chain ERP Roll-out"
SYNTHETIC = "Synthetic project 01"
AUDITED = (
    "party",
    "contact",
    "program",
    "project",
    "task",
    "task_link",
    "issue",
    "risk",
    "period_snapshot",
    "report_period",
)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.orep"
    summary = write_demo(path, scale=1)
    assert summary.projects == 3
    return path


@pytest.fixture
def db(demo_file: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{demo_file}?mode=ro", uri=True)
    yield conn
    conn.close()


def _project_ids(db: sqlite3.Connection) -> dict[str, int]:
    return {name: pid for pid, name in db.execute("SELECT id, name FROM project")}


def _count(db: sqlite3.Connection, table: str, project_id: int) -> int:
    sql = f"SELECT count(*) FROM {table} WHERE project_id = ?"
    return db.execute(sql, (project_id,)).fetchone()[0]


def _tasks(db: sqlite3.Connection) -> dict[int, dict[str, object]]:
    cursor = db.execute(
        "SELECT id, project_id, parent_id, sort_order, name, kind, start, duration_days, "
        "finish, percent_complete FROM task"
    )
    cols = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    tasks = {}
    for row in rows:
        task = dict(zip(cols, row, strict=True))
        task["start"] = date.fromisoformat(task["start"])
        task["finish"] = date.fromisoformat(task["finish"])
        tasks[task["id"]] = task
    return tasks


def _workdays(start: date, finish: date) -> int:
    return sum(1 for n in range((finish - start).days + 1) if (start + timedelta(n)).weekday() < 5)


# -- the file ---------------------------------------------------------------------------


def test_programs_settings_and_parties(db: sqlite3.Connection) -> None:
    programs = dict(db.execute("SELECT name, id FROM program"))
    assert set(programs) == {"Capital Projects", "Corporate Transformation", "Benchmark"}
    placed = dict(db.execute("SELECT name, program_id FROM project"))
    assert placed[CLINIC] == programs["Capital Projects"]
    assert placed[ERP] == programs["Corporate Transformation"]
    assert placed[SYNTHETIC] == programs["Benchmark"]
    settings = dict(db.execute("SELECT key, value FROM setting"))
    compared = {k: v for k, v in settings.items() if k.startswith("baseline.compared.")}
    assert {k: v for k, v in settings.items() if k not in compared} == {
        "workspace_name": "Demo portfolio",
        "currency": "USD",
        "report.organisation": "Morgan Owner Advisory",
        "report.confidentiality": "Confidential: prepared for Riverside Health System",
    }
    # Each project is compared against its contract baseline (its dates as planned).
    baselines = {
        f"baseline.compared.{pid}": str(bid)
        for bid, pid in db.execute(
            "SELECT id, project_id FROM baseline WHERE name = 'Contract baseline'"
        )
    }
    assert compared == baselines and len(baselines) == len(placed)
    parties = dict(db.execute("SELECT name, role FROM party"))
    assert parties["Riverside Health System"] == "owner"
    assert parties["Northbridge Consulting Group"] == "contractor"
    assert parties["RHS Finance"] == "internal"
    per_party = db.execute(
        "SELECT p.name, count(c.id) FROM party p LEFT JOIN contact c ON c.party_id = p.id "
        "GROUP BY p.id"
    ).fetchall()
    assert all(1 <= n <= 3 for _name, n in per_party)
    client, contractor = db.execute(
        "SELECT client_id, contractor_id FROM project WHERE name = ?", (CLINIC,)
    ).fetchone()
    assert client is not None and contractor is not None


def test_counts_are_as_specified_and_every_key_holds(db: sqlite3.Connection) -> None:
    ids = _project_ids(db)
    clinic, erp, synthetic = ids[CLINIC], ids[ERP], ids[SYNTHETIC]
    assert 140 <= _count(db, "task", clinic) <= 170
    assert _count(db, "issue", clinic) == 40
    assert _count(db, "risk", clinic) == 15
    assert 55 <= _count(db, "task", erp) <= 70
    assert _count(db, "issue", erp) == 20
    assert _count(db, "risk", erp) == 10
    assert 450 <= _count(db, "task", synthetic) <= 550
    assert 850 <= _count(db, "task_link", synthetic) <= 1150
    assert 230 <= _count(db, "issue", synthetic) <= 270
    assert 15 <= _count(db, "risk", synthetic) <= 25
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_clinic_has_the_key_milestones_in_a_sensible_order(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT t.name, t.start FROM task t JOIN project p ON p.id = t.project_id "
        "WHERE p.name = ? AND t.kind = 'milestone'",
        (CLINIC,),
    )
    on = {name: date.fromisoformat(start) for name, start in rows}
    order = [
        "Building permit issued",
        "Notice to proceed",
        "Structure topped out",
        "Building dried in",
        "Substantial completion",
        "Certificate of occupancy",
    ]
    dates = [on[name] for name in order]
    assert dates == sorted(dates)
    assert on["Structure topped out"] < STATUS_DATE < on["Substantial completion"]


# -- schedules --------------------------------------------------------------------------


def test_task_structure_dates_and_progress_are_coherent(db: sqlite3.Connection) -> None:
    tasks = _tasks(db)
    children: dict[int | None, list[dict[str, object]]] = defaultdict(list)
    for t in tasks.values():
        children[t["parent_id"]].append(t)
    for siblings in children.values():
        by_project = defaultdict(list)
        for t in siblings:
            by_project[t["project_id"]].append(t["sort_order"])
        for orders in by_project.values():
            assert sorted(orders) == list(range(1, len(orders) + 1))
    for t in tasks.values():
        start, finish = t["start"], t["finish"]
        assert finish >= start
        assert start.weekday() < 5 and finish.weekday() < 5, t["name"]
        has_children = bool(children.get(t["id"]))
        assert has_children == (t["kind"] == "summary"), t["name"]
        if t["kind"] == "milestone":
            assert t["duration_days"] == 0 and start == finish
            assert t["percent_complete"] == (100 if finish <= STATUS_DATE else 0)
        elif t["kind"] == "task" and not t["percent_complete"]:
            # Work not started runs its duration; a summary spans its children, and a
            # started task may run late (the engine puts what is left after the status date).
            # (one day more when it starts mid-day after what is left of a started task)
            assert _workdays(start, finish) - t["duration_days"] in (0, 1), t["name"]
        if t["kind"] == "task":
            if finish <= STATUS_DATE:
                assert t["percent_complete"] == 100, t["name"]
            elif start > STATUS_DATE:
                assert t["percent_complete"] == 0, t["name"]
            else:
                assert 0 < t["percent_complete"] < 100, t["name"]
        if t["parent_id"] is not None:
            parent = tasks[t["parent_id"]]
            assert parent["start"] <= start and finish <= parent["finish"]


def test_links_have_no_loops_and_fs_successors_start_after_predecessors(
    db: sqlite3.Connection,
) -> None:
    tasks = _tasks(db)
    links = db.execute(
        "SELECT project_id, predecessor_id, successor_id, link_type, lag_days FROM task_link"
    ).fetchall()
    types = Counter(link[3] for link in links)
    assert types["FS"] > 0.7 * len(links) and types["SS"] and types["FF"]
    assert any(link[4] for link in links)
    successors: dict[int, list[int]] = defaultdict(list)
    indegree: Counter[int] = Counter()
    for project_id, pred, succ, link_type, _lag in links:
        p, s = tasks[pred], tasks[succ]
        assert p["project_id"] == s["project_id"] == project_id
        assert "summary" not in (p["kind"], s["kind"])
        successors[pred].append(succ)
        indegree[succ] += 1
        if link_type == "FS":
            # A milestone is a point at the end of its day, and what is left of a started
            # task may end mid-day (and its successors with it): a successor can start on
            # the day its predecessor finishes, never before.
            assert s["start"] >= p["finish"], (p["name"], s["name"])
    # Kahn's algorithm visits every task only if there is no loop.
    ready = [tid for tid in tasks if indegree[tid] == 0]
    visited = 0
    while ready:
        tid = ready.pop()
        visited += 1
        for succ in successors[tid]:
            indegree[succ] -= 1
            if indegree[succ] == 0:
                ready.append(succ)
    assert visited == len(tasks)


# -- issue log and risks ----------------------------------------------------------------


def test_number_counters_match_the_highest_number_used(db: sqlite3.Connection) -> None:
    used: dict[tuple[int, str], int] = {}
    for table in ("issue", "risk", "change_order", "commitment"):
        for project_id, number in db.execute(f"SELECT project_id, number FROM {table}"):
            prefix, _, seq = number.partition("-")
            key = (project_id, prefix)
            used[key] = max(used.get(key, 0), int(seq))
    counters = {
        (p, prefix): last
        for p, prefix, last in db.execute("SELECT project_id, prefix, last FROM number_counter")
    }
    assert counters == used
    prefixes = {p for _pid, p in used}
    assert prefixes == {"ISS", "RFI", "DEC", "ACT", "RSK", "CO", "CT", "PO"}
    # Issue numbers carry their type's prefix and are unique per project.
    rows = db.execute("SELECT project_id, issue_type, number FROM issue").fetchall()
    expected = {"issue": "ISS", "rfi": "RFI", "decision": "DEC", "action": "ACT"}
    assert all(number.startswith(expected[kind] + "-") for _p, kind, number in rows)
    assert len({(p, n) for p, _k, n in rows}) == len(rows)
    assert all(len(n) == 7 for (n,) in db.execute("SELECT number FROM risk"))  # RSK-001


def test_issue_log_has_a_realistic_mix(db: sqlite3.Connection) -> None:
    clinic = _project_ids(db)[CLINIC]
    rows = db.execute(
        "SELECT issue_type, status, priority, raised_on, due_on, closed_on, resolution, "
        "cost_impact, schedule_impact_days, task_id, internal, title, description "
        "FROM issue WHERE project_id = ?",
        (clinic,),
    ).fetchall()
    assert {r[0] for r in rows} == {"issue", "rfi", "decision", "action"}
    assert {r[1] for r in rows} == {"open", "in_progress", "resolved", "closed"}
    assert len({r[2] for r in rows}) >= 3
    overdue = [r for r in rows if r[1] in ("open", "in_progress") and r[4] < "2026-11-13"]
    assert len(overdue) >= 3
    for r in rows:
        assert r[3] <= "2026-11-13"
        assert r[4] is None or r[4] >= r[3]
        assert (r[1] == "closed") == (r[5] is not None)
        if r[1] in ("resolved", "closed"):
            assert r[6]
        assert r[11] and len(r[12]) > 40
    assert sum(1 for r in rows if r[1] == "closed") >= 10
    costs = [r[7] for r in rows if r[7] is not None]  # Money: integer cents
    assert len(costs) >= 5 and all(isinstance(c, int) for c in costs) and min(costs) < 0
    assert sum(1 for r in rows if r[8] is not None) >= 5
    assert sum(1 for r in rows if r[9] is not None) >= 30
    assert 1 <= sum(1 for r in rows if r[10]) <= 5
    assert any(
        r[11].startswith("RFI: Fire-rated ceiling assembly at Level 2 corridor") for r in rows
    )
    # Linked tasks belong to the issue's own project.
    wrong = db.execute(
        "SELECT count(*) FROM issue i JOIN task t ON t.id = i.task_id "
        "WHERE t.project_id <> i.project_id"
    ).fetchone()[0]
    assert wrong == 0


def test_risk_registers_fill_the_heat_map(db: sqlite3.Connection) -> None:
    for name in (CLINIC, ERP):
        pid = _project_ids(db)[name]
        rows = db.execute(
            "SELECT probability, impact, status, category, response, mitigation, owner_id, "
            "raised_on, review_on FROM risk WHERE project_id = ?",
            (pid,),
        ).fetchall()
        assert len({(p, i) for p, i, *_ in rows}) >= 3
        assert all(1 <= p <= 5 and 1 <= i <= 5 for p, i, *_ in rows)
        assert 1 <= sum(1 for r in rows if r[2] == "closed") < len(rows) / 2
        assert len({r[3] for r in rows}) >= 4
        assert all(r[5] and r[6] is not None for r in rows)
        assert all(r[8] is None or r[8] >= r[7] for r in rows)


def test_every_inserted_row_is_audited(db: sqlite3.Connection) -> None:
    audited = dict(
        db.execute("SELECT entity, count(*) FROM audit_entry WHERE action = 'insert' GROUP BY 1")
    )
    for table in (*AUDITED, "setting"):
        assert audited[table] == db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    missing = db.execute(
        "SELECT count(*) FROM audit_entry a LEFT JOIN task t ON t.id = a.entity_id "
        "WHERE a.entity = 'task' AND t.id IS NULL"
    ).fetchone()[0]
    assert missing == 0


def test_the_app_services_read_the_demo_and_continue_its_numbering(tmp_path: Path) -> None:
    path = tmp_path / "demo.orep"
    summary = write_demo(path)
    assert summary.projects == 2 and summary.seconds > 0
    with sqlite3.connect(path) as conn:
        tables = ("project", "task", "task_link", "issue", "risk", "party")
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
    conn.close()
    assert list(astuple(summary)[:6]) == counts
    with open_workspace(path) as ws:
        services = AppServices(ServiceContext(ws.sessions, today=lambda: STATUS_DATE))
        tree = services.portfolio.tree()
        programs = [p.name for p in tree.programs()]
        assert programs == ["Capital Projects", "Corporate Transformation"]
        clinic = next(p for p in tree.projects() if p.name == CLINIC)
        assert clinic.task_count == len(services.tasks.list_tasks(clinic.id))
        issues = services.issues.list_issues(clinic.id)
        assert len(issues) == 40 and sum(i.overdue for i in issues) >= 3
        heat = services.risks.heat_map(clinic.id)
        assert sum(1 for row in heat for n in row if n) >= 3
        rfis = sum(1 for i in issues if i.number.startswith("RFI-"))
        rfi = services.issues.create(clinic.id, "rfi", "RFI: Stair 2 handrail height").value
        assert rfi.number == f"RFI-{rfis + 1:04d}"
        assert services.risks.create(clinic.id, "New risk", 2, 3).value.number == "RSK-016"


def test_three_closed_periods_per_project_trend_towards_the_status_date(tmp_path: Path) -> None:
    """The report's arrows and KPI trend need history: August to October are closed."""
    path = tmp_path / "demo.orep"
    write_demo(path)
    with open_workspace(path) as ws:
        services = AppServices(ServiceContext(ws.sessions, today=lambda: STATUS_DATE))
        clinic = next(p for p in services.portfolio.tree().projects() if p.name == CLINIC)
        periods = [s.period for s in services.health.snapshots(clinic.id)]
        assert periods == ["2026-10", "2026-09", "2026-08"]
        trend = services.health.trend(clinic.id)
        by_key = {k.key: k for k in trend.kpis}
        # October against September: CPI 0.97 after 0.99, ten overdue issues after eight.
        assert (by_key["cpi"].this, by_key["cpi"].last) == (Decimal("0.97"), Decimal("0.99"))
        assert (by_key["overdue_issues"].this, by_key["overdue_issues"].last) == (10, 8)
        schedule = next(a for a in trend.areas if a.area.value == "schedule")
        assert (schedule.this.value, schedule.last.value) == ("amber", "green")
        live_cpi = services.health.kpis(clinic.id).cpi
        assert live_cpi is not None and live_cpi <= by_key["cpi"].this


def test_report_records_hold_the_reps_words_for_october_and_november(
    db: sqlite3.Connection,
) -> None:
    pid = _project_ids(db)[CLINIC]
    rows = db.execute(
        "SELECT period, report_number, issued_on, frozen_overrides, narrative_html, "
        "achievements FROM report_period WHERE project_id = ? ORDER BY period",
        (pid,),
    ).fetchall()
    assert [(p, n, i, f) for p, n, i, f, *_ in rows] == [
        ("2026-10", 9, "2026-11-06", "[]"),
        ("2026-11", 10, None, None),
    ]
    narrative, achievements = rows[1][4], rows[1][5]
    assert "CPI is 0.96" in narrative and narrative.startswith("<p>")
    assert len(achievements.splitlines()) == 3


# -- writing ----------------------------------------------------------------------------


def test_an_existing_path_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "mine.orep"
    path.write_bytes(b"precious")
    with pytest.raises(WorkspaceError, match="already exists"):
        write_demo(path)
    assert path.read_bytes() == b"precious"


def test_a_failure_while_writing_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(demo, "write_rows", broken)
    path = tmp_path / "demo.orep"
    with pytest.raises(RuntimeError):
        write_demo(path)
    assert list(tmp_path.iterdir()) == []


def test_generation_is_deterministic_and_reports_progress() -> None:
    messages: list[str] = []
    first = build_demo_rows(0, messages.append)
    second = build_demo_rows(0)
    assert first.tasks == second.tasks and first.issues == second.issues
    assert any("Riverside Medical Clinic" in m for m in messages)


# -- command line -----------------------------------------------------------------------


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ownersrep")
    register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_writes_the_demo_and_prints_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.orep"
    args = _parse(["demo", str(path)])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote {path}: 2 projects, ")
    assert " tasks, " in out and out.rstrip().endswith(" s") and path.exists()


def test_cli_reports_an_existing_path_as_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.orep"
    path.write_bytes(b"x")
    args = _parse(["demo", str(path), "--scale", "2"])
    assert args.scale == 2
    assert args.handler(args) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ") and "already exists" in captured.err
    assert captured.out == ""


def test_cli_refuses_a_negative_scale(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parse(["demo", "x.orep", "--scale", "-1"])
    assert "must be 0 or more" in capsys.readouterr().err


def test_the_clinic_slips_against_its_baseline(db: sqlite3.Connection) -> None:
    """Progress behind plan at the status date pushes the remaining work out: some tasks
    finish after their baseline finish, none before it is planned to start."""
    late = db.execute(
        "SELECT count(*) FROM task t JOIN project p ON p.id = t.project_id "
        "JOIN baseline_task b ON b.task_id = t.id "
        "WHERE p.name = ? AND t.finish > b.finish",
        (CLINIC,),
    ).fetchone()[0]
    rows = db.execute(
        "SELECT count(*) FROM baseline_task b JOIN task t ON t.id = b.task_id "
        "JOIN project p ON p.id = t.project_id WHERE p.name = ?",
        (CLINIC,),
    ).fetchone()[0]
    tasks = db.execute(
        "SELECT count(*) FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = ?",
        (CLINIC,),
    ).fetchone()[0]
    assert rows == tasks and late > 0
