"""The portfolio dashboard over a cost-heavy portfolio.

Builds, in a temporary workspace, 20 projects with a 60-task WBS each (with a compared
baseline), 10 budget lines (one of them contingency), 5 commitments, 2,000 change orders
in all (mixed statuses, some drawn from contingency), 5,000 pay applications in all,
issues, risks and a few RAG overrides. Then it times, as medians of 9 runs after one
warm-up:
  - DashboardService.rows() for the whole portfolio (every KPI, RAG, CPI, SPI, VAC,
    next milestone and open issues of the 20 projects);
  - the same with the bottom-up EAC chosen (each project's ledger is read too);
  - the floor: plain sqlite3 summing the same rows (change orders by project and status,
    certificates to each status date, tasks with their baseline dates, budget lines,
    open issues and risks), in the same run.
Target: the whole dashboard under 300 ms.
Run by hand:  .venv/bin/python bench/cost.py
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

TMP = Path(tempfile.mkdtemp(prefix="orep-bench-cost-"))
os.environ.update(
    OWNERSREP_BACKUP_DIR=str(TMP / "backups"),
    OWNERSREP_LOG_DIR=str(TMP / "logs"),
    XDG_CONFIG_HOME=str(TMP / "config"),
)

from sqlalchemy import insert  # noqa: E402

from ownersrep.db.models import (  # noqa: E402
    Baseline,
    BaselineTask,
    BudgetLine,
    ChangeOrder,
    Commitment,
    CommitmentLine,
    Issue,
    Party,
    PayApplication,
    Project,
    RagOverride,
    Risk,
    Setting,
    Task,
)
from ownersrep.db.workspace import create_workspace  # noqa: E402
from ownersrep.domain.evm import EacMethod  # noqa: E402
from ownersrep.runtime import tune_gc  # noqa: E402
from ownersrep.services.baseline_service import compared_key  # noqa: E402
from ownersrep.services.context import ServiceContext  # noqa: E402
from ownersrep.services.dashboard_service import DashboardService  # noqa: E402
from ownersrep.services.evm_service import EvmService  # noqa: E402

PROJECTS = 20
CHANGES_PER_PROJECT = 100  # 2,000 in all
PAYMENTS_PER_COMMITMENT = 50  # 5 commitments × 50 × 20 projects = 5,000
RUNS = 9
TARGET_MS = 300
TODAY = date(2026, 11, 20)
STATUSES = ("potential", "pending", "approved", "approved", "rejected", "void")


class Ids:
    def __init__(self) -> None:
        self.n: dict[str, int] = {}

    def next(self, table: str) -> int:
        self.n[table] = self.n.get(table, 0) + 1
        return self.n[table]


def add(rows: dict[Any, list[dict[str, Any]]], model: Any, **values: Any) -> None:
    rows.setdefault(model, []).append(values)


def project_rows(
    rows: dict[Any, list[dict[str, Any]]], ids: Ids, n: int, rnd: random.Random
) -> None:
    pid = ids.next("project")
    status_date = date(2026, 11, 6) - timedelta(days=7 * (n % 4))
    add(
        rows, Project, id=pid, sort_order=n, name=f"Project {n:02d}", code=f"P{n:02d}",
        kind="construction", status="active", status_date=status_date,
        planned_start=date(2026, 1, 5), planned_finish=date(2027, 6, 30), currency="USD",
        location="", description="",
    )  # fmt: skip
    baseline = ids.next("baseline")
    add(rows, Baseline, id=baseline, project_id=pid, name="Contract", number=0)
    add(rows, Setting, key=compared_key(pid), value=str(baseline))
    summaries = []
    day = date(2026, 1, 5)
    for w in range(5):
        sid = ids.next("task")
        summaries.append(sid)
        add(
            rows, Task, id=sid, project_id=pid, parent_id=None, sort_order=w,
            name=f"Phase {w}", kind="summary", start=day, finish=day, duration_days=0,
            percent_complete=0, notes="",
        )  # fmt: skip
        summary = rows[Task][-1]
        children = []
        for t in range(11):
            tid = ids.next("task")
            milestone = t == 10
            length = 0 if milestone else rnd.randint(5, 25)
            finish = day + timedelta(days=max(length - 1, 0) * 7 // 5)
            pct = 100 if finish < status_date else (40 if day < status_date else 0)
            kind = "milestone" if milestone else "task"
            add(
                rows, Task, id=tid, project_id=pid, parent_id=sid, sort_order=t,
                name=f"Work {w}.{t}", kind=kind, start=day, finish=finish,
                duration_days=length, percent_complete=pct, notes="",
            )  # fmt: skip
            slip = timedelta(days=rnd.choice((0, 0, 3, 7)))
            children.append((tid, day - slip, finish - slip))
            day = finish + timedelta(days=1)
        summary["finish"] = day
        for tid, start, finish in children:
            add(
                rows, BaselineTask, baseline_id=baseline, task_id=tid,
                start=datetime.combine(start, datetime.min.time()),
                finish=datetime.combine(finish + timedelta(days=1), datetime.min.time()),
            )  # fmt: skip
    lines = []
    for i in range(9):
        lid = ids.next("line")
        lines.append(lid)
        add(
            rows, BudgetLine, id=lid, project_id=pid, code=f"{i:02d}-000", description=f"Line {i}",
            group="", kind="cost", original=Decimal(rnd.randint(200_000, 900_000)),
            sort_order=i, task_id=summaries[i % 5] if i < 7 else None,
        )  # fmt: skip
    contingency = ids.next("line")
    add(
        rows, BudgetLine, id=contingency, project_id=pid, code="99-000", description="Contingency",
        group="", kind="contingency", original=Decimal(500_000), sort_order=9,
    )  # fmt: skip
    commitments = []
    for i in range(5):
        cid = ids.next("commitment")
        commitments.append(cid)
        amount = Decimal(1_000_000)
        add(
            rows, Commitment, id=cid, project_id=pid, number=f"CT-{i + 1:03d}", title=f"C{i}",
            kind="contract", party_id=1, amount=amount, retainage_percent=Decimal(5),
        )  # fmt: skip
        add(
            rows, CommitmentLine, id=ids.next("cl"), commitment_id=cid, budget_line_id=lines[i],
            amount=amount,
        )  # fmt: skip
        end = date(2022, 12, 31)
        for k in range(PAYMENTS_PER_COMMITMENT):
            end = (end + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            end = (end.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            certified = Decimal(rnd.randint(1_000, 15_000))
            add(
                rows, PayApplication, id=ids.next("pay"), commitment_id=cid, number=k + 1,
                period_end=end, claimed=certified, certified=certified,
                retainage_held=(certified * Decimal("0.05")).quantize(Decimal("0.01")),
                retainage_released=Decimal(0), paid_on=end + timedelta(days=30),
            )  # fmt: skip
    for k in range(CHANGES_PER_PROJECT):
        status = rnd.choice(STATUSES)
        drawn = status == "approved" and k % 10 == 0
        add(
            rows, ChangeOrder, id=ids.next("co"), project_id=pid, number=f"CO-{k + 1:03d}",
            title=f"Change {k}", description="", reason="owner_request", status=status,
            commitment_id=None, budget_line_id=lines[k % 9], cost=Decimal(rnd.randint(-500, 900)),
            time_impact_days=0, submitted_on=date(2026, 3, 1), approved_by="",
            approved_on=date(2026, 3, 9) if status == "approved" else None,
            from_contingency=drawn, contingency_line_id=contingency if drawn else None,
        )  # fmt: skip
    for k in range(60):
        raised = date(2026, 1, 5) + timedelta(days=5 * k)
        add(
            rows, Issue, id=ids.next("issue"), project_id=pid, issue_type="issue",
            number=f"ISS-{k + 1:04d}", title=f"Issue {k}", description="", priority="medium",
            status=rnd.choice(("open", "in_progress", "closed")), raised_on=raised,
            due_on=raised + timedelta(days=30), resolution="", internal=False,
        )  # fmt: skip
    for k in range(20):
        add(
            rows, Risk, id=ids.next("risk"), project_id=pid, number=f"RSK-{k + 1:03d}",
            title=f"Risk {k}", cause="", effect="", category="construction",
            probability=rnd.randint(1, 5), impact=rnd.randint(1, 5), response="mitigate",
            mitigation="", status=rnd.choice(("open", "closed")), raised_on=date(2026, 1, 5),
        )  # fmt: skip
    if n % 3 == 0:
        add(
            rows, RagOverride, id=ids.next("override"), project_id=pid, area="cost",
            rag="amber", commentary="Claims under review", set_on=TODAY, set_by="bench",
        )  # fmt: skip


def build(path: Path) -> ServiceContext:
    ws = create_workspace(path)
    rnd = random.Random(5)
    rows: dict[Any, list[dict[str, Any]]] = {}
    add(rows, Party, id=1, name="Summit Builders", role="contractor", notes="")
    ids = Ids()
    for n in range(1, PROJECTS + 1):
        project_rows(rows, ids, n, rnd)
    order = (
        Party, Project, Task, Baseline, BaselineTask, Setting, BudgetLine, Commitment,
        CommitmentLine, ChangeOrder, PayApplication, Issue, Risk, RagOverride,
    )  # fmt: skip
    with ws.sessions.begin() as s:
        for model in order:
            by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in rows.get(model, []):
                by_keys.setdefault(tuple(sorted(row)), []).append(row)
            for batch in by_keys.values():
                s.execute(insert(model), batch)
    counts = {m.__tablename__: len(rows.get(m, [])) for m in order}
    print(
        f"{counts['project']} projects, {counts['task']} tasks, {counts['change_order']:,} "
        f"change orders, {counts['pay_application']:,} pay applications"
    )
    return ServiceContext(ws.sessions, today=lambda: TODAY)


FLOOR_QUERIES = (
    "SELECT project_id, status, sum(cost), count(*) FROM change_order GROUP BY project_id, status",
    "SELECT c.project_id, sum(p.certified) FROM pay_application p "
    "JOIN commitment c ON c.id = p.commitment_id JOIN project j ON j.id = c.project_id "
    "WHERE p.period_end <= coalesce(j.status_date, '2026-11-20') GROUP BY c.project_id",
    "SELECT t.project_id, t.id, t.parent_id, t.kind, t.start, t.finish, t.percent_complete, "
    "b.start, b.finish FROM task t LEFT JOIN baseline_task b ON b.task_id = t.id",
    "SELECT project_id, kind, sum(original) FROM budget_line GROUP BY project_id, kind",
    "SELECT project_id, count(*) FROM issue WHERE status IN ('open', 'in_progress') "
    "GROUP BY project_id",
    "SELECT project_id, count(*) FROM risk WHERE status <> 'closed' AND "
    "probability * impact >= 15 GROUP BY project_id",
)


def floor(path: Path) -> Callable[[], object]:
    def run() -> object:
        with closing(sqlite3.connect(path)) as con:
            return [con.execute(q).fetchall() for q in FLOOR_QUERIES]

    return run


def median_ms(fn: Callable[[], object]) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    tune_gc()  # as the app runs (ownersrep.runtime)
    path = TMP / "portfolio.orep"
    ctx = build(path)
    dashboard = DashboardService(ctx)
    rows = dashboard.rows()
    assert len(rows) == PROJECTS
    sample = rows[0]
    print(
        f"{sample.code}: overall {sample.overall.word}, CPI {sample.cpi}, SPI {sample.spi}, "
        f"VAC {sample.vac}, next milestone {sample.next_milestone} {sample.next_milestone_on}"
    )
    ms = median_ms(dashboard.rows)
    floor_ms = median_ms(floor(path))
    # The bottom-up EAC also reads each project's cost ledger for its per-line ETC.
    EvmService(ctx).set_eac_method(EacMethod.BOTTOM_UP)
    bottom_up_ms = median_ms(dashboard.rows)
    EvmService(ctx).set_eac_method(EacMethod.CPI)
    verdict = "ok" if max(ms, bottom_up_ms) < TARGET_MS else "OVER TARGET"
    print(f"dashboard rows (20 projects)    {ms:8.1f} ms   target < {TARGET_MS} ms: {verdict}")
    print(f"  with the bottom-up EAC        {bottom_up_ms:8.1f} ms")
    print(f"floor: plain sqlite3 sums       {floor_ms:8.1f} ms   ({ms / floor_ms:.1f}× the floor)")


if __name__ == "__main__":
    main()
